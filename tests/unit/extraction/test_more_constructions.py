"""Rule families added after the held-out checks, each with sentences written for these tests, in both languages."""

import pytest


# --- casualty and affected words -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ifølge kommunen er 412 beboere blevet evakueret fra kystbyen.", "da", [("displaced", 412)]),
    ("Myndighederne siger, at 95 familier har mistet deres hjem i branden.", "da", [("displaced", 95)]),
    ("Omkring 700 mennesker er bragt i sikkerhed, oplyser beredskabet.", "da", [("displaced", 700)]),
    ("The county said 2,300 residents had been evacuated from the valley.", "en", [("displaced", 2300)]),
    ("Officials said 640 people had lost their homes in the storm.", "en", [("displaced", 640)]),
    ("Nearly 3,000 villagers were being moved out of the flood zone, the governor said.", "en", [("displaced", 3000)]),
    ("The mayor said 150 residents had been taken out of the town by bus.", "en", [("displaced", 150)]),
])
def test_evacuees_and_the_homeless_are_displaced(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Præsten siger, at 37 mennesker er blevet begravet på den lokale kirkegård.", "da", [("killed", 37)]),
    ("Journalister så ligene af mindst 12 mænd langs vejen.", "da", [("killed", 12)]),
    ("The clinic said 85 people had been treated for smoke inhalation.", "en", [("wounded", 85)]),
    ("Eleven of the miners remain in critical condition, the company said.", "en", [("wounded", 11)]),
    ("Hospitalet oplyser, at 14 patienter er i kritisk tilstand.", "da", [("wounded", 14)]),
])
def test_burials_bodies_and_treatment(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ifølge brandvæsenet er 23 personer trukket levende ud af murbrokkerne.", "da", [("other", 23)]),
    ("The coastguard said its crews had plucked 61 migrants from the sea.", "en", [("other", 61)]),
    ("A nurse guided about 40 patients to safety, witnesses said.", "en", [("other", 40)]),
    ("Kyiv said 95 of its soldiers had come home in the swap.", "en", [("other", 95)]),
    ("Ifølge regeringen er 57 fanger vendt hjem.", "da", [("other", 57)]),
    ("Ifølge Røde Kors er op mod 80.000 mennesker berørt af tørken.", "da", [("other", 80000)]),
])
def test_rescues_returns_and_the_affected_are_other(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Arrangørerne siger, at 60.000 mennesker var mødt op foran parlamentet.", "da", [("other", 60000)]),
    ("Fagforeningen vurderer, at over en million havde deltaget i protesterne.", "da", [("other", 1000000)]),
    ("Police said about 9,000 spectators were in the arena.", "en", [("other", 9000)]),
    ("Organisers said 300 dock workers had walked out.", "en", [("other", 300)]),
])
def test_crowd_words(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Hæren siger, at luftværnet skød i nat ni russiske angrebsdroner og to krydsermissiler ned.", "da",
     [("destroyed_equipment", 9), ("destroyed_equipment", 2)]),
    ("The ministry said two helicopters had crashed during the exercise.", "en", [("destroyed_equipment", 2)]),
    ("Police said 21 vehicles were damaged by the mob.", "en", [("destroyed_equipment", 21)]),
    ("The general staff said the enemy lost 14 tanks and 380 soldiers.", "en",
     [("destroyed_equipment", 14), ("killed", 380)]),
    ("Ifølge hæren mistede fjenden 60 mand i slaget.", "da", [("killed", 60)]),
])
def test_equipment_losses_and_split_particle_verbs(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_flooded_villages_and_collapsed_buildings_are_other(cats):
    assert cats("The governor said 31 villages had been flooded.", "en") == [("other", 31)]
    assert cats("Ifølge kommunen er 212 bygninger styrtet sammen.", "da") == [("other", 212)]


# --- numbers that are not counts ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Under kampene 3. og 4. marts blev 40 soldater dræbt, siger hæren.", "da", [("killed", 40)]),
    ("Between 5 and 6 May, 40 soldiers were killed, the army said.", "en", [("killed", 40)]),
    ("The victims, aged between 9 and 15, were among 30 people killed.", "en", [("killed", 30)]),
    ("The youngest of the 18 who died was aged seven.", "en", [("killed", 18)]),
    ("Ofrene var i alderen fra 19 til 23 år, og otte blev dræbt.", "da", [("killed", 8)]),
    ("The visitors lost 4-1, and 12 fans were injured afterwards.", "en", [("wounded", 12)]),
    ("Fem betjente blev såret, ikke seks, oplyser politiet.", "da", [("wounded", 5)]),
    ("Two soldiers were killed, not three, the ministry said.", "en", [("killed", 2)]),
    ("FN har nedjusteret dødstallet med over 300, men 1200 er fortsat savnet.", "da", [("missing", 1200)]),
])
def test_dates_ages_scores_corrections_and_changes_are_no_counts(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_a_year_shaped_toll_after_a_toll_noun_is_a_count(cats):
    assert cats("Søndag lød dødstallet på 2014.", "da") == [("killed", 2014)]
    assert cats("By evening the death toll had risen to 1998.", "en") == [("killed", 1998)]
    assert cats("Krigen begyndte i 2014, og 30 blev dræbt.", "da") == [("killed", 30)]


# --- zero and negation --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("- Vi har ikke såret en eneste civil, sagde obersten.", "da", [("wounded", 0)]),
    ("Ifølge udenrigsministeriet er der ingen nordmænd blandt de dræbte.", "da", [("killed", 0)]),
    ("Ingen passagerer kom alvorligt til skade, oplyser rederiet.", "da", [("wounded", 0)]),
    ("Not a single drone was shot down, the Russian side said.", "en", [("destroyed_equipment", 0)]),
    ("The rebels said they had not killed a single hostage.", "en", [("killed", 0)]),
    ("Police said no pupils were hurt.", "en", [("wounded", 0)]),
    ("The operator said there were no deaths or injuries on board.", "en", [("killed", 0), ("wounded", 0)]),
    ("Rederiet oplyser, at ingen er dræbt eller såret.", "da", [("killed", 0), ("wounded", 0)]),
])
def test_negated_counts_are_zero_claims(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Nobody knows how many people were killed.", "en"),
    ("There was no word on casualties, and no official figure for the dead.", "en"),
    ("Ingen ved, hvor mange der er omkommet.", "da"),
    ("Der er ingen tegn på, at nogen blev dræbt.", "da"),
    ("Politiet har ikke et eneste spor.", "da"),
])
def test_negations_that_count_nothing(claims, text, lang):
    assert claims(text, lang) == []


# --- one person named with an article -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("En 17-årig dreng blev dræbt ved skyderiet, oplyser politiet.", "da", [("killed", 1)]),
    ("Ifølge hospitalet blev en niårig pige alvorligt såret.", "da", [("wounded", 1)]),
    ("Police said they had arrested a 31-year-old man.", "en", [("other", 1)]),
    ("A teenage girl was killed when the shell hit, officials said.", "en", [("killed", 1)]),
    ("A doctor said 14 people were wounded.", "en", [("wounded", 14)]),
    ("A spokesman said the ministry was looking into the attack.", "en", []),
])
def test_an_article_before_a_person_counts_one(cats, text, lang, expected):
    assert cats(text, lang) == expected


# --- parts and wholes, and figures that point back ---------------------------------------------------------------
def test_part_of_a_whole_shot_down_makes_the_whole_launched(cats):
    assert cats("Ukraine said it shot down 40 of the 52 drones.", "en") == [
        ("destroyed_equipment", 40), ("other", 52)]
    assert cats("Hæren skød 19 af de 25 missiler ned, oplyser forsvaret.", "da") == [
        ("destroyed_equipment", 19), ("other", 25)]


def test_part_of_a_group_of_people_leaves_the_group_out(cats):
    assert cats("Tre af hendes fem børn blev dræbt, siger hun.", "da") == [("killed", 3)]
    assert cats("Two of the six climbers died, the park said.", "en") == [("killed", 2)]


def test_of_them_takes_the_class_of_the_earlier_count(cats):
    assert cats("Police said 40 cars were damaged, 12 of them police cars.", "en") == [
        ("destroyed_equipment", 40), ("destroyed_equipment", 12)]
    assert cats("Officials said 90 people were hurt and that 15 of them were in critical condition.", "en") == [
        ("wounded", 90), ("wounded", 15)]


def test_the_figure_counts_what_was_counted_before(cats, claims):
    text = ("Mindst 120 mennesker er dræbt ved jordskælvet, siger regeringen. "
            "Røde Kors opgør tallet til 180, mens FN melder om 210 døde.")
    assert cats(text, "da") == [("killed", 120), ("killed", 180), ("killed", 210)]
    text = "Organisers said 80,000 people had marched. Police put the figure at 25,000."
    assert cats(text, "en") == [("other", 80000), ("other", 25000)]
    assert claims("Tallet er 12.", "da") == []


def test_according_to_inside_a_clause_does_not_cut_count_from_trigger(cats):
    assert cats("Over 300 mennesker er ifølge kommunen fortsat savnet.", "da") == [("missing", 300)]
    assert cats("Some 70 people were, according to the mayor, still missing.", "en") == [("missing", 70)]


def test_comparisons_and_sums_are_no_counts(cats, claims):
    assert claims("The army has killed thousands more than it admits, activists said.", "en") == []
    assert claims("Hæren har dræbt tusindvis flere, end den indrømmer, siger aktivister.", "da") == []
    assert cats('Arrangørerne opgør deltagerantallet til "over en million plus én".', "da") == [
        ("other", 1000000)]


def test_a_qualifier_inside_quotation_marks_still_qualifies(claims):
    assert claims("Ifølge hæren blev »omkring 60« soldater dræbt.", "da") == [("killed", 60, None, "about")]
    assert claims('Officials said "nearly 60" soldiers were killed.', "en") == [("killed", 60, None, "about")]


def test_the_first_noun_after_a_count_is_its_noun(cats, claims):
    assert claims("Raketten ramte en seks etager høj bygning, siger politiet.", "da") == []
    assert cats("Russia launched 28 attack drones overnight, the air force said.", "en") == [("other", 28)]


def test_a_change_far_from_its_verb_is_no_count(claims):
    text = "Myndighederne har nedjusteret antallet af dræbte ved angrebene i weekenden med over 40."
    assert claims(text, "da") == []

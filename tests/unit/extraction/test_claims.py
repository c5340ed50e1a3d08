"""claims.py: which counts are claims, of what category, how many in one sentence — in Danish and English."""

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("Tolv soldater blev dræbt ved angrebet, oplyser hæren.", ("killed", 12)),
    ("Fire betjente er døde efter eksplosionen, siger politiet.", ("killed", 4)),
    ("Ifølge myndighederne omkom 31 passagerer.", ("killed", 31)),
    ("Ifølge hospitalet mistede 8 patienter livet under branden.", ("killed", 8)),
    ("Oversvømmelserne har kostet 57 mennesker livet, oplyser regeringen.", ("killed", 57)),
    ("Ifølge hæren blev 19 soldater såret i kampene.", ("wounded", 19)),
    ("Redningstjenesten siger, at 6 personer kom til skade.", ("wounded", 6)),
    ("Hæren oplyser, at 40 oprørere er taget til fange.", ("captured", 40)),
    ("Ifølge Røde Kors er 15 personer savnet efter skredet.", ("missing", 15)),
    ("FN siger, at 3.500 familier er fordrevet fra området.", ("displaced", 3500)),
])
def test_danish_casualty_words(claims, text, expected):
    assert [c[:2] for c in claims(text, "da")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Twelve soldiers were killed in the ambush, the army said.", ("killed", 12)),
    ("The governor said 31 passengers died in the crash.", ("killed", 31)),
    ("At least 8 patients lost their lives in the fire, officials said.", ("killed", 8)),
    ("The army said 19 soldiers were wounded.", ("wounded", 19)),
    ("Rescuers said 6 people were injured.", ("wounded", 6)),
    ("The army said it had captured 40 rebels.", ("captured", 40)),
    ("According to the Red Cross, 15 people are missing after the landslide.", ("missing", 15)),
    ("The UN said 3,500 families had been displaced.", ("displaced", 3500)),
])
def test_english_casualty_words(claims, text, expected):
    assert [c[:2] for c in claims(text, "en")] == [expected]


def test_danish_sentence_with_three_figures_gives_three_claims(claims):
    text = "Guvernøren siger, at tre af hans betjente blev let sårede, og at fem civile døde, og at 14 blev såret."
    assert claims(text, "da") == [("wounded", 3, None, "exact"), ("killed", 5, None, "exact"),
                                  ("wounded", 14, None, "exact")]


def test_english_killed_and_wounded_in_one_sentence(claims):
    text = "Officials said the blast killed at least 52 people and wounded more than 130."
    assert claims(text, "en") == [("killed", 52, None, "at_least"), ("wounded", 130, None, "more_than")]


def test_a_subset_is_its_own_claim(claims):
    text = "Mindst 23 civile, heriblandt fire børn, er dræbt, og 40 andre er såret, oplyser sundhedsministeriet."
    assert claims(text, "da") == [("killed", 23, None, "at_least"), ("killed", 4, None, "exact"),
                                  ("wounded", 40, None, "exact")]


def test_nobody_hurt_is_a_zero_claim(claims):
    assert claims("Politiet oplyser, at ingen kom til skade.", "da") == [("wounded", 0, None, "exact")]
    assert claims("The governor said nobody was killed.", "en") == [("killed", 0, None, "exact")]


def test_no_reports_of_deaths_is_no_zero_claim(claims):
    assert claims("There were no immediate reports of deaths, the agency said.", "en") == []


def test_captured_equipment_counts_an_article_as_one(claims):
    text = "Oprørerne siger, at de erobrede en kampvogn og et luftværnssystem."
    assert claims(text, "da") == [("captured_equipment", 1, None, "exact")] * 2
    text = "The rebels said they seized a tank and an armoured vehicle."
    assert claims(text, "en") == [("captured_equipment", 1, None, "exact")] * 2


def test_an_article_outside_a_capture_or_destruction_is_no_claim(claims):
    assert claims("En drone fløj over byen, og tre personer blev såret.", "da") == [("wounded", 3, None, "exact")]
    assert claims("A rocket fired by militants hit a school.", "en") == []


def test_shot_down_drones_and_launched_missiles(claims):
    text = "Hæren siger, at 14 droner blev skudt ned i nat."
    assert claims(text, "da") == [("destroyed_equipment", 14, None, "exact")]
    text = "Russia launched 40 drones and five missiles overnight, and air defences shot down 33 of the drones."
    assert claims(text, "en") == [("other", 40, None, "exact"), ("other", 5, None, "exact"),
                                  ("destroyed_equipment", 33, None, "exact")]


@pytest.mark.parametrize(("text", "lang", "subtype", "value"), [
    ("Politiet anholdt 230 personer under uroen.", "da", "arrested", 230),
    ("Ifølge politiet deltog 8.000 mennesker i demonstrationen.", "da", "crowd_size", 8000),
    ("Anklagemyndigheden siger, at 12 aktivister skal retsforfølges.", "da", "prosecuted", 12),
    ("Police said 61 people were arrested.", "en", "arrested", 61),
    ("Organisers said 20,000 people took part in the march.", "en", "crowd_size", 20000),
    ("The two countries exchanged 95 prisoners each, officials said.", "en", "prisoner_exchange", 95),
])
def test_other_figures_carry_a_subtype(text, lang, subtype, value):
    from newsclaims.extraction import extract

    [c] = extract(text, lang)
    assert (c.category, c.subtype, c.low) == ("other", subtype, value)


@pytest.mark.parametrize(("text", "lang"), [
    ("To organisationer har påtaget sig ansvaret for angrebet, hvor ingen blev dræbt.", "da"),
    ("Tre grupper har taget skylden for angrebet.", "da"),
    ("Begge lande siger, at de andre står bag.", "da"),
    ("Over 40.000 soldater er samlet ved grænsen.", "da"),
    ("Vidner hørte fire eksplosioner.", "da"),
    ("Two groups claimed responsibility for the attack.", "en"),
    ("More than 50,000 troops have massed on the border.", "en"),
    ("The attack began at 0400 GMT on March 12, two hours before 17 people were killed.", "en"),
    ("Witnesses heard three explosions before the building was hit.", "en"),
])
def test_numbers_that_are_not_claims_stay_out(claims, text, lang):
    assert [c for c in claims(text, lang) if c[1] not in (0, 17)] == []


def test_a_model_number_is_not_the_count(claims):
    assert claims("An F-35 jet was shot down in 2021, the ministry said.", "en") == [
        ("destroyed_equipment", 1, None, "exact")]
    assert claims("Hæren siger, at to Su-25-fly blev skudt ned.", "da") == [("destroyed_equipment", 2, None, "exact")]


def test_date_in_a_claim_sentence_does_not_become_a_count(claims):
    assert claims("On March 12, 17 people were killed, the mayor said.", "en") == [("killed", 17, None, "exact")]


def test_a_headline_without_a_full_stop_is_its_own_sentence():
    from newsclaims.extraction import extract

    text = "Mindst 40 dræbt i jordskælv\n\nMyndighederne oplyser, at mindst 40 er dræbt."
    found = extract(text, "da")
    assert [(c.sentence, c.low) for c in found] == [("Mindst 40 dræbt i jordskælv", 40),
                                                    ("Myndighederne oplyser, at mindst 40 er dræbt.", 40)]
    assert all(text[c.start:c.end] == c.sentence for c in found)


def test_a_trigger_belongs_to_the_count_next_to_it(claims):
    text = "The death toll has risen to 2,300, with more than 5,000 injured, the disaster agency said."
    assert claims(text, "en") == [("killed", 2300, None, "exact"), ("wounded", 5000, None, "more_than")]
    text = "Dødstallet er steget til 87, mens over 400 er såret, oplyser myndighederne."
    assert claims(text, "da") == [("killed", 87, None, "exact"), ("wounded", 400, None, "more_than")]


def test_of_them_takes_the_noun_of_an_earlier_clause(claims):
    text = "The rebels launched 12 drones; the army said it shot down 10 of them."
    assert claims(text, "en") == [("other", 12, None, "exact"), ("destroyed_equipment", 10, None, "exact")]
    text = "Oprørerne affyrede 9 droner; hæren siger, at den skød 7 af dem ned."
    assert claims(text, "da") == [("other", 9, None, "exact"), ("destroyed_equipment", 7, None, "exact")]


def test_an_adverb_inside_a_casualty_phrase(claims):
    assert claims("Ingen kom alvorligt til skade, siger vagtchefen.", "da") == [("wounded", 0, None, "exact")]
    assert claims("Two people were seriously injured, police said.", "en") == [("wounded", 2, None, "exact")]


def test_a_noun_naming_the_people_yields_to_the_verb_of_the_clause(claims):
    text = "Over 300 demonstranter blev anholdt, og 12 betjente blev såret, oplyser politiet."
    assert [c[:2] for c in claims(text, "da")] == [("other", 300), ("wounded", 12)]
    assert [c[:2] for c in claims("Militants killed 3 hostages, the army said.", "en")] == [("killed", 3)]


def test_four_digit_counts_are_not_taken_for_years(claims):
    assert claims("Omkring 2000 beboere er blevet evakueret, siger kommunen.", "da") == [
        ("displaced", 2000, None, "about")]
    assert claims("Konflikten har stået på siden 2019, og 40 er dræbt.", "da") == [("killed", 40, None, "exact")]


def test_claimed_the_lives_of(claims):
    assert claims("The explosion claimed the lives of at least 9 miners, the company said.", "en") == [
        ("killed", 9, None, "at_least")]

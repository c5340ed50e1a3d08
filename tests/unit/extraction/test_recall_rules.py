"""Recall rules added after held-out set C, each with sentences written for these tests, in both languages."""

import pytest


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The army said 40 aid workers were still being held by the rebels.", "en", [("captured", 40)]),
    ("Officials said 19 fishermen remain in the hands of the pirates.", "en", [("captured", 19)]),
    ("The ministry said 12 engineers were being held captive in the north.", "en", [("captured", 12)]),
])
def test_people_held_by_captors_are_captured(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ifølge politiet er fire mænd ramt af skud i nat.", "da", [("wounded", 4)]),
    ("Hospitalet oplyser, at 11 demonstranter var ramt af kugler.", "da", [("wounded", 11)]),
    ("The clinic said 230 people had sought medical help after the blast.", "en", [("wounded", 230)]),
])
def test_people_struck_by_gunfire_or_seeking_care_are_wounded(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Byen har været præget af uro efter tre nætters sammenstød med politiet.", "da"),
    ("Beboerne har levet med larmen i fire døgns tid.", "da"),
    ("The region has seen its worst flooding in more than three decades, the mayor said.", "en"),
    ("The church had stood there for two centuries before the quake.", "en"),
])
def test_spans_of_time_are_not_counts(claims, text, lang):
    assert claims(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Omkring 900 spejdere var samlet til lejren ved fjorden.", "da", [("other", 900)]),
    ("Færgen sejlede med 210 passagerer om bord, da stormen kom.", "da", [("other", 210)]),
    ("Over 5.000 tilhængere samlet foran rådhuset.", "da", [("other", 5000)]),
    ("About 4,000 fans had packed into the arena for the final.", "en", [("other", 4000)]),
    ("Some 1,200 people were working in the factory that morning.", "en", [("other", 1200)]),
    ("The ferry had 480 passengers aboard when it ran aground.", "en", [("other", 480)]),
])
def test_people_gathered_aboard_or_inside_are_counted(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_samlet_as_in_all_does_not_make_a_crowd(cats):
    assert cats("Samlet er 31 mennesker dræbt i ugens angreb, oplyser politiet.", "da") == [("killed", 31)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ifølge FN er over en halv million mennesker flygtet fra regionen.", "da",
     [("displaced", 500000, None, "more_than")]),
    ("Half a million people marched through the capital on Saturday.", "en", [("other", 500000, None, "exact")]),
    ("The agency said nearly half a million residents had fled the fighting.", "en",
     [("displaced", 500000, None, "about")]),
])
def test_half_a_million_is_five_hundred_thousand_with_its_qualifier(claims, text, lang, expected):
    assert claims(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Regionen oplyser, at 41 tilskuere søgte lægehjælp efter koncerten.", "da", [("wounded", 41)]),
    ("Sygehuset oplyser, at det har modtaget ni patienter fra ulykken.", "da", [("wounded", 9)]),
    ("The hospital said it had received 14 patients from the crash site.", "en", [("wounded", 14)]),
    ("Villagers said 31 women were taken.", "en", [("captured", 31)]),
    ("Redningsfolk leder efter 17 fiskere, oplyser kystvagten.", "da", [("missing", 17)]),
    ("The coastguard said crews were searching for 12 sailors.", "en", [("missing", 12)]),
])
def test_care_seized_and_searched_for(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_taken_to_hospital_stays_wounded(cats):
    assert cats("Police said 23 people were taken to hospital.", "en") == [("wounded", 23)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Sygehuset oplyser, at 40 er indlagt, heraf ni i kritisk tilstand.", "da", [("wounded", 40), ("wounded", 9)]),
    ("Politiet siger, at 12 er indlagt, heraf fire børn.", "da", [("wounded", 12), ("wounded", 4)]),
    ("Ifølge hæren er 210 soldater dræbt, og 35 af dem var officerer.", "da", [("killed", 210), ("killed", 35)]),
    ("The governor said 80 people were injured, of whom 11 were children.", "en", [("wounded", 80), ("wounded", 11)]),
])
def test_a_part_named_after_a_total_takes_its_category(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_patients_discharged_are_released_not_wounded(cats):
    text = "The hospital said 300 people had been taken to hospital, of whom 120 had since been discharged."
    assert cats(text, "en") == [("wounded", 300), ("other", 120)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("I nat blev 30 mennesker såret, heriblandt 12 demonstranter, 9 betjente og to fotografer.", "da",
     [("wounded", 30), ("wounded", 12), ("wounded", 9), ("wounded", 2)]),
    ("Officials said 50 people were hurt, among them 20 protesters, 14 police officers and a medic.", "en",
     [("wounded", 50), ("wounded", 20), ("wounded", 14)]),
])
def test_a_noun_trigger_after_one_count_does_not_categorise_the_next(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The army said 17 workers had escaped from the camp.", "en", [("other", 17)]),
    ("Ifølge politiet undslap seks af fangerne under overførslen.", "da", [("other", 6)]),
    ("Officials said about 900 residents were allowed to return on Tuesday.", "en", [("other", 900)]),
    ("Only 40 of the victims have been identified, the coroner said.", "en", [("other", 40)]),
    ("Ifølge retsmedicinerne er 25 af ofrene identificeret.", "da", [("other", 25)]),
    ("At least three fuel trucks exploded at the depot, the fire service said.", "en",
     [("destroyed_equipment", 3)]),
    ("Titusinder er gået på gaden i hovedstaden, skriver avisen.", "da", [("other", 20000)]),
])
def test_escaped_returned_identified_exploded_and_crowds(cats, text, lang, expected):
    assert cats(text, lang) == expected


def test_identifying_someone_as_a_person_of_some_age_is_no_count(claims):
    assert claims("Police identified the driver as Tom Hale, 41, on Monday.", "en") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Den anholdte er en 34-årig kvinde fra Aarhus.", "da"),
    ("The suspect is a 19-year-old man from Leeds, police said.", "en"),
    ("The survivors lived for a week on a few bottles of juice.", "en"),
    ("De overlevende havde kun et par flasker vand.", "da"),
])
def test_descriptions_and_supplies_are_no_counts(claims, text, lang):
    assert claims(text, lang) == []


def test_a_person_among_the_dead_still_counts(cats):
    assert cats("Blandt de dræbte er en syvårig pige, oplyser politiet.", "da") == [("killed", 1)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ifølge FN er mindst 140 landsbyer blevet sat i brand.", "da", [("other", 140)]),
    ("Villagers said 45 houses had been torched by the militia.", "en", [("other", 45)]),
    ("Regeringen oplyser, at 8.000 mennesker er fløjet ud af landet.", "da", [("displaced", 8000)]),
    ("The embassy said 2,600 citizens had been airlifted from the capital.", "en", [("displaced", 2600)]),
    ("Politiet anslår, at 3.000 tilhængere havde samlet sig foran slottet.", "da", [("other", 3000)]),
    ("Three cruise missiles slammed into the port on Friday, the navy said.", "en", [("other", 3)]),
    ("The ministry said 14 armoured personnel carriers had been destroyed.", "en", [("destroyed_equipment", 14)]),
])
def test_burned_villages_airlifts_gatherings_and_carriers(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Mindst 70 mennesker er indlagt; heriblandt 15 børn.", "da", [("wounded", 70), ("wounded", 15)]),
    ("The blast injured 90 people, and among them 8 firefighters.", "en", [("wounded", 90), ("wounded", 8)]),
    ("Rebels abducted 45 villagers; including 6 teachers.", "en", [("captured", 45), ("captured", 6)]),
])
def test_a_part_introduced_by_among_them_takes_the_total_category(cats, text, lang, expected):
    assert cats(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The group said it was still holding 14 aid workers.", "en", [("captured", 14)]),
    ("The kidnappers are holding at least 9 tourists, the embassy said.", "en", [("captured", 9)]),
    ("Officials said they were holding talks with 3 rebel factions.", "en", []),
])
def test_holding_a_number_of_people_is_captured(cats, text, lang, expected):
    assert cats(text, lang) == expected

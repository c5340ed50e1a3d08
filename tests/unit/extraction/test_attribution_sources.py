"""Sources that stand apart from a speech verb: the next sentence, a genitive, an arresting authority, an official
figure, a fronted adverbial before an auxiliary, a list going on in the same voice. Sentences written for these
tests, in both languages."""

from newsclaims.extraction import extract


def who(text: str, lang: str) -> list[tuple[int, str]]:
    return [(c.low, c.claimant_name) for c in extract(text, lang)]


def test_added_and_warned_are_speech_verbs():
    assert who("Mindst 14 er såret, tilføjer brandvæsenet.", "da") == [(14, "brandvæsenet")]
    assert who("Borgmester Lise Dahl har advaret om, at over 300 kan være omkommet.", "da") == [(300, "Lise Dahl")]


def test_genitive_owner_of_the_figures_is_the_source():
    text = "Redningstjenesten meldte fredag om 40 døde. Lørdag lød redningstjenestens tal på 52 døde."
    assert who(text, "da")[-1] == (52, "Redningstjenesten")
    text = "By Sunday the coastguard's figures showed 19 people missing."
    assert who(text, "en") == [(19, "the coastguard")]


def test_fronted_adverbial_before_an_auxiliary_puts_the_subject_after_it():
    assert who("Indtil i går havde kommunen registreret 210 evakuerede.", "da")[0][1] == "kommunen"
    assert who("Politiet i Aarhus har i alt registreret 12 sårede.", "da")[0][1] == "Politiet i Aarhus"


def test_an_arresting_authority_reports_its_own_arrests():
    assert who("Politiet har i nat anholdt 17 personer i Odense.", "da") == [(17, "Politiet")]
    assert who("Border police detained 45 migrants near the crossing.", "en") == [(45, "Border police")]
    assert who("Over 30 people were arrested in the city.", "en")[0][1] == "(outlet)"


def test_the_same_source_is_the_one_quoted_before():
    text = ("Mindst 80 er dræbt, oplyser en talsmand for Røde Kors. "
            "Tidligere på dagen lød det fra samme kilde, at 35 var dræbt.")
    first, second = [n for _, n in who(text, "da")]
    assert "talsmand" in first and second == first


def test_a_source_named_after_an_anaphoric_sentence_goes_on_speaking():
    text = "Mindst 31 er omkommet. Det oplyser Vejdirektoratet. Yderligere 9 er blevet såret."
    assert [n for _, n in who(text, "da")] == ["Vejdirektoratet", "Vejdirektoratet"]
    text = "At least 31 people died. That was according to the Coast Guard. Another 9 were injured."
    assert [n for _, n in who(text, "en")] == ["Coast Guard", "Coast Guard"]


def test_a_list_of_figures_goes_on_in_the_voice_before_it():
    text = "Ifølge ministeren blev 22 anholdt.\n\nUlykken i marts dræbte 15 mennesker. En 16. person døde senere."
    assert [n for _, n in who(text, "da")] == ["ministeren", "(outlet)", "(outlet)"]
    text = "Ifølge ministeren blev 22 anholdt. Yderligere 7 blev såret."
    assert [n for _, n in who(text, "da")] == ["ministeren", "ministeren"]


def test_an_official_toll_is_the_authorities_figure():
    assert "official" in who("The official toll in the province now stands at 61.", "en")[0][1]
    assert "myndigheder" in who("Det officielle dødstal i provinsen er nu 61.", "da")[0][1]


def test_counting_verbs_name_their_counter():
    text = "Her talte politiet 4000 demonstranter, mens arrangørerne talte om 15.000 deltagere."
    assert who(text, "da") == [(4000, "politiet"), (15000, "arrangørerne")]
    assert who("Organisers counted 12,000 marchers, while police put the crowd at 5,000.", "en") == [
        (12000, "Organisers"), (5000, "police")]

"""attribution.py: who claims a figure, resolved to a full name and a party; whose casualties they are."""

from newsclaims.extraction import extract
from newsclaims.extraction.types import Actor


def who(text: str, lang: str) -> list[tuple]:
    return [(c.claimant, c.claimant_name, c.claimant_party) for c in extract(text, lang)]


def test_danish_subject_before_speech_verb():
    assert who("Hospitalsdirektøren siger, at 14 patienter er døde.", "da")[0][0] == "Hospitalsdirektøren"


def test_danish_speech_verb_after_the_claim():
    assert who("Mindst 14 patienter er døde, oplyser de regionale myndigheder.", "da")[0][0] == \
        "de regionale myndigheder"


def test_danish_inverted_subject_after_a_fronted_adverb():
    assert who("Tirsdag meddeler det tyrkiske militær, at 9 soldater er dræbt.", "da")[0][0] == "det tyrkiske militær"


def test_danish_ifoelge():
    assert who("Ifølge Læger uden Grænser er 30 patienter såret.", "da")[0][0] == "Læger uden Grænser"


def test_danish_det_oplyser_in_the_next_sentence_attributes_the_previous_one():
    text = "Branden har kostet 12 mennesker livet.\n\nDet oplyser brandvæsenet i en pressemeddelelse."
    assert who(text, "da")[0][0] == "brandvæsenet"


def test_english_subject_before_and_after():
    assert who("The health ministry said 14 patients had died.", "en")[0][0] == "The health ministry"
    assert who("At least 14 patients died, the regional governor said.", "en")[0][0] == "the regional governor"
    assert who("At least 14 patients died, said the regional governor.", "en")[0][0] == "the regional governor"


def test_english_according_to():
    assert who("According to Doctors Without Borders, 30 patients were wounded.", "en")[0][0] == \
        "Doctors Without Borders"


def test_nearest_attribution_wins_in_a_sentence_with_two_speakers():
    text = "According to the rebels, 4 of their fighters died, even though the army has said it killed 60."
    assert [c[0] for c in who(text, "en")] == ["the rebels", "the army"]


def test_siger_han_refers_back_to_the_last_named_person_by_full_name():
    text = ("Mikkel Storm Hansen, der er talsmand for Grønlands Politi, holdt pressemøde fredag.\n\n"
            "- Vi kan bekræfte, at to personer er omkommet, siger han.")
    [(written, name, _)] = who(text, "da")
    assert (written, name) == ("han", "Mikkel Storm Hansen")


def test_english_he_said_refers_back_to_the_last_named_person():
    text = "Governor Maria Lopez visited the site on Monday. He said 7 workers were missing."
    assert who(text, "en")[0][1] == "Maria Lopez"  # the title is no part of the name


def test_a_shortened_name_resolves_to_the_full_name_and_its_party():
    text = ("Ahmed Yusuf, der er leder af Al-Noor Brigaden, talte med journalister.\n\n"
            "Yusuf siger, at 9 af hans krigere blev dræbt.")
    [(written, name, party)] = who(text, "da")
    assert (written, name, party) == ("Yusuf", "Ahmed Yusuf", "Al-Noor Brigaden")


def test_english_apposition_gives_the_party():
    text = "John Okello, who heads the Lakeside Defence Force, said 11 of his men were wounded."
    [(written, name, party)] = who(text, "en")
    assert (written, name, party) == ("John Okello", "John Okello", "Lakeside Defence Force")


def test_the_gazetteer_gives_the_party_of_a_known_actor():
    assert who("Kreml siger, at 200 ukrainske soldater er dræbt.", "da")[0][2] == "Russia"
    assert who("Kyiv said 30 Russian soldiers were killed.", "en")[0][2] == "Ukraine"


def test_an_editors_gazetteer_overrides_the_default():
    actor = Actor("Northern Alliance", "armed_group", "Northern Alliance", ("the alliance", "NA"))
    claims = extract("The alliance said 5 of its fighters were killed.", "en", gazetteer=[actor])
    assert claims[0].claimant_party == "Northern Alliance"


def test_a_definite_description_resolves_to_the_earlier_speaker():
    text = ("Sundhedsministeriet i Gaza oplyser, at 40 er dræbt.\n\n"
            "Ministeriet siger også, at 120 er såret.")
    assert [c.claimant_name for c in extract(text, "da")] == ["Sundhedsministeriet i Gaza"] * 2


def test_no_attribution_is_the_outlet_voice():
    [c] = extract("Tre fiskere er savnet efter stormen.", "da")
    assert (c.claimant, c.claimant_name, c.claimant_kind) == ("", "(outlet)", "outlet")


def test_a_quoted_paragraph_inherits_the_speaker():
    text = ("Kaptajnen Jens Holm siger, at skibet er sunket.\n\n"
            "- Vi har mistet kontakten til to besætningsmedlemmer. Fire er savnet.")
    assert {c.claimant_name for c in extract(text, "da")} == {"Jens Holm"}


def test_own_side_victims_take_the_speakers_party():
    text = ("Ahmed Yusuf, der er leder af Al-Noor Brigaden, talte fredag.\n\n"
            "Yusuf siger, at tre af hans mænd blev dræbt, og at der på hans side var fem, der blev såret.")
    found = extract(text, "da")
    assert [(c.low, c.victims_party) for c in found] == [(3, "Al-Noor Brigaden"), (5, "Al-Noor Brigaden")]
    text = "John Okello, who heads the Lakeside Defence Force, said 11 of his men were wounded."
    assert extract(text, "en")[0].victims_party == "Lakeside Defence Force"


def test_framed_victims_keep_the_framing_and_get_the_other_side():
    [c] = extract("Israel siger, at det dræbte 30 af, hvad det kalder palæstinensiske terrorister.", "da")
    assert (c.victims, c.victims_party) == ("palæstinensiske terrorister", "Palestinians")
    [c] = extract("Moscow said it had killed 40 of what it calls Ukrainian saboteurs.", "en")
    assert (c.victims, c.victims_party) == ("Ukrainian saboteurs", "Ukraine")


def test_nationality_and_civilians_name_the_victims_side():
    [c] = extract("Hæren oplyser, at 12 russiske soldater er dræbt.", "da")
    assert c.victims_party == "Russia"
    [c] = extract("The agency said 9 civilians were killed.", "en")
    assert c.victims_party == "civilians"


def test_a_title_before_a_name_and_a_nationality_before_a_noun_are_kept():
    assert who("Ifølge hospitalsdirektør Ahmed Saleh er 17 patienter døde.", "da")[0][0] == \
        "hospitalsdirektør Ahmed Saleh"
    assert who("About 240 hostages are held in Gaza, according to Israeli officials.", "en")[0][0:3:2] == \
        ("Israeli officials", "Israel")

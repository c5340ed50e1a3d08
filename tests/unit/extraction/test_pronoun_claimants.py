"""A claimant is never an object or oblique pronoun ("ifølge dem", "according to him"): it stands for whoever the
pronoun points back to, and when nothing does, for the outlet's own voice. Sentences written for these tests."""

from newsclaims.extraction import extract

PRONOUNS = {"dem", "ham", "hende", "den", "det", "sig", "de", "han", "hun",
            "them", "him", "her", "it", "they", "he", "she"}


def who(text: str, lang: str) -> list[tuple[int, str]]:
    return [(c.low, c.claimant_name) for c in extract(text, lang)]


def test_according_to_them_points_back_to_the_organisation_quoted():
    text = ("Mindst 40 er dræbt i angrebet, oplyser de franske myndigheder. "
            "Ifølge dem blev 25 dræbt på stationen.")
    assert who(text, "da")[-1] == (25, "de franske myndigheder")
    text = ("At least 40 people were killed, the Kenyan Red Cross said. "
            "According to them, 25 were killed at the station.")
    assert who(text, "en")[-1] == (25, "Kenyan Red Cross")


def test_according_to_him_or_her_points_back_to_the_person_quoted():
    text = ("Over 90 er dræbt, siger borgmester Anna Holm. "
            "Ifølge hende er omkring 300 begravet i byen.")
    assert who(text, "da")[-1] == (300, "Anna Holm")
    text = ("More than 90 people died, said Mayor Peter Olsen. "
            "According to him, about 300 have been buried.")
    assert who(text, "en")[-1] == (300, "Peter Olsen")


def test_an_unresolved_pronoun_falls_back_to_the_outlet():
    for text, lang in (("Ifølge ham blev 12 såret.", "da"), ("According to her, 12 were wounded.", "en"),
                       ("Ifølge dem blev 12 såret.", "da"), ("According to them, 12 were wounded.", "en")):
        claims = who(text, lang)
        assert claims == [(12, "(outlet)")], (text, claims)


def test_no_claimant_is_ever_a_pronoun():
    texts = [("Han siger, at 15 er dræbt. Ifølge ham er 7 savnet.", "da"),
             ("She said 15 were killed. According to her, 7 are missing.", "en"),
             ("They said 15 were killed. According to them, 7 are missing.", "en")]
    for text, lang in texts:
        names = [n.lower() for _, n in who(text, lang)]
        assert names and not PRONOUNS & set(names), (text, names)

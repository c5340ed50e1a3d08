"""One figure governed by a killing and a wounding verb joined by og/eller/and/or counts the dead and the wounded
together (dead_or_wounded); two figures, one after each verb, stay apart. Sentences written for these tests."""

from newsclaims.extraction import extract


def kinds(text: str, lang: str) -> list[tuple[int, str]]:
    return [(c.low, c.category) for c in extract(text, lang)]


def test_killed_and_or_wounded_a_figure_is_dead_or_wounded():
    assert kinds("Eksplosionen dræbte og sårede over 180 mennesker.", "da") == [(180, "dead_or_wounded")]
    assert kinds("Granaten dræbte eller sårede 25 soldater.", "da") == [(25, "dead_or_wounded")]
    assert kinds("The blast killed or wounded more than 180 people.", "en") == [(180, "dead_or_wounded")]
    assert kinds("The shelling killed and injured 25 civilians.", "en") == [(25, "dead_or_wounded")]


def test_the_order_of_the_verbs_does_not_matter():
    assert kinds("Mindst 60 blev såret eller dræbt under angrebet.", "da") == [(60, "dead_or_wounded")]
    assert kinds("At least 60 people were injured or killed in the attack.", "en") == [(60, "dead_or_wounded")]


def test_a_figure_for_each_verb_keeps_its_own_category():
    assert kinds("Angrebet dræbte 30 og sårede 70.", "da") == [(30, "killed"), (70, "wounded")]
    assert kinds("The raid killed 30 and wounded 70.", "en") == [(30, "killed"), (70, "wounded")]


def test_a_zero_with_both_verbs_is_none_killed_and_none_wounded():
    assert kinds("Politiet oplyser, at ingen blev dræbt eller såret.", "da") == [(0, "killed"), (0, "wounded")]
    assert kinds("Nobody was injured or killed, the ferry company said.", "en") == [(0, "killed"), (0, "wounded")]

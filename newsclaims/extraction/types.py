"""Plain data that leaves the extraction package: the only thing the Django side sees."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

CATEGORIES = (
    "killed",
    "wounded",
    "dead_or_wounded",
    "captured",
    "missing",
    "displaced",
    "captured_equipment",
    "destroyed_equipment",
    "other",
)
QUALIFIERS = ("exact", "more_than", "at_least", "about", "up_to", "fewer_than", "range")


@dataclass(frozen=True, slots=True)
class Actor:
    """A known claimant in the gazetteer: a person, state, army, armed group, organisation or outlet."""

    name: str
    kind: str = "organisation"  # person, government, military, armed_group, organisation, outlet
    party: str | None = None  # the side it speaks for, e.g. "Russia", "Russian Volunteer Corps"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as asserted: ``low`` is the figure, ``high`` is set only for a range (the gold convention).

    "mere end 70" -> Quantity(70, None, "more_than"); "between 100 and 300" -> Quantity(100, 300, "range");
    "dozens" -> Quantity(24, None, "at_least", vague=True). ``start``/``end`` locate the number's words
    (qualifier included) in the text.
    """

    low: int
    high: int | None
    qualifier: str
    vague: bool = False
    text: str = ""
    start: int = 0
    end: int = 0
    kind: str = "number"  # number, vague, zero, article ("en panservogn": 1 only before equipment)


@dataclass(slots=True)
class ExtractedClaim:
    """One claim found in a text. Character offsets index the text given to ``extract``."""

    claimant: str  # as written in the text ("Kapustin", "Rusland", "han" resolved to its antecedent's words)
    claimant_name: str  # resolved to the fullest known name ("Denis Kapustin")
    claimant_party: str | None  # the side the claimant speaks for, if known
    claimant_kind: str | None  # person, government, military, armed_group, organisation, outlet
    category: str  # one of CATEGORIES
    subtype: str | None  # for category "other": crowd_size, arrested, launched, ...
    low: int
    high: int | None
    qualifier: str  # one of QUALIFIERS
    vague: bool
    victims: str  # as written ("to af hans mænd", "ukrainske nationalister")
    victims_party: str | None  # whose casualties, when it can be told
    sentence: str  # the evidence sentence, exactly text[start:end]
    start: int
    end: int
    number_text: str = ""  # the number with its qualifier as written ("mere end 70")
    number_start: int = 0
    number_end: int = 0
    extractor_version: str = ""
    extras: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

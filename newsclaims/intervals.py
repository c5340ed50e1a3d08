"""Numbers as intervals: what a qualified figure allows, whether two figures can both be true, and how far apart.

Pure Python, shared by the comparison page, the API and the link suggestions. Counts are whole numbers, so
"more than 70" is [71, ∞) and "fewer than 5" is [0, 4]. "About" allows 10% either way; a vague amount
("dozens" = 24) allows from half to five times its conventional value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ABOUT_TOLERANCE = 0.10
SYMBOLS = {"exact": "", "more_than": ">", "at_least": "≥", "about": "~", "up_to": "≤", "fewer_than": "<"}


@dataclass(frozen=True, slots=True)
class Bounds:
    lo: int
    hi: int | None  # None: no upper bound

    def overlaps(self, other: Bounds) -> bool:
        return (self.hi is None or other.lo <= self.hi) and (other.hi is None or self.lo <= other.hi)

    @property
    def is_point(self) -> bool:
        return self.hi == self.lo


def bounds(low: int, high: int | None, qualifier: str, vague: bool = False) -> Bounds:
    """The whole numbers a claim allows."""
    if vague:
        return Bounds(max(1, low // 2) if low else 0, low * 5)
    match qualifier:
        case "range":
            return Bounds(low, high if high is not None else low)
        case "more_than":
            return Bounds(low + 1, None)
        case "at_least":
            return Bounds(low, None)
        case "up_to":
            return Bounds(0, low)
        case "fewer_than":
            return Bounds(0, max(low - 1, 0))
        case "about":
            slack = max(1, math.ceil(low * ABOUT_TOLERANCE))
            return Bounds(max(low - slack, 0), low + slack)
    return Bounds(low, low)


def display(low: int, high: int | None, qualifier: str, vague: bool = False) -> str:
    """A compact figure: '>70', '100–300', '~1,200'."""
    if qualifier == "range" and high is not None:
        return f"{low:,}–{high:,}"
    return f"{'~' if vague and qualifier == 'exact' else SYMBOLS.get(qualifier, '')}{low:,}"


@dataclass(frozen=True, slots=True)
class Disagreement:
    ratio: float  # how many times the larger figure exceeds the smaller, at the least
    at_least: bool  # the ratio is a lower bound (an open or wide interval is involved)

    def __str__(self) -> str:
        if math.isinf(self.ratio):
            return "some vs none"
        # Rounded down: "at least 35×" must not overstate the gap.
        figure = str(math.floor(self.ratio)) if self.ratio >= 10 else f"{math.floor(self.ratio * 10) / 10:g}"
        return f"{'at least ' if self.at_least else ''}{figure}×"


def disagreement(a: Bounds, b: Bounds) -> Disagreement | None:
    """None when both can be true; otherwise the smallest factor separating them."""
    if a.overlaps(b):
        return None
    small, big = (a, b) if (a.hi is not None and a.hi < b.lo) else (b, a)
    assert small.hi is not None
    ratio = math.inf if small.hi == 0 else big.lo / small.hi
    return Disagreement(ratio=ratio, at_least=not (small.is_point and big.is_point))


def wants_log_scale(values: list[int], spread: float = 20.0) -> bool:
    """Orders of magnitude apart: a linear axis would flatten the small figures to nothing."""
    positive = [v for v in values if v > 0]
    return len(positive) >= 2 and max(positive) / min(positive) >= spread

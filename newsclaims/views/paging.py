"""Pagination for lists too long to count on every request."""

from __future__ import annotations

import math

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

MAX_OFFSET = 10_000_000  # past this, a page number is an error of the reader's, not a place to read from


class CappedPage(Page):
    """A page that knows whether another follows from having read one row more, not from a count."""

    def __init__(self, object_list, number, paginator, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` + 1 rows: "more than 10,000" instead of counting a million.

    Counting every match of a filter over a million claims costs a scan of them all (hundreds of milliseconds),
    while the page itself is read from an index in a few. Up to `cap` matches everything is as with Django's
    Paginator (`count`, `num_pages`, a page past the end is the last page). Beyond it, `exact` is False,
    `num_pages` is None, a page reads `per_page` + 1 rows to know whether another follows, and only a page number
    past the real end pays for an exact count, to find the last page.
    """

    def __init__(self, object_list, per_page, *, cap: int = 10_000):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        """min(matches, cap + 1): one LIMITed count, without the list's ordering and joins."""
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def exact(self) -> bool:
        return self.count <= self.cap

    @cached_property
    def num_pages(self) -> int | None:
        return super().num_pages if self.exact else None

    def validate_number(self, number) -> int:
        if self.exact:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if self.exact:
            page = super().page(number)
            return CappedPage(page.object_list, page.number, self, page.has_next())
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1]) if bottom <= MAX_OFFSET else []
        if not rows:  # past the end of a long list: count it all, once, to give the last page
            last = max(1, math.ceil(self.object_list.count() / self.per_page))
            if number <= last:  # the offset was too far to read, but the page exists
                last = number
            bottom = (last - 1) * self.per_page
            rows, number = list(self.object_list[bottom : bottom + self.per_page + 1]), last
        return CappedPage(rows[: self.per_page], number, self, len(rows) > self.per_page)

    def get_page(self, number) -> Page:
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:  # as Django's: past the end (or below 1) is the last page
            number = self.num_pages or 1
        return self.page(number)

"""Template helpers for the pages: evidence highlighting and the comparison page's range charts.

Highlighting never marks article text safe: the text is cut at the evidence spans and every piece goes through
`format_html`, which escapes it, so the only markup in the result is the markup written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@dataclass(frozen=True)
class Span:
    """A claim's place in a text: its evidence sentence, and the number's words within it."""

    start: int
    end: int
    anchor: str  # the element id, e.g. "claim-12"
    href: str = ""  # where the claim's marker links to ("" for no link)
    label: str = ""  # what the marker says to a screen reader, e.g. "Russia: >70 killed"
    number_start: int | None = None
    number_end: int | None = None
    css: str = ""


def _figure(text: str, start: int, end: int, spans: list[Span]) -> SafeString:
    """`text[start:end]` escaped, with each span's number words in <strong>."""
    cuts = sorted(
        {(s.number_start, s.number_end) for s in spans
         if s.number_start is not None and s.number_end is not None and start <= s.number_start < s.number_end <= end}
    )
    pieces, at = [], start
    for n_start, n_end in cuts:
        if n_start < at:
            continue  # overlapping number spans: the first one wins
        pieces.append(format_html("{}", text[at:n_start]))
        pieces.append(format_html('<strong class="figure">{}</strong>', text[n_start:n_end]))
        at = n_end
    pieces.append(format_html("{}", text[at:end]))
    return format_html_join("", "{}", ((p,) for p in pieces))


def highlight(text: str, spans: list[Span]) -> SafeString:
    """The text, escaped, with every span's sentence in `<mark id=anchor>` followed by a link to the claim.

    Claims that share a sentence nest their marks, so that each keeps its own id (and `:target` works for each).
    A span overlapping an earlier one is shortened to start where the earlier one ends.
    """
    groups: dict[tuple[int, int], list[Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, -s.end, s.anchor)):
        if 0 <= s.start < s.end <= len(text):
            groups.setdefault((s.start, s.end), []).append(s)
    pieces, at = [], 0
    for (start, end), group in sorted(groups.items()):
        start = max(start, at)
        if start >= end:
            continue
        pieces.append(format_html("{}", text[at:start]))
        inner = _figure(text, start, end, group)
        for s in reversed(group):
            inner = format_html('<mark id="{}" class="evidence {}">{}</mark>', s.anchor, s.css, inner)
        refs = format_html_join(
            "", '<a class="claim-ref" href="{}" title="{}"><span class="visually-hidden">{}</span>{}</a>',
            ((s.href, s.label, s.label, f"#{s.anchor.rsplit('-', 1)[-1]}") for s in group if s.href),
        )
        pieces.append(format_html("{}{}", inner, refs))
        at = end
    pieces.append(format_html("{}", text[at:]))
    return format_html_join("", "{}", ((p,) for p in pieces))


def claim_span(claim) -> Span:
    """A stored claim as a highlight span, linked to its claim page."""
    who = claim.claimant_party or claim.claimant or claim.claimant_text or "unknown"
    return Span(
        start=claim.evidence_start,
        end=claim.evidence_end,
        anchor=f"claim-{claim.pk}",
        href=claim.get_absolute_url(),
        label=f"Claim {claim.pk} — {who}: {claim.display_value} {claim.get_category_display()}",
        number_start=claim.number_start,
        number_end=claim.number_end,
        css=f"status-{claim.status}",
    )


@register.simple_tag
def highlight_claims(text: str, claims) -> SafeString:
    """`{% highlight_claims article.text claims %}`: an article's text with its claims' evidence marked."""
    return highlight(text, [claim_span(c) for c in claims])


@register.simple_tag
def highlight_spans(text: str, spans) -> SafeString:
    """`{% highlight_spans text spans %}`: a text with ready-made `Span`s marked (the analyse page's results)."""
    return highlight(text, list(spans))


@register.simple_tag
def evidence_in_context(claim, chars: int = 280) -> SafeString:
    """The claim's sentence marked within up to `chars` characters of the article on either side."""
    text = claim.article.text
    start = max(0, claim.evidence_start - chars)
    end = min(len(text), claim.evidence_end + chars)
    # Start and end on whole words.
    if start > 0:
        start = text.find(" ", start, claim.evidence_start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", claim.evidence_end, end)
        end = cut if cut > 0 else end
    span = claim_span(claim)
    local = Span(span.start - start, span.end - start, f"evidence-{claim.pk}", "", span.label,
                 None if claim.number_start is None else claim.number_start - start,
                 None if claim.number_end is None else claim.number_end - start, span.css)
    body = highlight(text[start:end], [local])
    return format_html("{}{}{}", "… " if start > 0 else "", body, " …" if end < len(text) else "")


# --- Range charts ------------------------------------------------------------------------------------------------

CHART_WIDTH = 320
CHART_LEFT = 10
CHART_RIGHT = 22
CHART_LINE = 16
CHART_TOP = 10
CHART_AXIS = 22


@register.inclusion_tag("events/_range_chart.html")
def range_chart(row):
    """An inline SVG range chart of a comparison row: one line per claim, coloured by the claimant's party.

    A point for an exact figure, a bar for an interval, a bar ending in an arrow for an open interval ("more than").
    """
    chart = row.chart
    span = CHART_WIDTH - CHART_LEFT - CHART_RIGHT

    def x(fraction: float) -> float:
        return round(CHART_LEFT + fraction * span, 1)

    marks = []
    for i, m in enumerate(chart.marks):
        y = CHART_TOP + i * CHART_LINE + CHART_LINE // 2
        marks.append({
            "y_top": y - 4,
            "y_bottom": y + 4,
            "shape": m.shape,
            "x1": x(m.x1),
            "x2": x(m.x2) if m.shape != "arrow" else CHART_WIDTH - CHART_RIGHT + 4,
            "y": y,
            "series": m.column_index % 6,
            "label": f"{m.entry.claimant}: {m.entry.display_value}",
            "arrow": f"{CHART_WIDTH - CHART_RIGHT + 4},{y - 5} {CHART_WIDTH - CHART_RIGHT + 14},{y} "
                     f"{CHART_WIDTH - CHART_RIGHT + 4},{y + 5}",
        })
    plot_bottom = CHART_TOP + len(chart.marks) * CHART_LINE + 4
    ticks = [{"x": x(f), "label": f"{v:,}"} for f, v in chart.ticks]
    return {
        "row": row,
        "chart": chart,
        "marks": marks,
        "ticks": ticks,
        "width": CHART_WIDTH,
        "height": plot_bottom + CHART_AXIS - 6,
        "axis_y": plot_bottom,
        "tick_y": plot_bottom + 4,
        "label_y": plot_bottom + 14,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
    }

"""Predict claims for article lines, in the format ``../shared/eval/score.py`` scores.

    python -m newsclaims.extraction.predict ARTICLES.jsonl [-o OUT.jsonl]

Reads one JSON article a line (``id``, ``text``, optional ``language``; other keys are ignored) and writes one line
per article: ``{"id", "claims": [{"claimant", "category", "low", "high", "qualifier", "start", "end", ...}]}``.
A malformed line is reported on stderr with its number and skipped; the exit status is 1 only if no article could
be read.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import extract_many
from .attribution import news_agency
from .types import ExtractedClaim


def claim_row(c: ExtractedClaim, agency: str | None = None) -> dict:
    """The scorer's fields plus the rest of the claim. Outlet-voice claims name the claimant "outlet", with the news
    agency the text shows (``news_agency``) in brackets: "outlet (Reuters)"."""
    if c.claimant_kind == "outlet":
        claimant = f"outlet ({agency})" if agency else "outlet"
    else:
        claimant = c.claimant_name or c.claimant
        if c.claimant_party and c.claimant_party.lower() not in claimant.lower():
            claimant = f"{claimant} ({c.claimant_party})"
    return {
        "claimant": claimant, "category": c.category, "low": c.low, "high": c.high, "qualifier": c.qualifier,
        "start": c.start, "end": c.end, "subtype": c.subtype, "vague": c.vague, "victims": c.victims,
        "victims_party": c.victims_party, "claimant_party": c.claimant_party, "number_text": c.number_text,
    }


def read_articles(lines, err=None) -> list[dict]:
    """Article dicts from JSON lines; a bad line is reported to ``err`` (stderr) with its number and skipped."""
    err = err or sys.stderr
    articles = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
                raise ValueError("needs an object with 'id' and a string 'text'")
        except ValueError as exc:
            print(f"line {n}: skipped: {exc}", file=err)
            continue
        articles.append(row)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsclaims.extraction.predict", description=__doc__.split("\n")[0])
    parser.add_argument("articles", help="JSONL file of articles")
    parser.add_argument("-o", "--output", help="write predictions here instead of stdout")
    args = parser.parse_args(argv)
    with open(args.articles, encoding="utf-8", errors="replace") as f:
        articles = read_articles(f)
    if not articles:
        print("no article could be read", file=sys.stderr)
        return 1
    results = []
    for lang in {a.get("language") if a.get("language") in ("da", "en") else None for a in articles}:
        group = [a for a in articles if (a.get("language") if a.get("language") in ("da", "en") else None) == lang]
        results += zip(group, extract_many([a["text"] for a in group], lang), strict=True)
    order = {id(a): i for i, a in enumerate(articles)}
    results.sort(key=lambda r: order[id(r[0])])
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for article, claims in results:
            agency = news_agency(article["text"])
            out.write(json.dumps({"id": article["id"], "claims": [claim_row(c, agency) for c in claims]},
                                 ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

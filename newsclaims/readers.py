"""Read article files into plain records: seed-format text, JSON lines, HTML pages, directories and stdin.

No database here: `read_source` yields `RawArticle` for every article it can read and `ReadProblem` for every file
or line it cannot, with the reason in words a person can act on. The ingest command stores the articles.

Text must be UTF-8. Other encodings are refused rather than guessed, because a wrong guess silently changes the
names and numbers the claims are made of; `encoding=` (the command's `--encoding`) reads a known legacy encoding.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
STDIN = "-"

# File signatures of formats people drop into article folders by mistake.
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}

# "date 2023-05" opening the text, on its own line or right before the first paragraph.
DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}(?:-\d{1,2})?)(?:[ \t]*\n|[ \t]+)", re.IGNORECASE)
# "/ritzau/Reuters", "/ritzau/", "/AFP": the wire credit closing a Danish wire story.
WIRE_CREDIT = re.compile(r"\A/\s*([A-Za-zÆØÅæøåÄÖÜäöü.&' -]{2,60}(?:/[A-Za-zÆØÅæøåÄÖÜäöü.&' -]{2,60})*)/?\s*\Z")
TITLE_MAX = 160
MIN_HTML_WORDS = 15


@dataclass
class RawArticle:
    """An article as read, before validation: `article_ingest` takes these fields."""

    text: str
    source: str
    title: str = ""
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    wire_credit: str = ""
    external_id: str = ""

    def ingest_kwargs(self) -> dict:
        return {
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "outlet": self.outlet,
            "language": self.language,
            "wire_credit": self.wire_credit,
            "external_id": self.external_id,
            "source": self.source,
        }


@dataclass
class ReadProblem:
    """A file or line that was skipped, and why."""

    source: str
    reason: str
    warning: bool = False  # read anyway; the person should still know

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class ReadError(ValueError):
    pass


def iter_sources(paths: Iterable[str]) -> Iterator[str | Path]:
    """Files to read, in a stable order: files as given, directories recursively (hidden entries skipped), `-`."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES:
                    yield child
        else:
            yield path  # a missing file is reported when read


def read_source(
    source: str | Path, *, max_bytes: int, encoding: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[RawArticle | ReadProblem]:
    """Every article in one file (or stdin), or the problems that kept them out."""
    name = "<stdin>" if source == STDIN else str(source)
    try:
        if source == STDIN:
            stream = stdin or sys.stdin.buffer
            data = stream.read(max_bytes)
            if stream.read(1):
                raise ReadError(too_big_message(None, max_bytes))
            kind = sniff_kind(data)
        else:
            data = read_bytes(Path(source), max_bytes=max_bytes)
            kind = kind_from_suffix(Path(source)) or sniff_kind(data)
        text, warning = decode(data, encoding=encoding)
    except ReadError as exc:
        yield ReadProblem(name, str(exc))
        return
    if warning:
        yield ReadProblem(name, warning, warning=True)
    if kind == "jsonl":
        yield from parse_jsonl(text, source=name)
        return
    try:
        yield parse_html(text, source=name) if kind == "html" else parse_plain(text, source=name)
    except ReadError as exc:
        yield ReadProblem(name, str(exc))


def too_big_message(size: int | None, max_bytes: int) -> str:
    what = f"{size / 1024 / 1024:.1f} MB" if size is not None else "more than the limit"
    return (
        f"file is {what}; files of {max_bytes / 1024 / 1024:g} MB or more are refused "
        "(NEWSCLAIMS_MAX_INGEST_FILE_BYTES) — split it, e.g. into JSON lines files"
    )


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except OSError as exc:
        raise ReadError(f"cannot read it: {exc.strerror or exc}") from None
    if size >= max_bytes:
        raise ReadError(too_big_message(size, max_bytes))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read it: {exc.strerror or exc}") from None


def kind_from_suffix(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES - {""}:
        return "text"
    return None


def sniff_kind(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:200]:
        return "html"
    return "text"


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file and a warning (or ""). Raises ReadError for empty, binary or non-UTF-8 input."""
    if not data.strip():
        raise ReadError("empty file")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        raise ReadError("binary file (contains NUL bytes), not text")
    if encoding and encoding.lower().replace("_", "-") not in {"utf-8", "utf8"}:
        try:
            return data.decode(encoding), f"read as {encoding}, as asked"
        except (LookupError, UnicodeDecodeError) as exc:
            raise ReadError(f"cannot decode it as {encoding}: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); convert it to UTF-8, "
            "or pass --encoding cp1252 (or latin-1) if you know that is what it is"
        ) from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 4096):
        raise ReadError("binary file (mostly control characters), not text")
    return text, ""


def parse_plain(text: str, *, source: str) -> RawArticle:
    """The seed format: an optional `date YYYY-MM[-DD]` header, paragraphs, an optional `/wire/credit` last line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    header = DATE_HEADER.match(text)
    if header:
        published = header.group(1)
        text = text[header.end() :]
    lines = text.rstrip().split("\n")
    wire_credit = ""
    if lines and (credit := WIRE_CREDIT.match(lines[-1].strip())):
        wire_credit = "/".join(part.strip() for part in credit.group(1).split("/") if part.strip())
        lines.pop()
    body = "\n".join(lines).strip()
    if not body:
        raise ReadError("no article text (only a header or credit line)")
    return RawArticle(
        text=body, source=source, title=title_from_text(body), published=published, wire_credit=wire_credit
    )


def title_from_text(text: str) -> str:
    """The first line, shortened on a word boundary: plain-text articles carry no separate headline."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first
    cut = first[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


JSON_FIELDS = ("title", "text", "url", "published", "outlet", "language")


def parse_jsonl(text: str, *, source: str) -> Iterator[RawArticle | ReadProblem]:
    """One JSON object an article a line (the format of ../shared/eval). Unknown keys such as `claims` are ignored."""
    for number, line in enumerate(io.StringIO(text), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadProblem(where, f"expected a JSON object, found {type(record).__name__}")
            continue
        bad = [k for k in (*JSON_FIELDS, "id") if record.get(k) is not None and not isinstance(record[k], str | int)]
        if bad:
            yield ReadProblem(where, f"field {bad[0]!r} must be a string")
            continue
        values = {k: str(record[k]).strip() if record.get(k) is not None else None for k in JSON_FIELDS}
        if not values["text"]:
            yield ReadProblem(where, "no 'text'")
            continue
        yield RawArticle(
            text=values["text"],
            source=where,
            title=values["title"] or title_from_text(values["text"]),
            url=values["url"] or None,
            published=values["published"] or None,
            outlet=values["outlet"] or None,
            language=values["language"] or None,
            wire_credit=str(record.get("wire_credit") or "").strip(),
            external_id=str(record.get("id") or "").strip(),
        )


def parse_html(html: str, *, source: str) -> RawArticle:
    """The main text, headline, date, site name and canonical URL of a web page, by trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if len(text.split()) < MIN_HTML_WORDS:
        # trafilatura falls back to whatever text a page has: a menu is not an article.
        raise ReadError(f"no article text found in the HTML page ({len(text.split())} words of main text)")
    published = getattr(document, "date", None) or None
    language = (getattr(document, "language", None) or "")[:2] or None
    return RawArticle(
        text=text,
        source=source,
        title=(getattr(document, "title", None) or "").strip() or title_from_text(text),
        url=getattr(document, "url", None) or None,
        published=published,
        outlet=getattr(document, "sitename", None) or None,
        language=language if language in {"da", "en"} else None,
    )

"""newsclaims.readers: every input format, and every way an input can be bad."""

import io
import json

import pytest

from newsclaims import readers

MAX = 50 * 1024 * 1024


def read(path, **kwargs):
    return list(readers.read_source(path, max_bytes=kwargs.pop("max_bytes", MAX), **kwargs))


def dev_record(dev_path, record_id):
    for line in dev_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == record_id:
            return record
    raise AssertionError(f"{record_id} is not in {dev_path}")


def test_seed_file_header_and_wire_credit_become_metadata_not_text(seed_path, dev_path):
    [article] = read(seed_path)
    gold = dev_record(dev_path, "da-seed-belgorod-2023-05")
    assert article.published == "2023-05"
    assert article.wire_credit == "ritzau/Reuters"
    assert article.text == gold["text"]  # no "date" header, no credit line, nothing else lost
    assert article.title.startswith("Lederen af en russisk milits")
    assert len(article.title) <= readers.TITLE_MAX + 1


def test_date_header_on_its_own_line_with_full_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-01-09\nFirst paragraph here.\n\nSecond one.\n\n/ritzau/AFP\n", encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.wire_credit) == ("2024-01-09", "ritzau/AFP")
    assert article.text == "First paragraph here.\n\nSecond one."
    assert article.title == "First paragraph here."


def test_a_slash_inside_the_text_is_not_a_credit_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Prices rose 3/4 of a point.\n\nThe ratio was 50/50 in the end.\n", encoding="utf-8")
    [article] = read(path)
    assert article.wire_credit == ""
    assert article.text.endswith("50/50 in the end.")


def test_jsonl_reads_the_eval_format_and_ignores_gold_keys(dev_path):
    items = read(dev_path)
    assert all(isinstance(i, readers.RawArticle) for i in items)
    assert len(items) == len(dev_path.read_text(encoding="utf-8").splitlines())
    econo = next(i for i in items if i.external_id == "en-belgorod-econotimes-kapustin-2023-05")
    assert econo.outlet == "EconoTimes"
    assert econo.language == "en" and econo.published == "2023-05"
    assert econo.url.startswith("https://www.econotimes.com/")
    assert econo.source.endswith("dev.jsonl:8")


def test_malformed_json_line_is_reported_with_its_number_and_the_rest_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "One.", "language": "en"}\n{"text": "Two", \n\n[1, 2]\n{"title": "no text"}\n{"text": "Five."}\n',
        encoding="utf-8",
    )
    items = read(path)
    problems = {i.source.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, readers.ReadProblem)}
    assert [i.text for i in items if isinstance(i, readers.RawArticle)] == ["One.", "Five."]
    assert problems.keys() == {"2", "4", "5"}
    assert "malformed JSON" in problems["2"]
    assert "JSON object" in problems["4"]
    assert "text" in problems["5"]


def test_html_page_main_text_title_date_outlet_and_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<!doctype html><html lang="en"><head><title>Storm kills 12 | Coast Daily</title>
        <meta property="og:site_name" content="Coast Daily"><meta property="og:title" content="Storm kills 12">
        <meta property="article:published_time" content="2024-03-02T08:00:00Z">
        <link rel="canonical" href="https://coast.example/storm"></head>
        <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>Storm kills 12</h1>
        <p>At least 12 people were killed when a storm hit the coastal towns on Saturday, police said.</p>
        <p>The fire service said 40 people were rescued from flooded homes overnight.</p>
        <p>Officials warned that the toll could rise as rescue teams reached remote villages.</p></article>
        <footer>Subscribe to our newsletter</footer></body></html>""",
        encoding="utf-8",
    )
    [article] = read(path)
    assert "At least 12 people were killed" in article.text
    assert "Subscribe" not in article.text and "Sport" not in article.text
    assert article.title == "Storm kills 12"
    assert article.published == "2024-03-02"
    assert article.outlet == "Coast Daily"
    assert article.url == "https://coast.example/storm"


def test_html_without_article_text_is_a_problem(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    [problem] = read(path)
    assert isinstance(problem, readers.ReadProblem) and "no article text" in problem.reason


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    [problem] = read(path)
    assert problem.reason == "empty file"


def test_non_utf8_text_is_refused_with_the_line_and_a_way_out(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Første linje\n\nTo soldater blev dræbt i går.\n".encode("cp1252"))
    [problem] = read(path)
    assert "not UTF-8" in problem.reason and "line 1" in problem.reason and "--encoding" in problem.reason


def test_non_utf8_text_is_read_when_the_encoding_is_given_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("To soldater blev dræbt i går.\n".encode("cp1252"))
    warning, article = read(path, encoding="cp1252")
    assert warning.warning and "cp1252" in warning.reason
    assert article.text == "To soldater blev dræbt i går."


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"text\x00with\x00nuls and more", "NUL"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_files_are_refused(tmp_path, data, what):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    [problem] = read(path)
    assert "binary file" in problem.reason and what in problem.reason


def test_file_of_the_limit_or_more_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.truncate(MAX)  # sparse: 50 MB on paper, nothing on disk
    [problem] = read(path)
    assert "50.0 MB" in problem.reason and "refused" in problem.reason
    assert "NEWSCLAIMS_MAX_INGEST_FILE_BYTES" in problem.reason


def test_stdin_over_the_limit_is_refused():
    [problem] = read(readers.STDIN, stdin=io.BytesIO(b"x" * 101), max_bytes=100)
    assert problem.source == "<stdin>" and "refused" in problem.reason


def test_stdin_jsonl_is_recognised_by_its_content():
    data = b'{"text": "Tre dr\xc3\xa6bt.", "language": "da", "id": "x1"}\n'
    [article] = read(readers.STDIN, stdin=io.BytesIO(data))
    assert (article.text, article.external_id, article.source) == ("Tre dræbt.", "x1", "<stdin>:1")


def test_missing_file_is_a_problem(tmp_path):
    [problem] = read(tmp_path / "nope.txt")
    assert problem.reason == "no such file"


def test_directories_are_read_recursively_in_order_skipping_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ["b/c/z.txt", "a.jsonl", "b/y.html", ".git/config.txt", "b/.hidden.txt", "b/image.png"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in readers.iter_sources([str(tmp_path)])]
    assert found == ["a.jsonl", "b/c/z.txt", "b/y.html"]

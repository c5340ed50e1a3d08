"""The database goes away and comes back: pages answer 503 meanwhile, ingest stops cleanly, nothing needs a restart.

The test never touches the machine's shared PostgreSQL: it creates a throwaway cluster in a temporary directory on
a free port (initdb/pg_ctl of the installed PostgreSQL, run as the `postgres` user when we are root), points a
gunicorn server at it, and stops and starts that cluster while the server keeps running.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
EVENT_URL = "/events/belgorod-incursion-2023-05/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own: initdb in a temp dir, trust auth on loopback, no fsync."""

    def __init__(self):
        self.bin = PG_BINS[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="nc-db-faults-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.dir, user="postgres", group="postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/nc_faults"

    def _run(self, *cmd: str) -> None:
        result = subprocess.run([*self.as_owner, *cmd], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{cmd[0]} failed: {result.stdout}{result.stderr}"

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")
        self.start()
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "nc_faults")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "log")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


def manage(*args: str, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout)


def get(base: str, path: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def cluster():
    if not PG_BINS:
        message = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pg = ThrowawayPostgres()
    try:
        pg.init()
        yield pg
    finally:
        pg.destroy()


@pytest.fixture(scope="module")
def app_env(cluster):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsclaims.settings.test",
        "DATABASE_URL": cluster.url,
        "CONN_MAX_AGE": "60",  # persistent connections, as in production: the harder case for recovery
        "PYTHONUNBUFFERED": "1",
    }
    for command in (["migrate", "--noinput"], ["load_demo"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return env


@pytest.fixture(scope="module")
def server(app_env):
    """gunicorn on a free port, started once: the point is that it is never restarted."""
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsclaims.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--timeout", "60"],
        cwd=REPO, env=app_env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if get(base, "/")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        log.seek(0)
        pytest.fail("gunicorn did not start: " + log.read().decode(errors="replace"))
    yield base, process
    process.terminate()
    process.wait(timeout=30)


def assert_plain_503(path: str, status: int, headers: dict, body: str) -> None:
    assert status == 503, path
    assert "temporarily unavailable" in body and "Nothing has been lost" in body
    assert headers.get("Retry-After") == "30"
    assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body
    assert "Content-Security-Policy" in headers


def test_pages_answer_503_while_the_database_is_down_and_200_when_it_returns_without_a_restart(cluster, server):
    base, process = server
    for path in ("/", "/claims/", EVENT_URL):
        assert get(base, path)[0] == 200, path

    cluster.stop()
    try:
        for path in ("/", "/claims/", EVENT_URL, "/articles/1/", "/api/claims"):
            assert_plain_503(path, *get(base, path))
        # static files do not need the database: whitenoise still serves them
        assert get(base, "/static/vendor/htmx.min.js")[0] == 200
    finally:
        cluster.start()

    for path in ("/", "/claims/", EVENT_URL):
        status, _, body = get(base, path)
        assert status == 200, (path, body[:500])
    assert "Kapustin" in get(base, EVENT_URL)[2]
    assert process.poll() is None  # the same server process throughout


def test_a_database_restart_between_requests_is_invisible_to_the_next_request(cluster, server):
    base, _ = server
    assert get(base, EVENT_URL)[0] == 200  # holds a persistent connection now
    cluster.stop()
    cluster.start()
    status, _, body = get(base, EVENT_URL)
    assert status == 200, body[:500]


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "article.jsonl"
    path.write_text(
        '{"title": "Faults test", "text": "Russia says more than 70 attackers were killed, the ministry said on '
        'Tuesday.\\n\\nThe group said two of its men were killed and ten wounded.", "language": "en", '
        '"published": "2023-05-23", "outlet": "Test Wire", "url": "https://example.org/faults-test"}\n',
        encoding="utf-8",
    )
    return path


def test_ingest_stops_with_a_clear_message_while_the_database_is_down_and_leaves_nothing_behind(
    cluster, app_env, seed_file
):
    if not (REPO / "newsclaims/management/commands/ingest.py").exists():
        pytest.fail("the ingest command (issue 6) is missing")
    count = "from newsclaims.models import Article; print(Article.objects.filter(title='Faults test').count())"

    cluster.stop()
    try:
        result = manage("ingest", str(seed_file), env=app_env)
    finally:
        cluster.start()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "database cannot be reached" in output and "run the same command again" in output
    assert "Traceback" not in output, output

    counted = manage("shell", "--no-imports", "-c", count, env=app_env)
    assert counted.stdout.strip() == "0", counted.stdout + counted.stderr

    result = manage("ingest", str(seed_file), env=app_env)
    assert result.returncode == 0, result.stdout + result.stderr
    counted = manage("shell", "--no-imports", "-c", count, env=app_env)
    assert counted.stdout.strip() == "1", counted.stdout + counted.stderr


@pytest.mark.django_db
def test_a_connection_lost_halfway_through_storing_an_article_leaves_no_trace_of_it(monkeypatch, seed_file):
    """The article row is written, then the connection dies before its story is: the whole article is rolled back."""
    from django.core.management import CommandError, call_command
    from django.db import OperationalError

    from newsclaims.models import Article, Outlet
    from newsclaims.services import events

    def connection_lost(**kwargs):
        assert Article.objects.filter(title="Faults test").exists()  # halfway: the row is there
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(events, "article_assign_story", connection_lost)
    with pytest.raises(CommandError, match="database cannot be reached"):
        call_command("ingest", str(seed_file), verbosity=0)
    assert not Article.objects.filter(title="Faults test").exists()
    assert not Outlet.objects.filter(name="Test Wire").exists()


@pytest.fixture
def claims_query_fails(monkeypatch):
    """The claim list's query meets a database that has gone away."""
    from django.db import OperationalError

    from newsclaims import selectors

    def unreachable(**kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(selectors, "claim_list", unreachable)


@pytest.mark.django_db
def test_an_htmx_request_meeting_a_dead_database_asks_for_a_full_reload_so_the_503_page_shows(
    client, claims_query_fails
):
    response = client.get("/claims/", {"category": "killed"}, headers={"HX-Request": "true"})
    assert response.status_code == 503
    assert response["HX-Refresh"] == "true"
    plain = client.get("/claims/", {"category": "killed"})
    assert plain.status_code == 503 and "HX-Refresh" not in plain
    assert "temporarily unavailable" in plain.content.decode()


def test_handler500_answers_503_for_an_unreachable_database_and_500_for_anything_else(rf):
    """Errors raised in middleware (a session saved after the view, say) reach handler500, not process_exception;
    Django calls it while handling the exception, which is how the handler can tell."""
    from django.db import OperationalError

    from newsclaims.views.errors import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/claims/", headers={"HX-Request": "true"}))
    assert response.status_code == 503 and response["Retry-After"] == "30" and response["HX-Refresh"] == "true"
    assert "temporarily unavailable" in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/claims/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "a bug" not in response.content.decode() and "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("exception", "unavailable"),
    [
        ("OperationalError('connection failed: Connection refused')", True),
        ("OperationalError('server closed the connection unexpectedly')", True),
        ("InterfaceError('connection already closed')", True),
        ("OperationalError('database is locked')", True),  # SQLite, busy: try again shortly
        ("OperationalError('no such table: newsclaims_article')", False),  # not migrated: a broken deployment
        ("IntegrityError('duplicate key value violates unique constraint')", False),
        ("ProgrammingError('relation \"newsclaims_article\" does not exist')", False),
        ("ValueError('connection')", False),
    ],
)
def test_only_errors_that_mean_the_database_is_out_of_reach_count_as_unavailable(exception, unavailable):
    from django import db

    from newsclaims.middleware import is_database_unavailable

    error = eval(exception, {**vars(db), "ValueError": ValueError})  # noqa: S307 - literals written above
    assert is_database_unavailable(error) is unavailable

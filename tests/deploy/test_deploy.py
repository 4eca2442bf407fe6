"""The documented production set-up, for real: PostgreSQL roles and grants from
deploy/postgresql/, migrations and demo data through `python -m pora_dash init-db` as the
owner, two `streamlit run serve.py` processes connected as the row-only app role, and nginx with
deploy/nginx/pora.conf in front (ports substituted, TLS left out). Two browsers pinned by the
route cookie to different processes: an edit made in one is seen by the other after a rerun,
because every cached read is keyed by the data version in the database; a file upload reaches
the process that holds the session; a browser moved to the other process stays signed in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from pora_dash import config
from pora_dash.store import db
from pora_dash.store.backup import backup_postgres, libpq_url
from pora_dash.store.models import Action
from tests.chromium import CHROMIUM, CHROMIUM_ARGS, free_port, running_app, sign_in
from tests.conftest import DEMO_AS_OF, PG_ADMIN_URL, _pg_admin, _worker

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "pora.conf"
SQL = ROOT / "deploy" / "postgresql"
PASSWORD = "demo-pora-2024"
OPEN_ACTIONS = "Tindak lanjut terbuka"


def require(tool: str) -> str:
    """The path of a command-line tool the deployment needs; skips without it, except in CI."""
    path = shutil.which(tool) or next(
        (p for p in (f"/usr/sbin/{tool}", f"/usr/bin/{tool}") if os.access(p, os.X_OK)), None
    )
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required under CI (make test installs it)")
        pytest.skip(f"{tool} is not installed")
    return path


# ----------------------------------------------------------------------------- nginx config


def _sub(pattern: str, repl: str, text_: str, count: int, flags: int = 0) -> str:
    """re.subn that insists on `count` matches: a changed template fails here, loudly."""
    result, n = re.subn(pattern, repl, text_, flags=flags)
    if n != count:
        raise AssertionError(f"{TEMPLATE.name}: expected {count} match(es) of {pattern!r}, got {n}")
    return result


def render_site(template: str, upstreams: list[int], listen: int) -> str:
    """deploy/nginx/pora.conf with the app ports and the listening port substituted, and its
    TLS parts (the port-80 redirect, certificates) left out."""
    ports = iter(upstreams)
    site = _sub(r"server 127\.0\.0\.1:\d+", lambda m: f"server 127.0.0.1:{next(ports)}", template, len(upstreams))  # type: ignore[arg-type]  # fmt: skip
    site = _sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, 1, re.S)
    site = _sub(r"listen \[::\]:443 ssl;\n", "", site, 1)
    site = _sub(r"listen 443 ssl;", f"listen 127.0.0.1:{listen};", site, 1)
    return _sub(r"\n\s*ssl_\w+ [^\n]*;", "", site, 4)


def nginx_conf(site: str, prefix: Path) -> str:
    """A whole nginx.conf around the site: its own pid, logs and temp dirs under `prefix`, and
    an access log that names the route cookie and the process that answered."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 256; }}
http {{
{temp}
    log_format route '$uri $cookie_pora_route $upstream_addr $status';
    access_log {prefix}/access.log route;
{site}
}}
"""


@contextmanager
def running_nginx(conf: str, prefix: Path, port: int) -> Iterator[str]:
    """nginx in the foreground with `conf`; yields its base URL once it answers."""
    nginx = require("nginx")
    (prefix / "nginx.conf").write_text(conf)
    args = [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", "nginx.conf"]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen([*args, "-g", "daemon off;"], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((prefix / "error.log").read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def routes(prefix: Path) -> list[tuple[str, str, str, str]]:
    """(path, route cookie, upstream address, status) of every request nginx logged."""
    lines = (prefix / "access.log").read_text().splitlines()
    return [tuple(line.split()[:4]) for line in lines]  # type: ignore[misc]


def uploaded(prefix: Path) -> list[tuple[str, str, str]]:
    """(route cookie, upstream, status) of the file uploads nginx passed on."""
    return [
        (c, up, status)
        for path, c, up, status in routes(prefix)
        if path.startswith("/_stcore/upload_file/")
    ]


def cookie_for_each(base: str, prefix: Path, ports: list[int]) -> dict[int, str]:
    """A route cookie value that nginx sends to each app port (consistent hashing decides;
    the access log tells)."""
    found: dict[int, str] = {}
    for i in range(64):
        request = urllib.request.Request(
            f"{base}/_stcore/health", headers={"Cookie": f"pora_route=probe-{i}"}
        )
        urllib.request.urlopen(request, timeout=5).close()
        time.sleep(0.05)  # the access log is written after the response
        for path, cookie, upstream, _ in routes(prefix):
            port = int(upstream.rsplit(":", 1)[1]) if ":" in upstream else None
            if path == "/_stcore/health" and cookie.startswith("probe-") and port in ports:
                found.setdefault(port, cookie)
        if len(found) == len(ports):
            return found
    raise AssertionError(f"the route cookie reached only {found}")


# ----------------------------------------------------------------------------- PostgreSQL


def psql(url: str, script: Path, **variables: str) -> None:
    conninfo, secret = libpq_url(url)
    args = [require("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f", str(script)]
    for name, value in variables.items():
        args[1:1] = ["-v", f"{name}={value}"]
    done = subprocess.run(
        args, env={**os.environ, **secret}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def production_db() -> Iterator[dict[str, str]]:
    """The database of docs/deployment.md: roles.sql, init-db --demo as the owner, grants.sql.
    Yields the owner's and the app's URLs."""
    name = re.sub(r"\W", "_", f"pora_deploy_{_worker()}").lower()
    owner, app = f"{name}_owner", f"{name}_app"
    server = make_url(PG_ADMIN_URL)
    admin = _pg_admin()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in (app, owner):
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))

    drop()
    psql(
        PG_ADMIN_URL,
        SQL / "roles.sql",
        owner_role=owner,
        owner_password="owner-pw",
        app_role=app,
        app_password="app-pw",
        db=name,
    )
    urls = {
        who: server.set(username=role, password=pw, database=name).render_as_string(False)
        for who, role, pw in (("owner", owner, "owner-pw"), ("app", app, "app-pw"))
    }
    env = {**os.environ, "PORA_DATABASE_URL": urls["owner"], "PORA_TODAY": DEMO_AS_OF.isoformat()}
    done = subprocess.run(
        [sys.executable, "-m", "pora_dash", "init-db", "--demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    psql(urls["owner"], SQL / "grants.sql", owner_role=owner, app_role=app)
    try:
        yield urls
    finally:
        for url in urls.values():
            db.get_engine(url).dispose()
        db._engine.cache_clear()
        db._sessionmaker_for.cache_clear()
        drop()
        admin.dispose()


def pending_actions(url: str) -> int:
    with db.session_scope(url) as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Action)
                .where(Action.status.in_(("open", "in_progress")))
            )
        )


def metric(page, label: str) -> int:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return int(box.get_by_test_id("stMetricValue").inner_text().replace(".", ""))


def assert_rows_only(url: str) -> None:
    """The app's role reads and writes rows (what the app needs) and nothing more."""
    from sqlalchemy.exc import ProgrammingError

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            assert conn.scalar(text("SELECT count(*) FROM regions")) > 90_000
            conn.execute(text("UPDATE data_version SET version = version + 1 WHERE key = 'data'"))
        for ddl in (
            "DROP TABLE audit_log",
            "CREATE TABLE x (id int)",
            "ALTER TABLE users ADD y int",
        ):
            with pytest.raises(ProgrammingError, match="(?i)permission denied|must be owner"):
                with engine.begin() as conn:
                    conn.execute(text(ddl))
        with engine.connect() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "1min"
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- tests


@pytest.mark.postgres
@pytest.mark.browser
def test_production_setup_two_processes_behind_nginx(
    production_db: dict[str, str], tmp_path: Path
) -> None:
    require("nginx")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is required under CI")
        pytest.skip("no /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    app_url = production_db["app"]
    assert_rows_only(app_url)
    if shutil.which("pg_dump"):  # the nightly backup unit runs as the app role
        dump = backup_postgres(app_url, tmp_path / "nightly.dump")
        assert dump.size > 1_000_000 and dump.revision
    with (
        running_app(app_url) as first,
        running_app(app_url) as second,
    ):
        ports = [int(first.rsplit(":", 1)[1]), int(second.rsplit(":", 1)[1])]
        listen = free_port()
        site = render_site(TEMPLATE.read_text(), ports, listen)
        with running_nginx(nginx_conf(site, tmp_path), tmp_path, listen) as base:
            # a browser without the cookie is given one (and keeps its process from then on)
            with urllib.request.urlopen(f"{base}/", timeout=10) as response:
                assert re.match(r"pora_route=\w+; Path=/; HttpOnly", response.headers["Set-Cookie"])
            cookies = cookie_for_each(base, tmp_path, ports)

            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                )

                def tab(port: int):  # type: ignore[no-untyped-def]
                    context = browser.new_context(
                        viewport={"width": 1440, "height": 1000}, locale="id-ID"
                    )
                    context.add_cookies(
                        [{"name": "pora_route", "value": cookies[port], "url": base}]
                    )
                    page = context.new_page()
                    page.set_default_timeout(60_000)  # a loaded CI machine
                    return page

                viewer, editor = tab(ports[1]), tab(ports[0])
                # B, on process 2: the overview's open actions, read (and cached) there
                sign_in(viewer, base, "analis", PASSWORD)
                viewer.get_by_test_id("stMetric").filter(has_text=OPEN_ACTIONS).wait_for()
                before = metric(viewer, OPEN_ACTIONS)
                assert before == pending_actions(app_url)

                # A, on process 1: close the first action of the rakor review
                sign_in(editor, base, "operator.pemalang", PASSWORD, path="tinjau?wilayah=33.29")
                editor.get_by_text("Tindak lanjut 1 dari").wait_for()
                editor.get_by_label("Selesai").check(force=True)
                editor.get_by_label("Catatan").fill("Selesai, dicek bersama Dukcapil")
                editor.get_by_role("button", name="Simpan & lanjut").click()
                deadline = time.monotonic() + 30
                while pending_actions(app_url) != before - 1:
                    assert time.monotonic() < deadline, "the edit did not reach the database"
                    time.sleep(0.3)

                # B reruns (through the menu, as users do): process 2 shows the new count
                nav = viewer.get_by_test_id("stSidebarNav")
                nav.get_by_text("Tindak lanjut", exact=True).click()
                viewer.get_by_role("heading", name=re.compile("^Tindak lanjut")).wait_for()
                nav.get_by_text("Ringkasan", exact=True).click()
                viewer.get_by_role("heading", name=re.compile("^Ringkasan")).wait_for()
                viewer.wait_for_function(
                    """([label, want]) => [...document.querySelectorAll('[data-testid=stMetric]')]
                        .some(m => m.innerText.includes(label) &&
                              m.querySelector('[data-testid=stMetricValue]').innerText == want)""",
                    arg=[OPEN_ACTIONS, str(before - 1)],
                )
                assert metric(viewer, OPEN_ACTIONS) == before - 1

                # A's file upload reaches the process holding A's session (only it knows the
                # session; another process would refuse the file)
                nav = editor.get_by_test_id("stSidebarNav")
                nav.get_by_text("Impor data", exact=True).click()
                editor.locator("input[type=file]").set_input_files(
                    files=[{"name": "uji.csv", "mimeType": "text/csv", "buffer": b"a,b\n1,2\n"}]
                )
                deadline = time.monotonic() + 30
                while not (uploads := uploaded(tmp_path)):
                    assert time.monotonic() < deadline, "no upload reached nginx"
                    time.sleep(0.3)
                assert uploads == [(cookies[ports[0]], f"127.0.0.1:{ports[0]}", "204")]

                # B is moved to process 1 (as when nginx takes process 2 out): after a reload
                # the sign-in cookie signs B in there, its token being in the database
                viewer.context.add_cookies(
                    [{"name": "pora_route", "value": cookies[ports[0]], "url": base}]
                )
                viewer.reload()
                viewer.get_by_test_id("stMetric").filter(has_text=OPEN_ACTIONS).wait_for()
                assert metric(viewer, OPEN_ACTIONS) == before - 1
                assert viewer.get_by_label("Kata sandi").count() == 0
                browser.close()

    # every websocket went to the process its route cookie names, through nginx
    streams = {(c, up) for path, c, up, _ in routes(tmp_path) if path == "/_stcore/stream"}
    assert streams == {
        (cookies[ports[0]], f"127.0.0.1:{ports[0]}"),
        (cookies[ports[1]], f"127.0.0.1:{ports[1]}"),
    }


def test_pool_settings_come_from_the_environment() -> None:
    loaded = config.load_settings(
        {
            "PORA_DATABASE_URL": "postgresql+psycopg://app@db.example:5432/pora",
            "PORA_DB_POOL_SIZE": "8",
            "PORA_DB_MAX_OVERFLOW": "4",
            "PORA_DB_POOL_TIMEOUT": "12",
            "PORA_DB_POOL_RECYCLE": "600",
        }
    )
    assert (loaded.db_pool_size, loaded.db_max_overflow) == (8, 4)
    assert (loaded.db_pool_timeout, loaded.db_pool_recycle) == (12, 600)
    with pytest.raises(config.ConfigError, match="db_pool_size"):
        config.load_settings({"PORA_DB_POOL_SIZE": "lots"})
    with pytest.raises(config.ConfigError, match="db_pool_recycle"):
        config.load_settings({"PORA_DB_POOL_RECYCLE": "5"})


def test_engine_uses_the_configured_pool(use_db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql+psycopg://app@pool-test.invalid:5432/pora"
    monkeypatch.setenv("PORA_DB_POOL_SIZE", "7")
    monkeypatch.setenv("PORA_DB_MAX_OVERFLOW", "3")
    try:
        use_db(url)  # re-reads the settings
        engine = db.get_engine(url)  # created, not connected
        assert (engine.pool.size(), engine.pool._max_overflow) == (7, 3)  # type: ignore[attr-defined]
        assert engine.pool._pre_ping is True  # type: ignore[attr-defined]
    finally:
        db._engine.cache_clear()
        db._sessionmaker_for.cache_clear()


def test_nginx_config_matches_the_upload_limit() -> None:
    """client_max_body_size is Streamlit's maxUploadSize, twice PORA_MAX_UPLOAD_MB's default
    (a file a little over the import limit reaches the importer's Indonesian refusal)."""
    import tomllib

    size = re.search(r"client_max_body_size (\d+)m;", TEMPLATE.read_text())
    streamlit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert size is not None
    assert int(size.group(1)) == streamlit["server"]["maxUploadSize"]
    assert int(size.group(1)) == 2 * config.Settings(database_url="sqlite://").max_upload_mb

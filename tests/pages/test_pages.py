"""Every page for every role through AppTest: shown or refused, and what is shown.

Pages a role may not use are not routed: asking for them lands on the overview, and nothing
of the refused page runs.
"""

from __future__ import annotations

import pytest

from pora_dash.access.permissions import can
from pora_dash.store.bootstrap import DEMO_USERS
from pora_dash.ui.navigation import PAGES
from tests.apptest import app_as

ROLE_OF = {username: role for username, role, *_ in DEMO_USERS}
TITLES = {
    "app_pages/overview.py": "Ringkasan",
    "app_pages/map.py": "Peta",
    "app_pages/users.py": "Pengguna",
    "app_pages/audit.py": "Log audit",
    "app_pages/records.py": "Data orang",
    "app_pages/origins.py": "Asal & status",
    "app_pages/mobility.py": "Mobilitas",
    "app_pages/followups.py": "Tindak lanjut",
    "app_pages/meetings.py": "Rapat",
    "app_pages/review.py": "Tinjau tindak lanjut",
    "app_pages/brief.py": "Bahan rakor",
    "app_pages/reminders.py": "Pengingat",
    "app_pages/stability.py": "Stabilitas",
    "app_pages/presentation.py": "Angka utama",
    "app_pages/glossary.py": "Glosarium",
    "app_pages/attention.py": "Wilayah perlu perhatian",
    "app_pages/imports.py": "Impor data",
    "app_pages/quality.py": "Kualitas data",
    "app_pages/profile.py": "Profil",
}


def test_every_page_has_an_expected_title() -> None:
    assert {p.file for p in PAGES} == set(TITLES)


@pytest.mark.parametrize("username", list(ROLE_OF))
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.file)
def test_role_page_matrix(demo_db: str, use_db, username: str, spec) -> None:
    use_db(demo_db)
    at = app_as(demo_db, username, page=spec.file)
    assert not at.exception, at.exception
    title = at.title[0].value
    if can(ROLE_OF[username], spec.permission):
        assert title.startswith(TITLES[spec.file])
    else:
        assert title.startswith("Ringkasan"), f"{username} reached {spec.file}"
    # a refused page must not have run at all: its widgets are absent
    if not can(ROLE_OF[username], "admin"):
        assert "Buat pengguna" not in [b.label for b in at.button]


def test_nothing_is_shown_before_sign_in_on_any_page(demo_db: str, use_db) -> None:
    use_db(demo_db)
    for spec in PAGES:
        at = app_as(demo_db, None, page=spec.file)
        assert not at.exception
        assert not at.metric
        # the one table is the hidden one that loads the table code while the user types:
        # no figure in it
        assert [list(df.value.columns) for df in at.dataframe] == [["-"]]
        assert [df.value["-"].tolist() for df in at.dataframe] == [[0]]
        assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]

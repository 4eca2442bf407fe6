"""Out-of-range and garbage `tanggal` values in the URL: a notice on every data page, never an error.

A date before 1990 or after today would overflow date arithmetic (9999-12-31 + a day) or
the sidebar's date widget (StreamlitValueAboveMaxError); it is ignored, like any bad value.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pora_dash.filters import from_query_params
from pora_dash.i18n import t
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF

DATA_PAGES = [  # every page that reads the URL filters (the quality page reads none)
    "app_pages/overview.py",
    "app_pages/map.py",
    "app_pages/origins.py",
    "app_pages/stability.py",
    "app_pages/attention.py",
    "app_pages/brief.py",
    "app_pages/followups.py",
    "app_pages/meetings.py",
    "app_pages/review.py",
    "app_pages/presentation.py",
    "app_pages/records.py",
]
OUT_OF_RANGE = ["9999-12-31", "2101-01-01", "0001-01-01"]


@pytest.mark.parametrize("value", [*OUT_OF_RANGE, "1989-12-31", "2026-11-23"])
def test_a_date_outside_1990_to_today_is_ignored_with_a_notice(value: str) -> None:
    # the autouse fixture pins today to DEMO_AS_OF (2026-11-22)
    filters, notices = from_query_params({"tanggal": value})
    assert filters.as_of is None and filters.reference_date() == DEMO_AS_OF
    assert notices == [("notice.date_out_of_range", "tanggal", value)]


@pytest.mark.parametrize("value", ["1990-01-01", DEMO_AS_OF.isoformat()])
def test_the_ends_of_the_range_are_kept(value: str) -> None:
    filters, notices = from_query_params({"tanggal": value})
    assert filters.as_of == dt.date.fromisoformat(value) and not notices


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_data_page_shows_a_notice_not_an_error(demo_db: str, use_db, page: str) -> None:
    use_db(demo_db)
    plain = app_as(demo_db, "admin", page=page)
    assert not plain.exception
    for value in [*OUT_OF_RANGE, "31/12/9999"]:
        at = app_as(demo_db, "admin", page=page, params={"tanggal": value})
        assert not at.exception, (page, value, [e.value for e in at.exception])
        notices = " ".join(i.value for i in at.info)
        assert f"'{value}'" in notices, (page, value, notices)
        if value in OUT_OF_RANGE:
            assert "di luar rentang" in notices and "1 Januari 1990" in notices
        # the date is ignored: the page shows what it shows for today
        assert metric_values(at) == metric_values(plain), (page, value)
        dates = [d for d in at.sidebar.date_input if d.key == "f_date"]
        assert all(d.value == DEMO_AS_OF for d in dates)  # where the page has the date filter


def test_the_notice_reads_in_both_languages() -> None:
    values = {"param": "tanggal", "value": "9999-12-31"}
    assert "1 Januari 1990" in t("notice.date_out_of_range", "id", **values)
    assert "1 January 1990" in t("notice.date_out_of_range", "en", **values)

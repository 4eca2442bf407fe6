"""The incident list on a screen names every column of `incident_table` in its order and
widths: a column added to the table and not to the screen's order would silently vanish."""

from __future__ import annotations

import pandas as pd
import pytest

from pora_dash.i18n import t
from pora_dash.present.disclosure import Policy
from pora_dash.present.stability_tables import incident_table
from pora_dash.ui.stability import INCIDENT_COLUMNS


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_screen_order_names_every_column(lang: str) -> None:
    points = pd.DataFrame(
        {
            "date_txt": ["17 Juli 2024"],
            "kind_txt": ["Lainnya"],
            "severity_txt": ["Rendah"],
            "area": ["Sirampog, Kabupaten Brebes"],
            "people": [12],
            "source": ["Polres Brebes"],
            "description": ["Pertemuan warga."],
        }
    )
    columns = list(incident_table(points, Policy(exact=True, lang=lang), screen=True).columns)
    assert sorted(t(key, lang) for key in INCIDENT_COLUMNS) == sorted(columns)

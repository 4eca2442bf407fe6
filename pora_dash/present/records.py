"""A page of person records in words: nationality, status, sex, accommodation and place by
name, dates as the language writes them, an empty field as "–" (not "None")."""

from __future__ import annotations

import pandas as pd

from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_date, t


def records_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The records (named or pseudonymized, as read) with their columns' names in `lang`."""
    return (
        frame.assign(
            nationality=[country_name(c, lang) for c in frame["nationality"]],
            unhcr_status=[t(f"status.{s}", lang) for s in frame["unhcr_status"]],
            sex=[t(f"sex.{s}", lang) for s in frame["sex"]],
            arrival_date=[fmt_date(d, lang) for d in frame["arrival_date"]],
            last_verified_on=[fmt_date(d, lang) for d in frame["last_verified_on"]],
            kecamatan_code=[labels.name(c) for c in frame["kecamatan_code"]],
            accommodation=[t(f"accommodation.{a}", lang) for a in frame["accommodation"]],
        )
        .fillna("–")
        .rename(columns=lambda c: t(f"records.col.{c}", lang))
    )

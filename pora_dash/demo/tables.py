"""The demo's literal tables, read once at import from `data/*.json` into Python values.

Each constant keeps the type the generator works with (tuples, dataclasses from `records`,
`datetime.date`); the comments here say what the JSON rows mean, since JSON cannot.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from typing import Any

from pora_dash.demo.records import (
    ActionTemplate,
    Area,
    Boat,
    Kanim,
    NamedMeeting,
    SpecialHousehold,
)

D = dt.date


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (files(__package__) / "data" / f"{name}.json").read_text(encoding="utf-8")
    )
    return data


def _dates(values: list[str]) -> tuple[dt.date, ...]:
    return tuple(D.fromisoformat(v) for v in values)


_nationalities = _load("nationalities")
_officials = _load("officials")
_geography = _load("geography")
_sites = _load("sites")
_cohorts = _load("cohorts")
_history = _load("history")
_agencies = _load("agencies")
_calendar = _load("calendar")
_meetings = _load("meetings")
_actions = _load("actions")
_incidents = _load("incidents")

# ================================================================ nationalities and names

# (ISO alpha-3, name group, weight among the active population outside the special cohorts).
# Myanmar is small here: most Myanmar nationals in the data are the Rohingya boat arrivals.
NATIONALITIES: tuple[tuple[str, str, float], ...] = tuple(
    (iso, group, weight) for iso, group, weight in _nationalities["nationalities"]
)
GROUP_OF = {iso: group for iso, group, _ in NATIONALITIES}

# Common given names (male, female) and family names per origin group, combined at random.
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    group: (lists["male"], lists["female"], lists["family"])
    for group, lists in _nationalities["names"].items()
}

# Indonesian names for officials (person in charge of an action), combined at random.
OFFICIAL_GIVEN: list[str] = _officials["given"]
OFFICIAL_FAMILY: list[str] = _officials["family"]
# Titles of the officials in charge of actions, by agency kind.
PIC_TITLES: dict[str, tuple[str, ...]] = {
    kind: tuple(titles) for kind, titles in _officials["titles"].items()
}

# ================================================================ geography

JABODETABEK: tuple[str, ...] = tuple(_geography["jabodetabek"])
# Former Karesidenan Pekalongan: only the special cohort lives here.
EX_PEKALONGAN: tuple[str, ...] = tuple(_geography["ex_pekalongan"])
SIRAMPOG = "33.29.05"

AREAS: tuple[Area, ...] = tuple(Area.from_json(a) for a in _geography["areas"])
AREA_BY_KAB = {a.kabkota: a for a in AREAS}
# first homes of people relocated by IOM
JAKARTA_START_AREAS: tuple[str, ...] = tuple(_geography["jakarta_start_areas"])

# Kab/kota of the Rohingya shelters and landings, and the meeting places without refugees.
ACEH_KABS: tuple[str, ...] = tuple(_geography["aceh_kabs"])
OTHER_MEMBER_KABS = EX_PEKALONGAN + tuple(_geography["meeting_places_without_refugees"])

PROVINCE_LABEL: dict[str, str] = _geography["province_label"]

# Label points (lat, lng) of the kecamatan used, from the shipped boundaries (cahyadsn, MIT).
KEC_POINTS: dict[str, tuple[float, float]] = {
    code: (lat, lng) for code, (lat, lng) in _geography["kecamatan_points"].items()
}

# ================================================================ sites and cohorts

# Rumah Detensi Imigrasi: (site and agency code, name, kecamatan, capacity at scale 1).
RUDENIM: tuple[tuple[str, str, str, int], ...] = tuple(
    (code, name, kec, capacity) for code, name, kec, capacity in _sites["rudenim"]
)
# Shelters for the Rohingya in Aceh: (site code, name, kecamatan, open on the reference date).
SHELTERS: tuple[tuple[str, str, str, bool], ...] = tuple(
    (code, name, kec, is_open) for code, name, kec, is_open in _sites["shelters"]
)
# Names of the IOM community houses.
CH_NAMES: tuple[str, ...] = tuple(_sites["community_house_names"])

# 15 boats, 2,026 people from mid-November 2023 to September 2024 (1,084 landed 14-21 Nov 2023);
# 1,175 remain.
BOATS: tuple[Boat, ...] = tuple(Boat.from_json(b) for b in _cohorts["rohingya_boats"])
# 19 refugees with UNHCR cards, three of them a Palestinian family in Sirampog (Brebes).
SPECIAL: tuple[SpecialHousehold, ...] = tuple(
    SpecialHousehold.from_json(s) for s in _cohorts["pekalongan_households"]
)

# ================================================================ history shape

# Relative arrival weight per year for the population still present at the reference date.
ARRIVAL_WEIGHTS: dict[int, float] = {
    int(year): weight for year, weight in _history["arrival_weights"].items()
}
# Departures (persons at scale 1) per year, fitted so the active total is ~13,900 through
# 2016-2020, ~12,200 in mid-2023 and ~12,100 in 2025-2026 (with the Rohingya arrivals).
DEPARTURES_PER_YEAR: dict[int, int] = {
    int(year): count for year, count in _history["departures_per_year"].items()
}
STEADY_DEPARTURES = 160  # per year after the reference period
REFERENCE_END = D(2026, 12, 31)
MAIN_ACTIVE = 10_906  # active at scale 1 besides the Rohingya arrivals and the special cohort
HOUSEHOLD_SIZES: dict[int, float] = {
    int(size): share for size, share in _history["household_sizes"].items()
}
DEPARTURE_KINDS: dict[str, float] = _history["departure_kinds"]

# ================================================================ agencies

# (code, name, kind) of the national members.
NATIONAL_AGENCIES: tuple[tuple[str, str, str], ...] = tuple(
    (code, name, kind) for code, name, kind in _agencies["national"]
)
POLDA: dict[str, str] = _agencies["polda"]  # by province
KODAM: dict[str, str] = _agencies["kodam"]  # by province
POLRES: dict[str, str] = _agencies["polres"]  # by kab/kota
KODIM: dict[str, str] = _agencies["kodim"]  # by kab/kota
KANIMS: tuple[Kanim, ...] = tuple(Kanim.from_json(k) for k in _agencies["kanims"])
KANIM_OF_KAB = {kab: k for k in KANIMS for kab in k.covers}
# Kecamatan with their own Tim PORA (camat as member, kecamatan-level rakor).
KECAMATAN_TEAMS: tuple[str, ...] = tuple(_agencies["kecamatan_teams"])

# ================================================================ calendar

MONTHS_ID: tuple[str, ...] = tuple(_calendar["months"])
ROMAN = ("I", "II", "III", "IV")
# (name, kind, first day, last day) of the national elections and campaign periods.
ELECTIONS: tuple[tuple[str, str, dt.date, dt.date], ...] = tuple(
    (name, kind, D.fromisoformat(start), D.fromisoformat(end))
    for name, kind, start, end in _calendar["elections"]
)
# (name, kind, month, day) of the national days held every year.
YEARLY_EVENTS: tuple[tuple[str, str, int, int], ...] = tuple(
    (name, kind, month, day) for name, kind, month, day in _calendar["yearly"]
)
IDUL_FITRI = _dates(_calendar["idul_fitri"])
IDUL_ADHA = _dates(_calendar["idul_adha"])
CALENDAR_YEARS = range(2022, 2027)

# ================================================================ meetings, actions, operations

NAMED_MEETINGS: tuple[NamedMeeting, ...] = tuple(
    NamedMeeting.from_json(m) for m in _meetings["named_meetings"]
)
ACTION_TEMPLATES: tuple[ActionTemplate, ...] = tuple(
    ActionTemplate.from_json(t) for t in _actions["templates"]
)
DROP_REASONS: tuple[str, ...] = tuple(_actions["drop_reasons"])
PROGRESS_COMMENTS: tuple[str, ...] = tuple(_actions["progress_comments"])
DONE_COMMENTS: tuple[str, ...] = tuple(_actions["done_comments"])
# What a field operation of each kind may find (a few of them, each with a count).
FINDINGS: dict[str, tuple[str, ...]] = {
    kind: tuple(findings) for kind, findings in _actions["findings"].items()
}
# Description of a field operation of each kind ({kec}, {kab}).
OPERATION_TEXT: dict[str, str] = _actions["operation_text"]

# ================================================================ incidents

# Descriptions of incidents of each kind ({n}: the people involved).
INCIDENT_TEXT: dict[str, tuple[str, ...]] = {
    kind: tuple(texts) for kind, texts in _incidents["texts"].items()
}

"""The disclosure rule, tried as an attacker would (tests/attacker.py), on SQLite and PostgreSQL,
over the demo data and over random small populations.

For a protected audience (a viewer, the slides, a brief, a download), no count of 1–4 in the
database can be worked out exactly from any pair of outputs it can reach: the headline against
each breakdown, the map's areas against their total, two filters that differ by one
nationality, status or area, consecutive months of the trend, a percentage times its total,
and a brief's workbook against its PDF. Every output is made the way the pages make it (the
reads, then `present`), and read back as text.

The six leaks found in the first rule are kept as examples: the same attacker, fed the figures
the first rule showed, finds each of them again; fed today's figures, it finds nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import re
from dataclasses import dataclass, field, replace

import openpyxl
import pandas as pd
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.orm import Session

from pora_dash import brief
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_int
from pora_dash.present import headline, tables
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy, text
from pora_dash.reads import areas, followups, origins, overview
from pora_dash.render import mapview
from pora_dash.store import db
from pora_dash.store.models import (
    ACCOMMODATIONS,
    DEPARTURES,
    UNHCR_STATUSES,
    Movement,
    Person,
)
from tests import attacker, fixtures
from tests.conftest import DEMO_AS_OF

PROTECTED = Policy(exact=False)
NATION = Scope.national()
ACTIVE, REFUGEES, SEEKERS = "home.national_total", "home.refugees", "home.asylum_seekers"
SHARE = "home.document_share"


@dataclass
class View:
    """What one audience reads for one filter: every figure by a name, the true counts
    behind them, and the sums the attacker knows to hold."""

    true: dict[str, int] = field(default_factory=dict)
    shown: dict[str, str | None] = field(default_factory=dict)
    sums: list[attacker.Sum] = field(default_factory=list)
    share: str = "–"  # the headline's share with a UNHCR document, as shown

    def add(self, name: str, true: int, shown: str | None) -> None:
        self.true[name] = int(true)
        self.shown[name] = shown

    def leaks(self, *also: View) -> dict[str, int]:
        """What the attacker works out from this view and `also` together."""
        true, shown, sums = dict(self.true), dict(self.shown), list(self.sums)
        for other in also:
            true |= other.true
            shown |= other.shown
            sums += other.sums
        return attacker.leaks(true, shown, sums)


# --- outputs, made as the pages make them ----------------------------------------------------


def headline_view(session: Session, f: Filters, scope: Scope, policy: Policy, tag: str) -> View:
    head = overview.headline(session, filters=f, scope=scope)
    flows = overview.arrivals(session, filters=f, scope=scope)
    actions = followups.action_counts(session, filters=f, scope=scope)
    figures = {fig.key: fig.value for fig in headline.figures(head, flows, actions, policy)}
    view = View()
    view.add(f"{tag}:T", head.active, figures[ACTIVE])
    view.add(f"{tag}:status:refugee", head.refugees, figures[REFUGEES])
    view.add(f"{tag}:status:asylum_seeker", head.asylum_seekers, figures[SEEKERS])
    view.add(f"{tag}:arrivals30", flows.last_30, figures["home.arrivals_30"])
    view.add(f"{tag}:arrivals90", flows.last_90, figures["home.arrivals_90"])
    view.share = figures[SHARE]
    return view


def share_bounds(view: View, tag: str) -> attacker.Interval | None:
    """A percentage times its total: the count of people with a UNHCR document it implies."""
    if view.share == "–":
        return None
    percent = float(view.share.rstrip("%").replace(".", "").replace(",", "."))
    low, high = attacker.read(view.shown[f"{tag}:T"] or "") or (0, 0)
    return int(low * (percent - 0.05) / 100), int(high * (percent + 0.05) / 100) + 1


def breakdown_view(frame: pd.DataFrame, key: str, policy: Policy, tag: str, dim: str) -> View:
    """One breakdown of the population `tag` (its parts add up to `tag:T`)."""
    frame = frame.rename(columns={key: "code"})
    shown = tables.breakdown(frame, "code", policy)
    view = View()
    values = shown.values["count"] if shown.ok else {}
    for code, n in zip(frame["code"], frame["count"], strict=True):
        view.add(f"{tag}:{dim}:{code}", n, text(values[code], policy.lang) if shown.ok else None)
    view.sums.append(
        attacker.total_and_parts(f"{tag}:T", [f"{tag}:{dim}:{c}" for c in frame["code"]])
    )
    return view


def status_view(session: Session, f: Filters, scope: Scope, policy: Policy, tag: str) -> View:
    frame = overview.by_status(session, filters=f, scope=scope)
    found = dict(zip(frame["status"], frame["count"], strict=True))
    full = pd.DataFrame(
        {"status": UNHCR_STATUSES, "count": [found.get(s, 0) for s in UNHCR_STATUSES]}
    )
    return breakdown_view(full, "status", policy, tag, "status")


def breakdown_views(
    session: Session, f: Filters, scope: Scope, policy: Policy, tag: str
) -> dict[str, View]:
    profile = origins.profile(session, filters=f, scope=scope)
    sex_age = origins.sex_age_of(profile)
    sex_age = sex_age.assign(code=sex_age["band"] + ":" + sex_age["sex"])[["code", "count"]]
    views = {
        "status": status_view(session, f, scope, policy, tag),
        "nationality": breakdown_view(
            overview.by_nationality(session, filters=f, scope=scope),
            "nationality",
            policy,
            tag,
            "nat",
        ),
        "accommodation": breakdown_view(
            origins.by_accommodation(session, filters=f, scope=scope),
            "accommodation",
            policy,
            tag,
            "acc",
        ),
        "sex_age": breakdown_view(sex_age, "code", policy, tag, "sexage"),
    }
    if f.level() < 3:
        views["areas"] = breakdown_view(
            overview.by_area(session, filters=f, scope=scope), "code", policy, tag, "area"
        )
    return views


TIP = re.compile(r'"tip": "((?:[^"\\]|\\.)*)"')


def map_view(session: Session, f: Filters, scope: Scope, policy: Policy, tag: str) -> View:
    """The map's areas as its tooltips state them (the HTML the browser receives)."""
    frame = areas.area_metrics(session, filters=f, scope=scope)
    folium_map, _, _ = mapview.build(
        filters=f,
        scope=scope,
        frame=frame,
        metric="count",
        policy=policy,
        sites=None,
        incidents=None,
    )
    html = folium_map.get_root().render()
    true = dict(zip(frame["code"], frame["active"], strict=True))
    view = View()
    codes = []
    for raw in TIP.findall(html):
        tip = json.loads(f'"{raw}"')
        code = re.search(r"<small>([\d.]+)</small>", tip).group(1)  # type: ignore[union-attr]
        value = re.search(r": <b>([^<]*)</b>$", tip).group(1)  # type: ignore[union-attr]
        codes.append(code)
        view.add(f"{tag}:area:{code}", true.get(code, 0), value.replace("&lt;", "<"))
    view.sums.append(attacker.total_and_parts(f"{tag}:T", [f"{tag}:area:{c}" for c in codes]))
    return view


def trend_view(session: Session, f: Filters, scope: Scope, policy: Policy, tag: str) -> View:
    trend = overview.monthly_trend(session, filters=f, scope=scope)
    shown = present_trend.protect(trend, policy)
    view = View()
    months = [m.isoformat() for m in trend["month"]]
    for series in ("active", "arrivals", "departures"):
        texts = list(shown.frame[f"{series}_txt"]) if shown.ok else [None] * len(months)
        for m, n, t in zip(months, trend[series], texts, strict=True):
            view.add(f"{tag}:{series}:{m}", n, t)
    for before, now in zip(months, months[1:], strict=False):
        view.sums.append(
            (
                [f"{tag}:active:{now}", f"{tag}:departures:{now}"],
                [f"{tag}:active:{before}", f"{tag}:arrivals:{now}"],
            )
        )
    if months:
        view.sums.append(([f"{tag}:T"], [f"{tag}:active:{months[-1]}"]))
    return view


# --- the attacks ------------------------------------------------------------------------------


def attack_one_filter(session: Session, f: Filters, scope: Scope) -> dict[str, dict[str, int]]:
    """Headline against each breakdown, the map against its total, consecutive months, the
    share against its total: what leaks, by pair."""
    head = headline_view(session, f, scope, PROTECTED, "F")
    found: dict[str, dict[str, int]] = {}
    for name, view in breakdown_views(session, f, scope, PROTECTED, "F").items():
        found[f"headline+{name}"] = head.leaks(view)
    if f.level() < 3:
        found["headline+map"] = head.leaks(map_view(session, f, scope, PROTECTED, "F"))
    found["headline+trend"] = head.leaks(trend_view(session, f, scope, PROTECTED, "F"))
    documented = share_bounds(head, "F")
    if documented:  # the share times the total, with the status breakdown beside it
        statuses = status_view(session, f, scope, PROTECTED, "F")
        shown = {
            k: iv
            for k, v in (head.shown | statuses.shown).items()
            if v and (iv := attacker.read(v))
        }
        sums = [*statuses.sums, (["F:documented"], ["F:status:refugee", "F:status:asylum_seeker"])]
        box = attacker.narrow(shown | {"F:documented": documented}, sums)
        true = head.true | statuses.true
        found["share+status"] = {
            k: n for k, n in true.items() if 0 < n < 5 and box.get(k) == (n, n)
        }
    return {k: v for k, v in found.items() if v}


def attack_filter_pairs(session: Session, f: Filters, scope: Scope) -> dict[str, dict[str, int]]:
    """Two filters whose difference is one nationality or one status."""
    found: dict[str, dict[str, int]] = {}
    nats = list(overview.by_nationality(session, filters=f, scope=scope)["nationality"])
    pairs = [("nationalities", (nats[0],), (nats[0], x)) for x in nats[1:]] if nats else []
    pairs += [("statuses", ("refugee",), ("refugee", s)) for s in UNHCR_STATUSES if s != "refugee"]
    for field_name, one, two in pairs:
        a, b = replace(f, **{field_name: one}), replace(f, **{field_name: two})
        first = headline_view(session, a, scope, PROTECTED, "A")
        second = headline_view(session, b, scope, PROTECTED, "B")
        difference = second.true["B:T"] - first.true["A:T"]
        both = View(
            true={"X": difference},
            shown={},
            sums=[(["B:T"], ["A:T", "X"])],
        )
        leak = both.leaks(first, second)
        if "X" in leak:
            found[f"{field_name}:{two[-1]}"] = {"X": difference}
    return found


def attack_area_pair(session: Session, scope_codes: list[str]) -> dict[str, int]:
    """A viewer whose scope is two areas: the whole scope against one of them."""
    scope = Scope.of(scope_codes)
    whole = headline_view(session, Filters(), scope, PROTECTED, "S")
    one = headline_view(session, Filters(wilayah=scope_codes[0]), scope, PROTECTED, "A")
    rest = whole.true["S:T"] - one.true["A:T"]
    return View(true={"B": rest}, sums=[(["S:T"], ["A:T", "B"])]).leaks(whole, one)


# --- the demo data, on both databases ---------------------------------------------------------


DEMO_FILTERS = [
    Filters(),
    Filters(wilayah="31"),
    Filters(wilayah="31.71"),
    Filters(wilayah="31.71.01"),
    Filters(wilayah="33.29"),
    Filters(wilayah="33.29.05"),
    Filters(wilayah="12.71"),
    Filters(wilayah="11", nationalities=("MMR",)),
]


@pytest.mark.parametrize("f", DEMO_FILTERS, ids=lambda f: f.wilayah or "nation")
def test_no_pair_of_outputs_gives_a_small_count_back(demo: str, f: Filters) -> None:
    with db.session_scope(demo) as session:
        assert attack_one_filter(session, f, NATION) == {}
        assert attack_filter_pairs(session, f, NATION) == {}


def test_two_areas_of_a_viewers_scope_give_nothing_back(demo: str) -> None:
    with db.session_scope(demo) as session:
        for codes in (["31.71", "31.75"], ["33.29.05", "33.29.06"], ["31.71.01", "31.71.02"]):
            assert attack_area_pair(session, codes) == {}


def test_every_shown_figure_is_a_published_count(demo: str) -> None:
    """Reading a figure that is not a multiple of 5 would itself be a leak (attacker.read)."""
    with db.session_scope(demo) as session:
        for f in DEMO_FILTERS:
            views = [headline_view(session, f, NATION, PROTECTED, "F")]
            views += breakdown_views(session, f, NATION, PROTECTED, "F").values()
            views.append(trend_view(session, f, NATION, PROTECTED, "F"))
            for view in views:
                for shown in view.shown.values():
                    if shown is not None:
                        attacker.read(shown)


def test_the_viewer_still_gets_usable_national_figures(demo: str) -> None:
    """Every national headline figure and top-10 table within 2 of the exact value; nothing
    of 5 or more hidden."""
    with db.session_scope(demo) as session:
        f = Filters()
        views = [headline_view(session, f, NATION, PROTECTED, "F")]
        for name, view in breakdown_views(session, f, NATION, PROTECTED, "F").items():
            top = sorted(view.true, key=lambda k: -view.true[k])[:10]
            views.append(
                View(true={k: view.true[k] for k in top}, shown={k: view.shown[k] for k in top})
            )
            assert all(view.shown[k] is not None for k in top), name  # not withheld
        for view in views:
            for name, n in view.true.items():
                shown = view.shown[name]
                if shown is None:
                    continue
                if n >= 5:
                    assert shown != "<5"
                    assert abs(int(re.sub(r"\D", "", shown)) - n) <= 2, (name, n, shown)


# --- the six leaks of the first rule, as they were found ---------------------------------------


def first_rule(n: int) -> str:
    """What the first rule showed: exact counts from 5 up, "<5" for 1–4."""
    return "<5" if 0 < n < 5 else str(n)


def first_rule_attacker_read(shown: str) -> attacker.Interval | None:
    if shown == "<5":
        return (1, 4)
    return (int(shown), int(shown))


@pytest.mark.parametrize(
    "leak",
    [
        "1. headline against the status breakdown (Jakarta Pusat: 36 - 27 - 6 = 3)",
        "2. map areas against their total (Jakarta Pusat: Senen)",
        "3. two filters (wn=AFG,SDN minus wn=AFG)",
        "4. consecutive months of the trend",
    ],
)
def test_the_first_rules_leaks_are_found_again_and_are_gone(demo_db: str, leak: str) -> None:
    """The attacker finds each leak in the figures the first rule showed (so it can fail),
    and nothing in today's protected figures."""
    with db.session_scope(demo_db) as session:
        f = Filters(wilayah="31.71")
        head = overview.headline(session, filters=f, scope=NATION)
        total = {"T": head.active}
        if leak.startswith("1."):
            frame = overview.by_status(session, filters=f, scope=NATION)
            parts = dict(zip(frame["status"], map(int, frame["count"]), strict=True))
        elif leak.startswith("2."):
            frame = overview.by_area(session, filters=f, scope=NATION)
            parts = dict(zip(frame["code"], map(int, frame["count"]), strict=True))
        elif leak.startswith("3."):
            nats = overview.by_nationality(session, filters=f, scope=NATION)
            counts = dict(zip(nats["nationality"], map(int, nats["count"]), strict=True))
            small = next(c for c, n in counts.items() if 0 < n < 5)
            big = next(c for c, n in counts.items() if n >= 5)
            total = {"T": counts[big] + counts[small]}  # wn=<big>,<small>
            parts = {big: counts[big], small: counts[small]}  # wn=<big>; <small> unseen now
        else:
            trend = overview.monthly_trend(session, filters=Filters(wilayah="31.71"), scope=NATION)
            old = _first_rule_trend_leaks(trend)
            new = trend_view(session, Filters(wilayah="31.71"), NATION, PROTECTED, "F")
            new.add(
                "F:T", int(trend["active"].iloc[-1]), PROTECTED.count(int(trend["active"].iloc[-1]))
            )
            assert old, "the first rule's trend gave small months back"
            assert new.leaks() == {}
            return
    sums = [(["T"], list(parts))]
    everything = total | parts
    # the first rule: exact figures beside "<5" (a total always shown, and exact)
    old_shown = {k: first_rule(v) for k, v in everything.items()}
    if leak.startswith("3."):
        old_shown.pop(small)  # the attacker compares two filters: wn=AFG,SDN and wn=AFG
    old_box = attacker.narrow(
        {k: iv for k, v in old_shown.items() if (iv := first_rule_attacker_read(v))}, sums
    )
    assert any(0 < n < 5 and old_box[k] == (n, n) for k, n in parts.items()), leak
    # today's rule: the protected figures of the same counts
    if leak.startswith("3."):  # two headlines, each published on its own
        new_shown: dict[str, str | None] = {
            "T": PROTECTED.count(total["T"]),
            big: PROTECTED.count(parts[big]),
        }
    else:  # the headline and the breakdown, as the pages show them
        shown = PROTECTED.breakdown(total["T"], list(parts.values()))
        values = shown.values if shown.ok else [None] * len(parts)
        new_shown = {"T": PROTECTED.count(total["T"])}
        new_shown |= {
            k: None if v is None and not shown.ok else text(v)
            for k, v in zip(parts, values, strict=True)
        }
    assert attacker.leaks(everything, new_shown, sums) == {}


def _first_rule_trend_leaks(trend: pd.DataFrame) -> dict[str, int]:
    """The trend as the brief's sheet once showed it: months with 1–4 arrivals as "<5",
    every active count exact, and no departures: the arrivals come back."""
    true: dict[str, int] = {}
    shown: dict[str, str] = {}
    sums: list[attacker.Sum] = []
    months = [m.isoformat() for m in trend["month"]]
    for i, m in enumerate(months):
        for series in ("active", "arrivals", "departures"):
            n = int(trend[series].iloc[i])
            true[f"{series}:{m}"] = n
            shown[f"{series}:{m}"] = first_rule(n)
        if i:
            sums.append(
                ([f"active:{m}", f"departures:{m}"], [f"active:{months[i - 1]}", f"arrivals:{m}"])
            )
    box = attacker.narrow({k: first_rule_attacker_read(v) for k, v in shown.items()}, sums)
    return {k: n for k, n in true.items() if 0 < n < 5 and box[k] == (n, n)}


def test_three_people_are_never_broken_down(demo_db: str) -> None:
    """Leak 6: the non-zero cells of nationality, status, accommodation and sex × age of the
    3 persons in Sirampog described them one by one. Now no breakdown of them is shown."""
    with db.session_scope(demo_db) as session:
        views = breakdown_views(session, Filters(wilayah="33.29.05"), NATION, PROTECTED, "F")
    for name, view in views.items():
        assert all(shown is None for shown in view.shown.values()), name


# --- the brief: its workbook against its PDF ---------------------------------------------------


@pytest.mark.parametrize("region", ["31", "31.71", "33.29"])
def test_a_protected_brief_agrees_with_itself_and_gives_nothing_back(
    demo_db: str, region: str
) -> None:
    with db.session_scope(demo_db) as session:
        content = brief.gather(
            session,
            region=region,
            period=brief.parse_period("2024-11", today=DEMO_AS_OF),
            scope=NATION,
            lang="id",
            today=DEMO_AS_OF,
        )
    pages = pypdf.PdfReader(io.BytesIO(brief.render_pdf(content))).pages
    pdf = " ".join(" ".join(page.extract_text().split()) for page in pages)
    book = openpyxl.load_workbook(io.BytesIO(brief.render_workbook(content)))
    figures = sheet_rows(book["Angka utama"])
    for label in ("Orang asing perhatian aktif", "Pengungsi", "Pencari suaka"):
        assert f"{label} {figures[label][0]}" in pdf  # the PDF says what the sheet says
        attacker.read(str(figures[label][0]))
    total = {"T": int(content.head.active)}
    shown: dict[str, str | None] = {"T": str(figures["Orang asing perhatian aktif"][0])}
    for sheet, frame, key in (
        ("Status UNHCR", content.statuses, "status"),
        ("Kewarganegaraan", content.nationalities, "nationality"),
    ):
        counts = {label: str(values[-2]) for label, values in sheet_rows(book[sheet]).items()}
        by_code = _by_label(sheet, counts)
        for value in by_code.values():
            if value is not None:
                attacker.read(value)
                shown_as = fmt_int(int(value)) if value.isdigit() else value
                assert shown_as in pdf or value == "0"  # and the PDF shows it too
        true = {f"{sheet}:{k}": int(n) for k, n in zip(frame[key], frame["count"], strict=True)}
        view_shown = shown | {f"{sheet}:{k}": by_code.get(k) for k in frame[key]}
        assert attacker.leaks(total | true, view_shown, [(["T"], list(true))]) == {}


def sheet_rows(sheet) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """The rows of one of the brief's sheets under its column header, by their first cell."""
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r and "Jumlah" in r or r and "Nilai" in r)
    return {str(r[0]): r[1:] for r in rows[header + 1 :] if r and r[0] not in (None, "Jumlah")}


def _by_label(sheet: str, labelled: dict[str, str]) -> dict[str, str | None]:
    from pora_dash.i18n import country_name, t

    out: dict[str, str | None] = {}
    for code in (*UNHCR_STATUSES, *[c for c in _all_nationalities()]):
        label = t(f"status.{code}") if sheet == "Status UNHCR" else country_name(code)
        if label in labelled and labelled[label] not in ("None", ""):
            out[code] = labelled[label]
    return out


def _all_nationalities() -> list[str]:
    import pycountry

    return [c.alpha_3 for c in pycountry.countries]


# --- random small populations, on both databases ---------------------------------------------

PLACES = ("31.71.06", "31.75.04", "33.29.05", "33.29.06")
NATIONS = ("AFG", "SOM", "MMR", "PSE", "SDN")
START = dt.date(2023, 1, 1)


def _population(url: str, seed: int, n: int) -> None:
    rng = random.Random(seed)
    with db.session_scope(url) as session:
        session.execute(delete(Movement))
        session.execute(delete(Person))
        for i in range(n):
            arrival = START + dt.timedelta(days=rng.randrange((DEMO_AS_OF - START).days))
            departed = rng.random() < 0.2
            left = arrival + dt.timedelta(days=rng.randrange((DEMO_AS_OF - arrival).days + 1))
            session.add(
                fixtures.person(
                    f"R{i}",
                    rng.choice(PLACES[: rng.randint(1, 4)]),
                    nationality=rng.choice(NATIONS[: rng.randint(1, 5)]),
                    status=rng.choice(UNHCR_STATUSES),
                    sex=rng.choice("MF"),
                    birth_year=rng.randrange(1950, 2024),
                    arrival=arrival,
                    lifecycle=rng.choice(DEPARTURES) if departed else "active",
                    left=left if departed else None,
                    accommodation=rng.choice(ACCOMMODATIONS),
                )
            )
        db.bump_data_version(session)


def test_random_small_populations_give_nothing_back(any_db: str) -> None:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)

    @settings(
        max_examples=int(os.environ.get("PORA_ATTACK_EXAMPLES", "30")),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(seed=st.integers(0, 10**6), n=st.integers(15, 90))
    def check(seed: int, n: int) -> None:
        _population(any_db, seed, n)
        with db.session_scope(any_db) as session:
            for f in (Filters(), Filters(wilayah="31"), Filters(wilayah="33.29")):
                assert attack_one_filter(session, f, NATION) == {}, (seed, n, f)
                assert attack_filter_pairs(session, f, NATION) == {}, (seed, n, f)
            assert attack_area_pair(session, ["33.29.05", "33.29.06"]) == {}

    check()

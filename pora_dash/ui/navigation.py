"""Which pages exist for which role. With st.navigation, a page not listed for a user does not
exist for them at all (its URL answers like an unknown page), so this table is the page-level
access control; the query layer still enforces scope on every read.
"""

from __future__ import annotations

from dataclasses import dataclass

from pora_dash.access.permissions import can


@dataclass(frozen=True)
class PageSpec:
    file: str
    title_key: str
    icon: str
    url_path: str
    permission: str
    section: str = "nav.section.main"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("app_pages/overview.py", "nav.overview", ":material/dashboard:", "", "aggregates"),
    PageSpec("app_pages/map.py", "nav.map", ":material/map:", "peta", "aggregates"),
    PageSpec("app_pages/origins.py", "nav.origins", ":material/public:", "asal", "aggregates"),
    PageSpec(
        "app_pages/mobility.py", "nav.mobility", ":material/route:", "mobilitas", "aggregates"
    ),
    PageSpec(
        "app_pages/stability.py",
        "nav.stability",
        ":material/crisis_alert:",
        "stabilitas",
        "aggregates",
    ),
    PageSpec(
        "app_pages/attention.py",
        "nav.attention",
        ":material/priority_high:",
        "perhatian",
        "aggregates",
    ),
    PageSpec("app_pages/records.py", "nav.records", ":material/badge:", "orang", "records_view"),
    PageSpec(
        "app_pages/followups.py",
        "nav.followups",
        ":material/checklist:",
        "tindaklanjut",
        "aggregates",
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/meetings.py",
        "nav.meetings",
        ":material/groups:",
        "rapat",
        "aggregates",
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/review.py",
        "nav.review",
        ":material/slideshow:",
        "tinjau",
        "aggregates",  # leadership and presenters review too; editing is checked per action
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/reminders.py",
        "nav.reminders",
        ":material/forward_to_inbox:",
        "pengingat",
        "edit_actions",
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/brief.py",
        "nav.brief",
        ":material/description:",
        "brief",
        "aggregates",
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/imports.py",
        "nav.import",
        ":material/upload_file:",
        "impor",
        "import",
        "nav.section.data",
    ),
    PageSpec(
        "app_pages/quality.py",
        "nav.quality",
        ":material/fact_check:",
        "kualitas",
        "quality",
        "nav.section.data",
    ),
    PageSpec(
        "app_pages/presentation.py",
        "nav.presentation",
        ":material/co_present:",
        "presentasi",
        "aggregates",
        "nav.section.rakor",
    ),
    PageSpec(
        "app_pages/glossary.py",
        "nav.glossary",
        ":material/menu_book:",
        "glosarium",
        "aggregates",
        "nav.section.help",
    ),
    PageSpec(
        "app_pages/profile.py",
        "nav.profile",
        ":material/key:",
        "profil",
        "api_tokens",
        "nav.section.account",
    ),
    PageSpec(
        "app_pages/users.py",
        "nav.users",
        ":material/manage_accounts:",
        "pengguna",
        "admin",
        "nav.section.admin",
    ),
    PageSpec(
        "app_pages/audit.py",
        "nav.audit",
        ":material/policy:",
        "audit",
        "audit",
        "nav.section.admin",
    ),
)


def pages_for(role: str) -> list[PageSpec]:
    return [p for p in PAGES if can(role, p.permission)]

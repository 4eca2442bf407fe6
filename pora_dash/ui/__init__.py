"""The only package that imports streamlit: what the page scripts in app_pages/ are built from.

- `session`: language, signed-in user, scope, the screen's disclosure policy, URL filters;
- `page`: one `PageContext` per page from `data_page`/`plain_page` (the page head), and
  `write` (one write in its transaction, refusal or success reported);
- `widgets`: headline cards, notices, audited downloads, data text;
- `sidebar`: the filter panel and breadcrumb; `cache`: typed cached reads; `chart`: charts
  drawn from a cached Vega-Lite spec;
- the pieces of single pages, one module each, named after the page: `overview`, `map`,
  `origins` (+ `origins_tabs`), `stability`, `attention`, `quality`, `imports`, `meetings`,
  `followups` (the tracker and the review mode), `users` (+ `agency_form`), `brief`, `slides`
  and `presentation` (presentation mode), `followthrough` (minutes, letters, WhatsApp text),
  `first_run`, `signin`, `compare` (comparison mode of the overview and origins, its slide), and `navigation` (which pages exist for which role).

Page scripts import the names below from `pora_dash.ui`; modules inside the package import
from their sibling modules, never from this facade.
"""

from pora_dash.ui import cache
from pora_dash.ui.page import PageContext, data_page, in_session, plain_page, write
from pora_dash.ui.session import (
    CURRENT_PAGE,
    SAVED_FILTERS,
    allowed,
    cookie_script,
    current_scope,
    current_user,
    lang,
    page_filters,
    place_name,
    policy,
    presenting,
    require_user,
    sign_in,
    sign_out,
    tr,
)
from pora_dash.ui.widgets import (
    XLSX_MIME,
    download_buttons,
    download_file,
    file_header,
    file_policy,
    forget_seen_version,
    headline_cards,
    headline_section,
    seen_version,
    show_labelled,
    show_text,
    withheld,
)

__all__ = [
    "CURRENT_PAGE",
    "SAVED_FILTERS",
    "XLSX_MIME",
    "PageContext",
    "allowed",
    "cache",
    "cookie_script",
    "current_scope",
    "current_user",
    "data_page",
    "download_buttons",
    "download_file",
    "file_header",
    "file_policy",
    "forget_seen_version",
    "headline_cards",
    "headline_section",
    "in_session",
    "lang",
    "page_filters",
    "place_name",
    "plain_page",
    "policy",
    "presenting",
    "require_user",
    "seen_version",
    "show_labelled",
    "show_text",
    "sign_in",
    "sign_out",
    "tr",
    "withheld",
    "write",
]

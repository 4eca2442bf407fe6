"""Presentation mode: the look of a projected rakor and the order of its slides.

The slides themselves are drawn by ui/slides.py for app_pages/presentation.py; this module
holds the slide order, the slide number from the URL, the projector style (sidebar and
controls hidden, large type, high contrast) and the keyboard handling that presentation
clickers need (they send arrow keys and Page Up / Page Down).

Presentation mode always suppresses small counts (a protected `Policy`, whoever is signed in)
and no slide reads a personal column: names and document numbers cannot appear.
"""

from __future__ import annotations

from pora_dash.render.palette import ACCENT

SLIDES = ("headline", "map", "origins", "trend", "attention", "actions", "compare")
PARAM = "slide"


def slide_index(raw: str | None) -> int:
    """The 0-based slide from the URL's 1-based `slide` parameter; anything else is slide 1."""
    try:
        n = int(raw or "1")
    except ValueError:
        return 0
    return n - 1 if 1 <= n <= len(SLIDES) else 0


# Hidden: the sidebar and its toggle, the header and toolbar, the page's own padding.
# Large: the metric figures, headings, captions and HTML tables (st.table) readable from the
# back of a room; black on white with a dark blue accent.
STYLE = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 0.9rem 2.2rem 0.4rem 2.2rem !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; color: #000; }
h1 { font-size: clamp(1.7rem, 4.2vh, 2.9rem) !important; line-height: 1.15 !important;
  color: #000 !important; padding: 0 0 .3rem 0 !important; }
h3 { font-size: clamp(1.2rem, 3vh, 1.9rem) !important; color: #000 !important; }
[data-testid="stMetricLabel"] p { font-size: clamp(1rem, 2.4vh, 1.45rem) !important;
  color: #111 !important; white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; line-height: 1.2 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { overflow: visible !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: clamp(2.2rem, 6.4vh, 4rem) !important;
  color: ACCENT_COLOUR !important; font-weight: 700 !important; line-height: 1.1 !important; }
[data-testid="stMetricDelta"] { font-size: clamp(1rem, 2.1vh, 1.3rem) !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: clamp(.9rem, 1.9vh, 1.15rem) !important; color: #222 !important; }
[data-testid="stTable"] table { font-size: clamp(.95rem, 2.1vh, 1.35rem) !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { padding: .25rem .5rem !important;
  white-space: normal !important; }
[data-testid="stTable"] thead th { background: ACCENT_COLOUR !important; color: #fff !important; }
[data-testid="stMarkdownContainer"] p { font-size: clamp(1rem, 2.1vh, 1.3rem); }
[data-testid="stButton"] button p { white-space: nowrap !important; }
/* the map fills the height left by the title and the footer, at any screen size */
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 250px) !important;
  min-height: 300px; }
.pora-slide-footer { font-size: clamp(.85rem, 1.9vh, 1.1rem); color: #222;
  border-top: 2px solid ACCENT_COLOUR; padding-top: .3rem; }
</style>
""".replace("ACCENT_COLOUR", ACCENT)

# Clickers send arrow keys and Page Up / Page Down; Escape leaves. The handler clicks the
# slide buttons (st.button keys slide_prev, slide_next, slide_exit), so a key does exactly
# what a click does. Installed once per browser tab.
KEYS = """
<script>
if (!window.__poraSlides) {
  window.__poraSlides = true;
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    const map = {ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
                 ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev', Escape: 'exit'};
    const which = map[e.key];
    if (!which) return;
    const button = document.querySelector('.st-key-slide_' + which + ' button');
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
}
</script>
"""

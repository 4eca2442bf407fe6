"""Every colour of the app, in one place: charts, the web map, the map image, the slides.

- Categories: Okabe–Ito, safe for the common colour-vision deficiencies.
- Counts on maps: ColorBrewer YlGnBu without its palest step (sequential, colour-blind safe,
  each step apart from its neighbour on a projector); zero, unknown and "<5" each look
  different from each other and from the classes.
- Text and lines: near-black ink and muted greys that stay readable when projected.
"""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
ACCENT = "#0B3D91"  # the app's dark blue: slide titles, table heads, links
INK = "#1b1f24"  # text and strong lines on maps and images
TEXT = "#262730"  # value labels on charts (Streamlit's text colour)
MUTED = "#5f6b76"
EDGE = "#b9c0c7"  # outlines of areas in the map image
GREY = "#999999"  # "other" in charts
CONTEXT_LABEL = "#8a939c"  # names and outlines of neighbouring areas (context only)
GRID = "#e3e7eb"
PERIOD_FILL = "#fff4d6"  # the brief's period on its trend chart
HEADER_FILL = "#E8EEF4"  # header row of the import templates

SEA = "#dfe8f1"
LAND_CONTEXT = "#f7f7f4"
OUTLINE = "#7a8591"
ZERO = "#ffffff"  # nobody there
NO_DATA = "#b9bfc6"  # not known, or not shown to this audience
SMALL_FILL = "#f3dd8b"  # "<5": 1 to 4 people (protected audience only)
RAMP = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")

SITE_COLOURS = {"community_housing": OKABE_ITO[0], "rudenim": OKABE_ITO[4], "shelter": OKABE_ITO[2]}
SITE_OTHER = OKABE_ITO[5]
SEVERITY_COLOURS = {1: OKABE_ITO[6], 2: OKABE_ITO[1], 3: OKABE_ITO[3]}


def _luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(fill: str) -> str:
    """White or TEXT, whichever contrasts more with `fill` (text written inside a bar)."""
    light = _luminance(fill)
    white = 1.05 / (light + 0.05)
    dark = (light + 0.05) / (_luminance(TEXT) + 0.05)
    return "#ffffff" if white >= dark else TEXT

"""The glossary's terms, in reading order; their names and explanations are in the catalogs
(`glossary.<term>.term`, `glossary.<term>.text`), so both languages stay complete."""

from __future__ import annotations

from pora_dash.i18n import t

TERMS = (
    "pengungsi",
    "pencari_suaka",
    "status",
    "aktif",
    "kedatangan",
    "kepergian",
    "rudenim",
    "community_housing",
    "penampungan",
    "mandiri",
    "timpora",
    "rakor",
    "tindak_lanjut",
    "kesbangpol",
    "unhcr_iom",
    "kode_wilayah",
    "kurang_lima",
    "perhatian",
    "peringatan_dini",
    "pilkada",
)


def matching(query: str, lang: str) -> list[str]:
    """Terms whose name or explanation contains every word of the query (case-insensitive)."""

    words = query.lower().split()
    return [
        term
        for term in TERMS
        if all(
            w in f"{t(f'glossary.{term}.term', lang)} {t(f'glossary.{term}.text', lang)}".lower()
            for w in words
        )
    ]

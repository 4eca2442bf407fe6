"""HXL hashtags (Humanitarian Exchange Language, hxlstandard.org) for the API's CSV columns:
with `hxl=1` a row of hashtags follows the header row, so HDX tools and the partners' own
pipelines (UNHCR, IOM) recognise the columns without a mapping.

>>> row(["code", "name", "count"], level=2)
['#adm2+code', '#adm2+name', '#affected+refugees']
>>> row(["nationality", "status"])
['#country+code', '#status+unhcr']
"""

from __future__ import annotations

from collections.abc import Sequence

# column -> hashtag; "{adm}" is the administrative level of the rows (adm1 province,
# adm2 kabupaten/kota, adm3 kecamatan)
TAGS: dict[str, str] = {
    "code": "#{adm}+code",
    "name": "#{adm}+name",
    "parent": "#{adm}+parent+code",
    "level": "#meta+level",
    "population": "#population+total",
    "count": "#affected+refugees",
    "nationality": "#country+code",
    "status": "#status+unhcr",
    "accommodation": "#indicator+accommodation",
    "age_band": "#indicator+age",
    "sex": "#indicator+sex",
    "month": "#date+month",
    "active": "#affected+refugees+active",
    "arrivals": "#affected+refugees+arrivals",
    "departures": "#affected+refugees+departures",
    "refugees": "#affected+refugees+recognised",
    "asylum_seekers": "#affected+asylum_seekers",
    "document_share": "#affected+refugees+pct+documented",
    "arrivals_30": "#affected+arrivals+days30",
    "arrivals_30_change": "#affected+arrivals+days30+change",
    "arrivals_90": "#affected+arrivals+days90",
    "arrivals_90_change": "#affected+arrivals+days90+change",
    "kecamatan_hosting": "#adm3+num+hosting",
    "actions_open": "#activity+num+open",
    "actions_overdue": "#activity+num+overdue",
    "id": "#meta+id",
    "description": "#activity+description",
    "owner": "#org+owner",
    "due_date": "#date+due",
    "completed_on": "#date+completed",
    "overdue": "#status+overdue",
    "meeting_id": "#meta+meeting+id",
    "meeting_title": "#meta+meeting+title",
    "meeting_date": "#date+meeting",
    "held_on": "#date+meeting",
    "title": "#meta+title",
    "office": "#org+office",
    "region_code": "#loc+code",
    "kabkota_code": "#adm2+code",
    "kecamatan_code": "#adm3+code",
    "venue": "#loc+venue",
    "actions": "#activity+num",
    "pending": "#activity+num+open",
    "date": "#date+occurred",
    "kind": "#event+type",
    "severity": "#severity",
    "people": "#affected+involved",
    "source": "#org+source",
    "origin": "#loc+origin+code",
    "origin_name": "#loc+origin+name",
    "destination": "#loc+destination+code",
    "destination_name": "#loc+destination+name",
}


def row(columns: Sequence[str], *, level: int | None = None) -> list[str]:
    """The hashtag of each column ("" for one without), in order."""
    adm = f"adm{level}" if level else "loc"
    return [TAGS.get(c, "").format(adm=adm) for c in columns]

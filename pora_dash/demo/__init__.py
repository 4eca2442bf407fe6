"""Seeded generator of realistic, entirely fictitious demo data.

`seed_demo(session, scale=1, seed=42, as_of=...)` fills an empty database (regions already
loaded) with a history up to `as_of`, shaped after the public aggregate figures in the product
brief: about 12,100 people of concern active nationally at scale 1 (Afghanistan about half,
then Somalia, Myanmar, Iraq, Yemen, Sudan, Sri Lanka, Pakistan, Iran, Palestine and a tail,
53 countries), about 70% recognised refugees, 27% children, half of them in and around Jakarta
and Puncak (Cisarua), IOM community houses in the other hosting cities, Rohingya boat arrivals
in Aceh from November 2023, and exactly 19 refugees in the former Karesidenan Pekalongan, three
of them Palestinians with UNHCR cards in Kecamatan Sirampog (Brebes).

Around the people: Tim PORA member agencies, accommodation sites, coordination meetings (the
five from the meeting reports plus routine ones) with follow-up actions and their history,
incidents, field operations and an event calendar.

Every name and document number is made up by combining common names: no real person appears.
The same (seed, scale, as_of) gives identical data. People are generated and inserted in
chunks, one scale unit at a time, so memory stays bounded at any scale; `scale` multiplies the
people (and the capacity of the sites that house them), everything else stays as at scale 1.

What belongs here is the demo data and nothing the app needs to run. The package:

- `data/*.json`: the literal tables (nationalities and names, hosting areas, sites, boats,
  agencies, named meetings, action templates, texts), read once by `tables` into Python values
  of the kinds in `records`;
- `helpers`: small shared functions (Placed columns, slugs, Indonesian formats, random dates);
- `calendar`: the event calendar;
- the generator, one layer per module, each a class building on the one before it and adding
  one step of the run: `base` (ids, inserts, working records) < `regions` < `agencies` <
  `sites` < `households` < `people` < `incidents` < `operations` < `actions` < `minutes` <
  `meetings` < `seed` (`Demo.run`, and `seed_demo`).
"""

from __future__ import annotations

from pora_dash.demo.seed import seed_demo

__all__ = ["seed_demo"]

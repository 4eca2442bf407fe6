"""Persons of concern, matched by (source agency, source reference); a change of region or
site is recorded as a movement.

>>> PersonRow.model_validate({"source_ref": "R-1", "nationality": "Afganistan",
...     "unhcr_status": "Pengungsi", "sex": "P", "birth_year": "1990",
...     "arrival_date": "17/07/2019", "accommodation": "mandiri"}).nationality
'AFG'
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator
from sqlalchemy import String, func, insert, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.importing.kinds.base import Kind
from pora_dash.importing.plan import (
    CHUNK,
    Actor,
    Context,
    OutOfScope,
    Plan,
    Progress,
    Record,
    chunks,
    covered,
    placed,
    update_by_id,
)
from pora_dash.importing.problems import Problem
from pora_dash.importing.rows import (
    REGION_FIELDS,
    Accommodation,
    Column,
    Date,
    Lifecycle,
    Nationality,
    Row,
    Sex,
    Status,
    Text,
    Text40,
    Year,
    row_error,
)
from pora_dash.store.models import (
    Movement,
    Person,
    utcnow,
)

PERSON_COLUMNS = (
    Column("source_agency", "Instansi sumber", "UNHCR", aliases=("sumber", "source agency")),
    Column(
        "source_ref",
        "No. referensi",
        "CONTOH-0001",  # never a demo number: the example row imports as a new person
        True,
        ("nomor referensi", "no registrasi", "nomor registrasi", "source ref", "reference"),
    ),
    Column("full_name", "Nama lengkap", "Ahmad Hassan", aliases=("nama", "name", "full name")),
    Column(
        "document_number",
        "No. dokumen UNHCR",
        "354-19C00123-01",
        aliases=("no dokumen", "nomor dokumen", "document number", "no kartu"),
    ),
    Column(
        "case_number",
        "No. kasus",
        "354-19C00123",
        aliases=("nomor kasus", "no kasus keluarga", "case number", "household", "no kk"),
    ),
    Column(
        "nationality",
        "Kewarganegaraan",
        "Palestina",
        True,
        ("negara asal", "asal", "nationality", "citizenship", "wn"),
    ),
    Column(
        "unhcr_status",
        "Status UNHCR",
        "Pengungsi",
        True,
        ("status", "unhcr status", "status unhcr"),
    ),
    Column("sex", "Jenis kelamin", "L", True, ("jk", "kelamin", "sex", "gender")),
    Column("birth_year", "Tahun lahir", "1990", True, ("tahun kelahiran", "birth year", "lahir")),
    Column(
        "arrival_date", "Tanggal tiba", "17/07/2019", True, ("tgl tiba", "arrival date", "tiba")
    ),
    Column(
        "registered_on",
        "Tanggal registrasi",
        "02/09/2019",
        aliases=("tgl registrasi", "registration date", "registered on"),
    ),
    *REGION_FIELDS,
    Column(
        "site_code",
        "Kode lokasi",
        "",
        aliases=("kode tempat", "kode akomodasi", "site code", "lokasi", "site"),
    ),
    Column("accommodation", "Akomodasi", "Mandiri", aliases=("tempat tinggal", "accommodation")),
    Column("lifecycle", "Keberadaan", "Aktif", aliases=("status keberadaan", "lifecycle")),
    Column(
        "lifecycle_date",
        "Tanggal keluar",
        "",
        aliases=("tgl keluar", "tanggal berangkat", "departure date", "left on"),
    ),
    Column(
        "last_verified_on",
        "Tanggal verifikasi",
        "01/11/2026",
        aliases=("tgl verifikasi", "verified on", "last verified"),
    ),
    Column("moved_on", "Tanggal pindah", "", aliases=("tgl pindah", "moved on")),
)


class PersonRow(Row):
    source_agency: Text = None
    source_ref: Text40 = None
    full_name: Text = None
    document_number: Text40 = None
    case_number: Text40 = None
    nationality: Nationality = None
    unhcr_status: Status = None
    sex: Sex = None
    birth_year: Year = None
    arrival_date: Date = None
    registered_on: Date = None
    site_code: Text40 = None
    accommodation: Accommodation = None
    lifecycle: Lifecycle = None
    lifecycle_date: Date = None
    last_verified_on: Date = None
    moved_on: Date = None

    required_fields = (
        "source_ref",
        "nationality",
        "unhcr_status",
        "sex",
        "birth_year",
        "arrival_date",
    )

    @model_validator(mode="after")
    def _dates(self) -> PersonRow:
        arrival = self.arrival_date
        if arrival is None or self.birth_year is None:
            return self
        if self.birth_year > arrival.year:
            raise row_error("import.row.born_after_arrival", "birth_year", year=self.birth_year)
        for name in ("registered_on", "lifecycle_date", "last_verified_on", "moved_on"):
            day = getattr(self, name)
            if day is not None and day < arrival:
                raise row_error("import.row.before_arrival", name, value=day.isoformat())
        lifecycle = self.lifecycle or "active"
        if lifecycle == "active" and self.lifecycle_date is not None:
            raise row_error("import.row.active_with_departure", "lifecycle_date")
        if lifecycle != "active" and self.lifecycle_date is None:
            raise row_error("import.row.departure_needs_date", "lifecycle_date")
        return self


def resolve(ctx: Context, number: int, row: Any) -> None:
    before = len(ctx.plan.problems)
    agency = ctx.agency(number, "source_agency", row.source_agency, required=True)
    site = None
    if row.site_code:
        site = ctx.site(row.site_code)
        if site is None:
            ctx.problem(number, "site_code", "import.row.unknown_site", value=row.site_code)
    region = ctx.region(number, row, fallback=site[2] if site else None)
    accommodation = row.accommodation
    if site is not None:
        if accommodation and accommodation != site[1]:
            ctx.problem(number, "accommodation", "import.row.site_kind", value=accommodation)
        accommodation = site[1]
        if region and not (region.startswith(site[2]) or site[2].startswith(region)):
            ctx.problem(number, "site_code", "import.row.site_elsewhere", value=row.site_code)
    elif accommodation is None:  # a site or an accommodation: name the column there is
        covered = ctx.plan.covered
        only_site = "site_code" in covered and "accommodation" not in covered
        ctx.problem(number, "site_code" if only_site else "accommodation", "import.row.missing")
    if agency is not None and ctx.duplicate(number, (agency, row.source_ref), "source_ref"):
        return
    if len(ctx.plan.problems) > before or agency is None or region is None:
        return
    values = {
        "source_agency_id": agency,
        "source_ref": row.source_ref,
        "full_name": row.full_name,
        "document_number": row.document_number,
        "case_number": row.case_number,
        "nationality": row.nationality,
        "unhcr_status": row.unhcr_status,
        "sex": row.sex,
        "birth_year": row.birth_year,
        "arrival_date": row.arrival_date,
        "registered_on": row.registered_on,
        "site_id": site[0] if site else None,
        "accommodation": accommodation,
        "lifecycle": row.lifecycle or "active",
        "lifecycle_date": row.lifecycle_date,
        "last_verified_on": row.last_verified_on,
        **placed(region),
    }
    ctx.plan.records.append(
        Record(number, (agency, row.source_ref), values, {"moved_on": row.moved_on})
    )


_PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "full_name": ("full_name",),
    "document_number": ("document_number",),
    "case_number": ("case_number",),
    "nationality": ("nationality",),
    "unhcr_status": ("unhcr_status",),
    "sex": ("sex",),
    "birth_year": ("birth_year",),
    "arrival_date": ("arrival_date",),
    "registered_on": ("registered_on",),
    "site_id": ("site_code",),
    "accommodation": ("accommodation", "site_code"),
    "lifecycle": ("lifecycle", "lifecycle_date"),
    "lifecycle_date": ("lifecycle", "lifecycle_date"),
    "last_verified_on": ("last_verified_on",),
    "region_code": ("region_code", "province", "kabkota", "kecamatan", "desa", "site_code"),
}


def _existing_persons(session: Session, plan: Plan) -> dict[tuple, Any]:
    columns = [Person.id, Person.source_agency_id, Person.source_ref, Person.updated_at] + [
        getattr(Person, f) for f in _PERSON_FIELDS
    ]
    refs: dict[int, list[str]] = {}
    for record in plan.records:
        refs.setdefault(record.key[0], []).append(record.key[1])
    found: dict[tuple, Any] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for agency, agency_refs in refs.items():
        for chunk in chunks(agency_refs, 5000 if postgres else 1000):
            if postgres:
                # a join with the references as one array, not IN with 1,000 parameters:
                # after a few runs psycopg prepares the statement and PostgreSQL may switch
                # to a generic plan that compares every row of the agency with every
                # parameter (seconds per chunk on 100,000 rows); the join stays index-based
                refs_array = literal(chunk, ARRAY(String))
                wanted = func.unnest(refs_array).table_valued("ref").render_derived("wanted")
                stmt = (
                    select(*columns)
                    .join(wanted, Person.source_ref == wanted.c.ref)
                    .where(Person.source_agency_id == agency)
                )
            else:  # equality + IN: the unique index on both
                stmt = select(*columns).where(
                    Person.source_agency_id == agency, Person.source_ref.in_(chunk)
                )
            for row in session.execute(stmt):
                found[(row.source_agency_id, row.source_ref)] = row
    return found


def diff(session: Session, plan: Plan, actor: Actor) -> None:
    existing = _existing_persons(session, plan)
    fields = covered(plan, _PERSON_FIELDS)
    problems = []
    plan.added = plan.updated = plan.unchanged = plan.movements = 0
    for record in plan.records:
        old = existing.get(record.key)
        record.extra.pop("id", None)
        if old is None:
            plan.added += 1
            continue
        if not actor.scope.allows(old.region_code):
            problems.append(
                Problem(
                    record.row, None, "import.row.existing_out_of_scope", {"ref": record.key[1]}
                )
            )
            continue
        changes = {f: record.values[f] for f in fields if getattr(old, f) != record.values[f]}
        record.extra.update(id=old.id, changes=changes, old=old)
        if not changes:
            plan.unchanged += 1
            continue
        plan.updated += 1
        if "region_code" in changes or "site_id" in changes:
            moved_on = record.extra.get("moved_on") or clock.today()
            if moved_on < record.values["arrival_date"]:
                moved_on = record.values["arrival_date"]
            record.extra["movement"] = moved_on
            plan.movements += 1
    if problems:
        raise OutOfScope(problems)


def write(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    now = utcnow()
    note = f"Impor {plan.file_name}"[:200]
    new = [r for r in plan.records if "id" not in r.extra]
    done = 0
    total = len(plan.records)
    for chunk in chunks(new, CHUNK):
        rows = [{**r.values, "updated_at": now} for r in chunk]
        ids = session.scalars(
            insert(Person).returning(Person.id, sort_by_parameter_order=True), rows
        ).all()
        session.execute(
            insert(Movement),
            [
                {
                    "person_id": pid,
                    "moved_on": r.values["arrival_date"],
                    "from_region_code": None,
                    "to_region_code": r.values["region_code"],
                    "to_kecamatan_code": r.values["kecamatan_code"],
                    "from_site_id": None,
                    "to_site_id": r.values["site_id"],
                    "note": note,
                }
                for pid, r in zip(ids, chunk, strict=True)
            ],
        )
        done += len(chunk)
        if progress:
            progress(done, total)
    changed = [r for r in plan.records if r.extra.get("changes")]
    for chunk in chunks(changed, CHUNK):
        update_by_id(session, Person, chunk, updated_at=now)
        moves = [
            {
                "person_id": r.extra["id"],
                "moved_on": r.extra["movement"],
                "from_region_code": r.extra["old"].region_code,
                "to_region_code": r.values["region_code"],
                "to_kecamatan_code": r.values["kecamatan_code"],
                "from_site_id": r.extra["old"].site_id,
                "to_site_id": r.values["site_id"],
                "note": note,
            }
            for r in chunk
            if "movement" in r.extra
        ]
        if moves:
            session.execute(insert(Movement), moves)
        done += len(chunk)
        if progress:
            progress(done, total)


KIND = Kind(
    name="persons",
    template="templat-orang",
    min_level=3,
    columns=PERSON_COLUMNS,
    row=PersonRow,
    resolve=resolve,
    diff=diff,
    write=write,
)

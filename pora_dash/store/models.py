"""The schema: SQLAlchemy 2.0 typed models. Alembic migrations in `migrations/` mirror it.

Constraints keep the data honest in the database itself, on SQLite and PostgreSQL alike:
a person or an incident cannot point at an unknown region (foreign keys to `regions`), the
denormalized province / kab-kota / kecamatan codes must agree with the region code (CHECKs),
and a follow-up action's due date cannot precede its meeting (the meeting date is carried on
the action through a composite foreign key, so the CHECK can see it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# Stable constraint names, so migrations can drop and alter them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UNHCR_STATUSES = ("refugee", "asylum_seeker", "registered_pending", "not_registered", "rejected")
ACCOMMODATIONS = ("community_housing", "rudenim", "shelter", "independent")
LIFECYCLES = ("active", "resettled", "voluntary_return", "moved", "deceased", "unknown")
DEPARTURES = LIFECYCLES[1:]
SEXES = ("M", "F")
MEETING_LEVELS = ("pusat", "provinsi", "kabkota", "kecamatan")
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
INCIDENT_KINDS = ("tension", "protest", "permit_violation", "new_arrivals", "emergency", "other")
OPERATION_KINDS = ("operasi_gabungan", "pendataan", "monitoring")
EVENT_KINDS = ("pilkada", "campaign", "holiday", "other")
REMINDER_STATUSES = ("sent", "failed")
ROLES = ("admin", "leadership", "analyst", "operator", "agency", "viewer")
AGENCY_KINDS = (
    "imigrasi",
    "kesbangpol",
    "satpolpp",
    "dukcapil",
    "polri",
    "tni",
    "kejaksaan",
    "beacukai",
    "disnaker",
    "dinsos",
    "pemda",
    "unhcr",
    "iom",
    "other",
)


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: the one form both databases store identically."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Region(Base):
    """A Kemendagri region: province (1), kabupaten/kota (2), kecamatan (3), desa (4)."""

    __tablename__ = "regions"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level"),)

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[int] = mapped_column(Integer, index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    population: Mapped[int | None] = mapped_column(Integer)
    area_km2: Mapped[float | None]


class Placed:
    """Where a record is: the most precise region known, plus its ancestors for fast filters.

    Records known only at province level (a provincial rakor) leave the lower codes empty;
    persons are always known down to kecamatan (a CHECK on `persons`).
    """

    __placed_checks__ = (
        "kabkota_code IS NULL OR substr(kabkota_code, 1, 2) = province_code",
        "kecamatan_code IS NULL OR (kabkota_code IS NOT NULL"
        " AND substr(kecamatan_code, 1, 5) = kabkota_code)",
        "substr(region_code, 1, length(coalesce(kecamatan_code, kabkota_code, province_code)))"
        " = coalesce(kecamatan_code, kabkota_code, province_code)",
    )

    @declared_attr
    def region_code(cls) -> Mapped[str]:
        return mapped_column(ForeignKey("regions.code"))

    @declared_attr
    def province_code(cls) -> Mapped[str]:
        return mapped_column(ForeignKey("regions.code"), index=True)

    @declared_attr
    def kabkota_code(cls) -> Mapped[str | None]:
        return mapped_column(ForeignKey("regions.code"), index=True)

    @declared_attr
    def kecamatan_code(cls) -> Mapped[str | None]:
        return mapped_column(ForeignKey("regions.code"), index=True)

    def place(self, region_code: str) -> None:
        """Set the region and derive its ancestors from the code's shape (33.29.05.2001)."""
        parts = region_code.split(".")
        self.region_code = region_code
        self.province_code = parts[0]
        self.kabkota_code = ".".join(parts[:2]) if len(parts) >= 2 else None
        self.kecamatan_code = ".".join(parts[:3]) if len(parts) >= 3 else None


def placed_checks(prefix: str) -> tuple[CheckConstraint, ...]:
    return tuple(
        CheckConstraint(sql, name=f"{prefix}_place_{i}")
        for i, sql in enumerate(Placed.__placed_checks__)
    )


class Agency(Base):
    """A member agency of Tim PORA in a region, e.g. Kesbangpol Kabupaten Brebes."""

    __tablename__ = "agencies"
    __table_args__ = (CheckConstraint(_in("kind", AGENCY_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    # where the daily digest of its open actions goes (python -m pora_dash remind)
    contact_email: Mapped[str | None] = mapped_column(String(200))


class Site(Placed, Base):
    """An accommodation site: IOM community housing, Rudenim, shelter."""

    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint(_in("kind", ACCOMMODATIONS[:3]), name="kind"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),
        *placed_checks("site"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int | None]
    operator_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    lat: Mapped[float | None]
    lng: Mapped[float | None]
    is_open: Mapped[bool] = mapped_column(default=True)


class Person(Placed, Base):
    """A person of concern: refugee, asylum seeker, or foreigner found without documents.

    `full_name` and `document_number` are personal data: never aggregated, exported or shown
    outside the record views of roles allowed to see them (see privacy.py).
    """

    __tablename__ = "persons"
    __table_args__ = (
        UniqueConstraint("source_agency_id", "source_ref"),
        CheckConstraint(_in("unhcr_status", UNHCR_STATUSES), name="unhcr_status"),
        CheckConstraint(_in("accommodation", ACCOMMODATIONS), name="accommodation"),
        CheckConstraint(_in("lifecycle", LIFECYCLES), name="lifecycle"),
        CheckConstraint(_in("sex", SEXES), name="sex"),
        CheckConstraint("length(nationality) = 3", name="nationality"),
        CheckConstraint("birth_year BETWEEN 1900 AND 2100", name="birth_year"),
        CheckConstraint("(lifecycle = 'active') = (lifecycle_date IS NULL)", name="lifecycle_date"),
        CheckConstraint(
            "lifecycle_date IS NULL OR lifecycle_date >= arrival_date", name="departure_after"
        ),
        CheckConstraint("kecamatan_code IS NOT NULL", name="kecamatan_known"),
        CheckConstraint("length(region_code) >= 8", name="region_precise"),
        *placed_checks("person"),
        Index("ix_persons_kab_lifecycle", "kabkota_code", "lifecycle"),
        Index("ix_persons_arrival", "arrival_date"),
        Index("ix_persons_lifecycle_date", "lifecycle_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    source_ref: Mapped[str] = mapped_column(String(40))
    full_name: Mapped[str | None] = mapped_column(String(160))
    document_number: Mapped[str | None] = mapped_column(String(40))
    case_number: Mapped[str | None] = mapped_column(String(40), index=True)
    nationality: Mapped[str] = mapped_column(String(3), index=True)
    unhcr_status: Mapped[str] = mapped_column(String(20))
    sex: Mapped[str] = mapped_column(String(1))
    birth_year: Mapped[int]
    arrival_date: Mapped[dt.date] = mapped_column(Date)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    accommodation: Mapped[str] = mapped_column(String(20))
    lifecycle: Mapped[str] = mapped_column(String(20), default="active")
    lifecycle_date: Mapped[dt.date | None] = mapped_column(Date)
    last_verified_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    movements: Mapped[list[Movement]] = relationship(
        back_populates="person", order_by="Movement.moved_on"
    )


class ActiveCounts:
    """How many persons are active now (lifecycle 'active'), by place and by the attributes
    the filters use: a summary kept by the database itself.

    Triggers on `persons` keep it exact on every insert, update and delete, whatever writes
    them; the app never writes it. `reads.population.population` reads it, with the few
    persons who arrived or left after the reference date as a correction. `site_id` is 0 for
    persons not housed at a site (a key column cannot be NULL).
    """

    kecamatan_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nationality: Mapped[str] = mapped_column(String(3), primary_key=True)
    unhcr_status: Mapped[str] = mapped_column(String(20), primary_key=True)
    accommodation: Mapped[str] = mapped_column(String(20), primary_key=True)
    sex: Mapped[str] = mapped_column(String(1), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(13))
    kabkota_code: Mapped[str] = mapped_column(String(13))
    n: Mapped[int] = mapped_column(Integer)


class PersonCount(ActiveCounts, Base):
    """The active persons summary without age (migration 0005): the small table that most
    reads (headline, areas, map, nationalities) scan."""

    __tablename__ = "person_counts"


class PersonAgeCount(ActiveCounts, Base):
    """The same summary by birth year too (migration 0008), for the age filter and the
    pyramid. The exact year, not an age band: the age filter is a birth-year range that
    moves with the reference date. A table of its own because the year multiplies the rows
    (demo scale 10: 60,289 against 11,003), which would slow every read without age."""

    __tablename__ = "person_age_counts"
    # a province or kab/kota view reads its part only (the key starts with the kecamatan)
    __table_args__ = (
        Index("ix_person_age_counts_province_code", "province_code"),
        Index("ix_person_age_counts_kabkota_code", "kabkota_code"),
    )

    # after the shared columns: the key (and its index) in the order of migration 0008
    birth_year: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=1)


class Movement(Base):
    """A change of place: the first arrival (no `from_`) and every move after it."""

    __tablename__ = "movements"
    __table_args__ = (
        CheckConstraint(
            "from_region_code IS NULL OR from_region_code <> to_region_code "
            "OR coalesce(from_site_id, 0) <> coalesce(to_site_id, 0)",
            name="changes_place",
        ),
        Index("ix_movements_to_kec_date", "to_kecamatan_code", "moved_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    moved_on: Mapped[dt.date] = mapped_column(Date, index=True)
    from_region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    to_region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    to_kecamatan_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    from_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    to_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    note: Mapped[str | None] = mapped_column(String(200))

    person: Mapped[Person] = relationship(back_populates="movements")


class Meeting(Placed, Base):
    """A coordination meeting (rakor) of a Tim PORA at some level."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("id", "held_on"),
        CheckConstraint(_in("level", MEETING_LEVELS), name="level"),
        *placed_checks("meeting"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(12))
    office_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    venue: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(240))
    agenda: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__: dict[str, Any] = {"version_id_col": version}

    attendees: Mapped[list[Agency]] = relationship(secondary="meeting_agencies")
    actions: Mapped[list[Action]] = relationship(
        back_populates="meeting", order_by="Action.id", passive_updates=True
    )


class MeetingAgency(Base):
    __tablename__ = "meeting_agencies"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)


class Action(Base):
    """A follow-up action decided at a meeting. `version` guards against lost updates."""

    __tablename__ = "actions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["meeting_id", "meeting_date"],
            ["meetings.id", "meetings.held_on"],
            onupdate="CASCADE",
            ondelete="CASCADE",
            name="fk_actions_meeting",
        ),
        CheckConstraint("due_date >= meeting_date", name="due_after_meeting"),
        CheckConstraint(_in("status", ACTION_STATUSES), name="status"),
        CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name="completed_on"),
        CheckConstraint("status <> 'dropped' OR drop_reason IS NOT NULL", name="drop_reason"),
        Index("ix_actions_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(index=True)
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    person_in_charge: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    drop_reason: Mapped[str | None] = mapped_column(Text)
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(500))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__: dict[str, Any] = {"version_id_col": version}

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", order_by="ActionUpdate.id"
    )


class ActionUpdate(Base):
    """One change of an action: who, when, what changed (JSON), and their comment."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(80))
    old_status: Mapped[str | None] = mapped_column(String(12))
    new_status: Mapped[str] = mapped_column(String(12))
    changes: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)

    action: Mapped[Action] = relationship(back_populates="updates")


class Incident(Placed, Base):
    """Something that happened in a place: tension, protest, permit violation, new arrivals."""

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(_in("kind", INCIDENT_KINDS), name="kind"),
        CheckConstraint("severity BETWEEN 1 AND 3", name="severity"),
        CheckConstraint("people_involved IS NULL OR people_involved >= 0", name="people"),
        *placed_checks("incident"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    severity: Mapped[int]
    people_involved: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text)
    source_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    lat: Mapped[float | None]
    lng: Mapped[float | None]


class Operation(Placed, Base):
    """A field operation: operasi gabungan, pendataan, monitoring visit."""

    __tablename__ = "operations"
    __table_args__ = (
        CheckConstraint(_in("kind", OPERATION_KINDS), name="kind"),
        *placed_checks("operation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    description: Mapped[str | None] = mapped_column(Text)

    agencies: Mapped[list[Agency]] = relationship(secondary="operation_agencies")
    findings: Mapped[list[OperationFinding]] = relationship(cascade="all, delete-orphan")


class OperationAgency(Base):
    __tablename__ = "operation_agencies"

    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)


class OperationFinding(Base):
    """Counts by finding type, e.g. ('no_permit', 4) — never a list of persons."""

    __tablename__ = "operation_findings"
    __table_args__ = (CheckConstraint("count >= 0", name="count"),)

    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), primary_key=True
    )
    finding: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int]


class CalendarEvent(Base):
    """An event drawn on time charts, e.g. Pilkada voting day; national when no region."""

    __tablename__ = "calendar_events"
    __table_args__ = (
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        CheckConstraint("ends_on >= starts_on", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint("language IN ('id', 'en')", name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(160))
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    language: Mapped[str] = mapped_column(String(2), default="id")
    is_active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    session_epoch: Mapped[int] = mapped_column(default=0)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    regions: Mapped[list[UserRegion]] = relationship(cascade="all, delete-orphan")


class UserRegion(Base):
    """One region of a user's scope; a user sees that region and everything below it."""

    __tablename__ = "user_regions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)


class AuditEntry(Base):
    """Append-only: the app has no code path that updates or deletes these rows."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_event_at", "event", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str | None] = mapped_column(String(80), index=True)
    event: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)


class DataVersion(Base):
    """A counter bumped by every write; cached reads are keyed by it (see db.py)."""

    __tablename__ = "data_version"

    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


class Setting(Base):
    """An administrator-adjustable setting stored as JSON, e.g. the attention-table weights.

    The defaults live in code (attention.DEFAULT_WEIGHTS); a row here overrides them, and
    who changed it is also in the audit log.
    """

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


IMPORT_KINDS = ("persons", "sites", "meetings", "incidents")
IMPORT_STATUSES = ("committed", "refused")


class ImportRecord(Base):
    """One import of a file: who, when, which kind, the file's name and SHA-256, and what
    happened to its rows. A refused file is recorded too (nothing of it was written)."""

    __tablename__ = "imports"
    __table_args__ = (
        CheckConstraint(_in("kind", IMPORT_KINDS), name="kind"),
        CheckConstraint(_in("status", IMPORT_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    rows_total: Mapped[int] = mapped_column(default=0)
    added: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)
    movements: Mapped[int] = mapped_column(default=0)


class WebSession(Base):
    """A browser's sign-in that survives a page reload: the browser holds a random token in
    an HttpOnly cookie, the database only its SHA-256. A new sign-in first gets a one-time
    code (valid a minute) that the browser exchanges for the cookie (see websession.py)."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    epoch: Mapped[int]
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Reminder(Base):
    """One agency's e-mail digest of one day: at most one per agency and day (the unique key).
    A failed send stays "failed" with its error and is tried again by the next run that day;
    "sent" is written only after the SMTP server accepted the message."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("agency_id", "day"),
        CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
        CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name="sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(8))
    actions: Mapped[int]
    recipient: Mapped[str] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(default=1)
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    error: Mapped[str | None] = mapped_column(Text)


class ApiToken(Base):
    """A personal API token (`Authorization: Bearer …`, see access/tokens.py): the holder's
    system acts as the user, with the user's role and scope. Its counts of people are
    protected, like a download, unless it was made `exact` (the internal variant). The database
    keeps only the SHA-256 of the secret and a short prefix to recognise it in a list. The
    token ends at `expires_at`, when revoked, and when the user's session epoch moves (an
    administrator changed their role, scope, status or password)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    can_write: Mapped[bool] = mapped_column(default=False)
    exact: Mapped[bool] = mapped_column(
        default=False
    )  # internal (TERBATAS) figures, else protected
    epoch: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

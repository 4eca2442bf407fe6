"""reminders: agencies' contact e-mail and the daily digests sent to them

`python -m pora_dash remind` sends each agency with a contact e-mail one digest a day of its
actions due soon and overdue; `reminders` records each day's digest per agency (sent, or failed
with the error and tried again), so a second run the same day sends nothing twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN (nullable) on both databases: no batch copy of `agencies` needed
    op.add_column("agencies", sa.Column("contact_email", sa.String(length=200), nullable=True))
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(status = 'sent') = (sent_at IS NOT NULL)", name=op.f("ck_reminders_sent_at")
        ),
        sa.CheckConstraint("status IN ('sent', 'failed')", name=op.f("ck_reminders_status")),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_reminders_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("agency_id", "day", name=op.f("uq_reminders_agency_id_day")),
    )
    op.create_index(op.f("ix_reminders_day"), "reminders", ["day"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminders_day"), table_name="reminders")
    op.drop_table("reminders")
    with op.batch_alter_table("agencies") as batch_op:
        batch_op.drop_column("contact_email")

"""The server's tables (SQLAlchemy Core). Alembic creates them (``migrations/``); this
module is the one description both the code and the migrations use.

Why our own event table rather than eventsourcing's recorder tables: a pushed batch
must store events, their receipts (idempotency by event UUID), conflict records and the
scope index in one transaction, and each event keeps sync metadata (event UUID,
device, server receipt time). eventsourcing's mapper still encodes, decodes and
upcasts every event, and the domain aggregates judge them.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

BigIntId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""SQLite autoincrements only an INTEGER PRIMARY KEY; PostgreSQL gets a bigint identity."""

events = sa.Table(
    "events",
    metadata,
    sa.Column("position", BigIntId, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("aggregate_id", sa.Uuid(), nullable=False),
    sa.Column("aggregate_type", sa.String(100), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("topic", sa.String(200), nullable=False),
    sa.Column("schema_version", sa.Integer(), nullable=False),
    sa.Column("recorded_by", sa.String(100), nullable=False),
    sa.Column("device_id", sa.String(100), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("state", sa.LargeBinary(), nullable=False),
    sa.UniqueConstraint("aggregate_id", "version", name="events_aggregate_version_key"),
)

receipts = sa.Table(
    "event_receipts",
    metadata,
    sa.Column("event_id", sa.Uuid(), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=True),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("conflict_id", sa.Uuid(), nullable=True),
    sa.Column("username", sa.String(100), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
)

aggregate_scopes = sa.Table(
    "aggregate_scopes",
    metadata,
    sa.Column("aggregate_id", sa.Uuid(), primary_key=True),
    sa.Column("aggregate_type", sa.String(100), nullable=False),
    sa.Column("region", sa.String(50), nullable=True),
    sa.Column("institute", sa.String(20), nullable=True),
    sa.Index("aggregate_scopes_region", "region"),
    sa.Index("aggregate_scopes_institute", "institute"),
)

conflicts = sa.Table(
    "conflicts",
    metadata,
    sa.Column("conflict_id", sa.Uuid(), primary_key=True),
    sa.Column("aggregate_id", sa.Uuid(), nullable=False, index=True),
    sa.Column("event_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("envelope", sa.JSON(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("canonical_version", sa.Integer(), nullable=False),
    sa.Column("username", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default="open"),
    sa.Column("resolution", sa.Text(), nullable=True),
    sa.Column("resolved_by", sa.String(100), nullable=True),
    sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(100), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("region", sa.String(50), nullable=True),
    sa.Column("institute", sa.String(20), nullable=True),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("device_id", sa.String(100), primary_key=True),
    sa.Column("username", sa.String(100), sa.ForeignKey("users.username"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.false()),
)

refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(100), sa.ForeignKey("users.username"), nullable=False),
    sa.Column("device_id", sa.String(100), sa.ForeignKey("devices.device_id"), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.false()),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", BigIntId, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("succeeded", sa.Boolean(), nullable=False),
)

# Read models (issue 5): the facts the national KPIs are computed from, one row per
# aggregate, folded from the central history by ``sync_server.projections``. Each row
# belongs to a generation: a rebuild writes a new generation beside the live one, and
# ``projection_state`` says which generation reports read and how far it has folded.

Moment = sa.DateTime(timezone=True)

case_facts = sa.Table(
    "case_facts",
    metadata,
    sa.Column("generation", sa.Integer(), primary_key=True),
    sa.Column("case_id", sa.Uuid(), primary_key=True),
    sa.Column("company_id", sa.Uuid(), nullable=False),
    sa.Column("region", sa.String(50), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
    sa.Column("service", sa.String(50), nullable=False),
    sa.Column("counselor", sa.String(100), nullable=False),
    sa.Column("received_at", Moment, nullable=False),
    sa.Column("institute", sa.String(20), nullable=True),
    sa.Column("first_assigned_at", Moment, nullable=True),
    sa.Column("first_contact_at", Moment, nullable=True),
    sa.Column("program", sa.String(50), nullable=True),
    sa.Column("resolution_kind", sa.String(50), nullable=True),
    sa.Column("planned_at", Moment, nullable=True),
    sa.Column("agreement_due_business_days", sa.Integer(), nullable=True),
    sa.Column("agreement_signed_at", Moment, nullable=True),
    sa.Column("resolved_at", Moment, nullable=True),
    sa.Column("outcome", sa.String(50), nullable=True),
    sa.Column("closed_at", Moment, nullable=True),
    sa.Column("withdrawn_at", Moment, nullable=True),
    sa.Column("satisfaction", sa.Integer(), nullable=True),
    sa.Column("surveys", sa.Integer(), nullable=False),
    sa.Column("pauses", sa.JSON(), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    # The SLA clocks (domain.sla.SlaClock) as folded so far; NULL when one does not apply.
    sa.Column("first_response_clock", sa.JSON(), nullable=True),
    sa.Column("agreement_clock", sa.JSON(), nullable=True),
    sa.Index("case_facts_received", "generation", "received_at"),
)

company_facts = sa.Table(
    "company_facts",
    metadata,
    sa.Column("generation", sa.Integer(), primary_key=True),
    sa.Column("company_id", sa.Uuid(), primary_key=True),
    sa.Column("region", sa.String(50), nullable=False),
    sa.Column("has_research_lab", sa.Boolean(), nullable=False),
    sa.Column("registered_at", Moment, nullable=False),
)

consulting_facts = sa.Table(
    "consulting_facts",
    metadata,
    sa.Column("generation", sa.Integer(), primary_key=True),
    sa.Column("record_id", sa.Uuid(), primary_key=True),
    sa.Column("company_id", sa.Uuid(), nullable=False),
    sa.Column("region", sa.String(50), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
    sa.Column("institute", sa.String(20), nullable=True),
    sa.Column("consulted_on", sa.Date(), nullable=False),
    sa.Column("hours", sa.Float(), nullable=False),
    sa.Column("recorded_at", Moment, nullable=False),
    sa.Column("cancelled", sa.Boolean(), nullable=False),
    sa.Index("consulting_facts_consulted_on", "generation", "consulted_on"),
)

mentoring_facts = sa.Table(
    "mentoring_facts",
    metadata,
    sa.Column("generation", sa.Integer(), primary_key=True),
    sa.Column("engagement_id", sa.Uuid(), primary_key=True),
    sa.Column("region", sa.String(50), nullable=False),
    sa.Column("started_at", Moment, nullable=False),
    sa.Column("stages", sa.JSON(), nullable=False),
    sa.Column("current_stage", sa.String(50), nullable=True),
    sa.Column("concluded_at", Moment, nullable=True),
)

projection_state = sa.Table(
    "projection_state",
    metadata,
    sa.Column("name", sa.String(50), primary_key=True),
    sa.Column("active_generation", sa.Integer(), nullable=False),
    # The last event position folded into the active generation, and into the one a
    # rebuild is writing (NULL when no rebuild is under way).
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("building_generation", sa.Integer(), nullable=True),
    sa.Column("building_position", sa.BigInteger(), nullable=True),
    sa.Column("updated_at", Moment, nullable=True),
)

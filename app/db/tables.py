"""SQLModel tables. Alembic migrations create them; nothing calls create_all."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.db.types import UTCDateTime


def _instant(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _upstream_id() -> Any:
    """A numeric id Capillary gave us; None until the relay has been told it."""
    return Field(default=None, sa_column=Column(BigInteger(), nullable=True))


class Person(SQLModel, table=True):
    __table_args__ = (
        Index("uq_person_public_id", "public_id", unique=True),
        # Upstream names are built from ids: SQLite must never hand an erased one out again.
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    # What a brand's systems call the person (the Voyado API's contactId): a UUID, never the id.
    public_id: str = Field(default_factory=lambda: str(uuid.uuid4()), max_length=36)
    email: str = Field(max_length=320, unique=True)
    password_hash: str | None = Field(default=None, max_length=255)
    display_name: str = Field(default="", max_length=120)
    timezone: str = Field(default="UTC", max_length=64)
    dark_mode: bool = False
    created_at: datetime = _instant()
    upstream_customer_id: int | None = _upstream_id()
    email_confirmed_at: datetime | None = _instant(nullable=True)  # set by /confirm (app/mail)
    reminder_mail_off: bool = False  # unsubscribed from reminder mail (the banner stays)
    # The language chosen in Settings ("en", "sv"); None: the browser's (app/i18n.py).
    language: str | None = Field(default=None, max_length=8)


class EventType(SQLModel, table=True):
    __tablename__ = "event_type"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    label: str = Field(max_length=120)
    unit: str = Field(default="", max_length=40)
    attribute: str | None = Field(default=None, max_length=64)
    created_at: datetime = _instant()
    upstream_defined_at: datetime | None = _instant(nullable=True)


class Challenge(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("person_id", "name_key", name="uq_challenge_person_name"),
        # A person starts a definition once (app/services/assignments.py refuses a second).
        Index("uq_challenge_person_definition", "person_id", "definition_id", unique=True),
        Index("ix_challenge_definition", "definition_id"),
        Index("uq_challenge_public_id", "public_id", unique=True),
        # The reminder job's scan: active challenges with a reminder set.
        Index(
            "ix_challenge_reminders",
            "status",
            sqlite_where=text("reminder_time IS NOT NULL"),
            postgresql_where=text("reminder_time IS NOT NULL"),
        ),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    # What the challenges API calls the assignment (its `id`): a UUID, never the database id.
    public_id: str = Field(default_factory=lambda: str(uuid.uuid4()), max_length=36)
    person_id: int = Field(foreign_key="person.id", index=True)
    event_type_id: int = Field(foreign_key="event_type.id")
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    measure: str = Field(max_length=16)
    attribute: str | None = Field(default=None, max_length=64)
    target: float
    frequency: str = Field(max_length=16)
    every_n_days: int = 1
    total_periods: int
    tracking: str = Field(max_length=32)
    required_periods: int
    window: str = Field(max_length=32)
    start_date: date | None = None
    first_day: date | None = None  # local day the periods count from, once known
    timezone: str = Field(max_length=64)
    points_per_period: int = 0
    points_on_completion: int = 0
    template_key: str | None = Field(default=None, max_length=64)
    # The brand's definition this challenge was started from (an assignment), if any.
    definition_id: int | None = Field(default=None, foreign_key="challenge_definition.id")
    consented_at: datetime | None = _instant(nullable=True)
    # Self-made challenges pay under the brand's points budget; assignments pay what the
    # definition says (both stay under the per-person monthly cap, docs/rules.md).
    under_budget: bool = True
    # False for history imported without sending it upstream: its later logs stay local too.
    mirrored: bool = True
    # A reminder at this local time ("07:30") on these weekdays (bit 0 Monday … bit 6 Sunday).
    reminder_time: str | None = Field(default=None, max_length=5)
    reminder_days: int = 127
    # Stored standing, kept in step by the services (see app/domain/progress.py).
    status: str = Field(default="active", max_length=16, index=True)
    closed: int = 0
    closed_achieved: int = 0
    run: int = 0
    best_run: int = 0
    completion_round: int = 0
    completed_at: datetime | None = _instant(nullable=True)
    ended_at: datetime | None = _instant(nullable=True)
    created_at: datetime = _instant()
    upstream_group_id: int | None = _upstream_id()
    upstream_target_id: int | None = _upstream_id()
    upstream_promotion_id: int | None = _upstream_id()


class ChallengeDefinition(SQLModel, table=True):
    """A challenge a brand publishes; a person starts it as their own (an assignment).

    Draft until `published_at`; then Scheduled before `scheduled_from`, Ended from
    `scheduled_to`, Active between (app/domain/definitions.py). The rule columns mean what
    the challenge's do; an assignment copies them when it starts and keeps them.
    """

    __tablename__ = "challenge_definition"
    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(max_length=36, unique=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    icon: str = Field(default="flag", max_length=64)  # a Material icon name
    event_type: str = Field(max_length=64)
    event_label: str = Field(default="", max_length=120)
    event_unit: str = Field(default="", max_length=40)
    measure: str = Field(max_length=16)
    attribute: str | None = Field(default=None, max_length=64)
    target: float
    frequency: str = Field(max_length=16)
    every_n_days: int = 1
    total_periods: int
    tracking: str = Field(max_length=32)
    required_periods: int
    window: str = Field(max_length=32)
    points_per_period: int = 0
    points_on_completion: int = 0
    consent_required: bool = False
    expiration_months: int | None = None  # a participant has this long from starting
    scheduled_from: datetime | None = _instant(nullable=True)
    scheduled_to: datetime | None = _instant(nullable=True)
    published_at: datetime | None = _instant(nullable=True)
    created_by: str = Field(default="", max_length=320)
    created_on: datetime = _instant()
    modified_by: str = Field(default="", max_length=320)
    modified_on: datetime = _instant()


class PointsBudget(SQLModel, table=True):
    """What the brand lets challenges pay (one row, id 1; docs/rules.md "Points budget")."""

    __tablename__ = "points_budget"
    id: int | None = Field(default=None, primary_key=True)
    points_per_period: int = 10  # a self-made challenge's award per achieved period
    completion_points_per_period: int = 5  # its completion award, per period it spans
    challenge_cap: int = 300  # at most this much from one challenge, in all
    monthly_cap: int = 1000  # at most this much to one person per calendar month (their zone)
    freeze_price: int = 50  # what a streak freeze costs
    freeze_max_held: int = 2  # the most unused freezes a person may hold per challenge; 0: off
    modified_by: str = Field(default="", max_length=320)
    modified_on: datetime = _instant()


class ApiKey(SQLModel, table=True):
    """A key a brand's system calls the challenges API with; only its SHA-256 is kept."""

    __tablename__ = "api_key"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    prefix: str = Field(max_length=16)  # the key's first characters, to tell keys apart
    key_hash: str = Field(max_length=64, unique=True)
    created_by: str = Field(default="", max_length=320)
    created_at: datetime = _instant()
    revoked_at: datetime | None = _instant(nullable=True)
    last_used_at: datetime | None = _instant(nullable=True)


class ApiRequest(SQLModel, table=True):
    """The first answer to a request sent with an Idempotency-Key, to return on a retry."""

    __tablename__ = "api_request"
    __table_args__ = (UniqueConstraint("api_key_id", "idempotency_key", name="uq_api_request_key"),)
    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int = Field(foreign_key="api_key.id")
    idempotency_key: str = Field(max_length=200)
    request_hash: str = Field(max_length=64)  # the same key with another body is refused
    status_code: int
    response: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _instant()


class Reward(SQLModel, table=True):
    """Something points buy, with its stock and the codes it hands out.

    `stock` is None for unlimited (generated codes only); for uploaded codes it is the number
    uploaded. `redeemed` is kept in step under the row's lock, so stock is never oversold.
    """

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)
    icon: str = Field(default="redeem", max_length=64)  # a Material icon name
    image_url: str | None = Field(default=None, max_length=500)
    cost: int
    stock: int | None = None
    redeemed: int = 0
    # No default here: SQLModel makes it the column's default, and the ORM inserts a column's
    # default in place of None, so a reward saved with "no limit" came back limited to 1.
    per_person_limit: int | None = None  # None: no limit (create_reward sets it from the rule)
    active_from: datetime | None = _instant(nullable=True)
    active_to: datetime | None = _instant(nullable=True)
    code_valid_days: int | None = None  # a code expires this long after it was redeemed
    code_source: str = Field(default="generated", max_length=16)  # generated, uploaded
    code_prefix: str = Field(default="", max_length=20)
    created_by: str = Field(default="", max_length=320)
    created_at: datetime = _instant()
    modified_by: str = Field(default="", max_length=320)
    modified_at: datetime = _instant()


class RewardCode(SQLModel, table=True):
    """An uploaded code, handed to the first redemption that claims it."""

    __tablename__ = "reward_code"
    __table_args__ = (
        UniqueConstraint("reward_id", "code", name="uq_reward_code_code"),
        Index(
            "ix_reward_code_unclaimed",
            "reward_id",
            "id",
            sqlite_where=text("redemption_id IS NULL"),
            postgresql_where=text("redemption_id IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    reward_id: int = Field(foreign_key="reward.id")
    code: str = Field(max_length=100)
    redemption_id: int | None = Field(default=None, foreign_key="redemption.id", unique=True)
    uploaded_at: datetime = _instant()


class Redemption(SQLModel, table=True):
    """Points spent on a reward: one code, one ledger debit (`redemption:{id}`). Kept for good:
    an expired code is shown as expired, never deleted."""

    __table_args__ = (
        UniqueConstraint("person_id", "idempotency_key", name="uq_redemption_person_key"),
        UniqueConstraint("reward_id", "code", name="uq_redemption_reward_code"),
        Index("ix_redemption_person_reward", "person_id", "reward_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    reward_id: int = Field(foreign_key="reward.id")
    code: str = Field(max_length=100)
    points: int  # what it cost, as paid
    idempotency_key: str = Field(max_length=100)
    created_at: datetime = _instant()
    expires_at: datetime | None = _instant(nullable=True)


class StreakFreeze(SQLModel, table=True):
    """A freeze bought for one STREAK challenge; used by the first period that closes missed."""

    __tablename__ = "streak_freeze"
    __table_args__ = (
        UniqueConstraint("person_id", "idempotency_key", name="uq_streak_freeze_person_key"),
        Index("ix_streak_freeze_challenge", "challenge_id", "used_period_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    challenge_id: int = Field(foreign_key="challenge.id")
    points: int  # what it cost, as paid
    idempotency_key: str = Field(max_length=100)
    bought_at: datetime = _instant()
    used_period_id: int | None = Field(default=None, foreign_key="period.id", unique=True)
    used_at: datetime | None = _instant(nullable=True)


class Period(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("challenge_id", "index", name="uq_period_challenge_index"),
        Index("ix_period_challenge_starts", "challenge_id", "starts_at"),
        # The running and upcoming periods of one challenge, for closing and logging.
        Index(
            "ix_period_open_by_challenge",
            "challenge_id",
            "ends_at",
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        Index(
            "ix_period_due",
            "ends_at",
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id")
    index: int
    starts_at: datetime = _instant()
    ends_at: datetime | None = _instant(nullable=True)
    target: float
    total: float = 0.0
    achieved_at: datetime | None = _instant(nullable=True)
    award_round: int = 0  # bumps on every achievement, so each award has its own ledger key
    closed_at: datetime | None = _instant(nullable=True)
    outcome: str | None = Field(default=None, max_length=16)  # achieved, missed, frozen, skipped


class Log(SQLModel, table=True):
    """One thing a person did, of one event type (a behavioural event upstream).

    It counts toward each of the person's live challenges on that type, one LogCredit each,
    as one event upstream counts toward every target group on its event. `challenge_id` is
    the challenge it was logged from, if any.
    """

    __table_args__ = (
        UniqueConstraint("person_id", "idempotency_key", name="uq_log_person_idempotency"),
        Index("ix_log_person_type_occurred", "person_id", "event_type_id", "occurred_at"),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    event_type_id: int = Field(foreign_key="event_type.id")
    challenge_id: int | None = Field(default=None, foreign_key="challenge.id")
    occurred_at: datetime = _instant()
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    idempotency_key: str = Field(max_length=100)
    created_at: datetime = _instant()
    undone_at: datetime | None = _instant(nullable=True)
    # What Capillary called the event (the webhook answer's requestId), once it was sent;
    # trackedTargetEvents names the events that counted by it.
    upstream_request_id: str | None = Field(default=None, max_length=64)
    imported: bool = False  # brought in from a history file (docs/rules.md "Importing history")


class LogCredit(SQLModel, table=True):
    """What one log adds to one challenge: its period, its local day there, its amount.

    `withdrawn_at` is set when an undo takes it back; a credit in a period that had already
    ended when the log was undone stays, as that period's result is final.
    """

    __tablename__ = "log_credit"
    __table_args__ = (
        UniqueConstraint("log_id", "challenge_id", name="uq_log_credit_log_challenge"),
        Index("ix_log_credit_period_day", "period_id", "local_day"),
        Index("ix_log_credit_challenge_occurred", "challenge_id", "occurred_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="log.id")
    challenge_id: int = Field(foreign_key="challenge.id")
    period_id: int = Field(foreign_key="period.id")
    occurred_at: datetime = _instant()
    local_day: date
    amount: float
    withdrawn_at: datetime | None = _instant(nullable=True)


class PointsLedgerEntry(SQLModel, table=True):
    __tablename__ = "points_ledger_entry"
    id: int | None = Field(default=None, primary_key=True)
    # None once the person deleted their account: the brand's totals keep the row, anonymised.
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    challenge_id: int | None = Field(default=None, foreign_key="challenge.id")
    period_id: int | None = Field(default=None, foreign_key="period.id")
    reason: str = Field(max_length=32)
    points: int
    note: str = Field(max_length=400)
    # One key per award or reversal: the unique index makes a second award impossible.
    entry_key: str = Field(max_length=120, unique=True)
    created_at: datetime = _instant()

    __table_args__ = (
        # The caps' sums: a person's month (monthly cap) and a challenge's total (its cap).
        Index("ix_points_ledger_person_created", "person_id", "created_at"),
        Index("ix_points_ledger_challenge", "challenge_id"),
        # The balance (every page, every tap): summed from the index alone.
        Index("ix_points_ledger_person_points", "person_id", "points"),
    )


class OutboxItem(SQLModel, table=True):
    """One upstream change, written in the business transaction and sent later by the relay.

    status: pending (to send), sent, dead (refused upstream or out of retries; halts its
    stream until retried), skipped (not mirrored, `last_error` says why) or cancelled
    (withdrawn before it was sent). A claimed row carries a lease until `lease_until`.
    """

    __tablename__ = "outbox_item"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        # The head of each stream: the lowest open id per stream, read from this index alone.
        Index(
            "ix_outbox_open_by_stream",
            "stream",
            "id",
            sqlite_where=text("status IN ('pending', 'dead')"),
            postgresql_where=text("status IN ('pending', 'dead')"),
        ),
        Index("ix_outbox_challenge_status", "challenge_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    stream: str = Field(max_length=60)  # items of one stream are sent in id order
    challenge_id: int | None = Field(default=None, foreign_key="challenge.id")
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    idempotency_key: str = Field(max_length=120, unique=True)
    status: str = Field(default="pending", max_length=16)  # pending, sent, dead, skipped, cancelled
    attempts: int = 0
    next_attempt_at: datetime = _instant()
    last_error: str | None = Field(default=None, max_length=2000)  # or why it was skipped
    created_at: datetime = _instant()
    sent_at: datetime | None = _instant(nullable=True)
    lease_until: datetime | None = _instant(nullable=True)
    lease_owner: str | None = Field(default=None, max_length=40)


class UpstreamDifference(SQLModel, table=True):
    """A period whose upstream total differs from what the sent events should add up to."""

    __tablename__ = "upstream_difference"
    __table_args__ = (
        UniqueConstraint("challenge_id", "period_index", name="uq_upstream_difference_period"),
    )
    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id")
    period_index: int
    expected_total: float
    upstream_total: float | None = None  # None: the period is missing upstream
    checked_at: datetime = _instant()
    note: str = Field(default="", max_length=400)


class SignInFailure(SQLModel, table=True):
    """One failed sign-in, kept briefly to slow down password guessing on any instance.

    `client` is where it came from (an IP address); `device` the nonce of the device cookie it
    carried for this account, None from a device the account has not signed in on.
    """

    __tablename__ = "sign_in_failure"
    __table_args__ = (
        Index("ix_sign_in_failure_email_at", "email", "at"),
        Index("ix_sign_in_failure_client_at", "client", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320)
    at: datetime = _instant()
    client: str = Field(default="", max_length=64)
    device: str | None = Field(default=None, max_length=64)


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds the token, the database only its SHA-256."""

    __tablename__ = "web_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = _instant()
    expires_at: datetime = _instant()


class HistoryImport(SQLModel, table=True):
    """One history file a person imported; its SHA-256 makes a second import of it a no-op."""

    __tablename__ = "history_import"
    __table_args__ = (
        UniqueConstraint("person_id", "file_hash", name="uq_history_import_person_file"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    file_hash: str = Field(max_length=64)
    source: str = Field(max_length=32)  # goalpost, loop, beaverhabits
    challenges: int
    logs: int
    sent_upstream: bool = False
    imported_at: datetime = _instant()


class MailItem(SQLModel, table=True):
    """One e-mail to send, written in the transaction that decided to send it (app/mail).

    status: pending (to send), sent, or dead (refused or out of attempts, `last_error` says
    why). A claimed row carries a lease until `lease_until`, like the upstream outbox's.
    """

    __tablename__ = "mail_item"
    __table_args__ = (Index("ix_mail_item_due", "status", "next_attempt_at"),)
    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=120, unique=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    to_address: str = Field(max_length=320)
    subject: str = Field(max_length=200)
    text_body: str
    html_body: str
    status: str = Field(default="pending", max_length=16)  # pending, sent, dead
    attempts: int = 0
    next_attempt_at: datetime = _instant()
    lease_until: datetime | None = _instant(nullable=True)
    lease_owner: str | None = Field(default=None, max_length=40)
    last_error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = _instant()
    sent_at: datetime | None = _instant(nullable=True)


class AccountToken(SQLModel, table=True):
    """A link mailed to a person (reset a password, confirm an address): only its SHA-256 here."""

    __tablename__ = "account_token"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    purpose: str = Field(max_length=16)  # reset, confirm
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _instant()
    expires_at: datetime = _instant()
    used_at: datetime | None = _instant(nullable=True)


class ReminderSent(SQLModel, table=True):
    """A period whose reminder went (banner, and mail when `mailed`): never a second one."""

    __tablename__ = "reminder_sent"
    __table_args__ = (
        UniqueConstraint("challenge_id", "period_index", name="uq_reminder_sent_period"),
    )
    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id")
    period_index: int
    due_at: datetime = _instant()
    sent_at: datetime = _instant()
    mailed: bool = False


def saved_id(
    row: Person
    | EventType
    | Challenge
    | Period
    | Log
    | LogCredit
    | ChallengeDefinition
    | ApiKey
    | Reward
    | Redemption
    | StreakFreeze,
) -> int:
    """The primary key of a row that has been flushed (SQLModel types ids as optional)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id

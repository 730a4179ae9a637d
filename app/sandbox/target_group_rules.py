"""Checks on a new target group, in the order docs/upstream.md gives them.

310069 name taken (case-insensitively); 300004 anything else invalid, naming the field;
310008 target rule name longer than 200 characters, checked last. Ordinary groups and
user-created ones (`userCreated: true`) both; the UCC rules (one target rule, enrolment by
IMPORT) apply to user-created ones only (seed 000).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.times import parse_instant_ms

TRACKING = {
    "DEFAULT": "DEFAULT",
    "STREAKS": "STREAKS",
    "STREAK": "STREAKS",
    "NON_CONTINUOUS_STREAKS": "NON_CONTINUOUS_STREAKS",
    "NON_CONTINUOUS_STREAK": "NON_CONTINUOUS_STREAKS",
}
STREAK_TRACKING = {"STREAKS", "NON_CONTINUOUS_STREAKS"}
FIXED, CYCLIC, AGNOSTIC = "FIXED_CALENDAR_WINDOW", "CYCLIC_WINDOW", "PERIOD_AGNOSTIC_WINDOW"
FREQUENCY_MONTHS = {"MONTHLY": 1, "QUARTERLY": 3, "HALF_YEARLY": 6, "YEARLY": 12}
FREQUENCY_DAYS = {"DAILY": 1, "WEEKLY": 7}
TARGET_TYPES = {"COUNT", "VISIT", "EVENT_ATTRIBUTE"}
ENROLMENT_METHODS = {"TRANSACTION", "IMPORT"}  # seed 003's request parameters
DEFAULT_ZONE = "GMT"  # what Capillary answers when a group names no zone (seed 003)
MAX_NAME = 200


@dataclass
class PeriodDraft:
    ref: str
    start_ms: int
    end_ms: int
    description: str
    active: bool


@dataclass
class GroupDraft:
    """A valid request, read into the values the sandbox keeps."""

    name: str
    user_created: bool
    tracking: str
    evaluation: str
    total_periods: int
    frequency_type: str | None
    frequency: int
    zone: str
    target: dict[str, Any]
    target_type: str
    event_name: str
    attribute: str | None
    periods: list[PeriodDraft] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    streaks: list[dict[str, Any]] = field(default_factory=list)


def check_target_group(
    body: Any, *, name_taken: Callable[[str], bool], event_defined: Callable[[str], bool]
) -> GroupDraft:
    """The draft of a valid group, or the CapillaryError the upstream would answer."""
    if not isinstance(body, dict):
        raise invalid("the body", "must be a JSON object")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise invalid("name", f"is required, at most {MAX_NAME} characters")
    if name_taken(name):
        raise CapillaryError(Family.V3, 310069, f"Target group name already exists: {name!r}")
    user_created = body.get("userCreated", False)
    if not isinstance(user_created, bool):
        raise invalid("userCreated", "must be true or false")
    targets = body.get("targets")
    if not isinstance(targets, list) or len(targets) != 1 or not isinstance(targets[0], dict):
        why = "a user-created group" if user_created else "the sandbox keeps one per group"
        raise invalid("targets", f"must hold exactly one target rule ({why})")
    target = targets[0]
    event_name, target_type, attribute = _check_target(target, event_defined, user_created)
    draft = GroupDraft(
        name=name,
        user_created=user_created,
        tracking=_tracking(body.get("trackingType")),
        evaluation=_evaluation(body.get("targetEvaluationType", FIXED)),
        total_periods=_total_periods(body.get("totalPeriods")),
        frequency_type=None,
        frequency=0,
        zone=_zone(body.get("timeZoneName")),
        target=target,
        target_type=target_type,
        event_name=event_name,
        attribute=attribute,
    )
    draft.frequency_type, draft.frequency = _frequency(body, draft.evaluation)
    draft.periods = _periods(body.get("periods"), draft)
    draft.values = _default_values(target.get("defaultValues"), draft)
    draft.streaks = _streaks(body.get("streaks"), draft)
    check_target_name(target.get("name"))
    return draft


def _check_target(
    target: dict[str, Any], event_defined: Callable[[str], bool], user_created: bool
) -> tuple:
    method = target.get("enrolmentMethod")
    if user_created and method != "IMPORT":
        raise invalid("targets[0].enrolmentMethod", "must be IMPORT for a user-created group")
    if method not in ENROLMENT_METHODS:
        raise invalid("targets[0].enrolmentMethod", f"must be one of {sorted(ENROLMENT_METHODS)}")
    if target.get("targetEntity") != "EVENT":
        raise invalid("targets[0].targetEntity", "must be EVENT (behavioural event)")
    target_type = target.get("targetType")
    if target_type not in TARGET_TYPES:
        raise invalid("targets[0].targetType", f"must be one of {sorted(TARGET_TYPES)}")
    attribute = None
    if target_type == "EVENT_ATTRIBUTE":
        info = target.get("extendedFieldInfo")
        if not isinstance(info, dict) or not isinstance(info.get("name"), str) or not info["name"]:
            raise invalid("targets[0].extendedFieldInfo.name", "names the attribute to sum")
        attribute = info["name"]
        if info.get("aggregateFunction", "SUM") != "SUM":
            raise invalid("targets[0].extendedFieldInfo.aggregateFunction", "must be SUM")
    event_name = target.get("eventName")
    if not isinstance(event_name, str) or not event_defined(event_name):
        raise invalid(
            "targets[0].eventName", f"{event_name!r} is not a defined event (POST /v2/events)"
        )
    return event_name, target_type, attribute


def _tracking(value: Any) -> str:
    if value not in TRACKING:
        raise invalid("trackingType", f"must be one of {sorted(TRACKING)}")
    return TRACKING[value]


def _evaluation(value: Any) -> str:
    if value not in (FIXED, CYCLIC, AGNOSTIC):
        raise invalid("targetEvaluationType", f"must be one of {[FIXED, CYCLIC, AGNOSTIC]}")
    return str(value)


def _total_periods(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise invalid("totalPeriods", "must be a whole number of at least 1")
    return value


def _zone(value: Any) -> str:
    if value is None:
        return DEFAULT_ZONE
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise invalid("timeZoneName", f"{value!r} is not an IANA time zone") from None
    return str(value)


def _frequency(body: dict[str, Any], evaluation: str) -> tuple[str | None, int]:
    kind, count = body.get("frequencyType"), body.get("frequency", 1)
    if kind is None and evaluation != CYCLIC:
        return None, count if isinstance(count, int) else 0
    if kind not in FREQUENCY_DAYS and kind not in FREQUENCY_MONTHS:
        known = sorted([*FREQUENCY_DAYS, *FREQUENCY_MONTHS])
        raise invalid("frequencyType", f"must be one of {known} (a cyclic window needs it)")
    if (
        not isinstance(count, int)
        or isinstance(count, bool)
        or count < (1 if evaluation == CYCLIC else 0)
    ):
        raise invalid("frequency", "must be a whole number (at least 1 for a cyclic window)")
    return str(kind), count


def _periods(raw: Any, draft: GroupDraft) -> list[PeriodDraft]:
    if draft.evaluation == CYCLIC:
        if raw:
            raise invalid("periods", "must be empty: cyclic periods start at the first event")
        return []
    wanted = draft.total_periods if draft.evaluation == FIXED else 1
    if not isinstance(raw, list) or len(raw) != wanted:
        raise invalid("periods", f"must hold {wanted} period(s) for {draft.evaluation}")
    periods: list[PeriodDraft] = []
    for index, item in enumerate(raw):
        where = f"periods[{index}]"
        if not isinstance(item, dict):
            raise invalid(where, "must be an object")
        ref = item.get("refCode")
        if not isinstance(ref, str) or not ref or any(p.ref == ref for p in periods):
            raise invalid(f"{where}.refCode", "is required and unique within the group")
        start, end = _instant(item, "startDate", where), _instant(item, "endDate", where)
        if end < start or (periods and start <= periods[-1].end_ms):
            raise invalid(where, "must end after it starts and start after the one before")
        description = item.get("description") or ""
        periods.append(PeriodDraft(ref, start, end, str(description), item.get("active", True)))
    return periods


def _instant(item: dict[str, Any], key: str, where: str) -> int:
    try:
        return parse_instant_ms(str(item[key]))
    except (KeyError, ValueError):
        raise invalid(f"{where}.{key}", "must be an ISO 8601 instant") from None


def _default_values(raw: Any, draft: GroupDraft) -> list[float]:
    where = "targets[0].defaultValues"
    allowed = {len(draft.periods)} if draft.periods else {1, draft.total_periods}
    if not isinstance(raw, list) or len(raw) not in allowed:
        raise invalid(where, f"must hold one value per period ({sorted(allowed)})")
    values = []
    for index, item in enumerate(raw):
        value = item.get("defaultValue") if isinstance(item, dict) else None
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = -1.0
        if number <= 0 or isinstance(value, bool):
            raise invalid(f"{where}[{index}].defaultValue", "must be a positive number")
        values.append(number)
    return values


def _streaks(raw: Any, draft: GroupDraft) -> list[dict[str, Any]]:
    if draft.tracking not in STREAK_TRACKING:
        return []
    if not isinstance(raw, list) or not raw:
        raise invalid("streaks", f"must list at least one streak for {draft.tracking}")
    streaks = []
    for index, item in enumerate(raw):
        count = item.get("targetCountOfSequence") if isinstance(item, dict) else None
        if not isinstance(count, int) or isinstance(count, bool):
            raise invalid(f"streaks[{index}].targetCountOfSequence", "must be a whole number")
        if not 1 <= count <= draft.total_periods:
            raise invalid(f"streaks[{index}].targetCountOfSequence", "must be 1..totalPeriods")
        streaks.append({"name": str(item.get("name") or draft.name), "count": count})
    return streaks


def check_target_name(name: Any) -> None:
    if not isinstance(name, str) or not name.strip():
        raise invalid("targets[0].name", "is required")
    if len(name) > MAX_NAME:
        raise CapillaryError(
            Family.V3,
            310008,
            f"Length of Target rule name cannot exceed {MAX_NAME} (it has {len(name)})",
        )


def invalid(where: str, problem: str) -> CapillaryError:
    return CapillaryError(
        Family.V3,
        300004,
        f"Invalid input, check all values and ensure they are correct: {where} {problem}",
    )

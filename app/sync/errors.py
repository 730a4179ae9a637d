"""What can go wrong upstream, written down in one place, and how to say it to a person.

UpstreamError
├── TransientUpstreamError   retried with backoff: timeout, connection error (also one
│                            dropped mid-answer), 5xx, 429 (with `retry_after`)
└── PermanentUpstreamError   dead-lettered with `readable(code, message)`: any other 4xx
"""

from __future__ import annotations


class UpstreamError(Exception):
    """Capillary did not do what we asked."""


class TransientUpstreamError(UpstreamError):
    """Worth trying again later with the same idempotency key."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentUpstreamError(UpstreamError):
    """Refused for a reason a retry will not change; `str()` is the readable sentence."""

    def __init__(self, code: int, message: str, *, readable_text: str | None = None) -> None:
        self.code = code
        self.message = message
        super().__init__(readable_text or readable(code, message))


_SENTENCES: dict[int, str] = {
    401: "Capillary refused Goalpost's credentials; check CAPILLARY_TILL and CAPILLARY_PASSWORD "
    "(or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET), then retry",
    403: "Capillary did not allow this call for the configured API client; ask the org admin "
    "to grant the Target Groups, Events and Promotions permissions, then retry",
    310008: "Capillary refused the challenge's name: it is longer than 200 characters; "
    "shorten it, then retry",
    310069: "Capillary already has a target group with this challenge's upstream name that "
    "Goalpost did not create; rename or remove that group in Capillary, then retry",
    300004: "Capillary found the challenge's settings invalid{detail}; fix the challenge, "
    "then retry",
    310011: "Capillary does not know this customer; retry, and Goalpost will create them again",
    310019: "Capillary has no such period in the challenge's target group; retry once the "
    "group has its periods",
    310119: "The customer is already enrolled in this challenge upstream; nothing to do",
    1806: "The event type is already defined in Capillary; nothing to do",
    1810: "Capillary refused the event type's actions{detail}; check that the org has "
    "EMFConsumer enabled, then retry",
    1811: "Capillary refused the event type's name{detail}; use letters, digits and "
    "underscores only, then retry",
    1823: "Capillary refused a field of the event type{detail}; check the event type's "
    "attribute, then retry",
    1802: "Capillary refused a field attribute of the event type{detail}; check the event "
    "type's attribute, then retry",
    4003: "Capillary already has a promotion with this challenge's name that Goalpost cannot "
    "find; rename or remove it in Capillary, then retry",
    4007: "Capillary already has a promotion with this challenge's identifier that Goalpost "
    "cannot find; rename or remove it in Capillary, then retry",
    4074: "Capillary could not link the promotion to the challenge's target group; retry once "
    "the group exists upstream",
    4075: "Capillary wants exactly one rule set on a user-created promotion; this is a "
    "Goalpost bug, please report it",
    4076: "Capillary refused the promotion's rule set{detail}; check CAPILLARY_PROGRAM_ID, "
    "then retry",
    4079: "Capillary refused the promotion: its source type is missing; this is a Goalpost "
    "bug, please report it",
    4083: "Capillary refused the promotion's event name{detail}; this is a Goalpost bug, "
    "please report it",
    8015: "Capillary has no customer with this identifier; retry, and Goalpost will create them",
}


def readable(code: int, message: str) -> str:
    """A sentence a person understands that says what to do, keeping the upstream code."""
    said = message.strip().rstrip(".")
    sentence = _SENTENCES.get(code)
    if sentence is None:
        reason = said or "no reason given"
        sentence = f"Capillary refused the request: {reason}; check the challenge, then retry"
    return f"{sentence.format(detail=f': {said}' if said else '')} ({code})"

"""Rewards: what a brand offers for points, who may redeem it, and the codes it hands out.

docs/rules.md, "Rewards", has the rules in words with the tests that hold them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.errors import N_, FieldError

MAX_COST = 1_000_000
MAX_STOCK = 1_000_000
MAX_CODES_PER_UPLOAD = 100_000
MAX_CODE_LENGTH = 100
MAX_VALID_DAYS = 3650
PREFIX_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
# Generated codes: no 0/O, 1/I/L, so a code read aloud or typed from a screen comes out right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_CHARACTERS = 12  # 31**12 ≈ 2**59: not to be guessed


class CodeSource(StrEnum):
    GENERATED = "generated"  # a fresh unguessable code per redemption
    UPLOADED = "uploaded"  # the brand's own codes; stock is the codes left


class Availability(StrEnum):
    AVAILABLE = "available"
    UPCOMING = "upcoming"  # its window has not opened
    ENDED = "ended"  # its window has closed
    SOLD_OUT = "sold_out"


@dataclass(frozen=True, kw_only=True)
class RewardRule:
    """A reward as the brand sets it up."""

    title: str
    cost: int
    description: str = ""
    icon: str = "redeem"
    image_url: str | None = None
    stock: int | None = None  # None: unlimited (generated codes only)
    per_person_limit: int | None = 1  # None: no limit
    active_from: datetime | None = None
    active_to: datetime | None = None
    code_valid_days: int | None = 90  # None: codes never expire
    code_source: CodeSource = CodeSource.GENERATED
    code_prefix: str = ""


def reward_errors(rule: RewardRule, *, redeemed: int = 0) -> list[FieldError]:
    """What is wrong with a reward, each by its field; [] when it can be saved."""
    errors = []
    if not rule.title.strip():
        errors.append(FieldError.of("title", "Give the reward a title people will recognise."))
    elif len(rule.title) > 120:
        errors.append(
            FieldError.of("title", "Keep the title to {most} characters or fewer.", most=120)
        )
    if len(rule.description) > 2000:
        errors.append(
            FieldError.of("description", "Keep the description to {most:,} characters.", most=2000)
        )
    if not 1 <= rule.cost <= MAX_COST:
        errors.append(
            FieldError.of("cost", "Enter a cost from 1 to {most:,} points.", most=MAX_COST)
        )
    if rule.code_source is CodeSource.GENERATED and rule.stock is not None:
        if not 0 <= rule.stock <= MAX_STOCK:
            errors.append(
                FieldError.of("stock", "Enter a stock from 0 to {most:,}.", most=MAX_STOCK)
            )
        elif rule.stock < redeemed:
            errors.append(
                FieldError.of(
                    "stock",
                    N_("{redeemed:,} is redeemed already: the stock can't be less.")
                    if redeemed == 1
                    else N_("{redeemed:,} are redeemed already: the stock can't be less."),
                    redeemed=redeemed,
                )
            )
    if rule.per_person_limit is not None and not 1 <= rule.per_person_limit <= 1000:
        errors.append(
            FieldError.of(
                "per_person_limit", "Enter a limit from 1 to {most:,}, or no limit.", most=1000
            )
        )
    if rule.active_from and rule.active_to and rule.active_to <= rule.active_from:
        errors.append(FieldError.of("active_to", "The end must come after the start."))
    if rule.code_valid_days is not None and not 1 <= rule.code_valid_days <= MAX_VALID_DAYS:
        errors.append(
            FieldError.of(
                "code_valid_days", "Enter 1 to {most:,} days, or no expiry.", most=MAX_VALID_DAYS
            )
        )
    if len(rule.code_prefix) > 20 or any(c not in PREFIX_CHARACTERS for c in rule.code_prefix):
        errors.append(
            FieldError.of(
                "code_prefix", "Use up to 20 capital letters, digits and dashes, like RUN-."
            )
        )
    if rule.image_url and not (
        rule.image_url.startswith("https://") and len(rule.image_url) <= 500
    ):
        errors.append(
            FieldError.of("image_url", "Give an https:// address of 500 characters or fewer.")
        )
    return errors


def availability(
    *, now: datetime, active_from: datetime | None, active_to: datetime | None, left: int | None
) -> Availability:
    if active_from is not None and now < active_from:
        return Availability.UPCOMING
    if active_to is not None and now >= active_to:
        return Availability.ENDED
    if left is not None and left <= 0:
        return Availability.SOLD_OUT
    return Availability.AVAILABLE


def left_of(stock: int | None, redeemed: int) -> int | None:
    """What is left to redeem; None for unlimited."""
    return None if stock is None else max(0, stock - redeemed)


def expiry(redeemed_at: datetime, valid_days: int | None) -> datetime | None:
    return None if valid_days is None else redeemed_at + timedelta(days=valid_days)


def generated_code(prefix: str, token: str) -> str:
    """'RUN-K7QM-4XTP-9HWA' from a prefix and CODE_CHARACTERS random characters of
    CODE_ALPHABET (the caller draws them: the domain reads no randomness)."""
    groups = "-".join(token[i : i + 4] for i in range(0, len(token), 4))
    return f"{prefix}{groups}"


def parse_codes(text: str) -> tuple[list[str], list[FieldError]]:
    """Codes from pasted text or a CSV file: the first column of each line (a header line
    `code` is skipped). Blanks and repeats are refused by line number, all at once."""
    codes: list[str] = []
    errors: list[FieldError] = []
    first_seen: dict[str, int] = {}
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # trailing empty lines are the end of the file, not blank codes
    for number, row in enumerate(rows, start=1):
        code = row[0].strip() if row else ""
        if number == 1 and code.lower() == "code":
            continue
        if not code:
            errors.append(
                FieldError.of(
                    "codes", "Line {line} is blank: give it a code or remove it.", line=number
                )
            )
        elif len(code) > MAX_CODE_LENGTH:
            errors.append(
                FieldError.of(
                    "codes",
                    "Line {line}: a code is at most {most} characters.",
                    line=number,
                    most=MAX_CODE_LENGTH,
                )
            )
        elif code in first_seen:
            errors.append(
                FieldError.of(
                    "codes",
                    "Line {line} repeats line {first}: {entry}.",
                    line=number,
                    first=first_seen[code],
                    entry=code,
                )
            )
        else:
            first_seen[code] = number
            codes.append(code)
    if not codes and not errors:
        errors.append(
            FieldError.of(
                "codes", "There are no codes here: paste one code per line, or choose a CSV file."
            )
        )
    if len(codes) > MAX_CODES_PER_UPLOAD:
        errors.append(
            FieldError.of(
                "codes", "Upload at most {most:,} codes at a time.", most=MAX_CODES_PER_UPLOAD
            )
        )
    return codes, errors

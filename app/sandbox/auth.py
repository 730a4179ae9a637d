"""Who may call: Capillary's Basic auth (till code + md5 of the password) and OAuth tokens."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from dataclasses import dataclass, field

TOKEN_TTL_SECONDS = 3600


@dataclass
class Credentials:
    """The one till and the one API client the sandbox knows; tokens live in memory only."""

    till: str
    password: str
    oauth_key: str
    oauth_secret: str
    tokens: dict[str, float] = field(default_factory=dict)  # token → monotonic expiry

    def __post_init__(self) -> None:
        digest = hashlib.md5(self.password.encode()).hexdigest()
        self._basic_pair = f"{self.till}:{digest}"
        self._basic_header = "Basic " + base64.b64encode(self._basic_pair.encode()).decode()

    def issue_token(self, key: str, secret: str) -> str | None:
        """A fresh token for the right key and secret; None otherwise."""
        if not (
            secrets.compare_digest(key, self.oauth_key)
            and secrets.compare_digest(secret, self.oauth_secret)
        ):
            return None
        token = secrets.token_urlsafe(32)
        self.tokens[token] = time.monotonic() + TOKEN_TTL_SECONDS
        return token

    def revoke_tokens(self) -> None:
        self.tokens.clear()

    def allows(self, authorization: str | None, oauth_token: str | None) -> bool:
        """True when either header carries valid credentials."""
        if oauth_token is not None:
            return self._token_is_valid(oauth_token.removeprefix("Bearer ").strip())
        if authorization is None:
            return False
        if authorization == self._basic_header:  # the usual case, without decoding
            return True
        return self._basic_is_valid(authorization)

    def _token_is_valid(self, token: str) -> bool:
        expiry = self.tokens.get(token)
        if expiry is None:
            return False
        if expiry < time.monotonic():
            del self.tokens[token]
            return False
        return True

    def _basic_is_valid(self, authorization: str) -> bool:
        scheme, _, encoded = authorization.strip().partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            pair = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return False
        till, _, digest = pair.partition(":")
        return till == self.till and digest.lower() == self._basic_pair.partition(":")[2]


# The documented defaults (docs/sandbox.md): fine on a laptop or in CI, never elsewhere.
DEFAULT_TILL = "goalpost.till"
DEFAULT_PASSWORD = "goalpost-sandbox"
DEFAULT_OAUTH_KEY = "goalpost-key"
DEFAULT_OAUTH_SECRET = "goalpost-secret"
# Where the defaults are accepted; production never runs a sandbox at all.
OPEN_ENVIRONMENTS = ("development", "test")


class SandboxRefused(RuntimeError):
    """The sandbox may not run like this; the message says what to set instead."""


def check_may_run(environment: str, credentials: Credentials) -> None:
    """Refuse production, and the documented default credentials outside development and test."""
    if environment == "production":
        raise SandboxRefused(
            "The sandbox is a demo and test tool and does not run with ENVIRONMENT=production."
        )
    if environment in OPEN_ENVIRONMENTS:
        return
    defaults = {
        "SANDBOX_PASSWORD": credentials.password == DEFAULT_PASSWORD,
        "SANDBOX_OAUTH_SECRET": credentials.oauth_secret == DEFAULT_OAUTH_SECRET,
    }
    if any(defaults.values()):
        names = " and ".join(name for name, default in defaults.items() if default)
        raise SandboxRefused(
            f"With ENVIRONMENT={environment} the sandbox refuses its documented default "
            f"credentials: set {names} to secrets of your own."
        )


@dataclass(frozen=True)
class ControlSecret:
    """Who may use `/_sandbox/*`: whoever sends `Authorization: Bearer <secret>`."""

    secret: str

    def allows(self, authorization: str | None) -> bool:
        if authorization is None:
            return False
        scheme, _, given = authorization.strip().partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            given.strip().encode(), self.secret.encode()
        )

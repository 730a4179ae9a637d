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

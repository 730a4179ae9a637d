"""Who Goalpost is upstream: credentials (never shown) and the names and links it uses."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from pydantic import SecretStr

# The sandbox's defaults (docs/upstream.md, "Authentication").
SANDBOX_TILL = "goalpost.till"
SANDBOX_PASSWORD = "goalpost-sandbox"
SANDBOX_WEBHOOK = "/webhooks/sandbox"


@dataclass(frozen=True)
class BasicCredentials:
    """Capillary Basic auth: the till code and the md5 of its password."""

    till: str
    password: SecretStr

    def header(self) -> str:
        digest = hashlib.md5(self.password.get_secret_value().encode()).hexdigest()
        return "Basic " + base64.b64encode(f"{self.till}:{digest}".encode()).decode()


@dataclass(frozen=True)
class OAuthCredentials:
    """An API client's key and secret, exchanged for a token at `/v3/oauth/token/generate`."""

    key: str
    secret: SecretStr


@dataclass(frozen=True)
class UpstreamOptions:
    """What names and links our upstream objects (docs/upstream.md, "Names and identities")."""

    prefix: str = "goalpost"
    program_id: int = 1
    webhook_url: str = SANDBOX_WEBHOOK  # absolute, or relative to the base URL
    # The org's strategy ids the promotion links: settings for a real org; the docs' example
    # values for the sandbox.
    award_strategy: str = "82690"
    expiry_strategy: str = "81042"

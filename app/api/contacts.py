"""Finding a contact's id (the challenges API's contactId) from their email."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.engine import Engine

from app.services.people import EMAIL_MAX, contact_id_for_email

from .errors import ERROR_RESPONSES


def contacts_router(*, engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/v3/contacts", tags=["contacts v3"], responses=ERROR_RESPONSES)

    @router.get("/id", response_model=str, operation_id="contact_id_v3")
    def contact_id(email: Annotated[str, Query(min_length=1, max_length=EMAIL_MAX)]) -> str:
        """The contactId of the person with this email."""
        return contact_id_for_email(engine, email)

    return router

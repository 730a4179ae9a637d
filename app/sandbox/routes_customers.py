"""Customers: `GET /v2/customers/lookup` and `POST /v2/customers`."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.sandbox.bodies import json_body
from app.sandbox.customers import look_up_customer, register_customer
from app.sandbox.envelopes import Family, json_response
from app.sandbox.state import sandbox_state

router = APIRouter()


@router.get("/v2/customers/lookup")
async def lookup(
    request: Request, identifierName: str, identifierValue: str, source: str = "INSTORE"
) -> Response:
    """The customer id for one identifier; 8015 (HTTP 404) when nobody has it."""
    customer_id = look_up_customer(sandbox_state(request).db, identifierName, identifierValue)
    if customer_id is None:
        missing = [{"code": 8015, "message": "No customer found"}]
        return json_response({"entity": None, "warnings": [], "errors": missing}, 404)
    return json_response({"entity": customer_id, "warnings": []})


@router.post("/v2/customers")
async def add(request: Request) -> Response:
    """Register a customer; identifiers someone already holds answer that customer's id."""
    body = await json_body(request, Family.V2)
    return json_response(register_customer(sandbox_state(request).db, body))

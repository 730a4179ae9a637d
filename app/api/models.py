"""The challenges API's answers, in Voyado Engage's field names (camelCase), so the OpenAPI
describes exactly what is sent. v3 sends enums as numbers, v2 as strings (docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    message: str = Field(description="What was wrong and how to fix it.")
    errors: list[FieldProblem] = Field(default_factory=list)


class FieldProblem(BaseModel):
    field: str
    message: str


class Link(BaseModel):
    id: str | None = None
    href: str | None = Field(description="An absolute URL; null at either end of a list.")
    method: str = "GET"
    rel: str


class DefinitionFields(BaseModel):
    id: str
    name: str
    description: str
    requiredNumberOfCheckpoints: int
    checkpointAssignOnAmount: float | None = None
    expirationMonths: int | None
    isContactConsentRequired: bool
    isScheduled: bool
    scheduledFrom: datetime | None
    scheduledTo: datetime | None
    createdBy: str
    createdOn: datetime
    modifiedBy: str
    modifiedOn: datetime
    links: list[Link]


class DefinitionV3(DefinitionFields):
    checkpointAssignOn: int = Field(description="0 None (checkpoints come from the API).")
    status: int = Field(description="1 Active, 2 Draft, 3 Scheduled, 4 Ended.")


class DefinitionV2(DefinitionFields):
    checkpointAssignOn: Literal["None", "ReceiptTotal", "ReceiptLineQuantity", "ReceiptLineTotal"]
    status: Literal["Active", "Draft", "Scheduled", "Ended"]


class AssignmentFields(BaseModel):
    id: str = Field(description="The assignment's id (Voyado's challenge id).")
    challengeId: str = Field(description="The definition's id.")
    contactId: str
    challengeStart: datetime
    challengeEnd: datetime | None
    challengeCompletedOn: datetime | None
    completedCheckpoints: int
    requiredCheckpoints: int
    isActive: bool
    isChallengeCompleted: bool
    latestCheckpointAddedOn: datetime | None
    imageUrl: str | None = None
    links: list[Link]


class AssignmentV3(AssignmentFields):
    status: int = Field(description="0 Unknown, 1 Completed, 2 NotCompleted, 3 Active.")


class AssignmentV2(AssignmentFields):
    status: Literal["Unknown", "Completed", "NotCompleted", "Active"]


class PageFields(BaseModel):
    links: list[Link]
    count: int
    offset: int
    totalCount: int


class DefinitionPageV3(PageFields):
    items: list[DefinitionV3]


class DefinitionPageV2(PageFields):
    items: list[DefinitionV2]


class AssignmentPageV3(PageFields):
    items: list[AssignmentV3]


class AssignmentPageV2(PageFields):
    items: list[AssignmentV2]


Id = Annotated[str, Field(max_length=100, description="A UUID.")]


class CheckpointIn(BaseModel):
    definitionId: Id
    contactId: Id
    checkpointAmount: float = Field(allow_inf_nan=False)


class NotAcceptedRow(BaseModel):
    definitionId: str
    contactId: str
    checkpointAmount: float
    reason: str = Field(description="Why this row was skipped.")


class CheckpointAnswer(BaseModel):
    missingContactIds: list[str]
    missingDefinitionIds: list[str]
    notAccepted: list[NotAcceptedRow]


ErrorBody.model_rebuild()

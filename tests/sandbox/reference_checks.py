"""Reading Capillary's v3 OpenAPI document and checking an answer against what it documents.

The document is ReadMe's export: examples are JSON *text* (one has a trailing comma), and
response schemas are generated from the examples, so a `oneOf` of examples overlaps (every
answer fits both "Name is unique" and "Name is not unique") and is read as `anyOf`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

REFERENCE = Path(__file__).parent / "reference"
TRAILING_COMMA = re.compile(r",(\s*[}\]])")
METHODS = ("get", "post", "put", "delete", "patch")


@cache
def v3_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((REFERENCE / "v3.openapi.json").read_text())
    return document


@cache
def seed_003() -> dict[str, Any]:
    seed: dict[str, Any] = json.loads((REFERENCE / "seed_003.json").read_text())
    return seed


def operations() -> dict[str, dict[str, Any]]:
    """Every operation of the document by its operationId."""
    found = {}
    for ops in v3_document()["paths"].values():
        for method in METHODS:
            if method in ops:
                found[ops[method]["operationId"]] = ops[method]
    return found


def example_value(example: dict[str, Any]) -> Any:
    value = example["value"]
    if not isinstance(value, str):
        return value
    return json.loads(TRAILING_COMMA.sub(r"\1", value))


def request_example(operation_id: str, name: str) -> Any:
    content = operations()[operation_id]["requestBody"]["content"]["application/json"]
    return example_value(content["examples"][name])


def response_of(operation_id: str, status: str) -> dict[str, Any]:
    content: dict[str, Any] = operations()[operation_id]["responses"][status]["content"]
    return dict(content["application/json"])


def response_example(operation_id: str, status: str, name: str) -> Any:
    return example_value(response_of(operation_id, status)["examples"][name])


def schema_problems(operation_id: str, status: str, answer: Any) -> list[str]:
    """Where `answer` breaks the documented schema of that response, one line per field."""
    schema = response_of(operation_id, status)["schema"]
    branches = schema.get("oneOf") or schema.get("anyOf") or [schema]
    tried = [_problems(branch, answer) for branch in branches]
    if any(not problems for problems in tried):
        return []
    best = min(range(len(tried)), key=lambda index: len(tried[index]))
    title = branches[best].get("title")
    closest = f" (closest documented answer: {title!r})" if title and len(branches) > 1 else ""
    return [problem + closest for problem in tried[best]]


def _problems(schema: dict[str, Any], answer: Any) -> list[str]:
    validator = Draft202012Validator(_as_any_of(schema))
    return sorted(
        f"{_where(error.absolute_path)}: {_short(error.message)}"
        for error in validator.iter_errors(answer)
    )


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:150] + " … " + message[-60:]


def structure_problems(example: Any, answer: Any, *, optional: set[str], where: str = "") -> list:
    """Where `answer` lacks a field of `example` or holds another JSON type (null: any)."""
    if example is None:
        return []
    if isinstance(example, dict):
        if not isinstance(answer, dict):
            return [f"{where or '(root)'}: is {_kind(answer)}, the example has an object"]
        if example and all(key.isdigit() for key in example):  # a map keyed by ids
            first = next(iter(example.values()))
            return [
                problem
                for key, value in answer.items()
                for problem in structure_problems(first, value, optional=optional, where=where)
            ]
        problems = []
        for key, value in example.items():
            path = f"{where}.{key}" if where else key
            if key not in answer:
                if key not in optional:
                    problems.append(f"{path}: missing")
                continue
            problems += structure_problems(value, answer[key], optional=optional, where=path)
        return problems
    if isinstance(example, list):
        if not isinstance(answer, list):
            return [f"{where}: is {_kind(answer)}, the example has a list"]
        if not example:
            return []
        return [
            problem
            for index, item in enumerate(answer)
            for problem in structure_problems(
                example[0], item, optional=optional, where=f"{where}[{index}]"
            )
        ]
    if answer is not None and _kind(answer) != _kind(example):
        return [f"{where}: is {_kind(answer)} {answer!r}, the example has {_kind(example)}"]
    return []


def _as_any_of(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {("anyOf" if k == "oneOf" else k): _as_any_of(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_as_any_of(item) for item in schema]
    return schema


def _where(path: Any) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.lstrip(".") or "(root)"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a list" if isinstance(value, list) else "an object"

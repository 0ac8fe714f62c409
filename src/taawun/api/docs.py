"""The API documentation as plain HTML built from the OpenAPI schema: no script, nothing external."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str = ""


@dataclass
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    body: list[Parameter] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    tag: str
    title: Any = ""  # the record type's name, translated
    operations: list[Operation] = field(default_factory=list)
    fields: list[Parameter] = field(default_factory=list)  # the record as returned


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return components.get(ref.rsplit("/", 1)[-1], {})
    return schema


def describe(schema: dict, components: dict, depth: int = 0) -> str:
    """A short reading of a JSON schema: "integer", "date", "one of: a, b", "list of integer"."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = _resolve(schema, components)
        if depth < 1 and target.get("properties"):
            inner = ", ".join(
                f"{key}: {describe(value, components, depth + 1)}"
                for key, value in target["properties"].items()
            )
            return f"{name} {{{inner}}}"
        return name
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            parts = [describe(part, components, depth) for part in schema[combinator]]
            return " | ".join(dict.fromkeys(parts))
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + describe(schema.get("items", {}), components, depth)
    if schema.get("format") in {"date", "date-time", "time"}:
        return schema["format"]
    if kind == "object" and "additionalProperties" in schema:
        return "object of " + describe(schema["additionalProperties"], components, depth)
    return str(kind)


def _properties(schema: dict, components: dict) -> list[Parameter]:
    target = _resolve(schema, components)
    required = set(target.get("required", []))
    return [
        Parameter(
            name=name,
            where="body",
            required=name in required,
            kind=describe(value, components),
            description=value.get("description", ""),
        )
        for name, value in target.get("properties", {}).items()
    ]


def sections(openapi: dict) -> list[Section]:
    components = openapi.get("components", {}).get("schemas", {})
    by_tag: dict[str, Section] = {}
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            spec = item.get(method)
            if spec is None:
                continue
            tag = (spec.get("tags") or ["api"])[0]
            section = by_tag.setdefault(tag, Section(tag=tag))
            operation = Operation(
                method=method.upper(),
                path=path,
                operation_id=spec.get("operationId", ""),
                summary=spec.get("summary", ""),
                description=spec.get("description", ""),
            )
            for parameter in spec.get("parameters", []):
                operation.parameters.append(
                    Parameter(
                        name=parameter["name"],
                        where=parameter.get("in", ""),
                        required=bool(parameter.get("required")),
                        kind=describe(parameter.get("schema", {}), components),
                        description=parameter.get("description", ""),
                    )
                )
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                operation.body = _properties(body, components)
            for code, response in spec.get("responses", {}).items():
                status = str(code)  # ninja's schema has integer codes until it is serialized
                operation.responses.append((status, response.get("description", "")))
                content = response.get("content", {}).get("application/json", {}).get("schema")
                if status in {"200", "201"} and content and method == "get" and "{" in path:
                    section.fields = _properties(content, components)
            section.operations.append(operation)
    return list(by_tag.values())

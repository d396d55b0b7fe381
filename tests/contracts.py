"""Contract tests' one validator: a request we build, checked against the provider's own
published API description (OpenAPI 3 or Swagger 2).

``problems(description, method, url, headers, body)`` finds the operation by method and path
template and lists what the description would refuse: a path parameter off its pattern, a
missing auth scheme, a content type it does not consume, a required parameter or field
missing, and any query parameter, header or body field it does not know. Our own additions
fail too: a provider ignores what it does not know, so a field it does not list does nothing
(or worse, is taken for something else).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

PROVIDERS = Path(__file__).parent / "data" / "providers"

# Headers that carry the HTTP exchange itself, not the API's parameters.
TRANSPORT_HEADERS = {
    "accept",
    "accept-encoding",
    "authorization",
    "connection",
    "content-length",
    "content-type",
    "host",
    "user-agent",
}


@cache
def description(name: str) -> dict[str, Any]:
    """A trimmed provider description from tests/data/providers/."""
    return json.loads((PROVIDERS / name).read_text())


def problems(
    spec: dict[str, Any], method: str, url: str, headers: Mapping[str, str], body: bytes
) -> list[str]:
    """What the description refuses in this request; empty when it conforms."""
    parts = urlsplit(url)
    found = _operation(spec, method, parts.path)
    if isinstance(found, str):
        return [found]
    operation, template, path_values = found
    headers = {name.lower(): value for name, value in headers.items()}
    params = _parameters(spec, operation, template)
    return [
        *_path_problems(params, path_values),
        *_named_problems(params, "query", parse_qs(parts.query, keep_blank_values=True)),
        *_named_problems(params, "header", _api_headers(headers)),
        *_auth_problems(spec, operation, headers),
        *_body_problems(spec, operation, params, headers.get("content-type", ""), body),
    ]


def assert_conforms(spec: dict[str, Any], request: Any) -> None:
    """``request`` has method, headers, body and either a url or a path (a fake's request)."""
    url = getattr(request, "url", None) or request.path
    found = problems(spec, request.method, url, request.headers, request.body)
    assert not found, "; ".join(found)


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _base_path(spec: dict[str, Any], item: dict[str, Any]) -> str:
    if "swagger" in spec:
        return spec.get("basePath", "/").rstrip("/")
    servers = item.get("servers") or spec.get("servers") or [{"url": "/"}]
    return urlsplit(servers[0]["url"]).path.rstrip("/")


def _operation(spec: dict[str, Any], method: str, path: str) -> Any:
    """(operation, template, path values), or what went wrong as text."""
    for template, item in spec["paths"].items():
        pattern = re.escape(_base_path(spec, item) + template)
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", pattern)
        matched = re.fullmatch(pattern, path)
        if matched is None:
            continue
        if method.lower() not in item:
            return f"{method} is not an operation of {template}"
        return item[method.lower()], template, matched.groupdict()
    return f"no operation for the path {path}"


def _parameters(spec: dict[str, Any], operation: dict, template: str) -> list[dict]:
    item = spec["paths"][template]
    listed = [*item.get("parameters", []), *operation.get("parameters", [])]
    return [_resolve(spec, parameter) for parameter in listed]


def _path_problems(params: list[dict], values: dict[str, str]) -> list[str]:
    found = []
    for parameter in params:
        if parameter["in"] != "path":
            continue
        pattern = parameter.get("schema", parameter).get("pattern")
        if pattern and not re.search(pattern, values.get(parameter["name"], "")):
            found.append(f"path parameter {parameter['name']} does not match {pattern}")
    return found


def _named_problems(params: list[dict], place: str, sent: Mapping[str, object]) -> list[str]:
    declared = {p["name"].lower(): p for p in params if p["in"] == place}
    given = {name.lower() for name in sent}
    found = [f"unknown {place} {name}" for name in sent if name.lower() not in declared]
    found += [
        f"missing required {place} {p['name']}"
        for name, p in declared.items()
        if p.get("required") and name not in given
    ]
    return found


def _api_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name not in TRANSPORT_HEADERS}


def _auth_problems(spec: dict[str, Any], operation: dict, headers: dict[str, str]) -> list[str]:
    requirements = operation.get("security", spec.get("security", []))
    schemes = spec.get("components", {}).get("securitySchemes") or spec.get(
        "securityDefinitions", {}
    )
    if not requirements:
        return ["an Authorization it does not ask for"] if "authorization" in headers else []
    for requirement in requirements:
        if all(_authorized(schemes[name], headers) for name in requirement):
            return []
    return [f"none of the auth schemes {requirements} is met"]


def _authorized(scheme: dict[str, Any], headers: dict[str, str]) -> bool:
    if scheme["type"] == "apiKey":
        return scheme["in"] != "header" or scheme["name"].lower() in headers
    kind = "basic" if scheme["type"] == "basic" else scheme.get("scheme", "").lower()
    given, _, credentials = headers.get("authorization", "").partition(" ")
    if given.lower() != kind:
        return False
    if kind != "basic":
        return bool(credentials)
    try:
        return ":" in base64.b64decode(credentials, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False


def _body_problems(
    spec: dict[str, Any], operation: dict, params: list[dict], content_type: str, body: bytes
) -> list[str]:
    media = content_type.split(";")[0].strip().lower()
    accepted, schema = _body_schema(spec, operation, params)
    if not body:
        return ["a required body is missing"] if schema.get("required_body") else []
    if media not in accepted:
        return [f"content type {media or 'none'} is not one of {sorted(accepted)}"]
    if media == "application/json":
        sent: Any = json.loads(body)
    else:
        sent = parse_qs(body.decode(), keep_blank_values=True)
    return _field_problems(spec, schema, sent, from_form=media != "application/json")


def _body_schema(spec: dict[str, Any], operation: dict, params: list[dict]) -> tuple[set, dict]:
    """The media types the operation takes and the schema of its body."""
    if "requestBody" in operation:
        request_body = _resolve(spec, operation["requestBody"])
        content = request_body["content"]
        schema = _resolve(spec, next(iter(content.values())).get("schema", {}))
        return set(content), {**schema, "required_body": request_body.get("required", False)}
    consumes = set(operation.get("consumes", spec.get("consumes", ["application/json"])))
    for parameter in params:
        if parameter["in"] == "body":
            schema = _resolve(spec, parameter["schema"])
            return consumes, {**schema, "required_body": parameter.get("required", False)}
    fields = {p["name"]: p for p in params if p["in"] == "formData"}
    required = [name for name, p in fields.items() if p.get("required")]
    return consumes, {"type": "object", "properties": fields, "required": required}


def _field_problems(spec: dict[str, Any], schema: dict, sent: Any, from_form: bool) -> list[str]:
    if not isinstance(sent, dict):
        return ["the body is not an object"]
    known = schema.get("properties", {})
    found = [
        f"missing required field {name}" for name in schema.get("required", []) if name not in sent
    ]
    for name, value in sent.items():
        if name not in known:
            if not schema.get("additionalProperties"):
                found.append(f"unknown field {name}")
            continue
        field = _resolve(spec, known[name])
        values = value if from_form else [value]
        if from_form and len(values) > 1 and field.get("type") != "array":
            found.append(f"field {name} is sent {len(values)} times")
        found += [
            f"field {name}: {value!r} is not {field.get('type')}"
            for value in values
            if not _typed(field, value, from_form)
        ]
    return found


def _typed(field: dict, value: Any, from_form: bool) -> bool:
    """Whether ``value`` has the field's type; a form carries every value as text."""
    kind = field.get("type")
    if from_form:
        checks = {"integer": r"-?\d+", "number": r"-?\d+(\.\d+)?", "boolean": "true|false"}
        return kind not in checks or re.fullmatch(checks[kind], value) is not None
    types = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
        "object": dict,
    }
    return kind not in types or isinstance(value, types[kind])

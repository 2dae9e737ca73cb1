"""The API's operations and their OpenAPI 3.1 document, built from the pydantic models the views use.

Each view is registered with `operation(...)`: its query, body and response models. The same models
validate the request (a bad parameter is a 400 naming it) and shape the response, and the OpenAPI document
is generated from them (pydantic's JSON Schema is the 2020-12 dialect OpenAPI 3.1 uses). Nothing in the
document is written by hand, so it cannot drift from what the code accepts and answers.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Callable, get_args, get_origin

from flask import Blueprint, request
from pydantic import BaseModel, ValidationError as PydanticError
from pydantic.json_schema import models_json_schema

from ... import text_hygiene
from .problems import Problem, ProblemResponse, bad_request

REF = "#/components/schemas/{model}"
MULTILINE_FIELDS = frozenset({"tekst", "stand_van_zaken", "toelichting", "reden"})  # the other texts are one line
ERROR_TEXTS = {400: "Ongeldig verzoek (de parameter of het veld staat in `errors`)", 401: "Geen of een ongeldig token",
               403: "Deze rol mag dit niet", 404: "Bestaat niet", 409: "Kan in deze toestand niet",
               412: "Het item is intussen gewijzigd (If-Match verouderd); er is niets gewijzigd",
               422: "De invoer breekt een regel; er is niets gewijzigd", 428: "If-Match ontbreekt",
               429: "Te veel verzoeken; zie Retry-After"}


@dataclass
class Operation:
    method: str
    rule: str  # the Flask rule, e.g. /items/<int:item_id>
    view: Callable
    summary: str
    tag: str
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    responses: dict[int, tuple[Any, str]] = field(default_factory=dict)  # status -> (model or None, description)
    errors: tuple[int, ...] = ()
    if_match: bool = False
    headers: dict[int, dict] = field(default_factory=dict)  # status -> response headers (OpenAPI objects)


class Spec:
    def __init__(self, title: str, version: str, description: str):
        self.title, self.version, self.description = title, version, description
        self.operations: list[Operation] = []

    def operation(self, bp: Blueprint, method: str, rule: str, *, summary: str, tag: str,
                  query: type[BaseModel] | None = None, body: type[BaseModel] | None = None,
                  responses: dict[int, tuple[Any, str]], errors: tuple[int, ...] = (), if_match: bool = False,
                  headers: dict[int, dict] | None = None):
        """Register a view: parse and validate its query and JSON body into the models (passed as `query`
        and `body`), and describe it in the OpenAPI document."""
        def decorate(view: Callable) -> Callable:
            wants = inspect.signature(view).parameters

            @wraps(view)
            def wrapper(**kwargs):
                if query is not None:
                    kwargs["query"] = _parse_query(query)
                if body is not None:
                    kwargs["body"] = _parse_body(body)
                return view(**{k: v for k, v in kwargs.items() if k in wants})

            self.operations.append(Operation(method, rule, view, summary, tag, query, body, responses,
                                             (401, 429) + tuple(errors) + ((400,) if query or body else ()),
                                             if_match, headers or {}))
            bp.add_url_rule(rule, endpoint=view.__name__, view_func=wrapper, methods=[method])
            return wrapper
        return decorate

    def document(self, base: str) -> dict:
        """The OpenAPI 3.1 document of every registered operation."""
        models = {Problem, ProblemResponse}
        for op in self.operations:
            models.update(m for m in (op.query, op.body) if m is not None)
            models.update(m for m, _ in op.responses.values() if isinstance(m, type) and issubclass(m, BaseModel))
            models.update(_list_model(m) for m, _ in op.responses.values() if _list_model(m))
        ordered = sorted(models, key=lambda m: m.__name__)
        _, schemas = models_json_schema([(m, "serialization") for m in ordered], ref_template=REF)
        paths: dict[str, dict] = {}
        for op in self.operations:
            path, parameters = _path_and_parameters(op)
            paths.setdefault(path, {})[op.method.lower()] = _operation_object(op, parameters)
        return {
            "openapi": "3.1.0",
            "info": {"title": self.title, "version": self.version, "description": self.description},
            "servers": [{"url": base}],
            "security": [{"bearer": []}],
            "paths": paths,
            "components": {"schemas": schemas.get("$defs", {}),
                           "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                          "description": "Een token van `tracker api-token NAAM` of "
                                                                         "Mijn instellingen → API-tokens."}}},
        }


def _list_model(model) -> type[BaseModel] | None:
    args = getattr(model, "__args__", None)
    return args[0] if args and isinstance(args[0], type) and issubclass(args[0], BaseModel) else None


def _schema_of(model) -> dict:
    if model is None:
        return {}
    inner = _list_model(model)
    if inner is not None:
        return {"type": "array", "items": {"$ref": REF.format(model=inner.__name__)}}
    return {"$ref": REF.format(model=model.__name__)}


_PATH_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path_and_parameters(op: Operation) -> tuple[str, list[dict]]:
    parameters = []
    for converter, name in _PATH_PARAM.findall(op.rule):
        schema = ({"type": "integer", "minimum": 1, "maximum": 2**31 - 1} if converter == "int" else {"type": "string"})
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    path = _PATH_PARAM.sub(lambda m: "{" + m.group(2) + "}", op.rule)
    if op.query is not None:
        schema = op.query.model_json_schema(ref_template=REF)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            description = prop.pop("description", None)
            deprecated = prop.pop("deprecated", False)  # an old name that still works: said on the parameter
            parameter = {"name": name, "in": "query", "required": name in required, "schema": _query_schema(prop)}
            if deprecated:
                parameter["deprecated"] = True
            if parameter["schema"].get("type") == "array":
                parameter.update(style="form", explode=True)  # ?soort=motie&soort=toezegging
            if description:
                parameter["description"] = description
            parameters.append(parameter)
    if op.if_match:
        parameters.append({"name": "If-Match", "in": "header", "required": True,
                           "description": "De versie van het item zoals gelezen (de ETag, met of zonder aanhalingstekens).",
                           "schema": {"type": "string", "pattern": r'^(W/)?"?\d{1,9}"?$'}})
    return path, parameters


def _query_schema(prop: dict) -> dict:
    """A query parameter is absent or a value, never null: drop pydantic's `anyOf [..., null]` and `default: null`."""
    prop = dict(prop)
    prop.pop("title", None)
    if "anyOf" in prop:
        options = [o for o in prop.pop("anyOf") if o.get("type") != "null"]
        if len(options) == 1:
            prop = {**options[0], **prop}
        else:
            prop["anyOf"] = options
    if prop.get("default", 0) is None:
        prop.pop("default")
    return prop


def _operation_object(op: Operation, parameters: list[dict]) -> dict:
    responses = {}
    for status, (model, description) in op.responses.items():
        response = {"description": description}
        if model is not None:
            response["content"] = {"application/json": {"schema": _schema_of(model)}}
        if status in op.headers:
            response["headers"] = op.headers[status]
        responses[str(status)] = response
    for status in sorted(set(op.errors) | ({412, 428} if op.if_match else set())):
        responses[str(status)] = {"description": ERROR_TEXTS[status], "content": {
            "application/problem+json": {"schema": {"$ref": REF.format(model="ProblemResponse")}}}}
        if status == 429:
            responses[str(status)]["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                                 "description": "Seconden tot een nieuw verzoek mag."}}
    obj = {"operationId": op.view.__name__, "summary": op.summary, "tags": [op.tag], "responses": responses}
    doc = inspect.getdoc(op.view)
    if doc:
        obj["description"] = doc
    if parameters:
        obj["parameters"] = parameters
    if op.body is not None:
        obj["requestBody"] = {"required": True, "content": {"application/json": {"schema": _schema_of(op.body)}}}
    return obj


def _parse_query(model: type[BaseModel]) -> BaseModel:
    known = set(model.model_fields)
    unknown = sorted(set(request.args) - known)
    if unknown:
        raise bad_request(f"onbekende parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
                          [Problem(parameter=name, detail="onbekende parameter") for name in unknown])
    values = {}
    for name in known & set(request.args):
        many = request.args.getlist(name)
        values[name] = many if _is_list(model, name) else many[-1]
    try:
        return model.model_validate(values)
    except PydanticError as error:
        raise bad_request("een of meer parameters zijn ongeldig", _problems(error, "parameter")) from None


def _is_list(model: type[BaseModel], name: str) -> bool:
    """A parameter that may repeat (?soort=a&soort=b): its type is a list, perhaps optional."""
    annotation = model.model_fields[name].annotation
    return any(get_origin(t) is list for t in (annotation, *get_args(annotation)))


MAX_BODY = 2 << 20  # bytes of JSON in a write: an item's longest texts are 100,000 characters each


def _parse_body(model: type[BaseModel]) -> BaseModel:
    # The size is bounded before parsing; nesting deeper than the JSON parser's recursion limit (a body of
    # 100,000 "[") raised RecursionError, a 500: now a 400 that says so. Each way a body fails gets its own words.
    if request.content_length is not None and request.content_length > MAX_BODY or \
            len(request.get_data(cache=True)) > MAX_BODY:
        raise bad_request(f"de body is groter dan {MAX_BODY >> 20} MB", [Problem(field="body", detail="te groot")])
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise bad_request("de body is te diep genest om als JSON te lezen",
                          [Problem(field="body", detail="te diep genest")]) from None
    if data is None and request.is_json and request.get_data(cache=True).strip():
        raise bad_request("de body is geen geldige JSON", [Problem(field="body", detail="geen geldige JSON")])
    if not isinstance(data, dict):
        raise bad_request("de body is geen JSON-object (Content-Type: application/json)",
                          [Problem(field="body", detail="verwacht een JSON-object")])
    # what is no text (a NUL, ESC, …; a line break in a one-line field) is refused here, as on the forms
    not_text = [Problem(field=name, detail=wrong) for name, value in data.items() if isinstance(value, str)
                and (wrong := text_hygiene.problem(value, multiline=name in MULTILINE_FIELDS))]
    if not_text:
        raise bad_request(f"{', '.join(p.field for p in not_text)}: geen geldige tekst", not_text)
    try:
        return model.model_validate(data)
    except PydanticError as error:
        raise bad_request("een of meer velden zijn ongeldig", _problems(error, "field")) from None


def _problems(error: PydanticError, kind: str) -> list[Problem]:
    found = []
    for e in error.errors(include_url=False):
        where = ".".join(str(part) for part in e["loc"]) or "body"
        found.append(Problem(**{kind: where}, detail=_dutch(e)))
    return found


_MESSAGES = {"missing": "ontbreekt", "extra_forbidden": "onbekend veld", "int_parsing": "geen geheel getal",
             "date_from_datetime_parsing": "geen datum (JJJJ-MM-DD)", "date_parsing": "geen datum (JJJJ-MM-DD)",
             "datetime_parsing": "geen tijdstip (ISO 8601)", "datetime_from_date_parsing": "geen tijdstip (ISO 8601)",
             "string_too_long": "te lang", "string_too_short": "te kort", "literal_error": "geen toegestane waarde",
             "greater_than_equal": "te klein", "less_than_equal": "te groot", "string_type": "geen tekst",
             "int_type": "geen geheel getal", "bool_parsing": "geen ja/nee (true/false)",
             "date_type": "geen datum (JJJJ-MM-DD)", "url_parsing": "geen geldige link", "url_scheme": "alleen http(s)"}


def _dutch(error: dict) -> str:
    text = _MESSAGES.get(error["type"])
    if error["type"] == "literal_error":
        return f"{text}; toegestaan: {error.get('ctx', {}).get('expected', '')}"
    if error["type"] == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return text or error["msg"]

"""A check of the xAPI 1.0.3 statements Tutor writes, for the fields it writes, before any is sent.

Not a full xAPI validator: it knows the shapes `statements` produces (an agent with an
account or mbox, the answered and voided verbs, an interaction activity or a statement
reference, a result, a context) and the rules an LRS holds them to, among them the
strict ones an LRS may not enforce: no empty values outside extensions, IRIs where
IRIs go, component ids without spaces and unique, a score within -1..1, ISO 8601
times and durations.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

INTERACTION_TYPES = frozenset({
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert",
    "numeric", "other",
})  # fmt: skip
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DURATION = re.compile(r"P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?")
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_EMAIL = re.compile(r"mailto:[^@\s]+@[^@\s]+")


def problems(statement: dict[str, Any]) -> list[str]:
    """What is wrong with the statement, one line each (empty when it may be sent)."""
    found: list[str] = []
    _no_empty_values(statement, "", found)
    if not isinstance(statement.get("id"), str) or not _UUID.fullmatch(statement["id"]):
        found.append(f"id: {statement.get('id')!r} is not a UUID")
    _agent(statement.get("actor"), "actor", found)
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not is_iri(verb.get("id")):
        found.append("verb.id: not an IRI")
    elif "display" in verb:
        _language_map(verb["display"], "verb.display", found)
    target = statement.get("object")
    is_activity = isinstance(target, dict) and target.get("objectType", "Activity") == "Activity"
    if is_activity:
        _activity(target, "object", found)
    elif isinstance(target, dict) and target.get("objectType") == "StatementRef":
        if not isinstance(target.get("id"), str) or not _UUID.fullmatch(target["id"]):
            found.append("object.id: a StatementRef names a statement by its UUID")
    else:
        found.append("object: neither an Activity nor a StatementRef")
    if "result" in statement:
        _result(statement["result"], found)
    if "context" in statement:
        _context(statement["context"], is_activity, found)
    if "timestamp" in statement and not (isinstance(statement["timestamp"], str)
                                         and _TIMESTAMP.fullmatch(statement["timestamp"])):  # fmt: skip
        found.append("timestamp: not an ISO 8601 time with its zone")
    return found


def _no_empty_values(value: Any, at: str, found: list[str]) -> None:
    """xAPI: no empty strings, objects or nulls, except inside extensions."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{at}.{key}" if at else key
            if item is None or item == "" or item == {}:
                found.append(f"{where}: empty")
            elif key != "extensions":
                _no_empty_values(item, where, found)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _no_empty_values(item, f"{at}[{n}]", found)


def is_iri(value: Any) -> bool:
    if not isinstance(value, str) or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


def _language_map(value: Any, at: str, found: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        found.append(f"{at}: not a language map")
        return
    for tag, text in value.items():
        if not _LANGUAGE.fullmatch(str(tag)) or not isinstance(text, str) or not text:
            found.append(f"{at}: {tag!r} is not a language tag with a text")


def _agent(agent: Any, at: str, found: list[str]) -> None:
    if not isinstance(agent, dict) or agent.get("objectType", "Agent") != "Agent":
        found.append(f"{at}: not an Agent")
        return
    identifiers = [key for key in ("mbox", "mbox_sha1sum", "openid", "account") if key in agent]
    if len(identifiers) != 1:
        found.append(f"{at}: an agent has exactly one identifier, not {identifiers or 'none'}")
    if "mbox" in agent and not (isinstance(agent["mbox"], str) and _EMAIL.fullmatch(agent["mbox"])):
        found.append(f"{at}.mbox: not a mailto: address")
    if "account" in agent:
        account = agent["account"]
        if not isinstance(account, dict) or not is_iri(account.get("homePage")):
            found.append(f"{at}.account.homePage: not an IRI")
        elif not isinstance(account.get("name"), str) or not account["name"]:
            found.append(f"{at}.account.name: empty")
    if "name" in agent and not isinstance(agent["name"], str):
        found.append(f"{at}.name: not a string")


def _activity(activity: dict[str, Any], at: str, found: list[str]) -> None:
    if not is_iri(activity.get("id")):
        found.append(f"{at}.id: not an IRI")
    definition = activity.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        found.append(f"{at}.definition: not an object")
        return
    if "type" in definition and not is_iri(definition["type"]):
        found.append(f"{at}.definition.type: not an IRI")
    for name in ("name", "description"):
        if name in definition:
            _language_map(definition[name], f"{at}.definition.{name}", found)
    kind = definition.get("interactionType")
    if kind is None:
        if any(key in definition for key in ("correctResponsesPattern", *COMPONENT_LISTS)):
            found.append(f"{at}.definition: interaction fields without an interactionType")
        return
    if kind not in INTERACTION_TYPES:
        found.append(f"{at}.definition.interactionType: {kind!r} is not an xAPI interaction type")
    pattern = definition.get("correctResponsesPattern", [])
    if not isinstance(pattern, list) or not all(isinstance(p, str) and p for p in pattern):
        found.append(f"{at}.definition.correctResponsesPattern: not a list of responses")
    for name in COMPONENT_LISTS:
        if name not in definition:
            continue
        components = definition[name]
        where = f"{at}.definition.{name}"
        if not isinstance(components, list):
            found.append(f"{where}: not a list")
            continue
        ids = [c.get("id") if isinstance(c, dict) else None for c in components]
        if not all(isinstance(i, str) and i and not re.search(r"\s", i) for i in ids):
            found.append(f"{where}: a component id is empty or has spaces")
        if len(set(map(str, ids))) != len(ids):
            found.append(f"{where}: component ids repeat")
        for n, component in enumerate(components):
            if isinstance(component, dict) and "description" in component:
                _language_map(component["description"], f"{where}[{n}].description", found)


def _result(result: Any, found: list[str]) -> None:
    if not isinstance(result, dict):
        found.append("result: not an object")
        return
    score = result.get("score", {})
    scaled = score.get("scaled") if isinstance(score, dict) else None
    if scaled is not None and (isinstance(scaled, bool) or not isinstance(scaled, (int, float))
                               or not -1 <= scaled <= 1):  # fmt: skip
        found.append("result.score.scaled: not a number from -1 to 1")
    for flag in ("success", "completion"):
        if flag in result and not isinstance(result[flag], bool):
            found.append(f"result.{flag}: not true or false")
    if "response" in result and not isinstance(result["response"], str):
        found.append("result.response: not a string")
    if "duration" in result and not (isinstance(result["duration"], str) and _DURATION.fullmatch(result["duration"])):
        found.append("result.duration: not an ISO 8601 duration")
    for key in result.get("extensions", {}):
        if not is_iri(key):
            found.append(f"result.extensions: {key!r} is not an IRI")


def _context(context: Any, is_activity: bool, found: list[str]) -> None:
    if not isinstance(context, dict):
        found.append("context: not an object")
        return
    if not is_activity and ("platform" in context or "revision" in context):
        found.append("context: platform and revision are for statements about an activity")
    for name in ("platform", "revision"):
        if name in context and not isinstance(context[name], str):
            found.append(f"context.{name}: not a string")
    for kind, activities in context.get("contextActivities", {}).items():
        for n, activity in enumerate(activities if isinstance(activities, list) else [activities]):
            if isinstance(activity, dict):
                _activity(activity, f"context.contextActivities.{kind}[{n}]", found)
            else:
                found.append(f"context.contextActivities.{kind}[{n}]: not an activity")

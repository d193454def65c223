"""Saved documents (``.jsswhatif``): a versioned JSON file, migrated on load, saved atomically.

The file is one JSON object: ``"format": "jsswhatif"``, an integer ``"version"``, then the
fields of :class:`~jsswhatif.core.document.Document` in the model's field order, as
``Document.model_dump(mode="json")`` gives them: dates ISO, amounts and ratings as decimal
strings (``"1800.00"``, exact), empty fields ``null``. Every field is written, defaults
included, so that a later change of a default never changes what an old file means; the one
exception is a contract's ``payments``, written only when there are some (an absent list can
only mean "none", and most contracts have none, so files stay small)::

    {
      "format": "jsswhatif",
      "version": 2,
      "contracts": [{"id": "c1", "client": "Acme", ..., "earnings": "1800.00", ...,
                     "payments": [{"date": "2026-01-09", "amount": "1800.00"}]}],
      "scenarios": [{"name": "Ends in May", "overrides": {"c1": {"end": "2026-05-31"}},
                     "added": []}],
      "rule_sets": [],
      "rules_name": "upwork-2024-09",
      "as_of": "2026-09-17",
      ...
    }

Versions: a file of version v < :data:`CURRENT_VERSION` goes through ``MIGRATIONS[v]``, then
``MIGRATIONS[v + 1]``, ... up to the current version; each step takes and returns the
document fields (without ``format`` and ``version``). A newer version is refused. Migration
lives here, not in the core model, so that the core knows nothing about files. Bump the
version whenever what is written changes (a new field too: an older jsswhatif would refuse
it as unknown), add the step, and keep a fixture file of the old version in the tests.

Version history:

1. The first format.
2. Contracts may carry ``payments`` (scoring model version 2, section 1). Rule sets have
   ``interim_feedback`` and ``flagged_client``; a version-1 custom rule set gets the values
   that version 1 of the model meant (``counts`` and ``drop_all``), so it keeps its meaning.
   The presets changed in version 2 by specification: a document using one uses the new one.

Every problem with a file is one :class:`DocumentError` whose one-line message names the file
and the problem; :func:`load_document` raises nothing else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from jsswhatif.core.contracts import (
    Contract,
    ContractError,
    check_unique_ids,
    contract_from_json,
    make_contract,
)
from jsswhatif.core.document import Document
from jsswhatif.core.domain import bound_problem
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.encoding import MAX_FILE_BYTES, TextFileError, read_bytes_capped
from jsswhatif.io.errors import DocumentFileError, shown_path

FORMAT_NAME = "jsswhatif"
CURRENT_VERSION = 2

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: What version 1 of the scoring model meant by the rule-set parameters that version 2 added.
_V1_RULE_MEANING: dict[str, str] = {"interim_feedback": "counts", "flagged_client": "drop_all"}


def _v1_to_v2(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: custom rule sets keep version 1's meaning of the new parameters.

    Contracts need nothing: without payments a contract means what it meant in version 1.
    Anything that is not a list of objects is left for validation to report.
    """
    rule_sets = fields.get("rule_sets")
    if not isinstance(rule_sets, list):
        return fields
    migrated = [
        {**_V1_RULE_MEANING, **rule_set} if isinstance(rule_set, dict) else rule_set
        for rule_set in rule_sets
    ]
    return {**fields, "rule_sets": migrated}


#: ``MIGRATIONS[v]`` turns the fields of a version-v file into those of version v + 1.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN_CHARS = 60


class DocumentError(DocumentFileError):
    """A file is not a document this version of jsswhatif can open.

    Attributes:
        source: The file (or text) as named in the message.
        problem: What is wrong, in words, without the source.
        path: The file, when the document was read from one.
    """

    def __init__(self, source: str, problem: str, path: Path | None = None) -> None:
        self.source = source
        self.problem = problem
        self.path = path
        super().__init__(f"{source}: {problem}")


# Writing -------------------------------------------------------------------------------------


def document_to_json(document: Document) -> str:
    """The file text of ``document``: pretty JSON (2-space indent), stable order, final newline.

    Non-ASCII text is written as is (UTF-8); a lone surrogate, which UTF-8 cannot hold, is
    written as its ``\\uXXXX`` escape, so every document can be saved and reads back equal.

    Raises:
        ValueError: A scenario override holds a NaN or infinite float (not valid JSON).
    """
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": CURRENT_VERSION}
    data |= document.model_dump(mode="json")
    for contract in _dumped_contracts(data):
        if not contract["payments"]:
            del contract["payments"]
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")  # much faster than searching: surrogates are rare
    except UnicodeEncodeError:
        # Outside string literals JSON text is ASCII, so a surrogate can only sit inside a
        # string, where its escape means the same character.
        text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text + "\n"


def _dumped_contracts(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every contract of a dumped document: the baseline, then each scenario's added ones."""
    added = [contract for scenario in data["scenarios"] for contract in scenario["added"]]
    return [*data["contracts"], *added]


def save_document(path: Path, document: Document, *, private: bool = False) -> None:
    """Save ``document`` to ``path`` atomically: afterwards the file is the old one or the new.

    Through a symbolic link the link's target is saved; see
    :func:`~jsswhatif.io.atomic.write_atomic`, which also says what ``private`` does (an
    autosave holds the user's contracts: owner-only).

    Raises:
        OSError: The folder cannot be written, or the file is read-only
            (:class:`~jsswhatif.io.atomic.ReadOnlyFileError`); the old file is left as it was.
        ValueError: See :func:`document_to_json`; nothing is written.
    """
    write_atomic(path, document_to_json(document), private=private)


# Reading -------------------------------------------------------------------------------------


def load_document(path: Path) -> Document:
    """Open a saved document, migrating an older format version.

    Raises:
        DocumentError: For every problem (unreadable file, no regular file, larger than
            :data:`~jsswhatif.io.encoding.MAX_FILE_BYTES`, not UTF-8, not JSON, not a jsswhatif
            document, a newer or unknown version, an invalid field); its message starts with
            the file name, control characters escaped. No other exception escapes.
    """
    source = shown_path(path)
    try:
        data = read_bytes_capped(path, MAX_FILE_BYTES)
    except TextFileError as exc:
        raise DocumentError(source, exc.problem, path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = (
            f"is not a jsswhatif document: not UTF-8 text "
            f"(byte {data[exc.start]:#04x} at offset {exc.start})"
        )
        raise DocumentError(source, problem, path) from None
    try:
        return document_from_json(text, source)
    except DocumentError as exc:
        exc.path = path
        raise


def document_from_json(text: str, source: str = "<text>") -> Document:
    """The document saved as ``text`` (the whole file), migrated to the current version.

    Args:
        text: The file's text.
        source: How messages name the text, usually the file name.

    Raises:
        DocumentError: The text is not a valid document of a version this code reads.
    """
    try:
        fields = _migrated(_document_object(text, source), source)
        return _validated(fields, source)
    except DocumentError:
        raise
    except Exception as exc:  # a bug of ours must not crash opening a file: report it
        problem = f"cannot be opened ({type(exc).__name__}: {_one_line(exc)})"
        raise DocumentError(source, _shortened(problem, 200)) from None


def _document_object(text: str, source: str) -> dict[str, Any]:
    """The top-level JSON object, checked to be a jsswhatif document (format, version)."""
    if not text.strip():
        raise DocumentError(source, "is empty (not a jsswhatif document)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        raise DocumentError(source, problem) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise DocumentError(source, f"is not valid JSON ({exc})") from None
    except RecursionError:
        raise DocumentError(source, "is not a jsswhatif document (nested too deeply)") from None
    if not isinstance(data, dict):
        kind = _json_kind(data)
        raise DocumentError(source, f"is not a jsswhatif document (it is a JSON {kind})")
    if "format" not in data:
        raise DocumentError(source, 'is not a jsswhatif document (no "format" key)')
    if data["format"] != FORMAT_NAME:
        shown = _shown(data["format"])
        problem = f'is not a jsswhatif document ("format" is {shown}, not "{FORMAT_NAME}")'
        raise DocumentError(source, problem)
    return data


def _migrated(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The document fields of ``data``, brought up to :data:`CURRENT_VERSION` step by step."""
    if "version" not in data:
        raise DocumentError(source, 'has no format version (no "version" key)')
    version = data["version"]
    if type(version) is not int:
        problem = f"has an invalid format version {_shown(version)} (not a whole number)"
        raise DocumentError(source, problem)
    if version > CURRENT_VERSION:
        problem = (
            f"was saved by a newer jsswhatif (format version {_shortened(str(version))}; "
            f"this version reads up to {CURRENT_VERSION})"
        )
        raise DocumentError(source, problem)
    fields = {key: value for key, value in data.items() if key not in ("format", "version")}
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            oldest = min(MIGRATIONS, default=CURRENT_VERSION)
            problem = (
                f"has an unknown format version {_shortened(str(version))} "
                f"(this version reads {oldest} to {CURRENT_VERSION})"
            )
            raise DocumentError(source, problem)
        try:
            fields = step(fields)
        except Exception as exc:  # an old file may hold anything a step does not expect
            problem = f"cannot be upgraded from format version {version} ({_one_line(exc)})"
            raise DocumentError(source, _shortened(problem, 200)) from None
        version += 1
    return fields


def _validated(fields: dict[str, Any], source: str) -> Document:
    """Build the document, reporting the first problem in the file's terms.

    Every contract is validated once, by :func:`_checked_contracts` (for its messages); the
    document then takes those contracts as they are (pydantic does not validate a model
    instance again), which halves the time to open a document of 10,000 contracts. The
    baseline, when all of it was checked (ids unique too), joins the document after its
    validation: pydantic would still run each contract's after-validator again (10 ms at
    10,000 contracts).
    """
    fields = _checked_contracts(fields, source)
    _check_unique_names(fields, source)
    contracts = fields.get("contracts")
    try:
        if isinstance(contracts, list) and all(type(c) is Contract for c in contracts):
            document = Document.model_validate({**fields, "contracts": ()})
            document = document.model_copy(update={"contracts": tuple(contracts)})
        else:
            document = Document.model_validate(fields)
    except ValidationError as exc:
        raise DocumentError(source, _describe(exc.errors()[0], fields)) from None
    for scenario in document.scenarios:
        try:
            scenario.apply(document.contracts)
        except ContractError as exc:
            raise DocumentError(source, f"scenario {scenario.name!r}: {exc}") from None
    return document


def _checked_contracts(fields: Mapping[str, Any], source: str) -> dict[str, Any]:
    """``fields`` with the baseline and added contracts validated (by make_contract, for its
    exact messages) and in place of their JSON objects.

    A list holding something else than JSON objects is left as it is, for the model to
    report in its terms.
    """
    checked = dict(fields)
    baseline = _contracts_of(fields.get("contracts"), "", source)
    if _same_length(fields.get("contracts"), baseline):
        checked["contracts"] = baseline
    scenarios = fields.get("scenarios")
    if not isinstance(scenarios, list):
        return checked
    checked["scenarios"] = [
        _checked_scenario(scenario, baseline, source) if isinstance(scenario, dict) else scenario
        for scenario in scenarios
    ]
    return checked


def _checked_scenario(
    scenario: dict[str, Any], baseline: list[Contract], source: str
) -> dict[str, Any]:
    """``scenario`` with its added contracts validated and in place (see above)."""
    name = scenario.get("name")
    where = f"scenario {name!r}: " if isinstance(name, str) else "a scenario: "
    added = _contracts_of(scenario.get("added"), where, source)
    try:
        check_unique_ids(baseline + added)
    except ContractError as exc:
        raise DocumentError(source, f"{where}adds {exc}") from None
    if _same_length(scenario.get("added"), added):
        return {**scenario, "added": added}
    return scenario


def _same_length(items: object, contracts: list[Contract]) -> bool:
    """Whether ``contracts`` are all of ``items`` (a list of JSON objects only)."""
    return isinstance(items, list) and len(items) == len(contracts)


def _contracts_of(items: object, where: str, source: str) -> list[Contract]:
    """The valid contracts among ``items`` (others are left to the model's messages).

    Each is made by :func:`~jsswhatif.core.contracts.contract_from_json` when it is in the
    plain form a saved document holds (twice as fast), else by ``make_contract``.
    """
    contracts = []
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(item, dict):
            continue
        plain = contract_from_json(item)
        if plain is not None:
            contracts.append(plain)
            continue
        try:
            contracts.append(make_contract(**item))
        except ContractError as exc:
            problem = str(exc)
            if not exc.contract_id:  # "contract '': id (empty) is required" reads badly
                problem = f"contract number {number}: {exc.field} {exc.problem}"
            raise DocumentError(source, f"{where}{problem}") from None
    try:
        check_unique_ids(contracts)
    except ContractError as exc:
        raise DocumentError(source, f"{where}{exc}") from None
    return contracts


def _check_unique_names(fields: Mapping[str, Any], source: str) -> None:
    for key, what in (("scenarios", "scenario"), ("rule_sets", "custom rule set")):
        items = fields.get(key)
        seen: set[str] = set()
        for item in items if isinstance(items, list) else []:
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str):
                if name in seen:
                    problem = f"{what} name {name!r} is used twice ({what} names must be unique)"
                    raise DocumentError(source, problem)
                seen.add(name)


_ITEM_NAMES = {
    "contracts": "contract",
    "scenarios": "scenario",
    "rule_sets": "rule set",
    "observations": "observation",
}


#: Plainer words for pydantic's type errors, in JSON's terms.
_TYPE_MESSAGES = {
    "model_type": "must be a JSON object",
    "dict_type": "must be a JSON object",
    "tuple_type": "must be a JSON array",
    "list_type": "must be a JSON array",
}
_UNION_TAGS = {"str", "int", "float", "bool", "none"}
_SCALAR_MESSAGE = "must be a text, a number, true, false or null"


def _describe(error: ErrorDetails, fields: Mapping[str, Any]) -> str:
    """One pydantic error in words: which item, which field, what is wrong, the value."""
    original = error.get("ctx", {}).get("error")
    message = str(original) if isinstance(original, Exception) else str(error["msg"])
    message = bound_problem(error) or _TYPE_MESSAGES.get(error["type"], message)
    loc = list(error["loc"])
    # ("scenarios", i, "overrides", contract id, field, union tag): an override's value.
    if loc[:1] == ["scenarios"] and loc[2:3] == ["overrides"] and loc[-1] in _UNION_TAGS:
        loc, message = loc[:-1], _SCALAR_MESSAGE  # an override value of JsonScalar
    where, path = _place(loc, fields)
    if error["type"] == "extra_forbidden":
        return f"{where}unknown field {path!r}"
    if error["type"] == "missing":
        return f"{where}field {path!r} is missing"
    if isinstance(original, ContractError) or (not path and isinstance(original, Exception)):
        return f"{where}{message}"
    field = f"field {path!r}: " if path else ""
    message = message[:1].lower() + message[1:] if message.startswith("Input ") else message
    return f"{where}{field}{message} (got {_shown(error['input'])})"


def _place(loc: Sequence[int | str], fields: Mapping[str, Any]) -> tuple[str, str]:
    """``("rule set 'fair': ", "min_clients")`` for ``("rule_sets", 0, "min_clients")``."""
    match list(loc):
        case [str(kind), int(index), *rest] if kind in _ITEM_NAMES:
            items = fields.get(kind)
            item = items[index] if isinstance(items, list) and index < len(items) else None
            key = "id" if kind == "contracts" else "name"
            label = item.get(key) if isinstance(item, dict) else None
            what = _ITEM_NAMES[kind]
            if isinstance(label, str):
                where = f"{what} {_shortened(repr(label))}: "
            else:
                where = f"{what} number {index + 1}: "
            return where, ".".join(str(part) for part in rest)
    return "", ".".join(str(part) for part in loc)


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "number"


def _shown(value: object) -> str:
    """A value as JSON on one line, non-printable characters escaped, shortened."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    printable = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    return _shortened(printable)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _shortened(text: str, limit: int = _SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."

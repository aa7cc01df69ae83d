"""Reads the income parameters (one YAML file per validity period) and applies overrides."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from app.money.engine.errors import (
    InvalidOverride,
    NoParametersForDate,
    ParameterFileError,
    UnknownParameter,
)

PARAMETERS_DIR = Path(__file__).resolve().parent.parent / "parameters"
# O official page, S secondary source, C computed from other figures, ? not found
# (see parameters/SOURCES.md).
STATUSES = frozenset({"O", "S", "C", "?"})
_LEAF_KEYS = frozenset({"value", "source", "status", "provisional"})
OVERRIDE_SOURCE = "organisation override"


@dataclass(frozen=True, slots=True)
class Parameter:
    """One figure with where it comes from; `provisional` marks a guess or a carried-over value."""

    path: str
    value: Decimal
    source: str
    status: str
    provisional: bool
    overridden: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class ParameterSet:
    """All figures of one validity period, after any overrides, keyed by dotted path.

    Compared and hashed by identity: each is built once and cached, so it can key further caches.
    """

    valid_from: date
    description: str
    values: Mapping[str, Parameter]
    overrides_key: tuple = ()

    def __getitem__(self, path: str) -> Decimal:
        return self.values[path].value

    @property
    def provisional(self) -> bool:
        return any(parameter.provisional for parameter in self.values.values())


def _read_leaf(path: str, node: dict, file_name: str) -> Parameter:
    unknown = set(node) - _LEAF_KEYS
    if unknown:
        raise ParameterFileError(f"{file_name}: {path} has unknown keys {sorted(unknown)}")
    raw = node.get("value")
    # Amounts are strings so YAML never turns them into binary floats.
    if not isinstance(raw, str):
        raise ParameterFileError(f"{file_name}: {path}.value must be a quoted string, got {raw!r}")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ParameterFileError(f"{file_name}: {path}.value {raw!r} is not a number") from exc
    if not value.is_finite():
        raise ParameterFileError(f"{file_name}: {path}.value must be finite")
    source = node.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ParameterFileError(f"{file_name}: {path} has no source")
    status = node.get("status")
    if status not in STATUSES:
        raise ParameterFileError(f"{file_name}: {path} has status {status!r}, not one of O/S/C/?")
    provisional = node.get("provisional", False)
    if not isinstance(provisional, bool):
        raise ParameterFileError(f"{file_name}: {path}.provisional must be true or false")
    if status == "?" and not provisional:
        raise ParameterFileError(f"{file_name}: {path} has status ? and must be provisional")
    return Parameter(path, value, source.strip(), status, provisional)


def _walk(node: dict, prefix: str, file_name: str, out: dict[str, Parameter]) -> None:
    for key, child in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if not isinstance(child, dict):
            raise ParameterFileError(f"{file_name}: {path} must be a mapping")
        if "value" in child:
            out[path] = _read_leaf(path, child, file_name)
        else:
            _walk(child, path, file_name, out)


def read_parameter_file(file: Path) -> ParameterSet:
    """Parse and check one parameter file; raises ParameterFileError when it is malformed."""
    import yaml  # only when the money engine first runs, not at start-up

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when installed: faster
    document = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    if not isinstance(document, dict) or not isinstance(document.get("parameters"), dict):
        raise ParameterFileError(f"{file.name}: needs a `parameters` mapping")
    valid_from = document.get("valid_from")
    if not isinstance(valid_from, date):
        raise ParameterFileError(f"{file.name}: valid_from must be an ISO date")
    # The file name is what an administrator sees; it must agree with the date inside.
    if file.stem != valid_from.isoformat():
        raise ParameterFileError(f"{file.name}: valid_from {valid_from} differs from the file name")
    values: dict[str, Parameter] = {}
    _walk(document["parameters"], "", file.name, values)
    return ParameterSet(valid_from, str(document.get("description", "")), MappingProxyType(values))


@lru_cache(maxsize=4)
def load_all(directory: Path = PARAMETERS_DIR) -> tuple[ParameterSet, ...]:
    """Every period in `directory`, oldest first (cached: files change only with a deploy)."""
    sets = sorted(
        (read_parameter_file(file) for file in directory.glob("*.yaml")),
        key=lambda item: item.valid_from,
    )
    if not sets:
        raise ParameterFileError(f"no parameter files in {directory}")
    return tuple(sets)


def earliest_valid_from(directory: Path = PARAMETERS_DIR) -> date:
    return load_all(directory)[0].valid_from


def _override_entry(path: str, raw: object) -> tuple:
    """Normalise one override to (path, value, source, status, provisional) so it can be cached."""
    source, status, provisional = OVERRIDE_SOURCE, "O", False
    if isinstance(raw, Mapping):
        source = str(raw.get("source") or OVERRIDE_SOURCE)
        status = str(raw.get("status") or "O")
        provisional = bool(raw.get("provisional", status == "?"))
        raw = raw.get("value")
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise InvalidOverride(f"override {path}: value must be a number or a numeric string")
    try:
        # str() first so a float such as 0.1 means "0.1", not its binary expansion.
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise InvalidOverride(f"override {path}: {raw!r} is not a number") from exc
    if not value.is_finite():
        raise InvalidOverride(f"override {path}: value must be finite")
    if status not in STATUSES:
        raise InvalidOverride(f"override {path}: status {status!r} is not one of O/S/C/?")
    return (path, value, source, status, provisional)


def overrides_key(overrides: Mapping[str, object] | None) -> tuple:
    if not overrides:
        return ()
    return tuple(sorted(_override_entry(str(path), raw) for path, raw in overrides.items()))


@lru_cache(maxsize=128)
def _apply(base: ParameterSet, key: tuple) -> ParameterSet:
    values = dict(base.values)
    for path, value, source, status, provisional in key:
        if path not in values:
            raise UnknownParameter(f"no parameter {path!r} in the {base.valid_from} parameters")
        old = values[path]
        values[path] = Parameter(
            path,
            value,
            f"{source} (file value {old.value}: {old.source})",
            status,
            provisional,
            overridden=True,
        )
    return replace(base, values=MappingProxyType(values), overrides_key=key)


def load_parameters(
    as_of: date,
    overrides: Mapping[str, object] | None = None,
    directory: Path = PARAMETERS_DIR,
) -> ParameterSet:
    """The period whose valid_from is the latest on or before `as_of`, with `overrides` applied.

    Raises NoParametersForDate before the first period, UnknownParameter or InvalidOverride for a
    bad override.
    """
    sets = load_all(directory)
    index = bisect_right([item.valid_from for item in sets], as_of) - 1
    if index < 0:
        raise NoParametersForDate(
            f"no parameters valid on {as_of}; the first are from {sets[0].valid_from}"
        )
    key = overrides_key(overrides)
    return _apply(sets[index], key) if key else sets[index]

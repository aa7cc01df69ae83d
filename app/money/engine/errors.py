"""Errors the money engine raises, each with a stable `code` the web layer can map to a response."""

from __future__ import annotations


class MoneyEngineError(ValueError):
    """Base of the engine's expected errors; `code` is stable, the message is English for logs."""

    code = "money_engine_error"


class ParameterFileError(MoneyEngineError):
    """A parameter file is malformed (a value without source or status, an unknown status, ...)."""

    code = "money_parameter_file_invalid"


class NoParametersForDate(MoneyEngineError):
    """No parameter file is valid on the requested date (it lies before the earliest file)."""

    code = "money_no_parameters_for_date"


class UnknownParameter(MoneyEngineError):
    """An override names a parameter path that no parameter file defines."""

    code = "money_unknown_parameter"


class InvalidOverride(MoneyEngineError):
    """An override value cannot be read as a decimal number."""

    code = "money_invalid_override"

"""The consultant and admin back-office pages (HTML); each module holds one area's pages and
calls the same domain services as the JSON API."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """Every `router` defined in a module of this package, and the `routers` of a package in it
    (the file's sections), in module-name order."""
    found = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if isinstance(getattr(module, "router", None), APIRouter):
            found.append(module.router)
        found.extend(getattr(module, "routers", ()))
    return found

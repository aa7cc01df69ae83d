"""Puts a router's routes on the app itself, built once and only when used, as `include_router`
would include them.

FastAPI 0.165 builds every route when its module declares it (`@router.get`): the dependency
tree, the parameter and response fields, their pydantic validators, a fifth of a restart for
~240 routes. `include_router` then keeps the router apart and builds each of its routes a
second time, in the app's context, on the first request that is matched against it. Here:

- `APIRouter` declares `LazyAPIRoute`s: a route keeps what its declaration said and what
  matching needs (path, methods, name), and builds the rest on its first request (or when
  the OpenAPI schema or a test reads it). A bad declaration therefore fails then, not at
  import: tests/test_startup.py builds every route.
- `add_routes` puts each declared route on the app with what the inclusion changes (the
  prefix, the app's operation ids, the shared answers, the app as dependency-override
  provider): a lazy route as a new lazy route declared so, built once when used; a route
  FastAPI already built as a copy that reuses its dependency tree and fields.

tests/test_startup.py checks the result against FastAPI's own `include_router`, route by route
and in the OpenAPI schema."""

from __future__ import annotations

import copy
import threading
from typing import Any

import fastapi
from fastapi import FastAPI
from fastapi.datastructures import Default
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import (
    APIRoute,
    _get_body_field,
    _get_flat_body_params,
    get_body_size_limit,
    get_value_or_default,
    request_response,
    wrap_app_with_body_limit,
)
from fastapi.utils import generate_unique_id
from starlette.routing import compile_path, get_name

# What a built APIRoute has beyond what a LazyAPIRoute keeps from its declaration.
_BUILT = frozenset(APIRoute.__annotations__) | {"app", "form_limits"}
_KEPT = frozenset({"path", "endpoint", "name", "path_regex", "path_format", "param_convertors",
                   "methods", "include_in_schema", "_options"})
_LAZY = _BUILT - _KEPT
_building = threading.RLock()  # one route built at a time: no request sees half a route


class LazyAPIRoute(APIRoute):
    """An APIRoute that keeps its declaration and what matching a request needs, and is built
    (as `APIRoute(path, endpoint, **options)`) when anything else is first read: in practice
    its `app`, by its first request. Thread-safe; a route that fails to build raises on every
    use (the request answers 500), as the declaration would have raised at import."""

    def __init__(self, path: str, endpoint: Any, **options: Any) -> None:
        self._options = options
        self.path, self.endpoint = path, endpoint
        name = options.get("name")
        self.name = get_name(endpoint) if name is None else name
        self.path_regex, self.path_format, self.param_convertors = compile_path(path)
        self.methods = {method.upper() for method in options.get("methods") or ["GET"]}
        self.include_in_schema = options.get("include_in_schema", True)

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute the instance lacks: before the build, or never built.
        if name not in _LAZY:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.build()
        return self.__dict__[name]

    @property
    def built(self) -> bool:
        return "app" in self.__dict__

    def build(self) -> None:
        """Builds the route now, if it is not yet built (what FastAPI does at declaration)."""
        if "app" in self.__dict__:
            return
        with _building:
            if "app" in self.__dict__:
                return
            try:
                built = vars(APIRoute(self.path, self.endpoint, **self._options))
            except AttributeError as error:  # not to pass for a missing attribute (hasattr)
                raise RuntimeError(f"route {self.path} does not build: {error}") from error
            state = {name: value for name, value in built.items() if name not in self.__dict__}
            app = state.pop("app")
            self.__dict__.update(state)
            self.app = app  # last: a route with `app` is complete


class APIRouter(fastapi.APIRouter):
    """FastAPI's router, declaring `LazyAPIRoute`s: a route is built on its first use."""

    def __init__(self, *, route_class: type[APIRoute] = LazyAPIRoute, **options: Any) -> None:
        super().__init__(route_class=route_class, **options)


def add_routes(app: FastAPI, router: fastapi.APIRouter, *, prefix: str = "",
               responses: dict | None = None) -> None:
    """`app.include_router(router, prefix=prefix, responses=responses)`, built once. A router
    with anything this does not reproduce (other kinds of route, lifespan handlers, form limits)
    is included by FastAPI instead."""
    if not _plain(router) or app.router.dependencies or app.router.callbacks \
            or app.router.tags or app.router.deprecated or not app.router.include_in_schema:
        app.include_router(router, prefix=prefix, responses=responses)
        return
    for declared in _declared(router, prefix, in_schema=True):
        app.router.routes.append(_as_included(app, declared, responses or {}))


class _Declared:
    __slots__ = ("route", "router", "prefix", "in_schema")

    def __init__(self, route: APIRoute, router: fastapi.APIRouter, prefix: str,
                 in_schema: bool) -> None:
        self.route, self.router, self.prefix, self.in_schema = route, router, prefix, in_schema


def _plain(router: fastapi.APIRouter) -> bool:
    """Only API routes and routers included without options, and nothing that runs at start."""
    if type(router.lifespan_context).__name__ != "_DefaultLifespan" \
            or router.on_startup or router.on_shutdown or router.form_limits or router.prefix \
            or router.dependencies or router.responses or router.callbacks or router.deprecated:
        return False
    for route in router.routes:
        context = getattr(route, "include_context", None)
        if context is not None:  # a router included in this one
            if context.tags or context.dependencies or context.responses or context.callbacks \
                    or context.deprecated or context.max_body_size is not None \
                    or context.form_limits or not _plain(route.original_router):
                return False
        elif type(route) not in (APIRoute, LazyAPIRoute):
            return False
    return True


def _declared(router: fastapi.APIRouter, prefix: str, in_schema: bool):
    """The router's routes in matching order, those of routers included in it in their place."""
    for route in router.routes:
        context = getattr(route, "include_context", None)
        if context is not None:
            yield from _declared(route.original_router, prefix + context.prefix,
                                 in_schema and context.include_in_schema)
        else:
            yield _Declared(route, router, prefix, in_schema)


def _as_included(app: FastAPI, declared: _Declared, responses: dict) -> APIRoute:
    """The route as FastAPI's include context makes it (fastapi.routing._EffectiveRouteContext
    .from_api_route): same dependency tree and fields, the app's context around them."""
    parent, router, route, prefix = app.router, declared.router, declared.route, declared.prefix
    if type(route) is LazyAPIRoute:
        return _lazily_included(app, declared, responses)
    included = copy.copy(route)
    included.path = prefix + route.path
    included.path_regex, included.path_format, included.param_convertors = \
        compile_path(included.path)
    if prefix:
        included.dependant = _at_path(route.dependant, included.path_format)
    included.tags = list(route.tags)
    included.responses = {**parent.responses, **responses, **route.responses}
    included.deprecated = route.deprecated or None
    included.include_in_schema = route.include_in_schema and declared.in_schema \
        and parent.include_in_schema
    included.callbacks = list(route.callbacks or [])
    included.dependency_overrides_provider = parent.dependency_overrides_provider
    included.response_class = get_value_or_default(
        route.response_class, router.default_response_class, parent.default_response_class)
    included.generate_unique_id_function = get_value_or_default(
        route.generate_unique_id_function, router.generate_unique_id_function,
        parent.generate_unique_id_function)
    included.strict_content_type = get_value_or_default(
        route.strict_content_type, router.strict_content_type, parent.strict_content_type)
    included.max_body_size = get_body_size_limit(
        route.max_body_size,
        get_body_size_limit(router.max_body_size, None, parent.max_body_size))
    unique_id = getattr(included.generate_unique_id_function, "value",
                        included.generate_unique_id_function)
    included.unique_id = route.operation_id or unique_id(included)
    if included.unique_id != route.unique_id and included.include_in_schema:
        _rename_fields(included, route)
    included.app = wrap_app_with_body_limit(request_response(included.get_route_handler()),
                                            included.max_body_size)
    return included


def _lazily_included(app: FastAPI, declared: _Declared, responses: dict) -> LazyAPIRoute:
    """A lazy route as the include context declares it (`_EffectiveRouteContext.from_api_route`
    builds the included route from the declared one's settings), to be built when used."""
    parent, router, route = app.router, declared.router, declared.route
    options = route._options
    return LazyAPIRoute(declared.prefix + route.path, route.endpoint, **{
        **options,
        "tags": list(options.get("tags") or []),
        "responses": {**parent.responses, **responses, **(options.get("responses") or {})},
        "deprecated": options.get("deprecated") or None,
        "include_in_schema": route.include_in_schema and declared.in_schema
        and parent.include_in_schema,
        "callbacks": list(options.get("callbacks") or []),
        "dependency_overrides_provider": parent.dependency_overrides_provider,
        "response_class": get_value_or_default(
            options.get("response_class", Default(JSONResponse)), router.default_response_class,
            parent.default_response_class),
        "generate_unique_id_function": get_value_or_default(
            options.get("generate_unique_id_function", Default(generate_unique_id)),
            router.generate_unique_id_function, parent.generate_unique_id_function),
        "strict_content_type": get_value_or_default(
            options.get("strict_content_type", Default(True)), router.strict_content_type,
            parent.strict_content_type),
        "max_body_size": get_body_size_limit(
            options.get("max_body_size"),
            get_body_size_limit(router.max_body_size, None, parent.max_body_size)),
    })


def _rename_fields(included: APIRoute, route: APIRoute) -> None:
    """FastAPI names a route's combined body model and its response fields after its unique
    id; the names show in the OpenAPI schema (and nowhere else: a request's body is validated
    parameter by parameter), so a documented route's follow the app's operation id."""
    if route._embed_body_fields or (
            route.body_field is not None and route.body_field.name.startswith("Body_")):
        included.body_field = _get_body_field(
            body_params=_get_flat_body_params(route.dependant), name=included.unique_id,
            embed_body_fields=route._embed_body_fields)
    if route.response_field is not None:
        included.response_field = copy.copy(route.response_field)
        included.response_field.name = "Response_" + included.unique_id
    included.response_fields = {}
    for status, field in route.response_fields.items():
        included.response_fields[status] = copy.copy(field)
        included.response_fields[status].name = f"Response_{status}_{included.unique_id}"


def _at_path(dependant: Dependant, path: str) -> Dependant:
    """The dependency tree with the full path, which FastAPI resolves a dependency override's
    parameters against; its parameter fields are shared."""
    moved = copy.copy(dependant)
    moved.path = path
    moved.dependencies = [_at_path(sub, path) for sub in dependant.dependencies]
    return moved

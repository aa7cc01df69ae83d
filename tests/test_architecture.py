"""The layers written down in pyproject.toml hold: the import-linter contract is kept, every
module of app/ has a place in it, and app/ has no import cycle."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    return contract["layers"]


def _layer_modules() -> set[str]:
    names = set()
    for layer in _layers():
        for part in layer.replace(":", "|").split("|"):
            names.add(part.strip().strip("()"))
    return names


def test_the_layer_contract_is_kept():
    # In a process of its own: import-linter reconfigures logging, which silenced the app's
    # request log for the tests that ran after it.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_module_has_a_layer():
    """A new module must be placed in a layer, or nothing would check its imports."""
    placed = _layer_modules()
    graph = grimp.build_graph("app")
    packages = {m for m in graph.modules if any(o.startswith(m + ".") for o in graph.modules)}
    unplaced = sorted(
        module for module in graph.modules
        if module not in packages
        and not any(module == name or module.startswith(name + ".") for name in placed)
    )
    assert unplaced == []


def test_no_import_cycle_in_app():
    graph = grimp.build_graph("app")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    cycles = [
        (module, other) for module in sorted(graph.modules)
        for other in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=other, imported=module)
    ]
    assert cycles == []

"""The import contract (pyproject.toml, checked by `lint-imports` in `make lint`) covers every
package of the project: a new app must be given its layer before it can be imported from."""

from __future__ import annotations

import pathlib
import tomllib

import taawun

ROOT = pathlib.Path(taawun.__file__).parent
CONTRACTS = tomllib.loads((ROOT.parents[1] / "pyproject.toml").read_text())["tool"]["importlinter"][
    "contracts"
]


def _contract(name_start: str) -> dict:
    return next(contract for contract in CONTRACTS if contract["name"].startswith(name_start))


def _packages() -> set[str]:
    return {f"taawun.{path.parent.name}" for path in ROOT.glob("*/__init__.py")}


def test_every_package_has_a_layer():
    layered = {module.strip() for layer in _contract("Layers")["layers"] for module in layer.split("|")}
    assert _packages() <= layered, "give the new package its layer in pyproject.toml"


def test_no_app_imports_another_apps_views():
    contract = _contract("An app's views")
    assert _packages() <= set(contract["source_modules"])
    views = {f"taawun.{path.parent.name}.views" for path in ROOT.glob("*/views.py")}
    views |= {f"taawun.{path.parent.parent.name}.views" for path in ROOT.glob("*/views/__init__.py")}
    assert views == set(contract["forbidden_modules"])

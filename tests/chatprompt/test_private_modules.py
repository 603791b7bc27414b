"""Each private module's ``__all__`` says exactly what the rest of the project imports from it
(the package, its tests, scripts, benchmarks and examples)."""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import pytest

import chatprompt

PACKAGE = Path(chatprompt.__file__).parent
ROOT = Path(__file__).resolve().parents[2]
SOURCES = [PACKAGE, *(ROOT / folder for folder in ("tests", "scripts", "benchmarks", "examples"))]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_between_modules() -> dict[str, set[str]]:
    """For each ``chatprompt`` module, the names other modules of the project import from it."""
    imported: dict[str, set[str]] = defaultdict(set)
    paths = [path for folder in SOURCES for path in sorted(folder.rglob("*.py"))]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("chatprompt")
                and not (path.is_relative_to(PACKAGE) and node.module == module_name(path))
            ):
                imported[str(node.module)].update(alias.name for alias in node.names)
    return imported


PRIVATE_MODULES = sorted(
    module_name(path) for path in PACKAGE.rglob("_*.py") if path.name != "__init__.py"
)


def test_the_package_has_private_modules() -> None:
    assert {"chatprompt._abstract", "chatprompt._detok", "chatprompt.presets._base"} <= set(
        PRIVATE_MODULES
    )


@pytest.mark.parametrize("module", PRIVATE_MODULES)
def test_all_lists_exactly_the_names_the_package_imports(module: str) -> None:
    expected = sorted(imports_between_modules()[module])
    declared = getattr(importlib.import_module(module), "__all__", None)

    assert expected == (expected if declared is None else sorted(declared))

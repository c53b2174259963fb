"""Imports run one way: interfaces → nutrition → clinical, dietary → chemistry → foundation.

Every import is read from the source (module level, inside functions and under
TYPE_CHECKING alike), so a lazy import cannot hide a circle between domains.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

import mgcalc

PACKAGE = Path(mgcalc.__file__).parent
# What each domain may not import. The foundation (mgcalc.result, text, errors, …, the
# modules beside them) is below every domain.
DOMAINS = ("chemistry", "dietary", "clinical", "nutrition", "interfaces")
FORBIDDEN = {
    "chemistry": ("clinical", "dietary", "nutrition", "interfaces"),
    "dietary": ("nutrition", "interfaces"),
    "clinical": ("nutrition", "interfaces"),
    "nutrition": ("interfaces",),
    "interfaces": (),
    "foundation": DOMAINS,
}
# The package's face (mgcalc.convert …) and `python -m mgcalc` are the interfaces' own.
ENTRY_POINTS = ("mgcalc", "mgcalc.__main__")
# Only the interfaces draw: the core never imports typer or rich.
INTERFACE_LIBRARIES = ("typer", "rich", "click")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def imports() -> dict[str, tuple[tuple[str, int], ...]]:
    """Return each module's imports (absolute names, with their line numbers)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        names: list[tuple[str, int]] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names += [(alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # `from mgcalc import clinical` imports the module mgcalc.clinical.
                names += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
                names.append((base, node.lineno))
        found[name] = tuple(names)
    return found


def layer(module: str) -> str | None:
    """Return the domain of an mgcalc module, "foundation", or None for an entry point."""
    if module in ENTRY_POINTS:
        return None
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in DOMAINS else "foundation"


def _domain_of_target(target: str) -> str | None:
    parts = target.split(".")
    if parts[0] != "mgcalc" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in DOMAINS else None


def test_the_reader_sees_lazy_and_relative_imports() -> None:
    found = imports()
    api = {name for name, _ in found["mgcalc.interfaces.api"]}
    assert "mgcalc.chemistry.conversion" in api  # imported inside convert() only
    assert "mgcalc.errors" in api
    assert {layer(name) for name in found} == {*DOMAINS, "foundation", None}
    assert len(found) > 60


@pytest.mark.parametrize("domain", [*DOMAINS, "foundation"])
def test_a_domain_imports_nothing_above_it(domain: str) -> None:
    upward = [
        f"{module}:{line} imports {target}"
        for module, targets in imports().items()
        if layer(module) == domain
        for target, line in targets
        if _domain_of_target(target) in FORBIDDEN[domain]
    ]
    assert upward == [], "move the shared definition down:\n" + "\n".join(sorted(set(upward)))


def test_only_the_interfaces_import_typer_or_rich() -> None:
    drawing = [
        f"{module}:{line} imports {target}"
        for module, targets in imports().items()
        if layer(module) not in ("interfaces", None)
        for target, line in targets
        if target.split(".")[0] in INTERFACE_LIBRARIES
    ]
    assert drawing == []


def test_the_interaction_row_is_one_class_below_the_domains() -> None:
    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.clinical.matched import InteractionMatch
    from mgcalc.interaction_match import InteractionMatch as Foundation

    assert InteractionMatch is Foundation
    assert Conversion.model_fields["interactions"].annotation == tuple[Foundation, ...]

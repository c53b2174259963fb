"""The ``mgcalc`` program: run the command line, then leave without the interpreter's teardown.

A run lives a fraction of a second and frees nothing it needs to, so the garbage
collector only costs time (about 7 ms of passes while importing and 16 ms at exit);
a batch turns it back on, to keep a long run's memory flat.

pydantic looks for plugins at the first model, through every installed distribution's
metadata (about 4 ms a run), and its plugin loader imports ``importlib.metadata`` (with
``email``, ``zipfile`` and ``importlib.resources``: about 20 ms) even when told to find
none. When no distribution on ``sys.path`` declares a ``pydantic`` entry point there is
nothing to find: the program sets pydantic's documented switch ``PYDANTIC_DISABLE_PLUGINS``
and puts in place of the loader module a stand-in whose ``get_plugins`` returns no plugins,
what pydantic's own returns with that switch set. With a plugin installed, or the variable
set by the user, pydantic looks as usual. Only the ``mgcalc`` program does this, never
``import mgcalc``.
"""

from __future__ import annotations

import gc
import os
import sys
import types

_PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
# The module pydantic imports ``get_plugins`` from when it builds a model's validator.
PLUGIN_LOADER = "pydantic.plugin._loader"


def main() -> None:
    """Run the mgcalc command line and exit with its code, output flushed."""
    gc.disable()
    if _PLUGINS_VARIABLE not in os.environ and not pydantic_plugins_installed():
        os.environ[_PLUGINS_VARIABLE] = "__all__"
        sys.modules.setdefault(PLUGIN_LOADER, no_plugins_loader())
    from mgcalc.interfaces.cli import run

    code = run()
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)  # after run() flushed stdout: skips only teardown and GC passes


def no_plugins_loader() -> types.ModuleType:
    """Return a stand-in for pydantic's plugin loader that finds no plugins."""
    loader = types.ModuleType(PLUGIN_LOADER, "pydantic's plugin loader, when none is installed")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    return loader


def pydantic_plugins_installed(path: list[str] | None = None) -> bool:
    """Return whether a distribution on *path* (default ``sys.path``) declares a pydantic plugin.

    Reads the ``entry_points.txt`` of each ``*.dist-info`` and ``*.egg-info`` directory, as
    ``importlib.metadata`` finds them, for a ``[pydantic]`` section.
    """
    for folder in sys.path if path is None else path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:  # a zip archive or a missing directory: no metadata folders
            continue
        with entries:
            for entry in entries:
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), "rb") as text:
                        if any(line.strip() == b"[pydantic]" for line in text):
                            return True
                except OSError:
                    continue
    return False

"""The saved profile: a small TOML file in the user's config folder, read by the CLI only.

Batches, ``--input`` and the Python API never read it: a script's answer must not depend
on who runs it.

It is written whole or not at all (a temporary file beside it, flushed to disk, then
renamed over it), under a lock on its folder held from the check that the file there is
a profile to the rename: two ``profile set`` at once leave one of the two, a reader sees
the old profile or the new one, and a full disk leaves the old one. A file that is not
a profile (any key that is not mgcalc's) is never overwritten or deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from mgcalc.datafiles import NotRegularFile, read_capped
from mgcalc.errors import InputError
from mgcalc.result import Result

CONFIG_ENV = "MGCALC_CONFIG"
# The keys of the file, in the order they are written; each mirrors its command-line option.
FIELDS = ("age", "sex", "standard", "diet", "weight")
MAX_PROFILE_BYTES = 100_000
# Keys that may be a bare number, and the unit it is in (age = 42 is 42 years).
_UNITS = {"age": "", "diet": "mg", "weight": "kg"}


class BadSavedProfile(InputError):
    """The saved profile file cannot be used; the message names the file."""


class SavedProfile(Result):
    """What ``mgcalc profile show`` prints: the file and its values (null when not set)."""

    path: str
    age: str | None = None
    sex: str | None = None
    standard: str | None = None
    diet: str | None = None
    weight: str | None = None

    def values(self) -> dict[str, str]:
        """Return the values that are set, by key."""
        return {key: value for key in FIELDS if (value := getattr(self, key)) is not None}


def profile_path() -> Path:
    """Return where the profile lives: ``$MGCALC_CONFIG``, else the user's config folder."""
    given = os.environ.get(CONFIG_ENV)
    if given:
        return Path(given)
    from platformdirs import user_config_path

    return user_config_path("mgcalc") / "profile.toml"


def load() -> SavedProfile | None:
    """Return the saved profile, None when there is no file; a bad file is an error."""
    path = profile_path()
    data = _read(path)
    return None if data is None else _parse(data, path)


def _read(path: Path) -> bytes | None:
    """Return at most the cap + 1 bytes of the profile file, None when there is none."""
    try:
        return read_capped(path, MAX_PROFILE_BYTES)
    except FileNotFoundError:
        return None
    except NotRegularFile:
        raise BadSavedProfile(f"saved profile '{path}' is not a regular file") from None
    except OSError as error:
        raise BadSavedProfile(f"cannot read saved profile '{path}': {error.strerror}") from None


def _foreign(data: bytes) -> str | None:
    """Say why *data* is not an mgcalc profile; None when it is one (empty, or only our keys)."""
    if len(data) > MAX_PROFILE_BYTES:
        return f"larger than {MAX_PROFILE_BYTES} bytes"
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 has no tomllib
        import tomli as tomllib
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except tomllib.TOMLDecodeError as error:
        return f"not TOML: {error}"
    unknown = [key for key in table if key not in FIELDS]
    return f"unknown key '{unknown[0]}' (keys: {', '.join(FIELDS)})" if unknown else None


def _not_ours(path: Path, reason: str) -> BadSavedProfile:
    return BadSavedProfile(
        f"'{path}' is not an mgcalc profile ({reason}); mgcalc leaves it alone: "
        "if it is a damaged profile, delete it by hand"
    )


def _parse(data: bytes, path: Path) -> SavedProfile:
    reason = _foreign(data)
    if reason is not None:
        raise _not_ours(path, reason)
    fix = "fix it, or run 'mgcalc profile clear'"
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 has no tomllib
        import tomli as tomllib
    table = tomllib.loads(data.decode("utf-8-sig"))
    if not table:
        raise BadSavedProfile(f"saved profile '{path}' is empty; {fix}")
    for key, value in table.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in _UNITS:
            table[key] = f"{value:g}{_UNITS[key]}"  # a bare number is in the key's unit
        elif not isinstance(value, str):
            raise BadSavedProfile(f"saved profile '{path}': '{key}' must be text; {fix}")
    saved = SavedProfile(path=str(path), **table)
    try:
        check(saved)
    except InputError as error:
        raise BadSavedProfile(f"saved profile '{path}': {error}; {fix}") from None
    return saved


def check(saved: SavedProfile) -> None:
    """Validate every value as its command-line option would be (raise InputError)."""
    from mgcalc.nutrition.profile import make_profile

    make_profile(age=saved.age, sex=saved.sex, standard=saved.standard or "us", weight=saved.weight)
    if saved.diet is not None:
        from mgcalc.dietary.assembly import read_entry

        read_entry(saved.diet)


def save(values: dict[str, str | None]) -> SavedProfile:
    """Validate *values* (key: text, None to leave out) and write them as the profile."""
    from mgcalc.nutrition.profile import read_sex, read_standard

    given = {key: value.strip() for key, value in values.items() if value is not None}
    if not given:
        raise InputError("nothing to save: give --age, --sex, --standard, --diet or --weight")
    if "sex" in given:
        given["sex"] = read_sex(given["sex"])
    if "standard" in given:
        given["standard"] = read_standard(given["standard"])
    path = profile_path()
    saved = SavedProfile(path=str(path), **given)
    check(saved)
    lines = ["# mgcalc profile, written by 'mgcalc profile set'; options on a command line win."]
    # A JSON string is a valid TOML basic string for this text (escapes included).
    lines += [
        f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in saved.values().items()
    ]
    text = ("\n".join(lines) + "\n").encode()
    target = Path(os.path.realpath(path))  # a profile kept as a link: its file is written
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            _refuse_foreign(path)
            _replace(target, text)
    except OSError as error:
        raise BadSavedProfile(f"cannot write saved profile '{path}': {error.strerror}") from None
    return saved


def _refuse_foreign(path: Path) -> None:
    """Raise unless *path* is missing, empty, or a TOML file holding only mgcalc's keys."""
    data = _read(path)
    reason = None if data is None else _foreign(data)
    if reason is not None:
        raise _not_ours(path, reason)


def _replace(target: Path, text: bytes) -> None:
    """Write *text* as *target* in one step: a temporary file beside it, synced, renamed."""
    import tempfile

    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with open(descriptor, "wb") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # keep the old file's permissions (new: yours only)
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on *folder* (flock: only mgcalc's own writers take it)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock on a folder; os.replace is still atomic there
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def clear() -> Path | None:
    """Delete the saved profile; return its path, or None when there was none.

    Only an empty file or a TOML file holding only mgcalc's keys is deleted.
    """
    path = profile_path()
    if not path.parent.is_dir():
        return None
    try:
        with _locked(path.parent):
            if _read(path) is None:
                return None
            _refuse_foreign(path)
            path.unlink()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BadSavedProfile(f"cannot delete saved profile '{path}': {error.strerror}") from None
    return path

"""The saved profile: a small TOML file in the user's config folder, read by the CLI only.

Batches, ``--input`` and the Python API never read it: a script's answer must not depend
on who runs it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

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
    try:
        data = path.read_bytes()[: MAX_PROFILE_BYTES + 1]
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BadSavedProfile(f"cannot read saved profile '{path}': {error.strerror}") from None
    return _parse(data, path)


def _parse(data: bytes, path: Path) -> SavedProfile:
    fix = "fix it, or run 'mgcalc profile clear'"
    if len(data) > MAX_PROFILE_BYTES:
        raise BadSavedProfile(f"saved profile '{path}' is too large to be a profile; {fix}")
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 has no tomllib
        import tomli as tomllib
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = (
            "is not UTF-8" if isinstance(error, UnicodeDecodeError) else f"is not TOML ({error})"
        )
        raise BadSavedProfile(f"saved profile '{path}' {reason}; {fix}") from None
    if not table:
        raise BadSavedProfile(f"saved profile '{path}' is empty; {fix}")
    for key, value in table.items():
        if key not in FIELDS:
            raise BadSavedProfile(
                f"saved profile '{path}': unknown key '{key}' (keys: {', '.join(FIELDS)}); {fix}"
            )
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        raise BadSavedProfile(f"cannot write saved profile '{path}': {error.strerror}") from None
    return saved


def clear() -> Path | None:
    """Delete the saved profile; return its path, or None when there was none."""
    path = profile_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BadSavedProfile(f"cannot delete saved profile '{path}': {error.strerror}") from None
    return path

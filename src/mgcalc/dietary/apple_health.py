"""Apple Health's export: ``export.xml``, or the ``export.zip`` the Health app makes.

Exports run to gigabytes, so the XML is streamed: only the root's direct ``Record``
children are looked at, and the root is cleared after each (clearing each element alone
would keep an empty element per record). Apple lists each member of a food
``Correlation`` twice, nested and again at the top level: the nested copy is skipped.
Nothing is fetched (expat's default), and a DOCTYPE that declares an entity is refused,
since an Apple export declares none.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import IO

from mgcalc.dietary.exports import Export, Rejoined, TrackerDay, read_date, read_mg
from mgcalc.errors import BadDiet

MAGNESIUM = "HKQuantityTypeIdentifierDietaryMagnesium"
ROOT = "HealthData"
FOLDER = "apple_health_export/"
# The units apps write magnesium in (foods.md: some write grams), as factors to mg.
UNITS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "\u00b5g": 0.001, "\u03bcg": 0.001}
_CHUNK = 65_536
# An Apple export's prolog (its DOCTYPE) is about 10 KB: a root that late is not Apple's.
_PROLOG_MAX = 1_000_000


class _Root(Exception):
    """The root element was reached: the prolog has been checked."""

    def __init__(self, tag: str) -> None:
        self.tag = tag


def read_apple_health(
    stream: IO[bytes], path: str, *, app: str | None, zipped: bool, seekable: bool
) -> Export:
    """Return the days of magnesium one app wrote, from an export's XML or its zip."""
    if not zipped:
        return _read_xml(stream, path, app)
    if not seekable:
        raise BadDiet(
            f"{path}: a zip file cannot be read from a pipe; give the file itself, or the "
            "export.xml inside it"
        )
    import zipfile

    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as error:
        raise BadDiet(f"{path}: not a readable zip file ({error})") from None
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" in names:
            raise BadDiet(
                f"{path}: an Office document (.xlsx), not an export; export the tracker's CSV"
            )
        for name in names:
            inside = name.removeprefix(FOLDER)
            if inside == name or "/" in inside or not inside.lower().endswith(".xml"):
                continue
            with archive.open(name) as member:
                if _root_tag(member, f"{path}: {name}") == ROOT:
                    break  # export.xml; exportar.xml in Spanish and Portuguese exports
        else:
            raise BadDiet(
                f"{path}: a zip file but not an Apple Health export (no {FOLDER}export.xml)"
            )
        with archive.open(name) as member:
            return _read_xml(member, path, app)


def _root_tag(stream: IO[bytes], where: str) -> str:
    return _prolog(stream, where)[0]


def _prolog(stream: IO[bytes], where: str) -> tuple[str, bytes]:
    """Read up to the root element, refusing entity declarations; return its tag and the
    bytes read."""
    from xml.parsers import expat

    parser = expat.ParserCreate()

    def entity(name: str, *_: object) -> None:
        raise BadDiet(
            f"{where}: its DOCTYPE declares an entity ('{name[:40]}'); an Apple Health "
            "export declares none"
        )

    def start(tag: str, _attributes: object) -> None:
        raise _Root(tag)

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    seen = bytearray()
    while True:
        chunk = stream.read(_CHUNK)
        seen += chunk
        try:
            parser.Parse(chunk, not chunk)
        except _Root as root:
            return root.tag, bytes(seen)
        except expat.ExpatError as error:
            raise BadDiet(f"{where}: not well-formed XML ({error})") from None
        if not chunk:
            raise BadDiet(f"{where}: XML without a root element")
        if len(seen) > _PROLOG_MAX:
            raise BadDiet(f"{where}: no root element in the first {_PROLOG_MAX:,} bytes")


def _read_xml(stream: IO[bytes], path: str, app: str | None) -> Export:
    from xml.etree.ElementTree import ParseError, iterparse

    tag, seen = _prolog(stream, path)
    if tag != ROOT:
        raise BadDiet(
            f"{path} is XML but not an Apple Health export (its root is <{tag[:40]}>, not <{ROOT}>)"
        )
    source = io.BufferedReader(Rejoined(seen, stream), _CHUNK)
    apps: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    shown: dict[str, str] = {}
    count = 0
    try:
        events = iterparse(source, events=("start", "end"))
        _, top = next(events)
        depth = 1
        for event, element in events:
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth != 1:
                continue  # inside a Record or a Correlation: its nested copies
            if element.tag == "Record" and element.get("type") == MAGNESIUM:
                count += 1
                name = " ".join(element.get("sourceName", "").split()) or "(no app name)"
                key = fold(name)
                shown.setdefault(key, name)
                date, mg = _record(element.attrib, f"{path}, magnesium record {count}")
                apps[key][date] += mg
            top.clear()
    except ParseError as error:
        raise BadDiet(f"{path}: not well-formed XML ({error})") from None
    days, name = _chosen(apps, shown, app, path)
    listed = tuple(TrackerDay(date, mg, None) for date, mg in sorted(days.items()))
    return Export(path=path, layout="apple_health", days=listed, app=name)


def fold(name: str) -> str:
    """Return an app's name for matching: case and whitespace (also U+00A0) folded."""
    return " ".join(name.split()).casefold()


def _record(attributes: dict[str, str], where: str) -> tuple[str, float]:
    unit = attributes.get("unit", "")
    factor = UNITS.get(unit)
    if factor is None:
        raise BadDiet(f"{where}, attribute 'unit': '{unit[:20]}' is not mg, g, mcg or µg")
    date = read_date(attributes.get("startDate", "").strip(), f"{where}, attribute 'startDate'")
    value = read_mg(attributes.get("value", "").strip(), f"{where}, attribute 'value'", factor)
    return date, value


def _chosen(
    apps: dict[str, dict[str, float]], shown: dict[str, str], app: str | None, path: str
) -> tuple[dict[str, float], str]:
    listing = ", ".join(
        f"{shown[key]} ({len(days)} day{'s' if len(days) != 1 else ''})"
        for key, days in sorted(apps.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    )
    if not apps:
        raise BadDiet(
            f"{path}: an Apple Health export without magnesium records ({MAGNESIUM}); an app "
            "writes them when it shares nutrients with Health"
        )
    if app is not None:
        key = fold(app)
        if key not in apps:
            raise BadDiet(f"{path}: no app '{app[:40]}' wrote magnesium; apps: {listing}")
        return apps[key], shown[key]
    if len(apps) > 1:
        raise BadDiet(
            f"{path}: {len(apps)} apps wrote magnesium: {listing}; choose one with --app NAME "
            "(app=NAME in Python)"
        )  # the core serves both the command line and the Python API
    key = next(iter(apps))
    return apps[key], shown[key]

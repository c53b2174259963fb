"""Batches: JSON Lines or CSV requests in, one result line out per request, streamed."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic_core import to_json

from mgcalc.chemistry.conversion import Conversion
from mgcalc.errors import InputError, Interrupted, MgcalcError
from mgcalc.interfaces.output import WholeLines
from mgcalc.interfaces.request import (
    MAX_REQUEST_BYTES,
    REQUESTS,
    BadRequest,
    DoseRequest,
    Request,
    RequestModel,
    did_you_mean,
    dose_fields_of,
    parse_request,
    request_id,
    request_keys,
    run_request,
    validate_request,
)
from mgcalc.interfaces.stopping import STOP
from mgcalc.nutrition.intake import Dose, DoseFields
from mgcalc.nutrition.planner import Plan
from mgcalc.result import Result
from mgcalc.text import spreadsheet_cell

R = TypeVar("R", Dose, Plan, Conversion)
InputFormat = Literal["jsonl", "csv"]
OutputFormat = Literal["jsonl", "csv"]
Command = Literal["dose", "plan", "convert"]
_TRUE = {"true", "1", "yes", "y"}
_FLAGS = (
    "pregnant", "lactating", "allow_above_ul", "kidney_impairment", "supervised", "halves",
    "elemental",
)  # fmt: skip
_FALSE = {"false", "0", "no", "n", ""}
_MAX_LINE = 1_000_000
# csv reads text; a line that is not UTF-8 is passed through it as this marker.
_UNDECODABLE = "\x00mgcalc: not UTF-8\x00"
# Requests are run in blocks of this many, and output written in blocks of about this size.
BLOCK_RECORDS = 32
BLOCK_BYTES = 64 * 1024
# What outlives a batch's record is its memos (people, items, their bytes): a pass over the
# older generations re-reads them and frees nothing, so those are examined rarely. Cyclic
# garbage (an error's traceback) still goes with the youngest generation.
GC_THRESHOLDS = (10_000, 1_000, 1_000)
# What a request's result is written from: the model, or (dose as JSON) its field values.
Outcome = Dose | Plan | Conversion | DoseFields
# write(id, line, outcome, error): one output line, for a result or for an error message
Writer = Callable[[str | int, int, Outcome | None, str | None], None]


class LineError(BaseModel):
    """Why one line of a batch failed."""

    model_config = ConfigDict(frozen=True)

    line: int
    message: str


class BatchLine(Result, Generic[R]):
    """One output line: the request's id (or line number), and its result or its error."""

    id: str | int
    line: int
    ok: bool
    result: R | None = None
    error: LineError | None = None


# One class per command: serialising a union of results costs a third more per line.
DoseLine = BatchLine[Dose]
PlanLine = BatchLine[Plan]
ConvertLine = BatchLine[Conversion]


@dataclass
class Summary:
    """Counts for the closing line on stderr."""

    read: int = 0
    ok: int = 0
    errors: int = 0
    above_ul: int = 0

    def line(self) -> str:
        """Say what happened, in one line."""
        text = f"batch: {self.read} lines read, {self.ok} ok, {self.errors} errors"
        return text + (f", {self.above_ul} above the upper limit" if self.above_ul else "")


def open_source(name: str) -> IO[bytes]:
    """Open a batch file for reading bytes; '-' is standard input."""
    if name == "-":
        return contextlib.nullcontext(sys.stdin.buffer)  # type: ignore[return-value]
    try:
        return open(name, "rb")  # the caller closes it
    except OSError as error:
        raise InputError(f"cannot read '{name}': {error.strerror}") from None


def read_text(name: str) -> str:
    """Read one request from a file or ('-') standard input, as UTF-8 text."""
    with open_source(name) as stream:
        data = stream.read(MAX_REQUEST_BYTES + 1)
    if len(data) > MAX_REQUEST_BYTES:
        raise BadRequest(f"request is larger than {MAX_REQUEST_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is not part of the JSON
    except UnicodeDecodeError:
        raise BadRequest("request is not UTF-8 text") from None


def guess_format(name: str) -> InputFormat:
    """Return the input format a file name implies (CSV by extension, else JSON Lines)."""
    return "csv" if name.lower().endswith(".csv") else "jsonl"


def collect_garbage() -> None:
    """Turn the garbage collector on for a long batch, if the mgcalc program turned it off.

    What start-up made stays (frozen): only what the records make is examined.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        gc.enable()


def run_batch(
    stream: IO[bytes],
    out: IO[str],
    command: Command,
    *,
    input_format: InputFormat = "jsonl",
    output_format: OutputFormat = "jsonl",
    first_line: int = 1,
    header: bool = True,
) -> Summary:
    """Run every request in *stream*, writing one line to *out* per request, in order.

    A piece of a JSON Lines file gives the number of its *first_line*, and no CSV
    *header* but for the first piece (see :mod:`mgcalc.interfaces.parallel`).
    """
    model = REQUESTS[command]
    records = _jsonl(stream, first_line) if input_format == "jsonl" else _csv(stream, model)
    summary = Summary()
    if header:
        write_header(out, command, output_format)
    run = _run_json if command == "dose" and output_format == "jsonl" else _run_model
    try:
        with _writer(out, command, output_format) as write:
            for block in _blocks(records):
                # Stage by stage over a block: each stage's code stays in the processor's cache.
                requests = [_request(line, record, model) for line, record in block]
                results = [_result(request, run) for request in requests]
                for (line, record), request, result in zip(block, requests, results, strict=True):
                    summary.read += 1
                    if isinstance(result, MgcalcError):
                        summary.errors += 1
                        identifier = _id_of(record)
                        write(line if identifier is None else identifier, line, None, str(result))
                        continue
                    assert not isinstance(request, MgcalcError)
                    outcome, above_ul = result
                    summary.ok += 1
                    summary.above_ul += above_ul
                    write(line if request.id is None else request.id, line, outcome, None)
    except Interrupted as stopped:  # every line counted was written, whole
        raise Interrupted(stopped.signum, summary.read) from None
    return summary


def _blocks(records: Iterator[tuple[int, Record]]) -> Iterator[list[tuple[int, Record]]]:
    """Yield the requests in blocks; a signal (see :mod:`stopping`) ends them between two."""
    while True:
        STOP.waiting = True  # reading: a signal may stop the batch at once
        try:
            block = list(itertools.islice(records, BLOCK_RECORDS))
        finally:
            STOP.waiting = False
        if STOP.signal:
            raise Interrupted(STOP.signal)
        if not block:
            return
        yield block


def _request(line: int, record: Record, model: RequestModel) -> Request | MgcalcError:
    """Read one record as a request (its id the line number if it has none), or say why not."""
    try:
        if isinstance(record, Failed):
            return record.error
        if isinstance(record, str):
            request = parse_request(record, model)
        else:
            request = validate_request(record, model)
    except MgcalcError as error:
        return error
    return request if request.id is not None else request.model_copy(update={"id": line})


def _result(
    request: Request | MgcalcError, run: Callable[[Request], tuple[Outcome, bool]]
) -> tuple[Outcome, bool] | MgcalcError:
    if isinstance(request, MgcalcError):
        return request
    try:
        return run(request)
    except MgcalcError as error:
        return error


def _run_model(request: Request) -> tuple[Outcome, bool]:
    result = run_request(request)
    return result, is_above_ul(result)


def _run_json(request: Request) -> tuple[Outcome, bool]:
    """Run a dose request to its result's field values (written as its Dose's bytes)."""
    assert isinstance(request, DoseRequest)
    fields = dose_fields_of(request)
    return fields, fields.assessment.ul == "above"


@cache
def _dose_json() -> Callable[[DoseFields], bytes]:
    """Return the writer of a dose's JSON from its fields: the memoised parts recur."""
    from mgcalc.interfaces.render.spliced import Spliced
    from mgcalc.nutrition.assessment import Assessment

    return Spliced(
        Dose, nested={"assessment": Spliced(Assessment)},
        by_identity=("diet", "profile", "reference", "interactions"),
        each_by_identity=("items",), by_value=("notes", "warnings", "unknown_with", "next_step"),
    )  # fmt: skip


@dataclass(frozen=True)
class Failed:
    """A record that could not even be read, and the id it seems to carry."""

    error: MgcalcError
    id: str | int | None = None


Record = str | dict[str, object] | Failed


def _id_of(record: Record) -> str | int | None:
    if isinstance(record, Failed):
        return record.id
    if isinstance(record, str):
        return request_id(record)
    found = record.get("id")
    return found if isinstance(found, (str, int)) and not isinstance(found, bool) else None


def is_above_ul(result: Dose | Plan | Conversion) -> bool:
    """Return whether a result's supplemental magnesium is above its upper limit."""
    return not isinstance(result, Conversion) and result.above_ul  # a conversion has no UL


def _decoded(stream: Iterable[bytes], first_line: int = 1) -> Iterator[tuple[int, str | Failed]]:
    for number, raw in enumerate(stream, start=first_line):
        if len(raw) > _MAX_LINE:
            yield number, Failed(BadRequest(f"line {number} is longer than {_MAX_LINE} bytes"))
            continue
        try:
            # Excel's "CSV UTF-8" and some editors start the file with a byte-order mark.
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, Failed(BadRequest(f"line {number} is not UTF-8 text"))


def _jsonl(stream: IO[bytes], first_line: int = 1) -> Iterator[tuple[int, Record]]:
    """Yield each non-blank line's text (parsed later, with the request) or its error."""
    for number, text in _decoded(stream, first_line):
        if isinstance(text, Failed) or text.strip():
            yield number, text


def _csv(stream: IO[bytes], model: RequestModel) -> Iterator[tuple[int, Record]]:
    reader = csv.reader(_csv_text(_decoded(_csv_lines(stream))))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        yield 1, Failed(BadRequest(f"CSV header: {error}"))
        return
    keys = request_keys(model)
    if any(";" in name for name in header) and any(
        name.strip() in keys for cell in header for name in cell.split(";")
    ):  # a spreadsheet set to a European locale separates cells with ';'
        message = "CSV header: the file is separated by ';'; mgcalc reads comma-separated CSV"
        yield 1, Failed(BadRequest(message))
        return
    unknown = [name for name in header if name not in keys]
    if unknown:
        hint = did_you_mean(unknown[0], keys) or f"; the columns are {', '.join(keys)}"
        yield 1, Failed(BadRequest(f"CSV header: unknown column '{unknown[0]}'{hint}"))
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, Failed(BadRequest(f"line {reader.line_num}: {error}"))
            continue
        line = reader.line_num
        if row and row[0] == _UNDECODABLE:
            yield line, Failed(BadRequest(f"line {line} is not UTF-8 text"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        identifier = _csv_id(header, row)
        if len(row) != len(header):
            message = f"line {line} has {len(row)} fields; the header has {len(header)}"
            yield line, Failed(BadRequest(message), identifier)
            continue
        try:
            yield line, _csv_record(dict(zip(header, row, strict=True)))
        except BadRequest as error:
            yield line, Failed(error, identifier)


def _csv_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield a CSV file's lines, whether they end in LF, CRLF or a carriage return alone.

    Some exports still end lines in CR alone (classic Mac OS): the header line tells.
    """
    first = stream.readline()
    if b"\r" not in first.rstrip(b"\r\n"):
        yield first
        yield from stream
        return
    pending = first
    while True:
        *lines, pending = pending.split(b"\r")
        for line in lines:
            yield line + b"\n"
        chunk = stream.read(BLOCK_BYTES)
        if not chunk:
            break
        pending += chunk
    if pending:
        yield pending


def _csv_id(header: list[str], row: list[str]) -> str | None:
    position = header.index("id") if "id" in header else len(row)
    return row[position].strip() or None if position < len(row) else None


def _csv_text(decoded: Iterable[tuple[int, str | Failed]]) -> Iterator[str]:
    for _, text in decoded:
        yield _UNDECODABLE + "\n" if isinstance(text, Failed) else text


def _csv_record(row: dict[str, str]) -> dict[str, object]:
    """Turn CSV cells into the JSON a request would have."""
    record: dict[str, object] = {}
    for key, cell in row.items():
        value = cell.strip()
        if key in ("items", "foods", "with") or (key == "diet" and ";" in value):
            record[key] = [item.strip() for item in value.split(";") if item.strip()]
        elif key in _FLAGS:
            if value.lower() not in _TRUE | _FALSE:
                raise BadRequest(f"column '{key}': '{value[:20]}' is not true or false")
            record[key] = value.lower() in _TRUE
        elif key == "doses" and value:
            if not value.isascii() or not value.isdigit():
                raise BadRequest(f"column 'doses': '{value[:20]}' is not a whole number")
            record[key] = int(value)
        elif value:
            record[key] = value
    return record


@contextlib.contextmanager
def _writer(out: IO[str], command: Command, output_format: OutputFormat) -> Iterator[Writer]:
    """Yield the writer of *output_format*'s lines, sent in blocks of whole lines.

    A block leaves the writer before it is sent, so it is never sent twice; what is held
    at the end (or when the run stops) is sent then, unless sending failed.
    """
    lines = WholeLines(out)
    send = lines.send
    if output_format == "csv":
        with _csv_writer(lines, command) as write_row:
            yield write_row
        return
    block: list[bytes] = []
    size = 0

    def write(id: str | int, line: int, outcome: Outcome | None, error: str | None) -> None:
        nonlocal size
        pieces = _json_line(id, line, outcome, error)
        block.extend(pieces)  # joined once with the block's other lines: no copy of each
        size += sum(map(len, pieces))
        if size >= BLOCK_BYTES:
            whole = b"".join(block)
            block.clear()
            size = 0
            send(whole)

    try:
        yield write
    finally:  # whole lines only, even when the run is cut short
        if block and not lines.failed:
            whole = b"".join(block)
            block.clear()
            send(whole)


def _json_line(
    id: str | int, line: int, outcome: Outcome | None, error: str | None
) -> tuple[bytes, ...]:
    """Return one line of compact JSON, the bytes of ``BatchLine.model_dump_json()``, in pieces.

    The envelope is put together here around the result's own serialised bytes.
    """
    if outcome is None:
        return (_FAILED % (to_json(id), line, line, to_json(error)),)
    if isinstance(outcome, DoseFields):
        result = _dose_json()(outcome)
    else:
        result = outcome.__pydantic_serializer__.to_json(outcome)
    return _OK_BEFORE % (to_json(id), line), result, _OK_AFTER


_HEAD = b'{"schema_version":3,"id":%b,"line":%d,'
_OK_BEFORE = _HEAD + b'"ok":true,"result":'
_OK_AFTER = b',"error":null}\n'
_FAILED = _HEAD + b'"ok":false,"result":null,"error":{"line":%d,"message":%b}}\n'


# The person's reference values close each row, so a spreadsheet shows what was compared.
_REFERENCE_COLUMNS = ("standard", "group", "rda_mg", "ai_mg", "ul_mg")
_CSV_COLUMNS = {
    "dose": ("supplemental_mg", "diet_mg", "total_mg", "adequacy", "ul",
             "percent_of_reference", "percent_of_ul", *_REFERENCE_COLUMNS),
    "plan": ("units", "compound_mg", "supplemental_mg", "total_mg", "capped_by_ul",
             "percent_of_target", "percent_of_ul", *_REFERENCE_COLUMNS),
    # A label's amount in every unit; then --unit's count, --weight's kg and --over's rates.
    "convert": ("input", "form", "product", "name", "read_as", "compound_mg", "elemental_mg",
                "mmol", "meq", "volume_ml", "unit", "units", "weight_kg", "ml_per_h",
                "mg_per_h", "meq_per_h"),
}  # fmt: skip


def write_header(out: IO[str], command: Command, output_format: OutputFormat) -> None:
    """Write the header row that CSV output starts with (JSON Lines have none)."""
    if output_format == "csv":
        csv.writer(out, lineterminator="\n").writerow(
            ("id", "line", "ok", *_CSV_COLUMNS[command], "error")
        )


@contextlib.contextmanager
def _csv_writer(lines: WholeLines, command: Command) -> Iterator[Writer]:
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    # csv quotes a cell holding "\n" but not a lone "\r", which readers take as a line break.
    quoted = csv.writer(rows, lineterminator="\n", quoting=csv.QUOTE_ALL)
    columns = _CSV_COLUMNS[command]

    def sent() -> None:
        whole = rows.getvalue().encode()
        rows.seek(0)
        rows.truncate()
        lines.send(whole)

    def write(id: str | int, line: int, result: Outcome | None, error: str | None) -> None:
        assert not isinstance(result, DoseFields)  # a CSV row is made from the model
        values: list[object] = [id, line, "true" if result is not None else "false"]
        if result is None:
            values += [""] * len(columns)
        else:
            data = _flat(result)
            values += ["" if data.get(column) is None else data[column] for column in columns]
        values.append("" if error is None else error)
        row = [spreadsheet_cell(value) for value in values]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in row)
        (quoted if carriage_return else writer).writerow(row)
        if rows.tell() >= BLOCK_BYTES:
            sent()

    try:
        yield write
    finally:  # whole rows only, even when the run is cut short
        if rows.tell() and not lines.failed:
            sent()


def _flat(result: Dose | Plan | Conversion) -> dict[str, Any]:
    """Return a result's fields with the nested ones a CSV row shows lifted to the top."""
    data = result.model_dump()
    if isinstance(result, Conversion):
        by_unit, per_kg, rate = result.by_unit, result.per_kg, result.rate
        data.update(
            product=result.product and result.product.key,
            unit=by_unit and by_unit.unit, units=by_unit and by_unit.count,
            weight_kg=per_kg and per_kg.weight_kg, ml_per_h=rate and rate.ml_per_h,
            mg_per_h=rate and rate.mg_per_h, meq_per_h=rate and rate.meq_per_h,
        )  # fmt: skip
        return data
    data.update(data.pop("assessment", {}) or {})
    data.update({key: data["reference"][key] for key in _REFERENCE_COLUMNS})
    return data

"""The one family of errors mgcalc raises on purpose; the CLI turns them into exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_ABOVE_UL = 3  # only with --fail-above-ul
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT
EXIT_TERMINATED = 143  # SIGTERM, likewise (128 + the signal's number)
MAX_JOBS = 64  # --jobs: the same bound on every machine, so a script behaves alike everywhere


class MgcalcError(Exception):
    """Base of every error mgcalc raises on purpose."""

    exit_code = EXIT_FAILURE


class InputError(MgcalcError, ValueError):
    """The user's input was wrong; the message says what and how to fix it."""

    exit_code = EXIT_BAD_INPUT


class UsageError(InputError):
    """The command line is wrong: an unknown option, a missing argument."""


class BadAmount(InputError):
    """An amount could not be read strictly."""


class BadWeight(InputError):
    """A body weight could not be read, or is outside what mgcalc accepts."""


class BadDuration(InputError):
    """A duration could not be read, or is not above zero."""


class UnknownForm(InputError, LookupError):
    """No magnesium form has that name."""


class BadFormula(InputError):
    """A chemical formula could not be read unambiguously."""


class DataError(MgcalcError):
    """A shipped data file is corrupt: a failure of mgcalc, not of the user."""

    def __init__(
        self, file: str, message: str, *, row: int | None = None, field: str | None = None
    ):
        where = file if row is None else f"{file}, row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
        self.file, self.row, self.field = file, row, field


class BadDiet(InputError):
    """A diet entry, food amount or tracker file could not be read."""


class UnknownFood(InputError, LookupError):
    """No food, or more than one equally well, matches a query."""


class WorkerFailed(MgcalcError):
    """A worker process of a parallel batch died or failed."""


class Interrupted(MgcalcError):
    """A batch was stopped by SIGINT (Ctrl-C) or SIGTERM, after *lines* whole output lines."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, signum: int, lines: int = 0) -> None:
        import signal  # only here: an interrupted batch is rare

        name = signal.Signals(signum).name
        super().__init__(
            f"interrupted by {name}; {lines} result lines written, each whole, in input order"
        )
        self.signum, self.lines = signum, lines
        self.exit_code = 128 + signum  # 130 for SIGINT, 143 for SIGTERM, as a shell reports them

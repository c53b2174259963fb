"""The saved profile is written whole or not at all, and a file that is not one is left alone."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

from mgcalc.interfaces import saved

PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
PYPROJECT = '[project]\nname = "mine"\nversion = "1.0"\n'
FOREIGN = [
    pytest.param(PASSWD, "not TOML", id="passwd"),
    pytest.param(PYPROJECT, "unknown key 'project'", id="pyproject"),
    pytest.param('age = "40"\ncolour = "blue"\n', "unknown key 'colour'", id="one-key-too-many"),
    pytest.param(b"\xff\xfe\x00", "not UTF-8", id="binary"),
]


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(("content", "reason"), FOREIGN)
@pytest.mark.parametrize(
    "args", [["profile", "clear"], ["profile", "set", "--age", "40"]], ids=["clear", "set"]
)
def test_a_foreign_file_is_neither_deleted_nor_overwritten(
    mgcalc: Any, no_saved_profile: Path, content: str | bytes, reason: str, args: list[str]
) -> None:
    _write(no_saved_profile, content)
    before = no_saved_profile.read_bytes()
    run = mgcalc(*args)
    assert_refused(run, f"'{no_saved_profile}' is not an mgcalc profile ({reason}")
    assert "if it is a damaged profile, delete it by hand" in run.stderr
    assert "profile clear" not in run.stderr
    assert no_saved_profile.read_bytes() == before


@pytest.mark.parametrize(("content", "reason"), FOREIGN)
def test_reading_a_foreign_file_never_suggests_clear(
    mgcalc: Any, no_saved_profile: Path, content: str | bytes, reason: str
) -> None:
    _write(no_saved_profile, content)
    for args in (["reference"], ["profile", "show"], ["dose", "oxide=1g"]):
        run = mgcalc(*args)
        assert_refused(run, reason)
        assert "profile clear" not in run.stderr


@pytest.mark.parametrize(
    "content",
    ["", "# nothing yet\n", 'age = "forty"\n', 'standard = "mars"\nsex = "f"\n', "age = true\n"],
    ids=["empty", "comment", "bad-age", "bad-standard", "not-text"],
)
def test_clear_deletes_an_empty_or_damaged_profile(
    mgcalc: Any, no_saved_profile: Path, content: str
) -> None:
    no_saved_profile.write_text(content, encoding="utf-8")
    run = mgcalc("profile", "clear")
    assert run.exit_code == 0 and "Deleted" in run.stdout
    assert not no_saved_profile.exists()


def test_set_replaces_a_damaged_profile(mgcalc: Any, no_saved_profile: Path) -> None:
    no_saved_profile.write_text('age = "forty"\n', encoding="utf-8")
    assert mgcalc("profile", "set", "--age", "41").exit_code == 0
    assert saved.load() is not None and saved.load().age == "41"  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
@pytest.mark.parametrize(
    "args", [["reference"], ["profile", "clear"], ["profile", "set", "--age", "4"]], ids=str
)
def test_a_profile_that_is_not_a_regular_file_is_one_line(
    mgcalc: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str, args: list[str]
) -> None:
    """A FIFO with no writer is refused at once (no hang), a device is not read."""
    path = tmp_path / "profile.toml"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        path = Path("/dev/zero")  # a MemoryError when read whole
    monkeypatch.setenv("MGCALC_CONFIG", str(path))
    run = mgcalc(*args)
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    assert str(path) in run.stderr


def test_a_huge_profile_is_read_only_to_its_cap(mgcalc: Any, no_saved_profile: Path) -> None:
    with no_saved_profile.open("wb") as stream:
        stream.truncate(4 * 1024**3)  # 4 GB, sparse: reading it whole would take minutes
    run = mgcalc("reference")
    assert_refused(run, f"larger than {saved.MAX_PROFILE_BYTES} bytes")


def test_set_writes_through_a_link_and_leaves_nothing_beside(
    mgcalc: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "dotfiles").mkdir()
    target = tmp_path / "dotfiles" / "mgcalc.toml"
    target.write_text('age = "30"\n')
    link = tmp_path / "profile.toml"
    link.symlink_to(target)
    monkeypatch.setenv("MGCALC_CONFIG", str(link))
    assert mgcalc("profile", "set", "--age", "31", "--sex", "m").exit_code == 0
    assert link.is_symlink()
    assert 'age = "31"' in target.read_text()
    assert sorted(p.name for p in target.parent.iterdir()) == ["mgcalc.toml"]


def test_a_failed_write_leaves_the_old_profile(tmp_path: Path) -> None:
    """A full disk (here a file size limit: EFBIG) fails the temporary file, not the profile."""
    import resource
    import signal

    path = tmp_path / "profile.toml"
    path.write_text('age = "40"\n')
    environment = {**os.environ, "MGCALC_CONFIG": str(path)}

    def small_disk() -> None:  # pragma: no cover - runs in the child
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20, 20))  # the new profile is longer

    done = subprocess.run(
        [sys.executable, "-m", "mgcalc", "profile", "set", "--age", "41", "--sex", "female"],
        capture_output=True, env=environment, preexec_fn=small_disk, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.decode() == (f"error: cannot write saved profile '{path}': File too large\n")
    assert path.read_text() == 'age = "40"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["profile.toml"]  # no temporary file left


ROUNDS = 200
A = {"age": "25", "sex": "female", "standard": "eu", "diet": "250mg", "weight": "60kg"}
B = {"age": "70", "sex": "male", "standard": "uk", "diet": "400mg", "weight": "90kg"}


def _setter(folder: str, values: dict[str, str | None], start: Any) -> None:
    start.wait()
    for number in range(ROUNDS):
        os.environ[saved.CONFIG_ENV] = os.path.join(folder, f"{number}.toml")
        saved.save(values)


def _reader(folder: str, start: Any, seen: Any) -> None:
    """Read every profile while they are written: each is missing, A or B, never less."""
    start.wait()
    bad = 0
    for _ in range(3):
        for number in range(ROUNDS):
            os.environ[saved.CONFIG_ENV] = os.path.join(folder, f"{number}.toml")
            found = saved.load()
            if found is not None and found.values() not in (A, B):
                bad += 1
    seen.value = bad


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_concurrent_sets_leave_one_whole_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 pairs of `profile set` at once, with a reader: each file ends as one of the two."""
    context = multiprocessing.get_context("fork")
    start = context.Barrier(3)
    seen = context.Value("i", -1)
    processes = [
        context.Process(target=_setter, args=(str(tmp_path), A, start)),
        context.Process(target=_setter, args=(str(tmp_path), B, start)),
        context.Process(target=_reader, args=(str(tmp_path), start, seen)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(300)
        assert process.exitcode == 0
    assert seen.value == 0
    for number in range(ROUNDS):
        monkeypatch.setenv(saved.CONFIG_ENV, str(tmp_path / f"{number}.toml"))
        found = saved.load()
        assert found is not None and found.values() in (A, B)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.toml" for n in range(ROUNDS))


def test_the_check_is_made_under_the_lock(tmp_path: Path) -> None:
    """A foreign file that appears while a writer waits for the lock is not overwritten."""
    fcntl = pytest.importorskip("fcntl")
    path = tmp_path / "profile.toml"
    environment = {**os.environ, "MGCALC_CONFIG": str(path)}
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        child = subprocess.Popen(
            [sys.executable, "-m", "mgcalc", "profile", "set", "--age", "50"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        path.write_text(PYPROJECT)  # the foreign file appears while the writer waits
    finally:
        os.close(folder)  # releases the lock
    _, errors = child.communicate(timeout=120)
    assert child.returncode == 2 and b"is not an mgcalc profile" in errors
    assert path.read_text() == PYPROJECT

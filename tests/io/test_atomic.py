"""Atomic writes: the new content or the old, the usual permissions, no temporary file left;
through symbolic links, never over a read-only file, and stale temporaries cleaned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document
from jsswhatif.io import atomic
from jsswhatif.io.atomic import (
    PRIVATE_MODE,
    ReadOnlyFileError,
    remove_stale_temporaries,
    write_atomic,
)
from jsswhatif.io.contracts_csv import read_contracts_csv, write_contracts_csv
from jsswhatif.io.store import save_document


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    write_atomic(target, "Zoë\n")
    assert target.read_bytes() == b"Zo\xc3\xab\n"
    assert _leftovers(tmp_path) == []


def test_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "plot.png"
    write_atomic(target, b"\x89PNG\x00\xff")
    assert target.read_bytes() == b"\x89PNG\x00\xff"


def test_a_new_file_gets_what_open_would_give_it(tmp_path: Path) -> None:
    """Under umask 027 a plain open() makes 0o666 & ~0o027 = 0o640 (mkstemp alone: 0o600)."""
    old_umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_replace_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    """A folder in the way makes os.replace fail after the data was written and fsynced."""
    target = tmp_path / "doc.jsswhatif"
    target.mkdir()
    (target / "inside.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(IsADirectoryError):
        write_atomic(target, "new content")
    assert _leftovers(tmp_path) == []
    assert (target / "inside.txt").read_text(encoding="utf-8") == "kept"


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no such folder" / "doc.jsswhatif", "x")
    assert not (tmp_path / "no such folder").exists()


# -- through symbolic links, onto read-only files (issue 13, item 7) -----------------------------


def test_a_symbolic_link_is_kept_and_its_target_written(tmp_path: Path) -> None:
    """Saving replaced the link with a file; the real target kept the old content."""
    real = tmp_path / "elsewhere" / "doc.jsswhatif"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "doc.jsswhatif"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert _leftovers(tmp_path) == []
    assert _leftovers(real.parent) == []


def test_a_chain_of_links_is_followed_to_its_end_even_a_missing_one(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    middle = tmp_path / "middle.txt"
    middle.symlink_to(real)  # dangling: the write creates the target, as open() would
    link = tmp_path / "link.txt"
    link.symlink_to(middle)
    write_atomic(link, "new")
    assert (link.is_symlink(), middle.is_symlink()) == (True, True)
    assert real.read_text(encoding="utf-8") == "new"


def test_a_loop_of_links_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.symlink_to(two)
    two.symlink_to(one)
    with pytest.raises(OSError, match="leads in a loop"):
        write_atomic(one, "new")
    assert (one.is_symlink(), two.is_symlink()) == (True, True)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["one", "two"]


@pytest.mark.parametrize("through_link", [False, True])
def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path, through_link: bool) -> None:
    """A rename needs only the folder to be writable: a read-only file was silently replaced
    (also for the superuser, whom the system lets write anything)."""
    target = tmp_path / "kept.jsswhatif"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    named = target
    if through_link:
        named = tmp_path / "link.jsswhatif"
        named.symlink_to(target)
    with pytest.raises(ReadOnlyFileError) as caught:
        write_atomic(named, "new")
    assert caught.value.strerror == (
        "the file is read-only (make it writable, or save under another name)"
    )
    assert caught.value.filename == str(named)
    assert isinstance(caught.value, PermissionError)
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_a_private_file_is_owner_only_from_its_creation(tmp_path: Path) -> None:
    target = tmp_path / "autosave.jsswhatif"
    write_atomic(target, "mine", private=True)
    assert target.stat().st_mode & 0o777 == PRIVATE_MODE
    target.chmod(0o644)
    write_atomic(target, "still mine", private=True)
    assert target.stat().st_mode & 0o777 == PRIVATE_MODE


def test_documents_and_contracts_csvs_are_saved_through_links_never_over_read_only_files(
    tmp_path: Path,
) -> None:
    """The savers of documents and contracts CSVs write through write_atomic (item 7)."""
    contract = make_contract(id="c1", client="Acme", start="2026-01-05")
    for name, save, load in (
        ("doc.jsswhatif", lambda p: save_document(p, Document(contracts=(contract,))), None),
        ("contracts.csv", lambda p: write_contracts_csv(p, [contract]), read_contracts_csv),
    ):
        real = tmp_path / "real" / name
        real.parent.mkdir(exist_ok=True)
        real.write_text("old", encoding="utf-8")
        link = tmp_path / name
        link.symlink_to(real)
        save(link)
        assert link.is_symlink()
        assert real.read_text(encoding="utf-8") != "old"
        if load is not None:
            assert load(link) == (contract,)
        real.chmod(0o444)
        before = real.read_bytes()
        with pytest.raises(ReadOnlyFileError):
            save(link)
        assert real.read_bytes() == before


# -- temporary files that a killed save left (issue 13, item 9) -----------------------------------


def _orphan(target: Path, name: str = "abcd1234", age: float = 0.0) -> Path:
    """A temporary file as a save killed mid-write leaves it: nobody holds its lock."""
    orphan = target.parent / f".{target.name}.{name}.tmp"
    orphan.write_bytes(b"half a docu")
    if age:
        then = time.time() - age
        os.utime(orphan, (then, then))
    return orphan


def test_the_next_save_removes_the_temporaries_killed_saves_left(tmp_path: Path) -> None:
    target = tmp_path / "doc.jsswhatif"
    orphans = [_orphan(target), _orphan(target, "tmp_5x9q")]  # ours, and mkstemp's of before
    write_atomic(target, "saved")
    assert _leftovers(tmp_path) == []
    assert not any(orphan.exists() for orphan in orphans)


def test_other_files_and_temporaries_of_other_files_are_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "doc.jsswhatif"
    kept = [
        _orphan(tmp_path / "other.jsswhatif"),  # another file's temporary
        tmp_path / ".doc.jsswhatif.backup.tmp",  # not a name we make
        tmp_path / "doc.jsswhatif.abcd1234.tmp",  # not hidden: not ours
    ]
    kept[1].write_text("user's", encoding="utf-8")
    kept[2].write_text("user's", encoding="utf-8")
    folder = tmp_path / ".doc.jsswhatif.abcdefgh.tmp"
    folder.mkdir()  # a folder of that name is not a temporary file
    write_atomic(target, "saved")
    assert all(path.exists() for path in [*kept, folder])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs flock (POSIX)")
def test_a_temporary_another_save_is_writing_is_left_alone(tmp_path: Path) -> None:
    """Another process (or thread) saving the same file holds its temporary's lock."""
    import fcntl

    target = tmp_path / "doc.jsswhatif"
    busy = _orphan(target, age=3600.0)
    with busy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert remove_stale_temporaries(target) == []
        write_atomic(target, "saved")
        assert busy.exists()
    assert remove_stale_temporaries(target) == [busy]


def test_without_locks_a_temporary_is_stale_after_five_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no lock can be tried (Windows, some network folders), the age decides."""
    monkeypatch.setattr(atomic, "_try_lock", lambda fd: None)
    target = tmp_path / "doc.jsswhatif"
    fresh = _orphan(target, "fresh123", age=60.0)
    stale = _orphan(target, "stale123", age=atomic.STALE_AFTER_SECONDS + 60.0)
    assert remove_stale_temporaries(target) == [stale]
    assert fresh.exists()
    assert remove_stale_temporaries(target, now=time.time() + 3600) == [fresh]


def test_a_temporary_is_never_wider_than_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary left by a kill had mode 0600 beside a 0644 file; it now has the target's
    mode from its creation (seen here as the save is interrupted before the rename)."""
    target = tmp_path / "doc.jsswhatif"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)

    def interrupted(*_: object) -> None:
        leftover = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert [p.stat().st_mode & 0o777 for p in leftover] == [0o640]
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert _leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "old"


def test_a_temporary_removed_before_its_lock_was_taken_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between creating its temporary and locking it, a save may see another save lock it (it
    looked stale, and that save removes it) or remove it already: the save makes a new one."""
    target = tmp_path / "doc.jsswhatif"
    answers = iter([False, None, True])  # locked by another; no locks here; taken
    monkeypatch.setattr(atomic, "_try_lock", lambda fd: next(answers))
    original = atomic._same_file
    sames = iter([False])  # the second one was removed before its lock was taken
    monkeypatch.setattr(atomic, "_same_file", lambda fd, name: next(sames, original(fd, name)))
    write_atomic(target, "saved")
    assert target.read_text(encoding="utf-8") == "saved"
    assert len(_leftovers(tmp_path)) == 2  # in life, the other save removes them
    monkeypatch.undo()
    write_atomic(target, "saved again")
    assert _leftovers(tmp_path) == []


def test_a_save_gives_up_when_it_never_gets_its_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_try_lock", lambda fd: False)
    target = tmp_path / "doc.jsswhatif"
    with pytest.raises(OSError, match="could not create a temporary file"):
        write_atomic(target, "x")
    assert not target.exists()
    monkeypatch.undo()
    assert len(remove_stale_temporaries(target)) == 5


def test_an_unreadable_folder_or_temporary_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert remove_stale_temporaries(tmp_path / "missing" / "doc.jsswhatif") == []
    target = tmp_path / "doc.jsswhatif"
    orphan = _orphan(target)

    def refuse(*_: object, **__: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert remove_stale_temporaries(target) == []
    assert orphan.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_pipe_named_like_a_temporary_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "doc.jsswhatif"
    pipe = tmp_path / ".doc.jsswhatif.abcd1234.tmp"
    os.mkfifo(pipe)
    assert remove_stale_temporaries(target) == []
    assert pipe.exists()


@pytest.mark.skipif(atomic._FCNTL is None, reason="needs flock (POSIX)")
def test_where_the_file_system_refuses_locks_the_age_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network folders answer flock with ENOLCK: saves still work, and temporaries age."""

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(37, "No locks available")

    monkeypatch.setattr(atomic._FCNTL, "flock", no_locks)
    target = tmp_path / "doc.jsswhatif"
    fresh = _orphan(target, "fresh123")
    write_atomic(target, "saved")
    assert target.read_text(encoding="utf-8") == "saved"
    assert fresh.exists()
    assert remove_stale_temporaries(target, now=time.time() + 3600) == [fresh]


def test_a_failure_while_making_the_temporary_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "doc.jsswhatif", "x")
    monkeypatch.undo()
    assert _leftovers(tmp_path) == []
    assert not (tmp_path / "doc.jsswhatif").exists()


def test_a_temporary_that_vanished_is_not_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.tmp"
    path.write_text("x", encoding="utf-8")
    fd = os.open(path, os.O_RDONLY)
    try:
        assert atomic._same_file(fd, path)
        path.unlink()
        assert not atomic._same_file(fd, path)
    finally:
        os.close(fd)

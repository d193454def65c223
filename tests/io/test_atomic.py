"""Atomic writes: the new content or the old, the usual permissions, no temporary file left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jsswhatif.io.atomic import write_atomic


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

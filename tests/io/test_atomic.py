"""Atomic writes: the new content or the old, the usual permissions, no temporary file left;
through symbolic links, and never over a read-only file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document
from jsswhatif.io.atomic import PRIVATE_MODE, ReadOnlyFileError, write_atomic
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

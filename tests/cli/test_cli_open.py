"""``jsswhatif FILE...`` opens the file, as the desktop file's ``Exec=jsswhatif %F`` asks
(issue 13, item 2): the application starts on the first file and standard error names the
others; a command's name is still the command, and ``jsswhatif open NAME`` opens a file that
has one. The application itself is replaced by a stand-in here; tests/packaging runs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from jsswhatif.cli import main
from jsswhatif.core.document import Document
from jsswhatif.io.store import save_document


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """The files the application was started on: a stand-in module takes the place of
    ``jsswhatif.app.launch``, so that neither Qt nor the application is loaded."""
    calls: list[Path | None] = []

    def run(path: Path | None = None) -> int:
        calls.append(path)
        return 0

    stand_in = ModuleType("jsswhatif.app.launch")
    stand_in.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jsswhatif.app.launch", stand_in)
    return calls


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "mine.jsswhatif"
    save_document(path, Document(title="Mine"))
    return path


def test_a_file_alone_opens_it(
    document: Path, started: list[Path | None], capsys: pytest.CaptureFixture[str]
) -> None:
    """``jsswhatif FILE`` was refused: "invalid choice"."""
    assert main([str(document)]) == 0
    assert started == [document]
    assert capsys.readouterr() == ("", "")


def test_several_files_open_the_first_and_name_the_others(
    document: Path, tmp_path: Path, started: list[Path | None], capsys: pytest.CaptureFixture[str]
) -> None:
    others = [tmp_path / "b.csv", tmp_path / "c\nd.jsswhatif"]
    assert main([str(document), *map(str, others)]) == 0
    assert started == [document]
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"jsswhatif: opening {document} only, one document per window "
        f"(not opened: {others[0]}, {tmp_path}/c\\nd.jsswhatif)\n"
    )


def test_open_takes_files_too(document: Path, started: list[Path | None]) -> None:
    assert main(["open", str(document), str(document)]) == 0
    assert started == [document]


def test_a_file_named_like_a_command_opens_with_open(
    tmp_path: Path,
    started: list[Path | None],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    save_document(tmp_path / "score", Document())
    assert main(["score"]) == 2  # the command, which needs a file
    assert "the following arguments are required: file" in capsys.readouterr().err
    assert main(["open", "score"]) == 0
    assert started == [Path("score")]


def test_a_file_starting_with_a_dash_opens_after_two_dashes(
    tmp_path: Path, started: list[Path | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    save_document(tmp_path / "-odd.jsswhatif", Document())
    assert main(["--", "-odd.jsswhatif"]) == 0
    assert started == [Path("-odd.jsswhatif")]


def test_no_argument_starts_on_the_last_work(started: list[Path | None]) -> None:
    assert main([]) == 0
    assert started == [None]


@pytest.mark.parametrize("name", ["missing.jsswhatif", "folder/missing.csv"])
def test_a_missing_file_is_one_line_and_the_application_does_not_start(
    tmp_path: Path,
    started: list[Path | None],
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    path = tmp_path / name
    assert main([str(path)]) == 2
    assert capsys.readouterr().err == (
        f"jsswhatif: error: {path}: cannot be read: No such file or directory\n"
    )
    assert started == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_fifo_or_a_folder_is_refused_before_the_application_starts(
    tmp_path: Path, started: list[Path | None], capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a FIFO hung the application (File > Open read it on the interface thread)."""
    pipe = tmp_path / "pipe.jsswhatif"
    os.mkfifo(pipe)
    assert main([str(pipe)]) == 2
    assert capsys.readouterr().err == f"jsswhatif: error: {pipe}: is not a regular file\n"
    assert main(["open", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"jsswhatif: error: {tmp_path}: is not a regular file\n"
    assert started == []


def test_a_misspelt_command_is_named_as_one(
    started: list[Path | None], capsys: pytest.CaptureFixture[str]
) -> None:
    """A word that is no command, has no suffix and names no file is not taken for a file."""
    assert main(["scroe"]) == 2
    assert "invalid choice: 'scroe'" in capsys.readouterr().err
    assert started == []

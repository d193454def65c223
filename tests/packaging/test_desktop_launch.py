"""The desktop file's command line, run as a file manager runs it (issue 13, item 2).

``Exec=jsswhatif %F``: the file manager replaces ``%F`` with the files chosen, each its own
argument, and runs the installed ``jsswhatif`` command. Double-clicking a ``.jsswhatif``
showed nothing: ``jsswhatif FILE`` was refused as an invalid choice.
"""

from __future__ import annotations

import configparser
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document
from jsswhatif.io.store import save_document

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "io.github.jsswhatif.JssWhatIf.desktop"


def _exec_line() -> list[str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("="))
    parser.read(DESKTOP, encoding="utf-8")
    return shlex.split(parser["Desktop Entry"]["Exec"])


def _installed_command() -> str:
    """The ``jsswhatif`` command installed beside this Python (the package's entry point)."""
    found = shutil.which("jsswhatif", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the jsswhatif command is not installed beside this Python")
    return found


def _launch(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the Exec line with ``%F`` expanded to ``files``, offscreen, quitting by timer."""
    words = _exec_line()
    assert words[0] == "jsswhatif"
    assert "%F" in words
    argv = [_installed_command()]
    for word in words[1:]:
        argv += [str(f) for f in files] if word == "%F" else [word]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JSSWHATIF_QUIT_AFTER_MS": "1500"}
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)


def _recent_files() -> list[str]:
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "jsswhatif" / "settings.json"
    recent: list[str] = json.loads(settings.read_text(encoding="utf-8"))["recent_files"]
    return recent


def test_the_exec_line_opens_the_file_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "double-clicked.jsswhatif"
    contract = make_contract(id="c1", client="Acme", start="2026-01-05", earnings="500")
    save_document(path, Document(title="Double-clicked", contracts=(contract,)))
    done = _launch([path])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert _recent_files()[0] == str(path)  # the window opened it


def test_several_files_open_the_first_and_name_the_others(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsswhatif", tmp_path / "second.csv"
    save_document(first, Document(title="First"))
    second.write_text("client,start\nAcme,2026-01-05\n", encoding="utf-8")
    done = _launch([first, second])
    assert done.returncode == 0, done.stderr
    assert f"opening {first} only, one document per window (not opened: {second})" in done.stderr
    assert _recent_files()[0] == str(first)


def test_a_file_that_cannot_be_opened_is_one_line_and_status_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsswhatif"
    path.write_text('{"format": "jsswhatif", "version": 1, "as_of": "9999-01-01"}', "utf-8")
    done = _launch([path])
    assert done.returncode == 2
    assert done.stderr.startswith(f"jsswhatif: error: {path}: field 'as_of': is after 2199-12-31")
    assert done.stderr.count("\n") == 1

"""``jsswhatif score`` and ``timeline`` on saved documents, and bad documents as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jsswhatif.cli import EXIT_BAD_INPUT
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.document import Document
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set
from jsswhatif.io.store import save_document

from .conftest import run

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
DROPPED = SAMPLES / "dropped-92-to-90.jsswhatif"
VETERAN = SAMPLES / "veteran-unended-contracts.jsswhatif"


def test_score_json_of_a_sample_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "score", str(DROPPED), "--as-of", "2026-09-17", "--json")
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result["rules"] == "upwork-2024-09"  # the document's rule set
    assert result["displayed"] == 90
    assert result["windows"]["24"] == 90.0
    assert len(result["contracts"]) == 11


def test_score_uses_the_rule_set_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "score", str(VETERAN), "--as-of", "2026-09-27", "--rules", "upwork-2015", "--json"
    )
    assert status == 0
    assert json.loads(out)["displayed"] == 61


def test_score_uses_the_active_scenario_and_custom_rule_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def job(contract_id: str) -> Contract:
        dates = {"start": "2026-01-05", "end": "2026-02-01"}
        return make_contract(id=contract_id, client=contract_id, earnings=100, public=5, **dates)

    fair = custom_rule_set(PRESETS_BY_NAME["upwork-2024-09"], "fair", min_outcomes=3)
    document = Document(contracts=(job("a"), job("b")), rule_sets=(fair,), rules_name="fair")
    document = document.with_new_scenario("three").with_contract(job("c"), "three")
    path = tmp_path / "mine.jsswhatif"
    save_document(path, document)
    status, out, _ = run(capsys, "score", str(path), "--as-of", "2026-03-01", "--json")
    assert (status, json.loads(out)["displayed"]) == (0, None)  # two outcomes: no JSS
    save_document(path, document.model_copy(update={"active_scenario": "three"}))
    status, out, _ = run(capsys, "score", str(path), "--as-of", "2026-03-01", "--json")
    assert (status, json.loads(out)["rules"], json.loads(out)["displayed"]) == (0, "fair", 100)


def test_timeline_of_a_sample_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "timeline", str(DROPPED), "--from", "2026-09-13", "--to", "2026-09-16", "--csv"
    )
    assert status == 0
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        ("2026-09-13", "92"),
        ("2026-09-14", "92"),
        ("2026-09-15", "90"),
        ("2026-09-16", "90"),
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": "jsswhatif", "version": 7}', "newer jsswhatif (format version 7"),
        (b"{oops", "is not valid JSON"),
        (b'{"format": "other", "version": 1}', "is not a jsswhatif document"),
        (
            b'{"format": "jsswhatif", "version": 1, "contracts": '
            b'[{"id": "c1", "client": "A", "start": "2026-03-01", "end": "2026-01-01"}]}',
            "contract 'c1': end '2026-01-01' must be on or after start 2026-03-01",
        ),
    ],
)
@pytest.mark.parametrize("command", ["score", "timeline"])
def test_a_bad_document_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, content: bytes, words: str
) -> None:
    path = tmp_path / "bad.jsswhatif"
    path.write_bytes(content)
    extra = ["--from", "2026-01-01", "--to", "2026-01-02"] if command == "timeline" else []
    status, out, err = run(capsys, command, str(path), *extra)
    assert status == EXIT_BAD_INPUT
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"jsswhatif: error: {path}: ")
    assert words in err


def test_a_missing_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "score", str(tmp_path / "gone.jsswhatif"))
    assert status == EXIT_BAD_INPUT
    assert "cannot be read: No such file or directory" in err


def test_score_a_sample_through_the_installed_command() -> None:
    command = [sys.executable, "-m", "jsswhatif", "score", str(VETERAN), "--as-of", "2026-09-27"]
    result = subprocess.run([*command, "--json"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["displayed"] == 95

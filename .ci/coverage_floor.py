"""Hold each package of jsswhatif to its branch-coverage floor.

Reads the JSON report of ``pytest --cov --cov-report=json:PATH`` (coverage.py measuring
branches, as configured in pyproject.toml), prints one line per package and exits with 1 when
any package is below its floor::

    python .ci/coverage_floor.py PATH

A package's figure is coverage.py's own branch-mode percentage over its files: covered lines
plus covered branches, over statements plus branches. Floors only go up: raise one when its
package's figure has risen for good.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Package (a folder or a module, relative to the repository) -> minimum percent.
FLOORS: dict[str, float] = {
    "jsswhatif/core": 95.0,
    "jsswhatif/io": 95.0,
    "jsswhatif/app": 92.0,
    "jsswhatif/cli.py": 93.0,
}


def package_of(path: str) -> str | None:
    """The floored package that holds ``path`` (a file name in the report), if any."""
    path = path.replace("\\", "/")
    for package in FLOORS:
        if path == package or path.startswith(package + "/"):
            return package
    return None


def figures(report: dict[str, object]) -> dict[str, tuple[float, int, int]]:
    """Package -> (percent, covered lines and branches, statements and branches)."""
    totals = {package: [0, 0] for package in FLOORS}
    files = report["files"]
    assert isinstance(files, dict)
    for path, data in files.items():
        package = package_of(path)
        if package is None:
            continue
        summary = data["summary"]
        totals[package][0] += summary["covered_lines"] + summary.get("covered_branches", 0)
        totals[package][1] += summary["num_statements"] + summary.get("num_branches", 0)
    return {
        package: (100.0 * covered / total if total else 100.0, covered, total)
        for package, (covered, total) in totals.items()
    }


def main(argv: list[str]) -> int:
    """Print every package's figure against its floor; 1 if any is below (or unmeasured)."""
    if len(argv) != 1:
        print("usage: coverage_floor.py COVERAGE_JSON", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.is_file():
        print(f"FAIL coverage floor: no coverage report at {path} (did pytest --cov run?)")
        return 1
    report = json.loads(path.read_text(encoding="utf-8"))
    if not report.get("meta", {}).get("branch_coverage"):
        print("coverage floor: the report was not measured by branch (branch = true)")
        return 1
    failed = False
    for package, (percent, covered, total) in figures(report).items():
        floor = FLOORS[package]
        if total == 0:
            print(f"FAIL {package}: not measured (no files in the report)")
            failed = True
        elif percent < floor:
            print(
                f"FAIL {package}: {percent:.2f}% branch coverage ({covered}/{total}) "
                f"is below its floor of {floor:.0f}%"
            )
            failed = True
        else:
            print(f"ok   {package}: {percent:.2f}% ({covered}/{total}), floor {floor:.0f}%")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

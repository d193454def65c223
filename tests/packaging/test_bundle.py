"""Build the desktop bundle from a clean copy of the checkout and run it as a user would.

Slow (about a minute): marked ``packaging`` and run alone with ``pytest -m packaging``.
The build uses packaging/build.sh with this interpreter (which must have PyInstaller), on a copy
of the files git would check out (tracked and not ignored), so nothing from the working tree's
build folders, egg-info or virtualenv leaks in. The bundle then runs with a clean environment:
no PYTHONPATH, HOME and the XDG folders in a temporary folder, offscreen Qt.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jsswhatif.app.helper import HELPER_ARGUMENT

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(900),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[dev]')",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.jsswhatif.JssWhatIf"
SIZES = (16, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Build:
    checkout: Path
    bundle: Path
    archive: Path
    version: str
    log: str


def _copy_checkout(target: Path) -> None:
    """Copy what a clean checkout holds (tracked and untracked-but-not-ignored files)."""
    listed = None
    if shutil.which("git") and (ROOT / ".git").exists():
        result = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            listed = [p for p in result.stdout.decode().split("\0") if p]
    if listed is None:  # not a git checkout: copy the tree minus the usual generated folders
        ignore = shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
        )
        shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
        return
    for rel in listed:
        source = ROOT / rel
        if not source.is_file():  # deleted in the working tree but still in the index
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / rel)


def _clean_env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["XDG_RUNTIME_DIR"] = str(tmp / "runtime")
    (tmp / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def _run(
    command: list[str], env: dict[str, str], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    base = tmp_path_factory.mktemp("bundle")
    checkout = base / "checkout"
    _copy_checkout(checkout)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JSSWHATIF_NO_TRIM")}
    env["PYTHON"] = sys.executable
    result = subprocess.run(
        [
            "bash",
            str(checkout / "packaging" / "build.sh"),
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
        ],
        env=env,
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=840,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"packaging/build.sh failed:\n{log[-6000:]}"
    with (checkout / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    archive = base / "dist" / f"jsswhatif-{version}-linux-{platform.machine()}.tar.gz"
    yield Build(checkout, base / "dist" / "jsswhatif", archive, version, log)
    shutil.rmtree(base, ignore_errors=True)  # about 0.5 GB; pytest would keep it for 3 runs


def test_build_produces_the_versioned_archive(build: Build) -> None:
    assert build.archive.is_file(), build.log[-3000:]
    top = build.archive.name.removesuffix(".tar.gz")
    with tarfile.open(build.archive) as tar:
        names = set(tar.getnames())
    expected = {
        f"{top}/install.sh",
        f"{top}/jsswhatif/jsswhatif",
        f"{top}/share/applications/{APP_ID}.desktop",
        f"{top}/share/metainfo/{APP_ID}.metainfo.xml",
        f"{top}/share/mime/packages/{APP_ID}.xml",
        f"{top}/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        *(f"{top}/share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in SIZES),
    }
    assert expected <= names, sorted(expected - names)
    assert {n.split("/")[0] for n in names} == {top}, "archive must unpack into one folder"


def test_bundle_is_trimmed(build: Build) -> None:
    internal = build.bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert not (qt / "translations").exists()
    kept = {p.name for p in (qt / "lib").iterdir()}
    for unused in ("Qml", "Quick", "Network", "Pdf", "Designer", "Sql", "Test"):
        assert not any(name.startswith(f"libQt6{unused}") for name in kept), unused
    for needed in ("Core", "Gui", "Widgets", "Svg", "OpenGL", "XcbQpa"):
        assert f"libQt6{needed}.so.6" in kept
    plugins = qt / "plugins"
    assert (plugins / "platforms" / "libqoffscreen.so").exists()
    assert (plugins / "platforms" / "libqxcb.so").exists()
    assert (plugins / "platforms" / "libqwayland.so").exists()
    assert (plugins / "imageformats" / "libqsvg.so").exists()
    # the package jsswhatif.resources (the repository's resources/ folder), on disk
    bundled = internal / "jsswhatif" / "resources"
    assert (bundled / "__init__.py").exists()
    assert (bundled / "icons" / "jsswhatif.svg").exists()
    assert (bundled / "samples" / "freelancer-example.csv").exists()
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()], "dangling"


def test_bundle_passes_its_self_check(build: Build, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env["JSSWHATIF_BUNDLE_SELFCHECK"] = str(tmp_path / "selfcheck.png")
    result = _run([str(build.bundle / "jsswhatif")], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["selfcheck"] == "ok"
    assert report["frozen"] is True
    assert Path(report["resources"]) == build.bundle / "_internal" / "jsswhatif" / "resources"
    assert (tmp_path / "selfcheck.png").read_bytes().startswith(PNG_SIGNATURE)


def test_bundle_serves_as_the_look_ahead_helper(build: Build, tmp_path: Path) -> None:
    """The application starts its own executable as the helper process (jsswhatif.app.helper):
    it answers jobs on its standard input and output, with the look-ahead's code at hand."""
    jobs: list[tuple[str, str, list[object], dict[str, object]]] = [
        ("jsswhatif.app.helper", "preload", [("value", "jsswhatif.core.lookahead")], {}),
        ("jsswhatif.app.helper", "process_id", [], {}),
    ]
    answers = []
    errors = tmp_path / "stderr.txt"
    with (
        errors.open("wb") as stderr,
        subprocess.Popen(
            [str(build.bundle / "jsswhatif"), HELPER_ARGUMENT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=_clean_env(tmp_path),
            cwd=tmp_path,
        ) as process,
    ):
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            for job in jobs:
                process.stdin.write(pickle.dumps(job))
                process.stdin.flush()
                answers.append(pickle.load(process.stdout))
            process.stdin.close()  # the helper's loop ends with its input
            assert process.wait(timeout=60) == 0, errors.read_text()
        finally:
            if process.poll() is None:
                process.kill()
    assert answers == [("ok", None), ("ok", process.pid)], errors.read_text()


def test_bundle_prints_its_version(build: Build, tmp_path: Path) -> None:
    result = _run([str(build.bundle / "jsswhatif"), "--version"], _clean_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"jsswhatif {build.version}"


def test_bundle_passes_the_smoke_test(build: Build, tmp_path: Path) -> None:
    out = tmp_path / "out" / "smoke.png"
    out.parent.mkdir()
    result = _run(
        [str(build.bundle / "jsswhatif"), "--smoke-test", str(out)], _clean_env(tmp_path), tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 0
    assert height > 0


def test_install_script_installs_and_uninstalls_for_the_user(build: Build, tmp_path: Path) -> None:
    with tarfile.open(build.archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / build.archive.name.removesuffix(".tar.gz")
    env = _clean_env(tmp_path)
    data = Path(env["XDG_DATA_HOME"])
    local_bin = Path(env["HOME"]) / ".local" / "bin"

    result = _run(["sh", str(unpacked / "install.sh")], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = [
        data / "applications" / f"{APP_ID}.desktop",
        data / "metainfo" / f"{APP_ID}.metainfo.xml",
        data / "mime" / "packages" / f"{APP_ID}.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(data / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in SIZES),
    ]
    for path in installed:
        assert path.is_file(), path
    launcher = local_bin / "jsswhatif"
    assert launcher.is_symlink()
    desktop = (data / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={data}/jsswhatif/bundle/jsswhatif %F" in desktop
    if shutil.which("desktop-file-validate"):
        check = _run(
            ["desktop-file-validate", str(data / "applications" / f"{APP_ID}.desktop")],
            env,
            tmp_path,
        )
        assert check.returncode == 0, check.stdout

    version = _run([str(launcher), "--version"], env, tmp_path)
    assert version.returncode == 0, version.stdout + version.stderr
    assert version.stdout.strip() == f"jsswhatif {build.version}"

    # the application's own data folder is left alone by an uninstall
    user_file = data / "jsswhatif" / "autosave.json"
    user_file.write_text("{}")
    result = _run(["sh", str(unpacked / "install.sh"), "--uninstall"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not launcher.exists()
    assert not launcher.is_symlink()
    assert not (data / "jsswhatif" / "bundle").exists()
    for path in installed:
        assert not path.exists(), path
    assert user_file.read_text() == "{}"

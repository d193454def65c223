"""Desktop integration files: one reverse-DNS id, valid .desktop and AppStream files, icons.

The validators are Debian's ``desktop-file-validate`` (desktop-file-utils) and
``appstreamcli`` (appstream); their tests skip, saying so, where those are not installed.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
APP_ID = "io.github.jsswhatif.JssWhatIf"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
MIME = RESOURCES / f"{APP_ID}.mime.xml"
SVG = RESOURCES / "icons" / "jsswhatif.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
SCREENSHOT_URL = "https://raw.githubusercontent.com/jsswhatif/jsswhatif/main/resources/screenshots/main-window.png"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _png_header(path: Path) -> tuple[int, int, int, int]:
    """Width, height, bit depth and colour type from a PNG's IHDR chunk."""
    data = path.read_bytes()[:33]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR"), f"{path} has no IHDR chunk first"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


def _run_validator(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}
        pytest.skip(f"{command[0]} not installed (Debian package {package[command[0]]})")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = _run_validator("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", f"validator hints: {result.stdout}"


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = _run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    # errors and warnings fail; infos and pedantic hints do not (AppStream 0.16 here reports
    # none; AppStream >= 1.0 prefers <developer> to <developer_name>, which 0.16 rejects)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_id_names_desktop_file_metainfo_icon_and_mime_file() -> None:
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert MIME.exists()
    for n in SIZES:
        assert (RESOURCES / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png").exists()


def test_desktop_entry_starts_the_console_script() -> None:
    entry = _desktop_entry()
    script = next(iter(_pyproject()["project"]["scripts"]))
    assert entry["Exec"] == f"{script} %F"
    assert entry["TryExec"] == script
    assert entry["Type"] == "Application"


def test_mime_type_is_declared_everywhere_it_is_used() -> None:
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_root = ET.parse(MIME).getroot()
    declared = {node.get("type") for node in mime_root.findall("m:mime-type", namespace)}
    in_desktop = {m for m in _desktop_entry()["MimeType"].split(";") if m}
    in_metainfo = {node.text for node in ET.parse(METAINFO).getroot().iter("mediatype")}
    assert declared == in_desktop == in_metainfo == {"application/x-jsswhatif"}


def test_metainfo_has_screenshot_licences_and_release_notes_for_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.find("content_rating") is not None
    images = [node.text for node in root.iter("image")]
    assert SCREENSHOT_URL in images
    releases = root.findall("releases/release")
    assert releases, "no <release>"
    newest = releases[0]
    # a version bump must come with release notes
    assert newest.get("version") == _pyproject()["project"]["version"]
    assert newest.get("date")
    assert newest.find("description") is not None


@pytest.mark.parametrize("size", SIZES)
def test_png_icon_has_its_size(size: int) -> None:
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    width, height, depth, colour = _png_header(path)
    assert (width, height) == (size, size)
    assert (depth, colour) == (8, 6), "expected 8-bit RGBA"


def test_scalable_icon_is_a_square_svg() -> None:
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width == height

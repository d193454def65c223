"""Before Qt starts, ``jsswhatif`` names the missing system libraries of Qt's xcb plugin and
the apt command that installs them (issue 12, item 13): Qt itself aborts naming only
libxcb-cursor0, even when that one is installed."""

from __future__ import annotations

import pytest

from jsswhatif import cli
from jsswhatif.app import system_libraries
from jsswhatif.app.system_libraries import (
    XCB_LIBRARIES,
    loads,
    missing_libraries_message,
    missing_packages,
    uses_xcb,
)

NO_ICCCM_NOR_KEYSYMS = "libxcb-icccm4, libxcb-keysyms1"


def without_icccm_and_keysyms(name: str) -> bool:
    return "icccm" not in name and "keysyms" not in name


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, True),
        ("linux", {"QT_QPA_PLATFORM": "xcb"}, True),
        ("linux", {"QT_QPA_PLATFORM": "xcb:display=:1"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, False),
        ("linux", {"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ("linux", {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ("linux", {"XDG_SESSION_TYPE": "wayland"}, True),  # no compositor to talk to
        ("darwin", {}, False),
        ("win32", {"QT_QPA_PLATFORM": "xcb"}, False),
    ],
)
def test_only_the_xcb_platform_on_linux_is_checked(
    platform: str, environ: dict[str, str], expected: bool
) -> None:
    assert uses_xcb(platform, environ) is expected


def test_the_message_names_the_packages_and_the_command() -> None:
    message = missing_libraries_message("linux", {}, without_icccm_and_keysyms)
    assert message == (
        f"missing system libraries for Qt (X11): {NO_ICCCM_NOR_KEYSYMS}; "
        "install them with: sudo apt install libxcb-icccm4 libxcb-keysyms1"
    )
    assert "\n" not in message


def test_nothing_is_said_when_all_load_or_xcb_is_not_used() -> None:
    assert missing_libraries_message("linux", {}, lambda name: True) == ""
    assert missing_libraries_message("darwin", {}, lambda name: False) == ""


def test_a_package_of_two_libraries_is_named_once() -> None:
    assert missing_packages(lambda name: False) == list(dict.fromkeys(XCB_LIBRARIES.values()))


def test_loads_asks_the_real_dynamic_loader() -> None:
    assert loads("libc.so.6")
    assert not loads("libjsswhatif-no-such-library.so.0")


def test_jsswhatif_stops_before_qt_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(system_libraries, "loads", without_icccm_and_keysyms)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"jsswhatif: error: missing system libraries for Qt (X11): {NO_ICCCM_NOR_KEYSYMS}; "
        "install them with: sudo apt install libxcb-icccm4 libxcb-keysyms1\n"
    )

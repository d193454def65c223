"""The system libraries Qt's X11 (xcb) platform plugin needs, checked before Qt starts.

On a fresh Debian or Ubuntu machine Qt aborts when one is missing, with a message that names
only ``libxcb-cursor0`` even when that one is installed and another is not. Each library is
loaded here with ``dlopen`` (:class:`ctypes.CDLL`), which searches exactly where Qt's loader
will, so the check and Qt agree; the user gets one line naming the missing packages and the
``apt`` command that installs them.

No Qt here: this runs before PySide6's modules are imported (QtGui itself needs libGL and
libEGL, and would fail first with a less helpful message).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: Library (soname) -> the Debian/Ubuntu package that ships it, for the xcb platform plugin
#: of PySide6 6.11 (``ldd .../PySide6/Qt/plugins/platforms/libqxcb.so``, its Qt libraries
#: left out). README.md lists the same packages.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def uses_xcb(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether Qt will start its xcb plugin: on Linux, when ``QT_QPA_PLATFORM`` asks for xcb,
    or asks for nothing outside a Wayland session (Qt 6 picks Wayland inside one)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip().lower()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and bool(environ.get("WAYLAND_DISPLAY"))
    return not wayland


def loads(name: str) -> bool:
    """Whether the dynamic loader finds and loads the library ``name``."""
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_packages(found: Callable[[str], bool] | None = None) -> list[str]:
    """The packages of the xcb plugin's libraries that ``found`` (default :func:`loads`)
    cannot load, each once."""
    found = found or loads
    missing: list[str] = []
    for library, package in XCB_LIBRARIES.items():
        if package not in missing and not found(library):
            missing.append(package)
    return missing


def missing_libraries_message(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    found: Callable[[str], bool] | None = None,
) -> str:
    """One line naming the missing system libraries and how to install them; "" when none
    is missing or Qt will not use xcb. Without libxcb-icccm4 and libxcb-keysyms1:
    ``missing system libraries for Qt (X11): libxcb-icccm4, libxcb-keysyms1; install them
    with: sudo apt install libxcb-icccm4 libxcb-keysyms1``.
    """
    if not uses_xcb(platform, environ):
        return ""
    missing = missing_packages(found)
    if not missing:
        return ""
    names = " ".join(missing)
    return (
        f"missing system libraries for Qt (X11): {', '.join(missing)}; "
        f"install them with: sudo apt install {names}"
    )

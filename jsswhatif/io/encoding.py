"""Reading a text file whose encoding nobody wrote down (interfaces.md, "Contracts CSV").

Spreadsheet programs save CSVs as UTF-8, UTF-8 with a byte-order mark, UTF-16 with one, or in
the legacy Windows encoding (cp1252). :func:`decode_detecting` tries them in that order: a
byte-order mark decides; otherwise valid UTF-8 is UTF-8, and anything else is read as cp1252.
It returns the encoding used, so a preview can say which it was (:data:`ENCODING_NAMES` has
the words for it).

Example:
    >>> decode_detecting("Café".encode("cp1252"))
    ('Café', 'cp1252')
    >>> decode_detecting(b"\\xef\\xbb\\xbfCaf\\xc3\\xa9")
    ('Café', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

#: The encodings :func:`decode_detecting` returns, with the words a preview shows for them.
ENCODING_NAMES: dict[str, str] = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with byte-order mark",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (cp1252)",
}
_MEGABYTE = 1024 * 1024
#: The largest file the loaders read (a contracts CSV, a saved document): ten times a document
#: of 10,000 contracts. Larger files are refused unread, like a folder, a pipe or a device.
MAX_FILE_BYTES = 50 * _MEGABYTE


class TextFileError(ValueError):
    """A file cannot be read as text; callers wrap :attr:`problem` in their own error.

    Attributes:
        problem: What is wrong, in words, without the file name ("is not a regular file").
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


def decode_detecting(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in (a key of :data:`ENCODING_NAMES`).

    A UTF-8 byte-order mark means ``utf-8-sig``, a UTF-16 one (either byte order) ``utf-16``;
    the mark is not part of the text. Without one, valid UTF-8 is ``utf-8``, else ``cp1252``.

    Raises:
        TextFileError: UTF-16 with an odd length or a broken pair, or bytes that are neither
            UTF-8 nor cp1252 (cp1252 leaves 0x81, 0x8d, 0x8f, 0x90 and 0x9d undefined).
    """
    if data.startswith(codecs.BOM_UTF8):
        bom = len(codecs.BOM_UTF8)
        return _decode(data[bom:], "utf-8", "is not valid UTF-8", bom), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", "is not valid UTF-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode(data, "cp1252", "is neither UTF-8 nor Windows-1252"), "cp1252"


def _decode(data: bytes, encoding: str, what: str, skipped: int = 0) -> str:
    """``data`` decoded, or an error naming the first bad byte and its offset in the file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        where = f"byte {data[exc.start]:#04x} at offset {exc.start + skipped}"
        raise TextFileError(f"{what} text ({where})") from None


def read_bytes_capped(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, refused past ``max_bytes`` (None: no cap).

    Only a regular file is read (never a folder, a pipe or a device, which could block or
    never end), and at most ``max_bytes + 1`` bytes are read to tell that it is too large.

    Raises:
        TextFileError: The file is missing or unreadable, not a regular file, or too large.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: a pipe's open() blocks
            raise TextFileError("is not a regular file")
        with path.open("rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as exc:
        raise TextFileError(f"cannot be read: {exc.strerror or exc}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise TextFileError(f"is larger than {_size(max_bytes)}: not read")
    return data


def _size(count: int) -> str:
    """``50 MB`` for a multiple of a megabyte, else ``1,234 bytes``."""
    if count >= _MEGABYTE and count % _MEGABYTE == 0:
        return f"{count // _MEGABYTE} MB"
    return f"{count:,} bytes"


def read_text_detecting(path: Path, max_bytes: int | None = None) -> tuple[str, str]:
    """The text of the file ``path`` and the encoding used, as :func:`decode_detecting` says.

    Raises:
        TextFileError: See :func:`read_bytes_capped` and :func:`decode_detecting`.
    """
    return decode_detecting(read_bytes_capped(path, max_bytes))

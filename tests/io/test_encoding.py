"""Detecting a text file's encoding: UTF-8, UTF-8 with BOM, UTF-16 with BOM, else cp1252."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jsswhatif.cli import main
from jsswhatif.io.contracts_csv import CsvError, read_contracts_csv, read_csv_text
from jsswhatif.io.encoding import (
    ENCODING_NAMES,
    TextFileError,
    decode_detecting,
    read_bytes_capped,
    read_text_detecting,
)

TEXT = "client,start\r\nCafé Zoë,2026-01-05\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with the platform's byte order and its mark
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16", "utf-16-le bom", "utf-16-be bom", "cp1252"],
)
def test_each_encoding_is_detected_and_the_mark_dropped(data: bytes, encoding: str) -> None:
    assert decode_detecting(data) == (TEXT, encoding)
    assert encoding in ENCODING_NAMES


def test_cp1252_bytes_read_as_windows_writes_them() -> None:
    # 0xe9 é, 0x80 the euro sign, 0x92 a right single quote: invalid as UTF-8
    assert decode_detecting(b"Caf\xe9 \x80 5 Joe\x92s") == ("Café € 5 Joe’s", "cp1252")


def test_plain_ascii_is_utf8() -> None:
    assert decode_detecting(b"client,start\n") == ("client,start\n", "utf-8")
    assert decode_detecting(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Caf\x81", "is neither UTF-8 nor Windows-1252 text (byte 0x81 at offset 3)"),
        (b"\xef\xbb\xbfab\xff", "is not valid UTF-8 text (byte 0xff at offset 5)"),
        (b"\xff\xfea\x00b", "is not valid UTF-16 text (byte 0x62 at offset 4)"),
        (b"\xff\xfe\x00\xd8a\x00", "is not valid UTF-16 text (byte 0x00 at offset 2)"),
    ],
    ids=["undefined in cp1252", "bad utf-8 after a bom", "odd utf-16", "lone surrogate"],
)
def test_undecodable_bytes_are_named_with_their_offset(data: bytes, message: str) -> None:
    with pytest.raises(TextFileError) as info:
        decode_detecting(data)
    assert str(info.value) == info.value.problem == message


def test_a_file_is_read_whole_without_a_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(TEXT.encode("utf-16"))
    assert read_text_detecting(path) == (TEXT, "utf-16")
    assert read_bytes_capped(path) == path.read_bytes()


def test_a_file_larger_than_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 1001)
    assert read_bytes_capped(path, 1001) == b"x" * 1001
    with pytest.raises(TextFileError, match=r"^is larger than 1,000 bytes: not read$"):
        read_bytes_capped(path, 1000)
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(TextFileError, match=r"^is larger than 2 MB: not read$"):
        read_text_detecting(path, 2 * 1024 * 1024)


def test_a_folder_a_pipe_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TextFileError, match=r"^is not a regular file$"):
        read_text_detecting(tmp_path)
    with pytest.raises(TextFileError, match=r"^cannot be read: No such file or directory$"):
        read_text_detecting(tmp_path / "missing.csv")
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.csv"
        os.mkfifo(pipe)
        with pytest.raises(TextFileError, match=r"^is not a regular file$"):
            read_text_detecting(pipe)  # refused before open(), which would block


# The contracts CSV reads the same way ----------------------------------------------------------


def test_the_contracts_csv_says_which_encoding_it_read(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes(TEXT.encode("utf-16"))
    assert read_csv_text(path) == (TEXT, "utf-16")
    assert read_contracts_csv(path)[0].client == "Café Zoë"
    path.write_bytes(TEXT.encode("cp1252"))
    assert read_csv_text(path) == (TEXT, "cp1252")
    assert read_contracts_csv(path)[0].client == "Café Zoë"


def test_a_contracts_csv_that_is_a_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(CsvError) as info:
        read_contracts_csv(tmp_path)
    assert info.value.path == tmp_path
    assert str(info.value) == f"{tmp_path}: is not a regular file"


def test_the_command_line_scores_a_cp1252_and_a_utf16_contracts_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "id,client,kind,start,end,earnings,public,private\n"
    text += "c1,Café Zoë,fixed,2026-01-05,2026-02-05,500,5,10\n"
    text += "c2,Müller GmbH,fixed,2026-03-02,2026-04-03,800,5,10\n"
    for encoding in ("cp1252", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert main(["score", str(path), "--as-of", "2026-06-01", "--json"]) == 0
        out, err = capsys.readouterr()
        assert err == ""
        assert '"displayed": 100' in out

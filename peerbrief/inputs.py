"""Stage 0: a path, bytes or str → decoded lines, refusing what is not text or a PDF.

PDFs are recognised by content (the ``%PDF-`` signature), not by extension, and
handed to :mod:`peerbrief.pdf`, which is imported only then: pypdf is slow to import
and text users never need it.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, MissingInputError
from .lines import Line, split_lines

if TYPE_CHECKING:
    from .pdf import PdfLimits, Progress

__all__ = ["MAX_INPUT_BYTES", "decode_text", "load_lines", "sample_path"]

MAX_INPUT_BYTES = 200 * 1024 * 1024
"""Inputs larger than this are refused before being read (a brief is a few MB at most)."""

_SAMPLE = "peer-support-workers.txt"


def sample_path() -> Path:
    """The path of the built-in sample brief (Peer Support Workers, November 2023)."""
    return Path(str(resources.files("peerbrief") / "data" / _SAMPLE))


# C0 control bytes other than TAB, LF, FF and CR: text has almost none.
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 100)


def decode_text(data: bytes, source: str, what: str = "a text export or a PDF of a brief") -> str:
    """Decode UTF-8 (with or without BOM); fall back to Windows-1252, the other encoding
    word processors save in; refuse binary data and text that is neither. ``what`` names
    what the input should have been, for the error message."""
    if not data.strip():
        raise InputError(f"{source}: the input is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"{source}: broken UTF-16 text ({error.reason})") from None
    if _looks_binary(data):
        raise InputError(f"{source}: this is binary data, not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: not UTF-8 text (byte {utf8_error.start}: {utf8_error.reason}) "
                "and not Windows-1252 either; save the export as UTF-8"
            ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: {size} bytes is larger than the {MAX_INPUT_BYTES} bytes a brief can be"
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a brief") from None
    except FileNotFoundError:
        raise MissingInputError(path) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None


def load_lines(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    pdf_backend: str | None = None,
    limits: PdfLimits | None = None,
    progress: Progress | None = None,
) -> list[Line]:
    """Read a path (or raw bytes) holding a text export or a PDF into lines; the keyword
    arguments apply to a PDF (see :func:`peerbrief.pdf.pdf_lines`)."""
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        data, label = _read_bytes(Path(source)), name or str(source)
    if data.lstrip()[:5] == b"%PDF-":
        from .pdf import pdf_lines

        return pdf_lines(data, label, limits, backend=pdf_backend, progress=progress)
    return split_lines(decode_text(data, label))

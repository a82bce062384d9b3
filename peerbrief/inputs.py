"""Stage 0: a path, bytes or str → decoded lines, refusing what is not text or a PDF.

PDFs are recognised by content (the ``%PDF-`` signature), not by extension, and
handed to :mod:`peerbrief.pdf`, which is imported only then: pypdf is slow to import
and text users never need it.

Text is UTF-8 (with or without BOM), UTF-16 or UTF-32 (with a BOM, or recognised by
where their zero bytes fall), or Windows-1252. A few stray control bytes (a NUL) are
text with damage, which the reader removes and reports; a file with many is binary and
refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from .errors import InputError, MissingInputError, UsageError, printable
from .lines import Line, count_lines, split_lines

if TYPE_CHECKING:
    from .limits import Deadline
    from .pdf import PdfLimits, Progress

__all__ = [
    "INPUT_FORMATS",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_LINES",
    "MAX_LIBRARY_BYTES",
    "MAX_LIBRARY_RECORDS",
    "InputFormat",
    "ReadOptions",
    "check_limit",
    "check_line_count",
    "check_text_lines",
    "decode_text",
    "is_pdf",
    "load_lines",
    "read_capped",
    "sample_path",
    "too_large",
]

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""The default of ``max_bytes`` (``--max-bytes``): a brief is a few MB at most."""

MAX_LIBRARY_BYTES = 256 * 1024 * 1024
"""The default of ``max_bytes`` of :func:`peerbrief.read_bibliography`
(``--max-library-bytes``): a library of 50,000 records with abstracts is about 50 MB in
any of the formats."""

MAX_LIBRARY_RECORDS = 500_000
"""The default of ``max_records`` of :func:`peerbrief.read_bibliography`
(``--max-library-records``): twice the records 256 MiB of real ones hold. Each record
costs about 1.5 KB of memory and 40 µs to read, however short it is written (``@a{`` is
a BibTeX record), so records are capped on their own, before the file is parsed."""

MAX_LIBRARY_SECONDS = 120.0
"""The default of ``max_seconds`` of :func:`peerbrief.read_bibliography` (``--timeout``,
as for a brief): 50,000 real records read in 2 s, but a hostile file can make one cost
seconds (a BibTeX value of thousands of brace groups, each decoded in Python)."""

MAX_INPUT_LINES = 200_000
"""The default of ``max_lines`` (``--max-lines``): the sample brief has 1,423 lines. Each
line costs memory and time in every stage, far beyond its characters (a file of 64 MiB
of empty lines would need gigabytes), so lines are capped on their own."""

_SAMPLE = "peer-support-workers.txt"

_CHUNK = 1024 * 1024
_SNIFF = 1024
"""How many bytes an input format is recognised by."""


def sample_path() -> Path:
    """The path of the built-in sample brief (Peer Support Workers, November 2023)."""
    from importlib import resources  # only here: a few ms (tempfile, zipfile) to import

    return Path(str(resources.files("peerbrief") / "data" / _SAMPLE))


# C0 control bytes other than TAB, LF, FF and CR: text has almost none.
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))
_HEAD = 65536
"""How much of the input the encoding and binary checks look at (as file(1) does)."""

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def _control_share_too_high(controls: int, length: int) -> bool:
    """Binary, not damaged text: more than one control in a hundred (and more than 8),
    or in a short input more than one in ten."""
    return controls > max(8, length // 100) or controls * 10 > length


def _looks_binary(data: bytes) -> bool:
    head = data[:_HEAD]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return _control_share_too_high(controls, len(head))


def _zero_share(data: bytes, offset: int, step: int) -> float:
    """The share of zero bytes at positions ``offset``, ``offset + step``, …"""
    column = data[offset::step]
    return column.count(0) / len(column) if column else 0.0


def _unmarked_wide_encoding(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM, from where the zero bytes fall: text in Latin
    script is mostly ASCII, whose code units in these encodings are zero but for their
    lowest byte. Returns the codec and its display name, or None."""
    head = data[:_HEAD]
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return None  # the common case: no zero bytes to speak of

    def zeros(offset: int, step: int) -> float:
        return _zero_share(head, offset, step)

    if min(zeros(2, 4), zeros(3, 4)) > 0.95 and zeros(0, 4) < 0.05:
        return "utf-32-le", "UTF-32"
    if min(zeros(0, 4), zeros(1, 4)) > 0.95 and zeros(3, 4) < 0.05:
        return "utf-32-be", "UTF-32"
    if zeros(1, 2) > 0.5 and zeros(0, 2) < 0.05:
        return "utf-16-le", "UTF-16"
    if zeros(0, 2) > 0.5 and zeros(1, 2) < 0.05:
        return "utf-16-be", "UTF-16"
    return None


def _wide_encoding(data: bytes) -> tuple[str, str, int] | None:
    """The codec, display name and BOM length of UTF-32/UTF-16 input; None for others."""
    for bom, codec, shown in _BOMS:
        if data.startswith(bom):
            return codec, shown, len(bom)
    unmarked = _unmarked_wide_encoding(data)
    return (*unmarked, 0) if unmarked else None


def _decode_wide(data: bytes, source: str, codec: str, shown: str, what: str) -> str:
    try:
        # surrogatepass: a lone surrogate is damage the reader replaces and reports,
        # not a reason to refuse the file.
        text = data.decode(codec, "surrogatepass")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: broken {shown} text ({error.reason})") from None
    controls = sum(1 for char in text[:_HEAD] if char < " " and char not in "\t\n\f\r")
    if _control_share_too_high(controls, len(text[:_HEAD])):
        raise InputError(f"{source}: this is binary data, not {what}")
    return text


def decode_text(data: bytes, source: str, what: str = "a text export or a PDF of a brief") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 or UTF-32; fall back to Windows-1252,
    the other encoding word processors save in; refuse binary data and text that is
    neither. ``what`` names what the input should have been, for the error message."""
    wide = _wide_encoding(data)
    if wide is not None:
        codec, shown, bom = wide
        text = _decode_wide(data[bom:], source, codec, shown, what)
    elif not data.strip():
        raise InputError(f"{source}: the input is empty")
    elif _looks_binary(data):
        raise InputError(f"{source}: this is binary data, not {what}")
    else:
        text = _decode_narrow(data, source)
    if not text.strip():
        raise InputError(f"{source}: the input is empty")
    return text


def _decode_narrow(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig", "surrogatepass")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: not UTF-8 text (byte {utf8_error.start}: {utf8_error.reason}) "
                "and not Windows-1252 either; save the export as UTF-8"
            ) from None


def read_capped(path: Path, label: str, max_bytes: int, what: str = "a brief") -> bytes:
    """The file's bytes, refusing more than ``max_bytes``. The cap is enforced while
    reading: a pipe or a device (``/dev/zero``) reports no size and may never end.
    ``what`` the file should be, for the messages (``a brief``, ``a bibliography``)."""
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size > max_bytes:
                raise too_large(label, max_bytes, what)  # a regular file: refused unread
            chunks = []
            size = 0
            while size <= max_bytes:
                chunk = file.read(min(_CHUNK, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory, not {what}") from None
    except FileNotFoundError:
        raise MissingInputError(path) from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as error:
        raise InputError(f"{label}: cannot be read ({error.strerror or error})") from None
    if size > max_bytes:
        raise too_large(label, max_bytes, what)
    return b"".join(chunks)


_LONGEST_PATH = 4096
"""PATH_MAX on Linux; longer is no path on any system peerbrief runs on."""


def _refuse_text_for_a_path(source: str | os.PathLike[str]) -> None:
    """A str holding a brief's text, given where a path goes (``read(text)``), is named
    as such: as a file name it would be a "File name too long" error quoting all of it."""
    if not isinstance(source, str) or os.path.lexists(source):
        return  # a file's name may hold a line break: one that exists is a file
    if "\n" in source or "\r" in source or len(source) > _LONGEST_PATH:
        raise UsageError(
            f"read() takes a path or bytes, and was given text ({len(source)} characters); "
            "to read a brief held in a str, use peerbrief.parse(text)"
        )


# What the message says of each kind of input: the settings that raise the cap, and the
# usual size (so that a user can tell a hostile file from a large one).
_CAPS = {
    "a brief": ("max_bytes, --max-bytes", "a brief is a few MB"),
    "a bibliography": (
        "max_bytes, --max-library-bytes",
        "a library of 50,000 records is about 50 MB",
    ),
}


def too_large(label: str, max_bytes: int, what: str = "a brief") -> InputError:
    settings, usual = _CAPS[what]
    return InputError(
        f"{label}: larger than {max_bytes} bytes, the limit on one input ({settings}); {usual}"
    )


def check_limit(name: str, value: object) -> int:
    """A limit given in Python (``max_bytes``, ``max_lines``): a positive whole number.
    Anything else is a UsageError, also for a size written as on the command line."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        hint = " (a number of bytes: 1M is 1_048_576)" if isinstance(value, str) else ""
        raise UsageError(f"{name} must be a positive whole number, not {value!r}{hint}")
    return value


def check_text_lines(text: str, label: str, max_lines: int) -> None:
    """Refuse a text of more than ``max_lines`` lines, counted as ``wc -l`` and an editor
    count them: a newline at the very end ends the last line, it starts no other."""
    ending = 1 if text.endswith(("\n", "\r")) else 0
    check_line_count(count_lines(text) - ending, label, max_lines)


def check_line_count(count: int, label: str, max_lines: int) -> None:
    """Refuse an input of more than ``max_lines`` lines."""
    check_limit("max_lines", max_lines)
    if count > max_lines:
        raise InputError(
            f"{label}: more than {max_lines} lines, the limit on one input "
            "(max_lines, --max-lines); a brief has a few thousand"
        )


@frozen
class ReadOptions:
    """How to read one input, for the formats that care (:data:`INPUT_FORMATS`)."""

    pdf_backend: str | None = None
    limits: PdfLimits | None = None
    progress: Progress | None = None
    deadline: Deadline | None = None


@frozen
class InputFormat:
    """A kind of input other than text: how its bytes are recognised, and how they are
    read into lines in the markdown dialect of the text export (see :mod:`.lines`)."""

    name: str
    recognises: Callable[[bytes], bool]
    """True for the first bytes of such an input (at least 1 KiB of them, when there are)."""
    read: Callable[[bytes, str, ReadOptions], list[Line]]
    """(the input's bytes, its name for messages, the options) → its lines."""


def is_pdf(head: bytes) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


def _read_pdf(data: bytes, label: str, options: ReadOptions) -> list[Line]:
    from .pdf import pdf_lines  # imported only now: text users never load a PDF backend

    return pdf_lines(
        data,
        label,
        options.limits,
        backend=options.pdf_backend,
        progress=options.progress,
        deadline=options.deadline,
    )


INPUT_FORMATS: tuple[InputFormat, ...] = (InputFormat("pdf", is_pdf, _read_pdf),)
"""The kinds of input peerbrief reads besides text, tried in order: recognised by
content, never by extension. What none of them recognises is decoded as text. To read a
new kind (DOCX, say), add a module that makes its lines and register it here."""


def load_lines(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    max_lines: int = MAX_INPUT_LINES,
    pdf_backend: str | None = None,
    limits: PdfLimits | None = None,
    progress: Progress | None = None,
    deadline: Deadline | None = None,
) -> list[Line]:
    """Read a path (or raw bytes) holding a text export or a PDF into lines; refuse an
    input longer than ``max_bytes`` or ``max_lines``. ``pdf_backend``, ``limits``,
    ``progress`` and ``deadline`` apply to a PDF (see :func:`peerbrief.pdf.pdf_lines`)."""
    check_limit("max_bytes", max_bytes)
    check_limit("max_lines", max_lines)
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
        if len(data) > max_bytes:
            raise too_large(label, max_bytes)
    else:
        _refuse_text_for_a_path(source)
        label = name or printable(os.fspath(source))
        data = read_capped(Path(source), label, max_bytes)
    options = ReadOptions(pdf_backend, limits, progress, deadline)
    for kind in INPUT_FORMATS:
        if kind.recognises(data[:_SNIFF]):
            lines = kind.read(data, label, options)
            check_line_count(len(lines), label, max_lines)
            return lines
    _refuse_other_documents(data, label)
    text = decode_text(data, label)
    check_text_lines(text, label, max_lines)
    return split_lines(text)


# Word processors' own files: zip archives that name their main part so. A web page
# starts with one of _HTML_STARTS, maybe after an XML declaration (XHTML).
_DOCUMENTS = (
    (b"word/document.xml", "a Word document (.docx)"),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)"),
)
_HTML_STARTS = (b"<!doctype html", b"<html")
# Word processors' files that are no zip archive, by how they start. RTF is text, and was
# read as a brief of its markup: wrong works, not a refusal.
_DOCUMENT_STARTS = (
    (b"{\\rtf", "a Rich Text Format document (.rtf)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document (.doc)"),
    (b"<office:document", "an OpenDocument flat XML document (.fodt)"),
)


HTML_PAGE = "an HTML page"
PDFTOTEXT_MARKUP = (
    "a PDF's text as pdftotext marks it up (-bbox, -bbox-layout, -tsv: its words with "
    "their boxes; -htmlmeta: an HTML page)"
)
"""Not a text to read: poppler's XHTML of ``<word xMin=…>`` (in ``<block>`` and
``<line>`` with ``-bbox-layout``), its table of them, one word a row after a header
(Tesseract's TSV has the same, ``block_num`` before ``par_num``), or its XHTML holding
the plain text, escaped, in a ``<pre>`` right after ``<body>`` (``-htmlmeta``)."""
_WORD_BOX_TABLE = b"level\tpage_num\t"
_WORD_BOX_MARKS = (b"<doc>", b' xMin="')
_HTMLMETA_BODY = b"<body>\n<pre>"


def other_document(data: bytes) -> str | None:
    """What a word processor's file or a web page given as input is (``an HTML page``),
    for an error that names it; None for anything else. Only the first bytes of a web
    page are looked at."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(_WORD_BOX_TABLE) and b"\tword_num\t" in head.partition(b"\n")[0]:
        return PDFTOTEXT_MARKUP
    if head.startswith(b"<?xml") and b"?>" in head:
        head = head.partition(b"?>")[2].lstrip(b" \t\r\n")
    if head[:14].lower().startswith(_HTML_STARTS):
        boxes = all(mark in head for mark in _WORD_BOX_MARKS)
        return PDFTOTEXT_MARKUP if boxes or _HTMLMETA_BODY in head else HTML_PAGE
    starting = next((what for start, what in _DOCUMENT_STARTS if head.startswith(start)), None)
    if starting is not None or not data.startswith(b"PK\x03\x04"):
        return starting
    return next((what for marker, what in _DOCUMENTS if marker in data), None)


def _refuse_other_documents(data: bytes, label: str) -> None:
    """A word processor's file or a web page is named as such, with what to do, rather
    than called binary data or no brief."""
    what = other_document(data)
    if what == PDFTOTEXT_MARKUP:
        raise InputError(
            f"{label}: {what}, which is not read; read the PDF itself, or the text "
            "pdftotext gives without those options"
        )
    if what == HTML_PAGE:
        raise InputError(
            f"{label}: {what}, which is not read; print it to PDF from the browser "
            "(its links are kept) and read that, or save it as text"
        )
    if what is not None:
        raise InputError(
            f"{label}: {what}, which is not read; save it as PDF (its links are kept) and read that"
        )

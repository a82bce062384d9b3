"""Writers: entries → BibTeX, biblatex, RIS and CSL-JSON text and files.

>>> render(entries, "ris")                 # doctest: +SKIP
>>> write(entries, "brief.bib")            # format from the extension  # doctest: +SKIP
>>> write(entries, "brief.bib", "biblatex")                             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from ..errors import OutputError
from ..vocabulary import FORMAT_EXTENSIONS
from .bibtex import to_bibtex
from .csl import to_csl_items, to_csl_json, validate_csl
from .keys import citation_keys
from .ris import to_ris

if TYPE_CHECKING:
    from ..model import Entry

__all__ = [
    "FORMATS",
    "Format",
    "citation_keys",
    "format_for_path",
    "render",
    "to_bibtex",
    "to_csl_items",
    "to_csl_json",
    "to_ris",
    "validate_csl",
    "write",
]


@frozen
class Format:
    """One output format: its writer and the file extension it is saved with."""

    name: str
    writer: Callable[[Sequence[Entry]], str]
    description: str

    @property
    def extension(self) -> str:
        return FORMAT_EXTENSIONS[self.name]


FORMATS: Mapping[str, Format] = {
    format_.name: format_
    for format_ in (
        Format("bibtex", partial(to_bibtex, flavour="bibtex"), "BibTeX, ASCII"),
        Format("biblatex", partial(to_bibtex, flavour="biblatex"), "biblatex, UTF-8"),
        Format("ris", to_ris, "RIS (EndNote, Zotero)"),
        Format("csl-json", to_csl_json, "CSL-JSON (pandoc, citeproc)"),
    )
}
"""Format name → format. For an extension shared by several formats (``.bib``), the first
listed is the one :func:`format_for_path` picks."""


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The format name for a file name's extension: ``.bib`` → ``bibtex``, ``.ris`` →
    ``ris``, ``.json`` → ``csl-json``. Raises OutputError for any other extension."""
    suffix = Path(path).suffix.lower()
    for format_ in FORMATS.values():
        if format_.extension == suffix:
            return format_.name
    known = ", ".join(sorted({format_.extension for format_ in FORMATS.values()}))
    raise OutputError(
        f"cannot tell the output format of {os.fspath(path)!r} from its extension "
        f"(known: {known}); name the format"
    )


def render(entries: Iterable[Entry], fmt: str) -> str:
    """The entries (a Brief, a list, any iterable) as text in format ``fmt`` (a key of
    :data:`FORMATS`, in any case)."""
    try:
        format_ = FORMATS[fmt.lower()]
    except KeyError:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return format_.writer(tuple(entries))


def write(entries: Iterable[Entry], path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write the entries (a Brief, a list, any iterable) to ``path`` in format ``fmt``
    (default: from the extension).

    The file appears whole or not at all: the text is written to a temporary file in the
    same directory, flushed to disk, then renamed over ``path`` (``os.replace`` is atomic
    on POSIX and Windows). Any failure removes the temporary file and raises OutputError.
    """
    target = Path(path)
    data = _encode(render(entries, fmt or format_for_path(target)), target)
    try:
        _replace_atomically(target, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write {os.fspath(target)!r}: {reason}") from None


def _encode(text: str, target: Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        # Only a lone surrogate, which no decoded input can contain, gets here.
        raise OutputError(
            f"cannot write {os.fspath(target)!r}: text holds an unencodable character "
            f"{error.object[error.start : error.end]!r}"
        ) from None


def _replace_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    # os.open with mode 0o666 lets the umask decide the permissions, as for any new
    # file (mkstemp would make it 0o600); an existing file keeps its own mode.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

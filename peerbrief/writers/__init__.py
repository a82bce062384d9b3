"""Writers: entries → BibTeX, biblatex, RIS and CSL-JSON text and files.

>>> render(entries, "ris")                 # doctest: +SKIP
>>> write(entries, "brief.bib")            # format from the extension  # doctest: +SKIP
>>> write(entries, "brief.bib", "biblatex")                             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..errors import OutputError, UsageError
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
    "check_extension",
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
        Format("bibtex", partial(to_bibtex, flavour="bibtex"), "BibTeX, accents as macros"),
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


def check_extension(path: str | os.PathLike[str], fmt: str, *, named_by: str = "format") -> None:
    """Refuse a format that contradicts the file's extension (RIS into ``refs.bib``):
    whoever opens the file goes by its name. An extension no format uses is no
    contradiction, and an unknown format is left to :func:`render` to name. ``named_by``
    is how the caller names the format (``--to``)."""
    suffix = Path(path).suffix.lower()
    promised = [name for name, extension in FORMAT_EXTENSIONS.items() if extension == suffix]
    if promised and fmt.lower() in FORMATS and fmt.lower() not in promised:
        raise UsageError(
            f"{named_by} {fmt} contradicts the output file name {os.fspath(path)!r} ({suffix} "
            f"is {' or '.join(promised)}); name the file *{FORMAT_EXTENSIONS[fmt.lower()]} "
            f"or leave out the {named_by}"
        )


def render(entries: Iterable[Entry], fmt: str) -> str:
    """The entries (a Brief, a list, any iterable) as text in format ``fmt`` (a key of
    :data:`FORMATS`, in any case)."""
    try:
        format_ = FORMATS[fmt.lower()]
    except KeyError:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return format_.writer(tuple(entries))


def write(
    entries: Iterable[Entry],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write the entries (a Brief, a list, any iterable) to ``path`` in format ``fmt``
    (default: from the extension).

    The file appears whole or not at all: the text is written to a temporary file in the
    same directory, flushed to disk, then renamed over the file (``os.replace`` is atomic
    on POSIX and Windows). Any failure, Ctrl-C, SIGTERM or SIGHUP removes the temporary
    file; a failure raises OutputError.

    A ``fmt`` that contradicts the extension (``"ris"`` for ``refs.bib``) is refused
    (:func:`check_extension`), as ``convert --to`` is.

    ``path`` may be a symbolic link: the file it points to is written and the link stays.
    Only a regular file is replaced, keeping its mode, owner and group: a directory, FIFO,
    device or socket is refused (write to a pipe through stdout instead), so is a file
    that is read-only (that the user may not write, or mode 0444), and so is any of the
    files in ``protect`` (the inputs, which the output must not destroy), however they
    are reached: a link, a hard link, another spelling of the path.
    """
    if not os.fspath(path):
        raise OutputError("no output file name given")
    if fmt is not None:
        check_extension(path, fmt)
    target = _resolved_target(Path(path), protect)
    data = _encode(render(entries, fmt or format_for_path(path)), target)
    try:
        with _cleanup_on_termination():
            _replace_atomically(target, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write {os.fspath(path)!r}: {reason}") from None


def _resolved_target(path: Path, protect: Iterable[str | os.PathLike[str]]) -> Path:
    """The file to replace: ``path``, or what its symbolic links lead to. Refused (as
    OutputError) if it is not a regular file or is one of ``protect``."""
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return target  # a new file (perhaps at the end of a dangling link)
    except OSError as error:
        raise OutputError(f"cannot write {os.fspath(path)!r}: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise OutputError(
            f"refusing to write {os.fspath(path)!r}: it is {kind}, not a regular file "
            "(to write into a pipe or device, write to stdout)"
        )
    if not _writable(target, status):
        raise OutputError(
            f"refusing to write {os.fspath(path)!r}: it is read-only "
            f"(mode {stat.S_IMODE(status.st_mode):04o}); make it writable to replace it"
        )
    for protected in protect:
        with contextlib.suppress(OSError):
            if os.path.samefile(target, protected):
                raise OutputError(
                    f"refusing to write {os.fspath(path)!r}: it is the input "
                    f"{os.fspath(protected)!r}"
                )
    return target


def _writable(target: Path, status: os.stat_result) -> bool:
    """Whether the file may be replaced. The file is replaced by renaming a new one over
    it, which its own permissions do not stop; so they are asked here, as the shell's
    ``>`` and ``mv`` heed them: refused when the user may not write it, and when no one
    may (mode 0444), which even root then takes as "keep this"."""
    anyone = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return bool(status.st_mode & anyone) and os.access(target, os.W_OK)


_FILE_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _encode(text: str, target: Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        # Only a lone surrogate, which no decoded input can contain, gets here.
        raise OutputError(
            f"cannot write {os.fspath(target)!r}: text holds an unencodable character "
            f"{error.object[error.start : error.end]!r}"
        ) from None


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


_TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _cleanup_on_termination() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`_Terminated`, so that the
    temporary file is removed as on Ctrl-C; then the signal is raised again with the
    handlers it had, so the process ends (or the program's own handler runs) as it
    would have. Handlers can only be set in the main thread; elsewhere, nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signal_number: int, _frame: object) -> None:
        raise _Terminated(signal_number)

    previous = {number: signal.signal(number, terminate) for number in _TERMINATING}
    try:
        yield
    except _Terminated as terminated:
        _restore(previous)
        signal.raise_signal(terminated.signal_number)
        raise  # only reached if the program's own handler returned
    finally:
        _restore(previous)


def _restore(handlers: dict[int, Any]) -> None:
    for number, handler in handlers.items():
        signal.signal(number, handler)


def _temporary_name(target: Path) -> Path:
    """A new name beside ``target``, no longer than the directory allows (NAME_MAX): a
    name of 234-255 characters plus the temporary suffix was too long to create."""
    suffix = f".{secrets.token_hex(8)}.tmp"
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # not POSIX, or no such limit known
        limit = 255
    stem = target.name[: max(1, limit - len(suffix) - 1)]
    return target.with_name(f".{stem}{suffix}")


def _replace_atomically(target: Path, data: bytes) -> None:
    temporary = _temporary_name(target)
    # os.open with mode 0o666 lets the umask decide the permissions, as for any new
    # file (mkstemp would make it 0o600); an existing file keeps its own mode.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            existing = os.stat(target)
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
            # The replaced file keeps its owner and group, as with ``>``, where allowed
            # (root may give it any; a user only a group of theirs).
            if hasattr(os, "chown"):  # POSIX
                with contextlib.suppress(PermissionError):
                    os.chown(temporary, existing.st_uid, existing.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""peerbrief: turn NHS England evidence briefs into clean bibliographic data.

>>> import peerbrief
>>> brief = peerbrief.read(peerbrief.sample_path())
>>> brief.title
'Evidence Brief: Peer Support Workers'
"""

from typing import TYPE_CHECKING

# Imported first, for its effect: in the peerbrief command, Ctrl-C during the slower
# imports below is one quiet line, not a traceback, and the collector runs less often
# (see _startup).
from . import _startup  # noqa: F401
from .dedupe import Deduplication, Holdings, Match, against, dedupe, keep_new, merge_duplicates
from .errors import ExitCode, InputError, MissingInputError, OutputError, PeerbriefError
from .inputs import sample_path
from .model import (
    Brief,
    Choice,
    Date,
    Entry,
    Kind,
    Merge,
    Pages,
    Person,
    Provenance,
    Reason,
    ReportItem,
    Section,
)
from .reader import parse, parse_lines, read

if TYPE_CHECKING:
    from .library import Bibliography, Problem, read_bibliography

__version__ = "0.1.0"

__all__ = [
    "Bibliography",
    "Brief",
    "Choice",
    "Date",
    "Deduplication",
    "Entry",
    "ExitCode",
    "Holdings",
    "InputError",
    "Kind",
    "Match",
    "Merge",
    "MissingInputError",
    "OutputError",
    "Pages",
    "PeerbriefError",
    "Person",
    "Problem",
    "Provenance",
    "Reason",
    "ReportItem",
    "Section",
    "__version__",
    "against",
    "dedupe",
    "keep_new",
    "merge_duplicates",
    "parse",
    "parse_lines",
    "read",
    "read_bibliography",
    "sample_path",
]

_LIBRARY = frozenset(("Bibliography", "Problem", "read_bibliography"))


def __getattr__(name: str) -> object:
    # Reading your own library (peerbrief.library) is imported on first use: a brief's
    # reading and the command's start-up do without its five formats (about 10 ms).
    if name in _LIBRARY:
        from . import library

        return getattr(library, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

"""peerbrief: turn NHS England evidence briefs into clean bibliographic data.

>>> import peerbrief
>>> brief = peerbrief.read(peerbrief.sample_path())
>>> brief.title
'Evidence Brief: Peer Support Workers'
"""

# Imported first, for its effect: in the peerbrief command, Ctrl-C during the slower
# imports below is one quiet line, not a traceback (see _startup).
from . import _startup  # noqa: F401
from .dedupe import Deduplication, Holdings, Match, against, dedupe, keep_new, merge_duplicates
from .errors import ExitCode, InputError, MissingInputError, OutputError, PeerbriefError
from .inputs import sample_path
from .library import Bibliography, Problem, read_bibliography
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

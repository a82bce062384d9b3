"""peerbrief: turn NHS England evidence briefs into clean bibliographic data.

>>> import peerbrief
>>> brief = peerbrief.read(peerbrief.sample_path())
>>> brief.title
'Evidence Brief: Peer Support Workers'
"""

# Imported first, for its effect: in the peerbrief command, Ctrl-C during the slower
# imports below is one quiet line, not a traceback (see _startup).
from . import _startup  # noqa: F401
from .dedupe import Deduplication, dedupe
from .errors import ExitCode, InputError, OutputError, PeerbriefError
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

__version__ = "0.1.0"

__all__ = [
    "Brief",
    "Choice",
    "Date",
    "Deduplication",
    "Entry",
    "ExitCode",
    "InputError",
    "Kind",
    "Merge",
    "OutputError",
    "Pages",
    "PeerbriefError",
    "Person",
    "Provenance",
    "Reason",
    "ReportItem",
    "Section",
    "__version__",
    "dedupe",
    "parse",
    "parse_lines",
    "read",
    "sample_path",
]

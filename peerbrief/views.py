"""How entries and briefs look in a notebook and a REPL (mixed into the model classes)."""

from __future__ import annotations


class EntryViews:
    """Display methods of :class:`peerbrief.model.Entry`."""


class BriefViews:
    """Display and convenience methods of :class:`peerbrief.model.Brief`."""

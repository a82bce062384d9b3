"""One wall-clock budget for reading one document, shared by every stage that reads it.

A stage that may loop over input (a content stream, the glyphs of a page, link
matching, paragraph assembly; later the text stages) calls :meth:`Deadline.check`
now and then — once per page, line or block is enough, as long as no step between
two checks can take long. The first check after the budget is spent raises an
:class:`~peerbrief.errors.InputError` naming the setting that sets it::

    deadline = Deadline("brief.pdf", 120, setting="PdfLimits.max_seconds")
    for page in pages:
        deadline.check()
        ...
"""

from __future__ import annotations

import time

from .errors import InputError

__all__ = ["Deadline"]


class Deadline:
    """Started on construction; :meth:`check` raises once ``seconds`` have passed."""

    def __init__(self, source: str, seconds: float, *, setting: str) -> None:
        self.source = source
        self.seconds = seconds
        self.setting = setting
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise InputError(
                f"{self.source}: reading took longer than {self.seconds:g} s ({self.setting}); "
                "the file is unusually large or hostile"
            )

    def remaining(self) -> float:
        """Seconds left (0 when spent): a bound for work that cannot check by itself."""
        return max(0.0, self.end - time.monotonic())

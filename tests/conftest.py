"""Shared test set-up: hypothesis profiles and the sample brief, read once per session.

Profiles (``HYPOTHESIS_PROFILE=…``): ``dev`` (the default: quick), ``ci`` (what
``.ci/run`` uses: more examples) and ``fuzz`` (for a maintainer's long runs). No test
has a deadline: these machines are shared and noisy, and speed is measured by the
benchmarks, never asserted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.cli import Result, Run
from hypothesis import HealthCheck, settings

import peerbrief
from peerbrief.cli import main
from peerbrief.model import Brief

settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI draws the same examples on every run (a fresh clone has no example database): a red
# build is the change's, never a new draw's. Developers' runs (dev) keep exploring.
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def sample() -> Brief:
    """The built-in sample brief, de-duplicated (as ``peerbrief.read`` gives it)."""
    return peerbrief.read(peerbrief.sample_path())


@pytest.fixture(scope="session")
def sample_listed() -> Brief:
    """The sample brief with every listing kept (no de-duplication)."""
    return peerbrief.read(peerbrief.sample_path(), dedupe=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command in this process (``main``), capturing its exit code and output."""

    def run_main(*argv: str | Path) -> Result:
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run_main

"""The schema's module kinds are the kinds the home page and the print name."""

from __future__ import annotations

from typing import get_args

from tippack.reading.model import KINDS, Kind


def test_the_schema_allows_exactly_the_named_kinds_in_order() -> None:
    assert get_args(Kind) == tuple(KINDS)

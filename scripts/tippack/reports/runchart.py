"""Run charts by the rules the NHS in Scotland teaches, and no sooner than they hold.

A run chart is the measure month by month with the median as a line (Anhøj & Olesen 2014).
NES (Turas Learn, *Run chart*) adds the median "once 10 or so data points are available",
takes a baseline median "from the first 10 or so data points", then freezes and extends it;
the rules apply from "at least 10-12 data points". So with fewer than ``MIN_POINTS`` months
a chart shows the points alone and says why. Two of the four rules (Perla, Provost & Murray
2011) are read here: a **shift**, 6 or more points in a row on one side of the median (points
on the median neither count nor break it), and a **trend**, 5 or more points in a row going
the same way (repeated values ignored). The runs rule needs a table of critical values this
project has not seen, and an astronomical point needs a person's judgement: neither is
claimed. Nothing here calls anything significant.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

MIN_POINTS = 10  # NES: the median "once 10 or so data points are available"
BASELINE = 12  # the baseline median comes from the first points, up to this many, then is frozen
SHIFT = 6
TREND = 5
RULES = (f"Shift: {SHIFT} or more months in a row on one side of the median."
         f" Trend: {TREND} or more months in a row going the same way."
         " Rules from Perla, Provost and Murray (2011); the runs rule and single unusual months"
         " are not checked here.")


@dataclass
class Reading:
    """What a run chart of one measure shows: its median (once there are enough months) and signals."""

    points: int
    median: float | None = None
    baseline_points: int = 0
    shifts: list[tuple[int, int]] = field(default_factory=list)  # (first, last) index of each shift
    trends: list[tuple[int, int]] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        """Whether there are enough months for a median and the rules."""
        return self.median is not None


def read(values: list[float]) -> Reading:
    """The median and the shifts and trends in a series of monthly figures, when there are enough."""
    reading = Reading(len(values))
    if len(values) < MIN_POINTS:
        return reading
    reading.baseline_points = min(BASELINE, len(values))
    reading.median = statistics.median(values[: reading.baseline_points])
    reading.shifts = shifts(values, reading.median)
    reading.trends = trends(values)
    return reading


def shifts(values: list[float], median: float) -> list[tuple[int, int]]:
    """Each run of SHIFT or more points on one side of the median (points on it are skipped)."""
    found: list[tuple[int, int]] = []
    side, start, count, last = 0, 0, 0, 0
    for i, value in enumerate(values):
        here = (value > median) - (value < median)
        if here == 0:
            continue
        if here != side:
            if count >= SHIFT:
                found.append((start, last))
            side, start, count = here, i, 0
        count += 1
        last = i
    if count >= SHIFT:
        found.append((start, last))
    return found


def trends(values: list[float]) -> list[tuple[int, int]]:
    """Each run of TREND or more points going the same way (a repeated value neither counts nor breaks it)."""
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    found: list[tuple[int, int]] = []
    direction, start = 0, 0
    for a, b in zip(kept, kept[1:], strict=False):
        step = (values[b] > values[a]) - (values[b] < values[a])
        if step != direction:
            _close(found, kept, start, a, direction)
            direction, start = step, a
    if kept:
        _close(found, kept, start, kept[-1], direction)
    return found


def _close(found: list[tuple[int, int]], kept: list[int], start: int, end: int, direction: int) -> None:
    points = kept.index(end) - kept.index(start) + 1
    if direction and points >= TREND:
        found.append((start, end))

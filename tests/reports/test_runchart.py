"""The run chart rules: a median and signals only once there are enough months."""

from __future__ import annotations

from tippack.reports import runchart
from tippack.reports.extract import fraction, number


def test_too_few_months_get_no_median_and_no_rules() -> None:
    reading = runchart.read([3, 4, 5, 6, 7, 8, 9, 10, 11])
    assert not reading.enough and reading.median is None and not reading.trends


def test_a_shift_needs_six_points_on_one_side_and_skips_points_on_the_median() -> None:
    values = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 7, 7, 5, 7, 7, 7, 7]
    reading = runchart.read(values)
    assert reading.median == 5 and reading.shifts == [(12, 18)]
    assert runchart.shifts([1, 9, 9, 9, 9, 9, 1], 5) == []


def test_a_trend_needs_five_points_going_one_way_and_ignores_repeats() -> None:
    assert runchart.trends([1, 2, 2, 3, 4, 5, 4]) == [(0, 5)]
    assert runchart.trends([1, 2, 3, 4, 3]) == []


def test_the_median_comes_from_the_first_twelve_months_and_is_kept() -> None:
    reading = runchart.read([1] * 12 + [50] * 10)
    assert reading.median == 1 and reading.baseline_points == 12


def test_figures_are_read_as_people_type_them() -> None:
    assert number("12") == 12 and number(" 4,5 ") == 4.5 and number("55%") == 55 and number("3 of 5") == 60
    assert number("about ten") is None
    assert fraction("5 / 12") == (5, 12) and fraction("5/12") == (5, 12) and fraction("13 of 12") is None

"""Worker processes: a worker that has grown large after a job hands over to a fresh one."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest

from tippack.building.workers import WorkerPool, resident_mb

pytestmark = [pytest.mark.unit]

KEPT: list[bytearray] = []  # what a job leaves behind in its worker, as caches and freed layouts do


def grow(job: int) -> tuple[int, int]:
    """A job that leaves 50 MB behind in its worker, touched so it is resident."""
    KEPT.append(bytearray(b"x" * (50 * 2**20)))
    return job, os.getpid()


def fresh_worker_mb() -> float:
    """What a newly forked worker holds before its first job (less than this process can)."""
    pool = WorkerPool(1, lambda: None, lambda job: resident_mb(), died, retire_mb=None)
    return max(result for _, result in pool.run([0, 1], lambda job: None))


def died(job: Any, code: int | None) -> tuple[int, int]:
    raise AssertionError(f"job {job}: worker died ({code})")


def run(pool: WorkerPool, jobs: int) -> dict[int, int]:
    return dict(result for _, result in pool.run(list(range(jobs)), lambda job: None))


def test_a_worker_past_its_size_is_replaced_and_every_job_still_comes_back() -> None:
    # A job leaves more behind than a worker may grow by: each job has a fresh worker.
    pool = WorkerPool(1, lambda: None, grow, died, retire_mb=fresh_worker_mb() + 25)
    pids = run(pool, 5)
    assert sorted(pids) == [0, 1, 2, 3, 4]
    assert len(set(pids.values())) == 5 and pool.retired == 5
    assert pool.workers == []


def test_without_a_limit_one_worker_builds_every_job() -> None:
    pool = WorkerPool(2, lambda: None, grow, died, retire_mb=None)
    pids = run(pool, 6)
    assert sorted(pids) == list(range(6))
    assert len(set(pids.values())) == 2 and pool.retired == 0


def test_two_workers_keep_both_busy_while_they_are_replaced() -> None:
    pool = WorkerPool(2, lambda: None, grow, died, retire_mb=fresh_worker_mb() + 125)
    pids = run(pool, 8)
    assert sorted(pids) == list(range(8))
    # Two jobs (100 MB) stay under the limit, a third passes it: each of the first two workers
    # takes three jobs and is replaced; the last two jobs go to their replacements.
    per_worker = Counter(pids.values())
    assert sorted(per_worker.values(), reverse=True)[:2] == [3, 3]
    assert pool.retired == 2 and pool.workers == []

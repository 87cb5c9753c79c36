"""The quick start and the six-month plan, worked out from the modules a pack has.

The pilot's homes that finished had a facilitator, protected time and a manager who
took part. A home without a facilitator needs the same know-how on paper: the first
three things to do this month, and a month-by-month route through its own modules.
Both come from each module's ``plan:`` and the pack (its order, its people); nothing
is written per home by hand.
"""

from __future__ import annotations

import collections
import math
from dataclasses import dataclass

from tippack.planning.tailor import TailoredModule, TailoredPack

MONTHS = 6


@dataclass(frozen=True)
class Step:
    """One module's place in the plan: when, what, who and how long."""

    module_id: str
    title: str
    kind: str
    month: int
    step: str
    who: str
    time: str


def _step(module: TailoredModule, month: int) -> Step:
    plan = module.plan or {}
    return Step(
        module.id,
        module.title,
        module.kind,
        month,
        plan.get("step") or f"Work through {module.title}",
        plan.get("who") or "TIP lead",
        plan.get("time") or module.time,
    )


def _wanted(module: TailoredModule) -> int:
    return (module.plan or {}).get("month") or 2


def _start(module: TailoredModule) -> int:
    return (module.plan or {}).get("start") or 10


def _starters(pack: TailoredPack) -> list[TailoredModule]:
    marked = [m for m in pack.modules if (m.plan or {}).get("start")]
    return sorted(marked, key=lambda m: (_start(m), pack.modules.index(m)))[:3]


def six_month_plan(pack: TailoredPack) -> list[Step]:
    """Every module of the pack, month by month, in the pack's own order within a month.

    Month 1 holds where the pack starts (its first module) and the quick start's steps.
    Every other module goes in the month its plan suggests, or the next month with room:
    a month holds about a sixth of the pack (three at least), so a long pack spreads over
    the six months instead of asking for everything at once.
    """
    modules = list(pack.modules)
    if not modules:
        return []
    room = max(3, math.ceil(len(modules) / MONTHS))
    month_of: dict[str, int] = {}
    for module in [modules[0], *_starters(pack)]:
        month_of.setdefault(module.id, 1)
    load = collections.Counter(month_of.values())
    rest = sorted((m for m in modules if m.id not in month_of),
                  key=lambda m: (_wanted(m), _start(m), modules.index(m)))
    for module in rest:
        month = min(max(_wanted(module), 1), MONTHS)
        while load[month] >= room and month < MONTHS:
            month += 1
        month_of[module.id] = month
        load[month] += 1
    ordered = sorted(modules, key=lambda m: (month_of[m.id], modules.index(m)))
    return [_step(m, month_of[m.id]) for m in ordered]


def first_three(pack: TailoredPack) -> list[Step]:
    """The quick start: the modules marked as a first step (``start``, lowest first), then
    the plan's other first-month steps, up to three, in the plan's order."""
    plan = six_month_plan(pack)
    by_id = {s.module_id: s for s in plan}
    chosen = [by_id[m.id] for m in _starters(pack)]
    for step in plan:
        if len(chosen) == 3:
            break
        if step not in chosen:
            chosen.append(step)
    return sorted(chosen, key=plan.index)


def has_facilitator(pack: TailoredPack) -> bool:
    """Whether the pack names a facilitator: it decides which route the plan describes."""
    return bool(pack.pack.facilitator and pack.pack.facilitator.name)

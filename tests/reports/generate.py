"""Answers files as a home's site would save them, made up for tests and the benchmark.

Every free-text answer (text boxes, notes, signatures, table cells that are not figures, and
the priority titles) holds a planted personal name, so a test can show that no report
carries one. Ratings climb from round to round, seeded, so figures differ between homes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from tippack.planning.tailor import TailoredModule, TailoredPack

PLANTED = ("Zofia Wiśniewska", "Ioana Popescu", "Mòrag NicLeòid", "Adébáyọ̀ Ọlánrewájú", "Людмила Смирнова")
FIGURE_COLUMNS = {"Trained / staff", "This month", "Last month", "Level", "Progress", "By when", "Principle"}


def _text(rng: random.Random, what: str) -> str:
    return f"{what}: {rng.choice(PLANTED)} said so & <noted> \"this\""


def module_answers(module: TailoredModule, rng: random.Random, level: int, day: dt.date,
                   extra: dict[str, str] | None = None) -> dict[str, str]:
    """One module's answers: ratings near ``level`` (0-based), every text planted with a name."""
    values: dict[str, str] = {}
    for section in module.sections:
        for item in section.items:
            name = f"{module.id}.{item.id}"
            kind, fields = item.type, item.fields
            if kind == "rating":
                scale = list(fields["scale"])
                values[name] = scale[max(0, min(len(scale) - 1, level + rng.choice((-1, 0, 0, 1))))]
                if fields.get("notes"):
                    values[f"{name}.notes"] = _text(rng, "Evidence")
            elif kind == "text":
                values[name] = _text(rng, "Answer")
            elif kind == "date":
                values[name] = day.isoformat()
            elif kind == "checklist":
                for n in range(1, len(fields["options"]) + 1):
                    if rng.random() < 0.5:
                        values[f"{name}.{n}"] = fields["options"][n - 1]
            elif kind == "signatures":
                for n in range(1, len(fields.get("signers") or ()) + 1):
                    values[f"{name}.s{n}.name"] = rng.choice(PLANTED)
                    values[f"{name}.s{n}.signature"] = rng.choice(PLANTED)
                    values[f"{name}.s{n}.date"] = day.isoformat()
            elif kind == "table":
                values.update(_table(name, fields, rng, level))
    values.update(extra or {})
    return values


def _table(name: str, fields: dict[str, Any], rng: random.Random, level: int) -> dict[str, str]:
    columns = list(fields["columns"])
    labels = fields.get("row_labels")
    written = columns[1:] if labels else columns
    rows = len(labels) if labels else (fields.get("rows") or 3)
    cells: dict[str, str] = {}
    for r in range(1, rows + 1):
        for c, column in enumerate(written, start=1):
            key = f"{name}.r{r}c{c}"
            if column == "Trained / staff":
                staff = rng.randint(2, 24)
                cells[key] = f"{min(staff, round(staff * (0.2 + 0.3 * level)))} / {staff}"
            elif column == "Level":
                cells[key] = rng.choice(("Informed", "Skilled"))
            elif column == "Progress":
                cells[key] = ("Not started", "In progress", "Done")[min(2, max(0, level - 1 + rng.randint(0, 1)))]
            elif column in ("This month", "Last month"):
                cells[key] = str(rng.randint(0, 20))
            elif column == "Priority":
                cells[key] = f"Priority {r} with {rng.choice(PLANTED)}"
            else:
                cells[key] = _text(rng, column)
    return cells


def saved_file(pack: TailoredPack, module: str, values: dict[str, str], saved: dt.datetime) -> dict[str, Any]:
    """An answers file as answers.js writes it."""
    return {"tippack": 1, "pack": pack.slug, "module": module, "home": pack.pack.home.name,
            "saved": saved.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "answers": values}


ROUND_NAMES = ("First assessment", "Six-month repeat", "Twelve-month repeat")


def home_files(pack: TailoredPack, folder: Path, rounds: int, seed: int, start: dt.date,
               months: int = 0) -> list[Path]:
    """A home's answers over ``rounds`` six-monthly rounds (and ``months`` monthly logs) as files in ``folder``."""
    rng = random.Random(seed)
    modules = {m.id: m for m in pack.modules}
    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)

    def save(module: str, values: dict[str, str], day: dt.date) -> None:
        saved = dt.datetime.combine(day, dt.time(15, 30), dt.UTC)
        path = folder / f"{pack.slug}-{module}-answers-{day.isoformat()}.json"
        path.write_text(json.dumps(saved_file(pack, module, values, saved), ensure_ascii=False, indent=2),
                        encoding="utf-8")
        written.append(path)

    for n in range(rounds):
        day = start + dt.timedelta(days=182 * n)
        for module_id in ("organisational-assessment", "training-needs-analysis", "statement-of-intent",
                          "stakeholder-group", "trauma-informed-lens", "partner-organisations"):
            if module_id in modules:
                extra = ({f"{module_id}.assessment-round": ROUND_NAMES[min(n, 2)]}
                         if module_id == "organisational-assessment" else {})
                save(module_id, module_answers(modules[module_id], rng, n + 1, day, extra), day)
    if "monitoring-log" in modules:
        for m in range(months):
            day = dt.date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 28)
            save("monitoring-log", module_answers(modules["monitoring-log"], rng, 1, day), day)
    return written

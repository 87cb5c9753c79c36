"""A module listed under another spelling: read as the library's id, printed once, with a warning."""

from __future__ import annotations

from tippack.planning.plan import gather
from tippack.reading.project import Project
from tippack.reading.source import load_text
from tippack.reading.spellings import module_spelling, respell_modules


def test_spellings_are_read_as_library_ids() -> None:
    assert module_spelling("Barriers_Enablers") == "barriers-enablers"
    assert module_spelling("  Staff Wellbeing ") == "staff-wellbeing"
    assert module_spelling("statement-of-intent") == "statement-of-intent"


def test_a_second_spelling_is_left_out_and_the_first_kept(scratch: Project) -> None:
    pack = scratch.root / "packs" / "oakview.yml"
    text = pack.read_text(encoding="utf-8")
    text = text.replace("  - trauma-informed-lens\n", "  - Trauma_Informed_Lens\n  - STAFF-WELLBEING\n", 1)
    pack.write_text(text, encoding="utf-8")
    plan = gather(scratch, ("oakview",))
    assert not plan.errors, [p.format() for p in plan.errors]
    warnings = [p.format() for p in plan.warnings if "module '" in p.message]
    assert any("'Trauma_Informed_Lens' is read as 'trauma-informed-lens'" in w for w in warnings)
    assert any("'STAFF-WELLBEING' is 'staff-wellbeing', already listed at" in w for w in warnings)
    ids = [m.id for m in plan.packs[0].tailored.modules]
    assert ids.count("staff-wellbeing") == 1 and ids.count("trauma-informed-lens") == 1
    assert ids.index("trauma-informed-lens") < ids.index("statement-of-intent")  # kept where it was written


def test_positions_follow_the_entries_that_remain_and_the_read_document_is_new() -> None:
    doc, problems = load_text("modules:\n  - a\n  - A\n  - c\n", "pack.yml")
    assert doc is not None and not problems
    respelled, found = respell_modules(doc, {"a", "c"})
    assert [r.index for r in found] == [1]
    assert respelled.data["modules"] == ["a", "c"]
    assert respelled.pos(("modules", 1)).line == 4
    assert doc.data["modules"] == ["a", "A", "c"]  # what was read is not changed

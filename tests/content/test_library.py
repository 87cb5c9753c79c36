"""The module library as data: every module valid, complete and used, and nothing
in the content that a facilitator could not hand out unchanged."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tippack.planning.plan import gather
from tippack.reading.items import item_types
from tippack.reading.library import load_library
from tippack.reading.project import Project

ROOT = Path(__file__).resolve().parents[2]
MODULE_DIR = ROOT / "content" / "modules"
MODULE_FILES = sorted(MODULE_DIR.glob("*.yml"))
MODULE_IDS = [p.stem for p in MODULE_FILES]
KINDS = {"proforma", "worksheet", "template", "guide", "log"}
PRINCIPLES = {"safety", "trust", "choice", "collaboration", "empowerment"}

# One way of citing each work that several modules use. A module that cites one of
# these works must use exactly this wording, so the pack reads as one document.
CANONICAL_SOURCES = {
    "Peer Support and Learning Group pilot": (
        "Scottish Government (n.d.) Findings from a Peer Support and Learning Group pilot to support"
        " Trauma Informed Practice in Adult Social Care"),
    "a toolkit for Scotland": "Scottish Government (2021) Trauma-informed practice: a toolkit for Scotland",
    "Knowledge and Skills Framework": (
        "NHS Education for Scotland and Scottish Government (2017) Transforming Psychological Trauma:"
        " a Knowledge and Skills Framework for the Scottish Workforce"),
    "Roadmap for Creating": (
        "National Trauma Transformation Programme (2023) Roadmap for Creating Trauma-Informed and"
        " Responsive Change"),
    "workforce survey 2024": (
        "Scottish Government (2024) National Trauma Transformation Programme: workforce survey 2024."
        " Carried out by the Improvement Service"),
    "Couzner": (
        "Couzner L, Spence N, Fausto K, Huo Y, Vale L, Elkins S, Saltis J, Cations M (2022) Delivering"
        " trauma-informed care in a hospital ward for older adults with dementia: an illustrative case"
        " series. Frontiers in Rehabilitation Sciences 3:934099"),
    "delivery trials": (
        "The Lines Between (n.d.) National Trauma Transformation Programme: local authority delivery trials,"
        " follow-up evaluation, final report. Scottish Government"),
    "Adults with Incapacity": "Adults with Incapacity (Scotland) Act 2000, section 1 (general principles)",
    "Health and Social Care Standards": (
        "Scottish Government (2017) Health and Social Care Standards: my support, my life"),
    "Promoting Excellence": (
        "NHS Education for Scotland and Scottish Social Services Council (2011, refreshed 2021) Promoting"
        " Excellence: a framework for all health and social services staff working with people with"
        " dementia, their families and carers"),
    "the 5 Rs": (
        "NHS Education for Scotland (n.d.) National Trauma Transformation Programme: what do we mean by"
        " trauma-informed practice? (the 5 Rs)"),
    "SAMHSA": (
        "Substance Abuse and Mental Health Services Administration (2014) SAMHSA's Concept of Trauma and"
        " Guidance for a Trauma-Informed Approach. HHS Publication No. (SMA) 14-4884"),
}

# The only contact details allowed anywhere in the content: fictional ones, from Ofcom's drama ranges.
ALLOWED_PHONE = re.compile(r"^(?:01632 960\d{3}|07700 900\d{3})$")
PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{2,4}(?![\w/-])")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
PLACEHOLDER = re.compile(r"\b(lorem|ipsum|todo|tbc|tbd|fixme|xxx)\b", re.IGNORECASE)


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def items(module: dict) -> list[dict]:
    return [item for section in module["sections"] for item in section["items"]]


def content_files() -> list[Path]:
    return [*MODULE_FILES, *sorted((ROOT / "content" / "pages").glob("*.md")), *sorted((ROOT / "packs").glob("*.yml"))]


@pytest.fixture(scope="module")
def library():
    return load_library(Project(ROOT))


@pytest.fixture(scope="module")
def plan():
    return gather(Project(ROOT))


def test_at_least_twelve_modules():
    assert len(MODULE_FILES) >= 12


SERVICES = ROOT / "content" / "services.yml"
DISCLOSURE = "responding-to-disclosure"


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_every_module_says_when_its_facts_were_checked_and_has_a_plan(path):
    module = raw(path)
    assert isinstance(module.get("reviewed"), dt.date), f"{path.name} has no reviewed: date"
    plan = module.get("plan")
    assert plan and 1 <= plan["month"] <= 6 and plan["step"] and plan["who"] and plan["time"], path.name


def test_every_national_service_says_where_and_when_its_number_was_found():
    services = raw(SERVICES)["services"]
    assert len(services) >= 8
    for service in services:
        assert service["source"]["title"] and service["source"]["url"].startswith("https://"), service["id"]
        assert isinstance(service["found"], dt.date), service["id"]
        assert "checked" not in service, f"{service['id']}: 'found' (where it was read) and 'confirmed' (by a person)"
        assert service.get("phone"), service["id"]


def test_real_numbers_live_only_in_the_services_file():
    numbers = {s["phone"] for s in raw(SERVICES)["services"]}
    for path in content_files():
        text = path.read_text(encoding="utf-8")
        for number in numbers - {"999", "101", "111"}:
            assert number not in text, f"{path.name} prints {number}: use a services item instead"


def test_the_disclosure_module_opens_with_a_one_page_flow_and_the_homes_contacts():
    module = raw(MODULE_DIR / f"{DISCLOSURE}.yml")
    flow = module["sections"][0]
    assert flow.get("one_page") is True
    types = [i["type"] for i in flow["items"]]
    assert "contacts" in types and "services" in types
    words = sum(len(i.get("body", "").split()) for i in flow["items"])
    assert words < 175, f"the flow has {words} words: it must fit one page in large print"


def test_every_example_pack_has_the_disclosure_module_early(plan):
    for pp in plan.packs:
        ids = [m.id for m in pp.tailored.modules]
        assert DISCLOSURE in ids[:3], f"{pp.slug}: {ids}"


def test_every_module_of_a_pack_is_in_its_six_month_plan(plan):
    from tippack.planning.months import first_three, six_month_plan

    for pp in plan.packs:
        steps = six_month_plan(pp.tailored)
        assert sorted(s.module_id for s in steps) == sorted(m.id for m in pp.tailored.modules), pp.slug
        assert [s.month for s in steps] == sorted(s.month for s in steps), pp.slug
        quick = first_three(pp.tailored)
        assert len(quick) == 3 and all(s.month == 1 for s in quick), pp.slug


def test_worked_examples_are_given_where_the_issue_asks():
    examples = {p.stem: [i["id"] for i in items(raw(p)) if "example" in i] for p in MODULE_FILES}
    assert examples["organisational-assessment"], "no worked example of the priorities and action plan"
    assert examples["statement-of-intent"], "no worked example of the statement of intent"
    text = " ".join(str(i.get("example")) for p in MODULE_FILES for i in items(raw(p)) if "example" in i)
    assert "Example House" in text  # the made-up home every worked example is written for


def test_every_module_loads_and_passes_validation(library):
    errors = [p.format() for p in library.problems if p.severity == "error"]
    assert not errors, "\n".join(errors)
    assert sorted(library.modules) == MODULE_IDS


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_module_has_the_basics(path):
    module = raw(path)
    for key in ("title", "kind", "summary", "audience", "time", "sources"):
        assert module.get(key), f"{path.name} has no {key}"
    assert module["kind"] in KINDS


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_item_and_section_ids_are_unique(path):
    module = raw(path)
    for label, ids in (("item", [i["id"] for i in items(module)]),
                       ("section", [s["id"] for s in module["sections"]])):
        repeated = [i for i, n in Counter(ids).items() if n > 1]
        assert not repeated, f"{path.name}: {label} ids used twice: {repeated}"


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_module_names_its_sources(path):
    sources = raw(path)["sources"]
    assert sources, f"{path.name} names no source"
    for source in sources:
        assert len(source) > 30 and re.search(r"\((n\.d\.|\d{4}[^)]*)\)|Act \d{4}", source), (
            f"{path.name}: '{source}' is not a full reference (author, year, title)")


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_shared_works_are_cited_the_same_way_everywhere(path):
    for source in raw(path)["sources"]:
        for key, canonical in CANONICAL_SOURCES.items():
            if key.lower() in source.lower():
                assert source == canonical, f"{path.name} cites '{source}'; use '{canonical}'"


def test_every_module_cites_the_pilot_or_the_evidence_behind_it():
    pilot = CANONICAL_SOURCES["Peer Support and Learning Group pilot"]
    citing = [p.stem for p in MODULE_FILES if pilot in raw(p)["sources"]]
    assert len(citing) >= 10, citing


@pytest.mark.parametrize("path", MODULE_FILES, ids=MODULE_IDS)
def test_module_has_at_least_six_items(path):
    assert len(items(raw(path))) >= 6


def test_every_kind_is_used():
    assert {raw(p)["kind"] for p in MODULE_FILES} == KINDS


def test_every_item_type_is_used():
    used = {i["type"] for p in MODULE_FILES for i in items(raw(p))}
    assert used == set(item_types())


def test_when_and_unless_tailor_dementia_nursing_and_local_authority_content():
    tags = Counter()
    for path in MODULE_FILES:
        module = raw(path)
        for thing in [*module["sections"], *items(module)]:
            for tag in thing.get("when", []) + thing.get("unless", []):
                tags[tag] += 1
    for tag in ("dementia", "nursing", "local-authority"):
        assert tags[tag], f"no section or item is tailored with '{tag}'"


def test_assessment_items_are_tagged_with_a_principle():
    module = raw(MODULE_DIR / "organisational-assessment.yml")
    ratings = [i for i in items(module) if i["type"] == "rating"]
    assert ratings
    untagged = [i["id"] for i in ratings if i.get("principle") not in PRINCIPLES]
    assert not untagged, f"rating items with no principle: {untagged}"


def test_assessment_ends_in_priorities_and_an_action_plan():
    module = raw(MODULE_DIR / "organisational-assessment.yml")
    last = module["sections"][-1]
    assert "priorit" in last["title"].lower() and "action plan" in last["title"].lower()
    tables = [i for i in last["items"] if i["type"] == "table"]
    columns = " | ".join(c.lower() for t in tables for c in t["columns"])
    for needed in ("what", "who", "by when", "principle"):
        assert needed in columns, f"the action plan has no '{needed}' column: {columns}"


def test_example_packs_are_valid_and_use_every_module(plan):
    errors = [p.format() for p in plan.errors]
    assert not errors, "\n".join(errors)
    assert len(plan.packs) == 6
    used = {m.id for pp in plan.packs for m in pp.tailored.modules}
    assert used == set(MODULE_IDS), f"modules in no example pack: {sorted(set(MODULE_IDS) - used)}"


def test_example_packs_use_different_selections(plan):
    selections = [tuple(m.id for m in pp.tailored.modules) for pp in plan.packs]
    assert len(set(selections)) == len(selections)


def test_tailored_modules_keep_at_least_one_section(plan):
    for pp in plan.packs:
        for module in pp.tailored.modules:
            assert module.sections, f"{pp.slug}: {module.id} has nothing left after tailoring"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_placeholder_text(path):
    found = PLACEHOLDER.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} still says {found}"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_contact_details_are_fictional(path):
    text = path.read_text(encoding="utf-8")
    phones = [m.group(0) for m in PHONE.finditer(text) if not ALLOWED_PHONE.match(m.group(0).strip())]
    assert not phones, f"{path.name} has real-looking phone numbers: {phones}"
    domains = [m.group(1).lower() for m in EMAIL.finditer(text)]
    assert all(d == "example.org" for d in domains), f"{path.name} has e-mail addresses outside example.org"


def test_contact_patterns_catch_real_looking_details():
    assert PHONE.search("call 0131 555 0123 today")
    assert PHONE.search("or 07700 900123")
    assert PHONE.search("+44 131 496 0000")
    assert not PHONE.search("Standard 1.12, 2023, 22 March 2023, 3:934099")
    assert ALLOWED_PHONE.match("01632 960090") and ALLOWED_PHONE.match("07700 900999")
    assert not ALLOWED_PHONE.match("01234 567890")  # Bedford's live code
    assert EMAIL.search("someone@carehome.co.uk").group(1) == "carehome.co.uk"

#!/usr/bin/env python3
"""Benchmark tippack at scale: N synthetic care homes in a temporary copy of the project.

Reports cold builds with --jobs 1 and --jobs 2, a no-op rebuild, a rebuild after
editing one pack, a rebuild after editing a module used by a third of the packs,
peak memory per worker, and the floor for one pack (the same docs tree through
plain `mkdocs build` and the same print HTML through plain `weasyprint`, each in a
fresh process) ("scale"); one shard of 8 built cold, as one CI runner would ("shard");
and, in `tippack serve`, the time from saving a module to its new page being served
("serve"). Prints a table, projections for 1,020 packs, and JSON. Timings depend on
what else the machine is doing: the load average before and after is reported.

    python scripts/bench.py --packs 100
    python scripts/bench.py --packs 40 --only shard,serve
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCOTLAND_CARE_HOMES = 1020  # adult care homes, Public Health Scotland Care Home Census, 31 March 2024
OPTIONAL = [
    "principles",
    "later-life-trauma",
    "barriers-enablers",
    "trauma-informed-lens",
    "stakeholder-group",
    "training-needs-analysis",
    "partner-organisations",
    "staff-wellbeing",
    "peer-support-sessions",
    "recording-and-sharing",
    "learning-resources",
    "standards-map",
]
SUFFIXES = ["field", "bank", "view", "brae", ""]
THIRD_MODULE = "monitoring-log"  # used by every third pack
EPOCH = "1790000000"  # SOURCE_DATE_EPOCH for every build: fixed dates, comparable outputs
SHARDS = 8  # the job matrix the shard figure is for


def make_project(target: Path, packs: int, seed: int = 2026, smoke: bool = False) -> None:
    """Copy the project and write N synthetic, varied packs into it (``smoke``: short packs of
    three modules, to check the script end to end quickly; their timings describe nothing)."""
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "packs").mkdir()
    rng = random.Random(seed)
    places = ["Ash", "Birch", "Cedar", "Elm", "Fern", "Hazel", "Heather", "Larch", "Oak", "Rowan", "Thistle", "Willow"]
    kinds = ["House", "Court", "Lodge", "Care Home", "Nursing Home", "Gardens"]
    for i in range(packs):
        services = (
            ["older-people"]
            + (["dementia"] if rng.random() < 0.6 else [])
            + (["nursing"] if rng.random() < 0.3 else [])
        )
        optional = rng.sample(OPTIONAL, rng.randint(2, 6))
        modules = ["welcome", "responding-to-disclosure", "organisational-assessment", *optional,
                   "statement-of-intent"]
        if smoke:
            modules = ["welcome", "statement-of-intent"]
        if i % 3 == 0:
            modules.append(THIRD_MODULE)
        pack = {
            "home": {
                "name": f"{rng.choice(places)}{rng.choice(SUFFIXES)} {rng.choice(kinds)} {i}",
                "provider": f"Example Care Provider {i % 17} (example)",
                "ownership": rng.choice(["private", "private", "voluntary", "local-authority"]),
                "services": services,
                "manager": "Sam Example",
            },
            "facilitator": {
                "name": "Alex Example",
                "organisation": "Example Trauma Partnership",
                "email": "alex@example.org",
            },
            "tags": [f"cohort-{i % 5}"],
            "modules": modules,
            "signatories": [{"name": "Sam Example", "role": "Manager"}, {"role": "Provider representative"}],
            "partners": [
                {
                    "name": f"Example Support Service {j}",
                    "offers": "Support for survivors of trauma",
                    "phone": f"01632 9600{j:02d}",
                    "website": "https://example.org",
                    "checked": "2026-10-01",
                }
                for j in range(rng.randint(0, 3))
            ],
            "adult_protection": {
                "lead": {"name": "Sam Example", "role": "Manager", "phone": "01632 960000"},
                "on_call": {"name": "On-call manager (example rota)", "phone": "07700 900000"},
                "if_about_manager": {"name": "Chris Example", "role": "Owner", "phone": "07700 900001"},
                "council": {"name": "Example Council adult protection team", "phone": "01632 960001"},
                "out_of_hours": {"name": "Example Council out-of-hours social work", "phone": "01632 960002"},
                "checked": "2026-10-01",
            },
            "vars": {"review_date": "2027-05-01"},
            "theme": {"primary": rng.choice(["#4b2e83", "#1b5e20", "#005a70", "#8a3b12", "#6a1b4d"])},
            "print": {
                "paper": "A4",
                "duplex": rng.random() < 0.3,
                "large_print": rng.random() < 0.1,
                "fillable": rng.random() < 0.2,
            },
        }
        text = yaml.safe_dump(pack, sort_keys=False, allow_unicode=True).replace("'2026-10-01'", "2026-10-01")
        text = text.replace("'2027-05-01'", "2027-05-01")
        (target / "packs" / f"home-{i:04d}.yml").write_text(text, encoding="utf-8")


def measured(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; return wall seconds, the peak RSS (MB) of its largest process, and its stderr.

    The peak is this command's own (``wait4``), not the largest of every command run so
    far, which is what ``RUSAGE_CHILDREN`` would give.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, text=True,
                                env=os.environ | {"SOURCE_DATE_EPOCH": EPOCH})
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, stderr


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Run a command; return wall seconds and the peak RSS (MB) of its largest process."""
    seconds, peak, _ = measured(cmd, cwd)
    return seconds, peak


def tippack(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run tippack; return wall seconds, its peak RSS (MB) and its summary line."""
    seconds, peak, stderr = measured([str(BIN / "tippack"), *args], cwd)
    return seconds, peak, stderr.strip().splitlines()[-1]


def floor(project_root: Path, slug: str, work: Path) -> dict[str, float]:
    """The same docs tree through plain mkdocs and the same HTML through plain weasyprint, fresh processes."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from tippack.building.builder import renderer_for
    from tippack.outputs.printed.names import pdf_date
    from tippack.outputs.printed.printer import Printer
    from tippack.outputs.site.site import site_config, write_docs
    from tippack.planning.plan import gather
    from tippack.reading.project import Project

    project = Project(project_root)
    plan = gather(project, (slug,))
    pack = plan.packs[0]
    renderer, printer = renderer_for(project), Printer(project)
    modules = [renderer.module(m) for m in pack.tailored.modules]
    docs = work / "docs"
    nav = write_docs(docs, project, slug, renderer.home(pack.tailored), modules, pack.pages, None)
    settings = site_config(
        project,
        docs,
        work / "site",
        nav,
        pack.tailored.pack.home.name,
        slug,
        pack.tailored.pack.theme.primary,
        None,
        f"{slug}.pdf",
    )
    base = yaml.safe_load(project.mkdocs_yml.read_text())
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump({**base, **settings, "site_name": str(settings["site_name"])}))
    html = printer.html(pack.tailored, modules, [t for _, _, t in pack.pages], renderer, pdf_date(1790000000), "x")
    (work / "pack.html").write_text(html, encoding="utf-8")
    mk, _ = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)], work)
    flags = ["--pdf-tags"] + (["--pdf-forms"] if pack.tailored.pack.print.fillable else [])
    wp, wp_mb = run([str(BIN / "weasyprint"), *flags, "-u", str(project_root), "pack.html", "pack.pdf"], work)
    return {"mkdocs_s": mk, "weasyprint_s": wp, "floor_s": mk + wp, "floor_weasyprint_mb": wp_mb,
            **print_split(printer, html, pack.tailored.pack.print.fillable, [m.id for m in modules])}


def print_split(printer, html: str, forms: bool, module_ids: list[str]) -> dict[str, float]:  # noqa: ANN001
    """Where a pack's print time goes: laying it out, writing the pack's PDF, and writing each
    module's PDF from the same laid-out pages. Laying out is all that sharing layout between
    packs could save; the writing is per pack whatever is shared."""
    start = time.perf_counter()
    document = printer.layout(html, forms)
    laid_out = time.perf_counter()
    document.write_pdf(pdf_forms=forms, pdf_tags=True)
    written = time.perf_counter()
    starts = sorted(i for i, page in enumerate(document.pages)
                    if any(a.startswith("module-") and a[7:] in module_ids for a in page.anchors))
    for first, end in zip(starts, [*starts[1:], len(document.pages)], strict=True):
        document.copy(document.pages[first:end]).write_pdf(pdf_forms=forms, pdf_tags=True)
    return {"layout_s": laid_out - start, "pack_write_s": written - laid_out,
            "module_writes_s": time.perf_counter() - written, "split_pages": len(document.pages)}


def sharing(project_root: Path) -> dict[str, int]:
    """How many tailored modules the packs share: what laying out each distinct module once could
    save; and how many there would be if module text never named the home or its manager."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import hashlib

    from tippack.building.builder import renderer_for
    from tippack.planning.plan import gather
    from tippack.reading.project import Project

    project = Project(project_root)
    plan = gather(project)
    renderer = renderer_for(project)
    digests, unnamed = [], []
    for p in plan.packs:
        home = p.tailored.pack.home
        for m in p.tailored.modules:
            text = renderer.module(m).markdown
            digests.append(hashlib.sha256(text.encode()).hexdigest())
            for name in filter(None, (home.name, home.manager)):
                text = text.replace(str(name), "HOME")
            unnamed.append(hashlib.sha256(text.encode()).hexdigest())
    return {"module_instances": len(digests), "distinct_tailored_modules": len(set(digests)),
            "distinct_without_names": len(set(unnamed))}


def noop_at_scale(project_root: Path, out: Path, packs: int, total: int = SCOTLAND_CARE_HOMES) -> None:
    """Grow the set to ``total`` packs whose published records match their inputs, as if built.

    Building 1,020 packs only to time a rebuild that skips them all would take an hour; the
    records written here are the ones a build writes, with fingerprints from tippack itself.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    from tippack.building.schedule import fingerprints, is_unchanged
    from tippack.outputs.registry import OUTPUTS
    from tippack.planning.plan import gather, pack_inputs
    from tippack.reading.project import Project

    folder = project_root / "packs"
    for i in range(packs, total):
        source = folder / f"home-{i % packs:04d}.yml"
        (folder / f"home-{i:04d}.yml").write_text(source.read_text().replace(f" {i % packs}\n", f" {i}\n", 1))
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # part of the fingerprint, as in the builds above
    project = Project(project_root)
    plan = gather(project, tuple(f"home-{i:04d}" for i in range(packs, total)), lambda slug, inputs: True)

    for loaded in plan.loaded:
        record = {
            "slug": loaded.slug, "home": loaded.model.home.name, "modules": [], "pages": 0,
            "version": str(loaded.model.version), "built": "(not built: benchmark record)",
            "fingerprints": fingerprints(project_root, pack_inputs(project, loaded, plan.library),
                                         frozenset(OUTPUTS.formats())),
        }
        (out / loaded.slug).mkdir(parents=True, exist_ok=True)
        (out / loaded.slug / ".tippack.json").write_text(json.dumps(record))

    check = gather(project, (), is_unchanged(project.root, out.resolve(), frozenset(OUTPUTS.formats())))
    if check.packs:
        sys.exit(f"benchmark records do not match {len(check.packs)} packs: the no-op timing would be a rebuild")


class Results(dict):
    """Figures as they are measured: each is noted on stderr and the JSON rewritten, so a long run
    that is stopped part-way still leaves what it measured."""

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        print(f"  {key}: {value}", file=sys.stderr, flush=True)
        if self.path:
            self.path.write_text(json.dumps(self, indent=2))

    def update(self, other: dict) -> None:  # type: ignore[override]
        """Set each figure through __setitem__, so it is noted and saved."""
        for key, value in other.items():
            self[key] = value


def scale(results: Results, project: Path, work: Path, packs: int) -> None:
    """Cold builds, rebuilds, memory and the floor: the figures of the README's first rows."""
    results.update(sharing(project))
    # One pack, cold, in a fresh process, against the floor for the same pack.
    # The floor makes the site and the PDF: so does the pack it is set against. With every format
    # (Word copies and spreadsheets too) as well, for the cost of those.
    single, single_mb, _ = tippack(["build", "home-0000", "--jobs", "1", "--format", "site,pdf", "--out",
                                    str(work / "single")], project)
    results["single_pack_s"], results["single_pack_mb"] = single, single_mb
    results["single_pack_all_formats_s"], _, _ = tippack(["build", "home-0000", "--jobs", "1", "--out",
                                                           str(work / "single-all")], project)
    results.update(floor(project, "home-0000", work / "floor-work"))
    results["single_over_floor"] = single / results["floor_s"]
    # Cold full builds.
    t1, mem1, s1 = tippack(["build", "--jobs", "1", "--out", str(work / "out1")], project)
    results["cold_jobs1_s"] = t1
    t2, mem2, s2 = tippack(["build", "--jobs", "2", "--out", str(work / "out2")], project)
    results["cold_jobs2_s"] = t2
    results["speedup_jobs2"] = t1 / t2
    results["peak_worker_mb"] = max(mem1, mem2)
    pages = [json.loads(p.read_text())["pages"] for p in (work / "out2").glob("*/.tippack.json")]
    results["pages_total"] = sum(pages)
    # Rebuilds.
    t, _, s = tippack(["build", "--out", str(work / "out2")], project)
    results["noop_s"], results["noop_summary"] = t, s
    pack = project / "packs" / "home-0001.yml"
    pack.write_text(pack.read_text().replace("Sam Example", "Sam Example-Jones", 1))
    t, _, s = tippack(["build", "--out", str(work / "out2")], project)
    results["one_pack_edit_s"], results["one_pack_edit_summary"] = t, s
    module = project / "content" / "modules" / f"{THIRD_MODULE}.yml"
    module.write_text(module.read_text() + "\n# edited\n")
    t, _, s = tippack(["build", "--out", str(work / "out2")], project)
    results["third_module_edit_s"], results["third_module_edit_summary"] = t, s
    noop_at_scale(project, work / "out2", packs)
    t, _, s = tippack(["build", "--out", str(work / "out2")], project)
    results["noop_1020_s"], results["noop_1020_summary"] = t, s
    results["projection_1020_jobs2_min"] = results["cold_jobs2_s"] / packs * SCOTLAND_CARE_HOMES / 60


def shard(results: Results, project: Path, work: Path, count: int = SHARDS) -> None:
    """One shard of ``count``, cold, as one CI runner of a job matrix builds it; the arithmetic for 1,020 packs.

    The shard's time is scaled by pages (a pack's build time follows its page count), to a
    shard of 1,020 / ``count`` packs of the same average size.
    """
    out = work / "shard-1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t, _, s = tippack(["build", "--shard", f"1/{count}", "--jobs", "2", "--out", str(out)], project)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    records = [json.loads(p.read_text()) for p in out.glob("*/.tippack.json")]
    pages = sum(r["pages"] for r in records)
    results["shard"] = f"1/{count}"
    results["shard_s"], results["shard_summary"] = t, s
    results["shard_cpu_s"] = cpu  # the shard and its workers: what a machine shared with others still shows
    results["shard_packs"], results["shard_pages"] = len(records), pages
    pages_1020 = pages / len(records) * SCOTLAND_CARE_HOMES / count  # a shard of 1,020 packs this size
    results["shard_projection_1020_min"] = t / pages * pages_1020 / 60
    results["shard_projection_1020_cpu_min"] = cpu / pages * pages_1020 / 2 / 60  # both cores of a 2-core runner


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def until(predicate, seconds: float, step: float = 0.01):  # noqa: ANN001
    """Poll ``predicate`` until it gives something true (returned) or time runs out (None)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def serve(results: Results, project: Path, edits: int, slug: str = "home-0000", module: str = "welcome") -> None:
    """Edit to reload in ``tippack serve``: from saving a module to its new page being served.

    A text edit changes one page (rebuilt alone); a title edit changes the navigation (every
    page rebuilt). Each edit is saved 2 s after the last one was served, while the PDF of the
    one before may still be printing, as when someone works through a module. Also: from
    saving to the PDF being ready.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/modules/{module}.html"
    path = project / "content" / "modules" / f"{module}.yml"
    original = path.read_text(encoding="utf-8")
    log = (project.parent / "serve.log").open("w")
    proc = subprocess.Popen([str(BIN / "tippack"), "serve", slug, "--port", str(port)], cwd=project, stdout=log,
                            stderr=subprocess.STDOUT, env=os.environ | {"SOURCE_DATE_EPOCH": EPOCH},
                            start_new_session=True)

    def status() -> dict:
        text = fetch(f"{base}/tippack-preview.json")
        return json.loads(text) if text else {}

    def timed_edit(text: str, marker: str) -> float:
        path.write_text(text, encoding="utf-8")
        saved = time.perf_counter()
        if not until(lambda: marker in fetch(page), 60):
            sys.exit(f"tippack serve never showed the edit {marker!r}")
        return time.perf_counter() - saved

    try:
        if not until(lambda: status().get("pdf") == "ready", 300, 0.2):
            sys.exit("tippack serve did not start and print the PDF")
        text_times, title_times = [], []
        for i in range(edits):
            time.sleep(2)
            marker = f"Edited{i}x"
            text_times.append(timed_edit(original.replace("intro: |\n  ", f"intro: |\n  {marker} ", 1), marker))
        for i in range(max(1, edits // 2)):
            time.sleep(2)
            marker = f"Retitled{i}x"
            title_times.append(timed_edit(original.replace("\ntitle: ", f"\ntitle: {marker} ", 1), marker))
        generation = status()["generation"]
        time.sleep(2)
        path.write_text(original.replace("intro: |\n  ", "intro: |\n  Printed ", 1), encoding="utf-8")
        saved = time.perf_counter()
        if not until(lambda: (s := status()).get("generation", 0) > generation and s.get("pdf") == "ready", 300, 0.05):
            sys.exit("tippack serve never printed the edited PDF")
        results["serve_pdf_ready_s"] = time.perf_counter() - saved
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()
        path.write_text(original, encoding="utf-8")
    results["serve_text_edit_s"] = statistics.median(text_times)
    results["serve_text_edit_max_s"] = max(text_times)
    results["serve_title_edit_s"] = statistics.median(title_times)
    results["serve_title_edit_max_s"] = max(title_times)


def pages(results: Results, project: Path, work: Path, count: int = 6) -> None:
    """Pages laid out per home before the booklet (the whole pack at once) and now (the booklet,
    the tools and the poster), projected to 1,020 homes: the projection must fall."""
    from bench_pages import pages_laid_out

    slugs = sorted(p.stem for p in (project / "packs").glob("*.yml") if not p.name.startswith("_"))[:count]
    tippack(["build", *slugs, "--jobs", "2", "--format", "pdf", "--out", str(work / "pages")], project)
    results.update(pages_laid_out(project, work / "pages", slugs, SCOTLAND_CARE_HOMES))


def progress(results: Results, project: Path, work: Path, packs: int) -> None:
    """The cohort progress report of every pack, two assessment rounds each: its time and peak memory.

    Each home's record is made by tippack's own reading of generated answers (as its own
    report keeps it, without printing each home's PDF); the timed command then reads the
    records alone, as ``tippack progress --cohort`` always does."""
    import datetime as dt

    sys.path.insert(0, str(ROOT / "tests" / "reports"))
    from generate import home_files  # the tests' made-up answers, planted names and all

    from tippack.planning.plan import gather
    from tippack.reading.project import Project
    from tippack.reports.collect import collect
    from tippack.reports.rounds import read_home

    proj = Project(project)
    out = work / "progress-build"
    today = dt.date(2026, 12, 6)
    start = time.perf_counter()
    for seed, pack in enumerate(gather(proj).packs):
        folder = work / "answers" / pack.slug
        home_files(pack.tailored, folder, 2, seed, dt.date(2025, 3, 10))
        gathered = read_home(proj, pack.tailored, [folder], today)
        record = out / pack.slug / "progress"
        record.mkdir(parents=True)
        (record / "record.json").write_text(collect(gathered, today).record.to_json(), encoding="utf-8")
    results["progress_records_s"] = time.perf_counter() - start
    command = [str(BIN / "tippack"), "progress"]
    for name, extra in (("progress_cohort", []), ("progress_cohort_anonymised", ["--anonymise"])):
        seconds, peak, _ = measured([*command, "--cohort", "older-people", "--out", str(out), *extra], project)
        results[f"{name}_s"], results[f"{name}_mb"] = seconds, peak
    pdf = out / "cohorts" / "older-people" / "older-people-progress.pdf"
    results["progress_cohort_pages"] = len(__import__("pypdf").PdfReader(pdf).pages)


GROUPS = ("scale", "shard", "serve", "progress", "pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packs", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"figures to measure, comma-separated: {', '.join(GROUPS)} (default: all)")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits timed in tippack serve")
    parser.add_argument("--smoke", action="store_true",
                        help="short packs: check the script runs end to end (its figures mean nothing)")
    args = parser.parse_args()
    groups = {g.strip() for g in args.only.split(",") if g.strip()}
    if groups - set(GROUPS):
        parser.error(f"--only: choose from {', '.join(GROUPS)}")
    results: Results = Results(args.json)
    results.update({
        "packs": args.packs,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    })
    with tempfile.TemporaryDirectory(prefix="tippack-bench-") as tmp:
        work = Path(tmp)
        project = work / "project"
        project.mkdir()
        make_project(project, args.packs, smoke=args.smoke)
        if "shard" in groups:
            shard(results, project, work)
        if "serve" in groups:
            serve(results, project, args.serve_edits)
        if "progress" in groups:
            progress(results, project, work, args.packs)
        if "scale" in groups:
            scale(results, project, work, args.packs)
        if "pages" in groups:
            pages(results, project, work)
    results["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report(results)


def report(r: dict) -> None:
    rows = [("machine", r["machine"]), ("load average before / after", f"{r['load_before']} / {r['load_after']}")]
    if "cold_jobs1_s" in r:
        rows += [
            ("packs (pages in all)", f"{r['packs']} ({r['pages_total']})"),
            ("tailored modules: all / distinct / distinct if no module named the home",
             f"{r['module_instances']} / {r['distinct_tailored_modules']} / {r['distinct_without_names']}"),
            ("one pack, cold, fresh process: site and PDF / every format",
             f"{r['single_pack_s']:.1f} s / {r['single_pack_all_formats_s']:.1f} s"),
            ("floor: mkdocs + weasyprint", f"{r['floor_s']:.1f} s ({r['mkdocs_s']:.1f} + {r['weasyprint_s']:.1f})"),
            ("one pack / floor", f"{r['single_over_floor']:.2f}x (goal <= 1.15)"),
            (f"its print: layout / pack PDF written / module PDFs written ({r['split_pages']} pages)",
             f"{r['layout_s']:.1f} s / {r['pack_write_s']:.1f} s / {r['module_writes_s']:.1f} s"),
            ("cold build, --jobs 1", f"{r['cold_jobs1_s']:.1f} s"),
            ("cold build, --jobs 2", f"{r['cold_jobs2_s']:.1f} s"),
            ("speed-up with 2 jobs", f"{r['speedup_jobs2']:.2f}x (goal >= 1.7)"),
            ("no-op rebuild", f"{r['noop_s']:.2f} s  [{r['noop_summary']}]"),
            ("no-op rebuild, 1,020 packs", f"{r['noop_1020_s']:.2f} s  [{r['noop_1020_summary']}] (goal <= 3)"),
            ("after editing one pack", f"{r['one_pack_edit_s']:.1f} s  [{r['one_pack_edit_summary']}]"),
            ("after editing a module used by 1/3",
             f"{r['third_module_edit_s']:.1f} s  [{r['third_module_edit_summary']}]"),
            ("peak memory per worker", f"{r['peak_worker_mb']} MB (goal <= 500)"),
            ("  one pack alone (home-0000): tippack / plain weasyprint",
             f"{r['single_pack_mb']} MB / {r['floor_weasyprint_mb']} MB ({r['split_pages']} pages)"),
            ("projection: 1,020 packs, --jobs 2", f"{r['projection_1020_jobs2_min']:.1f} min (goal <= 15)"),
        ]
    if "shard_s" in r:
        rows += [
            (f"shard {r['shard']} of {r['packs']} packs, --jobs 2",
             f"{r['shard_s']:.1f} s, {r['shard_packs']} packs, {r['shard_pages']} pages  [{r['shard_summary']}]"),
            (f"projection: 1,020 packs in {SHARDS} shards",
             f"{r['shard_projection_1020_min']:.1f} min a runner like this one, setup not counted (goal <= 3)"),
            ("  the same from CPU time, 2 free cores",
             f"{r['shard_projection_1020_cpu_min']:.1f} min ({r['shard_cpu_s']:.0f} CPU s for the shard)"),
        ]
    if "pages_before" in r:
        rows += [
            (f"pages laid out per home, before / after ({r['pages_homes']} homes)",
             f"{r['pages_before']:.1f} / {r['pages_after']:.1f} (the whole pack / booklet, tools and poster)"),
            ("  projected to 1,020 homes, before / after",
             f"{r['pages_before_1020']:,.0f} / {r['pages_after_1020']:,.0f} (must fall)"),
        ]
    if "progress_cohort_s" in r:
        rows += [
            (f"progress: records of {r['packs']} homes, two rounds each (not timed as a command)",
             f"{r['progress_records_s']:.1f} s"),
            (f"progress --cohort, {r['packs']} homes ({r['progress_cohort_pages']} pages)",
             f"{r['progress_cohort_s']:.1f} s, peak {r['progress_cohort_mb']} MB"),
            ("progress --cohort --anonymise",
             f"{r['progress_cohort_anonymised_s']:.1f} s, peak {r['progress_cohort_anonymised_mb']} MB"),
        ]
    if "serve_text_edit_s" in r:
        rows += [
            ("serve: text edit to reload", f"{r['serve_text_edit_s']:.2f} s median, "
                                           f"{r['serve_text_edit_max_s']:.2f} s max (goal <= 1)"),
            ("serve: title edit to reload", f"{r['serve_title_edit_s']:.2f} s median, "
                                            f"{r['serve_title_edit_max_s']:.2f} s max (goal <= 1)"),
            ("serve: edit to PDF ready", f"{r['serve_pdf_ready_s']:.1f} s"),
        ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()

"""What WeasyPrint finds on this machine, and its warnings that only say the machine lacks something.

Without HarfBuzz's subsetter (libharfbuzz-subset0 on Debian), WeasyPrint warns when it is
imported (a DeprecationWarning) and for every font it cuts down (a logged warning), and makes
the PDFs all the same (cut down by fontTools instead: the same size within 0.02 % for two
example packs, measured with WeasyPrint 70), though its later versions will need the library.
That is the machine's, never a pack's problem: the build says it once as a note
(``machine_notes``) and leaves it out of the pack's warnings (``plain_warnings``), which
still fail the tests as any other WeasyPrint warning does.
"""

from __future__ import annotations

from dataclasses import dataclass

# What WeasyPrint says when this machine lacks HarfBuzz's subsetter: a Python warning when it is
# imported, then a logged warning for each font it cuts down. Neither fails a pack: the note says it once.
SUBSETTER_IMPORT_WARNING = "HarfBuzz-Subset will be required"
SUBSETTER_LOG_WARNING = "Using fontTools instead of HarfBuzz-Subset"
SUBSETTER_NOTE = ("this machine lacks HarfBuzz's subsetter (libharfbuzz-subset0 on Debian and Ubuntu):"
                  " the PDFs are made all the same, but later WeasyPrint versions will need it; make build installs it")


def load_weasyprint() -> None:
    """Import WeasyPrint, its warning that this machine lacks HarfBuzz's subsetter left unsaid
    (``SUBSETTER_NOTE`` says it, once); any other warning on the way is raised as usual."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=SUBSETTER_IMPORT_WARNING, category=DeprecationWarning)
        import weasyprint  # noqa: F401


@dataclass(frozen=True)
class Libraries:
    """What WeasyPrint found on this machine: its version (None when it could not load a library
    it needs), why not, Pango's version, and whether HarfBuzz's subsetter (4.1 or newer) is there."""

    weasyprint: str | None
    error: str = ""
    pango: str = ""
    subsetter: bool = False


def libraries() -> Libraries:
    """Load WeasyPrint as a build does and say what it found (for ``tippack doctor``)."""
    try:
        load_weasyprint()
    except OSError as exc:  # a library it loads is missing: WeasyPrint names it
        return Libraries(None, str(exc).splitlines()[0])
    except ImportError as exc:
        return Libraries(None, f"WeasyPrint is not installed ({exc})")
    import weasyprint
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset, pango

    number = pango.pango_version()
    subsetter = bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
    return Libraries(weasyprint.__version__, "", f"{number // 10000}.{number // 100 % 100}.{number % 100}",
                     subsetter)


def machine_notes(records: list[str]) -> list[str]:
    """The notes for WeasyPrint's warnings that only say this machine lacks something."""
    return [SUBSETTER_NOTE] if any(m.startswith(SUBSETTER_LOG_WARNING) for m in records) else []


def plain_warnings(records: list[str]) -> list[str]:
    """WeasyPrint's warnings about the pack, each said once (with how many times it came); those
    that only say what this machine lacks are left to ``machine_notes``."""
    counts: dict[str, int] = {}
    for message in records:
        if not message.startswith(SUBSETTER_LOG_WARNING):
            counts[message] = counts.get(message, 0) + 1
    return [message if n == 1 else f"{message} ({n} times)" for message, n in counts.items()]

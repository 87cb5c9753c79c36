"""Small-number rules for a cohort report that leaves the facilitator's hands (``--anonymise``).

Labels alone do not hide a home among a handful: the funder knows who took part, each home
knows its own figures, and a total minus one home's figures gives the rest. These rules are
this project's own, drawn from the guidance in its research notes: the ONS confidentiality
guidance treats counts of 1 or 2 as potentially unsafe (and perhaps 3 and 4); NHS Education
for Scotland's policy flags counts from 1 to 9, rows of zeros or 100 %, and small
populations; the ICO asks whether a motivated intruder could pick someone out.

- ``MIN_GROUP``: with fewer homes, the report says how many took part and nothing else.
- ``MIN_ROWS``: with fewer homes, no row or chart for any single home, however labelled.
- ``SMALL``: a count of homes is held back when it, or the homes it leaves out, is 1 or 2
  (so "all but one" is held back as surely as "one").
- ``MIN_AVERAGE``: a group average is given only over at least this many homes.
- Rows that are shown carry no names, colours, dates or home characteristics, and come in
  the order of their figures (rounds, latest average rating, pilot steps), not of names.
- Monthly figures (small counts about residents) are never in any cohort report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_GROUP = 3
MIN_ROWS = 10
SMALL = 3
MIN_AVERAGE = 5
HELD = "held back"


@dataclass
class Rules:
    """Whether to apply the rules, and what was held back and why, as the report will say it."""

    on: bool
    held: dict[str, str] = field(default_factory=dict)  # what -> why (once each)

    def count(self, k: int, n: int, what: str) -> str:
        """'k of n', or 'held back' (noting what and why) when the rules are on and k or n - k is small."""
        if self.on and (0 < k < SMALL or 0 < n - k < SMALL):
            self.hold(what, f"the count, or the homes it leaves out, is below {SMALL}: a home could be"
                            " picked out from it")
            return HELD
        return f"{k} of {n}"

    def average(self, value: str, homes: int, what: str) -> str:
        """A group average, or 'held back' when the rules are on and it is over too few homes."""
        if self.on and homes < MIN_AVERAGE:
            self.hold(what, f"averages over fewer than {MIN_AVERAGE} homes are close to one home's own figures")
            return HELD
        return value

    def rows_allowed(self, homes: int) -> bool:
        """Whether single homes' rows may be shown at all."""
        if self.on and homes < MIN_ROWS:
            self.hold("Each home's row and small chart", f"the group has fewer than {MIN_ROWS} homes, so each"
                      " home could recognise the others' rows, even without names")
            return False
        return True

    def group_allowed(self, homes: int) -> bool:
        """Whether any figure but the number of homes may be shown."""
        if self.on and homes < MIN_GROUP:
            self.hold("Every figure but the number of homes", f"with fewer than {MIN_GROUP} homes, each home"
                      " knows its own figures, so the group's figures would give away the others'")
            return False
        return True

    def hold(self, what: str, why: str) -> None:
        """Note something held back (once)."""
        self.held.setdefault(what, why)

    def listed(self) -> list[tuple[str, str]]:
        """What was held back and why, in the order it was met."""
        return list(self.held.items())

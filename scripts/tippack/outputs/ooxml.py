"""Word and Excel files (Office Open XML zip packages) made byte-identical on rebuild.

python-docx and openpyxl stamp the time of saving on every zip entry, and openpyxl on the
document's "modified" property too. A package is written again here with every entry in the
order the library wrote it, dated from the build epoch (as the PDF and the bundle are), and
with the dates in its core properties set to that same moment.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

CORE = "docProps/core.xml"
_DATES = re.compile(r"(<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>)[^<]*(</\2>)")
ZIP_EPOCH_FLOOR = 315532800  # 1980-01-01: the earliest time a zip entry can hold


def iso_time(epoch: int) -> str:
    """The build moment as the W3C date-time Office documents use (UTC, whole seconds)."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_time(epoch: int) -> dt.datetime:
    """The build moment as a naive UTC datetime (what python-docx and openpyxl take)."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)


def reproducible(package: bytes, epoch: int) -> bytes:
    """``package`` written again with fixed entry times and core-property dates from ``epoch``."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_FLOOR), dt.UTC).timetuple()[:6]
    moment = iso_time(epoch)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == CORE:
                data = _DATES.sub(lambda m: f"{m.group(1)}{moment}{m.group(3)}", data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()

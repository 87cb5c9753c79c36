"""Progress reports: each home's journey, and a cohort's, from the answers homes already save.

This sub-package owns ``tippack progress``. It reads the answers files a home saved from its
site (with the same reader and checks as ``tippack fill``), keeps a record of ratings, counts
and dates only in ``build/SLUG/progress/record.json``, and writes a PDF and an HTML page
beside it: each assessment round's ratings against the baseline, the action plan's progress,
the statement of intent, the training needs analysis and the monthly measures as run charts.
The cohort report (``--cohort TAG``) reads those records, never answers files, and with
``--anonymise`` applies the small-number rules written down in ``disclosure``.

It may import reading, planning, rendering and outputs; the command line (``cli``) imports it,
and hands it the output folder's lock.
"""

"""A home's progress report folder, as a build sees it: made only by ``tippack progress``
(``tippack.reports``), kept as it was by every build, never published unless asked for.
"""

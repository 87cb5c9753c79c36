"""Rendering: turns tailored items into HTML fragments and modules into Markdown pages shared by
site and print, with the project's templates from overrides/ and the home's colours; also writes
the starter pack of tippack new.
"""

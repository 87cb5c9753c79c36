"""The live preview of tippack serve: its server, its fast builds of the site, and the background
process that prints its PDF.
"""

"""The completed copy: a pack's modules with a home's saved answers filled in (made only by tippack
fill).
"""

"""The printed pack: the pack PDF laid out once by WeasyPrint, the module PDFs cut from its pages,
and the earlier versions' PDFs.
"""

"""The pack's website: MkDocs with Material, behind one door (engine.py is the only module that
imports mkdocs or material).
"""

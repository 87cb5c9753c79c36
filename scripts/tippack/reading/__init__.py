"""Reading and checking: finds the project, reads YAML keeping every value's place, loads packs
with their defaults and spellings, and decides what is valid (the schema, the item types, the
module library), wording every problem with its file, line and column.
"""

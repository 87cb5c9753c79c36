"""The outputs of a pack build: the Output base every output family builds on (each names its files
once), and one folder per family: printed, site, word, sheets, bundle, fill.
"""

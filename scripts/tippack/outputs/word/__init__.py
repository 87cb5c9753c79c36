"""The Word copies: written from the print HTML, with each item type's answer spaces and Word's own
features.
"""

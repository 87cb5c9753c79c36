"""The offline bundle: the pack's site and files in one zip to open without a network.
"""

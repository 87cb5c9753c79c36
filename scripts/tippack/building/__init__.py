"""Building: builds one pack in a worker, decides which packs changed, runs them in forked workers,
swaps each into the output folder, writes the overview, shows progress in the terminal, shares
packs out in shards, runs tippack fill and publishes.
"""

"""Planning and tailoring: gathers the build plan (every pack checked and tailored, every problem
at once), renders module text for one pack in a sandbox, and works out the quick start and six-
month plan.
"""

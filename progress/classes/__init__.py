"""A class: learners' progress files merged into one progress database, or a shared classroom database.

One module per idea: `sources` (a learner's file, read-only), `merge`, `roster`, `attempts` (the
effective answers, read fast), `gradebook`, `items` (item analysis), `statements` (xAPI statements
and their check), `outbox` (sending them to a learning record store), `simulate` (a class of
simulated learners) and `export` (the review log as CSV or JSON lines). A class database is an
ordinary Tutor progress file: every report works on a learner's own file too.
"""

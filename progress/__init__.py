"""What each learner knows: the SQLite store, FSRS scheduling and the study queue."""

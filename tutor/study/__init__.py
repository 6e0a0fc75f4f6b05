"""The study conversation, free of any UI: the engine, what typed lines mean, and what feedback says."""

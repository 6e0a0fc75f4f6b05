"""The Textual front end: it renders the conversation and forwards input; it holds no study logic."""

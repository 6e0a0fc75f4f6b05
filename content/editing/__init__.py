"""Editing a question bank, with no user interface: the bank as edited, its operations with undo and redo,
the checks of one question or all, the form a type's fields make, where quotes stand, saving, autosave.

A front end (the Textual editor, a test, a script) drives these and shows their results.
"""

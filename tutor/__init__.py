"""Tutor's app layer: the command line, the study conversation and the TUI, over `progress` and `content`.

Importing it holds the garbage collector back until start-up is over (see `tutor.startup`).
"""

from tutor import startup

startup.hold()

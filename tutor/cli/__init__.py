"""The `tutor` command line: one module per group of commands, each registering its own parsers.

A command's function takes the parsed arguments and returns the exit status; a failure a user can
cause raises `Fail` (one line on stderr, exit 1), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from tutor.cli.common import Fail, Groups

# The modules that add commands, in the order their commands are listed in `tutor --help`.
COMMANDS = ("study", "ask", "courses", "bank", "grading", "draft", "interchange", "edit", "progress", "stats", "settings",
            "classes")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="tutor",
        description="A terminal study companion: questions, explanations and spaced repetition.",
    )
    groups = Groups(top)
    for name in COMMANDS:
        importlib.import_module(f"tutor.cli.{name}").register(groups)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Fail as failure:
        print(f"tutor: {failure}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`tutor summary | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130

"""The `tutor` command line: one module per group of commands, each registering its own parsers.

A command's function takes the parsed arguments and returns the exit status; a failure a user can
cause raises `Fail` (one line on stderr, exit 1), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from tutor import startup
from tutor.cli.common import Fail, Groups

# The modules that add commands, in the order their commands are listed in `tutor --help`.
COMMANDS = ("study", "ask", "courses", "bank", "grading", "draft", "interchange", "edit", "progress", "stats", "settings",
            "classes")


def parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The parser of the commands that the modules named in `commands` add (by default, all)."""
    top = argparse.ArgumentParser(
        prog="tutor",
        description="A terminal study companion: questions, explanations and spaced repetition.",
    )
    groups = Groups(top)
    for name in commands:
        importlib.import_module(f"tutor.cli.{name}").register(groups)
    _share_top_options(top)
    return top


# The study command's options that take a value, and the one that takes none.
_STUDY_VALUES = frozenset({"--course", "--learner", "--db"})
_STUDY_FLAGS = frozenset({"--learn-ahead"})


def studies_only(argv: list[str]) -> bool:
    """Whether `argv` is `tutor [study]` with study options only: the study module's parser alone reads it.

    Every start to study is timed against a bare Textual app's: the other commands' modules and
    subparsers cost about 10 ms of it. Anything else (help, another command, an unknown option, a
    value that looks like an option) goes to the whole parser, its messages unchanged.
    """
    tokens = iter(argv)
    command_seen = False
    for token in tokens:
        name, equals, value = token.partition("=")
        if token in _STUDY_VALUES:
            value = next(tokens, "-")
        elif equals and name in _STUDY_VALUES:
            pass
        elif token in _STUDY_FLAGS:
            continue
        elif token == "study" and not command_seen:
            command_seen = True
            continue
        else:
            return False
        if not value or value.startswith("-"):
            return False
    return True


# Options given before the command (`tutor --db F progress check`) count for it too.
_SHARED = frozenset({"course", "learner", "db"})


def _share_top_options(parser: argparse.ArgumentParser) -> None:
    """Let a command's --course/--learner/--db not given leave the top-level one in place.

    argparse fills a sub-command's defaults over what the top level parsed, so `tutor --db F
    progress check` would check the default database. A suppressed default leaves the top-level
    value (None when not given either).
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                for option in sub._actions:
                    if (option.dest in _SHARED and option.option_strings and option.default is None
                            and type(option) is argparse._StoreAction):
                        option.default = argparse.SUPPRESS
                _share_top_options(sub)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    study = studies_only(argv)
    if not study:  # only studying is timed from start to its first question
        startup.settled()
    args = parser(("study",) if study else COMMANDS).parse_args(argv)
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
    finally:
        startup.settled()  # when the app stopped before its first question

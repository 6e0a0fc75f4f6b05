"""A generator of hostile course folders: every way a course file has been seen, or can be made, to hurt.

`build(root)` writes one folder per case under `root` and returns the cases, each with the class it
belongs to and what `tutor bank check` must say of it: a piece of an error message, or None when the
course is healthy and must be shown as such.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MATERIAL = """# Demo

Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali, a former Tuareg rebel leader.

The UN mission (MINUSMA) was established by resolution 2100 of 25 April 2013.
"""

HEAD = "id: demo\ntitle: Demo\nmaterial: material.md\n"

QUESTION = """\
  - id: founder
    type: short
    prompt: Who formed Ansar al Din?
    answer: Iyad Ag Ghali
    explain: He had led Tuareg rebels before.
    source: Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali
    topics: [leaders]
"""

GOOD = HEAD + "questions:\n" + QUESTION

# What a terminal acts on: clear the screen, set the window title, colour, CSI in one byte, a carriage
# return and a newline that would forge a line of output; then Textual's markup.
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b[31m\x9b1m\r\nok: 0 error(s) [/] [@click=app.quit]x[/]\x00"
ESCAPED = ESCAPES.replace("\x00", "")  # YAML refuses NUL even escaped: the rest is text a bank may hold


@dataclass
class Case:
    name: str
    kind: str  # the class of hostility, for the report
    expect: str | None  # a piece of the error `bank check` reports; None: the course is healthy


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar of any text, control characters escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 32 or 0x7F <= ord(c) <= 0x9F:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _question(**fields: str) -> str:
    text = QUESTION
    for key, value in fields.items():
        lines = [ln for ln in text.splitlines() if not ln.strip().startswith(f"{key}:")]
        text = "\n".join(lines) + f"\n    {key}: {value}\n"
    return text


def _every_type(esc: str) -> str:
    """A bank of every question type, escapes in every text field; its material holds the same escapes."""
    q = _yaml_str(esc)
    quote = _yaml_str(f"Quoted {esc} text")
    common = f"    prompt: {_yaml_str('Prompt ' + esc)}\n    explain: {_yaml_str('Explain ' + esc)}\n" \
             f"    source: [{quote}]\n    topics: [{q}, {_yaml_str('[b]' + esc)}]\n"
    return HEAD.replace("title: Demo", f"title: {_yaml_str('Title ' + esc)}") + "questions:\n" + "".join([
        f"  - id: s\n    type: short\n    answer: {quote}\n    accept: [{q}]\n{common}",
        f"  - id: c\n    type: choice\n    answer: {quote}\n    options: [{_yaml_str('other ' + esc)}]\n{common}",
        f"  - id: m\n    type: multi\n    answers: [{quote}]\n    options: [{_yaml_str('other ' + esc)}]\n{common}",
        f"  - id: t\n    type: truefalse\n    statement: {_yaml_str('Statement ' + esc)}\n    answer: true\n{common}",
        f"  - id: z\n    type: cloze\n    text: {_yaml_str('Cloze ___ ' + esc)}\n    blanks: [{{answer: {quote}}}]\n{common}",
        f"  - id: o\n    type: order\n    items:\n      - {{text: {_yaml_str('one ' + esc)}, source: {quote}}}\n"
        f"      - {{text: {_yaml_str('two ' + esc)}, source: {quote}}}\n{common}",
        f"  - id: p\n    type: match\n    pairs: {{{_yaml_str('L1' + esc)}: {_yaml_str('R1' + esc)}, "
        f"{_yaml_str('L2' + esc)}: {_yaml_str('R2' + esc)}}}\n{common}",
        f"  - id: n\n    type: numeric\n    answer: 2013\n    tolerance: 0\n"
        + common.replace(f"source: [{quote}]", "source: [25 April 2013]"),
    ])


def build(root: Path, unreadable: bool = False) -> list[Case]:
    """Write every case's folder under `root`; with `unreadable`, only the cases of files chmod 000."""
    cases: list[Case] = []
    outside = root / "_outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali\n")
    fifo = outside / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)

    def case(name: str, kind: str, expect: str | None, bank: str | bytes | None = GOOD,
             material: str | bytes | None = MATERIAL, then: Callable[[Path], None] | None = None) -> None:
        folder = root / name
        folder.mkdir()
        if isinstance(bank, str):
            (folder / "bank.yaml").write_text(bank, encoding="utf-8")
        elif isinstance(bank, bytes):
            (folder / "bank.yaml").write_bytes(bank)
        if isinstance(material, str):
            (folder / "material.md").write_text(material, encoding="utf-8")
        elif isinstance(material, bytes):
            (folder / "material.md").write_bytes(material)
        if then is not None:
            then(folder)
        cases.append(Case(name, kind, expect))

    def with_material(value: str) -> str:
        return GOOD.replace("material: material.md", f"material: {value}")

    if unreadable:
        case("unreadable-bank", "files", "permission denied", then=lambda f: (f / "bank.yaml").chmod(0))
        case("unreadable-material", "files", "permission denied", then=lambda f: (f / "material.md").chmod(0))
        return cases

    case("healthy", "control", None)

    # Nesting, aliases, sizes and counts: each stopped by a limit, located.
    for depth in (50_000, 5_000, 1_000):
        case(f"deep-flow-{depth}", "limits", "levels deep", GOOD + "extra: " + "[" * depth + "]" * depth + "\n")
    case("deep-block", "limits", "levels deep",
         GOOD + "".join(f"{'  ' * i}k:\n" for i in range(150)) + "  " * 150 + "k: v\n")
    case("deep-in-question", "limits", "levels deep",
         GOOD + "    accept: " + "[" * 120 + "]" * 120 + "\n")
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    case("billion-laughs", "limits", "past the limit", "l0: &l0 lol\n" + laughs + GOOD)
    big = "a" * 1_000_000
    for count, where in ((3_000, "accept"), (10_000, "topics"), (2_000, "source")):
        aliases = "[" + ", ".join(["*big"] * count) + "]"
        bank = HEAD.replace("title: Demo", f"title: &big Demo{big}") + "questions:\n" + _question(**{where: aliases})
        case(f"alias-1mb-x{count}-{where}", "limits", "aliases repeat more than", bank)
    case("alias-count", "limits", "aliases", "x: &x y\n" + GOOD + "    accept: [" + ", ".join(["*x"] * 200_001) + "]\n")
    case("alias-recursive", "limits", "inside the node it names", GOOD + "loop: &a [*a]\n")
    case("alias-undefined", "malformed", "undefined alias", GOOD + "extra: *nowhere\n")
    case("values-count", "limits", "values", GOOD + "    accept: [" + ",".join(["a"] * 1_000_001) + "]\n")
    case("bank-too-big", "limits", "larger than the limit", GOOD + "#" * (16 * 2**20) + "\n")
    case("huge-explain", "sizes", None, GOOD.replace("He had led Tuareg rebels before.", "e" * 4_000_000))
    case("huge-quote", "sizes", "quote not found", GOOD.replace("Ansar al Din was formed at the end of 2011 by"
                                                              " Iyad Ag Ghali", "q" * 4_000_000))
    case("many-topics", "sizes", None, _question_bank(topics="[" + ", ".join(f"t{i}" for i in range(100_000)) + "]"))
    case("long-id", "sizes", "must be a slug", GOOD.replace("id: founder", "id: " + "X" * 1_000_000))
    case("long-field-name", "sizes", "YAML syntax error", GOOD + "    " + "k" * 1_000_000 + ": v\n")
    case("material-too-big", "limits", "larger than the limit", material=None,
         then=lambda f: os.truncate(_touch(f / "material.md"), 32 * 2**20 + 1))

    # Values no Python type holds, and values of the wrong type that lax validation would take.
    case("difficulty-5000-digits", "types", "4300 digits", GOOD + "    difficulty: " + "1" * 5000 + "\n")
    case("answer-5000-digits", "types", "4300 digits", GOOD.replace("answer: Iyad Ag Ghali", "answer: " + "9" * 5000))
    case("hex-20000-digits", "types", "less than or equal to 3", GOOD + "    difficulty: 0x" + "f" * 20000 + "\n")
    case("date-month-13", "types", "month must be in 1..12", GOOD.replace("[leaders]", "[2024-13-45]"))
    case("bool-tag-maybe", "types", "cannot be read", GOOD.replace("[leaders]", "[!!bool maybe]"))
    case("python-tag", "types", "could not determine a constructor", GOOD + "    x: !!python/object:os.system ls\n")
    case("binary-title", "types", "title", GOOD.replace("title: Demo", "title: !!binary aGVsbG8="))
    case("difficulty-true", "types", "yes-or-no value", GOOD + "    difficulty: true\n")
    case("difficulty-float", "types", "difficulty", GOOD + "    difficulty: 2.0\n")
    numeric = HEAD + "questions:\n" + _numeric()
    case("numeric-bool", "types", "yes-or-no value", numeric.replace("answer: 2013", "answer: true"))
    case("numeric-tolerance-bool", "types", "yes-or-no value", numeric + "    tolerance: false\n")
    case("numeric-nan", "types", "answer", numeric.replace("answer: 2013", "answer: .nan"))
    case("numeric-inf-tolerance", "types", "tolerance", numeric + "    tolerance: .inf\n")
    case("truefalse-yes-string", "types", "answer", HEAD + "questions:\n" + _truefalse('"yes"'))
    case("truefalse-one", "types", "answer", HEAD + "questions:\n" + _truefalse("1"))
    case("pairs-int-keys", "types", "pairs", HEAD + "questions:\n" + _match("{1: a, 2: b}"))

    # Encodings and bytes that are not a bank.
    case("bank-utf16-bom", "encodings", "UTF-16", GOOD.encode("utf-16"))
    case("bank-utf16-no-bom", "encodings", "NUL byte", GOOD.encode("utf-16-le"))
    case("bank-latin1", "encodings", "not UTF-8", GOOD.replace("Demo", "Démo").encode("latin-1"))
    case("bank-utf8-bom", "encodings", None, b"\xef\xbb\xbf" + GOOD.encode())
    case("bank-invalid-utf8", "encodings", "not UTF-8", GOOD.encode() + b"    topics: [\xff\xfe]\n")
    case("bank-binary", "encodings", "", random.Random(7).randbytes(4096))
    case("bank-nul-bytes", "encodings", "NUL byte", b"\x00" * 1024)
    case("bank-raw-escape", "encodings", "not allowed", GOOD.replace("title: Demo", "title: De\x1b[2Jmo"))
    case("bank-empty", "malformed", "a bank file is a mapping", "")
    case("bank-comments-only", "malformed", "a bank file is a mapping", "# nothing\n")
    case("material-latin1", "encodings", "not UTF-8", material=MATERIAL.replace("former", "fórmer").encode("latin-1"))
    case("material-utf16", "encodings", "UTF-16", material=MATERIAL.encode("utf-16"))
    case("material-binary", "encodings", "not UTF-8", material=b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    case("material-nul-bytes", "encodings", "NUL byte", material=MATERIAL + "\x00\x01\x02")
    case("material-empty", "encodings", "quote not found", material="")
    case("material-bom", "encodings", None, material="\ufeff" + MATERIAL)

    # Files that are not files, and materials anywhere but inside the course folder.
    case("bank-is-a-folder", "files", "is a folder", bank=None, then=lambda f: (f / "bank.yaml").mkdir())
    case("bank-symlink-loop", "files", "symbolic links", bank=None, then=lambda f: (f / "bank.yaml").symlink_to("bank.yaml"))
    case("bank-dangling-link", "files", "not found", bank=None, then=lambda f: (f / "bank.yaml").symlink_to("gone.yaml"))
    case("bank-fifo", "files", "named pipe", bank=None, then=lambda f: os.mkfifo(f / "bank.yaml"))
    case("bank-dev-zero", "files", "is a device", bank=None, then=lambda f: (f / "bank.yaml").symlink_to("/dev/zero"))
    for label, target in (("dev-zero", "/dev/zero"), ("dev-urandom", "/dev/urandom"), ("fifo-outside", str(fifo)),
                          ("dotdot-passwd", "../../../../../../../../etc/passwd"), ("etc-shadow", "/etc/shadow"),
                          ("proc-environ", "/proc/self/environ"), ("outside-file", str(outside / "secret.txt")),
                          ("dotdot-sibling", "../_outside/secret.txt")):
        case(f"material-{label}", "paths", "outside the course folder", with_material(target))
    case("material-link-outside", "paths", "outside the course folder", material=None,
         then=lambda f: (f / "material.md").symlink_to(outside / "secret.txt"))
    case("material-link-loop", "paths", "cannot be found", material=None,
         then=lambda f: (f / "material.md").symlink_to("material.md"))
    case("material-fifo-inside", "files", "named pipe", material=None, then=lambda f: os.mkfifo(f / "material.md"))
    case("material-is-a-folder", "files", "is a folder", with_material("."))
    case("material-nul", "paths", "NUL character", with_material('"a\\0b"'))
    case("material-missing", "files", "material file not found", material=None)
    case("material-long-name", "files", "cannot be", with_material("m" * 10_000))
    case("material-number", "types", "material", with_material("5"))
    case("material-list", "types", "material", with_material("[a, b]"))
    case("material-inside-subfolder", "paths", None, with_material("text/material.md"), material=None,
         then=lambda f: ((f / "text").mkdir(), (f / "text" / "material.md").write_text(MATERIAL)))

    # Text a terminal or Textual would act on, in every field: shown, never acted on.
    case("escapes-every-field", "escapes", None, _every_type(ESCAPED), MATERIAL + f"\nQuoted {ESCAPED} text\n")
    case("markup-title", "escapes", None, GOOD.replace("title: Demo", 'title: "[/] [@click=app.quit]quit[/] [b]"'))
    case("escape-field-name", "escapes", "unknown field", GOOD + f"    {_yaml_str(ESCAPED)}: v\n")
    case("escape-type", "escapes", "unknown question type", GOOD.replace("type: short", f"type: {_yaml_str(ESCAPED)}"))
    case("escape-id", "escapes", "must be a slug", GOOD.replace("id: founder", f"id: {_yaml_str(ESCAPED)}"))
    case("escape-quote-not-found", "escapes", "quote not found", _question_bank(source=_yaml_str(ESCAPED)))
    case("escape-material-name", "escapes", "material file not found", with_material(_yaml_str(ESCAPED)))
    case("escape\x1b[2J-folder", "escapes", None)

    # YAML that is not a bank, or a bank of the wrong shape.
    case("unclosed-bracket", "malformed", "YAML syntax error", "id: demo\ntitle: [unclosed\n")
    case("bad-indentation", "malformed", "YAML syntax error", GOOD.replace("    prompt:", "     prompt:"))
    case("tab-indentation", "malformed", "YAML syntax error", GOOD.replace("    prompt:", "\tprompt:"))
    case("duplicate-key", "malformed", "duplicate key", GOOD + "    answer: twice\n")
    case("two-documents", "malformed", "single document", GOOD + "---\n" + GOOD)
    case("top-level-list", "malformed", "a bank file is a mapping", "- a\n- b\n")
    case("top-level-scalar", "malformed", "a bank file is a mapping", "just text\n")
    case("questions-number", "malformed", "questions", HEAD + "questions: 5\n")
    case("questions-mapping", "malformed", "questions", HEAD + "questions: {a: 1}\n")
    case("question-scalars", "malformed", "question 1", HEAD + "questions:\n  - 1\n  - null\n  - [a]\n" + QUESTION)
    case("title-list", "malformed", "title", GOOD.replace("title: Demo", "title: [a, b]"))
    case("no-type", "malformed", "has no 'type'", GOOD.replace("    type: short\n", ""))
    case("merge-key-number", "malformed", "merge", GOOD + "    <<: 5\n")
    case("unhashable-key", "malformed", "unhashable", GOOD + "    {a: 1}: b\n")
    case("complex-key", "malformed", "Keys should be strings", "? [a, b]\n: c\n" + GOOD)
    case("schema-and-lint", "malformed", "quote not found",
         GOOD.replace("end of 2011", "end of 2012") + "  - id: two\n    type: essay\n")
    return cases


def _touch(path: Path) -> Path:
    path.touch()
    return path


def _question_bank(**fields: str) -> str:
    return HEAD + "questions:\n" + _question(**fields)


def _numeric() -> str:
    return ("  - id: founded\n    type: numeric\n    prompt: In which year was MINUSMA established?\n"
            "    answer: 2013\n    explain: By resolution 2100.\n    source: 25 April 2013\n    topics: [un]\n")


def _truefalse(answer: str) -> str:
    return (f"  - id: tf\n    type: truefalse\n    statement: MINUSMA was established in 2013.\n    answer: {answer}\n"
            "    explain: By resolution 2100.\n    source: established by resolution 2100 of 25 April 2013\n"
            "    topics: [un]\n")


def _match(pairs: str) -> str:
    return (f"  - id: pairs\n    type: match\n    prompt: Match.\n    pairs: {pairs}\n    explain: e x.\n"
            "    source: established by resolution 2100\n    topics: [un]\n")

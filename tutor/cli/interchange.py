"""`tutor bank import`, `tutor bank export` and `tutor bank ground`: banks in and out of other tools.

Import is all-or-nothing: a file with any error writes nothing and every problem is listed as
file:line:col. What Tutor cannot hold is listed as skipped, never dropped silently. Export writes every
question the format can hold and lists the others on stderr (exit 0), or with --strict writes nothing
and exits 1 when any question cannot be written.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli.common import Fail, Groups

if TYPE_CHECKING:
    from content.interchange import Format, Problem
    from content.interchange.model import Skipped
    from content.material import Material
    from content.questions import Question

_HEAD_BYTES = 8192  # what the format is guessed from


def register(groups: Groups) -> None:
    from content.interchange import FORMATS

    readable = [f.name for f in FORMATS.values() if f.reads]
    writable = [f.name for f in FORMATS.values() if f.writes]
    load = groups.action("bank", "import", import_bank, help="make a course folder from a GIFT, Moodle XML, "
                         "Anki or Quizlet file")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--to", type=Path, required=True, metavar="DIR", help="the course folder to write")
    load.add_argument("--format", choices=readable, help="the file's format (default: guessed from its suffix "
                      "and content)")
    load.add_argument("--material", type=Path, metavar="PATH", help="the text the questions come from, copied "
                      "into the course; quotes are checked against it")
    load.add_argument("--id", metavar="ID", help="the bank's id (default: the folder's name as a slug)")
    load.add_argument("--title", metavar="T", help="the course's title (default: the material's title)")
    load.add_argument("--reverse", action="store_true", help="cards: ask with the definition, answer the term")
    load.add_argument("--force", action="store_true", help="replace the course already in DIR")

    out = groups.action("bank", "export", export_bank, help="write a course's bank as GIFT, Moodle XML, "
                        "an Anki file or package, or Quizlet text")
    out.add_argument("course", metavar="COURSE", help="course folder name or path")
    out.add_argument("--format", choices=writable, required=True)
    out.add_argument("--out", type=Path, required=True, metavar="FILE")
    out.add_argument("--drafts", action="store_true", help="write draft questions too (the format has no draft "
                     "status: they read back, and are studied, as ready)")
    out.add_argument("--strict", action="store_true", help="write nothing, exit 1, if any question cannot be "
                     "written in the format")

    ground = groups.action("bank", "ground", ground_bank, help="find the passage of the material that says "
                           "each question's answer, for questions citing none")
    ground.add_argument("folder", type=Path, metavar="DIR", help="course folder or bank file")
    ground.add_argument("--material", type=Path, metavar="PATH", help="the material, when the course has none yet")


# -- import ----------------------------------------------------------------------------


def import_bank(args: argparse.Namespace) -> int:
    from content.bank import dumps_bank
    from content.interchange import FORMATS
    from content.interchange.convert import imported, slug

    source: Path = args.file
    if not source.is_file():
        raise Fail(f"{source}: no such file")
    bank_path = _target(args.to, args.force)
    bank_id = args.id or slug(args.to.resolve().name) or "imported"
    if slug(bank_id) != bank_id:
        raise Fail(f"--id {bank_id!r} must be a slug: lowercase letters, digits and hyphens (e.g. {slug(bank_id) or 'my-course'})")
    try:
        with source.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as e:
        raise Fail(f"{source}: cannot read it ({e.strerror or e})") from None
    fmt, guessed = (FORMATS[args.format], "") if args.format else _guess(source, head)
    size = source.stat().st_size
    if size > fmt.max_bytes:
        raise Fail(f"{source}: the file is {size / 2**20:.0f} MB; the limit for {fmt.label} files is "
                   f"{fmt.max_bytes // 2**20} MB")
    material = _material(args.material) if args.material else None
    if material is not None:
        _refuse_other_material(args.to / args.material.name, args.material, args.force)
    module = fmt.load()
    options = {}
    if args.reverse:
        if "reverse" not in inspect.signature(module.read).parameters:
            raise Fail(f"--reverse swaps the sides of cards; {fmt.label} files have no sides to swap")
        options["reverse"] = True
    read = module.read(source.read_bytes(), str(source), **options)
    how = f"read {source} as {fmt.label}" + (f", guessed {guessed}" if guessed else "")
    if read.errors:
        _print_problems(source, read.problems)
        print(how + ("; if it is in another format, give --format" if guessed else ""), file=sys.stderr)
        raise Fail(f"nothing written: {len(read.errors)} error(s) in {source}")
    title = args.title or (material.title if material else None) or source.stem
    result = imported(read, bank_id, title, args.material.name if material else "material.md", material,
                      tag_space=fmt.tag_space)
    _print_problems(source, [*read.problems, *result.notes, *result.errors])
    for skipped in result.skipped:
        print(_skipped(source, skipped), file=sys.stderr)
    if result.errors:
        raise Fail(f"nothing written: {len(result.errors)} quote(s) are not in {args.material}; is it the text "
                   "these questions were written from? (import without --material to check them later)")
    if not result.bank.questions:
        raise Fail(f"nothing written: {source} holds no question Tutor can import")
    text = f"# Imported from {source.name} by `tutor bank import`.\n" + dumps_bank(result.bank)
    _verify(text, bank_path, material)
    replaced = bank_path.is_file()
    args.to.mkdir(parents=True, exist_ok=True)
    if material is not None and args.material.resolve() != (args.to / args.material.name).resolve():
        (args.to / args.material.name).write_text(material.text, encoding="utf-8")
    tmp = bank_path.with_name(bank_path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(bank_path)
    print(how)
    count = len(result.bank.questions)
    line = f"{'replaced' if replaced else 'wrote'} {bank_path}: {count} question(s)"
    unsourced = sum(not q.cited() for q in result.bank.questions)
    if result.drafts:
        line += f", {result.drafts} of them draft(s) ({unsourced} citing no quote of the material)"
    if result.skipped:
        line += f"; {len(result.skipped)} skipped (listed above)"
    print(line)
    if unsourced:
        hint = f"tutor bank ground {args.to}" + ("" if material else " --material PATH")
        print(f"next: `{hint}` finds the passage that says each answer")
    return 0


def _target(folder: Path, force: bool) -> Path:
    from content.bank import BankError, read_bank
    from content.course_folders import BANK_FILE

    if folder.exists() and not folder.is_dir():
        raise Fail(f"--to {folder}: it is a file, not a folder")
    bank = folder / BANK_FILE
    if bank.exists() and not force:
        try:
            held = f"{len(read_bank(bank).bank.questions)} questions"
        except BankError:
            held = "a bank with errors"
        raise Fail(f"{folder} already holds a course ({BANK_FILE}: {held}); give --force to replace it, "
                   "or another --to")
    return bank


def _refuse_other_material(target: Path, given: Path, force: bool) -> None:
    if target.is_file() and target.resolve() != given.resolve() and not force:
        if target.read_bytes() != given.read_bytes():
            raise Fail(f"{target} exists and differs from {given}; give --force to replace it")


def _guess(path: Path, head: bytes) -> tuple[Format, str]:
    """The format a file is in, and how that was told: its suffix and content agreeing, else its content."""
    from content.interchange import FORMATS

    text = _head_text(head)
    suffix = path.suffix.lower()
    readers = [f for f in FORMATS.values() if f.reads]
    by_suffix = [f for f in readers if suffix in f.suffixes]
    sniffed = [f for f in readers if f.load().sniff(text)]
    both = [f for f in by_suffix if f in sniffed]
    if both:
        return both[0], f"from its {suffix} suffix and its content"
    if sniffed:
        return sniffed[0], "from its content" + (f", although its {suffix} suffix is {by_suffix[0].label}'s"
                                                 if by_suffix else "")
    if len(by_suffix) == 1:
        return by_suffix[0], f"from its {suffix} suffix"
    names = ", ".join(f.name for f in readers)
    raise Fail(f"{path}: cannot tell which format it is in; give --format ({names})")


def _head_text(head: bytes) -> str:
    import codecs

    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _material(path: Path) -> Material:
    from content.material import Material

    try:
        return Material.from_file(path)
    except FileNotFoundError:
        raise Fail(f"--material {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise Fail(f"--material {path}: cannot read it as UTF-8 text ({e})") from None


def _verify(text: str, bank_path: Path, material: Material | None) -> None:
    """The bank about to be written loads, and with its material passes `tutor bank check`."""
    from content.bank import parse_bank
    from content.lint import lint

    file = parse_bank(text, bank_path)
    errors = [p for p in lint(file, material) if p.severity == "error"] if material is not None else []
    if errors:  # every question was checked on its own: this is a bug of ours, not of the file
        raise AssertionError("an imported bank fails its check:\n" + "\n".join(map(str, errors)))


def _print_problems(path: Path, problems: list[Problem]) -> None:
    for p in problems:
        tag = "warning: " if p.severity == "warning" else ""
        if p.line:
            print(f"{path}:{p.line}:{p.col}: {tag}{p.message}", file=sys.stderr)
        else:  # some formats name the file in their messages already
            message = p.message[len(f"{path}:"):].lstrip() if p.message.startswith(f"{path}:") else p.message
            print(f"{path}: {tag}{message}", file=sys.stderr)


def _skipped(path: Path, s: Skipped) -> str:
    where = f"{path}:{s.line}" if s.line else str(path)
    named = s.title or s.id or (s.text[:50] + ("…" if len(s.text) > 50 else ""))
    return f"{where}: skipped {s.kind} question {named!r}: {s.reason}"


# -- export ----------------------------------------------------------------------------


def export_bank(args: argparse.Namespace) -> int:
    from content.interchange import FORMATS
    from content.interchange.convert import export
    from tutor.cli.common import open_course

    course = open_course(args.course)
    fmt = FORMATS[args.format]
    if args.out.is_dir():
        raise Fail(f"--out {args.out}: it is a folder; name the file to write")
    if not args.out.parent.is_dir():
        raise Fail(f"--out {args.out}: no folder {args.out.parent}")
    try:
        result = export(course.bank, fmt.name, drafts=args.drafts)
    except ValueError as e:
        raise Fail(f"nothing written: {e}") from None
    for question_id, reason in result.refused:
        print(f"not exported: {question_id}: {reason}", file=sys.stderr)
    total = len(course.bank.questions)
    if result.refused and args.strict:
        raise Fail(f"nothing written: {len(result.refused)} of {total} questions cannot be written as {fmt.label}")
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_bytes(result.data)
    tmp.replace(args.out)
    line = f"wrote {len(result.written)} of {total} questions to {args.out} as {fmt.label}"
    print(line + (f"; {len(result.refused)} not exported (listed above)" if result.refused else ""))
    return 0


# -- ground ----------------------------------------------------------------------------


def ground_bank(args: argparse.Namespace) -> int:
    import dataclasses

    from content.bank import Bank, BankError, read_bank, write_bank
    from content.course_folders import BANK_FILE
    from content.grounding import ground

    path = args.folder / BANK_FILE if args.folder.is_dir() else args.folder
    try:
        file = read_bank(path)
    except BankError as e:
        print(e, file=sys.stderr)
        raise Fail(f"{path} has errors; fix them first (`tutor bank check {args.folder}`)") from None
    bank, own = file.bank, path.parent / file.bank.material
    if args.material is not None:
        _refuse_other_material(own, args.material, force=False)
        material = _material(args.material)
        if not own.is_file():
            own = path.parent / args.material.name
            own.write_text(material.text, encoding="utf-8")
            bank = dataclasses.replace(bank, material=args.material.name)
    elif own.is_file():
        material = _material(own)
    else:
        raise Fail(f"{path}: its material {own} is missing; give --material PATH")
    found = {g.question: g for g in ground(bank, material)}
    if not found:
        if bank.material != file.bank.material:
            write_bank(bank, path, template=file.doc)
        print(f"{path}: every question cites the material already; nothing to ground")
        return 0
    questions = [dataclasses.replace(q, source=list(found[q.id].quotes), status="draft")
                 if q.id in found and found[q.id].quotes else q for q in bank.questions]
    grounded = sum(bool(g.quotes) for g in found.values())
    for i, q in enumerate(bank.questions):
        if q.id in found:
            line, col = file.at("questions", i)
            quotes = found[q.id].quotes
            said = f"grounded: “{_short(quotes[0])}”" + (f" and {len(quotes) - 1} more" if len(quotes) > 1 else "") \
                if quotes else "warning: no support found: the material may not say this"
            print(f"{path}:{line}:{col}: question {q.id!r}: {said}")
    if grounded or bank.material != file.bank.material:
        template = file.doc
        for node, q in zip(template["questions"], questions):
            _place_source(node, q)
        write_bank(Bank(bank.id, bank.title, bank.material, questions), path, template=template)
    print(f"grounded {grounded} of {len(found)} question(s) citing no quote; {len(found) - grounded} with no "
          f"support found" + (". Grounded ones are drafts: confirm each quote, then delete its `status: draft`"
                              if grounded else ""))
    return 0


def _place_source(node: Any, question: Question) -> None:
    """A new `source` key in a question's YAML mapping where a bank file writes it, not at the end."""
    if "source" in node or not question.source:
        return
    order = question.field_order()
    after = [k for k in node if k in order and order.index(k) < order.index("source")]
    node.insert(list(node).index(after[-1]) + 1 if after else 0, "source", None)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Quizlet's term/definition text: cards split by one separator, each term from its definition by another.

Quizlet's import box and its export offer a tab or a comma between term and definition, and a
new line or a semicolon between cards, or custom separators: `read` takes them as options and
guesses the common ones when they are not given. A term or definition in double quotes ("" for
a quote) may hold separators and line breaks. Quizlet itself writes a multi-line definition
unquoted: its further lines, which hold no term separator, are joined to it with a warning.
"""

from __future__ import annotations

from content.interchange import Meta, Problem, Read, flashcard
from content.interchange.encoding import EncodingRefused, decode
from content.interchange.model import Answer, Exchanged, Skipped
from content.interchange.positions import Positions

TERM_SEPARATORS = ("\t", ",")  # Quizlet's named choices, in the order they are guessed


def sniff(head: str) -> bool:
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return "\t" in first and not first.startswith("#")


def write(questions: list[Exchanged], meta: Meta) -> bytes:
    """A tab between term and definition, a new line between cards; quoted where that is ambiguous."""
    cards = [f"{_quoted(flashcard.front(q))}\t{_quoted(' / '.join(flashcard.answers(q)))}" for q in questions]
    return "".join(card + "\n" for card in cards).encode("utf-8")


def _quoted(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in text for c in "\t\n") or text.startswith('"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def read(data: bytes, path: str, *, term_sep: str | None = None, card_sep: str | None = None,
         reverse: bool = False) -> Read:
    """Each card as a shortanswer question: the term asks, the definition answers (`reverse` swaps them)."""
    try:
        text = decode(data)
    except EncodingRefused as e:
        return Read(problems=[Problem(0, 0, f"{path}: {e}")])
    if not text.strip():
        return Read()
    term_sep = term_sep or next((s for s in TERM_SEPARATORS if s in text), None)
    if term_sep is None:
        return Read(problems=[Problem(0, 0, f"{path}: no tab or comma separates terms from definitions; "
                                            "name the separator the file uses")])
    card_sep = card_sep or _guess_card_separator(text, term_sep)
    if term_sep == card_sep:
        return Read(problems=[Problem(0, 0, f"{path}: the term and card separators are the same ({term_sep!r})")])
    where = Positions(text)
    cards, result = _cards(text, term_sep, card_sep, where)
    for offset, term, definition in cards:
        line, col = where.of(offset)
        stem, answer = (definition, term) if reverse else (term, definition)
        if not stem or not answer:
            result.skipped.append(Skipped(line, "card", (term or definition)[:60], "the card has an empty side"))
            continue
        result.questions.append(Exchanged(kind="shortanswer", stem=stem, answers=[Answer(answer, 1.0)],
                                          line=line, col=col))
    if result.errors:
        result.questions = []
    return result


def _guess_card_separator(text: str, term_sep: str) -> str:
    """New lines, unless they find at most one card and semicolons find more: Quizlet writes one or the other."""
    by_line = len(_cards(text, term_sep, "\n", Positions(text))[0])
    if by_line >= 2:
        return "\n"
    return ";" if len(_cards(text, term_sep, ";", Positions(text))[0]) > by_line else "\n"


def _cards(text: str, term_sep: str, card_sep: str, where: Positions) -> tuple[list[tuple[int, str, str]], Read]:
    """Each card as (offset, term, definition), and a Read holding the problems met."""
    result = Read()
    cards: list[tuple[int, str, str]] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position].isspace() and not text.startswith(term_sep, position):
            position += 1  # blank lines, and spaces around a card
        if position >= len(text):
            break
        start = position
        term, position = _value(text, position, (term_sep, card_sep))
        if text.startswith(term_sep, position):
            definition, position = _value(text, position + len(term_sep), (card_sep,))
            cards.append((start, term, definition))
        elif card_sep == "\n" and cards:
            offset, previous_term, definition = cards[-1]
            cards[-1] = (offset, previous_term, f"{definition} {term}".strip())
            result.problems.append(Problem(*where.of(start), "this line has no term separator, so it was joined to "
                                           "the definition above; quote multi-line definitions to keep their lines",
                                           "warning"))
        else:
            result.problems.append(Problem(*where.of(start), f"no {_name(term_sep)} separates this term from its "
                                                             "definition"))
        position += len(card_sep)
    return cards, result


def _value(text: str, position: int, stops: tuple[str, ...]) -> tuple[str, int]:
    """A term or definition from `position` to the first stop: quoted if its quotes close before one."""
    if text.startswith('"', position):
        cursor, parts = position + 1, []
        while (quote := text.find('"', cursor)) >= 0:
            parts.append(text[cursor:quote])
            if not text.startswith('""', quote):
                after = quote + 1
                while after < len(text) and text[after].isspace() and not text.startswith(stops, after):
                    after += 1
                if after >= len(text) or text.startswith(stops, after):
                    return "".join(parts).strip(), after
                break  # the quote opens ordinary text, not a quoted value
            parts.append('"')
            cursor = quote + 2
    ends = [end for end in (text.find(stop, position) for stop in stops) if end >= 0]
    end = min(ends, default=len(text))
    return text[position:end].strip(), end


def _name(separator: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "\n": "new line"}.get(separator, repr(separator))

"""The material beside the form: where each of the question's quotes stands, marked, or the passage nearest
to a quote that is not in it. Shown literally, a paragraph a widget."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from content.editing.quotes import Spot
from content.material import Material

FOUND_STYLE = "bold reverse"
NEAREST_STYLE = "underline italic"


class MaterialPane(Vertical):
    def __init__(self, material: Material | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.material = material
        self._marked: set[int] = set()  # paragraphs shown with marks

    def compose(self) -> ComposeResult:
        yield Static("", id="spots", markup=False)
        with VerticalScroll(id="material-text"):
            for p in self.material.paragraphs if self.material is not None else []:
                yield Static(Content(p.text), markup=False, classes="paragraph", id=f"p{p.index}")

    def show(self, quotes: list[tuple[str, Spot | None]]) -> None:
        """Each quote (named by its place, e.g. 'source 2') with where it stands, and the marks in the text."""
        lines = []
        for name, spot in quotes:
            if spot is None:
                lines.append(Content.assemble(("✗ ", "bold"), f"{name}: not in the material, nor anything like it"))
            elif spot.found:
                lines.append(Content.assemble(("● ", "bold"), f"{name}: {spot.where}"))
            else:
                lines.append(Content.assemble(("✗ ", "bold"), f"{name}: not in the material; nearest ",
                                              (f"({spot.likeness}% alike)", "italic"), f": {spot.where}"))
        if not quotes:
            lines.append(Content("The question cites no quote."))
        self.query_one("#spots", Static).update(Content("\n").join(lines))
        if self.material is None:
            return
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for _, spot in quotes:
            if spot is None:
                continue
            for p in self.material.paragraphs:
                if p.start < spot.end and spot.start < p.end:
                    style = FOUND_STYLE if spot.found else NEAREST_STYLE
                    marks.setdefault(p.index, []).append((max(spot.start, p.start) - p.start,
                                                          min(spot.end, p.end) - p.start, style))
        for index in self._marked | set(marks):
            text = Content(self.material.paragraphs[index].text)
            for start, end, style in marks.get(index, []):
                text = text.stylize(style, start, end)
            widget = self.query_one(f"#p{index}", Static)
            widget.update(text)
            widget.set_class(index in marks, "-marked")
        self._marked = set(marks)
        self.reveal()

    def reveal(self) -> None:
        """Scroll to the first passage marked (once laid out: a hidden pane cannot scroll)."""
        if self._marked:
            first = self.query_one(f"#p{min(self._marked)}", Static)
            text = self.query_one("#material-text", VerticalScroll)
            # Twice: the pane just shown lays its paragraphs out at its width first, then can scroll.
            self.call_after_refresh(self.call_after_refresh, text.scroll_to_widget, first, animate=False, top=True)

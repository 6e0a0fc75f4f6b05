"""`tutor edit`: the bank editor as an app of its own."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tutor.tui.editor.screens import EditorScreen


class EditorApp(App[None]):
    TITLE = "Tutor: bank editor"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, bank: Path) -> None:
        super().__init__()
        self.bank = bank

    def on_mount(self) -> None:
        self.push_screen(EditorScreen(self.bank), lambda _: self.exit())

    async def action_quit(self) -> None:
        # ctrl+q: the editor's screens ask first when there are unsaved edits.
        leave = getattr(self.screen, "action_leave", None)
        if leave is not None:
            leave()
        else:
            self.exit()

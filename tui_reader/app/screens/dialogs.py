"""Modal dialogs: ask for a line of text, confirm, or choose what the list shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from ...models import ArticleFilter
from ..keys import bindings


class InputDialog(ModalScreen[str | None]):
    """One line of input; Enter answers with the text, Esc with None."""

    BINDINGS = bindings("dialog")

    def __init__(self, title: str, *, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self._title = title
        self._placeholder = placeholder
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Input(value=self._value, placeholder=self._placeholder, id="dialog-input")
            yield Label(Content("Enter to confirm · Esc to cancel"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; y/Enter on Yes confirms, n/Esc cancels."""

    BINDINGS = bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self._question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    filter: ArticleFilter


class ChooseDialog(ModalScreen[ArticleFilter | None]):
    """Pick what the list shows: everything, unread, starred, a tag or a feed."""

    BINDINGS = bindings("dialog")

    def __init__(self, title: str, choices: Sequence[Choice]) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            yield Label(Content(self._title), classes="dialog-title")
            # Labels hold feed titles and tags: Content, so nothing in them is markup.
            yield OptionList(
                *[
                    Option(Content(choice.label), id=str(n))
                    for n, choice in enumerate(self._choices)
                ],
                id="dialog-choices",
            )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._choices[int(event.option.id or 0)].filter)

    def action_cancel(self) -> None:
        self.dismiss(None)

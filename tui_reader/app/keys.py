"""Every key binding in one table, so BINDINGS, the help screen and config.toml agree.

A binding id is what `[keys]` in config.toml remaps (`next = "j,down"`); `App.set_keymap`
applies it. `show` puts the binding in the footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class KeySpec:
    id: str
    keys: str
    action: str
    description: str
    owner: str  # which pane, screen or dialog holds the binding (see MAIN_OWNERS)
    show: bool = False
    priority: bool = False  # only the palette: it must open from anywhere
    short: str = ""  # label in the footer key bar (shown when show is True)


KEY_TABLE: tuple[KeySpec, ...] = (
    KeySpec("next", "j,down", "cursor_down", "Next article", "list"),
    KeySpec("previous", "k,up", "cursor_up", "Previous article", "list"),
    KeySpec("open", "enter,l", "select", "Open article", "list"),
    KeySpec("scroll_down", "j,down", "scroll_down", "Scroll the article down", "reader"),
    KeySpec("scroll_up", "k,up", "scroll_up", "Scroll the article up", "reader"),
    KeySpec("top", "g,home", "top", "Top", "all"),
    KeySpec("bottom", "G,end", "bottom", "Bottom", "all"),
    KeySpec("page_down", "space,pagedown", "page_down", "Page down in reader", "all"),
    KeySpec("page_up", "b,pageup", "page_up", "Page up in reader", "all"),
    KeySpec("back", "escape,h", "back", "Back to list", "all", show=True, short="Back"),
    KeySpec("next_unread", "n", "next_unread", "Next unread", "all", show=True, short="Unread"),
    KeySpec("previous_unread", "p", "previous_unread", "Previous unread", "all"),
    KeySpec("next_pane", "tab", "next_pane", "Next pane", "all"),
    KeySpec("previous_pane", "shift+tab", "previous_pane", "Previous pane", "all"),
    KeySpec("entities", "e", "entities", "Entity sidebar", "all", show=True, short="Entities"),
    KeySpec("refresh", "r", "refresh", "Refresh feed", "all"),
    KeySpec("refresh_all", "R", "refresh_all", "Refresh all", "all", show=True, short="Refresh"),
    KeySpec("browser", "o", "browser", "Open in browser", "all", show=True, short="Browser"),
    KeySpec("toggle_read", "m", "toggle_read", "Toggle read", "all", show=True, short="Read"),
    KeySpec("toggle_star", "s", "toggle_star", "Toggle star", "all", show=True, short="Star"),
    KeySpec("search", "slash", "search", "Search", "all", show=True, short="Search"),
    KeySpec("choose", "f", "choose", "Feed or tag", "all", show=True, short="Feeds"),
    KeySpec("add_feed", "a", "add_feed", "Add feed", "all"),
    KeySpec("delete_feed", "d", "delete_feed", "Delete feed", "all"),
    KeySpec("help", "question_mark", "help", "Help", "all", show=True, short="Help"),
    KeySpec("quit", "q", "quit", "Quit", "app", show=True, short="Quit"),
    KeySpec(
        "command_palette", "ctrl+p", "command_palette", "Command palette", "app", priority=True
    ),
    # The entity sidebar, the dialogs and the help screen: remappable too.
    KeySpec("entity_down", "down,j", "move(1)", "Next entity", "sidebar"),
    KeySpec("entity_up", "up,k", "move(-1)", "Previous entity", "sidebar"),
    KeySpec("entity_choose", "enter,l", "choose", "List the entity's articles", "sidebar"),
    KeySpec("dialog_cancel", "escape", "cancel", "Cancel a dialog", "dialog"),
    KeySpec("dialog_no", "escape,n", "answer(False)", "Answer no", "confirm"),
    KeySpec("dialog_yes", "y", "answer(True)", "Answer yes", "confirm"),
    KeySpec("help_close", "escape,q,question_mark", "close", "Close help", "help"),
)
# The owners whose actions the main screen runs (the command palette lists those).
MAIN_OWNERS = frozenset({"list", "reader", "all", "app"})
# Links in the reader open by number: 1-9 as keys, any number through the command palette.
LINK_KEYS: tuple[KeySpec, ...] = tuple(
    KeySpec(f"link_{n}", str(n), f"open_link({n})", f"Open link {n}", "reader")
    for n in range(1, 10)
)

BINDING_IDS = frozenset(spec.id for spec in (*KEY_TABLE, *LINK_KEYS))


def bindings(owner: str) -> list[BindingType]:
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            id=spec.id,
            priority=spec.priority,
        )
        for spec in (*KEY_TABLE, *LINK_KEYS)
        if spec.owner == owner
    ]


def spec(binding_id: str) -> KeySpec:
    for item in (*KEY_TABLE, *LINK_KEYS):
        if item.id == binding_id:
            return item
    raise KeyError(binding_id)


# Owners whose bindings answer the same key press: the focused pane's (or the dialog's),
# the main screen's ("all") and the app's.
_TOGETHER: tuple[frozenset[str], ...] = (
    frozenset({"list", "all", "app"}),
    frozenset({"reader", "all", "app"}),
    frozenset({"sidebar", "all", "app"}),
    frozenset({"dialog", "confirm", "app"}),
    frozenset({"help", "app"}),
)


def _keys(keys: str) -> set[str]:
    return {key.strip() for key in keys.split(",") if key.strip()}


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """config.toml [keys] entries that name no binding (a typo would otherwise do nothing),
    and keys the map gives to bindings that answer at once: only one of them runs, so
    `quit = "j"` left the footer saying "j Quit" while j moved the cursor and q did nothing.
    Overlaps the defaults have on purpose (q closes help, escape cancels a dialog) pass."""
    problems = [
        f"[keys] {name if name.isprintable() else repr(name)}: no such binding"
        for name in keymap
        if name not in BINDING_IDS
    ]
    sharing: dict[str, list[str]] = {}  # key -> the bindings it now reaches at once
    for group in _TOGETHER:
        members = [spec for spec in (*KEY_TABLE, *LINK_KEYS) if spec.owner in group]
        for n, first in enumerate(members):
            for second in members[n + 1 :]:
                if first.id not in keymap and second.id not in keymap:
                    continue
                now = _keys(keymap.get(first.id, first.keys))
                now &= _keys(keymap.get(second.id, second.keys))
                for key in sorted(now - (_keys(first.keys) & _keys(second.keys))):
                    ids = sharing.setdefault(key, [])
                    ids += [i for i in (first.id, second.id) if i not in ids]
    problems += [
        f"[keys] {', '.join(ids)} share {key!r} where they answer at once: only one of them runs"
        for key, ids in sharing.items()
    ]
    return problems

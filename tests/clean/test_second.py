"""trafilatura's second opinion: the stop-list it is handed (see second.py)."""

from __future__ import annotations

from trafilatura import external

from tui_reader.clean.second import _AllStopwords, second_opinion

PAGE = (
    "<html><body><div><p>Short notice.</p><ul><li>One item of the list here</li>"
    "<li>Another item of the list</li></ul></div></body></html>"
)


def test_the_lazy_stoplist_holds_trafilaturas_own_words() -> None:
    saved = external.JT_STOPLIST
    try:
        own = external.jt_stoplist_init()  # what trafilatura builds when none is set
    finally:
        external.JT_STOPLIST = saved
    assert frozenset(_AllStopwords()) == frozenset(word.lower() for word in own)


def test_second_opinion_hands_trafilatura_the_lazy_stoplist() -> None:
    second_opinion(PAGE, None)
    assert isinstance(external.JT_STOPLIST, _AllStopwords)

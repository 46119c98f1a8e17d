"""The block-level cruft pass: judge each block by what it says, its links, where it stands
and what stands next to it. Nothing here names a site or relies on a class name.

Every rule is bounded by length: a long paragraph is body unless it is clearly an appeal
written to the reader. Body that merely talks about money, donations, subscribers or
newsletters stays; an appeal is speech to the reader ("your support", "we need your help",
"remind me later"), usually a run of blocks, and the run goes as a whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import wording
from .blocks import RawBlock
from .prefilter import Folded
from .text import words

# A page with a paywall box and a body shorter than this holds only the story's start.
_PAYWALLED_BODY_WORDS = 500
# Kickers and labels sit in the first few blocks; further down, before the first long
# paragraph, headings head sections of short paragraphs, lists or formulas.
_LEAD_BLOCKS = 4
# A block this long that repeats the block kept just before it is shown twice by layout.
_TWICE_WORDS = 8
# A heading this long is a dek (the story's lead set as a heading), not a kicker or a label;
# a repeated headline of that length is still the title rule's.
_DEK_WORDS = 15


@dataclass(frozen=True, slots=True)
class Verdict:
    kept: list[RawBlock]
    truncated: bool


@dataclass(slots=True)
class _Info:
    block: RawBlock
    ntok: int
    ends: bool  # ends like a sentence
    long: bool  # a body-like paragraph: >= 20 tokens, few links
    low: str
    folded: Folded  # the block's text as the wording's cue tests read it (prefilter.py)


def judge(
    blocks: Sequence[RawBlock],
    *,
    title_variants: Sequence[str] = (),
    description: str = "",
    paywall_on_page: bool = False,
) -> Verdict:
    """Mark and drop cruft blocks; captions are kept (as captions) unless they are credits."""
    infos = [_info(b) for b in blocks]
    n = len(infos)
    drop = [False] * n
    truncated = False
    first_long = next((i for i, x in enumerate(infos) if x.long), n)
    last_long = max((i for i, x in enumerate(infos) if x.long), default=-1)
    run_start, run_end = _main_run(infos)
    title_tokens = [_token_set(t) for t in title_variants if t]

    linky_lists = _linky_lists(blocks)

    for i, x in enumerate(infos):
        b, t, low = x.block, x.ntok, x.low
        reason = _phrase_reason(x)
        if reason == "paywall":
            truncated = True
        if reason is None and b.kind == "caption":
            continue
        # An item that links its value ("Flagship hotel: <a>The Plaza</a>") in a list of text
        # is part of the list; in a list of links (a rail, a menu) it is one more link.
        in_text_list = b.kind == "list" and b.list_id not in linky_lists
        # So is a table row with a cell of its own data ("Koos i-Size | 370 € | 4,9"): a row
        # of links has nothing but links in its cells.
        in_text_list = in_text_list or (b.tag == "tr" and _has_plain_cell(b))
        if reason is None and b.link_density >= 0.5 and not in_text_list:
            bare_url = t <= 12 and b.text.strip().startswith(("http://", "https://", "www."))
            headline = not x.ends or b.link_density >= 0.95
            if (5 <= t <= 30 and not bare_url and headline) or _is_caps(b.text):
                reason = "links"
            elif b.link_density >= 0.9 and 2 <= t <= 60 and not bare_url:
                reason = "links"  # a paragraph that is one big link is a teaser or an ad
        if reason is None and t <= 20 and b.tag not in ("tr", "th", "td") and _is_date(low):
            reason = "date"
        if (
            reason is None
            and i < min(first_long, _LEAD_BLOCKS)
            and first_long < n
            and b.kind == "heading"
            and t < _DEK_WORDS
            and not _heads_a_section(infos, i, first_long)
        ):
            reason = "lead-heading"  # kickers, repeated headlines, section labels
        # The title again near the top (a label under a lead photo too); a heading after the
        # body has begun is a section's, even when the title was made from it.
        if (
            reason is None
            and i < 4
            and (i < first_long or b.kind != "heading")
            and title_tokens
            and t <= 40
        ):
            toks = words(low)
            if toks and any(
                sum(map(ts.__contains__, toks)) >= 0.8 * len(toks) for ts in title_tokens
            ):
                reason = "title"
        if reason is None and (i < first_long or i >= n - 3) and _is_byline(x):
            reason = "byline"
        if (
            reason is None
            and i > 0
            and i < first_long
            and "byline" in infos[i - 1].block.flags
            and t <= 6
            and not x.ends
            and wording.ROLE.search(x.folded)
        ):
            reason = "byline"  # the byline's second line: "Environment reporter"
        if reason is None and i >= n - 4 and t <= 50 and wording.AUTHOR_BIO.search(b.text):
            reason = "bio"
        if reason is None and _is_appeal(x):
            reason = "appeal"
        if (
            reason is None
            and 0 <= last_long < i
            and (_is_end_label(x, infos[i - 1]) or _is_link_label(x))
        ):
            reason = "label"
        if reason is not None:
            b.flags.add(reason)
            drop[i] = True

    _drop_appeal_runs(infos, drop)
    _bridge_appeals(infos, drop)
    _drop_related_rails(infos, drop)
    _drop_repeats(infos, drop, run_start, run_end, first_long)
    # A continuation link at the end ("Continue reading", "Read the full story") means the
    # page (or feed entry) stops before the story does.
    last = max((i for i in range(n) if not drop[i]), default=-1)
    for i in range(n - 1, -1, -1):
        cont = infos[i]
        if "continuation" in cont.block.flags:
            # A bare "Read more" line in plain text is as likely a related-links heading.
            explicit = cont.block.link_chars > 0 or not wording.BARE_READ_MORE.match(cont.folded)
            truncated = truncated or (i >= last and explicit)
            break
    _drop_dangling_headings(infos, drop)

    kept = [x.block for x, d in zip(infos, drop, strict=True) if not d]
    body_words = sum(
        x.ntok for x, d in zip(infos, drop, strict=True) if not d and x.block.kind != "caption"
    )
    if paywall_on_page and body_words < _PAYWALLED_BODY_WORDS:
        truncated = True  # a paywall box beside the article, and little article
    desc_words = len(words(description))
    if desc_words >= 15 and body_words < 150 and body_words < 1.5 * desc_words:
        truncated = True  # the page holds little more than its own teaser
    return Verdict(kept=kept, truncated=truncated)


def _is_end_label(x: _Info, previous: _Info) -> bool:
    """A word or two on a line of its own after the body's last paragraph: a button or a
    link label ("Next", "Back", "Contact", a site's name). Not a sign-off right under the
    story's last sentence ("With Post wires", the writer's name), not a "Key: value" line."""
    text = x.block.text
    return (
        x.block.kind == "paragraph"
        and x.ntok <= 3
        and not x.ends
        and any(c.isalpha() for c in text)
        and ":" not in text
        and not previous.ends
        and not previous.block.text.rstrip().endswith(",")
    )


def _is_link_label(x: _Info) -> bool:
    """A pager or back link after the body's last paragraph, all link ("Weiter »", "zurück",
    "Next"): it goes even right under the story's last sentence (a linked name there is a
    sign-off and stays)."""
    return x.block.link_density >= 0.9 and bool(wording.PAGER.match(x.folded))


def _has_plain_cell(b: RawBlock) -> bool:
    """Whether a table row has a cell with letters or digits and no link."""
    plain = linked = False
    for text, href in (*b.runs, (" | ", None)):
        if text == " | " and href is None:  # the cell separator (blocks.py)
            if plain and not linked:
                return True
            plain = linked = False
        elif href is not None:
            linked = True
        elif any(c.isalnum() for c in text):
            plain = True
    return False


def _linky_lists(blocks: Sequence[RawBlock]) -> set[int]:
    """The lists at least half of whose items are mostly link text."""
    items: dict[int, list[bool]] = {}
    for b in blocks:
        if b.kind == "list":
            items.setdefault(b.list_id, []).append(b.link_density >= 0.5)
    return {lid for lid, linky in items.items() if sum(linky) >= 0.5 * len(linky)}


def _heads_a_section(infos: list[_Info], i: int, first_long: int) -> bool:
    """A heading over sentences of its own before the body's first long paragraph (a step,
    a question answered in a line), not a kicker over the headline or the byline."""
    nxt = infos[i + 1] if i + 1 < first_long else None
    return nxt is not None and nxt.block.kind in ("paragraph", "list") and nxt.ends


def _info(b: RawBlock) -> _Info:
    text = b.text.strip()
    ntok = len(words(text))
    ends = bool(text) and text[-1] in wording.END_PUNCT
    long = ntok >= 20 and b.link_density < 0.25 and b.kind in ("paragraph", "quote", "list")
    return _Info(block=b, ntok=ntok, ends=ends, long=long, low=text.lower(), folded=Folded(b.text))


def _phrase_reason(x: _Info) -> str | None:
    b, t, text = x.block, x.ntok, x.block.text
    if b.kind == "code":
        return None
    if t <= 10 and (wording.AD_LINE.search(x.folded) or _all_ad_words(x.low)):
        return "ad"
    if t <= 20 and wording.AD_PREFIX.search(x.folded):
        return "ad"
    if t <= 15 and wording.LOGIN_STATE.search(x.folded):
        return "login"
    if t <= 15 and wording.MEDIA.search(x.folded):
        return "media"
    if t <= 40 and wording.EMBED_CONSENT.search(x.folded):
        return "media"
    if t <= 60 and wording.PAYWALL.search(x.folded):
        return "paywall"
    if t <= 20 and wording.CONTINUATION.search(x.folded) and (b.link_chars or t <= 6):
        return "continuation"
    if t <= 15 and (wording.SHARE.search(x.folded) or _all_social(x.low)):
        return "share"
    if t <= 30 and wording.SHARE_BOX.search(x.folded):
        return "share"
    if t <= 40 and wording.FOLLOW.search(x.folded):
        return "share"
    if (
        t <= 50
        and wording.COOKIE.search(x.folded)
        and (t <= 5 or wording.READER.search(x.folded) or wording.US.search(x.folded))
        and not wording.SPEECH.search(x.folded)
    ):
        return "cookie"
    if t <= 40 and wording.NEWSLETTER_STRONG.search(x.folded):
        return "newsletter"
    if (
        t <= 15
        and wording.NEWSLETTER_WEAK.search(x.folded)
        and (
            wording.READER.search(x.folded)
            or wording.US.search(x.folded)
            or b.link_density >= 0.3
            or not x.ends
            or text.rstrip().endswith("!")
        )
    ):
        return "newsletter"
    if t <= 8 and wording.READMORE_HEAD.search(x.folded):
        return "related"
    if (
        t <= 30
        and wording.READMORE_PREFIX.search(x.folded)
        and (b.link_chars or b.kind == "heading" or text.isupper() or t <= 20)
    ):
        return "related"
    if (
        t <= 40
        and wording.CREDIT.search(x.folded)
        and (not x.ends or t <= 25 or b.kind == "caption")
    ):
        return "credit"
    if t <= 80 and wording.TRAILING_CREDIT.search(x.folded):
        return "credit"  # a caption with "(credit: ...)" or "(AP Photo/...)" at its end
    if b.kind == "caption" and wording.CAPTION_CREDIT.search(x.folded):
        return "credit"  # a caption carrying its photo credit: both go
    if 2 <= t <= 20 and not x.ends and " / " in text and wording.SLASH_CREDIT.search(text):
        return "credit"
    if t <= 25 and "©" in text and not text.rstrip().endswith("."):
        return "credit"
    first_line = text.split("\n", 1)[0]
    if (
        first_line != text
        and len(words(first_line)) <= 6
        and b.link_density >= 0.3
        and (wording.READMORE_HEAD.search(first_line))
    ):
        return "related"
    if t <= 40 and wording.END_MATTER.search(x.folded):
        return "end-matter"
    if t <= 15 and wording.END_LABEL.search(x.folded):
        return "end-matter"
    return None


def _is_appeal(x: _Info) -> bool:
    text = x.block.text
    if x.ntok > 150 or not wording.APPEAL_GATE.contains(x.folded):
        return False  # cheap gate: every appeal pattern holds one of these stems
    if x.ntok <= 8 and wording.SHORT_CTA.search(x.folded) and not text.rstrip().endswith("."):
        return True
    strong = {m.group(0).lower() for m in wording.APPEAL.finditer(x.folded)}
    weak = {m.group(0).lower() for m in wording.APPEAL_WEAK.finditer(x.folded)} - strong
    if not strong and len(weak) < 2:
        return False
    if wording.SPEECH.search(x.folded):
        return len(strong) >= 3  # a quote about fundraising is still the story
    addressed = bool(wording.READER.search(x.folded)) and bool(wording.US.search(x.folded))
    if strong:
        return addressed or len(strong) >= 2 or x.ntok <= 20
    return addressed and len(weak) >= 3


def _drop_appeal_runs(infos: list[_Info], drop: list[bool]) -> None:
    """An appeal is a run: its lead-in line, its payment and "not now" lines go with it."""
    n = len(infos)
    for i, x in enumerate(infos):
        if "appeal" not in x.block.flags:
            continue
        j = i + 1
        while j < n and _continues_appeal(infos[j]):
            if not drop[j]:
                infos[j].block.flags.add("appeal-run")
                drop[j] = True
            j += 1
        j = i - 1
        while j >= 0 and (drop[j] or _leads_appeal(infos[j])):
            if not drop[j]:
                infos[j].block.flags.add("appeal-run")
                drop[j] = True
            j -= 1


def _bridge_appeals(infos: list[_Info], drop: list[bool]) -> None:
    """A block between two parts of one appeal, written as "we"/"our", is the appeal too."""
    marks = [i for i, x in enumerate(infos) if x.block.flags & {"appeal", "appeal-run"}]
    for a, b in zip(marks, marks[1:], strict=False):
        if 1 < b - a <= 3 and all(_speaks_as_us(infos[j]) for j in range(a + 1, b)):
            for j in range(a + 1, b):
                drop[j] = True
                infos[j].block.flags.add("appeal-run")


def _continues_appeal(x: _Info) -> bool:
    """After an appeal: its buttons, labels and further lines addressed to the reader."""
    if "appeal" in x.block.flags:
        return True
    if x.ntok <= 6 and not x.ends:
        return True  # a button or label: "paiment methods", "Donate"
    return _speaks_as_us(x) and x.ntok <= 60


def _leads_appeal(x: _Info) -> bool:
    """Before an appeal: a short heading-like lead-in ("A message from our editor")."""
    text = x.block.text
    return x.ntok <= 15 and (
        (not x.ends or text.rstrip().endswith("!"))
        and bool(wording.APPEAL_VOCAB.search(x.folded))
        or _speaks_as_us(x)
    )


def _speaks_as_us(x: _Info) -> bool:
    """Appeal wording in a block written as "we" or to "you", not reported speech."""
    return (
        bool(wording.APPEAL_VOCAB.search(x.folded))
        and bool(wording.READER.search(x.folded) or wording.US.search(x.folded))
        and not wording.SPEECH.search(x.folded)
    )


def _drop_related_rails(infos: list[_Info], drop: list[bool]) -> None:
    """After a "Related"/"Read more" heading, the link lines under it go too."""
    for i, x in enumerate(infos):
        if "related" not in x.block.flags or x.ntok > 8:
            continue
        j = i + 1
        while j < len(infos):
            y = infos[j]
            if y.block.kind == "heading" or y.long:
                break
            if y.block.link_density < 0.5 and not (y.block.kind == "list" and y.ntok <= 15):
                break
            drop[j] = True
            y.block.flags.add("related-run")
            j += 1


def _drop_repeats(
    infos: list[_Info], drop: list[bool], run_start: int, run_end: int, first_long: int
) -> None:
    seen: Counter[str] = Counter(x.low for x in infos if x.ntok >= 3)
    gallery: set[str] = set()
    first_at: dict[str, int] = {}
    later: list[int] = []
    previous: RawBlock | None = None  # the last block kept so far
    for i, x in enumerate(infos):
        if drop[i]:
            continue
        if _shown_twice(x, previous):
            drop[i] = True
            x.block.flags.add("repeat")
            continue
        previous = x.block
        if x.ntok < 3:
            continue
        key = x.low
        if key not in first_at:
            first_at[key] = i
            # Gallery captions repeated at the top (the same line 2-4 times, before the body).
            if seen[key] >= 2 and x.ntok < 40 and i < first_long < len(infos):
                gallery.add(key)
        if key in gallery:
            drop[i] = True
            x.block.flags.add("repeat")
        elif first_at[key] != i and x.ntok >= 6 and not run_start <= i <= run_end:
            later.append(i)
    # A teaser shown twice is cruft; a page that repeats many lines (recipes, menus, tables)
    # repeats them on purpose.
    if len(later) <= 3:
        for i in later:
            drop[i] = True
            infos[i].block.flags.add("repeat")


def _shown_twice(x: _Info, previous: RawBlock | None) -> bool:
    """The block kept just before says the same, from another element: layout shows one
    text twice (a lead set above the body and again as its first paragraph, a card built for
    two screen sizes); the same paragraph twice side by side in one element is the page's."""
    return (
        previous is not None
        and x.ntok >= _TWICE_WORDS
        and x.block.kind in ("paragraph", "quote", "heading")
        and x.block.tag != "tr"
        and x.block.owner != previous.owner
        and x.block.text == previous.text
    )


def _drop_dangling_headings(infos: list[_Info], drop: list[bool]) -> None:
    """Headings left at the very end (their rail of links was cruft) go too."""
    for i in range(len(infos) - 1, -1, -1):
        if drop[i]:
            continue
        b = infos[i].block
        if b.kind not in ("heading", "caption"):
            return
        if b.kind == "heading":
            drop[i] = True
            b.flags.add("dangling")


def _main_run(infos: list[_Info]) -> tuple[int, int]:
    """The max-sum span of body-like blocks (used only to qualify other cues)."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, x in enumerate(infos):
        good = x.ntok >= 8 and x.block.link_density < 0.3 and x.ends
        score = float(x.ntok) if good else -float(max(5, x.ntok))
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _is_date(low: str) -> bool:
    toks = words(low)
    if not toks or not any(c.isdigit() for c in low):
        return False
    if not (wording.CLOCK.search(low) or any(w in wording.CALENDAR for w in toks)):
        return False  # digits alone are scores, phone numbers, table rows
    datey = sum(1 for w in toks if w.isdigit() or w in wording.DATE_WORDS or _ordinal(w))
    return datey >= 0.7 * len(toks)


def _ordinal(w: str) -> bool:
    return w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _all_social(low: str) -> bool:
    toks = words(low)
    # Counts beside the buttons ("Share 12 Tweet 3"), but a line of numbers alone is data
    # (a phone number, a score).
    return (
        len(toks) >= 2
        and all(w in wording.SOCIAL_WORDS or w.isdigit() for w in toks)
        and not all(w.isdigit() for w in toks)
    )


def _is_byline(x: _Info) -> bool:
    # "By Tuesday, the water had receded." is a sentence; a byline does not end like one.
    text = x.block.text.rstrip()
    return x.ntok <= 12 and text[-1:] not in ".!?" and bool(wording.BYLINE.search(text))


def _all_ad_words(low: str) -> bool:
    """A line made only of ad-label words: "Advertisement - Scroll to continue"."""
    toks = words(low)
    return (
        bool(toks)
        and all(w in wording.AD_WORDS for w in toks)
        and any(w in wording.AD_CORE for w in toks)
    )


def _token_set(text: str) -> set[str]:
    return set(words(text.lower()))


def says_cut_short(text: str) -> bool:
    """True when a short text (a paywall box anywhere on the page) says the story stops."""
    return (
        len(text) <= 400
        and bool(wording.CUT_SHORT_HINT.contains(text))
        and bool(wording.CUT_SHORT.search(text))
    )


def looks_like_cruft(block: RawBlock) -> bool:
    """True when a block's wording alone marks it as cruft (an appeal, a label, a credit)."""
    x = _info(block)
    return _phrase_reason(x) is not None or _is_appeal(x) or (x.ntok <= 20 and _is_date(x.low))

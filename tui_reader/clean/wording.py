"""The cruft pass's vocabulary: what ads, appeals, paywalls, sign-ups, share rows, credits,
bylines and related-link lines say. Patterns only; cruft.py decides what to do with them.

Every pattern is about wording a reader would recognise on any site, never a site's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .prefilter import Cues, Folded
from .text import wordset

_I = re.IGNORECASE


_ESCAPE = re.compile(r"\\.")  # \W, \S, \b...: not letters of the pattern
_CASED = re.compile(r"[A-Z]")
_lowered: tuple[str, str] = ("", "")  # the last text lowercased (one tuple: thread-safe)


def _lower(text: str) -> str:
    global _lowered
    last = _lowered
    if last[0] is text:
        return last[1]
    low = text.lower()
    _lowered = (text, low)
    return low


class _Pattern:
    """A case-insensitive pattern. Python's re matches case-insensitively one character at a
    time; a pattern written without capitals runs several times faster on the lowercased
    text (lowercased once per block, however many patterns read it). Before either, the
    literals every match needs are looked for (prefilter.py): most blocks hold none, and
    then the pattern does not run at all. Texts may come as a block's Folded text."""

    __slots__ = ("_compiled", "_guard", "_lowercase", "pattern")

    def __init__(self, pattern: str, *, cues: bool = True) -> None:
        self.pattern = pattern
        self._lowercase = not _CASED.search(_ESCAPE.sub("", pattern))
        # Compiled on first use (_rx): the ~60 patterns took ~30 ms to compile at import, in
        # every process that cleans (the workers' fork server before any worker can start),
        # and a process meets only those whose cues turn up in its text.
        self._compiled: re.Pattern[str] | None = None
        # The cue test reads the pattern case-blind, as _rx matches (on lowercased text or
        # with re.IGNORECASE): parsed for its literals, not compiled a second time. Without
        # `cues` the caller has tested them (_Patterns).
        self._guard = Cues(pattern, _I) if cues else None

    @property
    def _rx(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:  # two threads at once compile it twice: the same pattern
            compiled = self._compiled = re.compile(self.pattern, 0 if self._lowercase else _I)
        return compiled

    def compile(self) -> None:
        """Compile it now (a test checks every pattern does)."""
        _ = self._rx

    def possible(self, text: str | Folded) -> bool:
        return self._guard is None or self._guard.possible(text)

    def _text(self, text: str | Folded) -> str:
        raw = text.text if isinstance(text, Folded) else text
        return _lower(raw) if self._lowercase else raw

    def search(self, text: str | Folded) -> re.Match[str] | None:
        return self._rx.search(self._text(text)) if self.possible(text) else None

    def match(self, text: str | Folded) -> re.Match[str] | None:
        return self._rx.match(self._text(text)) if self.possible(text) else None

    def finditer(self, text: str | Folded) -> Iterator[re.Match[str]]:
        """Matches (of the lowercased text, when the pattern reads that)."""
        return self._rx.finditer(self._text(text)) if self.possible(text) else iter(())

    def contains(self, text: str | Folded) -> bool:
        return self.search(text) is not None


class _Patterns:
    """Alternatives to search a block for, the ones anchored at the start ("^...") tried once
    with match() instead of at every position (the cruft pass runs these on every block)."""

    __slots__ = ("_all", "_floating", "_start")

    def patterns(self) -> Iterator[_Pattern]:
        return (p for p in (self._all, self._start, self._floating) if p is not None)

    def __init__(self, *parts: str) -> None:
        start = [p[1:] for p in parts if p.startswith("^")]
        floating = [p for p in parts if not p.startswith("^")]
        # A match of all the parts is one of the anchored ones' or one of the others': it
        # holds a cue of _start or of _floating, so those two tests stand for its own.
        self._all = _Pattern("|".join(f"(?:{p})" for p in parts), cues=False)
        self._start = _ci("|".join(f"(?:{p})" for p in start)) if start else None
        self._floating = _ci("|".join(f"(?:{p})" for p in floating)) if floating else None

    def search(self, text: str | Folded) -> re.Match[str] | None:
        found = self._start.match(text) if self._start is not None else None
        if found is None and self._floating is not None:
            found = self._floating.search(text)
        return found

    def finditer(self, text: str | Folded) -> Iterator[re.Match[str]]:
        if not any(p is not None and p.possible(text) for p in (self._start, self._floating)):
            return iter(())
        return self._all.finditer(text)


def _rx(*parts: str) -> _Patterns:
    return _Patterns(*parts)


def _ci(pattern: str) -> _Pattern:
    return _Pattern(pattern)


# An ad label in front of a short line: "ANZEIGE - Heute mal ausgehen?"
AD_PREFIX = _ci(
    r"^\W*(?:anzeige|werbung|advertisement|sponsored|publicidad|publicité|pubblicità)\s*[-–—:|]",
)
# Login state shown by the site: "Sie sind aktuell nicht eingeloggt.", "You are not logged in."
LOGIN_STATE = _ci(
    r"^\W*(?:you are|you're|sie sind|du bist)(?: \w+){0,2} (?:not |nicht )?"
    r"(?:logged in|signed in|eingeloggt|angemeldet)\b",
)
# Whole-line ad and layout markers.
AD_LINE = _ci(
    r"^\W*(?:advertisements?|advert|advertising|ad|ads|sponsored(?: content| post| links?)?"
    r"|paid (?:content|post|partnership)|promoted(?: content| stories)?|partner content"
    r"|(?:the )?(?:story|article|text|content) continues (?:below|after)(?: (?:this|the))?"
    r"(?: (?:advertisement|advert|ad))?"
    r"|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: reading)?"
    r"|skip (?:advert|ad|advertisement)|report (?:this )?ad|close (?:this )?ad"
    r"|(?:advertisement|ad) (?:feature|content)|remove ads|ad-free|supported by|ad feedback"
    # the same label in other languages
    r"|anzeige|werbung|publicidad|publicité|pubblicità|publicidade|reklama|реклама|広告|광고)\W*$",
)
AD_CORE = wordset("advertisement advertisements advert adverts ad ads sponsored promoted")
AD_WORDS = AD_CORE | wordset(
    "scroll to continue with content reading below story article continues after the this skip "
    "report close paid partner remove feature text by from our partners down"
)
MEDIA = _rx(
    r"media playback is (?:unsupported|not supported)",
    r"your browser (?:does not|doesn't) support",
    r"(?:this|the) (?:video|audio|media|content) (?:is (?:not )?(?:available|unavailable)|"
    r"has been removed|cannot be (?:played|displayed))",
    r"^(?:watch|listen)(?: (?:now|live|the video|video|below|here))?\W*$",
    r"^(?:listen to (?:this|the) (?:article|story)|audio (?:version|player))\b",
    r"^(?:video|photos?|gallery|image|slideshow)\W*$",
    r"^(?:video|audio|sendung|beitrag) (?:verfügbar|abrufbar) bis\b",
    r"^(?:enable|turn on) javascript",
    r"\brequires? javascript\b",
)
# The placeholder a page shows for an embed it has not loaded yet (a post, a video, a map):
# "External content", "We need your consent to load this content", "Click to load the tweet".
EMBED_CONSENT = _rx(
    r"^(?:external|embedded|third[- ]party) content\W*$",
    r"^(?:externer inhalt|externe inhalte|contenu externe|contenido externo|contenuto esterno)"
    r"\W*$",
    r"\bwe need your (?:consent|permission) to (?:load|show|display)\b",
    r"\b(?:click|tap) (?:here )?to (?:load|show|display) (?:this |the )?(?:content|embed|tweet"
    r"|post|video|map)\b",
    r"\bohne (?:dein|ihr) einverständnis keine verbindung\b",
    r"\b(?:das )?automatische laden der inhalte\b.{0,40}\bblockiert\b",
    r"\bum (?:den|die|das) (?:inhalte?|video|karte|beitrag|tweet|post)(?: (?:von|aus) \S+)? zu "
    r"laden\b",
)
# "Comments" in the other languages the cleaner meets most, for the counters below.
_COMMENTS = (
    r"(?:kommentare?|commentaires?|comentarios?|comentários?|commenti|commento"
    r"|komentarz[ey]?|komentarzy|reacties?)"
)
SHARE = _rx(
    r"^(?:teilen|compartir|partager|condividi|compartilhe|compartilhar|поделиться)\W*$",
    r"^(?:share|share this(?: article| story| post| page)?|share (?:on|via|to) \w+"
    r"|click to (?:share|email|print)|like this|tweet this|email this|print(?: this)?(?: article)?"
    r"|copy (?:the )?link|link copied|save (?:this )?(?:article|story)|bookmark"
    r"|gift (?:this )?(?:article|story))\W*$",
    r"^(?:follow|like) (?:us|@\w+|\w+ on (?:facebook|twitter|x|instagram|linkedin|tiktok))\b",
    r"^follow (?:us )?on \w+",
    r"^comment on (?:this|the) (?:story|article|post)\b",
    r"^listen (?:on|in|with) (?:spotify|apple|google|the app)\b",
    r"^(?:\d+ )?comments?(?: \(\d+\))?\W*$",
    rf"^(?:\d+ |keine |kein |ein |aucun |sin |nessun |brak |geen )?{_COMMENTS}"
    r"(?: \(\d+\))?\W*$",
    # "Keine Kommentare (erscheinen erst nach Freigabe)"; not "Ein Kommentar von ..." (a kicker)
    rf"^(?:\d+ |keine |aucun |sin |nessun |brak |geen ){_COMMENTS}\b",
    r"^(?:view|show|read|see|load)(?: all| the)?(?: \d+)? comments\b",
    r"^(?:leave|post|add|write) a (?:comment|reply)\b",
    r"^(?:join|start) the (?:conversation|discussion|debate)\b",
    r"^be the first to comment",
    r"^send any friend a story\b",
    r"^reuse this content\b",
    r"\bshare (?:it|this|them) with (?:a|your) friends?\b",
    r"\b(?:moderat\w+ (?:all )?comments|comments? (?:are|is|will be) moderated)\b",
    r"^comments? (?:are|have been) (?:closed|disabled)",
    r"^(?:what do you think|have your say|tell us what you think)\b",
    r"^(?:let us know|tell us) in the comments\b",
    r"^(?:verraten|schreiben|sagen) sie (?:es )?(?:uns )?(?:gerne )?in den kommentaren\b",
    r"^(?:verrate|schreib|sag) (?:es )?(?:uns )?(?:gerne )?in den kommentaren\b",
    r"^(?:möchten sie )?(?:den|diesen) (?:artikel|beitrag) teilen\b",
    r"^(?:artikel|beitrag|seite) (?:teilen|drucken|versenden|merken)\b",
    r"^(?:rezept|artikel) drucken\b",
    r"^(?:show|hide) (?:more|less|all|sources|details|comments)\W*$",
    r"^(?:quellen|mehr|weniger|alle|details|kommentare) (?:ausblenden|einblenden|anzeigen)\W*$",
    r"^(?:download|save)(?: this)? (?:\w+ )?as (?:a )?pdf\W*$",
    r"^(?:(?:dieses?|den|das|die) )?(?:\w+ )?als pdf (?:herunterladen|downloaden|speichern)\W*$",
    r"\bbei pinterest (?:speichern|merken)\b",
    r"^(?:versenden|drucken|teilen|merken)\W*$",
    r"^(?:was|war|is) (?:this|der|dieser|das) (?:article|post|page|artikel|beitrag) "
    r"(?:helpful|useful|nützlich|hilfreich)\b",
)
# "Follow The Gazette on Twitter and Instagram @gazette ... Send us your news": a promo line
# longer than a button row, still one.
FOLLOW = _rx(
    r"^(?:follow (?:us|\S+(?: \S+){0,4})|like us) on (?:twitter|facebook|instagram|linkedin"
    r"|tiktok|google news|telegram|youtube|threads|bluesky|mastodon|whatsapp|x)\b",
    r"^(?:folgen sie uns|folge uns|suivez-nous|síguenos|siguenos|seguici|siga-nos)\b",
)
# A share box's own sentences, longer than a button row: "You have 10 gift articles to give
# each month. Anyone can read what you share."
SHARE_BOX = _rx(
    r"\bgift (?:articles?|this (?:article|story))\b",
    r"\banyone can read what you share\b",
    r"\b\d[\d,.]*\s?k? (?:shares|people shared this)\b",
)
SOCIAL_WORDS = wordset(
    "share facebook twitter x linkedin whatsapp telegram email e mail pinterest pint reddit "
    "print copy link messenger tumblr flipboard vk viber sms threads bluesky mastodon "
    "instagram youtube tiktok baixar save comment comments tweet this page article story to a "
    "friend on clipboard url more options via"
)
COOKIE = _rx(
    r"\b(?:we|this (?:site|website)|our (?:site|website))(?: and our (?:partners|vendors))? uses? "
    r"cookies",
    r"^(?:accept|reject|decline|allow)(?: all| necessary)?(?: cookies)?\W*$",
    r"\bcookie (?:policy|settings|preferences|notice|consent)",
    r"\baccept (?:all )?cookies",
    r"by (?:continuing to (?:use|browse)|using) (?:this|our) (?:site|website)",
    r"(?:agree|consent) to (?:our|the) (?:use|placement|storing|storage|setting) of cookies",
    r"manage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices)",
    r"\byour privacy is important to us\b",
    r"\b(?:we have|we've) updated our (?:privacy|cookie) (?:policy|notice|statement)",
)
NEWSLETTER_STRONG = _rx(
    r"\bsign(?:ing)? up (?:for|to) (?:our|my|this)\b",
    r"\bsign(?:ing)? up (?:for|to) (?:the|a|\w+'s) (?:\w+ ){0,3}(?:newsletters?|e-?mails?"
    r"|briefings?|digest|alerts|updates)\b",
    r"\bsign up (?:now|today|here|free)\b",
    r"^sign up (?:to|for)\b",
    r"\b(?:delivered|straight|directly|sent|right)\b.{0,30}\byour (?:inbox|letterbox|mailbox|door)",
    r"\b(?:our|the latest|the best|the top)\b.{0,40}\b(?:to|in|into|meets?|hits?) your inbox\b",
    r"\benter (?:your )?e-?mail",
    r"\byour e-?mail address\b",
    r"\bby (?:signing up|subscribing|clicking|submitting|registering)\b",
    r"\b(?:you )?(?:can|may) unsubscribe\b",
    r"\bunsubscribe at any time\b",
    r"\bprotected by recaptcha\b",
    r"\bgoogle privacy policy\b",
    r"\bthanks? (?:you )?for (?:signing up|subscribing)\b",
    # What a form says after a submit, shipped hidden for the stylesheet to show (site builders'
    # defaults: "Thank you! Your submission has been received!")
    r"\bsomething went wrong while submitting\b",
    r"\byour submission has been received\b",
    r"\b(?:download|get) (?:our|the) (?:free )?app\b",
    r"\b(?:join|subscribe to) (?:our|the) (?:\w+ ){0,3}(?:newsletter|mailing list|briefing)",
    r"\bnewsletter\b.{0,60}\b(?:sign up|subscribe|inbox|free)\b",
    # the same in other languages: "Abonnieren Sie kostenlos den Newsletter"
    r"\b(?:abonnieren|abonniere|bestellen|abonnez-vous|suscr[ií]b\w*|iscriviti|zapisz się)\b"
    r".{0,40}\b(?:newsletter|bolet[ií]n)",
    r"\bnewsletter\b.{0,40}\b(?:abonnieren|bestellen)\b",
    r"\b(?:want|get) (?:more|the latest|our)\b.{0,40}\b(?:newsletter|inbox)\b",
    r"\bsee (?:our|the) privacy (?:policy|notice)\b",
    r"\bsubscribe for free\b",
    r"\bclick here to (?:subscribe|sign up|register|download|join|donate)\b",
    r"\b(?:download|get|install) (?:our|the)(?: \S+){0,3} apps?\b",
    r"\bjoin (?:our|us on) (?:\w+ )?(?:telegram|whatsapp|discord|signal)\b",
    r"\bsubscribe to (?:our|the) (?:\w+ ){0,3}(?:podcast|channel)\b",
    r"\bzapraszamy (?:też |także |również )?do (?:subskrypcji|prenumeraty)\b",
    # The site's own channel in other languages: "¡Mira nuestro canal de YouTube!"
    r"\b(?:nuestro|tenemos|nosso) canal (?:de|no|do|en) (?:youtube|telegram|whatsapp|tiktok)\b",
    r"\bnotre chaîne (?:youtube|telegram|whatsapp|tiktok)\b",
    r"\bunser(?:em|en)? (?:youtube|telegram|whatsapp|tiktok)[- ]?kanal\b",
    r"\bnasz(?:ego|ym)? kana(?:ł|łu|le) (?:na )?(?:youtube|telegram|whatsapp|tiktok)\b",
    r"\b(?:receive|get) (?:new|future) (?:posts|issues|stories)\b",
)
NEWSLETTER_WEAK = _rx(
    r"\bnewsletters?\b",
    r"\bsubscribe\b",
    r"\bprivacy (?:policy|notice|statement)\b",
    r"\bterms (?:of (?:service|use)|and conditions)\b",
    r"\bget the latest\b",
)
PAYWALL = _rx(
    r"\b(?:subscribe|sign in|log ?in|register|subscription) (?:now )?to (?:continue|keep|"
    r"read|access|unlock)\b",
    r"\b(?:to|and) (?:continue|keep) reading\b",
    r"\bcontinue reading (?:with|for|this|the full)\b",
    r"\balready (?:a (?:subscriber|member)|have an account|registered|subscribed)\b",
    r"\bbereits (?:\S+-)?abonnent(?:in)?\b",  # the same in other languages
    r"\b(?:zugang|abo|abonnement)\b.{0,40}\blesen sie weiter\b",
    r"\byou(?:'ve| have) (?:reached|used|read|hit) (?:your|all|the|\d+)\b.{0,40}"
    r"\b(?:limit|free|articles?|stories)\b",
    r"\b\d+ (?:free|more) (?:articles?|stories) (?:left|remaining|this month)\b",
    r"\bfree (?:articles?|stories) (?:left|remaining)\b",
    r"\b(?:this|the) (?:article|story|content|post) is (?:only )?(?:available|reserved|"
    r"exclusive|free) (?:to|for) (?:subscribers|members|registered)\b",
    r"\b(?:for|to) (?:paying |digital )?subscribers only\b",
    r"\bsubscribers? only\b",
    r"\b(?:available|reserved) (?:exclusively |only )?(?:to|for) (?:paying |digital |our )?"
    r"(?:subscribers|members)\b",
    r"\bto (?:read|view|access|see) (?:this|the full|the rest of this) (?:article|story|content)\b"
    r".{0,40}\b(?:log ?in|sign in|register|subscribe)",
    r"\bunlock (?:this|the|full|unlimited) (?:article|story|access)\b",
    r"\bstart your (?:free )?trial\b",
    r"\bcreate a free account\b",
    r"\bsubscribe (?:now|today) (?:for|from|and)\b",
    r"\b(?:log|sign) in to (?:read|continue|view)\b",
    r"\bunlimited (?:digital )?access\b",
    r"\bthis (?:is|was) a (?:premium|subscriber)\b",
)
# Paywall wording that says the story itself stops here (not "Subscribe" or "Log in" links,
# which sit in every site header): used on text outside the article, see meta.read_meta().
CUT_SHORT = _rx(
    r"\b(?:subscribe|sign in|log ?in|register|subscription) (?:now )?to (?:continue|keep)"
    r" reading\b",
    r"\b(?:to|and) (?:continue|keep) reading\b.{0,40}\b(?:subscri|log ?in|sign in|register|trial)",
    r"\b(?:this|the) (?:article|story|content|post) is (?:only )?(?:available |reserved |exclusive"
    r" )?(?:to|for) (?:\w+ ){0,3}(?:subscribers|members)\b",
    r"\byou(?:'ve| have) (?:reached|used|read|hit) (?:your|all|the)\b.{0,40}\b(?:limit|free "
    r"(?:articles?|stories))\b",
    r"\bunlock (?:this|the full) (?:article|story)\b",
)
CUT_SHORT_HINT = _ci(r"subscri|reading|limit|unlock")
CONTINUATION = _ci(
    r"^\W*(?:(?:click|tap) here to (?:continue reading|read (?:more|the full|the rest))"
    r"|continue reading|read (?:the )?(?:full|whole|rest of(?: the)?|entire) "
    r"(?:article|story|post|piece|report)|read more|keep reading|read on|more\s*(?:»|›|>|…|\.\.\.))"
    r".{0,80}$",
)
# A pager's or back link's label in the languages the cleaner meets most, arrows aside.
PAGER = _ci(
    r"^\W*(?:next|previous|prev|back|older|newer|weiter|zurück|vor|suivant|précédent|retour"
    r"|siguiente|anterior|volver|avanti|indietro|successivo|precedente|próximo|voltar|dalej"
    r"|wstecz|następny|poprzedni|volgende|vorige|terug)(?: (?:page|post|article|seite|artikel"
    r"|beitrag))?\W*$",
)
BARE_READ_MORE = _ci(r"^\W*read more\W*$")
READMORE_HEAD = _ci(
    r"^\W*(?:read (?:more|also|next|this next)|also read|more(?: on this(?: story)?| from| stories"
    r"| like this| coverage| reading| to read)?|see also|related(?: articles?| stories| coverage"
    r"| content| reading| links| posts| news| topics)?|recommended(?: for you| reading| stories)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested(?: in)?)|don'?t miss(?: this)?"
    r"|trending(?: now| stories)?|most (?:popular|read|viewed|shared)|popular(?: now| stories)?"
    r"|editor'?s picks?|top stories|what to read next|further reading|in (?:other|related) news"
    r"|more (?:stories|coverage|news|articles) (?:from|on|about|like)\b.*|latest(?: news| stories)?"
    r"|(?:also|elsewhere) on(?: \S+){1,3}|more in \S+|up next|next up|keep reading"
    r"|explore more(?: on (?:these|this) topics?)?"
    r"|more (?:\S+ ){0,3}(?:stories|articles|reads|videos|coverage|news)|more from(?: \S+){1,4}"
    # the same headings in other languages
    r"|auch interessant|zum weiterlesen|weiterlesen|lesen sie (?:auch|mehr|weiter)|mehr zum thema"
    r"|(?:vorschau auf den )?(?:nächsten|nächster|vorheriger|vorherigen) (?:artikel|beitrag)"
    r"|(?:article|post|billet) (?:suivant|précédent)|(?:artículo|entrada) (?:siguiente|anterior)"
    r"|mehr (?:zu|zum|zur|von|vom|aus)(?: \S+){1,4}"
    r"|(?:das|dies\w*)(?: \w+){0,2} könnte (?:sie|dich|euch) (?:auch )?interessieren|schon gelesen"
    r"|(?:empfohlene|ähnliche|weitere|verwandte)"
    r"(?: aktuelle)? (?:beiträge|artikel|themen|nachrichten|meldungen|news)(?: \S+){0,4}"
    r"|meistgelesen\w*|czytaj (?:też|także|również)|zobacz (?:też|także)|(?:à )?lire aussi"
    r"|à lire également|sur le même (?:sujet|thème)|vous aimerez (?:aussi|également)"
    r"|articles? (?:similaires|liés)|te puede interesar|(?:artículos|noticias) relacionad[oa]s"
    r"|lee también|leggi anche|articoli correlati|potrebbe interessarti|leia também"
    r"|veja também|saiba mais)"
    r"\W*$",
)
READMORE_PREFIX = _ci(
    r"^\W*(?:read more|read also|also read|read next|related(?: story| article| content| link)?"
    r"|see also|more|recommended|watch|listen|read|also see|further reading|don'?t miss"
    r"|must read|trending|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|lea también"
    r"|leia também|leggi anche|читайте также|смотрите также|см\. также|auch interessant"
    r"|zum weiterlesen|czytaj (?:też|także|również)|zobacz (?:też|także)|lee también|veja também"
    r"|te puede interesar|puedes ver|mira también|ver también)(?:\s*[:|»›>]|\s+[–—-]\s)",
)
CREDIT = _rx(
    r"^\(?(?:photos?|photograph|images?|picture|pictured|illustration|graphics?|video|footage"
    r"|file photo|source|credits?|photo credit|image credit|top image|main image|lead image"
    r"|cover image|header image|fotos?|fotó|fotografía|fotografia|fotografie|bild|bilder"
    r"|crédits?|créditos?|crediti|zdjęcie|zdjęcia|fot\.)"
    r"(?: \w+)?\s*(?::|by\b|copyright|courtesy|©)",
    r"\((?:ap|afp|reuters|getty|epa|upi|file|photo|ap photo|afp photo)\b[^)]{0,80}\)\W*$",
    r"\bimage \d+ (?:of|/) \d+\b",
    r"^\d+ (?:of|/) \d+\W*$",
    r"^(?:©|\(c\)\s)",
    r"\b(?:getty images|shutterstock|istock(?:photo)?|alamy|ap photo|afp photo|reuters photo|"
    r"epa-efe|associated press)\W*$",
    r"\bvia getty\b",
    r"\bimage (?:copyright|caption|source)\b",
    r"\bphoto(?:graph)? by [A-Z]",
    r"\(\s*(?:photo |image )?credits?\s*:",
    r"\bphotographer\s*:",
    r"^\[(?:사진|写真|照片|图片|foto|photo|image)\s*[=:]",
    # a caption's credit after the name ("Roman Prymula, photo: Archives du Gouvernement")
    r"^[^.!?]{2,80}, (?:photos?|fotos?|bild|zdjęcie|fot\.)\s*:",
    # a news agency with the editor's initials, the sign-off of agency copy ("aja/PAP")
    r"^\W*(?:\w{2,5}\s?/\s?(?:pap|dpa|afp|apa|kna|epd|efe|ansa|sda|ddp|reuters|ap)"
    r"|(?:pap|dpa|afp|apa|kna|epd|efe|ansa|sda|ddp|reuters|ap)\s?/\s?\w{2,5})\W*$",
)
TRAILING_CREDIT = _ci(
    r"\((?:photo |image )?(?:credit|photo|image|photograph)s?\s*(?::|by)[^)]{0,80}\)\W*$"
    r"|\((?:ap|afp|epa|upi|reuters)(?: photo)?\s*/[^)]{0,80}\)\W*$",
)
CAPTION_CREDIT = _ci(
    r"\b(?:photo|image|picture|credit|courtesy|illustration)s?\s*(?::|by\b)|\((?:ap|afp|epa|upi)\b"
    r"|\b(?:getty|reuters|shutterstock|istock|alamy|associated press)\b|©|\s/\s?[A-Z][A-Za-z]+\W*$",
)
# "Name Surname / AGENCY" at the end of a short caption-like line.
SLASH_CREDIT = re.compile(r"\S\s?/\s?(?:[A-Z][\w.&-]*)(?: [A-Z][\w.&-]*){0,2}\W*$")
BYLINE = _rx(
    r"^by\s+(?:the\s+)?[A-Z][\w.'’-]*",
    r"^(?:written|reported|words|text|story|interview|compiled|posted) by\b",
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,| -| —| \|| and [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)"
    r"{0,2},) (?:ap|afp|reuters|the associated press|associated press|bloomberg|staff|cnn"
    r"|.{0,40}(?:correspondent|writer|reporter|editor|columnist|contributor))\b",
    r"^(?:author|authors|byline|reporter|correspondent)\s*:",
)
END_MATTER = _rx(
    r"contributed (?:reporting )?to this (?:report|story|article)",
    r"^\(?(?:additional )?reporting by (?-i:[A-Z])",
    r"^(?:contributing|contributors?)\s*:",
    r"\bmay be reached at\b",
    r"\bfollow (?:him|her|them|me|us|@\w+) on (?:twitter|facebook|instagram|linkedin|x)\b",
    r"\b(?:if|when) you (?:buy|purchase|click|shop)\b.{0,100}\b(?:commission|share of the"
    r" sale|may earn|may get|affiliate|small fee)",
    r"^citation\s*:",
    r"\bretrieved \d{1,2} \w+ \d{4}\b",
    r"\bprices? (?:and availability )?(?:are|were) (?:accurate|correct) (?:as of|at)\b",
    r"^\(?(?:writing|editing|edited|compiled|translated) by (?-i:[A-Z])",
    r"^(?:reporting|writing|editing) (?:by )?[A-Z]\w+.{0,60}; (?:editing|writing) by\b",
    r"^(?:e-?mail|contact|write to|reach) (?:him|her|them|the (?:author|writer|reporter)s?|us|"
    r"[A-Z]\w+(?: [A-Z]\w+)?) at\b",
    r"^follow (?:him|her|them|the (?:author|writer|reporter))\b",
    r"\ball rights reserved\b",
    r"^(?:weitere|mehr) (?:infos?|informationen) (?:unter|auf|bei) (?:www\.|https?://)\S+\W*$",
    r"^(?:more|further) (?:info|information|details) (?:at|on|from) (?:www\.|https?://)\S+\W*$",
    r"\b(?:unless otherwise (?:noted|stated|indicated|specified)|sofern nicht anders "
    r"(?:angegeben|ausgewiesen|vermerkt|gekennzeichnet)|sauf mention contraire)\b.{0,80}"
    r"\b(?:licen[cs]\w*|lizenz\w*|cc[- ]by|creative commons)",
    r"\bsubject to copyright\b",
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b",
    r"^©|^copyright\s*(?:©|\(c\)|\d{4})",
    r"^this (?:article|story|piece|post) (?:was|has been) (?:updated|corrected|amended|"
    r"originally published|first published|produced)\b",
    r"^(?:this|the) (?:article|story|piece) (?:originally )?appeared (?:first )?(?:in|on)\b",
    r"^(?:correction|clarification|editor'?s note)\s*:",
    r"^the post .{1,300} appeared first on\b",
    r"^this (?:entry|post) was posted in\b",
    r"^this (?:entry|post) was posted on\b.{0,80}\b(?:filed|categori[sz]ed) (?:under|in)\b",
    r"^(?:erstellt|veröffentlicht|geschrieben) am\b.{0,80}\b(?:abgelegt|eingeordnet) unter\b",
    r"^our standards\s*:",
    r"^(?:filed under|tags?|tagged|categor(?:y|ies)|topics?|posted in|more on)\s*:",
    r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$",
    r"^(?:reading time|read time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\b",
    r"^(?:suggested |recommended )?citation\b",
    r"\bletters? to the editor\b",
    r"^\(?(?:alle angaben ohne gewähr|sans garantie|sin garantía)\)?\W*$",
    r"^advertis(?:ing|er) disclosure\b",
    r"\b(?:contains|enthält|handelt es sich um) affiliate[- ]links\b",
    r"\bproduct advertising api\b",  # the affiliate plugins' price-box credit line
    r"\badvertisers (?:do not|don't) (?:influence|affect|determine)\b",
)
# Labels that open the end matter ("Kontakt:", "Quelle: ...", "Press contact:"): short lines.
END_LABEL = _ci(
    r"^\W*(?:kontakt|contact|contacts|von|quelle|quellen|quellenangaben?|source|sources|fuente"
    r"|fuentes|fonte|weitere informationen|more information|further information|für rückfragen"
    r"|ansprechpartner(?:in)?(?: zum thema)?|pressekontakt|press contact|media contact"
    r"|release date|stand|über (?:den|die) autor(?:in)?|about the author|additional information"
    r"|zusatzinformationen|zusätzliche informationen)\s*:",
)
ROLE = _ci(
    r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|staff|analyst|producer"
    r"|journalist)s?\b",
)
AUTHOR_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?: \([^)]{0,80}\))? (?:is|was|writes|covers|reports)"
    r"\b.{0,120}(?:\b(?:writer|reporter|correspondent|editor|journalist|columnist|contributor"
    r"|fellow)\b[^.]{0,40}\b(?:at|for|with|of) (?:the )?[A-Z]|\bcovers\b|\breports on\b)",
)
# Months, weekdays and date labels in the other languages the cleaner meets most (German,
# French, Spanish, Italian, Portuguese, Dutch, Polish): "Veröffentlicht am 2. Februar 2022".
_CALENDAR_WORLD = (
    "januar jänner februar märz maerz mai juni juli oktober dezember montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag janvier février fevrier mars avril juin juillet août "
    "aout septembre octobre novembre décembre decembre lundi mardi mercredi jeudi vendredi "
    "samedi dimanche enero febrero marzo abril mayo junio julio agosto septiembre setiembre "
    "octubre noviembre diciembre lunes martes miércoles miercoles jueves viernes sábado sabado "
    "domingo gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre lunedì "
    "martedì mercoledì giovedì venerdì janeiro fevereiro março maio junho julho setembro "
    "outubro dezembro januari februari maart mei augustus stycznia lutego marca kwietnia maja "
    "czerwca lipca sierpnia września października listopada grudnia veröffentlicht "
    "veröffentlichung aktualisiert erstellt publié publie publicado actualizado pubblicato "
    "aggiornato gepubliceerd opublikowano"
)
DATE_WORDS = wordset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday am pm a m p gmt utc bst cet cest est "
    "edt cst cdt pst pdt msk ist aest jst et pt ct updated update published posted last "
    "modified first on at min mins minute minutes read hour hours hr hrs ago day days week "
    "weeks month months year years sec secs seconds h de el la le of the time reading "
    "um uhr" + " " + _CALENDAR_WORLD
)
CALENDAR = wordset(
    _CALENDAR_WORLD
    + " "
    + "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday updated published posted ago min mins "
    "minutes read"
)
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# Unambiguous appeal wording: one hit in a block addressed to the reader is enough.
APPEAL = _rx(
    r"\bsmall favou?r to ask\b",
    r"\bsupport (?:us|our (?:work|journalism|reporting|mission|newsroom)|independent|"
    r"quality|(?:free|fearless|trusted|nonprofit|non-profit) (?:journalism|press|media|news))",
    r"\bmake a (?:(?:one-?time|monthly|recurring|small|tax-deductible|quick) )*(?:contribution|"
    r"donation|gift)\b",
    r"\bbecome a (?:member|supporter|patron|paying|sustaining|founding)\b",
    r"\b(?:your|a|every|any) (?:donation|contribution|support|gift)s? (?:today|now|helps?|will|"
    r"makes?|matters?|keeps?|allows?|enables?|counts?|of (?:any|just|as))\b",
    r"\bdonate (?:now|today|here|once|monthly)\b",
    r"\b(?:give|contribute|chip in|pitch in) (?:now|today|what you can)\b",
    r"\breader[- ](?:funded|supported|powered)\b",
    r"\bfunded by (?:readers|you|our readers)\b",
    r"\bkeep (?:our|this|the) (?:journalism|reporting|site|work|newsroom)(?: \w+)? (?:free|open|"
    r"independent|going|alive)\b",
    r"\bremind me (?:later|in|next)\b",
    r"\bnot ready to (?:support|give|donate|contribute|subscribe)\b",
    r"\bpayment (?:methods?|options?)\b",
    r"\b(?:monthly|annual|yearly|one-?time|recurring) (?:support|donation|gift|contribution)\b",
    r"\bsupport (?:us )?(?:monthly|annually|yearly)\b",
    r"\bwe need your (?:help|support)\b",
    r"\bconsider (?:a |making a |)(?:donation|contribution|gift|supporting (?:us|our work))\b",
    r"\bplease (?:donate|give|contribute|support us)\b",
    r"\bchip in [$€£]",
    r"\bbecome a \w+ (?:member|supporter|patron)\b",
    r"\bsupport (?:my|our|this) (?:work|writing|newsletter|blog|podcast|channel)\b",
    r"\bthank you for (?:your support|supporting)\b",
)
# Softer wording: counts only several together, in a block that speaks to the reader.
APPEAL_WEAK = _rx(
    r"\b(?:rely|relies|depend|depends|count) on (?:readers|your|the support|you)\b",
    r"\b(?:not|isn't|is not|no) (?:behind a )?paywall\b",
    r"\bstarting (?:from|at) (?:just |only )?[$€£]",
    r"\bas little as\b",
    r"\b(?:from|for) (?:just|only) [$€£]\s?\d",
    r"\bif you (?:can|value|like|appreciate|enjoy|believe|want to support)\b",
    r"\bthank you(?: for reading)?\b",
    r"\bjoin (?:our|the|\d[\d,]*) (?:\w+ ){0,2}(?:community|members|supporters|readers)\b",
    r"\bno matter how small\b",
    r"\bindependent(?:,)? (?:\w+ ){0,2}journalism\b",
    r"\b(?:help|helps) (?:us|keep|fund|sustain)\b",
    r"\b(?:support|donat\w*|contribut\w*)\b",
)
APPEAL_GATE = _ci(
    r"support|donat|contribut|favou?r|member|remind|payment|monthly|annual|yearly|paywall|"
    r"journalism|ready|thank|help|reader|rely|relies|depend|count on|[$€£]|little|small|"
    r"join|give|chip|pitch|keep|subscri|later|now|today|fund|gift|recurring|one-?time",
)
# Words that continue an appeal run ("paiment methods", "Remind me later.", a price line).
APPEAL_VOCAB = _ci(
    r"\b(?:support\w*|donat\w*|contribut\w*|member\w*|subscri\w*|pa[iy]ments?|paypal|visa"
    r"|mastercard|card|monthly|annual\w*|remind|later|ready|thank|favou?r|journalism|patron\w*"
    r"|gift|help us)\b|[$€£]\s?\d",
)
SHORT_CTA = _ci(
    r"^\W*(?:please )?(?:support|donate|subscribe|contribute|give)\b(?! (?:for|of|from|among|in"
    r"|on|by|is|was|has|had|grows?|grew|rises?|rose|falls?|fell|dropped|remains?)\b)",
)
READER = _ci(r"\b(?:you|your|yours)\b")
US = _ci(r"\b(?:we|our|us|ours)\b")
# Reported speech: a story quoting a fundraiser is still the story.
SPEECH = _ci(r"\b(?:said|says|told|according to|added|asked|wrote|announced)\b")
END_PUNCT = frozenset(".!?…:;\"'”’)»")

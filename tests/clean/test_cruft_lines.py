"""Single lines of cruft in many wordings go; body lines that use the same words stay.

Each line is put between two ordinary paragraphs of a plain-text article and cleaned.
"""

from __future__ import annotations

import pytest

from tui_reader.clean import clean_text

BEFORE = (
    "The regional council approved the new water plan on Tuesday after a debate that lasted "
    "most of the day, and work on the first pipeline will begin in the spring."
)
AFTER = (
    "Farmers in the valley said the plan would help them through dry summers, although some "
    "complained that the cost had been shared unfairly between towns and villages."
)

CRUFT = [
    "Advertisement - Scroll to continue",
    "Story continues below advertisement",
    "SPONSORED",
    "Sign up for our daily newsletter",
    "Get the best stories delivered to your inbox every morning.",
    "By signing up you agree to our Terms of Use and Privacy Policy.",
    "Thank you! Your submission has been received!",
    "Oops! Something went wrong while submitting the form.",
    "This article is available exclusively to subscribers.",
    "To read the full article, please log in or subscribe.",
    "You've read all of your free articles this month.",
    "Already a subscriber? Sign in",
    "Please consider a donation to keep our reporting free for everyone.",
    "Chip in $5 today",
    "Become a Patreon supporter",
    "Not ready to give today? Remind me later",
    "We and our partners use cookies to personalise content and ads.",
    "Accept all cookies",
    "Share on WhatsApp",
    "Veröffentlicht am 2. Februar 2022, 10:15 Uhr",
    "Publié le 12 mars 2021",
    "Foto: dpa",
    "Crédits photos : Bestimage",
    "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
    "12 commentaires",
    "¡Mira lo que tiene nuestro canal de YouTube!",
    "Folgen Sie unserem WhatsApp-Kanal!",
    "Follow The Gazette on Twitter and Instagram @gazette and on Facebook @GazetteNews. Send us "
    "your stories at news@gazette.example.",
    "sexta-feira, 22 de outubro de 2010 às 20:13",
    "Copy link to clipboard",
    "Follow The Daily Example on Google News",
    "Comment on this story",
    "Download the Daily Example app",
    "READ MORE: Council leader resigns after row over budget",
    "More from Daily Example",
    "Most Read",
    "Photo: Jane Smith/Reuters",
    "(Image: Getty)",
    "Image 3 of 12",
    "Media playback is unsupported on your device",
    "Listen to this article",
    "(Reporting by Anna Kowalska; Editing by Mark Heinrich)",
    "Tags: water, council, farming",
    "Anzeige",
    "Lesen Sie auch: Neuer Streit um die Wasserpreise",
    "This entry was posted in Local news and tagged water.",
    # share boxes and counters, other languages, end labels, login state (issue 12)
    "As a subscriber, you have 10 gift articles to give each month. Anyone can read what "
    "you share.",
    "1.2K shares",
    "Auch interessant:",
    "Czytaj też: Czy grozi nam susza?",
    "Te puede interesar",
    "Möchten Sie den Artikel teilen?",
    "Rezept drucken Bei Pinterest speichern",
    "Was this article helpful?",
    "Síguenos en Telegram, Instagram, Facebook y Twitter",
    "Kontakt:",
    "Quelle: Landesregierung",
    "Press contact:",
    "ANZEIGE - Heute mal ausgehen? Wie wäre es mit:",
    "Sie sind aktuell nicht eingeloggt.",
    "Suggested citation: Park, L. Water plan, 2024.",
    "We want to hear what you think about this article. Submit a letter to the editor.",
    "For the latest stories download the Daily Example apps for iOS and Android.",
    "Your privacy is important to us. We have updated our privacy policy.",
    # the same wording in other languages (issue 12, CLEANER_VERSION 6)
    "Schon gelesen?",
    "Das Thema könnte dich auch interessieren:",
    "Wählen Sie Ihren Zugang und lesen Sie weiter:",
    "Sie sind bereits Digital-Abonnent? Hier anmelden",
    "Zusatzinformationen:",
    "Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Linux, Tutorials.",
    "This entry was posted on Tuesday, May 6th, 2014 at 11:30 pm and is filed under Linux.",
    "If you enjoyed reading this post – would you consider supporting our work?",
    "Abonnieren Sie kostenlos unseren Newsletter und bleiben Sie auf dem Laufenden.",
    "Puede escribirnos o suscribirse aquí a nuestra newsletter.",
    "Verraten Sie gerne in den Kommentaren: Was bedeutet der Plan für Sie?",
    "Letzte Aktualisierung am 2.02.2022 / Bei den Verlinkungen handelt es sich um Affiliate "
    "Links / Bilder von der Amazon Product Advertising API",
    "PUEDES VER: ¿Qué es la Sunedu?",
    "Externer Inhalt",
    "We need your consent to load this content from YouTube.",
    "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine "
    "Verbindung zu Twitter her.",
    "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
    "Video verfügbar bis 28.02.2021",
    "Mehr zu Klima und Konsum",
    "Roman Prymula, photo: Archives du Gouvernement tchèque",
    "aja/PAP",
    "dpa/lni",
    "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
    "Unless otherwise noted, content on this site is licensed under a Creative Commons licence.",
    "Dieses Skript als PDF herunterladen",
    "Download this article as PDF",
    "Vorschau auf den nächsten Artikel",
    "Article suivant",
    "Weitere Infos unter www.itfjuniors.de.",
    "More information at www.example.org",
    "Zapraszamy też do subskrypcji tygodnika i oglądania ciekawych audycji.",
    "Quellen ausblenden",
    "Show more",
]

BODY = [
    "The council's newsletter, sent to 40,000 homes, will explain the plan in detail, the "
    "spokesman said.",
    "Donations from local businesses covered a third of the cost of the new pumping station, "
    "according to the finance report.",
    "The newspaper said its subscribers would be able to read the full report online.",
    "Residents who support the plan said it was overdue, and opponents said they would appeal.",
    "Cookies and cakes were sold at the village fete to raise money for the flood fund.",
    "Users shared photos of the flooded fields on social media, and the mayor asked them to "
    "stay away from the river.",
    "More than 300 people attended the meeting, which ran until after midnight.",
    "The advertisement campaign for the plan cost $200,000, critics said.",
    "Share prices of the water company fell 3% in early trading.",
    "Print newspapers in the region lost a quarter of their readers over the decade.",
    "Photo identification will be required at polling stations from May.",
    "By Tuesday, the water had receded.",
    "Readers can sign up for the programme at city hall until May 1.",
    "Experts warn that messages landing in your inbox may not come from the council.",
    "Copyright law was at the heart of the dispute over the plan's maps.",
    "Reporting by the local newspaper first revealed the leak in 2021.",
    "Watch out for road closures near the river, police said.",
    '"We use cookies to keep you logged in," the council\'s website manager said.',
    "Related-party contracts worth $2 million were awarded without a tender.",
    "Privacy policy changes at the water company drew criticism from regulators.",
    "Smith is a former reporter for the paper who now runs the river trust.",
    "Union members will vote on the offer next month.",
    "Shares in the utility rose after the council gave its approval on Tuesday.",
    "The source of the contamination was traced to an old quarry near the river.",
    "Contact with the water company was lost for two days during the storm.",
    "The mayor said she would gift the old pumping station to the heritage trust.",
    "Most residents said they were not logged on to the council's portal when it crashed.",
    "Am 4. Februar 2022 erscheint das neue Album.",
    "Fotos zeigen, wie der Fluss über die Ufer trat.",
    "Kommentare von Lesern zeigen, dass die Stadt gespalten ist.",
    "Like many users on Twitter, she complained that the timetable changed without any warning.",
    "The club's YouTube channel showed the match to more than ten thousand viewers on Sunday.",
    "Schon gelesen hatte er den Bericht, bevor der Rat tagte.",
    "Die Zeitung hat ihre Abonnenten über den Plan informiert.",
    "+81 158-23-2012",
    "300 450 600",
    "External content from the river trust's archive was added to the council's plan.",
    "Mehr zu tun hatten die Helfer erst, als der Fluss am Abend über die Ufer trat.",
    "Das Video ist seit Montag online und zeigt die Arbeiten am Damm.",
    "Unless otherwise noted, the prices include tax and delivery to the village.",
    "Die Agentur dpa meldete am Abend, der Damm habe gehalten.",
    "The report, published as a PDF on Monday, runs to 300 pages.",
    "Weitere Infos zum Plan gibt die Stadt am Montag im Rathaus bekannt.",
    "Der nächste Artikel der Serie erscheint am Montag.",
]


def _clean(line: str) -> str:
    return clean_text(f"{BEFORE}\n\n{line}\n\n{AFTER}", title="Water plan").text


@pytest.mark.parametrize("line", CRUFT)
def test_cruft_line_goes(line: str) -> None:
    assert _clean(line) == f"{BEFORE}\n\n{AFTER}"


@pytest.mark.parametrize("line", BODY)
def test_body_line_stays(line: str) -> None:
    assert _clean(line) == f"{BEFORE}\n\n{line}\n\n{AFTER}"


def test_appeal_run_stops_at_the_story() -> None:
    """An appeal banner's run ends where plain reporting starts, even short reporting that
    uses the appeal's words ("support", "members")."""
    text = (
        "Support independent journalism. Become a member today.\n\n"
        "Donate\n\n"
        "Ukraine's allies pledged more military support on Monday.\n\n"
        f"{BEFORE}\n\n"
        "Union members will vote on the offer next month.\n\n"
        f"{AFTER}\n\n"
        "If you value our reporting, please make a contribution today.\n\n"
        "Not now\n"
    )
    assert clean_text(text, title="x").text == (
        "Ukraine's allies pledged more military support on Monday.\n\n"
        f"{BEFORE}\n\n"
        "Union members will vote on the offer next month.\n\n"
        f"{AFTER}"
    )


def test_quoted_appeal_is_the_story() -> None:
    quote = (
        '"We need your help, and every donation counts," the food bank\'s director said on '
        "Monday, asking residents to give what they can before the winter."
    )
    assert clean_text(f"{BEFORE}\n\n{quote}\n\n{AFTER}", title="x").text == (
        f"{BEFORE}\n\n{quote}\n\n{AFTER}"
    )


def test_end_labels_go_and_sign_offs_stay() -> None:
    """After the body's last paragraph, a word or two on a line of its own is a button or a
    link's label; the writer's sign-off right under the last sentence, and a "Key: value"
    line, are the page's."""
    end = "Contact\n\nBack\n\nFurther information\n"
    assert clean_text(f"{BEFORE}\n\n{AFTER}\n\nWith Post wires\n\n{end}", title="x").text == (
        f"{BEFORE}\n\n{AFTER}\n\nWith Post wires"
    )
    assert clean_text(f"{BEFORE}\n\n{AFTER}\n\nLove and light,\n\nAutumn", title="x").text == (
        f"{BEFORE}\n\n{AFTER}\n\nLove and light,\n\nAutumn"
    )
    specs = "Model: X200\n\nRuntime: 90 min"
    assert clean_text(f"{BEFORE}\n\n{AFTER}\n\n{specs}", title="x").text == (
        f"{BEFORE}\n\n{AFTER}\n\n{specs}"
    )

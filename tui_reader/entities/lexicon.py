"""English function words and cue words the built-in extractor reads names by.

These are closed-class words of English news style (titles, determiners, organisation
suffixes), not lists of entities: every place name comes from the gazetteer.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and honorifics: they mark the following name as a PERSON and are not part of it.
TITLES = _words(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam
    president vice-president president-elect premier chancellor minister secretary
    senator sen rep representative congressman congresswoman governor gov mayor
    councillor councilman councilwoman alderman assemblyman assemblywoman
    judge justice magistrate prosecutor ambassador envoy consul commissioner
    king queen prince princess emperor empress sultan emir sheikh shaikh
    pope cardinal archbishop bishop rev reverend father imam rabbi ayatollah patriarch pastor
    gen general lt lieutenant col colonel maj capt captain sgt sergeant cpl corporal
    pvt adm admiral cmdr commander brig brigadier marshal field-marshal
    detective det inspector insp superintendent supt constable sheriff
    chairman chairwoman chairperson ceo spokesman spokeswoman spokesperson coach
    chair speaker premier tsar czar hon honourable honorable secretary-general vice-chancellor
    attorney-general chief executive officer principal administrator director manager
    mp mep mla msp mademoiselle monsieur mlle herr frau señor señora signor elector electress
    margrave marquis marquise marchioness viscount viscountess baron baroness earl countess
    duchess archduke archduchess leader whip attorney
    signora
    """
)

# Words that make a rank of the title after them ("Major General", "Rear-Admiral", "Lance
# Corporal", "Staff Sergeant"): part of the title, not a name before it.
RANK_PREFIXES = _words("major rear lance staff")

# Titles that places are named after ("King Fahd Road", "Emperor Norton Bridge").
NAMING_TITLES = _words(
    "king queen emperor empress prince princess sultan emir sheikh shaikh pope president"
    " general admiral tsar czar"
)

# Lower-case role words that, right before a capitalised span, say it is a person
# ("coach Pep Guardiola", "Syrian leader Bashar al-Assad").
ROLE_WORDS = TITLES | _words(
    """
    leader boss head owner candidate nominee rival opponent colleague counterpart wife
    husband son daughter brother sister mother father uncle aunt widow partner lawyer
    player teammate forward journalist reporter photographer presenter host chef
    student teacher doctor nurse pilot farmer resident owner worker activist
    chief director founder co-founder manager striker midfielder defender goalkeeper
    winger skipper champion star singer actor actress rapper author writer novelist artist
    producer economist analyst scientist researcher astronaut dictator strongman mp mep
    substitute replacement keeper referee umpire adviser advisor engineer consultant aide
    officer executive lawmaker legislator entrepreneur designer
    architect surgeon physician lecturer historian spokesperson accountant treasurer auditor
    clerk
    """
)
# Roles only a person has, before a name ("the Nobel laureate Wisława Szymborska",
# "interviewee R Saravanan"); unlike ROLE_WORDS, after one word they do not make it a body
# ("a Pachomian monk" is no organisation's monk).
PERSON_ROLE_WORDS = ROLE_WORDS | _words(
    """
    laureate poet painter sculptor composer philosopher theologian priest monk nun
    playwright filmmaker comedian dancer drummer soldier footballer cricketer athlete
    swimmer boxer jockey explorer ruler monarch heir successor predecessor deputy
    interviewee witness victim suspect defendant plaintiff appellant petitioner inmate
    boyfriend girlfriend fiance fiancé fiancee fiancée cousin nephew niece vlogger blogger
    """
)

# Lower-case nouns after a name that make it an organisation ("the Taliban government").
GROUP_NOUNS = _words(
    """
    government officials fighters militants forces troops members supporters leadership
    shareholders employees staff executives lawmakers
    """
)

# Lower-case nouns after one capitalised word that make it an organisation ("the governing
# Smer party", "the Sahel group", "the carrier's Ryanair brand").
ORG_NOUNS = _words(
    """
    party company firm group union club agency bank band airline carrier network channel
    newspaper broadcaster website charity foundation conglomerate retailer chain startup
    start-up label studio
    """
)

# Words a caption or a credit glues to a name ("Ahmed Mohamed Image: Twitter").
CAPTION_WORDS = _words(
    "image images photo photos picture pictures file video credit source keywords"
)

# Plurals without an "s" whose possessive may open an organisation ("People's Party").
IRREGULAR_PLURALS = _words("people women men children")
# A participle hyphened to a name says what the name did to the noun after it, and is no part
# of the name: "the Macron-led government", "a Kremlin-backed candidate", "the Biden-era
# rules". ("-based", "-born" and "-headquartered" say where: contexts._based; not "-style",
# "-made", "-inspired": "Empire-style furniture", "Mission-style" name a style, not a body.)
HYPHENED_PARTICIPLES = _words(
    """
    led backed owned controlled funded financed appointed allied aligned brokered sponsored
    supported affiliated linked operated occupied dominated ruled run held bound era
    """
)

# Lines of business that end a company's name ("Lakeside Foods"); "and" may join two of
# them inside one name ("Securities and Exchange Commission").
SECTOR_WORDS = _words(
    """
    electronics athletics insurance telecom petroleum chemicals securities investments
    logistics communications engineering semiconductor semiconductors energy pharma
    biotech robotics construction consulting software foods brands mining minerals steel
    aerospace automotive therapeutics biosciences dynamics solutions analytics devices
    instruments materials sports gaming tours apparel genomics photonics microsystems
    cybersecurity hospitality brewing realty bancorp healthcare
    """
)

# Organisation cues: a span ending in one of these (or "X of ..." starting with one) is an ORG.
ORG_CUES = (
    _words(
        """
    ministry ministries department office agency agencies authority authorities bureau
    commission committee council board service services administration directorate
    party parties union alliance coalition front movement league federation association
    society foundation fund trust institute institution university college academy school
    clinic library laboratory laboratories labs observatory court tribunal
    parliament senate congress assembly cabinet government
    army navy forces force guard guards police militia brigade brigades corps regiment
    bank exchange reserve company companies corporation corp corp. inc inc. ltd ltd. llc
    plc co co. group holdings partners ventures capital industries airlines airways
    motors technologies systems networks network pharmaceuticals studios records media
    times post journal herald tribune gazette chronicle telegraph guardian observer
    bulletin courier examiner circuit municipality transit lines lab mail
    news press agency broadcasting television radio magazine club fc cf afc united
    church diocese organization organisation organizations organisations
    conference secretariat inc. nations patrol athletic albion hotspur band orchestra
    consortium cooperative guild syndicate caucus battalion squadron fleet legion
    railway railways railroad brewery winery publishers publishing charity collective
    baseball basketball football soccer hockey cricket rugby
    bros holding
    """
    )
    | SECTOR_WORDS
)

# Organisation words that, lower case after "the", refer back to a name ending in them
# ("the ministry" for "Russian Defense Ministry").
REFERRING_CUES = _words(
    """
    ministry department agency authority bureau commission committee council board
    administration party union alliance coalition federation association society
    foundation institute university college academy school hospital court tribunal
    parliament senate congress assembly army navy police bank company corporation club
    church
    """
)

# Cue words that alone name one institution rather than a kind of thing ("the Senate").
INSTITUTIONS = _words("parliament senate congress assembly cabinet")

# Newspapers' one-word names: capitalised after "the" mid-sentence, a paper ("the Times
# quoted", "told the Telegraph"), not short for a longer name.
NEWSPAPER_NAMES = _words(
    "times guardian telegraph herald tribune observer chronicle gazette economist independent"
)

# Cue words after which "of"/"for" continues the organisation's name.
ORG_OF_HEADS = _words(
    """
    ministry department office agency bureau commission committee council board
    municipality university college academy institute school museum bank court house chamber
    church league federation association society foundation fund union centre center
    centers organization organisation party federal republic kingdom observatory archives
    diocese confederation conference library laboratory institution corps
    congress parliament senate assembly
    """
)

# Words that end a place name ("Gaza Strip", "Orange County", "South China Sea").
PLACE_CUES = _words(
    """
    city county province region district state territory island islands isles peninsula
    strip bank coast valley river sea ocean gulf bay lake mountains mountain hills desert
    street avenue road square boulevard bridge canal oblast krai governorate prefecture
    stadium arena airport station port harbour harbor palace
    park gardens quay pier wharf docks marina reef ridge glacier fjord falls cape plaza
    archipelago plains plateau forest empire caliphate sultanate duchy principality
    museum center centre hall cathedral mosque temple castle cemetery tower hotel resort
    lodge memorial minster abbey monastery terminal expressway turnpike highway freeway
    hospital amphitheatre amphitheater infirmary theatre theater prison jail gaol bazaar
    fortress citadel chapel basilica shrine crematorium gallery aquarium market garden
    parkway ave blvd st rd ln pkwy junction factory building grounds zoo mall
    trail trails drive place terrace crescent voivodeship voivodship
    inn motel hostel diner restaurant cafe café bistro tavern guesthouse
    canyon gorge volcano lagoon atoll estuary firth loch isle reservoir dam site
    """
)
# Two last words that make a place of a name whose last word alone would not: a building
# or a protected area ("Sydney Opera House", "Henga Scenic Reserve"), not a body ("Federal
# Reserve", "Random House").
PLACE_COMPOUNDS = frozenset(
    {
        ("opera", "house"),
        ("meeting", "house"),
        ("guest", "house"),
        ("custom", "house"),
        ("customs", "house"),
        ("nature", "reserve"),
        ("scenic", "reserve"),
        ("game", "reserve"),
        ("wildlife", "reserve"),
        ("marine", "reserve"),
        ("forest", "reserve"),
        ("biosphere", "reserve"),
        ("ice", "shelf"),
        ("continental", "shelf"),
        ("ice", "sheet"),
        ("ice", "cap"),
        ("metropolitan", "area"),  # "Greater Phoenix Metropolitan Area"
        ("metro", "area"),
        ("statistical", "area"),
        ("urban", "area"),
    }
)
# States of the past or of a title: "Republic of Venice", "Ottoman Empire" are places.
STATE_HEADS = _words("republic kingdom empire duchy principality sultanate emirate caliphate")

# Words that open a name in other languages and give its type, as English cue words
# give it at the end: "Estádio do Dragão", "Universidade da Coruña", "Rue de Rivoli".
# Not words that are also common surnames (Castillo, Palacio) or given names (Rio).
FOREIGN_PLACE_HEADS = _words(
    """
    estádio estadio stade stadion stadio rue calle carrer avenida rua viale piazza praça
    plac ulica paseo platz hôtel hostal museo musée museu iglesia église chiesa igreja
    kirche palazzo palais castello château castelo schloss puente pont ponte lago lac
    isla île isola ilha playa plage praia parque parc parco mercado marché mercato
    catedral cathédrale cattedrale basílica basilique masjed masjid meydan jardín jardin
    giardino campus hôpital ospedale hospital salar cerro volcán cordillera laguna bahía
    cabo punta puerto wadi jebel jabal san santa santo são sankt loch fort mount mt lake
    cape isle port river wat
    """
)
# Head words that are also surnames or English words, a place's only before a particle:
# "Plaza de Mayo", "Palacio de la Moneda", "Place de la Concorde", "Puerta del Sol".
PARTICLE_PLACE_HEADS = _words("plaza palacio castillo place puerta torre porta monte")
PLACE_PARTICLES = _words("de del della delle di du des do da dos das")
FOREIGN_ORG_HEADS = _words(
    """
    universidade universidad università université universität universiteit uniwersytet
    instituto istituto institut academia accademia académie akademie archivio archivo
    biblioteca bibliothèque bibliothek conservatoire conservatorio escuela école scuola
    escola colegio collège liceo lycée laboratorio laboratoire banco banque compañía
    compagnie companhia partido partito sociedad société società asociación federación
    fédération federazione fundación fondation fondazione fundação ministerio ministère
    ministero tribunale consejo conseil consiglio comité comitato éditions edizioni
    grupo groupe gruppo
    """
)

# Words before "at" that make what follows a workplace ("researchers at Fermilab").
WORK_WORDS = _words(
    """
    work works worked working job jobs employed study studies studied studying teach teaches
    taught teaching professor lecturer researcher researchers scientist scientists student
    students staff employee employees worker workers official officials executive executives
    engineer engineers analyst analysts intern interns colleague colleagues team manager
    director chairman president head people someone research experiment experiments
    measurements internship internships career
    """
)

# Words of a judgment or a hearing: three of them make "X v Y" a case between parties.
LEGAL_WORDS = _words(
    """
    court judgment judgement appeal appellant appellants respondent respondents plaintiff
    plaintiffs defendant defendants claimant claimants counsel tribunal judge judges
    justice ruling dismissed allowed statute act section
    """
)

# Words of a journey before "to"/"from" that make the name after it a place.
MOTION_WORDS = _words(
    """
    flew fly flies flying flight flights travel travelled traveled travels travelling trip
    trips journey drove drive drives driving sailed sail sails sailing ferry ferries boat
    boats bus buses coach coaches train trains rail road route roads highway moved move
    moves moving went go goes going came come comes coming returned return returns fled
    flee evacuated deported emigrated migrated relocated walked walk hike hiked cycled
    commute commuted shipped exported imported headed heading bound arrived arrives car
    cars plane planes air
    """
)

# Lower-case words after a one-word name that make it a company ("Google headquarters").
COMPANY_NOUNS = _words("headquarters offices office campus plant factory store stores branch")

# Words of a report on a game: four of them make a country that plays a team.
SPORT_WORDS = _words(
    """
    match matches goal goals scored striker midfielder defender goalkeeper coach league
    tournament championship squad beat penalty qualifier qualifiers friendly fixture innings
    pitcher quarterback touchdown wicket batsman rugby football soccer basketball baseball
    hockey cricket playoffs play-offs semi-final quarter-final final
    """
)

# Schools and libraries WordNet files as buildings; here they are organisations.
SCHOOL_CUES = _words("university universities college academy school institute institution library")

# Place cues after which "of" continues the name ("Bay of Bengal", "Museum of Art").
PLACE_OF_HEADS = (PLACE_CUES - ORG_CUES - _words("state city county")) | STATE_HEADS
# Lower-case nouns after a name that make it a place ("Pakistan's Sindh province").
PLACE_NOUNS = _words(
    """
    province region city town village district county state island valley river coast
    border suburb neighbourhood neighborhood area prefecture oblast municipality
    islands isles archipelago peninsula reef ridge fjord bay lake sea strait mountains
    hills waters
    """
)
# Lower-case words before "of" that make the name after it a place ("the hamlet of").
PLACE_OF_NOUNS = PLACE_NOUNS | _words(
    """
    hamlet village town city capital mayor governor residents inhabitants people outskirts
    streets centre center suburbs port island province region district municipality
    """
)
# Lower-case compass words before a name that make it a place ("the northeast Atlantic").
COMPASS_LOWER = _words(
    """
    north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west north-eastern
    north-western south-eastern south-western northeastern northwestern southeastern
    southwestern
    """
)
COMPASS = _words(
    """
    north south east west northern southern eastern western central middle upper lower
    northeast northwest southeast southwest far near greater inner outer
    """
)

# Names of events, laws and awards; not people, places or organisations.
EVENT_CUES = _words(
    """
    cup games olympics olympiad prize award awards championship championships trophy open
    festival day week month year act bill law treaty agreement accord deal plan index average
    war summit series derby marathon tournament final finals grand prix expo
    telescope mission programme program project initiative strategy vaccine model
    spacecraft probe probes rover lander orbiter satellite
    cyclone hurricane typhoon storm paralympics medal medals draft lecture lectures
    """
)

# What a saint is called by ("Saint Jerome", "St. Jerome", "St Jerome" and "Jerome" are
# one person); "St. Louis" and "Santa Cruz" are places.
SAINTS = frozenset({"saint", "st", "st.", "sainte", "san", "santa", "blessed"})

# Particles inside names ("Bashar al-Assad", "Ursula von der Leyen", "Lula da Silva").
PARTICLES = _words(
    "al el bin ibn ben bint abu van von der den de del della dei di da das dos du la le ter"
    " ten zu y"
)
# Particles that, inside a span, say it is a person's name (not "der", "la": also articles).
NAME_PARTICLES = _words("al el bin ibn bint abu van von de da di dos das du del")
# Particles that may also open a name ("von der Leyen said"); excludes English words.
# Articles of French, Spanish, Italian and Portuguese opening a name: places and titles far
# more often than people.
ROMANCE_ARTICLES = _words("la le les el los las il lo gli")

LEADING_PARTICLES = _words("al el bin ibn van von der den de del della di da dos du")

WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur"
    " thurs fri sat sun"
)
MONTHS = _words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Greetings and interjections: capitalised after a quote mark anywhere ("say, 'Hey Frank").
INTERJECTIONS = _words("hey hi hello oh wow yeah")

# Function words and sentence openers that are capitalised only by position.
STOPWORDS = _words(
    """
    a an the this that these those there here then than thus so such some any all both each
    hey hi hello oh wow yeah
    every either neither no not nor none one two three four five six seven eight nine ten
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs who whom whose which what when where why how whatever whoever whichever
    and or but if unless because although though while whilst since until till as once
    after before during despite without within with from into onto upon about above below
    across against along among amid amidst around at by for in of off on out over through
    to toward towards under via per like unlike near beside besides beyond behind inside
    outside between versus vs
    is are was were be been being am do does did done doing have has had having will would
    shall should can could may might must ought let lets let's
    also still yet just only even ever never always often sometimes already now today
    tonight yesterday tomorrow later earlier soon meanwhile however moreover furthermore
    indeed instead otherwise therefore hence nevertheless nonetheless anyway besides
    overall perhaps maybe yes no ok okay oh well please thanks thank sorry hello hi
    last next first second third final many much more most few fewer less least
    several other another same own own very too quite rather really already again
    according asked says said say tell told added noted reported
    """
)

# Common capitalised words that are not entities of our three kinds.
# Languages that are also adjectives opening names ("Greek Ministry of Culture").
LANGUAGES = _words("english french german spanish latin greek arabic")

NOT_NAMES = _words(
    """
    internet web christmas easter ramadan eid hanukkah diwali thanksgiving halloween
    passover lent advent bible koran quran torah gospel brexit covid covid-19 coronavirus
    omicron ebola english french german spanish latin greek arabic
    am pm bc ad ce bce et est gmt utc pst edt bst cet
    """
)

# Upper-case abbreviations that are common nouns, not organisations.
NOT_ACRONYMS = _words(
    """
    ceo cfo coo cto cio gdp gnp tv pc ok am pm ad bc dna rna hiv aids ai ip id pr hr
    it mp mps mep meps phd md ba ma bsc msc mba faq pdf usb gps sms sos vip diy
    atm ivf lgbt lgbtq covid sars mers ppe icu er or a i ii iii iv vi vii viii ix xi
    xii us we he it am an as at be by do go if in is me my no of on so to up vs
    usd eur gbp jpy rub try cny bn mn km kg mph kph cm mm gb mb kb tb ghz mhz
    est gmt utc pst edt bst cet etc ie eg nb ps
    q1 q2 q3 q4 fy yoy suv suvs ev evs led lcd oled hd uhd hdr dc ac hvac rpm mpg psi
    url html css api app apps faq vr ar ui ux os
    pov rov auv ufo ufos wwi wwii
    """
)

# Terms written with "&" that name nothing ("R&D", "Q&A"), unlike "AT&T" or "P&G".
AMPERSAND_TERMS = _words("r&d q&a b&b m&a p&l r&b s&m f&b c&w g&t d&d s&l h&s")

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt sgt cpl pvt adm cmdr brig gov
    sen rep rev hon fr det insp supt inc corp co ltd no nos vs etc al approx dept univ bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Prepositions that put a following name in a place ("in Kharkiv", "near Bakhmut").
PLACE_PREPOSITIONS = _words("in near outside across around")

# Endings of a company's full name that its short form leaves out ("Toyota Motor Corp.").
# A company's legal ending, as written: the words before it are the company's name.
LEGAL_ENDINGS = frozenset(
    {"Inc", "Corp", "Ltd", "LLC", "LLP", "Limited", "GmbH", "AG", "plc", "PLC", "SA", "S.A"}
    | {"SL", "S.L", "NV", "N.V", "BV", "B.V", "AB", "ASA", "Oy", "SpA", "S.p.A", "Pty", "KK"}
)

CORPORATE_TAILS = _words(
    """
    inc inc. corp corp. co co. ltd ltd. llc plc ag sa se nv gmbh group holdings company
    corporation motor motors electronics industries technologies airlines airways international
    party engineering semiconductor semiconductors energy pharmaceuticals construction software
    bros holding
    """
)

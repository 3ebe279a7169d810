"""Demo content for the routes app: regions, the colleges of seed 001, the route pages and the route finder.

The facts of every route follow ``shared/domain/routes-facts.md`` (section A). They are chosen so that a finder which
matches a visitor's answers on the structured fields gives the routes of the decision table (section B):

- entry level: ``accepts_*``; ``requires_foreign_teaching_qualification`` only for routes that need a teaching
  qualification from abroad;
- work experience: ``REQUIRED`` (with ``min_years_experience``) excludes people without it; ``HELPFUL`` and
  ``NOT_NEEDED`` do not;
- keeping a job: ``YES`` fits alongside a job, ``PART_TIME`` fits with a part-time school job beside it, ``NO`` means
  (nearly) full-time in education;
- goal: a teaching qualification (tweedegraads, beperkt tweedegraads, PDG) versus a supporting role or none.

Zij-instroom has two pages because its entry rules differ by diploma: with hbo or wo, work experience helps but is not
required (row 8); with mbo-4 it is only open for the vocational vmbo profiles and needs work experience (rows 1, 5).
"""

from content.demo import (
    COLLEGES,
    Tally,
    apply_changes,
    faq,
    link,
    paragraph,
    read_more,
    steps,
    upsert_object,
    upsert_page,
)
from routes.models import Institution, PostcodeRange, Region, RouteFinderPage, RouteIndexPage, RoutePage, RouteProgramme
from routes.models.pages import JobCombination, Qualification, WorkExperience

# --- regions and colleges --------------------------------------------------------------------------------------------

# Four-digit postcode ranges; between them the five regions cover 1000-9999 without gaps or overlaps.
REGIONS = [
    {
        "name": "Noord",
        "provinces": "Groningen, Friesland, Drenthe",
        "description": "Het regioloket voor Groningen, Friesland en Drenthe.",
        "ranges": [(7740, 7999), (8400, 9999)],
    },
    {
        "name": "Oost",
        "provinces": "Gelderland, Overijssel, Flevoland (Lelystad en Noordoostpolder)",
        "description": "Het regioloket voor Overijssel, het oosten en midden van Gelderland en het noorden van "
        "Flevoland.",
        "ranges": [(6500, 7739), (8000, 8399)],
    },
    {
        "name": "Midden",
        "provinces": "Utrecht, Gooi en Vechtstreek, Almere, Rivierenland",
        "description": "Het regioloket voor de provincie Utrecht, het Gooi, Almere en het Rivierenland.",
        "ranges": [(1200, 1399), (3400, 4199)],
    },
    {
        "name": "West",
        "provinces": "Noord-Holland, Zuid-Holland",
        "description": "Het regioloket voor Noord-Holland en Zuid-Holland.",
        "ranges": [(1000, 1199), (1400, 3399), (4200, 4299)],
    },
    {
        "name": "Zuid",
        "provinces": "Zeeland, Noord-Brabant, Limburg",
        "description": "Het regioloket voor Zeeland, Noord-Brabant en Limburg.",
        "ranges": [(4300, 6499)],
    },
    {
        "name": "Landelijk",
        "provinces": "",
        "description": "Voor aanmeldingen met een postcode die bij geen regio hoort. Het landelijke loket zoekt samen "
        "met jou de regio die past. Woon je buiten Nederland? Het aanmeldformulier vraagt een Nederlandse postcode: "
        "neem dan contact op met het Onderwijsloket.",
        "website": "https://www.onderwijsloket.com/",
        "is_default": True,
        "ranges": [],
    },
]

# The colleges of seed 001 (content.demo.COLLEGES), with the region they are in; Hogeschool Utrecht is not in the ECPB.
COLLEGE_REGIONS = {"windesheim": "Oost", "fontys": "Zuid", "rotterdam": "West", "hva": "West", "aeres": "Oost",
                   "hu": "Midden"}
NOT_IN_ECPB = {"hu"}

ECPB = ["aeres", "fontys", "rotterdam", "hva", "windesheim"]


def load_regions(tally):
    regions = {}
    for spec in REGIONS:
        slug = spec["name"].lower()
        region = upsert_object(
            Region,
            {"name": spec["name"]},
            tally,
            provinces=spec["provinces"],
            description=spec["description"],
            website=spec.get("website", ""),
            follow_up_emails=f"werving.{slug}@example.org\nloket.{slug}@example.org",
            coordinator_email=f"coordinator.{slug}@example.org",
            is_default=spec.get("is_default", False),
        )
        wanted = [tuple(r) for r in spec["ranges"]]
        if list(region.postcode_ranges.order_by("sort_order").values_list("start", "end")) != wanted:
            region.postcode_ranges = [PostcodeRange(start=start, end=end) for start, end in wanted]
            region.save()
            tally.count(changed=True)
        regions[spec["name"]] = region
    return regions


def load_institutions(regions, tally):
    institutions = {}
    for college in COLLEGES:
        institutions[college["key"]] = upsert_object(
            Institution,
            {"name": college["name"]},
            tally,
            programme=college["programme"],
            website=college["website"],
            contact_name="",
            contact_email=college["contact_email"],
            region=regions[COLLEGE_REGIONS[college["key"]]],
            is_ecpb_member=college["key"] not in NOT_IN_ECPB,
        )
    return institutions


# --- the routes ------------------------------------------------------------------------------------------------------

ONDERWIJSLOKET = link("Onderwijsloket: gratis advies over werken in het onderwijs", "https://www.onderwijsloket.com/")
ECPB_ROUTES = link("Alle routes van de technische lerarenopleidingen (ECPB)", "https://ecpb.nl/opleidingen-en-routes/")


def route_specs():
    """Every route page: its text and its structured facts (routes-facts.md, section A)."""
    return [
        {
            "slug": "zij-instroom",
            "title": "Zij-instroom met een hbo- of wo-diploma",
            "intro": "Je werkt als docent op een school en haalt binnen twee jaar je tweedegraads bevoegdheid. "
            "Je krijgt vanaf de eerste dag salaris.",
            "for_whom": "Voor wie een hbo- of wo-diploma heeft en docent wil worden in het vmbo of mbo, met of "
            "zonder technische werkervaring.",
            "body": [
                paragraph(
                    "Bij zij-instroom werk en leer je tegelijk. Je hebt een baan als docent op een school. Daarnaast "
                    "volg je een opleiding op maat bij een lerarenopleiding. Binnen twee jaar rond je die af. Dan ben "
                    "je tweedegraads bevoegd. Daarmee mag je lesgeven in het vmbo, het mbo, het praktijkonderwijs en "
                    "de onderbouw van havo en vwo.",
                    "Voordat je begint, doe je een geschiktheidsonderzoek. Een lerarenopleiding kijkt dan naar drie "
                    "vragen. Kun je vanaf de eerste dag lesgeven? Kun je binnen twee jaar je bevoegdheid halen? En "
                    "welke scholing heb je daarvoor nodig? Je maakt een portfolio en doet een assessment. De school "
                    "vraagt het onderzoek aan zodra je er een baan hebt.",
                    "Je hebt ook een Verklaring Omtrent het Gedrag (VOG) nodig. Heb je een diploma uit het "
                    "buitenland? Dan moet het even hoog zijn als een Nederlands hbo- of wo-diploma. Je hebt dan ook "
                    "het Staatsexamen Nederlands als tweede taal nodig: programma II, alle vier de onderdelen.",
                ),
                steps([
                    ("Oriënteer je", "Lees over de routes, doe de routewijzer en loop een dag mee op een school."),
                    ("Vind een baan op een school", "Solliciteer als zij-instromer bij een vmbo- of mbo-school. "
                     "Zonder baan op een school kun je niet beginnen."),
                    ("Doe het geschiktheidsonderzoek", "De school vraagt het onderzoek aan bij een "
                     "lerarenopleiding. Daarna weet je welke scholing je nodig hebt."),
                    ("Werk en leer tegelijk", "Je geeft les en volgt je opleidingsplan. Een begeleider op school "
                     "helpt je op weg."),
                    ("Haal je bevoegdheid", "Binnen twee jaar rond je de opleiding af. Dan ben je tweedegraads "
                     "bevoegd."),
                ]),
                faq([
                    ("Wie betaalt de opleiding?", "Het schoolbestuur kan bij DUO de subsidie zij-instroom aanvragen: "
                     "maximaal €25.000 per zij-instromer. Jij vraagt de subsidie niet zelf aan. Een school krijgt "
                     "haar één keer per persoon, zolang er budget is. Spreek vooraf met de school af wie welke "
                     "kosten betaalt."),
                    ("Wat kost het geschiktheidsonderzoek?", "Dat verschilt per lerarenopleiding. Bij de "
                     "Hogeschool van Amsterdam kostte het in 2019 €2.550. Vraag de prijs van nu na bij de "
                     "lerarenopleiding."),
                    ("Heb ik technische werkervaring nodig?", "Met een hbo- of wo-diploma is dat niet verplicht. "
                     "Werkervaring helpt wel: je kunt er in de klas veel mee. Heb je een mbo-4-diploma? Lees dan "
                     "over zij-instroom met een mbo-4-diploma."),
                    ("Kan ik mijn huidige baan houden?", "Je hebt een baan op een school nodig. Dat mag een "
                     "deeltijdbaan zijn. Soms kun je dus een deel van je huidige werk houden. Bespreek dat met de "
                     "school."),
                ]),
                read_more([ONDERWIJSLOKET, ECPB_ROUTES]),
            ],
            "accepts_hbo": True,
            "accepts_wo": True,
            "accepts_foreign_diploma": True,
            "work_experience": WorkExperience.HELPFUL,
            "combines_with_job": JobCombination.PART_TIME,
            "needs_school_job": True,
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            "duration": "maximaal 2 jaar",
            "duration_months": 24,
            "study_load": "Je werkt als docent en volgt daarnaast een opleidingsplan op maat.",
            "cost_and_funding": "Je krijgt salaris van de school. Het schoolbestuur kan bij DUO subsidie "
            "zij-instroom aanvragen: maximaal €25.000 per zij-instromer. Het geschiktheidsonderzoek kostte bij de "
            "Hogeschool van Amsterdam in 2019 €2.550.",
        },
        {
            "slug": "zij-instroom-mbo-4",
            "title": "Zij-instroom met een mbo-4-diploma",
            "intro": "Heb je een mbo-4-diploma en ervaring in de techniek? Dan kun je zij-instromer worden in een "
            "beroepsgericht profiel van het vmbo.",
            "for_whom": "Voor vakmensen met een mbo-4-diploma, technische werkervaring en hbo-werk- en denkniveau, "
            "die les willen geven in een beroepsgericht profiel van het vmbo.",
            "body": [
                paragraph(
                    "Voor zij-instroom heb je meestal een hbo- of wo-diploma nodig. Voor vier beroepsgerichte "
                    "profielen in het vmbo is er een uitzondering. Dat zijn Bouwen, wonen en interieur (BWI), "
                    "Produceren, installeren en energie (PIE), Mobiliteit en transport (M&amp;T) en Horeca, bakkerij "
                    "en recreatie (HBR). Daar mag je ook beginnen met een mbo-4-diploma. Je laat dan zien dat je op "
                    "hbo-niveau kunt werken en denken. En je hebt genoeg werkervaring in het vak.",
                    "Verder werkt het zoals gewone zij-instroom. Je hebt een baan op een school, doet een "
                    "geschiktheidsonderzoek en haalt binnen twee jaar je bevoegdheid voor het profielvak.",
                    "Voor het profiel PIE heb je kennis nodig van metaal-, installatie- en elektrotechniek. Een "
                    "docententeam mag die samen afdekken. Je hoeft dus niet alles zelf te kunnen.",
                ),
                steps([
                    ("Kijk of je profiel past", "Past jouw vak bij BWI, PIE, M&amp;T of HBR? Dan kan deze route "
                     "voor jou openstaan."),
                    ("Vind een baan op een vmbo-school", "Solliciteer als zij-instromer. De school moet je willen "
                     "aannemen voordat je kunt beginnen."),
                    ("Doe het geschiktheidsonderzoek", "Je maakt een portfolio en doet een assessment. Daarin laat "
                     "je ook zien dat je op hbo-niveau werkt en denkt."),
                    ("Werk en leer tegelijk", "Je geeft les en volgt een opleidingsplan op maat."),
                    ("Haal je bevoegdheid", "Binnen twee jaar ben je bevoegd voor het profielvak."),
                ]),
                faq([
                    ("Wat betekent hbo-werk- en denkniveau?", "Dat je kunt leren, schrijven en nadenken over je "
                     "werk op het niveau van een hbo-opleiding. In het geschiktheidsonderzoek kijkt de "
                     "lerarenopleiding daarnaar."),
                    ("Kan ik zo ook in het mbo lesgeven?", "Deze uitzondering geldt voor de beroepsgerichte "
                     "profielen in het vmbo. Voor het mbo kun je kijken naar het PDG (met een capaciteitentest en "
                     "minstens drie jaar werkervaring) of naar de opleiding Leraar Technisch Beroepsonderwijs."),
                    ("Ik heb nog geen werkervaring. Kan ik toch beginnen?", "Met alleen een mbo-4-diploma niet. "
                     "Kijk dan naar de deeltijdopleiding Leraar Technisch Beroepsonderwijs: daar kun je direct met "
                     "een mbo-4-diploma instromen."),
                    ("Wie betaalt de opleiding?", "Net als bij andere zij-instroom kan het schoolbestuur bij DUO "
                     "subsidie aanvragen: maximaal €25.000 per zij-instromer."),
                ]),
            ],
            "accepts_mbo4": True,
            "work_experience": WorkExperience.REQUIRED,
            "combines_with_job": JobCombination.PART_TIME,
            "needs_school_job": True,
            "for_vmbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            "duration": "maximaal 2 jaar",
            "duration_months": 24,
            "study_load": "Je werkt als docent en volgt daarnaast een opleidingsplan op maat.",
            "cost_and_funding": "Je krijgt salaris van de school. Het schoolbestuur kan bij DUO subsidie "
            "zij-instroom aanvragen: maximaal €25.000 per zij-instromer.",
        },
        {
            "slug": "pdg",
            "title": "Pedagogisch didactisch getuigschrift (PDG) voor het mbo",
            "intro": "Met een PDG mag je docent zijn in het mbo. Je haalt het in ongeveer anderhalf jaar, terwijl je "
            "al lesgeeft.",
            "for_whom": "Voor vakmensen met een paar jaar werkervaring en een hbo-diploma of hbo-niveau, die in het "
            "mbo willen lesgeven.",
            "body": [
                paragraph(
                    "In het mbo zijn geen vakbevoegdheden zoals in het vmbo. Een mbo-school mag je aannemen als "
                    "docent met een eerste- of tweedegraads bevoegdheid. Het kan ook met een geschiktheidsverklaring "
                    "en een PDG. Voor wie het vak al kent, is het PDG daarom een korte weg naar het mbo.",
                    "Je begint met een baan als docent. De mbo-school geeft je een geschiktheidsverklaring. Zolang je "
                    "met het PDG bezig bent, mag de school je tijdelijk benoemen. Binnen twee jaar moet je het PDG "
                    "halen.",
                    "Het getuigschrift komt van een tweedegraads lerarenopleiding. Wil je later toch tweedegraads "
                    "bevoegd worden? Dan krijg je vrijstelling voor een deel van die opleiding.",
                ),
                steps([
                    ("Zoek een baan in het mbo", "Meestal vraagt de opleiding een baan als docent van minstens "
                     "0,4 fte, met minstens acht lesuren per week."),
                    ("De school verklaart dat je geschikt bent",
                     "De school verklaart dat je geschikt bent en meldt je aan bij een lerarenopleiding."),
                    ("Laat zien dat je kunt instromen", "Heb je geen hbo- of wo-diploma? Dan doe je een "
                     "capaciteitentest. Je hebt dan ook minstens drie jaar relevante werkervaring nodig."),
                    ("Leer en werk tegelijk", "Ongeveer anderhalf jaar leer je lesgeven, naast je lessen op "
                     "school."),
                    ("Ontvang je PDG", "Binnen twee jaar heb je je getuigschrift. Je bent dan docent in het mbo."),
                ]),
                faq([
                    ("Wat kost een PDG?", "Dat verschilt per hogeschool. Bij Hogeschool Utrecht kostte het in 2023 "
                     "€6.650. De subsidie zij-instroom, die de school aanvraagt, geldt ook voor PDG-trajecten."),
                    ("Mag ik met een PDG in het vmbo lesgeven?", "Nee. Het PDG geldt alleen in het mbo. Voor het "
                     "vmbo heb je een tweedegraads bevoegdheid nodig."),
                    ("Ik heb een mbo-4-diploma. Kan ik toch een PDG halen?", "Soms wel: met een capaciteitentest en "
                     "minstens drie jaar relevante werkervaring."),
                    ("Kan ik mijn huidige baan houden?", "Een deel misschien. Je hebt een baan als docent van "
                     "minstens 0,4 fte nodig: ongeveer twee dagen per week."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.REQUIRED,
            # Graduates: "several years of relevant work experience" (S6); without an hbo/wo diploma: at least 3
            # years and a capaciteitentest (S8).
            "experience_note": "meerdere jaren relevante werkervaring",
            "min_years_experience_without_degree": 3,
            "capacity_test_without_degree": True,
            "combines_with_job": JobCombination.PART_TIME,
            "needs_school_job": True,
            "for_mbo": True,
            "qualification": Qualification.PDG,
            "duration": "ongeveer 1,5 jaar (binnen 2 jaar afronden)",
            "duration_months": 18,
            "study_load": "Naast een baan als docent van minstens 0,4 fte (minstens 8 lesuren per week).",
            "cost_and_funding": "Bij Hogeschool Utrecht kostte het PDG in 2023 €6.650. De school kan subsidie "
            "zij-instroom aanvragen; die geldt ook voor PDG-trajecten.",
        },
        {
            "slug": "kopopleiding",
            "title": "Kopopleiding: in één jaar tweedegraads leraar",
            "intro": "Heb je een hbo- of wo-bachelor die past bij een schoolvak? Dan word je met een kopopleiding in "
            "één jaar tweedegraads leraar.",
            "for_whom": "Voor wie een hbo- of wo-bachelor heeft in een richting die past bij een vak op school, "
            "bijvoorbeeld een technische studie.",
            "body": [
                paragraph(
                    "Een kopopleiding zet je bovenop je bachelor. Je vakkennis heb je al. Daarom krijg je vrijstelling "
                    "voor 180 studiepunten van de lerarenopleiding. In één jaar leer je lesgeven: hoe leerlingen "
                    "leren, hoe je uitlegt en hoe je een klas begeleidt.",
                    "Of jouw bachelor past, staat in de verwantschapstabel. Die tabel zegt welke bachelor bij welk "
                    "schoolvak hoort.",
                    "Na de kopopleiding ben je tweedegraads bevoegd. Je kunt dan lesgeven in het vmbo en het mbo. "
                    "Studeer je nog aan een hogeschool? Met een educatieve minor kun je alvast kennismaken met het "
                    "onderwijs. Soms levert die minor vrijstelling op voor de kopopleiding.",
                ),
                steps([
                    ("Kijk in de verwantschapstabel", "Zoek op of jouw bachelor past bij een vak in het vmbo of "
                     "mbo."),
                    ("Kies een lerarenopleiding", "Vraag bij de lerarenopleiding welke kopopleidingen er zijn voor "
                     "techniek."),
                    ("Schrijf je in", "Je schrijft je in zoals voor elke hbo-opleiding."),
                    ("Studeer een jaar", "Je leert lesgeven en oefent op een school."),
                    ("Word tweedegraads leraar", "Na een jaar heb je je bevoegdheid voor het vmbo en mbo."),
                ]),
                faq([
                    ("Krijg ik studiefinanciering?", "Ja. Voor de kopopleiding krijg je een extra jaar "
                     "studiefinanciering."),
                    ("Mijn bachelor past niet bij een schoolvak. Wat nu?", "Kijk dan naar zij-instroom. Daar bepaalt "
                     "een geschiktheidsonderzoek welke scholing je nodig hebt."),
                    ("Heb ik werkervaring nodig?", "Nee. Werkervaring is wel handig in de klas, maar het is geen "
                     "eis."),
                    ("Heb ik een eerstegraads bevoegdheid nodig?", "Nee. Voor het vmbo en mbo is tweedegraads "
                     "genoeg."),
                ]),
                read_more([ECPB_ROUTES]),
            ],
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.NO,
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            "duration": "1 jaar",
            "duration_months": 12,
            "study_load": "Eén studiejaar: 60 studiepunten (EC).",
            "cost_and_funding": "Je betaalt collegegeld. Voor de kopopleiding krijg je een extra jaar "
            "studiefinanciering.",
        },
        {
            "slug": "leraar-technisch-beroepsonderwijs",
            "title": "Leraar Technisch Beroepsonderwijs in deeltijd (tweedegraads)",
            "intro": "Een hbo-bachelor die je meestal naast je baan volgt. Met een mbo-4-diploma kun je direct "
            "beginnen.",
            "for_whom": "Voor wie met een mbo-4-diploma of hoger een volledige lerarenopleiding wil volgen voor het "
            "technisch vmbo en mbo, ook zonder werkervaring.",
            "body": [
                paragraph(
                    "De tweedegraads lerarenopleiding Leraar Technisch Beroepsonderwijs is een bachelor van 240 "
                    "studiepunten. Je kiest een richting. Voor het vmbo zijn dat bijvoorbeeld de profielen PIE en "
                    "BWI. Voor het mbo kun je onder meer kiezen voor elektrotechniek, werktuigbouwkunde, "
                    "motorvoertuigentechniek, ICT of bouw.",
                    "De meeste studenten doen de opleiding in deeltijd, naast hun werk. Vroeger heette deze "
                    "opleiding PTH. De lerarenopleidingen werken met modules. Heb je al kennis en ervaring? Dan kun "
                    "je vrijstellingen krijgen. Je volgt dan alleen wat je nog nodig hebt. Hogeschool Rotterdam heeft "
                    "bijvoorbeeld verkorte routes voor de vmbo-profielen BWI (bouwen, wonen en interieur), "
                    "PIE (produceren, installeren en energie) en MVI (media, vormgeving en ICT).",
                    "Een voorbeeld uit de praktijk: een mbo-school in Friesland nam een oud-student mechatronica aan. "
                    "Hij begon als ondersteuner van een docent en geeft nu zelf les. Eén dag per week volgt hij de "
                    "lerarenopleiding.",
                    "De Hogeschool van Amsterdam leidt op tot Leraar Mens en Technologie. Aeres Hogeschool heeft een "
                    "opleiding voor de agrotechniek.",
                ),
                steps([
                    ("Kies je richting", "Welk vak wil je geven? Kies een richting voor het vmbo of het mbo."),
                    ("Meld je aan", "Met een mbo-4-diploma kun je direct instromen. Met een ander diploma vraag je "
                     "naar de toelatingseisen."),
                    ("Vraag naar vrijstellingen", "Laat zien wat je al kunt. Dan hoef je sommige onderdelen niet te "
                     "volgen."),
                    ("Leer en werk", "Combineer de opleiding met werk, het liefst op een school. Zo oefen je meteen "
                     "in de praktijk."),
                    ("Haal je bachelor", "Je bent dan tweedegraads bevoegd voor het vmbo en mbo."),
                ]),
                faq([
                    ("Hoe lang duurt het?", "Een hele bachelor is 240 studiepunten: vier jaar. Met vrijstellingen "
                     "gaat het sneller."),
                    ("Kan ik al lesgeven tijdens de opleiding?", "Dat kan, als een school je aanneemt. Je werkt dan "
                     "onder begeleiding. Vraag de lerarenopleiding wat er kan."),
                    ("Ik heb een hbo-diploma. Is dit dan de beste route?", "Vaak niet. Kijk eerst naar de "
                     "kopopleiding of zij-instroom: die zijn korter."),
                    ("Heb ik werkervaring nodig?", "Nee. Je kunt ook zonder werkervaring beginnen."),
                ]),
                read_more([ECPB_ROUTES]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.YES,
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            "duration": "4 jaar (240 EC), korter met vrijstellingen",
            "duration_months": 48,
            "study_load": "Deeltijd: meestal naast je baan.",
            "cost_and_funding": "Je betaalt collegegeld. Met vrijstellingen volg je alleen de onderdelen die je nog "
            "nodig hebt.",
        },
        {
            "slug": "associate-degree",
            "title": "Associate degree: onderwijsondersteuner in het beroepsonderwijs",
            "intro": "Een hbo-opleiding van twee jaar. Je wordt ondersteuner van docenten in het vmbo of mbo, en je "
            "kunt daarna doorstuderen.",
            "for_whom": "Voor wie een havo- of mbo-4-diploma heeft en docenten wil ondersteunen in het technisch "
            "vmbo of mbo, als eerste stap in het onderwijs.",
            "body": [
                paragraph(
                    "Een Associate degree (Ad) is een hbo-opleiding van twee jaar. Het niveau ligt tussen mbo-4 en "
                    "een bachelor in (niveau 5). Met een Ad in het onderwijs word je leraarondersteuner. Je helpt "
                    "docenten in de les en bij de praktijkvakken.",
                    "Je kunt beginnen met een havo- of mbo-4-diploma. Heb je die niet en ben je 21 jaar of ouder? "
                    "Dan kun je een toelatingstoets doen: de 21+-toets.",
                    "Een Ad geeft geen bevoegdheid. Wil je later zelf docent worden? Dan kun je doorstuderen naar "
                    "een bachelor. Vraag de hogeschool welke onderdelen dan meetellen.",
                ),
                steps([
                    ("Kies een Ad", "Zoek een Ad voor het beroepsonderwijs bij een hogeschool."),
                    ("Meld je aan", "Met havo of mbo-4 kun je direct beginnen. Anders doe je de 21+-toets."),
                    ("Studeer twee jaar", "Je leert hoe je docenten en leerlingen ondersteunt."),
                    ("Werk als ondersteuner", "Je helpt in de les en in de praktijklokalen."),
                    ("Studeer door als je wilt", "Met een bachelor word je zelf docent."),
                ]),
                faq([
                    ("Ben ik na de Ad bevoegd?", "Nee. Je ondersteunt docenten. Zij blijven verantwoordelijk voor "
                     "de les."),
                    ("Welke hogescholen bieden een Ad aan?", "Het aanbod verschilt per jaar. De Hogeschool van "
                     "Amsterdam heeft een Ad voor het onderwijs. Vraag ook bij de lerarenopleiding in jouw buurt."),
                    ("Heb ik werkervaring nodig?", "Nee."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_havo_vwo": True,  # entry with havo or mbo-4 (routes-facts.md, S27)
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.NO,  # no source names a form beside a school job (S27, S16)
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SUPPORTING,
            "duration": "2 jaar",
            "duration_months": 24,
            "study_load": "Een hbo-opleiding van 120 studiepunten (EC).",
            "cost_and_funding": "Je betaalt collegegeld, zoals bij andere hbo-opleidingen.",
        },
        {
            "slug": "instructeur",
            "title": "Instructeur in het mbo",
            "intro": "Als instructeur leer je mbo-studenten het vak in de praktijk. Je werkt samen met docenten, die "
            "verantwoordelijk zijn voor de les.",
            "for_whom": "Voor vakmensen met relevante werkervaring die in het mbo praktijkles willen geven.",
            "body": [
                paragraph(
                    "Sinds 1 augustus 2018 staan er eisen voor instructeurs in de wet. Je kent je vak. Je kunt het "
                    "uitleggen. En je gaat goed om met studenten. Je geeft les onder verantwoordelijkheid van een "
                    "docent of een team.",
                    "Er zijn twee opleidingen. De mbo-4-opleiding Instructeur mbo duurt een jaar. Je hebt ongeveer "
                    "één dag per week les en je moet relevante werkervaring hebben. Windesheim heeft een "
                    "Pedagogisch Didactisch Certificaat voor instructeurs. Dat duurt ook een jaar.",
                    "Smaakt het naar meer? Dan kun je later doorgaan met een PDG of de tweedegraads "
                    "lerarenopleiding.",
                ),
                steps([
                    ("Praat met een mbo-school", "Vraag of de school instructeurs zoekt in jouw vak."),
                    ("Kies je opleiding", "De mbo-4-opleiding Instructeur mbo, of het certificaat voor "
                     "instructeurs bij Windesheim."),
                    ("Leer en werk", "Ongeveer één dag per week volg je les. De rest van de tijd werk je."),
                    ("Werk in de praktijklokalen", "Je begeleidt studenten bij het echte werk."),
                    ("Groei door als je wilt", "Met een PDG word je docent in het mbo."),
                ]),
                faq([
                    ("Ben ik dan docent?", "Nee. Je bent instructeur en werkt onder verantwoordelijkheid van een "
                     "docent of team. Wil je docent worden? Kijk dan naar het PDG."),
                    ("Kan ik dit naast mijn baan doen?", "Ja. De opleiding vraagt ongeveer één dag per week."),
                    ("Geldt dit ook voor het vmbo?", "De wettelijke eisen voor instructeurs gelden in het mbo. In het "
                     "vmbo kun je bijvoorbeeld onderwijsassistent of gastdocent worden."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.REQUIRED,
            "combines_with_job": JobCombination.YES,
            "for_mbo": True,
            "qualification": Qualification.SUPPORTING,
            "duration": "1 jaar",
            "duration_months": 12,
            "study_load": "Ongeveer één dag per week les.",
            "cost_and_funding": "De kosten verschillen per opleiding. Werk je al op een mbo-school? Vraag dan of de "
            "school meebetaalt.",
        },
        {
            "slug": "hybride-techniekopleider",
            "title": "Hybride techniekopleider: lesgeven naast je werk in de techniek",
            "intro": "Je blijft werken in je bedrijf en geeft daarnaast les in het vmbo of mbo. In ongeveer een jaar "
            "leer je hoe je dat doet.",
            "for_whom": "Voor vakmensen in de techniek met minstens een mbo-4-diploma, die hun baan willen houden en "
            "een deel van hun tijd les willen geven.",
            "body": [
                paragraph(
                    "Een hybride docent heeft twee banen: één in het onderwijs en één in een ander vak. Er zijn "
                    "verschillende vormen. Je kunt volledig bevoegd docent zijn, maar ook hybride instructeur, "
                    "hybride expert of gastdocent.",
                    "Het scholingstraject Hybride Techniekopleider duurt ongeveer een jaar en vindt plaats bij een "
                    "hogeschool. De technische opleidingsfondsen Wij Techniek (vroeger OTIB), OOM en A+O Metalektro "
                    "betalen het. Je kunt instromen met een mbo-4-diploma. Je maakt kennis met het onderwijs en "
                    "ontdekt of lesgeven bij je past.",
                    "Het traject geeft geen bevoegdheid. Daarna geef je les onder begeleiding. Wil je verder? Dan "
                    "kun je doorstromen naar instructeur, een PDG of de tweedegraads lerarenopleiding. Wat je al "
                    "gedaan hebt, telt dan mee.",
                    "Hybride werken levert ook je werkgever iets op. Jij leert uitleggen en coachen, en de leerlingen "
                    "krijgen kennis uit de praktijk van nu.",
                ),
                steps([
                    ("Praat met je werkgever", "Bespreek hoeveel tijd je aan het onderwijs kunt besteden."),
                    ("Meld je aan", "Vraag bij je opleidingsfonds of je werkgever waar het traject in jouw regio "
                     "start."),
                    ("Volg het traject", "Ongeveer een jaar leer je lesgeven, naast je werk."),
                    ("Geef les onder begeleiding", "Je staat voor de klas, met een bevoegde docent als "
                     "achtervang."),
                    ("Kies je vervolg", "Blijf hybride werken, of ga verder als instructeur, met een PDG of de "
                     "lerarenopleiding."),
                ]),
                faq([
                    ("Wat kost het mij?", "Werk je in een sector van Wij Techniek, OOM of A+O Metalektro? Dan betaalt "
                     "het opleidingsfonds het traject. Vraag je werkgever hoe het bij jouw bedrijf zit."),
                    ("Ben ik daarna bevoegd?", "Nee. Je geeft les onder begeleiding van een bevoegde docent."),
                    ("Hoeveel uur geef ik les?", "Dat spreek je af met de school en je werkgever. Geef je gemiddeld "
                     "hoogstens zes klokuren per week les? Dan heb je geen bevoegdheid nodig."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.REQUIRED,
            "combines_with_job": JobCombination.ALONGSIDE,  # a hybride docent combines school with another job (S31)
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SUPPORTING,
            "duration": "ongeveer 1 jaar",
            "duration_months": 12,
            "study_load": "Naast je baan in de techniek.",
            "cost_and_funding": "De opleidingsfondsen Wij Techniek, OOM en A+O Metalektro betalen het traject voor "
            "werknemers uit hun sector.",
        },
        {
            "slug": "onderwijsassistent",
            "title": "Onderwijsassistent of technisch onderwijsassistent (TOA)",
            "intro": "Als onderwijsassistent help je docenten en leerlingen, in de les en in de praktijklokalen.",
            "for_whom": "Voor wie graag met leerlingen werkt en docenten wil ondersteunen, zonder zelf "
            "verantwoordelijk te zijn voor de les.",
            "body": [
                paragraph(
                    "Een onderwijsassistent werkt onder verantwoordelijkheid van een docent. Voor dit werk zijn geen "
                    "wettelijke eisen. De opleiding Onderwijsassistent is een mbo-4-opleiding. In voltijd (BOL) duurt "
                    "die drie jaar.",
                    "Een technisch onderwijsassistent (TOA) ondersteunt vooral bij de praktijkvakken. Heb je al een "
                    "technisch diploma? Vraag dan bij scholen of je als TOA kunt beginnen en welke scholing je erbij "
                    "nodig hebt.",
                    "Wil je later zelf docent worden? Dan heb je een lerarenopleiding nodig, bijvoorbeeld Leraar "
                    "Technisch Beroepsonderwijs. Een Associate degree (Ad) kan een tussenstap zijn, maar een Ad geeft "
                    "geen bevoegdheid.",
                ),
                steps([
                    ("Kijk rond op een school", "Loop een dag mee met een onderwijsassistent of TOA."),
                    ("Kies: opleiding of baan", "Volg de mbo-opleiding, of solliciteer als TOA als je al een "
                     "technisch diploma hebt."),
                    ("Leer het werk", "Je helpt docenten en leerlingen, in de les en in de praktijk."),
                    ("Groei door als je wilt", "Met een lerarenopleiding word je zelf docent. Een Ad is een "
                     "tussenstap: die geeft geen bevoegdheid."),
                ]),
                faq([
                    ("Heb ik een bevoegdheid nodig?", "Nee. Je werkt onder verantwoordelijkheid van een docent."),
                    ("Hoe lang duurt de opleiding?", "De mbo-4-opleiding Onderwijsassistent duurt in voltijd (BOL) "
                     "drie jaar."),
                    ("Heb ik werkervaring nodig?", "Nee. Technische kennis helpt wel als je TOA wilt worden."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.NO,  # the mbo-4 course is full-time (BOL), 3 years (S30)
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SUPPORTING,
            "duration": "mbo-4-opleiding: 3 jaar (BOL)",
            "duration_months": 36,
            "study_load": "Voltijd (BOL), of werken als assistent op een school.",
            "cost_and_funding": "Als mbo-student betaal je les- of cursusgeld. Werk je als assistent, dan krijg je "
            "salaris van de school.",
        },
        {
            "slug": "pal-en-educatieve-minor",
            "title": "PAL en educatieve minor: kennismaken tijdens je studie",
            "intro": "Studeer je nog? Als PAL help je een docent in het voortgezet onderwijs. Met een educatieve "
            "minor proef je aan het lesgeven.",
            "for_whom": "Voor studenten in het hbo of aan de universiteit die tijdens hun studie willen ontdekken of "
            "lesgeven bij hen past.",
            "body": [
                paragraph(
                    "PAL staat voor Persoonlijk Assistent van de Leraar. Je bent tweede- of derdejaars student aan een "
                    "universiteit. Je werkt vier tot acht uur per week op een school voor voortgezet onderwijs en "
                    "helpt een docent. Je staat niet zonder begeleiding voor de klas. De school neemt je in dienst.",
                    "Een educatieve minor of module aan een universiteit is 30 studiepunten. Daarmee krijg je een "
                    "beperkte tweedegraads bevoegdheid. Let op: die geldt niet voor de technische profielvakken in "
                    "het vmbo. Vraag de universiteit waar de bevoegdheid precies voor geldt.",
                    "Ook veel hogescholen hebben een educatieve minor. Daarmee maak je kennis met het vmbo. Soms "
                    "krijg je er vrijstelling mee voor een kopopleiding.",
                ),
                steps([
                    ("Informeer bij je opleiding", "Vraag naar PAL-plekken en educatieve minors."),
                    ("Meld je aan", "Voor PAL solliciteer je bij een school. Een minor kies je binnen je studie."),
                    ("Help in de klas", "Je ondersteunt een docent en ziet hoe het onderwijs werkt."),
                    ("Kies je vervolg", "Wil je na je studie techniekdocent worden? Kijk dan naar de kopopleiding "
                     "of zij-instroom."),
                ]),
                faq([
                    ("Krijg ik betaald als PAL?", "Ja. Je hebt een bijbaan bij de school."),
                    ("Mag ik met de minor techniekles geven?", "Niet in de technische profielvakken van het vmbo. "
                     "Daarvoor heb je een volledige tweedegraads bevoegdheid nodig."),
                    ("Ik zit op het mbo. Is dit iets voor mij?", "PAL is voor studenten aan een universiteit. Kijk "
                     "als mbo-student naar de Associate degree of de opleiding Leraar Technisch Beroepsonderwijs."),
                ]),
            ],
            "accepts_students": True,
            # PAL: 2nd- and 3rd-year university students (S34); the educatieve minor is a university one (S25).
            "student_study": "wo",
            "student_min_year": 2,
            "student_max_year": 3,
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.YES,
            "for_vmbo": True,
            # The educatieve minor gives a beperkte tweedegraads bevoegdheid (S25); PAL itself none (S34).
            "qualification": Qualification.LIMITED_SECOND_DEGREE,
            "qualification_note": "via de educatieve minor; PAL zelf geeft geen bevoegdheid. Niet voor de technische "
            "profielvakken in het vmbo.",
            "duration": "PAL: een schooljaar of korter; minor: een half jaar (30 EC)",
            "duration_months": 6,
            "study_load": "PAL: 4 tot 8 uur per week naast je studie.",
            "cost_and_funding": "Als PAL heb je een betaalde bijbaan bij de school. De minor hoort bij je studie.",
        },
        {
            "slug": "buitenlands-diploma",
            "title": "Lesgeven met een buitenlands diploma",
            "intro": "Heb je in het buitenland gestudeerd of lesgegeven? Dan kun je ook in Nederland in het onderwijs "
            "werken. Eerst moet je diploma worden erkend of gewaardeerd.",
            "for_whom": "Voor wie een diploma of onderwijsbevoegdheid uit het buitenland heeft en in het vmbo of mbo "
            "wil werken.",
            "body": [
                paragraph(
                    "Was je in je eigen land leraar? Vraag dan bij DUO erkenning aan van je bevoegdheid. Een "
                    "waardering van je diploma door Nuffic of SBB is niet genoeg om les te geven.",
                    "In het mbo en de volwasseneneducatie is het anders. Daar is een diploma van een buitenlandse "
                    "hogeschool of universiteit genoeg. Je hebt geen bevoegdheid uit je eigen land nodig. Je moet dan "
                    "wel binnen twee jaar een PDA afronden. Vraag de school welke scholing daarbij hoort. Scholen "
                    "verwachten ook dat je goed Nederlands spreekt.",
                    "Is een PDA hetzelfde als het PDG? Dat zeggen onze bronnen niet. Het PDG is voor vakmensen met "
                    "werkervaring die docent worden in het mbo, met een geschiktheidsverklaring van de school. Vraag "
                    "de school of het Onderwijsloket wat voor jou geldt.",
                    "Heb je geen onderwijsbevoegdheid? Laat je diploma dan waarderen door Nuffic (hoger onderwijs) of "
                    "SBB (mbo). Daarna kies je een Nederlandse route die past bij je niveau, zoals zij-instroom. Voor "
                    "zij-instroom en voor een hbo-opleiding heb je het Staatsexamen NT2, programma II nodig.",
                ),
                steps([
                    ("Zoek uit wat je hebt", "Heb je een onderwijsbevoegdheid, of alleen een diploma?"),
                    ("Vraag erkenning of waardering aan", "Met een bevoegdheid ga je naar DUO. Met alleen een diploma "
                     "ga je naar Nuffic of SBB."),
                    ("Werk aan je Nederlands", "Voor zij-instroom en hbo-opleidingen heb je NT2, programma II "
                     "nodig."),
                    ("Zoek een school", "Met erkenning of een passende route kun je solliciteren."),
                    ("Rond je scholing af", "In het mbo heb je twee jaar om je PDA af te ronden."),
                ]),
                faq([
                    ("Is een waardering van Nuffic genoeg?", "Niet om les te geven. Daarvoor heb je erkenning van DUO "
                     "nodig, of een Nederlandse route zoals zij-instroom."),
                    ("Ik heb een erkende bevoegdheid. Kan ik snel beginnen?", "Kijk dan ook naar het programma "
                     "Statushouders voor de Klas."),
                    ("Waar krijg ik hulp?", "Bij het Onderwijsloket krijg je gratis advies, per mail of telefoon."),
                ]),
                read_more([ONDERWIJSLOKET]),
            ],
            "accepts_foreign_diploma": True,
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.YES,
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            # DUO erkenning of a bevoegdheid from abroad (S35); without one, a Nuffic/SBB valuation is only the first
            # step towards a Dutch route (S35, S21).
            "qualification_only_for_foreign_teachers": True,
            "duration": "erkenning via DUO; in het mbo daarna binnen 2 jaar je PDA",
            "duration_months": 24,
            "study_load": "Hangt af van je diploma en je Nederlands.",
            "cost_and_funding": "Vraag bij DUO, Nuffic of SBB naar de kosten van erkenning of waardering.",
        },
        {
            "slug": "statushouders-voor-de-klas",
            "title": "Statushouders voor de Klas",
            "intro": "Een programma van een jaar voor statushouders met een erkende onderwijsbevoegdheid: twee dagen "
            "stage en twee dagen les per week.",
            "for_whom": "Voor statushouders die in hun eigen land leraar waren en hun bevoegdheid door DUO hebben "
            "laten erkennen.",
            "body": [
                paragraph(
                    "Statushouders voor de Klas is een programma van de Hogeschool van Amsterdam en het UAF (de "
                    "stichting die gevluchte studenten en professionals helpt). Het "
                    "duurt een jaar. Je loopt twee dagen per week stage op een school en volgt twee dagen les. Het "
                    "programma is er voor vakken waarvoor scholen moeilijk docenten vinden.",
                    "Sinds 2022 kun je alleen meedoen als je onderwijsbevoegdheid erkend is. Vraag die erkenning dus "
                    "eerst aan bij DUO.",
                    "Kijk op de website van de Hogeschool van Amsterdam of er een nieuwe groep start.",
                ),
                steps([
                    ("Laat je bevoegdheid erkennen", "Vraag erkenning aan bij DUO."),
                    ("Meld je aan", "Vraag bij de Hogeschool van Amsterdam wanneer de volgende groep begint."),
                    ("Stage en les", "Twee dagen per week op school, twee dagen per week les."),
                    ("Aan het werk", "Na een jaar ben je klaar om als docent te werken."),
                ]),
                faq([
                    ("Ik heb geen erkende bevoegdheid. Kan ik toch meedoen?", "Nee, sinds 2022 niet meer. Lees bij "
                     "Lesgeven met een buitenlands diploma wat je eerst kunt doen."),
                    ("Wat kost het?", "Vraag naar de voorwaarden bij de Hogeschool van Amsterdam of het UAF."),
                ]),
            ],
            "accepts_foreign_diploma": True,
            "requires_foreign_teaching_qualification": True,
            "only_for_group": "statushouders",  # HvA/UAF programme for statushouders (S36)
            "work_experience": WorkExperience.NOT_NEEDED,
            "combines_with_job": JobCombination.NO,
            "for_vmbo": True,
            "qualification": Qualification.SECOND_DEGREE,
            "duration": "1 jaar",
            "duration_months": 12,
            "study_load": "Twee dagen stage en twee dagen les per week.",
            "cost_and_funding": "Vraag naar de voorwaarden bij de Hogeschool van Amsterdam of het UAF.",
        },
        {
            "slug": "gastdocent",
            "title": "Gastdocent: tot zes uur per week lesgeven",
            "intro": "Geef je gemiddeld hoogstens zes klokuren per week les? Dan heb je geen bevoegdheid of PDG "
            "nodig. Zo kun je meteen beginnen.",
            "for_whom": "Voor vakmensen die hun baan houden en een paar uur per week hun vak willen laten zien in "
            "het vmbo of mbo.",
            "body": [
                paragraph(
                    "Geef je gemiddeld niet meer dan zes klokuren per week les? Dan heb je geen bevoegdheid en geen "
                    "PDG nodig. Dat staat in de wet, voor het voortgezet onderwijs en voor het mbo. Je werkt wel "
                    "onder verantwoordelijkheid van een bevoegde docent.",
                    "Als gastdocent neem je je vak mee de klas in. Je geeft bijvoorbeeld een gastles, een workshop "
                    "of een reeks praktijklessen. Leerlingen zien zo hoe het werk echt gaat.",
                    "Smaakt het naar meer? Wil je meer uren zelfstandig lesgeven, dan heb je een bevoegdheid of een "
                    "PDG nodig: kijk naar het PDG (mbo) of zij-instroom. Het traject Hybride Techniekopleider en de "
                    "rol van instructeur geven geen bevoegdheid: daarmee geef je les onder begeleiding.",
                ),
                steps([
                    ("Neem contact op met een school", "Vraag een vmbo- of mbo-school in de buurt of zij "
                     "gastdocenten zoeken."),
                    ("Maak afspraken", "Spreek af hoeveel uur je lesgeeft, wie je begeleidt en wat je ervoor "
                     "krijgt."),
                    ("Geef les", "Een bevoegde docent is verantwoordelijk en helpt je op weg."),
                    ("Kijk of je verder wilt", "Wil je meer uren? Kijk dan naar de andere routes."),
                ]),
                faq([
                    ("Heb ik een opleiding nodig?", "Nee. Zolang je gemiddeld hoogstens zes klokuren per week "
                     "lesgeeft, is geen bevoegdheid nodig."),
                    ("Word ik betaald?", "Dat spreek je af met de school."),
                    ("Wat als ik meer uren wil lesgeven?", "Dan heb je een bevoegdheid of een PDG nodig. Kijk naar "
                     "het PDG (alleen mbo) of zij-instroom."),
                ]),
            ],
            "accepts_mbo4": True,
            "accepts_hbo": True,
            "accepts_wo": True,
            "accepts_foreign_diploma": True,
            "work_experience": WorkExperience.REQUIRED,
            "combines_with_job": JobCombination.ALONGSIDE,  # beside a job: at most 6 klokuren a week (S32, S41)
            "for_vmbo": True,
            "for_mbo": True,
            "qualification": Qualification.NONE,
            "duration": "geen opleiding: je kunt meteen beginnen",
            "duration_months": 0,
            "study_load": "Gemiddeld hoogstens 6 klokuren per week lesgeven.",
            "cost_and_funding": "Geen opleidingskosten. Over betaling maak je afspraken met de school.",
        },
    ]


# Which college offers which route, under which name, with the source (routes-facts.md) that names it. A route page
# lists these and only these; a route no source ties to a college lists none.
PROGRAMMES = {
    "zij-instroom": [
        ("aeres", "Zij-instroom in beroep", "https://www.aereshogeschool.nl/opleidingen/deeltijd/zij-instroom-in-beroep"
         ),  # S22
        ("hva", "Geschiktheidsonderzoek zij-instroom in beroep (ZiB-traject voortgezet onderwijs)",
         "https://www.hva.nl/cursus/foo/geschiktheidsonderzoek-zij-instroom-in-beroep-zib-traject-voortgezet-onderwijs/"
         "voor-wie/voor-wie.html"),  # S21
    ],
    "zij-instroom-mbo-4": [
        ("fontys", "Zij-instroom docent vmbo-profiel Bouwen, Wonen en Interieur",
         "https://www.fontys.nl/Professionals-en-werkgevers/Opleidingen-en-cursussen/"
         "Zij-instroom-docent-vmbo-profiel-Bouwen-Wonen-en-Interieur.htm"),  # S23
        ("hva", "Geschiktheidsonderzoek zij-instroom in beroep (ZiB-traject voortgezet onderwijs)",
         "https://www.hva.nl/cursus/foo/geschiktheidsonderzoek-zij-instroom-in-beroep-zib-traject-voortgezet-onderwijs/"
         "voor-wie/voor-wie.html"),  # S21
    ],
    "pdg": [
        ("hu", "Pedagogisch Didactisch Getuigschrift", "https://www.hu.nl/deeltijd-opleidingen/"
         "pedagogisch-didactisch-getuigschrift"),  # S9
        ("fontys", "Pedagogisch Didactisch Getuigschrift (PDG)", "https://fontys.nl/Professionals-en-werkgevers/"
         "Opleidingen-en-cursussen/Pedagogisch-Didactisch-Getuigschrift-PDG.htm"),  # S10
        ("hva", "Pedagogisch didactisch getuigschrift", "https://www.hva.nl/cursus/foo/"
         "pedagogisch-didactisch-getuigschrift/aanmelden/aanmelden.html"),  # S8
    ],
    "leraar-technisch-beroepsonderwijs": [
        ("windesheim", "Leraar Technisch Beroepsonderwijs (B Ed)", "https://www.studiekeuze123.nl/opleidingen/"
         "10897-opleiding-tot-leraar-voortgezet-onderwijs-van-de-tweede-graad-in-het-technisch-beroepsonderwijs-"
         "windesheim-hbo-bachelor/Voltijd"),  # S18
        ("rotterdam", "Leraar Technisch Beroepsonderwijs (deeltijd)", ""),  # S19
    ],
    "instructeur": [
        ("windesheim", "Pedagogisch Didactisch Certificaat voor instructeurs", "https://www.windesheim.nl/"
         "werk-en-studie/opleidingen-en-cursussen/onderwijs/pedagogisch-didactische-trajecten/"
         "pedagogisch-didactisch-certificaat-voor-instructeurs"),  # S29
    ],
    "statushouders-voor-de-klas": [
        ("hva", "Statushouders voor de Klas", "http://magazines.hva.nl/nieuwsmagazine-sz-oktober-2020/"
         "statushouders-voor-de-klas/"),  # S36
    ],
}


def set_programmes(route, institutions, tally):
    """The route's programmes as PROGRAMMES names them; a new revision only when they differ."""
    wanted = [(institutions[key].pk, name, url) for key, name, url in PROGRAMMES.get(route.slug, [])]
    current = [(p.institution_id, p.name, p.url) for p in route.programmes.order_by("sort_order", "pk")]
    colleges = {pk for pk, _name, _url in wanted}
    if current == wanted and {i.pk for i in route.institutions.all()} == colleges:
        return
    # sort_order as the admin's inline sets it: without it their order in the database is undefined.
    route.programmes = [RouteProgramme(institution_id=pk, name=name, url=url, sort_order=position)
                        for position, (pk, name, url) in enumerate(wanted)]
    # The colleges of a route are the ones that offer it.
    route.institutions = [institution for institution in institutions.values() if institution.pk in colleges]
    route.save_revision().publish()
    tally.count(changed=True)


# Every fact field, with its value when a route does not name it.
FACT_DEFAULTS = {
    "accepts_mbo4": False,
    "accepts_hbo": False,
    "accepts_wo": False,
    "accepts_havo_vwo": False,
    "accepts_foreign_diploma": False,
    "accepts_students": False,
    "student_study": "",
    "student_min_year": 0,
    "student_max_year": 0,
    "only_for_group": "",
    "requires_foreign_teaching_qualification": False,
    "qualification_only_for_foreign_teachers": False,
    "qualification_note": "",
    "min_years_experience": 0,
    "experience_note": "",
    "min_years_experience_without_degree": 0,
    "capacity_test_without_degree": False,
    "needs_school_job": False,
    "for_vmbo": False,
    "for_mbo": False,
}

FEATURED_ROUTES = ["zij-instroom", "pdg", "hybride-techniekopleider", "leraar-technisch-beroepsonderwijs",
                   "instructeur", "gastdocent"]


def load_routes(home, institutions, tally):
    index = upsert_page(
        home,
        RouteIndexPage,
        "routes",
        tally,
        title="Routes",
        intro="Er zijn veel wegen naar de klas. Hier vind je ze allemaal: wat je nodig hebt, hoe lang het duurt en "
        "wie het betaalt.",
        show_in_menus=True,
    )
    routes = {}
    for spec in route_specs():
        fields = {**FACT_DEFAULTS, **spec}
        slug = fields.pop("slug")
        routes[slug] = upsert_page(index, RoutePage, slug, tally, **fields)
        set_programmes(routes[slug], institutions, tally)
    finder = upsert_page(
        home,
        RouteFinderPage,
        "routewijzer",
        tally,
        title="Welke route past bij mij?",
        intro="Beantwoord een paar korte vragen. Je ziet dan welke routes bij jou passen, en waarom.",
        show_in_menus=True,
    )
    return index, routes, finder


def feature_on_home_page(home, routes, finder, tally):
    """The home page's main button leads to the route finder; it features a few routes."""
    home.refresh_from_db()
    changed = apply_changes(
        home,
        {
            "primary_action": finder,
            "featured_routes": [{"type": "route", "value": routes[slug].pk} for slug in FEATURED_ROUTES],
        },
    )
    if changed:
        home.save_revision().publish()
    tally.count(changed=bool(changed))


def load(context):
    """Regions, colleges, the route pages and the route finder, under the home page in context."""
    tally = Tally()
    home = context["home"]
    regions = load_regions(tally)
    institutions = load_institutions(regions, tally)
    index, routes, finder = load_routes(home, institutions, tally)
    feature_on_home_page(home, routes, finder, tally)
    context.update(regions=regions, institutions=institutions, route_index=index, routes=routes,
                   route_finder=finder)
    return tally

"""Demo content for the content app, and the helpers that keep every app's demo loader idempotent.

The loader looks pages up by slug under their parent and snippets by a natural key, compares the fields it manages,
and only saves (a new revision, published) when something differs. Running it twice therefore changes nothing.
"""

import datetime as dt
from pathlib import Path

import yaml

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    PracticeExample,
    PracticeExampleIndexPage,
    SiteSettings,
    StandardPage,
)
from content.models.practice import PracticeTheme
from content.models.toolkit import ArticleAudience, ArticleTopic

SITE_NAME = "Word techniekdocent"

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(app_dir, name):
    """The parsed YAML file `name` (e.g. "events.yaml") in the directory app_dir (a path, e.g. an app's data dir).

    Read as UTF-8 with yaml.safe_load; a syntax error names the file.
    """
    path = Path(app_dir) / name
    with open(path, encoding="utf-8") as handle:
        try:
            return yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise ValueError(f"{path}: not valid YAML: {error}") from error

# The six colleges of seed 001: shown as contact cards in the toolkit and made into Institution snippets by
# routes/demo.py. Desk addresses only, never a person's name or real mailbox.
COLLEGES = [
    {
        "key": "windesheim",
        "name": "Hogeschool Windesheim",
        "programme": "Leraar Technisch Beroepsonderwijs",
        "website": "https://www.windesheim.nl/",
        "contact_email": "lerarenopleiding.windesheim@example.org",
    },
    {
        "key": "fontys",
        "name": "Fontys Hogescholen",
        "programme": "Leraar Technisch Beroepsonderwijs",
        "website": "https://www.fontys.nl/",
        "contact_email": "lerarenopleiding.fontys@example.org",
    },
    {
        "key": "rotterdam",
        "name": "Hogeschool Rotterdam",
        "programme": "Leraar Technisch Beroepsonderwijs",
        "website": "https://www.hogeschoolrotterdam.nl/",
        "contact_email": "lerarenopleiding.hr@example.org",
    },
    {
        "key": "hva",
        "name": "Hogeschool van Amsterdam",
        "programme": "Leraar Mens en Technologie",
        "website": "https://www.hva.nl/",
        "contact_email": "lerarenopleiding.hva@example.org",
    },
    {
        "key": "aeres",
        "name": "Aeres Hogeschool",
        "programme": "Docent en kennismanager Agrotechniek",
        "website": "https://www.aereshogeschool.nl/",
        "contact_email": "lerarenopleiding.aeres@example.org",
    },
    {
        "key": "hu",
        "name": "Hogeschool Utrecht",
        "programme": "Leraar Techniek (tweedegraads)",
        "website": "https://www.hu.nl/",
        "contact_email": "lerarenopleiding.hu@example.org",
    },
]


class Tally:
    """How many objects a step created, updated or left alone."""

    def __init__(self):
        self.created = 0
        self.updated = 0
        self.unchanged = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"

    def count(self, created=False, changed=False):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


# --- comparing and writing -------------------------------------------------------------------------------------------


def _without_block_ids(data):
    """Stream data without the generated block ids, so two versions of the same content compare equal."""
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def _differs(instance, name, value):
    field = instance._meta.get_field(name)
    current = getattr(instance, name)
    if isinstance(field, StreamField):
        block = field.stream_block
        return _without_block_ids(block.get_prep_value(current)) != _without_block_ids(
            block.get_prep_value(block.to_python(value))
        )
    if isinstance(field, ParentalManyToManyField):
        return {obj.pk for obj in current.all()} != {obj.pk for obj in value}
    if field.many_to_one:
        return getattr(instance, field.attname) != (value.pk if value is not None else None)
    return current != value


def apply_changes(instance, fields):
    """Set the fields that differ; returns their names."""
    changed = [name for name, value in fields.items() if _differs(instance, name, value)]
    for name in changed:
        setattr(instance, name, fields[name])
    return changed


def upsert_page(parent, model, slug, tally, **fields):
    """The page of this type and slug under parent, created or brought up to date, and published.

    A new revision is saved and published only when a field differs, so a second run leaves the tree untouched.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug)
        apply_changes(page, fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.count(created=True)
        return page
    changed = apply_changes(page, fields)
    if changed:
        page.save_revision().publish()
    tally.count(changed=bool(changed))
    return page


def upsert_object(model, lookup, tally, **fields):
    """A plain model instance (a snippet) found by its natural key, created or brought up to date."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup)
        apply_changes(instance, fields)
        instance.save()
        tally.count(created=True)
        return instance
    changed = apply_changes(instance, fields)
    if changed:
        instance.save()
    tally.count(changed=bool(changed))
    return instance


# --- building stream data --------------------------------------------------------------------------------------------


def html_paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def html_list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def paragraph(*texts):
    """A paragraph block; a text that starts with "<" is taken as ready-made HTML (a list, a heading)."""
    return {"type": "paragraph", "value": "".join(t if t.startswith("<") else f"<p>{t}</p>" for t in texts)}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def steps(items, title="Zo werkt het"):
    return {
        "type": "steps",
        "value": {"title": title, "steps": [{"title": step, "text": html_paragraphs(text)} for step, text in items]},
    }


def faq(items, title="Veelgestelde vragen"):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "questions": [{"question": question, "answer": html_paragraphs(answer)} for question, answer in items],
        },
    }


def tips(title, items):
    return {"type": "tips", "value": {"title": title, "tips": list(items)}}


def quote(text, attribution="", role=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution, "role": role}}


def link(title, url="", page=None, description=""):
    return {"title": title, "page": page.pk if page else None, "url": url, "description": description}


def read_more(links, title="Meer lezen"):
    return {"type": "read_more", "value": {"title": title, "links": list(links)}}


def contact_card(name, role="", organisation="", email="", phone="", website=""):
    return {
        "type": "contact_card",
        "value": {"name": name, "role": role, "organisation": organisation, "email": email, "phone": phone,
                  "website": website},
    }


# --- the site root ---------------------------------------------------------------------------------------------------


def ensure_tree_root():
    """The default locale and the tree's root node: Wagtail's migrations make them, but a test database flush
    (transactional tests) removes them again."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def remove_welcome_page():
    """Delete Wagtail's "Welcome to your new Wagtail site!" page (a bare Page without children under the root).

    Its Site goes with it (Site.root_page cascades); the loader makes a new default Site for the home page.
    """
    root = Page.get_first_root_node()
    bare_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.child_of(root).filter(content_type=bare_page, numchild=0):
        page.delete()


def ensure_home_page(tally):
    ensure_tree_root()
    remove_welcome_page()
    root = Page.get_first_root_node()
    existing = HomePage.objects.child_of(root).first()
    return upsert_page(
        root,
        HomePage,
        existing.slug if existing else "home",
        tally,
        title=SITE_NAME,
        intro="Wil je jouw vak doorgeven aan jonge mensen? Hier lees je hoe je docent wordt in het technisch vmbo of "
        "mbo, ook als je nu nog in de techniek werkt.",
        hero_title="Geef jouw vak door: word docent in de techniek",
        # No route with training takes only a few months: zij-instroom is a work-and-learn route of at most two
        # years (routes-facts S1, S2), a PDG about one and a half (S9, S10).
        hero_text="Scholen in het vmbo en mbo zoeken vakmensen die willen lesgeven. Er zijn meer routes naar de klas "
        "dan je denkt: naast je baan, in deeltijd, of als zij-instromer met een baan op school terwijl je de "
        "opleiding volgt. Ontdek welke route bij jou past.",
        primary_action_label="Welke route past bij mij?",
        featured_routes_title="Routes naar het techniekonderwijs",
        register_title="Laat weten dat je interesse hebt",
        register_text="Vul één kort formulier in. Iemand van het regioloket neemt binnen een maand contact "
        "met je op. Samen kijken jullie welke school en welke route bij je passen.",
    )


def ensure_default_site(home, tally):
    """The default Site points at the home page (localhost:80; other host names fall back to it)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                   site_name=SITE_NAME)
        tally.count(created=True)
        return site
    changed = apply_changes(site, {"hostname": "localhost", "port": 80, "root_page": home, "site_name": SITE_NAME})
    if changed:
        site.save()
    tally.count(changed=bool(changed))
    return site


# --- standard pages --------------------------------------------------------------------------------------------------

PRIVACY_EMAIL = "privacy@example.org"
CONTACT_EMAIL = "info@example.org"
PRIVACY_VERSION = "1"


def load_standard_pages(home, tally):
    privacy = upsert_page(
        home,
        StandardPage,
        "privacy",
        tally,
        title="Privacyverklaring",
        intro="Laat je via deze site weten dat je interesse hebt? Dan bewaren we een paar gegevens over jou. Hier lees "
        "je welke, waarom, hoe lang, en wat je rechten zijn.",
        body=[
            heading("Welke gegevens bewaren we?"),
            paragraph(
                "Als je het aanmeldformulier invult, bewaren we:",
                html_list(
                    "je naam en e-mailadres;",
                    "je telefoonnummer, als je dat invult;",
                    "je postcode;",
                    "wat je nu doet, je hoogste opleiding en je jaren technische werkervaring;",
                    "de routes en rollen waarin je interesse hebt;",
                    "hoe je het liefst benaderd wordt, en je bericht als je iets schrijft;",
                    "dat je akkoord bent met deze privacyverklaring: de versie en het tijdstip.",
                ),
                "We houden ook bij wanneer iemand contact met je heeft opgenomen en welke e-mails we je hebben "
                "gestuurd.",
            ),
            heading("Waarom?"),
            paragraph(
                "We gebruiken je gegevens alleen om binnen een maand contact met je op te nemen over werken in het "
                "onderwijs, en om je te helpen een route en een school te vinden. Met je postcode bepalen we welk "
                "regioloket je benadert. We doen dit omdat jij daar toestemming voor geeft.",
            ),
            heading("Wie ziet je gegevens?"),
            paragraph(
                "Alleen de medewerkers die aanmeldingen opvolgen, en de coördinator van jouw regio. Redacteuren van "
                "de site zien je gegevens niet. We verkopen je gegevens niet en geven ze niet aan anderen zonder jouw "
                "toestemming.",
            ),
            heading("Hoe lang bewaren we je gegevens?"),
            paragraph(
                "Tot twaalf maanden nadat je aanmelding is afgesloten. Daarna maken we je aanmelding anoniem: we "
                "wissen je naam en contactgegevens. Wat overblijft, gebruiken we alleen om te tellen, bijvoorbeeld "
                "hoeveel mensen binnen een maand zijn benaderd.",
            ),
            heading("Je aanmelding intrekken"),
            paragraph(
                "In de bevestigingsmail staat een link om je aanmelding in te trekken. Doe je dat, dan wissen we je "
                "persoonsgegevens meteen en krijg je geen berichten meer van ons. Je kunt ook een e-mail sturen naar "
                f"{PRIVACY_EMAIL} met de vraag om je aanmelding in te trekken.",
            ),
            heading("Je rechten"),
            paragraph(
                "Je mag altijd:",
                html_list(
                    "je gegevens inzien;",
                    "je gegevens laten verbeteren;",
                    "je gegevens laten wissen;",
                    "je toestemming intrekken;",
                    "bezwaar maken tegen wat we met je gegevens doen.",
                ),
                f"Stuur je verzoek naar {PRIVACY_EMAIL} en we reageren binnen een maand. Ben je het niet eens met "
                "hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij de "
                '<a href="https://autoriteitpersoonsgegevens.nl/">Autoriteit Persoonsgegevens</a>.',
            ),
            heading("Cookies"),
            paragraph(
                "Deze site gebruikt alleen cookies die nodig zijn om de site te laten werken, zoals een cookie dat "
                "formulieren beveiligt. We gebruiken geen cookies om je te volgen.",
            ),
            heading("Versie"),
            paragraph(f"Dit is versie {PRIVACY_VERSION} van deze privacyverklaring."),
            contact_card("Vragen over privacy", organisation=SITE_NAME, email=PRIVACY_EMAIL),
        ],
    )
    accessibility = upsert_page(
        home,
        StandardPage,
        "toegankelijkheid",
        tally,
        title="Toegankelijkheidsverklaring",
        intro="We willen dat iedereen deze site kan gebruiken, ook met een beperking. We streven naar niveau AA van "
        "de richtlijnen voor toegankelijke websites (WCAG 2.2).",
        body=[
            heading("Wat we doen"),
            paragraph(
                html_list(
                    "De hele site werkt met alleen een toetsenbord. Je ziet altijd waar je bent.",
                    "Met de link bovenaan de pagina ga je direct naar de inhoud.",
                    "De site werkt ook zonder JavaScript.",
                    "Elk formulierveld heeft een duidelijk label. Foutmeldingen staan bij het veld en worden "
                    "voorgelezen.",
                    "Kleur is nooit de enige manier om iets duidelijk te maken.",
                    "De site past zich aan je scherm aan, ook op een telefoon.",
                    "We schrijven in eenvoudig Nederlands (taalniveau B1).",
                ),
            ),
            heading("Hoe we dit controleren"),
            paragraph(
                "We testen elk type pagina automatisch met axe-core, op de regels van WCAG 2.2 niveau A en AA. "
                "Ook controleren we met de hand of alles met een toetsenbord werkt.",
            ),
            heading("Werkt iets niet?"),
            paragraph(
                "Loop je tegen een probleem aan? Laat het ons weten. Vertel op welke pagina het was en wat er misging. "
                "We nemen binnen tien werkdagen contact met je op.",
            ),
            contact_card("Toegankelijkheid", organisation=SITE_NAME, email="toegankelijkheid@example.org"),
        ],
    )
    contact = upsert_page(
        home,
        StandardPage,
        "contact",
        tally,
        title="Contact",
        intro="Heb je een vraag over werken in het techniekonderwijs, of over deze site? Hier lees je wie je kunt "
        "bereiken.",
        show_in_menus=True,
        body=[
            heading("Wil je docent worden?"),
            paragraph(
                "Doe de routewijzer, of laat je gegevens achter via het aanmeldformulier. Het regioloket "
                "neemt dan binnen een maand contact met je op.",
                "Wil je eerst onafhankelijk advies? Het Onderwijsloket helpt je gratis, per e-mail of telefoon.",
            ),
            contact_card("Onderwijsloket", role="Gratis advies over werken in het onderwijs",
                         website="https://www.onderwijsloket.com/"),
            heading("Ben je een school?"),
            paragraph(
                "Voor vragen over het opleiden van nieuwe collega's kun je terecht bij de lerarenopleiding in je "
                "buurt. Je vindt hun gegevens in de Docententoolkit, bij het artikel over samen opleiden.",
            ),
            heading("Over deze site"),
            paragraph("Zie je een fout, of heb je een tip? Laat het de redactie weten."),
            contact_card("Redactie", organisation=SITE_NAME, email=CONTACT_EMAIL),
        ],
    )
    return privacy, accessibility, contact


# --- practice examples ("Uit de praktijk", seed 002) -----------------------------------------------------------------

T = PracticeTheme
PRACTICE_EXAMPLES = [
    ("Strategisch hrm en personeelsplanning bij een tekort", "Nijmegen", T.STRATEGIC_HRM,
     "De regio Nijmegen begon al vroeg met strategisch hrm en personeelsplanning. Een oud-hoofd personeelszaken en de "
     "projectleider van de regio vertellen wat dat opleverde."),
    ("Tutoring in de regio Zwolle", "Zwolle", T.RECRUITMENT,
     "Leerlingen uit de bovenbouw van havo en vwo helpen als tutor jongere leerlingen. Zo ontdekken ze het vak van "
     "docent en kiezen ze beter onderbouwd een studie."),
    ("Gevluchte docenten weer voor de klas", "Landelijk", T.RECRUITMENT,
     "Veel gevluchte docenten hebben van DUO een erkende bevoegdheid en willen zo snel mogelijk weer lesgeven. Wat is "
     "er nodig om dat mogelijk te maken?"),
    ("Een instroommakelaar wijst de weg", "Zwolle", T.RECRUITMENT,
     "Veel mensen die naar het onderwijs willen overstappen, weten niet welke route ze moeten nemen. De regio Zwolle "
     "zette daarom een instroommakelaar in, die hen persoonlijk op weg helpt. Zo raakt niemand onderweg kwijt."),
    ("Een regionaal loket voor nieuwe docenten", "Leiden en Duin- en Bollenstreek", T.RECRUITMENT,
     "Begin 2020 opende deze regio een loket om mensen uit nieuwe doelgroepen naar het voortgezet onderwijs te halen. "
     "Het loket brengt geïnteresseerden en scholen bij elkaar."),
    ("Samen werken aan het imago van het onderwijs", "Zeeland en Nijmegen", T.RECRUITMENT,
     "Twee regionale loketten brengen zij-instromers in contact met scholen in verschillende sectoren. Ze werken ook "
     "aan het behoud van leraren. In een interview delen de projectleiders hun ervaringen."),
    ("Kennismakingstraject voor talentvolle studenten", "West-Brabant", T.RECRUITMENT,
     "Twee scholen in Roosendaal en Bergen op Zoom werken samen met de lerarenopleiding van Fontys in Tilburg om "
     "nieuwe docenten voor de bètavakken te vinden."),
    ("Docenten werven voor de techniek in Rijnmond", "Rijnmond", T.RECRUITMENT,
     "In Rijnmond is het steeds moeilijker om docenten voor technische vakken te vinden. TechForce Rijnmond pakt dat "
     "aan met voorlichting en door nieuwe groepen mensen te benaderen."),
    ("Chemie voor de klas", "Utrecht", T.RECRUITMENT,
     "Scholen, lerarenopleidingen en de beroepsvereniging van chemici organiseerden samen een informatieavond voor "
     "chemici die zij-instromer of hybride docent willen worden."),
    ("Van PAL-student naar leraar", "Landelijk", T.RECRUITMENT,
     "Studenten uit het hoger onderwijs helpen als PAL (persoonlijk assistent van de leraar) docenten in het "
     "voortgezet onderwijs. Het is een betaalde "
     "bijbaan waarmee ze het onderwijs leren kennen."),
    ("Speeddaten met kansrijke zij-instromers", "Utrecht", T.RECRUITMENT,
     "Schooldirecteuren ontmoetten mogelijke zij-instromers tijdens een speeddate-avond. Zo vonden scholen en "
     "kandidaten elkaar snel."),
    ("Statushouders worden bètadocent", "Amsterdam", T.RECRUITMENT,
     "Een scholengemeenschap in Amsterdam leidt samen met de gemeente statushouders op tot docent in de bètavakken."),
    ("Statushouders en wereldburgers in het onderwijs", "Landelijk", T.RECRUITMENT,
     "Hoogopgeleide statushouders en andere nieuwkomers volgen een opleiding tot tweedegraads docent in een vak met "
     "tekorten. Zo helpen ze scholen, en bouwen ze zelf een bestaan op in Nederland."),
    ("Lesgeven in Zeeland", "Zeeland", T.RECRUITMENT,
     "Sinds februari 2020 laat een Zeeuws platform zien hoe je in het Zeeuwse onderwijs aan de slag kunt. Je kunt ook "
     "een interview met de makers beluisteren."),
    ("Leerlingen enthousiast maken voor het docentenvak", "Noord-Limburg", T.RECRUITMENT,
     "Een opleidingsschool in Noord-Limburg maakte een programma waarmee leerlingen uit de voorexamenklassen "
     "kennismaken met het vak van docent."),
    ("Campagne Liever voor de Klas", "Amsterdam", T.RECRUITMENT,
     "De gemeente Amsterdam begon in 2017 een campagne om meer mensen voor het onderwijs te winnen, met een website en "
     "een helpdesk voor persoonlijk advies. Een infographic laat de resultaten zien."),
    ("Samen inhuren in de regio", "Rotterdam en Den Haag", T.COOPERATION,
     "In 2020 kochten 28 schoolbesturen rond Rotterdam en Den Haag samen de inhuur in van leraren, leraarondersteuners "
     "en onderwijsassistenten voor het basis- en speciaal onderwijs."),
    ("Een zachte landing voor starters", "Nijmegen en Arnhem", T.RETENTION,
     "ROC Nijmegen helpt nieuwe collega's op weg met een programma om in te werken en te begeleiden. Samen met Rijn "
     "IJssel in Arnhem zorgt de school dat medewerkers zich hun hele loopbaan kunnen blijven ontwikkelen."),
    ("Het inwerktraject in beeld met de BSL-tool", "Groot Amsterdam en Zuid-Kennemerland", T.RETENTION,
     "Om te voorkomen dat startende leraren vroeg stoppen, gebruiken scholen in deze regio een scan voor de "
     "begeleiding van starters. Zo zien ze waar hun inwerktraject beter kan."),
    ("Podcast Zin in lesgeven: langstuderen", "Rijnmond", T.RETENTION,
     "Een docent en een begeleider van een opleidingsschool praten over studenten die lang over hun lerarenopleiding "
     "doen, en over wat daartegen helpt."),
    ("Podcast Zin in lesgeven: groenpluk", "Landelijk", T.RETENTION,
     "Studenten die al voor de klas staan voordat ze klaar zijn met hun opleiding, studeren vaak niet op tijd af. In "
     "deze podcast praten drie kenners over dat probleem."),
    ("Leerateliers over de grenzen van de school", "Friesland en Overijssel", T.RETENTION,
     "Acht schoolbesturen en twee lerarenopleidingen laten docenten van verschillende scholen samen leren. Dat maakt "
     "het onderwijs beter en bindt starters aan de regio."),
    ("Een tweede bevoegdheid voor tekortvakken", "Landelijk", T.DOUBLE_QUALIFICATION,
     "Een school moedigt nieuwe en ervaren docenten aan om een tweede bevoegdheid te halen in een vak met tekorten. "
     "Het tekort aan wiskundedocenten is daar nu opgelost, en de docenten blijven zich ontwikkelen."),
    ("RAP in beweging: een terugblik", "Landelijk", T.COOPERATION,
     "Een terugblik op een interactieve bijeenkomst van de RAP (Regionale Aanpak Personeelstekort) over hoe "
     "regio's de arbeidsmarkt in het onderwijs in beweging "
     "krijgen, met een getekend verslag."),
    ("Anders organiseren in de Bollenstreek", "Bollenstreek", T.COOPERATION,
     "Tien scholen in de Bollenstreek begonnen samen een lerend netwerk om het lerarentekort op te vangen met andere "
     "manieren van organiseren."),
    ("De beroepsgroep als ambassadeur", "Landelijk", T.COOPERATION,
     "Hoe betrek je leraren zelf bij de aanpak van de tekorten? Twee voorbeelden laten zien wat vo en mbo daarin van "
     "elkaar kunnen leren."),
    ("Samen starters behouden", "Landelijk", T.RETENTION,
     "Goede begeleiding in de eerste jaren houdt nieuwe docenten binnen en maakt het onderwijs beter. Welke afspraken "
     "kunnen scholen in een regio daarover maken?"),
    ("De ideale weg naar een baan in het onderwijs", "Landelijk", T.RECRUITMENT,
     "Regio's dachten samen na over de stappen die iemand zet die naar het onderwijs wil overstappen, en over hoe ze "
     "die weg makkelijker maken."),
    ("Zij-instromers goed door de eerste weken", "Landelijk", T.RETENTION,
     "De overstap naar het onderwijs is groot. Zonder goede begeleiding haken zij-instromers soms vroeg af. Wat helpt "
     "in de eerste weken, en hoe beleefden zij-instromers die tijd zelf?"),
    ("Kennisevent: goed personeel door regionale samenwerking", "Landelijk", T.COOPERATION,
     "Een terugblik op een online kennisevent waar regio's uit het primair onderwijs, het voortgezet onderwijs en het "
     "mbo lieten zien hoe samenwerken helpt tegen het personeelstekort."),
    ("Zij-instroom een vaste plek geven", "Landelijk", T.STRATEGIC_HRM,
     "Regio's gaan verschillend om met zij-instroom. Over één ding zijn ze het eens: besturen moeten eerst samen "
     "bespreken waarom ze zij-instromers willen aannemen."),
    ("RAP van start in vo en mbo", "Landelijk", T.COOPERATION,
     "Projectleiders van regio's in het vo en mbo leerden elkaar kennen. Ze deelden hoe ze een regionaal loket en "
     "bijeenkomsten voor geïnteresseerden opzetten."),
]


def load_practice_examples(home, tally):
    index = upsert_page(
        home,
        PracticeExampleIndexPage,
        "uit-de-praktijk",
        tally,
        title="Uit de praktijk",
        intro="Scholen en regio's in het hele land werken aan nieuwe docenten. Laat je inspireren door wat zij "
        "deden. Kies een thema of een regio.",
        show_in_menus=True,
    )
    for title, region, theme, summary in PRACTICE_EXAMPLES:
        upsert_object(PracticeExample, {"title": title}, tally, region=region, theme=theme, summary=summary)
    return index


# --- the agenda (seed 003, and one event that is always upcoming) ----------------------------------------------------

UPCOMING_EVENT_SLUG = "informatiebijeenkomst-word-techniekdocent"


def upcoming_event_date(index):
    """Keep the upcoming event's date while it is still ahead; once it has passed, move it four weeks ahead.

    So a second run on the same day changes nothing, and the home page always has an event to show.
    """
    today = timezone.localdate()
    existing = EventPage.objects.child_of(index).filter(slug=UPCOMING_EVENT_SLUG).first()
    if existing and existing.start_date >= today:
        return existing.start_date
    return today + dt.timedelta(weeks=4)


def load_events(home, tally):
    index = upsert_page(
        home,
        EventIndexPage,
        "agenda",
        tally,
        title="Agenda",
        intro="Bijeenkomsten voor wie docent wil worden in de techniek, en voor scholen die nieuwe collega's zoeken.",
        show_in_menus=True,
    )
    upsert_page(
        index,
        EventPage,
        "ecpb-online-bijeenkomst-2024",
        tally,
        title="Online bijeenkomst ECPB: samen het tekort aan techniekdocenten aanpakken",
        intro="De vijf technische lerarenopleidingen van het ECPB (Expertisecentrum voor het Praktijkgericht "
        "Beroepsonderwijs) nodigen scholen uit om samen programma's en "
        "trajecten op maat te maken, voor het werven en behouden van docenten.",
        start_date=dt.date(2024, 6, 12),
        start_time=dt.time(15, 0),
        end_time=None,
        online=True,
        location="",
        audience="Scholen met technisch vmbo: schoolleiders en hr-medewerkers",
        sign_up="<p>Aanmelden ging via de uitnodiging van het ECPB. Deze bijeenkomst is voorbij. Wil je toch "
        "meedenken? Neem contact op met een van de lerarenopleidingen.</p>",
        sign_up_url="",
        body=[
            paragraph(
                "In het vmbo is een groot tekort aan docenten voor de techniek. Daardoor wordt het steeds moeilijker "
                "om leerlingen goed onderwijs te geven. De vijf lerarenopleidingen voor het technisch "
                "beroepsonderwijs werken daarom samen in het ECPB: Aeres Hogeschool, Fontys, Hogeschool Rotterdam, de "
                "Hogeschool van Amsterdam en Windesheim.",
                "In deze online bijeenkomst bespreken ze met scholen hoe ze samen meer technisch talent voor de klas "
                "krijgen, en houden.",
            ),
            tips(
                "Waar we samen aan willen werken",
                [
                    "<p><b>Maatwerk:</b> trajecten die passen bij wat jouw school en regio nodig hebben.</p>",
                    "<p><b>Landelijke promotie:</b> samen het beeld van het technisch onderwijs sterker maken.</p>",
                    "<p><b>Opleidingsbehoeften:</b> in kaart brengen wat de huidige docenten nodig hebben.</p>",
                    "<p><b>Begeleiding:</b> aankomende docenten beter helpen om hun opleiding af te ronden.</p>",
                    "<p><b>Kennis delen:</b> van elkaars ervaringen en goede voorbeelden leren.</p>",
                    "<p><b>Keuzes maken:</b> welke acties hebben de meeste impact en gaan voor?</p>",
                ],
            ),
            paragraph(
                "Scholen hebben vaak weinig tijd en mensen. Daarom is het belangrijk om vroeg met elkaar in gesprek te "
                "gaan. Dan kan iedereen de beschikbare capaciteit zo goed mogelijk gebruiken.",
            ),
            read_more([link("Routes naar het leraarschap bij het ECPB", "https://ecpb.nl/opleidingen-en-routes/")]),
        ],
    )
    upsert_page(
        index,
        EventPage,
        UPCOMING_EVENT_SLUG,
        tally,
        title="Informatiebijeenkomst: word docent in de techniek",
        intro="In een uur hoor je welke routes er zijn naar het techniekonderwijs. Je stelt je vragen aan docenten "
        "die de overstap al maakten.",
        start_date=upcoming_event_date(index),
        start_time=dt.time(19, 30),
        end_time=dt.time(20, 30),
        online=True,
        location="",
        audience="Vakmensen, studenten en iedereen die wil overstappen naar het onderwijs",
        sign_up='<p>Stuur een e-mail naar <a href="mailto:agenda@example.org">agenda@example.org</a>. Je krijgt dan '
        "de link naar de bijeenkomst.</p>",
        sign_up_url="",
        body=[
            paragraph(
                "Twijfel je of lesgeven iets voor jou is? Of weet je niet welke route je moet kiezen? In deze online "
                "bijeenkomst krijg je antwoord.",
            ),
            tips(
                "Het programma",
                [
                    "<p>Welke routes zijn er: zij-instroom, PDG, de deeltijdopleiding, hybride werken en meer.</p>",
                    "<p>Wie betaalt wat, en kun je je baan houden?</p>",
                    "<p>Een docent die uit de techniek kwam vertelt over de overstap.</p>",
                    "<p>Tijd voor jouw vragen.</p>",
                ],
            ),
        ],
    )
    return index


# --- the Docententoolkit ---------------------------------------------------------------------------------------------

STO_TOOLKIT = link("De docententoolkit van Sterk Techniekonderwijs",
                   "https://www.sterktechniekonderwijs.nl/tools/docententoolkit/")
ONDERWIJSLOKET = link("Onderwijsloket: overzicht van de regioloketten", "https://www.onderwijsloket.com/")


def college_cards():
    return [
        contact_card(college["programme"], role="Lerarenopleiding", organisation=college["name"],
                     email=college["contact_email"], website=college["website"])
        for college in COLLEGES
    ]


def load_toolkit(home, practice_index, tally):
    index = upsert_page(
        home,
        ArticleIndexPage,
        "docententoolkit",
        tally,
        title="Docententoolkit",
        intro="Praktische artikelen voor scholen: hoe vind je nieuwe techniekdocenten, hoe leid je ze samen op en hoe "
        "houd je ze?",
        show_in_menus=True,
    )
    new_groups = upsert_page(
        index,
        ArticlePage,
        "nieuwe-doelgroepen-interesseren",
        tally,
        title="Nieuwe doelgroepen interesseren",
        intro="De lerarenopleidingen leveren te weinig nieuwe docenten. Zo vind je nieuwe collega's in het "
        "bedrijfsleven, onder studenten en in je eigen school.",
        topic=ArticleTopic.ATTRACT,
        audience=ArticleAudience.SCHOOLS,
        body=[
            heading("Begin bij het profiel"),
            paragraph(
                "Wat heeft je team nodig? Misschien zoek je een volledig bevoegde docent. Maar ook een "
                "onderwijsassistent, instructeur, hybride docent, gastdocent of praktijkbegeleider kan veel "
                "betekenen. Denk daar eerst over na, voordat je gaat zoeken.",
            ),
            heading("Vakmensen uit de techniek"),
            paragraph(
                "Technici die hun vak willen doorgeven, zijn een belangrijke bron van nieuwe docenten. Je vindt ze "
                "vaak dichtbij: bij de bedrijven waar je leerlingen stage lopen, of waar je school al mee "
                "samenwerkt.",
            ),
            tips(
                "Zo kom je in contact met vakmensen",
                [
                    "<p>Vraag medewerkers van je stagebedrijven of ze op een andere manier met de school willen "
                    "samenwerken.</p>",
                    "<p>Nodig medewerkers van partnerbedrijven uit op school, voor een gesprek met je docenten.</p>",
                    "<p>Praat op een netwerkbijeenkomst met bedrijven over hybride docenten en gastdocenten.</p>",
                    "<p>Betrek ook de directie en de hr-afdeling van die bedrijven.</p>",
                ],
            ),
            paragraph(
                "Ook opleidingsfondsen en brancheorganisaties in de techniek helpen. Zij bieden het scholingstraject "
                "Hybride Techniekopleider aan. In sommige regio's zijn er oriëntatiecursussen, samen met de "
                "lerarenopleidingen. Daarna kunnen deelnemers verder met een PDG, een Associate degree of de "
                "tweedegraads lerarenopleiding.",
            ),
            heading("Laat mensen eerst proeven"),
            paragraph(
                "De meeste mensen willen eerst zien hoe het onderwijs is, voordat ze kiezen. Bied daarom een "
                "kennismaking aan met je team, een dag of dagdeel meelopen, of een gastles. Zorg dat ze praten met "
                "iemand met een vergelijkbare achtergrond, zoals een docent die ook uit de techniek komt. Dat schept "
                "meteen een band.",
            ),
            heading("Studenten in het mbo en hbo"),
            paragraph(
                "Mbo-scholen weten vaak welke studenten graag uitleggen en anderen helpen. Praat met je mbo-partners "
                "over lesgeven als volgende stap na het diploma. Hbo-studenten kunnen na hun bachelor in één jaar een "
                "kopopleiding volgen. Met een educatieve minor maken ze al eerder kennis met het vmbo. En aan "
                "universiteiten helpen studenten als PAL (persoonlijk assistent van de leraar) docenten in het "
                "voortgezet onderwijs.",
            ),
            heading("Voorbeeld: eigen studenten voor de klas"),
            paragraph(
                "Een mbo-school in Friesland kon moeilijk nieuwe docenten vinden. Toen keek de school naar haar eigen "
                "vierdejaars in de techniek. Een oud-student mechatronica werkt er nu als docent. De school sprak "
                "vooraf uitgebreid met hem, en keek hoe hij met zijn vak en met klasgenoten omging. Hij begon als "
                "ondersteuner van een docent en geeft nu zelf les. Eén dag per week volgt hij de lerarenopleiding.",
            ),
            # Seed 000 ("Eigen leerling voor de klas", source: Techniekpact).
            quote("Het was al zo moeilijk om nieuwe docenten te vinden, en de regio vergrijst snel.", "Klaas Kort",
                  "opleidingsmanager bij ROC Friese Poort"),
            heading("Sluit aan bij de regio"),
            paragraph(
                "In het hele land werken scholen, besturen en lerarenopleidingen samen tegen het lerarentekort. Veel "
                "regio's hebben een loket voor mensen die naar het onderwijs willen overstappen. Via het "
                "Onderwijsloket vind je het regioloket bij jou in de buurt.",
            ),
            read_more([
                ONDERWIJSLOKET,
                link("Voorbeelden uit andere regio's", page=practice_index),
                STO_TOOLKIT,
            ]),
        ],
    )
    training = upsert_page(
        index,
        ArticlePage,
        "samen-opleiden",
        tally,
        title="Samen opleiden met de lerarenopleidingen",
        intro="Nieuwe docenten uit de techniek kennen hun vak al. Ze moeten vooral leren lesgeven. De "
        "lerarenopleidingen bieden daarvoor routes op maat.",
        topic=ArticleTopic.TRAIN,
        audience=ArticleAudience.SCHOOLS,
        body=[
            paragraph(
                "Veel techniekdocenten in het vmbo kwamen niet via de gewone weg van school naar lerarenopleiding. Ze "
                "werkten eerst in de techniek, of ze combineren lesgeven met een baan in een bedrijf. Zij hebben veel "
                "vakkennis en ervaring. Wat ze nog nodig hebben, is pedagogiek en didactiek. Daarvoor is maatwerk "
                "nodig, en een goede samenwerking tussen school en lerarenopleiding.",
                "Een volledige bevoegdheid en een volle baan hoeven niet altijd het doel te zijn. Ook instructeurs, "
                "onderwijsassistenten en hybride collega's zijn van grote waarde voor het onderwijs.",
            ),
            heading("Flexibele routes"),
            paragraph(
                "De vijf technische lerarenopleidingen werken samen in het ECPB, het Expertisecentrum voor het "
                "Praktijkgericht Beroepsonderwijs. Ze hebben hun opleidingen verdeeld "
                "in modules. Studenten leren in de praktijk, zelfstandig, met elkaar en in colleges. Wie al kennis "
                "en ervaring heeft, kan vrijstellingen krijgen. Dan volg je alleen de modules die je nog nodig hebt. "
                "De school is de werkgever en begeleidt de nieuwe collega tijdens de opleiding.",
            ),
            heading("Stap voor stap naar de klas"),
            paragraph(
                "Voor vakmensen die het onderwijs willen leren kennen, is er het scholingstraject Hybride "
                "Techniekopleider van de technische opleidingsfondsen. Het begint met kennismaken en oriënteren. "
                "Daarna kunnen deelnemers verder als instructeur, met een PDG (pedagogisch-didactisch "
                "getuigschrift) voor het mbo, of met de tweedegraads opleiding. Wat ze al gedaan hebben, telt bij elke "
                "stap mee.",
            ),
            tips(
                "Samen opleiden: waar begin je?",
                [
                    "<p>Maak een afspraak met de lerarenopleiding in je regio. Bespreek welke nieuwe collega's je "
                    "zoekt en wat zij nodig hebben.</p>",
                    "<p>Regel voor elke nieuwe collega een begeleider op school.</p>",
                    "<p>Vraag naar vrijstellingen voor wat iemand al kan.</p>",
                    "<p>Kijk of je schoolbestuur subsidie zij-instroom kan aanvragen bij DUO.</p>",
                ],
            ),
            # Seed 001, as the Docententoolkit prints it.
            quote("Goede scholing, is niet iets van alleen het onderwijs, ook de sector heeft hier haar "
                  "verantwoordelijkheid!", "Thea Koster", "voorzitter Techniekpact"),
            heading("Contact met de lerarenopleidingen"),
            paragraph(
                "Heb je een vraag over het opleiden van nieuwe collega's? Neem contact op met de lerarenopleiding bij "
                "jou in de buurt.",
            ),
            *college_cards(),
            read_more([
                link("Routes naar het leraarschap bij het ECPB", "https://ecpb.nl/opleidingen-en-routes/"),
                STO_TOOLKIT,
            ]),
        ],
    )
    hybrid = upsert_page(
        index,
        ArticlePage,
        "hybride-docentschap",
        tally,
        title="Hybride docentschap: werken in de techniek en in de klas",
        intro="Een hybride docent combineert een baan in een bedrijf met lesgeven. Dat helpt tegen het tekort, en het "
        "maakt het onderwijs en de professional sterker.",
        topic=ArticleTopic.ORGANISE,
        audience=ArticleAudience.SCHOOLS,
        body=[
            paragraph(
                "Een hybride docent heeft twee banen: één in het onderwijs en één in een bedrijf of een andere "
                "organisatie. Vanaf 2016 begonnen de eerste projecten. Pas afgestudeerde bèta's en technici "
                "combineerden hun werk "
                "met lesgeven. Al snel bleek dat dit meer opleverde dan extra handen in de klas.",
            ),
            heading("Wat levert het op?"),
            tips(
                "Hybride werken levert iedereen iets op",
                [
                    "<p><b>Leerlingen</b> krijgen actuele kennis uit de praktijk en een eerlijk beeld van hun "
                    "toekomstige beroep.</p>",
                    "<p><b>De school</b> krijgt lessen die beter aansluiten op de arbeidsmarkt, en extra handen in een "
                    "vak met tekorten.</p>",
                    "<p><b>De professional</b> leert uitleggen, communiceren en coachen. Dat geeft nieuwe motivatie en "
                    "meer loopbaankansen.</p>",
                    "<p><b>Het bedrijf</b> krijgt medewerkers die zich ontwikkelen, en contact met het talent van "
                    "morgen.</p>",
                ],
            ),
            paragraph(
                "Hybride werken is daarmee geen noodoplossing meer, maar een bewuste keuze om talent te ontwikkelen. "
                "Het staat als doel in het Aanvalsplan Bouw, Energie en Techniek en in het Actieplan Groene en "
                "Digitale Banen.",
            ),
            heading("Veel zin, maar waar begin je?"),
            paragraph(
                "Scholen en bedrijven willen vaak wel, maar blijven hangen in dezelfde vragen. Wat levert het ons op? "
                "Hoe regelen we het? Waar beginnen we? Daarvoor zijn gesprekskaarten gemaakt. Die helpen om samen te "
                "bespreken wat hybride werken voor iedereen oplevert.",
                "Er is veel ruimte om te groeien. Ongeveer 40 procent van de beroepsbevolking staat open voor werk in "
                "het onderwijs. Mensen haken vooral af op praktische drempels: werkdruk, onduidelijke routes en de "
                "vraag of het samengaat met hun baan.",
            ),
            tips(
                "Zo maak je het makkelijker",
                [
                    "<p>Werk vast samen met bedrijven en overheid in de regio, bijvoorbeeld binnen Sterk "
                    "Techniekonderwijs of een publiek-private samenwerking.</p>",
                    "<p>Maak de routes naar het onderwijs goed vindbaar, voor professionals en voor hun "
                    "werkgevers.</p>",
                    "<p>Geef hybride werken een plek in loopbaanpaden, zodat professionals het zien als een echte stap "
                    "in hun carrière.</p>",
                    "<p>Maak met de werkgever duidelijke afspraken over uren, rooster en begeleiding.</p>",
                ],
            ),
            heading("Hulp bij de start"),
            paragraph(
                "Wil je in je regio met hybride docentschap aan de slag? Sterk Techniekonderwijs heeft een coach die "
                "helpt bij afspraken met bedrijven over het uitwisselen van personeel en over scholing. Vraag ernaar "
                "via je eigen ondersteuner.",
            ),
            contact_card("Ondersteuning hybride docentschap", organisation="Sterk Techniekonderwijs",
                         email="hybride-docentschap@example.org", website="https://www.sterktechniekonderwijs.nl/"),
            read_more([
                link("Hybride docent bij Techniekpact", "https://www.techniekpact.nl/themas/hybride-docent"),
                link("Wanneer heb je een bevoegdheid nodig?", "https://hybridetechniekdocent.nl/bevoegdheid/"),
            ]),
        ],
    )
    upsert_page(
        index,
        ArticlePage,
        "tips-werving-loopbaan-scholing",
        tally,
        title="Tips voor werving, loopbaan en scholing",
        intro="Korte, praktische tips om nieuwe techniekdocenten te vinden, te laten groeien en te houden.",
        topic=ArticleTopic.RETAIN,
        audience=ArticleAudience.SCHOOLS,
        body=[
            tips(
                "Werving",
                [
                    "<p>Kijk naar wat mensen drijft om in het onderwijs te werken. Sluit daar in je werving bij "
                    "aan.</p>",
                    "<p>Beschrijf in je vacature duidelijk wat voor persoon je zoekt.</p>",
                    "<p>Vertel wat het werk aantrekkelijk maakt: uitdagend, afwisselend en met ruimte om te groeien. "
                    "Praat over rollen en taken, niet over het oude beeld van de leraar. Let op dat je geen "
                    "negatieve beelden versterkt.</p>",
                    "<p>Organiseer met andere scholen en bedrijven in de regio meeloopdagen en korte, vrijblijvende "
                    "stages.</p>",
                    "<p><b>Noteer naam en contactgegevens van iedereen die interesse toont, en neem binnen een maand "
                    "contact op.</b> Mensen melden zich het hele schooljaar door. Wie te lang wacht, verliest "
                    "hun interesse.</p>",
                ],
            ),
            paragraph(
                "Op deze site kunnen mensen zich aanmelden. Het loket in hun regio krijgt meteen bericht, en wordt "
                "herinnerd tot er contact is geweest. Zo raakt niemand kwijt.",
            ),
            # Seed 002 ("Instroommakelaar voorkomt dat kandidaten verdwalen in mogelijkheden").
            quote("Elke goede, nieuwe werknemer is winst en elke geïnteresseerde die door het zoekproces verloren "
                  "gaat, is een groot verlies.", "RAP projectgroep regio Zwolle",
                  "Regionale Aanpak Personeelstekort"),
            tips(
                "Loopbaan",
                [
                    "<p>Investeer in goede begeleiding en coaching. Train collega's daarin, en neem het op in de "
                    "functies en taakomschrijvingen.</p>",
                    "<p>Maak mobiliteit, binnen en buiten het onderwijs, een vast onderwerp in de gesprekken over "
                    "functioneren. Veel mensen willen niet hun hele leven of fulltime in het onderwijs werken.</p>",
                    "<p>Zoek partners in de regio, zoals andere scholen en bedrijven, zodat medewerkers kunnen "
                    "wisselen. Bespreek samen wat het oplevert en wat in de weg zit.</p>",
                    "<p>Overweeg hybride docentschap om docenten langer te houden. Een hybride docent staat misschien "
                    "minder uren voor de klas, maar brengt nieuwe kennis de school in.</p>",
                    "<p>Wees creatief met arbeidsvoorwaarden en contracten, zodat het aanbod aantrekkelijk is.</p>",
                ],
            ),
            tips(
                "Scholing",
                [
                    "<p>Zorg dat elke nieuwe collega de juiste didactische kennis en vakkennis heeft, in welke rol "
                    "dan ook.</p>",
                    "<p>Werk samen met de technische lerarenopleidingen aan routes op maat.</p>",
                ],
            ),
            read_more([
                link("Samen opleiden met de lerarenopleidingen", page=training),
                link("Hybride docentschap", page=hybrid),
                link("Nieuwe doelgroepen interesseren", page=new_groups),
                link("Voorbeelden uit de praktijk", page=practice_index),
            ]),
            contact_card("Redactie Docententoolkit", role="Vragen of tips over de toolkit", organisation=SITE_NAME,
                         email="toolkit@example.org"),
        ],
    )
    return index


# --- the glossary (begrippenlijst) -----------------------------------------------------------------------------------

# (term, full name, explanation in our own words, source name, source URL). The S-numbers are those of
# ../shared/domain/routes-facts.md; seed numbers those of ../shared/seeds.
GLOSSARY = [
    ("Bevoegdheid", "",
     "Het bewijs dat je als docent les mag geven. In het vmbo heb je een eerstegraads of een (beperkte) "
     "tweedegraads bevoegdheid nodig voor het vak dat je geeft. In het mbo heet dit niet zo: daar kan een school je "
     "ook als docent aannemen met een geschiktheidsverklaring en een PDG.",
     "Onderwijsloket: Hoe word ik leraar in het vmbo?",  # S12, S11
     "https://www.onderwijsloket.com/kennisbank/artikel-archief/hoe-word-ik-leraar-in-het-vmbo/"),
    ("Tweedegraads bevoegdheid", "",
     "Met deze bevoegdheid mag je lesgeven in het vmbo, de onderbouw van havo en vwo, het praktijkonderwijs, het "
     "voortgezet speciaal onderwijs en het mbo. Voor het vmbo en mbo heb je geen eerstegraads bevoegdheid nodig.",
     "Onderwijsloket: Welke bevoegdheden zijn er?",  # S13, S26
     "https://www.onderwijsloket.com/kennisbank/artikel-archief/welke-bevoegdheden-zijn-er/"),
    ("Zij-instroom", "zij-instroom in het beroep",
     "Je werkt al als docent op een school en haalt tegelijk je bevoegdheid. Je krijgt salaris. Het duurt hoogstens "
     "twee jaar. Je hebt eerst een baan op een school nodig en een positief geschiktheidsonderzoek.",
     "Rijksoverheid: Hoe word ik zij-instromer in het onderwijs?",  # S1, S2
     "https://www.rijksoverheid.nl/onderwerpen/werken-in-het-onderwijs/vraag-en-antwoord/"
     "hoe-word-ik-zijinstromer-in-het-onderwijs"),
    ("Geschiktheidsonderzoek", "",
     "Het onderzoek aan het begin van zij-instroom. Het schoolbestuur vraagt het aan als je een baan hebt. Met een "
     "portfolio en een assessment kijken ze of je meteen les kunt geven, of je binnen twee jaar je bevoegdheid kunt "
     "halen en welke opleiding je daarvoor nog nodig hebt.",
     "Onderwijsloket: Wat is een geschiktheidsonderzoek?",  # S2
     "https://www.onderwijsloket.com/kennisbank/artikel-archief/wat-is-een-geschiktheidsonderzoek/"),
    ("Subsidie zij-instroom", "",
     "Geld van de overheid voor een zij-instromer. Ook een PDG-traject telt mee. Het schoolbestuur vraagt de "
     "subsidie aan, niet jij. Voor aanvragen vanaf 16 oktober 2022 is het hoogstens 25.000 euro per zij-instromer.",
     "Staatscourant 2024, nr. 40323",  # S3, S4
     "https://zoek.officielebekendmakingen.nl/stcrt-2024-40323.html"),
    ("PDG", "pedagogisch didactisch getuigschrift",
     "Een bewijs dat je les kunt geven in het mbo, alleen voor het mbo. Het is er voor vakmensen met een paar jaar "
     "werkervaring en een hbo-diploma of hbo-denkniveau. Je volgt het terwijl je al als docent werkt, en rondt het "
     "binnen twee jaar af.",
     "MBO Raad: Landelijk raamwerk PDG",  # S6, S7
     "https://www.mboraad.nl/publicaties/landelijk-raamwerk-pedagogisch-didactisch-getuigschrift-pdg"),
    ("Geschiktheidsverklaring", "",
     "Een verklaring van de mbo-school dat je geschikt bent om les te geven. Met die verklaring kun je aan een "
     "PDG-traject beginnen. Tijdens het traject kan de school je tijdelijk als docent aannemen.",
     "Onderwijsloket: Hoe kan ik zij-instromen als docent in het mbo?",  # S7
     "https://www.onderwijsloket.com/kennisbank/artikel-archief/hoe-kan-ik-zij-instromen-als-docent-in-het-mbo/"),
    ("PDA", "pedagogisch didactische aantekening",
     "Een cursus waarin je leert lesgeven. Wie met een buitenlands diploma van het hoger onderwijs in het mbo of de "
     "volwasseneneducatie wil lesgeven, moet de PDA binnen twee jaar halen. Het is niet hetzelfde als het PDG.",
     "Rijksoverheid: Lesgeven met een buitenlandse opleiding",  # S35
     "https://www.rijksoverheid.nl/onderwerpen/werken-in-het-onderwijs/vraag-en-antwoord/"
     "lesgeven-met-buitenlandse-opleiding"),
    ("Kopopleiding", "",
     "Een lerarenopleiding van één jaar na een hbo- of wo-bachelor die past bij een schoolvak. Je haalt er een "
     "tweedegraads bevoegdheid mee.",
     "Vereniging Hogescholen: Kopopleidingen",  # S24
     "https://www.vereniginghogescholen.nl/kennisbank/onderwijs-c6adfa16-227f-4229-8109-b35fc6727d54/artikelen/"
     "kopopleidingen-verkorte-lerarenopleiding-en-toelatingseisen-verwantschapstabel"),
    ("Educatieve minor", "",
     "Een deel van je studie aan een universiteit (30 EC) waarin je leert lesgeven. Je krijgt er een beperkte "
     "tweedegraads bevoegdheid mee. Voor de technische profielvakken in het vmbo is het geen route.",
     "Universiteit Leiden: Beperkte tweedegraads bevoegdheid",  # S25
     "https://www.universiteitleiden.nl/iclon/lo/informatie-over-de-opleiding/beperkte-tweedegraads-bevoegdheid"),
    ("PAL", "persoonlijk assistent van de leraar",
     "Een student in het tweede of derde jaar van de universiteit die vier tot acht uur per week een docent helpt in "
     "het voortgezet onderwijs. Een PAL staat niet zonder begeleiding voor de klas. De school neemt de student in "
     "dienst.",
     "Bètapartners: Persoonlijk assistent van de leraar",  # S34
     "https://www.betapartners.nl/persoonlijk-assistent-van-de-leraar-een-groeiend-succes/"),
    ("EC", "European Credits",
     "Studiepunten in het hoger onderwijs: hoe meer EC, hoe meer studie. De bachelor Leraar Technisch "
     "Beroepsonderwijs bij Windesheim is 240 EC.",
     "Studiekeuze123: Leraar Technisch Beroepsonderwijs, Windesheim",  # S18
     "https://www.studiekeuze123.nl/opleidingen/10897-opleiding-tot-leraar-voortgezet-onderwijs-van-de-tweede-"
     "graad-in-het-technisch-beroepsonderwijs-windesheim-hbo-bachelor/Voltijd"),
    ("NLQF", "Nederlands Kwalificatieraamwerk",
     "Een schaal voor het niveau van een opleiding. Het ECPB zet de tweedegraads lerarenopleiding op niveau 6, en de "
     "Associate degree en het scholingstraject Hybride Techniekopleider op niveau 5.",
     "ECPB: Opleidingen en routes",  # S16
     "https://ecpb.nl/opleidingen-en-routes/"),
    ("ECPB", "Expertisecentrum voor het Praktijkgericht Beroepsonderwijs",
     "Hierin werken de vijf lerarenopleidingen voor het (technisch) beroepsonderwijs samen: Aeres Hogeschool, "
     "Fontys, Hogeschool Rotterdam, Hogeschool van Amsterdam en Windesheim.",
     "Uitnodiging van het ECPB voor de online bijeenkomst van 12 juni 2024",  # seed 003, S17
     "https://ecpb.nl/ecpb-wil-samen-met-u-programmas-en-of-maatwerktrajecten-ontwikkelen/"),
    ("TOA", "technisch onderwijsassistent",
     "Een onderwijsassistent in de techniek. Je werkt onder een docent. Voor onderwijsassistenten gelden geen "
     "wettelijke bekwaamheidseisen. De opleiding tot onderwijsassistent is een mbo-4-opleiding.",
     "Nationale Onderwijsgids: Werken als onderwijsondersteunend personeel",  # S30
     "https://www.nationaleonderwijsgids.nl/sections/docenten/pages/werken-als-onderwijsondersteunend-personeel"),
    ("Leraarondersteuner", "",
     "Een ondersteunende rol in de school. Je kunt er bijvoorbeeld komen met een Associate degree in het onderwijs. "
     "Met een Associate degree haal je geen bevoegdheid.",
     "Onderwijsloket: Met welke Associate degrees kan ik werken in het onderwijs?",  # S27
     "https://www.onderwijsloket.com/kennisbank/artikel-archief/"
     "met-welke-associate-degrees-kan-ik-werken-in-het-onderwijs/"),
    ("Hybride docent", "",
     "Iemand die een baan in het onderwijs combineert met een baan in een bedrijf of een andere sector.",
     "Techniekpact: Hybride docent",  # S31, seed 001
     "https://www.techniekpact.nl/themas/hybride-docent"),
    ("Regioloket", "",
     "Een loket in jouw regio voor mensen die in het onderwijs willen werken. Het Onderwijsloket heeft een overzicht "
     "van alle regioloketten en verwijst je door.",
     "Docententoolkit van Sterk Techniekonderwijs",  # seed 000, S38
     "https://www.sterktechniekonderwijs.nl/tools/docententoolkit/"),
]


def load_glossary(home, tally):
    page = upsert_page(
        home,
        GlossaryPage,
        "begrippen",
        tally,
        title="Begrippenlijst",
        intro="Woorden die je tegenkomt als je docent wilt worden, kort uitgelegd. Bij elk begrip staat waar de uitleg "
        "vandaan komt.",
    )
    for term, full_name, explanation, source_name, source_url in GLOSSARY:
        upsert_object(GlossaryTerm, {"term": term}, tally, full_name=full_name, explanation=explanation,
                      source_name=source_name, source_url=source_url)
    return page


# --- settings --------------------------------------------------------------------------------------------------------


def load_site_settings(site, privacy, accessibility, contact, glossary, tally):
    settings = SiteSettings.for_site(site)
    changed = apply_changes(
        settings,
        {
            "site_name": SITE_NAME,
            "tagline": "Routes naar het lesgeven in het technisch vmbo en mbo",
            "contact_email": CONTACT_EMAIL,
            "privacy_page": privacy,
            "privacy_version": PRIVACY_VERSION,
            "footer_links": [
                {"type": "link", "value": {"title": "Privacyverklaring", "page": privacy.pk, "url": ""}},
                {"type": "link", "value": {"title": "Toegankelijkheid", "page": accessibility.pk, "url": ""}},
                {"type": "link", "value": {"title": "Contact", "page": contact.pk, "url": ""}},
                {"type": "link", "value": {"title": "Begrippenlijst", "page": glossary.pk, "url": ""}},
            ],
        },
    )
    if changed:
        settings.save()
    tally.count(changed=bool(changed))


def load(context):
    """Build the content app's part of the tree. Puts the home page and site in context for the later steps.

    The route pages and the route finder come next (routes/demo.py); it also sets the home page's main button and
    featured routes, because those point at route pages.
    """
    tally = Tally()
    home = ensure_home_page(tally)
    site = ensure_default_site(home, tally)
    privacy, accessibility, contact = load_standard_pages(home, tally)
    practice_index = load_practice_examples(home, tally)
    load_events(home, tally)
    load_toolkit(home, practice_index, tally)
    glossary = load_glossary(home, tally)
    load_site_settings(site, privacy, accessibility, contact, glossary, tally)
    context.update(home=home, site=site, privacy_page=privacy, contact_page=contact)
    return tally

"""StreamField blocks shared by the site's pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    """A paragraph of rich text with headings, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph_block.html"
        label = _("Tekst")
        description = _("Een of meer alinea's met tussenkopjes, lijstjes en links.")
        preview_value = "<p>Veel technici willen hun vak doorgeven aan de volgende generatie.</p>"


class HeadingBlock(blocks.StructBlock):
    """A section heading that appears in the page outline."""

    text = blocks.CharBlock(label=_("Kop"), max_length=120)
    level = blocks.ChoiceBlock(label=_("Niveau"), choices=[("h2", "Kop 2"), ("h3", "Kop 3")], default="h2")

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        label = _("Tussenkop")
        description = _("Een tussenkop die de tekst in stukken deelt.")
        preview_value = {"text": "Hoe begin je?", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with the name and role of the person who said it."""

    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Naam"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Functie of organisatie"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Citaat")
        description = _("Een uitspraak van iemand uit de praktijk, precies zoals een bron die geeft, met naam.")
        preview_value = {
            "text": "Goede scholing, is niet iets van alleen het onderwijs, ook de sector heeft hier haar "
            "verantwoordelijkheid!",
            "attribution": "Thea Koster",
            "role": "voorzitter Techniekpact",
        }


class TipsBlock(blocks.StructBlock):
    """A titled list of short, practical tips."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    tips = blocks.ListBlock(blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("Tips"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/tips_block.html"
        label = _("Tips")
        description = _("Een lijstje met praktische tips.")
        preview_value = {
            "title": "Werving",
            "tips": ["Nodig mensen uit voor een meeloopdag.", "Bel binnen een maand terug."],
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another website."""

    title = blocks.CharBlock(label=_("Linktekst"), max_length=160)
    page = blocks.PageChooserBlock(label=_("Pagina op deze site"), required=False)
    url = blocks.URLBlock(label=_("Of een adres op een andere site"), required=False)
    description = blocks.CharBlock(label=_("Korte toelichting"), required=False, max_length=240)

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Kies een pagina of vul een webadres in."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class ReadMoreBlock(blocks.StructBlock):
    """A list of links for readers who want to know more."""

    title = blocks.CharBlock(label=_("Titel"), default="Meer lezen", max_length=120)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "doc-full"
        template = "components/blocks/read_more_block.html"
        label = _("Meer lezen")
        description = _("Een lijstje met links om verder te lezen.")
        preview_value = {
            "title": "Meer lezen",
            "links": [{"title": "Onderwijsloket", "url": "https://www.onderwijsloket.com/", "description": ""}],
        }


class ContactCardBlock(blocks.StructBlock):
    """Who to contact, with e-mail and phone."""

    name = blocks.CharBlock(label=_("Naam of afdeling"), max_length=120)
    role = blocks.CharBlock(label=_("Functie"), required=False, max_length=160)
    organisation = blocks.CharBlock(label=_("Organisatie"), required=False, max_length=160)
    email = blocks.EmailBlock(label=_("E-mailadres"), required=False)
    phone = blocks.CharBlock(label=_("Telefoon"), required=False, max_length=40)
    website = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "user"
        template = "components/blocks/contact_card_block.html"
        label = _("Contactkaart")
        description = _("Een kaart met de gegevens van een contactpersoon.")
        preview_value = {
            "name": "Servicepunt techniekdocent",
            "organisation": "Regioloket",
            "email": "info@example.org",
        }


class ImageBlock(blocks.StructBlock):
    """An image with a required text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"), max_length=200, help_text=_("Wat staat er op de afbeelding?")
    )
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        label = _("Afbeelding")
        description = _("Een afbeelding met een beschrijving voor wie hem niet kan zien.")

    def get_preview_value(self):
        """The block picker's preview shows the library's first image; a site without images shows the description."""
        image = get_image_model().objects.order_by("pk").first()
        if image is None:
            return None
        return {"image": image, "alt_text": image.title, "caption": "Een bijschrift onder de afbeelding."}


class StepBlock(blocks.StructBlock):
    """One step on the way to the classroom."""

    title = blocks.CharBlock(label=_("Stap"), max_length=160)
    text = blocks.RichTextBlock(label=_("Uitleg"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "arrow-right"
        label = _("Stap")


class StepsBlock(blocks.StructBlock):
    """Numbered steps: how the route goes, from first contact to the classroom."""

    title = blocks.CharBlock(label=_("Titel"), default="Zo werkt het", max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Stappen"))

    class Meta:
        icon = "list-ol"
        template = "components/blocks/steps_block.html"
        label = _("Stappenplan")
        description = _("Genummerde stappen, van eerste contact tot voor de klas.")
        preview_value = {
            "title": "Zo werkt het",
            "steps": [
                {"title": "Oriënteer je", "text": "<p>Loop een dag mee op een school.</p>"},
                {"title": "Solliciteer", "text": "<p>Zoek een baan als docent.</p>"},
            ],
        }


class QuestionBlock(blocks.StructBlock):
    """A frequently asked question and its answer."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Antwoord"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Vraag")


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions, each opening on its own (details/summary, no script)."""

    title = blocks.CharBlock(label=_("Titel"), default="Veelgestelde vragen", max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Vragen"))

    class Meta:
        icon = "help"
        template = "components/blocks/faq_block.html"
        label = _("Veelgestelde vragen")
        description = _("Vragen en antwoorden die elk los open kunnen.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "questions": [{"question": "Kost het geld?", "answer": "<p>Vaak betaalt de school mee.</p>"}],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body of standard pages and articles."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    tips = TipsBlock()
    read_more = ReadMoreBlock()
    contact_card = ContactCardBlock()


class RouteStreamBlock(blocks.StreamBlock):
    """The body of a route page: text, steps and frequently asked questions."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    steps = StepsBlock()
    faq = FAQBlock()
    quote = QuoteBlock()
    read_more = ReadMoreBlock()
    contact_card = ContactCardBlock()

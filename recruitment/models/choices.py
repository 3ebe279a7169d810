"""The fixed lists of the registration form. Values are stored; labels are what visitors and staff read."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from routes.entry_levels import FormEducation


class Status(models.TextChoices):
    NEW = "new", _("Nieuw, wacht op contact")
    CONTACTED = "contacted", _("Contact gehad")
    CLOSED = "closed", _("Afgesloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_STATUSES = (Status.NEW, Status.CONTACTED)


class Situation(models.TextChoices):
    TECHNOLOGY = "techniek", _("Ik werk in de techniek")
    STUDENT = "student", _("Ik studeer (mbo of hbo)")
    FOREIGN_TEACHER = "buitenlandse-leraar", _("Ik ben leraar met een diploma uit het buitenland")
    EDUCATION = "onderwijs", _("Ik werk al in het onderwijs")
    OTHER = "anders", _("Iets anders")


# "Je hoogste opleiding": the levels of the one vocabulary the route pages and the route finder use too
# (routes/entry_levels.py), so a finder answer is the same value here. A registration may also hold a level the form
# no longer offers (routes.entry_levels.STORED_EDUCATION_CHOICES).
Education = FormEducation


class Role(models.TextChoices):
    TEACHER = "docent", _("Docent")
    INSTRUCTOR = "instructeur", _("Instructeur")
    ASSISTANT = "onderwijsassistent", _("Onderwijsassistent")
    HYBRID = "hybride-docent", _("Hybride docent (naast je baan in de techniek)")
    GUEST = "gastdocent", _("Gastdocent")


class ContactPreference(models.TextChoices):
    PHONE = "telefoon", _("Bellen")
    EMAIL = "e-mail", _("E-mail")
    EITHER = "maakt-niet-uit", _("Maakt niet uit")


class MessageState(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    SKIPPED = "skipped", _("Niet meer nodig")
    FAILED = "failed", _("Mislukt")


class Phase(models.TextChoices):
    """Where a candidate is on their path, as staff record it. "Nieuw" until the first contact; the one-month promise
    is about leaving that phase. Later phases have a next-action date set by staff."""

    NEW = "nieuw", _("Nieuw")
    IN_CONVERSATION = "in-gesprek", _("In gesprek")
    ORIENTING = "orienteert", _("Oriënteert zich")
    PREPARING = "voorbereiding", _("Voorbereiding")
    IN_TRAINING = "in-opleiding", _("In opleiding")
    WORKING = "aan-het-werk", _("Aan het werk")
    STOPPED = "gestopt", _("Gestopt")


# The funnel, in order: how far a candidate got. "Gestopt" is not a step but a way out of any of them.
FUNNEL_PHASES = (
    Phase.NEW,
    Phase.IN_CONVERSATION,
    Phase.ORIENTING,
    Phase.PREPARING,
    Phase.IN_TRAINING,
    Phase.WORKING,
)

# The phase as the registrant reads it on their own page: in their words, not staff's.
REGISTRANT_PHASE_TEXT = {
    Phase.NEW: _("Je aanmelding is binnen. Iemand van het regioloket neemt contact met je op."),
    Phase.IN_CONVERSATION: _("Je bent in gesprek met het regioloket."),
    Phase.ORIENTING: _("Je zoekt uit welke route en welke school bij je passen."),
    Phase.PREPARING: _(
        "Je bereidt je voor: bijvoorbeeld een meeloopdag, een sollicitatie of een geschiktheidsonderzoek."
    ),
    Phase.IN_TRAINING: _("Je volgt een opleiding om les te geven."),
    Phase.WORKING: _("Je werkt in het onderwijs."),
    Phase.STOPPED: _("Je traject bij het regioloket is gestopt. Je kunt je altijd opnieuw aanmelden."),
}


class PreparationStep(models.TextChoices):
    JOB_SHADOWING = "meeloopdag", _("Meeloopdag")
    APPLICATION = "sollicitatie", _("Sollicitatie")
    SUITABILITY_TEST = "geschiktheidsonderzoek", _("Geschiktheidsonderzoek")


class InteractionKind(models.TextChoices):
    """How staff and the candidate were in touch. The first interaction logged counts as the first contact."""

    PHONE_CALL = "telefoongesprek", _("Telefoongesprek")
    EMAIL = "e-mail", _("E-mail")
    ADVICE = "adviesgesprek", _("Adviesgesprek")
    JOB_SHADOWING = "meeloopdag", _("Meeloopdag")
    INFORMATION_MEETING = "informatiebijeenkomst", _("Informatiebijeenkomst")
    REFERRED_TRAINING = "doorverwezen-opleiding", _("Doorverwezen naar een opleiding")
    REFERRED_SCHOOL = "doorverwezen-school", _("Doorverwezen naar een school")
    OTHER = "anders", _("Anders")


class Channel(models.TextChoices):
    """Where a registrant came from, derived from first-party data only (campaign parameters, the referring page on
    this site, an event)."""

    CAMPAIGN = "campagne", _("Campagne")
    FINDER = "routewijzer", _("Routewijzer")
    EVENT = "evenement", _("Evenement")
    SITE = "site", _("Andere pagina op deze site")
    ELSEWHERE = "elders", _("Andere website")
    DIRECT = "direct", _("Direct of onbekend")

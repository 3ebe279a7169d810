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


class ContactMethod(models.TextChoices):
    PHONE = "telefoon", _("Telefoon")
    EMAIL = "e-mail", _("E-mail")
    MEETING = "gesprek", _("Gesprek (op locatie of video)")
    OTHER = "anders", _("Anders")


class MessageState(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    SKIPPED = "skipped", _("Niet meer nodig")
    FAILED = "failed", _("Mislukt")

"""The facts a route page states as choices. They live outside the models so the finder (routes/finder/) can read
them without importing the page models, which serve the finder's views."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkExperience(models.TextChoices):
    REQUIRED = "vereist", _("Vereist")
    HELPFUL = "nuttig", _("Helpt, maar niet vereist")
    NOT_NEEDED = "niet-nodig", _("Niet nodig")


class JobCombination(models.TextChoices):
    YES = "ja", _("Ja, naast je huidige baan")
    ALONGSIDE = "naast-werk", _("Alleen naast een baan buiten het onderwijs (hybride docent, gastdocent)")
    PART_TIME = "deeltijd", _("Ja, als je daarnaast in deeltijd op een school werkt")
    NO = "nee", _("Nee, je gaat (vrijwel) helemaal het onderwijs in")


class Qualification(models.TextChoices):
    SECOND_DEGREE = "tweedegraads", _("Tweedegraads bevoegdheid (vmbo en mbo)")
    LIMITED_SECOND_DEGREE = "beperkt-tweedegraads", _("Beperkte tweedegraads bevoegdheid")
    PDG = "pdg", _("Pedagogisch didactisch getuigschrift (docent in het mbo)")
    SUPPORTING = "ondersteunend", _("Een ondersteunende rol, zonder bevoegdheid")
    NONE = "geen", _("Geen bevoegdheid")


TEACHING_QUALIFICATIONS = {Qualification.SECOND_DEGREE, Qualification.LIMITED_SECOND_DEGREE, Qualification.PDG}

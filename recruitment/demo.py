"""Demo content for the recruitment app: the registration page in the tree, linked from the home page's call to
register, and made-up follow-up addresses for the regions. No demo registrations: the demo never holds anyone's
personal data. Idempotent, like the other steps."""

from content.demo import Tally, apply_changes, upsert_object, upsert_page
from routes.models import Region

from .models import RegionFollowUp, RegistrationPage


def ensure_registration_page(home, tally):
    """The registration page under the home page, and the home page's register block pointing at it."""
    page = upsert_page(
        home,
        RegistrationPage,
        "aanmelden",
        tally,
        title="Aanmelden",
        intro="Denk je erover om les te geven in de techniek? Laat je gegevens achter. Binnen een maand belt of mailt "
        "iemand van het regioloket bij jou in de buurt. Samen kijk je welke route en welke school bij je passen.",
        seo_title="Aanmelden: laat je terugbellen over lesgeven in de techniek",
        search_description="Meld je aan en word binnen een maand gebeld door het regioloket bij jou in de buurt.",
        show_in_menus=True,
    )
    home.refresh_from_db()
    changed = apply_changes(
        home,
        {
            "register_page": page,
            "register_title": home.register_title or "Steek je hand op",
            "register_text": home.register_text
            or "Laat je gegevens achter. Binnen een maand neemt iemand uit jouw regio "
            "contact met je op om je verder te helpen.",
        },
    )
    if changed:
        home.save_revision().publish()
    tally.count(changed=bool(changed))
    return page


def ensure_follow_up_addresses(tally):
    """Made-up follow-up addresses (example.org) for every region, so the demo's messages have somewhere to go."""
    for region in Region.objects.order_by("pk"):
        slug = region.name.lower().replace(" ", "-")
        upsert_object(
            RegionFollowUp,
            {"region": region},
            tally,
            follow_up_emails=f"werving.{slug}@example.org\nloket.{slug}@example.org",
            coordinator_email=f"coordinator.{slug}@example.org",
        )


def load(context):
    """The registration page under the home page in context; puts it in context as ``registration_page``."""
    tally = Tally()
    context["registration_page"] = ensure_registration_page(context["home"], tally)
    ensure_follow_up_addresses(tally)
    return tally

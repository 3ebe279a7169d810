"""The check-in page in a real browser (Chromium) on a phone: staff log in, type a code, search a name and check in,
add a walk-in, all answered in place by htmx; axe-core finds no WCAG A/AA problems; a refused camera leads to the
typing field; and a QR code held in front of a (fake) camera is read and checked in."""

import io
import re

import pytest
from PIL import Image

from recruitment.emails import check_in_code_png
from recruitment.events import sign_up
from recruitment.models import EventSignUp
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_violations
from tests.helpers import browser_tab

from .test_event_sign_up import make_event, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "geheim-wachtwoord-1"  # tests/recruitment/conftest.py's staff_user
PHONE = {"viewport": {"width": 320, "height": 740}, "is_mobile": True, "has_touch": True}


def log_in_and_open(tab, live_server, event):
    """Open the check-in page: the admin's login page first, then back to the page."""
    url = f"{live_server.url}/inchecken/{event.pk}/"
    tab.goto(url)
    tab.wait_for_url(re.compile(r".*/admin/login/\?next=/inchecken/"))
    tab.fill("#id_username", "opvolger")
    tab.fill("#id_password", STAFF_PASSWORD)
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(url)
    tab.wait_for_function("window.htmx !== undefined")
    return url


def message(tab):
    return tab.locator(".check-in__message")


def test_staff_on_a_phone_type_a_code_search_a_name_and_add_a_walk_in_and_the_page_passes_axe(
    live_server, phone, home, staff_user
):
    event = make_event(home, title="Kijkavond Hengelo")
    first = sign_up(event, person(1)).sign_up
    sign_up(event, {**person(2), "name": "Sanne de Vries"})
    phone.set_default_timeout(15_000)
    url = log_in_and_open(phone, live_server, event)

    assert phone.get_by_role("heading", level=1).inner_text() == "Kijkavond Hengelo"
    assert phone.get_by_role("button", name="Scan QR-code").is_visible()
    assert "deelnemer-1@example.org" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert not axe_violations(phone)

    # A typed code (here with spaces around it): checked in, in place.
    phone.get_by_label("Code", exact=True).fill(f" {first.token} ")
    phone.get_by_role("button", name="Inchecken met code").click()
    message(phone).filter(has_text="Deelnemer 1 is ingecheckt.").wait_for()
    assert phone.url == url, "htmx answered in place"
    assert phone.locator(".check-in__counts").inner_text().split() == ["Aangemeld", "2", "Ingecheckt", "1"]
    # The same code again: nothing changes.
    phone.get_by_label("Code", exact=True).fill(first.token)
    phone.get_by_role("button", name="Inchecken met code").click()
    message(phone).filter(has_text="Deelnemer 1 is al ingecheckt.").wait_for()

    # A wrong code: the message at the field.
    phone.get_by_label("Code", exact=True).fill("verkeerde-code")
    phone.get_by_role("button", name="Inchecken met code").click()
    phone.get_by_text("Deze code hoort niet bij een aanmelding voor deze bijeenkomst.").wait_for()
    assert not axe_violations(phone)

    # Search by name, then the button next to the name.
    phone.get_by_label("Naam", exact=True).fill("sanne")
    phone.get_by_role("button", name="Zoek deelnemer").click()
    phone.get_by_text("Gezocht op").wait_for()
    assert phone.locator(".check-in__name").all_inner_texts() == ["Sanne de Vries"]
    phone.get_by_role("button", name="Inchecken Sanne de Vries").click()
    message(phone).filter(has_text="Sanne de Vries is ingecheckt.").wait_for()
    assert "Ingecheckt om" in phone.locator(".check-in__person").inner_text()

    # A walk-in: the form asks for consent first.
    phone.get_by_label("E-mailadres").fill("ahmed@example.org")
    phone.get_by_label("Naam (verplicht)").fill("Ahmed El Amrani")
    phone.get_by_role("button", name="Toevoegen en inchecken").click()
    phone.get_by_text("Geef toestemming. Anders mogen we je gegevens niet bewaren").wait_for()
    assert not EventSignUp.objects.filter(walk_in=True).exists()
    phone.get_by_label("Ik geef toestemming").check()
    phone.get_by_role("button", name="Toevoegen en inchecken").click()
    message(phone).filter(has_text="Ahmed El Amrani is toegevoegd en ingecheckt.").wait_for()
    assert not axe_violations(phone)

    walk_in = EventSignUp.objects.get(walk_in=True)
    assert walk_in.attended and walk_in.checked_in_by == staff_user and walk_in.consent_version == "2026-1"
    assert EventSignUp.objects.attended().count() == 3


@pytest.fixture
def fake_camera(browser, tmp_path):
    """Launch a Chromium whose camera is a fake device playing a video of the given image (PNG bytes)."""
    launched = []

    def launch(png):
        video = tmp_path / "camera.y4m"
        fake_camera_video(png, video)
        launched.append(
            browser.browser_type.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    *CHROMIUM_ARGS,
                    "--use-fake-device-for-media-stream",
                    f"--use-file-for-fake-video-capture={video}",
                ],
            )
        )
        return launched[-1]

    yield launch
    for camera in launched:
        camera.close()


@pytest.mark.parametrize(
    ("has_camera", "told"),
    [
        (True, "Je hebt geen toestemming gegeven voor de camera."),  # staff (or the browser) refused the permission
        (False, "De camera kan niet worden gebruikt."),  # no camera at all
    ],
)
def test_when_the_camera_is_refused_or_missing_the_typing_field_is_offered(
    live_server, browser, fake_camera, home, staff_user, has_camera, told
):
    event = make_event(home)
    chromium = fake_camera(check_in_code_png("niets")) if has_camera else browser
    with browser_tab(chromium, timeout=15_000, **PHONE) as tab:  # no camera permission granted
        log_in_and_open(tab, live_server, event)
        tab.get_by_role("button", name="Scan QR-code").click()
        alert = tab.locator("#scan-message")
        alert.filter(has_text="Typ de code hieronder in").wait_for()
        assert alert.inner_text() == f"{told} Typ de code hieronder in, of zoek op naam."
        assert tab.evaluate("document.activeElement.name") == "code"
        assert tab.get_by_role("button", name="Scan QR-code").is_visible(), "staff can try again"
        assert not axe_violations(tab)


def test_without_javascript_the_scanner_is_hidden_and_the_code_is_typed(live_server, browser, home, staff_user):
    event = make_event(home)
    attendee = sign_up(event, person(1)).sign_up
    with browser_tab(browser, java_script_enabled=False, timeout=10_000) as tab:
        tab.goto(f"{live_server.url}/inchecken/{event.pk}/")
        tab.fill("#id_username", "opvolger")
        tab.fill("#id_password", STAFF_PASSWORD)
        tab.locator("#id_password").press("Enter")
        tab.get_by_label("Code", exact=True).wait_for()
        assert not tab.get_by_role("button", name="Scan QR-code").is_visible()
        tab.get_by_label("Code", exact=True).fill(attendee.token)
        tab.get_by_role("button", name="Inchecken met code").click()
        tab.get_by_text("Deelnemer 1 is ingecheckt.").wait_for()
        assert tab.url == f"{live_server.url}/inchecken/{event.pk}/", "redirected back to the page"
    attendee.refresh_from_db()
    assert attendee.attended


def fake_camera_video(png, path):
    """A Y4M video (what Chromium's fake camera plays) showing the QR code image, centred on a white frame."""
    code = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_a_qr_code_held_in_front_of_the_camera_is_read_and_checked_in(live_server, fake_camera, home, staff_user):
    """Chromium on Linux has no BarcodeDetector: this reads the code with the vendored jsQR."""
    event = make_event(home)
    attendee = sign_up(event, person(1)).sign_up
    camera = fake_camera(check_in_code_png(attendee.token))
    with browser_tab(camera, timeout=20_000, permissions=["camera"], **PHONE) as tab:
        refused = []
        tab.on("console", lambda line: "Content Security Policy" in line.text and refused.append(line.text))
        log_in_and_open(tab, live_server, event)
        assert tab.evaluate("'BarcodeDetector' in window") is False
        tab.get_by_role("button", name="Scan QR-code").click()
        message(tab).filter(has_text="Deelnemer 1 is ingecheckt.").wait_for()
        assert tab.get_by_role("button", name="Stop de camera").is_visible(), "ready for the next person"
        assert tab.evaluate("window.jsQR !== undefined")
        assert refused == [], "the decoder loads under the site's strict Content-Security-Policy"
    attendee.refresh_from_db()
    assert attendee.attended and attendee.checked_in_by == staff_user

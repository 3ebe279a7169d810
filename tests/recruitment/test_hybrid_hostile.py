"""Hostile input to the hybride match never gives a server error: random posts to both forms (with and without
htmx, one field or all), random filters and pages on the overview, random confirmation and renewal links, and
random decisions posted by staff. Whatever is typed comes back escaped."""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.test import Client, override_settings

from recruitment.models import HybridNeed, HybridOffer, HybridStatus

from .test_hybrid_forms import make_post, need_data, offer_data

pytestmark = pytest.mark.django_db

hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            "a" * 5000,
            "x@y",
            "\u202e",
            "on",
            "-1",
            "0",
            "41",
            "99999999999999999999",
            "2027-02-30",
            "9999-12-31",
            "0001-01-01",
            "ma-ochtend",
            "za-middag",
            "vmbo",
            "mbo",
            "ict",
        ]
    ),
)
FORM_FIELDS = [*offer_data(), *need_data(), "_validate", "x"]
field_names = st.sampled_from(sorted(set(FORM_FIELDS)))
SETTINGS = hypothesis_settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_no_server_error(response, allowed=(200, 302, 303, 400, 404, 405, 429)):
    assert response.status_code in allowed, response.status_code
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)</script>" not in body
    assert not re.search(r"Traceback|Server Error", body)


@SETTINGS
@given(
    fields=st.dictionaries(field_names, st.one_of(hostile_text, st.lists(hostile_text, max_size=4)), max_size=12),
    htmx=st.booleans(),
    url=st.sampled_from(["/hybride-match/aanbieden/", "/hybride-match/vragen/"]),
)
def test_hostile_posts_to_the_forms_never_give_a_server_error(site_for_hostile_input, fields, htmx, url):
    client = Client(raise_request_exception=False)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with override_settings(HYBRID_MATCH_RATE_LIMIT="100000/h"):
        response = client.post(url, fields, **headers)
    assert_no_server_error(response)


@SETTINGS
@given(
    base=st.sampled_from(["offer", "need"]),
    changes=st.dictionaries(field_names, hostile_text, max_size=3),
    htmx=st.booleans(),
)
def test_nearly_valid_posts_are_stored_or_refused_never_a_server_error(site_for_hostile_input, base, changes, htmx):
    """A valid post with a few fields replaced by hostile values: the checks of each field meet values that get past
    the others."""
    client = Client(raise_request_exception=False)
    url, data = (
        ("/hybride-match/aanbieden/", offer_data()) if base == "offer" else ("/hybride-match/vragen/", need_data())
    )
    data.update(changes)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with override_settings(HYBRID_MATCH_RATE_LIMIT="100000/h"):
        response = client.post(url, data, **headers)
    assert_no_server_error(response)
    posted = [*HybridOffer.objects.exclude(pk=site_for_hostile_input.pk), *HybridNeed.objects.all()]
    for post in posted:
        assert 1 <= post.hours_per_week <= 40 and post.status == HybridStatus.UNCONFIRMED
        assert "\x00" not in post.description and "\u202e" not in post.organisation


@SETTINGS
@given(
    query=st.dictionaries(
        st.sampled_from(["regio", "vakgebied", "aanbod", "vraag", "x"]),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
        max_size=4,
    )
)
def test_hostile_filters_and_pages_on_the_overview_never_give_a_server_error(site_for_hostile_input, query):
    response = Client(raise_request_exception=False).get("/hybride-match/", query)
    assert_no_server_error(response, allowed=(200,))


@SETTINGS
@given(
    link=st.sampled_from(["bevestigen", "verlengen"]),
    what=hostile_text,
    token=hostile_text,
    method=st.sampled_from(["get", "post"]),
)
def test_hostile_confirmation_and_renewal_links_never_give_a_server_error(
    site_for_hostile_input, link, what, token, method
):
    client = Client(raise_request_exception=False)
    path = f"/hybride-match/{link}/{quote(what, safe='') or 'x'}/{quote(token, safe='') or 'x'}/"
    response = getattr(client, method)(path)
    assert_no_server_error(response)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(["decision", "reason", "x"]), hostile_text, max_size=3))
def test_hostile_decisions_by_staff_never_give_a_server_error(site_for_hostile_input, staff_client, data):
    offer = site_for_hostile_input
    response = staff_client.post(f"/admin/hybride-aanbod/beoordelen/{offer.pk}/", data)
    assert_no_server_error(response)
    offer.refresh_from_db()
    assert offer.status in (HybridStatus.CONFIRMED, HybridStatus.APPROVED, HybridStatus.REJECTED)
    assert offer.status != HybridStatus.REJECTED or offer.rejection_reason


@pytest.fixture
def site_for_hostile_input(regions, home):
    """The site with regions, and a confirmed offer for staff to decide on."""
    return make_post(HybridOffer, regions["east"], status=HybridStatus.CONFIRMED)


@pytest.fixture
def staff_client(staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client

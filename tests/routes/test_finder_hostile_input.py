"""Property-based: thousands of random and hostile query strings never break the route finder or reflect script."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routes.models import RouteFinderPage

pytestmark = pytest.mark.django_db

KEYS = ["opleiding", "bevoegd", "ervaring", "baan", "sector", "rol", "stap", "terug", "route"]
VALID = [
    "mbo4",
    "hbo",
    "wo",
    "buitenland",
    "student",
    "ja",
    "nee",
    "geen",
    "kort",
    "lang",
    "weet-niet",
    "vmbo",
    "mbo",
    "geen-voorkeur",
    "docent",
    "ondersteunend",
]
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "\x00",
    "%00",
    "../../etc",
    "ä" * 300,
    "{{ 7*7 }}",
    "javascript:alert(1)",
    "",
]
values = st.one_of(st.sampled_from(VALID), st.sampled_from(HOSTILE), st.text(max_size=80))
query = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=12)


@pytest.fixture
def finder_url(demo_content):
    return RouteFinderPage.objects.live().filter(locale__language_code="nl").get().url


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=query, result=st.booleans(), htmx=st.booleans())
def test_finder_never_fails_and_never_reflects_script(client, finder_url, pairs, result, htmx):
    url = finder_url + ("resultaat/" if result else "")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    response = client.get(url, data, **headers)
    assert response.status_code in (200, 302, 400), (url, data, response.status_code)
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "<img src=x onerror" not in body
    if any(pairs):
        assert "no-store" in response.get("Cache-Control", "")

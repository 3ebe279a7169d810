"""What one post of the registration form costs: its SQL queries, its Redis round trips for the rate limit, and no
new broker connection per post (recruitment/registration.py, services.py, ratelimit.py)."""

import pytest
import redis

from recruitment.models import OutgoingMessage, Registration

from .conftest import valid_data

pytestmark = pytest.mark.django_db
REGISTER = "/aanmelding/"

# At most: the site and its settings (consent version; the settings may come from a cache), the region, then in
# one transaction (a savepoint in a test): the address's registrations (locked), the registration, the two
# messages. No query for the routes when none are ticked; the thank-you data goes to the session in the cache.
POST_QUERIES = 8
# Ticked routes add their validation (one query for all ids, view restrictions included) and one insert of the links.
ROUTE_QUERIES = 2


def redis_cache(url):
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}


def test_a_post_costs_a_bounded_number_of_queries(client, regions, home, django_assert_max_num_queries):
    client.get(REGISTER)  # the CSRF cookie and the site, as a visitor has them
    with django_assert_max_num_queries(POST_QUERIES):
        response = client.post(REGISTER, valid_data(email="een@example.org"))
    assert response.status_code == 303
    assert Registration.objects.get().region == regions["east"]


def test_ticked_routes_cost_two_queries_however_many(client, regions, routes, django_assert_max_num_queries):
    client.get(REGISTER)
    with django_assert_max_num_queries(POST_QUERIES + ROUTE_QUERIES):
        response = client.post(REGISTER, valid_data(routes=[page.pk for page in routes]))
    assert response.status_code == 303
    assert set(Registration.objects.get().routes.values_list("pk", flat=True)) == {page.pk for page in routes}


def test_the_thank_you_data_is_not_written_to_the_database(client, regions, home):
    from django.contrib.sessions.models import Session

    response = client.post(REGISTER, valid_data(), follow=True)
    assert "Sanne de Vries" in response.content.decode()
    assert not Session.objects.exists()


def test_posts_reuse_one_broker_connection(client, regions, home, private_broker, django_capture_on_commit_callbacks):
    """Each post enqueues its delivery after the commit through the app's producer pool: after the first post,
    the broker sees no new connection."""
    broker = redis.Redis.from_url(private_broker.url)

    def post(number):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(REGISTER, valid_data(email=f"persoon-{number}@example.org"))
        assert response.status_code == 303

    post(0)
    connections = broker.info("stats")["total_connections_received"]
    for number in range(1, 6):
        post(number)
    assert broker.info("stats")["total_connections_received"] == connections
    assert OutgoingMessage.objects.count() == 12
    assert sum(broker.llen(key) for key in broker.keys("techniekdocent-tests-*")) == 6


def test_the_rate_limit_on_redis_counts_per_address_in_one_round_trip(client, regions, home, settings, redis_url):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(redis_url)}
    settings.RECRUITMENT_RATE_LIMIT = "2/m"
    from django.core.cache import caches

    caches["default"].clear()
    statuses = [
        client.post(REGISTER, valid_data(email=f"persoon-{number}@example.org"), REMOTE_ADDR="203.0.113.7").status_code
        for number in range(3)
    ]
    other = client.post(REGISTER, valid_data(email="ander@example.org"), REMOTE_ADDR="198.51.100.20")
    assert statuses == [303, 303, 429]
    assert other.status_code == 303
    keys = [key.decode() for key in caches["default"].client.get_client().keys("*ratelimit*")]
    assert len(keys) == 2 and not any("203.0.113.7" in key for key in keys), "one counter per address, no address"
    caches["default"].clear()


def test_routes_in_a_private_section_are_neither_offered_nor_accepted(client, regions, routes):
    from wagtail.models import PageViewRestriction

    hidden = routes[1]
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(REGISTER).content.decode()
    assert routes[0].title in html and hidden.title not in html
    refused = client.post(REGISTER, valid_data(routes=[routes[0].pk, hidden.pk]))
    assert refused.status_code == 200 and not Registration.objects.exists()
    accepted = client.post(REGISTER, valid_data(routes=[routes[0].pk, routes[2].pk]))
    assert accepted.status_code == 303
    assert set(Registration.objects.get().routes.values_list("pk", flat=True)) == {routes[0].pk, routes[2].pk}

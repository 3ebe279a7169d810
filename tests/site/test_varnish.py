"""Varnish in front of the site, with the VCL as shipped (deploy/k8s/base/default.vcl): a real varnishd before the
live server. The VCL's own rules (the PURGE ACL, bans, cookies, grace) are unit-tested with varnishtest
(tests/varnish/*.vtc), run from here too."""

import subprocess
from pathlib import Path

import pytest

from tests import varnishd
from tests.conftest import require_service

pytestmark = pytest.mark.django_db(transaction=True)

VTC = sorted((Path(__file__).resolve().parents[1] / "varnish").glob("*.vtc"))


def require_varnish():
    require_service(varnishd.available(), f"varnishd is not installed at {varnishd.VARNISHD} (apt-get install varnish)")


@pytest.mark.parametrize("vtc", VTC, ids=[path.stem for path in VTC])
def test_the_vcl_rules_in_varnishtest(vtc):
    require_service(Path(varnishd.VARNISHTEST).exists(), "varnishtest is not installed (apt-get install varnish)")
    result = subprocess.run([varnishd.VARNISHTEST, "-q", str(vtc)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.fixture
def proxy(demo_content, live_server, page_cache, settings, tmp_path):
    """Varnish in front of the live server, and the app purging it on publish (VARNISH_PURGE_URL)."""
    require_varnish()
    port = live_server.url.rsplit(":", 1)[1]
    proxy = varnishd.Varnish([("127.0.0.1", port)], tmp_path / "varnish")
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": proxy.purge_url}
    }
    yield proxy
    proxy.stop()


def twice(proxy, path, **headers):
    first = proxy.request(path, headers=headers)
    return first, proxy.request(path, headers=headers)


def test_anonymous_pages_are_hits_and_visitors_with_a_session_and_the_admin_are_passed(proxy):
    from content.models import ArticlePage

    article = ArticlePage.objects.live().first()
    first, second = twice(proxy, article.url, Cookie="_ga=GA1.2.3; consent=ja")
    assert first.status == 200 and first.headers["x-varnish-cache"] == "miss"
    assert second.status == 200 and second.headers["x-varnish-cache"] == "hit"
    assert varnishd.cached_object(second.headers)
    assert second.text == first.text
    assert "x-url-path" not in second.headers

    for cookie in ("sessionid=abc123", "csrftoken=" + "x" * 32):
        first, second = twice(proxy, article.url, Cookie=cookie)
        assert first.status == 200, cookie
        assert second.headers["x-varnish-cache"] == "miss", cookie
        assert varnishd.cached_object(second.headers) is None, cookie

    first, second = twice(proxy, "/admin/")
    assert first.status == 302 and "/admin/login/" in first.headers["location"]
    assert second.headers["x-varnish-cache"] == "miss"
    login, login_again = twice(proxy, "/admin/login/")
    assert login.status == 200 and login_again.headers["x-varnish-cache"] == "miss"
    assert "csrftoken" in login_again.cookies


def test_a_published_route_shows_at_once_and_other_pages_stay_cached(proxy, django_user_model):
    from content.models import ArticlePage
    from routes.models import RoutePage

    editor = django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "x")
    route = RoutePage.objects.live().filter(show_in_menus=False).first()
    article = ArticlePage.objects.live().first()
    _, article_cached = twice(proxy, article.url)
    _, route_cached = twice(proxy, route.url)
    assert route_cached.headers["x-varnish-cache"] == "hit"
    stored_article = varnishd.cached_object(article_cached.headers)
    assert stored_article

    route.for_whom = "Voor wie na de publicatie van vandaag meteen wil beginnen."
    route.save_revision(user=editor).publish(user=editor)

    after = proxy.request(route.url)
    assert after.headers["x-varnish-cache"] == "miss"
    assert "Voor wie na de publicatie van vandaag meteen wil beginnen." in after.text
    # The route index lists the route: purged too.
    index = proxy.request(route.get_parent().url)
    assert index.headers["x-varnish-cache"] == "miss"
    # The article has nothing to do with the route: still the object stored before the publish.
    article_after = proxy.request(article.url)
    assert article_after.headers["x-varnish-cache"] == "hit"
    assert varnishd.cached_object(article_after.headers) == stored_article
    assert int(article_after.headers["age"]) >= int(article_cached.headers["age"])


def test_a_purge_from_the_app_reaches_varnish_only_on_the_purge_listener(proxy):
    from content.models import ArticlePage

    article = ArticlePage.objects.live().first()
    twice(proxy, article.url)
    # On the public listener PURGE is refused, even from loopback (an allowed address).
    refused = proxy.request(article.url, method="PURGE")
    assert refused.status == 405
    assert proxy.request(article.url).headers["x-varnish-cache"] == "hit"
    assert proxy.purge(article.url) == 200
    assert proxy.request(article.url).headers["x-varnish-cache"] == "miss"

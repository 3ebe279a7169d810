"""A form posted in another charset than UTF-8 gets a 400, never a 500, on every form of the site.

The client carries a CSRF cookie and sends the matching token, as a browser does after opening the form: then the
CSRF check reads the body before the view, which is where Django's refusal used to turn into a 500.
"""

import secrets
from urllib.parse import urlencode

import pytest

from django.test import Client

pytestmark = pytest.mark.django_db

FORMS = ["/admin/login/", "/aanmelding/"]
REFUSED_CHARSETS = ["latin-1", "ISO-8859-1", "windows-1252", "utf-16", "x-unknown", ""]
UTF8_CHARSETS = ["utf-8", "UTF-8", "utf8", '"utf-8"']
URLENCODED = "application/x-www-form-urlencoded"
BOUNDARY = "----formulier"


@pytest.fixture
def browser_client(home_page):
    """A client that enforces CSRF like a real server, with the cookie a visit to the form would have set."""
    client = Client(enforce_csrf_checks=True)
    client.csrf_token = secrets.token_hex(16)
    client.cookies["csrftoken"] = client.csrf_token
    return client


def fields(client):
    return {
        "csrfmiddlewaretoken": client.csrf_token,
        "username": "José",
        "password": "fout-wachtwoord",
        "name": "José",
        "email": "jose@example.org",
    }


def urlencoded_body(client):
    return urlencode(fields(client)).encode("utf-8")


def multipart_body(client, encoding="utf-8"):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields(client).items()
    ]
    return ("".join(parts) + f"--{BOUNDARY}--\r\n").encode(encoding)


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("charset", REFUSED_CHARSETS)
def test_a_urlencoded_form_in_another_charset_is_refused_with_400(browser_client, path, charset):
    response = browser_client.generic(
        "POST", path, urlencoded_body(browser_client), content_type=f"{URLENCODED}; charset={charset}"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("charset", REFUSED_CHARSETS)
def test_a_multipart_form_in_another_charset_is_refused_with_400(browser_client, path, charset):
    response = browser_client.generic(
        "POST",
        path,
        multipart_body(browser_client, "latin-1"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}; charset={charset}",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("charset", UTF8_CHARSETS)
@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_utf8_under_any_of_its_names_is_read_as_utf8(browser_client, charset, multipart):
    if multipart:
        body, content_type = multipart_body(browser_client), f"multipart/form-data; boundary={BOUNDARY}"
    else:
        body, content_type = urlencoded_body(browser_client), URLENCODED
    response = browser_client.generic("POST", "/admin/login/", body, content_type=f"{content_type}; charset={charset}")
    assert response.status_code == 200  # the login form again, with its error
    assert 'value="José"' in response.content.decode()


@pytest.mark.parametrize("path", FORMS)
def test_forms_without_a_charset_work_as_before(browser_client, path):
    response = browser_client.post(path, fields(browser_client))
    assert response.status_code == 200
    assert "José" in response.content.decode()


def call_wsgi(query="", content_type="", method="GET", body=b""):
    """A request as gunicorn hands it to the production WSGI application (config.wsgi.application)."""
    import io
    from wsgiref.util import setup_testing_defaults

    from django.core import signals
    from django.db import close_old_connections

    from config.wsgi import application

    environ = {}
    setup_testing_defaults(environ)
    environ.update(
        REQUEST_METHOD=method,
        PATH_INFO="/aanmelding/",
        QUERY_STRING=query,
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(len(body)),
        HTTP_HOST="localhost",
        **{"wsgi.input": io.BytesIO(body)},
    )
    started = {}
    # As Django's test client does: the request must not close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(application(environ, lambda status, headers, exc_info=None: started.update(status=status)))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return started["status"], content


@pytest.mark.parametrize("charset", ["base64", "hex", "zlib", "rot13", "bz2", "quopri", "uu", "punycode"])
def test_a_charset_django_cannot_build_a_request_with_is_a_400_not_a_500(db, home_page, charset):
    status, content = call_wsgi("a=1", f"text/plain; charset={charset}")
    assert status == "400 Bad Request" and "kon niet worden gelezen" in content.decode()


def test_too_many_query_fields_beside_a_charset_is_a_400_not_a_500(db, home_page):
    query = "&".join(["a=1"] * 1001)
    status, _ = call_wsgi(query, "application/x-www-form-urlencoded; charset=utf-8", "POST", b"name=x")
    assert status == "400 Bad Request"


def test_ordinary_requests_pass_the_guard(db, home_page):
    assert call_wsgi("route=1", "text/plain; charset=utf-8")[0] == "200 OK"
    assert call_wsgi("route=1")[0] == "200 OK"


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\u00e9"]
)
def test_a_multipart_body_without_a_usable_boundary_is_a_400_not_a_500(db, home_page, content_type):
    client = Client(enforce_csrf_checks=True)
    client.get("/aanmelding/")  # a visitor who opened the form has a CSRF cookie
    response = client.generic("POST", "/aanmelding/", b"--x\r\n\r\n", content_type=content_type)
    assert response.status_code == 400

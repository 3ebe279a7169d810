"""The WSGI application for gunicorn. Without DJANGO_SETTINGS_MODULE it runs production (config/__init__.py, which
Python imports before this module, sets that default for every entry point).

Django builds the request object before any middleware runs, and some requests it cannot even build: a declared
charset that is no text encoding (``charset=base64``, ``rot13``, ``punycode``) or a query string with more fields
than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` beside a charset makes ``WSGIRequest.__init__`` raise, which a WSGI server
answers with 500. ``RequestGuard`` answers those with 400 first."""

import codecs

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponseBadRequest

BAD_REQUEST = "Dit verzoek kon niet worden gelezen.\n"


def unbuildable(environ):
    """Would Django fail to build a request from this environ? (Only cheap checks; everything else is Django's.)"""
    from django.core.exceptions import TooManyFieldsSent
    from django.core.handlers.wsgi import get_bytes_from_wsgi
    from django.http import QueryDict
    from django.utils.http import parse_header_parameters

    try:
        charset = parse_header_parameters(environ.get("CONTENT_TYPE", ""))[1].get("charset")
        if charset is None:
            return False  # Django decodes nothing while building the request
        try:
            codec = codecs.lookup(charset)
        except LookupError:
            return False  # Django ignores a charset it does not know (forms refuse it: config.middleware)
        if not getattr(codec, "_is_text_encoding", True):
            return True
        QueryDict(get_bytes_from_wsgi(environ, "QUERY_STRING", ""), encoding=codec.name)
    except (ValueError, UnicodeError, LookupError, TooManyFieldsSent):  # a NUL in the header, an undecodable query
        return True
    return False


class RequestGuard:
    """WSGI middleware: 400 for a request Django cannot build, instead of the server's 500."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if unbuildable(environ):
            response = HttpResponseBadRequest(BAD_REQUEST, content_type="text/plain; charset=utf-8")
            start_response(
                f"{response.status_code} {response.reason_phrase}", [(key, value) for key, value in response.items()]
            )
            return [response.content]
        return self.application(environ, start_response)


application = RequestGuard(get_wsgi_application())

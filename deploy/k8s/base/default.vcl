vcl 4.1;

# Varnish in front of gunicorn (deploy/k8s/base/varnish.yaml, docs/deployment.md). The app decides what may be
# shared: Varnish stores only responses that say so themselves (Cache-Control: public with a max-age, which the
# page cache gives anonymous pages, PAGE_CACHE_BROWSER_MAX_AGE), and passes everything that belongs to one visitor.
# Written for Varnish 7 (VCL 4.1); checked with `varnishd -C`.

import std;

# The web Service (deploy/k8s/base/web.yaml). Varnish resolves the name once, when it loads this VCL; the Service's
# cluster IP never changes. The probe asks the readiness endpoint: when no web pod is ready, the Service has no
# endpoints, the backend turns sick and Varnish serves what it has from grace (below) instead of errors.
backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
    .probe = {
        # Host: a name in ALLOWED_HOSTS; X-Forwarded-Proto: https, or SECURE_SSL_REDIRECT answers 301 (a "success").
        .request =
            "GET /gezond/klaar/ HTTP/1.1"
            "Host: localhost"
            "X-Forwarded-Proto: https"
            "User-Agent: varnish-probe"
            "Connection: close";
        .expected_response = 200;
        .interval = 10s;
        .timeout = 5s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may PURGE: the app's pods. The pod network's CIDR is the cluster's (10.0.0.0/8 here is a placeholder for
# it: `kubectl cluster-info dump | grep -m1 cluster-cidr`). The ingress controller also lives in that network, so
# PURGE is, in addition, accepted only on the internal "purge" listener (port 6091), which neither the Ingress
# nor the public Service port reaches (and a NetworkPolicy admits only this app's pods to it).
acl purgers {
    "127.0.0.1";
    "10.0.0.0"/8;
}

sub vcl_recv {
    # X-Forwarded-For: varnishd itself appends client.ip (here: the ingress controller) before vcl_recv, so the app
    # sees "visitor, ingress controller" and trusts two proxies (TRUSTED_PROXIES=2). Setting it again here would
    # add the same address twice.

    if (req.method == "PURGE") {
        if (local.socket != "purge" || !(client.ip ~ purgers)) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }

    # Only GET and HEAD are ever cached; posts (the registration form, the admin) go to the app unchanged.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The admin, the probes and the registrant's own page are never shared; htmx partials differ per request.
    if (req.url ~ "^/(admin|gezond|aanmelding/mijn-pagina)(/|$)" || req.http.HX-Request) {
        return (pass);
    }

    # A visitor with a session (logged in) or a CSRF cookie (has opened a form) gets their own answer. Any other
    # cookie (analytics, consent banners of other sites) means nothing to the app: dropped, so the page can be shared.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;

    # While the app is healthy, a stale page is served for at most 10 s while it is fetched again; when the
    # backend is sick, for as long as the object's grace (6 h).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # http and https answer differently (the redirect to https): never one for the other.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    set beresp.grace = 6h;

    # Store only what the app marks as shareable: public, a max-age, no cookie being set. Anything else (forms with
    # their CSRF cookie, search results the page cache did not take, errors) is passed for the next two minutes
    # without asking again.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]"
        || beresp.http.Vary ~ "\*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    # Say whether Varnish answered from its cache (the app's own X-Wagtail-Cache header says the same for its cache).
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}

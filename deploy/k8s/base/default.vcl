vcl 4.1;

# Varnish in front of gunicorn (deploy/k8s/base/varnish.yaml, docs/deployment.md). The app decides what may be
# shared: Varnish stores only responses that say so themselves (Cache-Control: public with a max-age, which the
# page cache gives anonymous pages, PAGE_CACHE_BROWSER_MAX_AGE), and passes everything that belongs to one visitor.
# Written for Varnish 7 (VCL 4.1); checked with `varnishd -C`.

import std;

# The backends (and which one a request goes to) differ per platform; everything else is this file:
# - Kubernetes: backends.vcl beside this file (the web Service), in the same ConfigMap;
# - docker-compose: deploy/varnish/backends.vcl (the two web services, round robin), mounted beside this file.
# varnishd finds it on its vcl_path (/etc/varnish is on it by default; the tests pass their own).
include "backends.vcl";

# Who may PURGE: the app's pods or containers, on the private networks. Kubernetes: the pod network's CIDR is the
# cluster's (10.0.0.0/8 covers the usual ones: `kubectl cluster-info dump | grep -m1 cluster-cidr`). docker-compose:
# the project network Docker picks (172.16.0.0/12 or 192.168.0.0/16). Other machines in those networks (the ingress
# controller) are kept out too: PURGE is accepted only on the internal "purge" listener (port 6091), which neither
# the Ingress, the public Service port nor compose's published port reaches (and on Kubernetes a NetworkPolicy admits
# only this app's pods to it).
acl purgers {
    "127.0.0.1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    # X-Forwarded-For: varnishd itself appends client.ip before vcl_recv, so the app sees "..., the address that
    # connected to Varnish" and trusts that many proxies: 1 in docker-compose (Varnish is the edge, TRUSTED_PROXIES=1),
    # 2 on Kubernetes (the ingress controller, then Varnish: TRUSTED_PROXIES=2). Setting it again here would add the
    # same address twice.

    # A publish sends a PURGE per changed URL (content/cache.py, Wagtail's frontend cache). It bans that path with any
    # query string (an index's ?page=2 lists the same pages) on any host; "X-Purge-Scope: all" bans every page (a
    # site-wide change: site settings, the glossary, the menu). Bans test only obj.* headers, so the ban lurker
    # clears them in the background.
    if (req.method == "PURGE") {
        if (local.socket != "purge" || !(client.ip ~ purgers)) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Purge-Scope == "all") {
            if (!std.ban("obj.http.X-Url-Path ~ ^/")) {
                return (synth(400, std.ban_error()));
            }
            return (synth(200, "Banned everything"));
        }
        if (!std.ban("obj.http.X-Url-Path == " + regsub(req.url, "[?#].*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
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
    # The path without the query string, for the PURGE's ban (vcl_recv); removed again in vcl_deliver.
    set beresp.http.X-Url-Path = regsub(bereq.url, "[?#].*$", "");

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
    unset resp.http.X-Url-Path;
    # Say whether Varnish answered from its cache (the app's own X-Wagtail-Cache header says the same for its cache).
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}

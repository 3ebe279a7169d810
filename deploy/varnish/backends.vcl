vcl 4.1;

# docker-compose.yml: the two web services, round robin (deploy/k8s/base/default.vcl is the policy, shared with
# Kubernetes). Varnish resolves each name once, when it loads the VCL, and a name must resolve to one address, so the
# replicas are two services (web, web2) rather than one service scaled to two. The probe asks the readiness endpoint
# of each: a sick one gets no requests, and with both sick Varnish serves what it has from grace.

import directors;

probe ready {
    # Host: a name in ALLOWED_HOSTS (keep localhost in it, as .env.example does); X-Forwarded-Proto: https, or
    # SECURE_SSL_REDIRECT answers 301 (a "success").
    .request =
        "GET /gezond/klaar/ HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-probe"
        "Connection: close";
    .expected_response = 200;
    .interval = 5s;
    .timeout = 5s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
    .probe = ready;
}

backend web2 {
    .host = "web2";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
    .probe = ready;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web);
    app.add_backend(web2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
}

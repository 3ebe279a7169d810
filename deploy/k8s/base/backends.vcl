vcl 4.1;

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

vcl 4.1;

# varnishtest (tests/varnish/*.vtc): the backend is the test's server s1, which -vcl+backend defines first (so it is
# the default); nothing to add here. On its vcl_path before deploy/k8s/base, so it stands in for that backends.vcl.

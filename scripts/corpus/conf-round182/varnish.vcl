vcl 4.1;
# Round 182, setup django-gunicorn-pager-varnish-r182: Varnish 7.1 (127.0.0.1:62825) -> Django 5.2 on
# gunicorn, 2 workers (127.0.0.1:62925, apps182/django_app.py). Nothing cached (every request
# passed); first_byte_timeout 3s (Varnish's 503 "Backend fetch failed"); the app down: the same
# 503. No X-Request-ID of its own (only Varnish's usual X-Varnish and Via).
backend wex {
    .host = "127.0.0.1";
    .port = "62925";
    .connect_timeout = 2s;
    .first_byte_timeout = 3s;
}
sub vcl_recv {
    return (pass);
}

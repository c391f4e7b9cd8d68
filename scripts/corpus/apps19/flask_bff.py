"""Round-19 corpus: a BFF written as a Flask app under gunicorn's gevent
workers, calling the catalog service (FastAPI under uvicorn) with requests
(timeout 2 s). It writes its own JSON 502/504 when the catalog fails."""
import requests
from flask import Flask, jsonify

CATALOG = "http://127.0.0.1:37012"
PRICING = "http://127.0.0.1:37099"  # nothing listens there
app = Flask(__name__)
http = requests.Session()


def fail(status, code, service):
    resp = jsonify(error=code, service=service, message=f"{service} is not answering, try again later")
    resp.status_code = status
    return resp


def get(url, service):
    try:
        return http.get(url, timeout=2)
    except requests.Timeout:
        return fail(504, "upstream_timeout", service)
    except requests.ConnectionError:
        return fail(502, "upstream_unavailable", service)


@app.get("/bff/products/<sku>")
def product(sku):
    r = get(f"{CATALOG}/api/products/{sku}", "catalog")
    if not isinstance(r, requests.Response):
        return r
    if r.status_code == 404:
        return fail(404, "product_not_found", "catalog")
    if r.status_code >= 400:
        resp = jsonify(error="bad_upstream_response", service="catalog", upstream_status=r.status_code)
        resp.status_code = 502
        return resp
    return jsonify(product=r.json(), currency="EUR")


@app.get("/bff/slow")
def slow():
    r = get(f"{CATALOG}/api/slow", "catalog")
    return r if not isinstance(r, requests.Response) else r.json()


@app.get("/bff/boom")
def boom():
    r = get(f"{CATALOG}/api/boom", "catalog")
    if isinstance(r, requests.Response) and r.status_code >= 500:
        resp = jsonify(error="bad_upstream_response", service="catalog", upstream_status=r.status_code)
        resp.status_code = 502
        return resp
    return r


@app.get("/bff/prices/<sku>")
def prices(sku):
    return http.get(f"{PRICING}/api/prices/{sku}", timeout=2).json()  # no handling: Flask's 500 page

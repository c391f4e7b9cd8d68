//! The round-10 corpus's Rust programs (capture-round10.sh), one binary:
//!
//!   apps10 warp PORT                 the orders API on warp 0.3
//!   apps10 gateway PORT ROUTE...     an API gateway built on warp + hyper's
//!                                    client: ROUTE is /prefix=http://host:port[,key]
//!
//! Both bind 127.0.0.1 only. The gateway writes its own JSON errors (502 when
//! the target refuses or closes, 504 after 2 s, 404 for no prefix, 401 for a
//! missing or wrong X-Api-Key on a prefix that has a key), and puts a
//! `x-correlation-id` and `via: 1.1 orders-gw` on every response it sends,
//! the relayed ones included.
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;
use warp::http::{HeaderMap, HeaderValue, Method, Response, StatusCode};
use warp::hyper::Body;
use warp::Filter;

#[derive(Deserialize)]
#[allow(dead_code)]
struct NewOrder {
    sku: String,
    qty: u32,
}

fn json_reply(status: StatusCode, v: serde_json::Value) -> Response<Body> {
    let mut r = Response::new(Body::from(format!("{}\n", v)));
    *r.status_mut() = status;
    r.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    r
}

fn html_reply(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert("content-type", HeaderValue::from_static("text/html"));
    r
}

const MAINT_HTML: &str = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const GATEWAY_HTML: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The payments service did not answer. Please try again later.</p></body></html>\n";

async fn warp_app(port: u16) {
    let health = warp::path!("api" / "health").and(warp::get()).map(|| json_reply(StatusCode::OK, json!({"status": "ok"})));
    let order = warp::path!("api" / "orders" / u32).and(warp::get()).map(|id: u32| {
        json_reply(StatusCode::NOT_FOUND, json!({"error": "order_not_found", "message": format!("no order {}", id)}))
    });
    let create = warp::path!("api" / "orders")
        .and(warp::post())
        .and(warp::body::content_length_limit(4096))
        .and(warp::body::json())
        .map(|o: NewOrder| json_reply(StatusCode::CREATED, json!({"sku": o.sku, "qty": o.qty})));
    let down = warp::path!("api" / "down").map(|| {
        let mut r = json_reply(StatusCode::SERVICE_UNAVAILABLE, json!({"error": "unavailable", "message": "orders database failover in progress"}));
        r.headers_mut().insert("retry-after", HeaderValue::from_static("30"));
        r
    });
    let breaker = warp::path!("api" / "payments").map(|| {
        let mut r = json_reply(
            StatusCode::SERVICE_UNAVAILABLE,
            json!({"error": "circuit_open", "message": "payments circuit breaker is open after 5 failures", "retry_in_s": 30}),
        );
        r.headers_mut().insert("x-circuit-state", HeaderValue::from_static("open"));
        r
    });
    let upstream = warp::path!("api" / "checkout").map(|| html_reply(StatusCode::BAD_GATEWAY, GATEWAY_HTML));
    let maint = warp::path!("api" / "maint").map(|| html_reply(StatusCode::SERVICE_UNAVAILABLE, MAINT_HTML));
    let limited = warp::path!("api" / "limited").map(|| {
        let mut r = json_reply(StatusCode::TOO_MANY_REQUESTS, json!({"error": "too_many_requests", "limit": "10/min"}));
        r.headers_mut().insert("retry-after", HeaderValue::from_static("60"));
        r
    });
    let catalog = warp::path!("api" / "catalog").map(|| {
        let mut r = json_reply(StatusCode::OK, json!({"items": ["A-1", "B-2"]}));
        r.headers_mut().insert("cache-control", HeaderValue::from_static("public, max-age=5"));
        r.headers_mut().insert("etag", HeaderValue::from_static("\"catalog-v10\""));
        r.headers_mut().insert("last-modified", HeaderValue::from_static("Mon, 02 Nov 2026 08:00:00 GMT"));
        r
    });
    let boom = warp::path!("api" / "boom").map(|| -> Response<Body> { panic!("boom") });
    let routes = health
        .or(order)
        .unify()
        .or(create)
        .unify()
        .or(down)
        .unify()
        .or(breaker)
        .unify()
        .or(upstream)
        .unify()
        .or(maint)
        .unify()
        .or(limited)
        .unify()
        .or(catalog)
        .unify()
        .or(boom)
        .unify();
    warp::serve(routes).run(SocketAddr::from(([127, 0, 0, 1], port))).await;
}

struct Route {
    prefix: String,
    target: String,
    key: Option<String>,
}

struct Gw {
    routes: Vec<Route>,
    client: hyper::Client<hyper::client::HttpConnector>,
    seq: AtomicU64,
}

async fn gateway_handle(
    gw: Arc<Gw>,
    method: Method,
    path: warp::path::FullPath,
    query: Option<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response<Body>, Infallible> {
    let id = format!("gw-{:08x}-{:04}", std::process::id(), gw.seq.fetch_add(1, Ordering::Relaxed));
    let mut resp = gateway_inner(&gw, method, path.as_str(), query, headers, body, &id).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-correlation-id", v);
    }
    resp.headers_mut().insert("via", HeaderValue::from_static("1.1 orders-gw"));
    Ok(resp)
}

async fn gateway_inner(
    gw: &Gw,
    method: Method,
    path: &str,
    query: Option<String>,
    headers: HeaderMap,
    body: Bytes,
    id: &str,
) -> Response<Body> {
    let Some(route) = gw.routes.iter().find(|r| path == r.prefix || path.starts_with(&format!("{}/", r.prefix))) else {
        return json_reply(StatusCode::NOT_FOUND, json!({"error": {"code": "ROUTE_NOT_FOUND", "message": format!("no route for {}", path), "correlation_id": id}}));
    };
    if let Some(key) = &route.key {
        let given = headers.get("x-api-key").and_then(|v| v.to_str().ok());
        if given != Some(key.as_str()) {
            let mut r = json_reply(
                StatusCode::UNAUTHORIZED,
                json!({"error": {"code": if given.is_none() { "API_KEY_MISSING" } else { "API_KEY_INVALID" }, "message": "a valid X-Api-Key header is required", "correlation_id": id}}),
            );
            r.headers_mut().insert("www-authenticate", HeaderValue::from_static("ApiKey realm=\"orders\""));
            return r;
        }
    }
    let rest = &path[route.prefix.len()..];
    let uri = match &query {
        Some(q) if !q.is_empty() => format!("{}{}?{}", route.target, if rest.is_empty() { "/" } else { rest }, q),
        _ => format!("{}{}", route.target, if rest.is_empty() { "/" } else { rest }),
    };
    let mut req = hyper::Request::builder().method(method).uri(uri);
    for (k, v) in headers.iter() {
        if k != "host" && k != "connection" {
            req = req.header(k, v);
        }
    }
    req = req.header("x-correlation-id", id);
    let Ok(req) = req.body(Body::from(body)) else {
        return json_reply(StatusCode::BAD_REQUEST, json!({"error": {"code": "BAD_REQUEST", "correlation_id": id}}));
    };
    match tokio::time::timeout(Duration::from_secs(2), gw.client.request(req)).await {
        Err(_) => json_reply(
            StatusCode::GATEWAY_TIMEOUT,
            json!({"error": {"code": "UPSTREAM_TIMEOUT", "message": "the upstream did not answer within 2000 ms", "correlation_id": id}}),
        ),
        Ok(Err(e)) => json_reply(
            StatusCode::BAD_GATEWAY,
            json!({"error": {"code": "UPSTREAM_UNAVAILABLE", "message": format!("upstream request failed: {}", e), "correlation_id": id}}),
        ),
        Ok(Ok(r)) => r,
    }
}

async fn gateway(port: u16, specs: Vec<String>) {
    let mut routes = Vec::new();
    for s in specs {
        let Some((prefix, rest)) = s.split_once('=') else { continue };
        let mut parts = rest.splitn(2, ',');
        let target = parts.next().unwrap_or_default().to_string();
        let key = parts.next().map(str::to_string);
        routes.push(Route { prefix: prefix.to_string(), target, key });
    }
    let gw = Arc::new(Gw { routes, client: hyper::Client::new(), seq: AtomicU64::new(1) });
    let with_gw = warp::any().map(move || gw.clone());
    let filter = with_gw
        .and(warp::method())
        .and(warp::path::full())
        .and(warp::query::raw().map(Some).or(warp::any().map(|| None)).unify())
        .and(warp::header::headers_cloned())
        .and(warp::body::bytes())
        .and_then(gateway_handle);
    warp::serve(filter).run(SocketAddr::from(([127, 0, 0, 1], port))).await;
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let port: u16 = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
    if !(28000..=28999).contains(&port) {
        eprintln!("usage: apps10 warp|gateway PORT(28000-28999) [ROUTE...]");
        std::process::exit(2);
    }
    match args.get(1).map(String::as_str) {
        Some("warp") => warp_app(port).await,
        Some("gateway") => gateway(port, args[3..].to_vec()).await,
        _ => {
            eprintln!("usage: apps10 warp|gateway PORT [ROUTE...]");
            std::process::exit(2);
        }
    }
}

//! Round-9 corpus apps (capture-round9.sh): the orders API on axum, on
//! actix-web and on poem, and an API gateway written directly on hyper 1 +
//! hyper-util (its own JSON errors, an API-key check on some prefixes, an
//! X-Request-Id on every response it sends, and a Server header of its own in
//! place of the upstream's).
//!
//!   apps9 axum PORT
//!   apps9 actix PORT
//!   apps9 poem PORT
//!   apps9 gateway PORT /prefix=http://127.0.0.1:PORT[,key] ...
//!
//! Routes of the three apps: /api/health, /api/orders/{id} (a JSON 404 the
//! handler writes; the id must be a number), POST /api/orders (a JSON body
//! with `sku` and `qty`), /api/boom (the handler panics), /api/down (JSON 503 +
//! Retry-After), /api/limited (JSON 429), /api/maint (an HTML 503 copying
//! nginx's page), /api/report (an HTML 504 of the app's own), /api/catalog
//! (200, cacheable, ETag + Last-Modified), /api/slow (answers after 5 s);
//! axum also has /api/feed (200, max-age=1, for the caches' stale copies).
//! Everything binds 127.0.0.1.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use serde::Deserialize;
use serde_json::json;

const NGINX_503: &str = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const HTML_504: &str = "<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head>\n<body><h1>Gateway Timeout</h1>\n<p>The upstream server did not respond in time.</p></body></html>\n";
const ETAG: &str = "\"catalog-v9\"";
const LAST_MODIFIED: &str = "Mon, 02 Nov 2026 08:00:00 GMT";

#[derive(Deserialize)]
#[allow(dead_code)]
struct NewOrder {
    sku: String,
    qty: u32,
}

fn down() -> serde_json::Value {
    json!({"error": "service_unavailable", "message": "orders database is in maintenance"})
}
fn limited() -> serde_json::Value {
    json!({"error": "rate_limited", "message": "slow down"})
}
fn catalog() -> serde_json::Value {
    json!({"items": [{"sku": "A-1", "price": 12}], "version": 9})
}

// ------------------------------------------------------------------ axum --
mod axum_app {
    use super::*;
    use axum::extract::Path;
    use axum::http::{header, StatusCode};
    use axum::response::{Html, IntoResponse};
    use axum::routing::get;
    use axum::{Json, Router};

    async fn order(Path(id): Path<u32>) -> impl IntoResponse {
        (StatusCode::NOT_FOUND, Json(json!({"error": "not_found", "message": format!("order {id} not found")})))
    }
    async fn create(Json(o): Json<NewOrder>) -> impl IntoResponse {
        (StatusCode::CREATED, Json(json!({"sku": o.sku, "status": "accepted"})))
    }
    async fn boom() -> &'static str {
        panic!("ledger total mismatch")
    }

    pub async fn run(port: u16) {
        let app = Router::new()
            .route("/api/health", get(|| async { Json(json!({"status": "ok"})) }))
            .route("/api/orders/{id}", get(order))
            .route("/api/orders", axum::routing::post(create))
            .route("/api/boom", get(boom))
            .route(
                "/api/down",
                get(|| async { (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "30")], Json(down())) }),
            )
            .route("/api/limited", get(|| async { (StatusCode::TOO_MANY_REQUESTS, Json(limited())) }))
            .route("/api/maint", get(|| async { (StatusCode::SERVICE_UNAVAILABLE, Html(NGINX_503)) }))
            .route("/api/report", get(|| async { (StatusCode::GATEWAY_TIMEOUT, Html(HTML_504)) }))
            .route(
                "/api/catalog",
                get(|| async {
                    (
                        [
                            (header::CACHE_CONTROL, "public, max-age=30"),
                            (header::ETAG, ETAG),
                            (header::LAST_MODIFIED, LAST_MODIFIED),
                        ],
                        Json(catalog()),
                    )
                }),
            )
            .route(
                "/api/feed",
                get(|| async {
                    (
                        [
                            (header::CACHE_CONTROL, "public, max-age=1"),
                            (header::ETAG, "\"feed-v9\""),
                            (header::LAST_MODIFIED, LAST_MODIFIED),
                        ],
                        Json(json!({"entries": [{"id": 1, "title": "price change"}]})),
                    )
                }),
            )
            .route(
                "/api/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    Json(json!({"status": "late"}))
                }),
            );
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        axum::serve(listener, app).await.expect("serve");
    }
}

// ------------------------------------------------------------- actix-web --
mod actix_app {
    use super::*;
    use actix_web::{http::StatusCode, web, App, HttpResponse, HttpServer};

    async fn order(id: web::Path<u32>) -> HttpResponse {
        HttpResponse::NotFound().json(json!({"error": "not_found", "message": format!("order {id} not found")}))
    }
    async fn create(o: web::Json<NewOrder>) -> HttpResponse {
        HttpResponse::Created().json(json!({"sku": o.sku, "status": "accepted"}))
    }
    async fn boom() -> HttpResponse {
        panic!("ledger total mismatch")
    }
    async fn down_err() -> Result<HttpResponse, actix_web::Error> {
        // actix's own error rendering: the Display text as text/plain
        Err(actix_web::error::ErrorServiceUnavailable("orders database is in maintenance"))
    }

    pub async fn run(port: u16) -> std::io::Result<()> {
        HttpServer::new(|| {
            App::new()
                .route("/api/health", web::get().to(|| async { HttpResponse::Ok().json(json!({"status": "ok"})) }))
                .route("/api/orders/{id}", web::get().to(order))
                .service(web::resource("/api/orders").route(web::post().to(create)))
                .route("/api/boom", web::get().to(boom))
                .route(
                    "/api/down",
                    web::get().to(|| async {
                        HttpResponse::ServiceUnavailable().insert_header(("Retry-After", "30")).json(down())
                    }),
                )
                .route("/api/unavailable", web::get().to(down_err))
                .route("/api/limited", web::get().to(|| async { HttpResponse::TooManyRequests().json(limited()) }))
                .route(
                    "/api/maint",
                    web::get().to(|| async {
                        HttpResponse::build(StatusCode::SERVICE_UNAVAILABLE).content_type("text/html").body(NGINX_503)
                    }),
                )
                .route(
                    "/api/report",
                    web::get().to(|| async {
                        HttpResponse::build(StatusCode::GATEWAY_TIMEOUT).content_type("text/html").body(HTML_504)
                    }),
                )
                .route(
                    "/api/catalog",
                    web::get().to(|| async {
                        HttpResponse::Ok()
                            .insert_header(("Cache-Control", "public, max-age=30"))
                            .insert_header(("ETag", ETAG))
                            .insert_header(("Last-Modified", LAST_MODIFIED))
                            .json(catalog())
                    }),
                )
                .route(
                    "/api/slow",
                    web::get().to(|| async {
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        HttpResponse::Ok().json(json!({"status": "late"}))
                    }),
                )
        })
        .workers(1)
        .bind(("127.0.0.1", port))?
        .run()
        .await
    }
}

// ------------------------------------------------------------------ poem --
mod poem_app {
    use super::*;
    use poem::http::StatusCode;
    use poem::listener::TcpListener;
    use poem::web::{Json, Path};
    use poem::{get, handler, post, IntoResponse, Response, Route, Server};

    #[handler]
    fn health() -> Json<serde_json::Value> {
        Json(json!({"status": "ok"}))
    }
    #[handler]
    fn order(Path(id): Path<u32>) -> Response {
        Json(json!({"error": "not_found", "message": format!("order {id} not found")}))
            .with_status(StatusCode::NOT_FOUND)
            .into_response()
    }
    #[handler]
    fn create(Json(o): Json<NewOrder>) -> Response {
        Json(json!({"sku": o.sku, "status": "accepted"})).with_status(StatusCode::CREATED).into_response()
    }
    #[handler]
    fn boom() -> &'static str {
        panic!("ledger total mismatch")
    }
    #[handler]
    fn down_h() -> Response {
        Json(down()).with_status(StatusCode::SERVICE_UNAVAILABLE).with_header("Retry-After", "30").into_response()
    }
    #[handler]
    fn unavailable() -> poem::Result<String> {
        // poem's own rendering of an error made from a status
        Err(poem::Error::from_status(StatusCode::SERVICE_UNAVAILABLE))
    }
    #[handler]
    fn limited_h() -> Response {
        Json(limited()).with_status(StatusCode::TOO_MANY_REQUESTS).into_response()
    }
    #[handler]
    fn maint() -> Response {
        poem::web::Html(NGINX_503).with_status(StatusCode::SERVICE_UNAVAILABLE).into_response()
    }
    #[handler]
    fn report() -> Response {
        poem::web::Html(HTML_504).with_status(StatusCode::GATEWAY_TIMEOUT).into_response()
    }
    #[handler]
    fn catalog_h() -> Response {
        Json(catalog())
            .with_header("Cache-Control", "public, max-age=30")
            .with_header("ETag", ETAG)
            .with_header("Last-Modified", LAST_MODIFIED)
            .into_response()
    }
    #[handler]
    async fn slow() -> Json<serde_json::Value> {
        tokio::time::sleep(Duration::from_secs(5)).await;
        Json(json!({"status": "late"}))
    }

    pub async fn run(port: u16) -> std::io::Result<()> {
        let app = Route::new()
            .at("/api/health", get(health))
            .at("/api/orders/:id", get(order))
            .at("/api/orders", post(create))
            .at("/api/boom", get(boom))
            .at("/api/down", get(down_h))
            .at("/api/unavailable", get(unavailable))
            .at("/api/limited", get(limited_h))
            .at("/api/maint", get(maint))
            .at("/api/report", get(report))
            .at("/api/catalog", get(catalog_h))
            .at("/api/slow", get(slow));
        Server::new(TcpListener::bind(format!("127.0.0.1:{port}"))).run(app).await
    }
}

// --------------------------------------------------- gateway on hyper 1 --
mod gateway {
    use super::*;
    use hyper::body::Incoming;
    use hyper::header::{HeaderValue, CONTENT_TYPE, HOST, SERVER};
    use hyper::service::service_fn;
    use hyper::{Request, Response, StatusCode, Uri};
    use hyper_util::client::legacy::{connect::HttpConnector, Client};
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto;

    type Body = BoxBody<Bytes, hyper::Error>;

    struct Route {
        prefix: String,
        target: String,
        key: Option<String>,
    }

    struct Gw {
        routes: Vec<Route>,
        client: Client<HttpConnector, Incoming>,
        seq: AtomicU64,
    }

    fn full(s: String) -> Body {
        Full::new(Bytes::from(s)).map_err(|n: Infallible| match n {}).boxed()
    }

    fn own(status: StatusCode, code: &str, message: &str, rid: &str) -> Response<Body> {
        let body = json!({"error": {"code": code, "message": message, "request_id": rid}}).to_string();
        let mut r = Response::new(full(body));
        *r.status_mut() = status;
        r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert("www-authenticate", HeaderValue::from_static("ApiKey realm=\"orders\""));
        }
        r
    }

    async fn handle(gw: Arc<Gw>, mut req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
        let n = gw.seq.fetch_add(1, Ordering::Relaxed);
        let rid = format!("gw-{:08x}-{:04x}", std::process::id(), n);
        let path = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
        let route = gw.routes.iter().find(|r| path.starts_with(&format!("{}/", r.prefix)));
        let mut resp = match route {
            None => own(StatusCode::NOT_FOUND, "no_route", "no upstream for this path", &rid),
            Some(r) => {
                let key_ok = match &r.key {
                    None => true,
                    Some(k) => req.headers().get("x-api-key").and_then(|v| v.to_str().ok()) == Some(k.as_str()),
                };
                if !key_ok {
                    own(StatusCode::UNAUTHORIZED, "unauthorized", "a valid X-API-Key is required", &rid)
                } else {
                    let rest = &path[r.prefix.len()..];
                    let uri: Uri = format!("{}{}", r.target, rest).parse().expect("uri");
                    *req.uri_mut() = uri;
                    req.headers_mut().remove(HOST);
                    // the upstream side is HTTP/1.1 whatever the client spoke (h2c in front)
                    *req.version_mut() = hyper::Version::HTTP_11;
                    req.headers_mut().insert("x-request-id", HeaderValue::from_str(&rid).expect("rid"));
                    match tokio::time::timeout(Duration::from_secs(2), gw.client.request(req)).await {
                        Err(_) => own(StatusCode::GATEWAY_TIMEOUT, "upstream_timeout", "upstream did not answer in 2s", &rid),
                        Ok(Err(e)) if e.is_connect() => {
                            own(StatusCode::BAD_GATEWAY, "upstream_unreachable", "connection refused", &rid)
                        }
                        Ok(Err(_)) => own(StatusCode::BAD_GATEWAY, "upstream_error", "upstream closed the connection", &rid),
                        Ok(Ok(up)) => up.map(|b| b.boxed()),
                    }
                }
            }
        };
        let h = resp.headers_mut();
        h.insert("x-request-id", HeaderValue::from_str(&rid).expect("rid"));
        h.insert(SERVER, HeaderValue::from_static("edge-gw/1.4"));
        Ok(resp)
    }

    pub async fn run(port: u16, args: &[String]) {
        let routes = args
            .iter()
            .map(|a| {
                let (prefix, rest) = a.split_once('=').expect("/prefix=url");
                let (target, key) = match rest.split_once(',') {
                    Some((t, k)) => (t.to_string(), Some(k.to_string())),
                    None => (rest.to_string(), None),
                };
                Route { prefix: prefix.to_string(), target, key }
            })
            .collect();
        let client = Client::builder(TokioExecutor::new()).build_http();
        let gw = Arc::new(Gw { routes, client, seq: AtomicU64::new(1) });
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let gw = gw.clone();
            tokio::spawn(async move {
                let svc = service_fn(move |req| handle(gw.clone(), req));
                let _ = auto::Builder::new(TokioExecutor::new()).serve_connection(TokioIo::new(stream), svc).await;
            });
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: apps9 axum|actix|poem|gateway PORT [routes]");
        std::process::exit(2);
    }
    let port: u16 = args[2].parse().expect("port");
    match args[1].as_str() {
        "actix" => actix_web::rt::System::new().block_on(actix_app::run(port)).expect("actix"),
        mode => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                match mode {
                    "axum" => axum_app::run(port).await,
                    "poem" => poem_app::run(port).await.expect("poem"),
                    "gateway" => gateway::run(port, &args[3..]).await,
                    _ => {
                        eprintln!("unknown mode {mode}");
                        std::process::exit(2);
                    }
                }
            });
        }
    }
}

//! App servers answering by themselves: their own pages, JSON shapes, headers and status lines
//! read as the app, and the marks a gateway built on the same runtime shares.

use super::read;
use crate::evidence::origin::*;

// Responses captured from app servers as they answer by themselves (`curl -si`), each read
// the way it arrives: the app, with its server or framework named.

/// (what it is, the paste, the product expected).
const APP_SERVERS_OWN: &[(&str, &str, &str)] = &[
    (
        "Sanic's text error, lower-case names and no Date (not HAProxy)",
        "< HTTP/1.1 404 Not Found\n< content-length: 81\n< connection: keep-alive\n< content-type: text/plain; charset=utf-8\n< \n⚠️ 404 — Not Found\n==================\nRequested URL /api/orders not found\n\n",
        "Sanic",
    ),
    (
        "Falcon's title and description under uWSGI",
        "< HTTP/1.1 503 Service Unavailable\n< retry-after: 120\n< content-type: application/json\n< vary: Accept\n< content-length: 88\n< \n{\"title\": \"503 Service Unavailable\", \"description\": \"orders database under maintenance\"}",
        "Falcon",
    ),
    (
        "Go's http.TimeoutHandler page",
        "< HTTP/1.1 503 Service Unavailable\n< Date: Thu, 03 Dec 2026 09:21:01 GMT\n< Content-Length: 77\n< Content-Type: text/html; charset=utf-8\n< \n<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>",
        "Go net/http",
    ),
    (
        "Tomcat's 404 page, which says 'no such resource' too",
        "HTTP/1.1 404 \nContent-Type: text/html;charset=utf-8\nContent-Language: en\nDate: Thu, 03 Dec 2026 09:21:13 GMT\n\n<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><p><b>Type</b> Status Report</p><p><b>Message</b> no such resource</p><hr class=\"line\" /><h3>Apache Tomcat/10.1.52</h3></body></html>",
        "Tomcat",
    ),
    (
        "Node's http with a JSON error",
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: keep-alive\nKeep-Alive: timeout=5\nContent-Length: 16\n\n{\"error\":\"boom\"}",
        "Node.js",
    ),
    (
        "axum's JSON rejection, direct",
        "HTTP/1.1 422 Unprocessable Entity\ncontent-type: text/plain; charset=utf-8\ncontent-length: 96\ndate: Thu, 03 Dec 2026 15:59:08 GMT\n\nFailed to deserialize the JSON body into the target type: missing field `sku` at line 1 column 9",
        "axum",
    ),
    (
        "actix-web's JSON payload error",
        "HTTP/1.1 400 Bad Request\ncontent-length: 64\ncontent-type: text/plain; charset=utf-8\ndate: Thu, 03 Dec 2026 15:59:08 GMT\n\nJson deserialize error: expected value at line 1 column 2",
        "actix-web",
    ),
    (
        "Go's http.NotFound",
        "HTTP/1.1 404 Not Found\nContent-Type: text/plain; charset=utf-8\nX-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 19\n\n404 page not found\n",
        "Go net/http",
    ),
    (
        "Go's http.Error",
        "HTTP/1.1 503 Service Unavailable\nContent-Type: text/plain; charset=utf-8\nX-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 21\n\ndatabase unavailable\n",
        "Go net/http",
    ),
    (
        "PHP's built-in server, no such script",
        "HTTP/1.1 404 Not Found\nHost: 127.0.0.1:29103\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: close\nContent-Type: text/html; charset=UTF-8\nContent-Length: 537\n\n<!doctype html><html><head><title>404 Not Found</title><style>\nbody { background-color: #fcfcfc; color: #333333; margin: 0; padding:0; }\ncode.url { background-color: #eeeeee; font-family:monospace; padding:0 2px;}\n</style>\n</head><body><h1>Not Found</h1><p>The requested resource <code class=\"url\">/nope</code> was not found on this server.</p></body></html>",
        "PHP built-in server",
    ),
    (
        "a PHP script's JSON error",
        "HTTP/1.1 500 Internal Server Error\nHost: 127.0.0.1:29103\nDate: Thu, 03 Dec 2026 09:19:46 GMT\nConnection: close\nX-Powered-By: PHP/8.2.36\nContent-Type: application/json\n\n{\"error\":\"boom\"}",
        "PHP",
    ),
    (
        "Sinatra under Puma, no such route",
        "HTTP/1.1 404 Not Found\nX-Cascade: pass\nContent-Type: text/html;charset=utf-8\nX-XSS-Protection: 1; mode=block\nX-Content-Type-Options: nosniff\nX-Frame-Options: SAMEORIGIN\nContent-Length: 495\n\n<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n  <h2>Sinatra doesn’t know this ditty.</h2>\n</body>\n</html>",
        "Sinatra",
    ),
    (
        "WEBrick, no such file",
        "HTTP/1.1 404 Not Found\nContent-Type: text/html; charset=ISO-8859-1\nServer: WEBrick/1.8.1 (Ruby/3.1.2/2022-04-12)\nDate: Thu, 03 Dec 2026 09:20:34 GMT\nContent-Length: 275\nConnection: close\n\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0//EN\">\n<HTML>\n  <HEAD><TITLE>Not Found</TITLE></HEAD>\n  <BODY>\n    <H1>Not Found</H1>\n    `/nope' not found.\n    <HR>\n    <ADDRESS>\n     WEBrick/1.8.1 (Ruby/3.1.2/2022-04-12) at\n     127.0.0.1:29105\n    </ADDRESS>\n  </BODY>\n</HTML>",
        "WEBrick",
    ),
    (
        "the JDK's HttpServer, no such context",
        "HTTP/1.1 404 Not Found\nContent-Length: 50\nContent-Type: text/html\nConnection: close\n\n<h1>404 Not Found</h1>No context found for request",
        "JDK HttpServer",
    ),
    (
        "the JDK's HttpServer, a handler's JSON error",
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:20:34 GMT\nContent-type: application/json\nContent-length: 16\n\n{\"error\":\"boom\"}",
        "JDK HttpServer",
    ),
    (
        "gunicorn's own page for a crashed worker",
        "< HTTP/1.1 500 Internal Server Error\n< Connection: close\n< Content-Type: text/html\n< Content-Length: 141\n<\n<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>",
        "gunicorn",
    ),
    (
        "uvicorn refusing a bad header",
        "< HTTP/1.1 400 Bad Request\n< content-type: text/plain; charset=utf-8\n< Connection: close\n<\nInvalid HTTP request received.",
        "uvicorn",
    ),
    (
        "Waitress's own 431, not Squid's",
        "< HTTP/1.0 431 Request Header Fields Too Large\n< Connection: close\n< Content-Length: 88\n< Content-Type: text/plain; charset=utf-8\n< Date: Thu, 03 Dec 2026 07:46:43 GMT\n< Server: waitress\n<\nRequest Header Fields Too Large\n\nexceeds max_header of 1024\n\n(generated by waitress)",
        "Waitress",
    ),
];

#[test]
fn app_servers_answering_by_themselves_are_the_app() {
    for (what, paste, product) in APP_SERVERS_OWN {
        let v = read(paste);
        assert_eq!(v.layer, Some(Layer::App), "{what}: {v:?}");
        assert_eq!(v.product.as_deref(), Some(*product), "{what}: {v:?}");
        assert!(v.confidence >= Confidence::Low, "{what}");
    }
}

#[test]
fn an_app_servers_bare_refusal_is_at_most_a_low_guess() {
    // Node's parser refusing a request: no Date, no Server, no body. Whoever parsed it first
    // refused it, the front when there is one: only "low", with the check.
    let v = read("HTTP/1.1 400 Bad Request\nConnection: close\n\n");
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:?}");
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.check.is_some());
    // Go's, refusing a request it cannot parse, alike.
    let v = read(
        "HTTP/1.1 400 Bad Request: malformed Host header\nContent-Type: text/plain; \
         charset=utf-8\nConnection: close\n\n400 Bad Request: malformed Host header",
    );
    assert_eq!(v.layer, Some(Layer::Gateway), "{v:?}");
    assert_eq!(v.confidence, Confidence::Low);
    // Go's handler that set only a status: an empty body with no Server is no proxy's mark
    // (the proxies that answer empty name themselves), so the app, "low", with the check.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nContent-Length: 0\n\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert_eq!(v.confidence, Confidence::Low);
    assert!(v.check.is_some());
    // The same empty 500 under a Server that names no app: either side may have sent it.
    let v = read(
        "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:20:11 GMT\nServer: edge\nContent-Length: 0\n\n",
    );
    assert_ne!(v.confidence, Confidence::High, "{v:?}");
}

/// No Date and no Server: every common proxy dates its own answers but `HAProxy`, whose
/// HTTP/1.1 names are lower case. In mixed case it is an app server's own answer (Puma under
/// Sinatra; a refusal before any handler aside); in lower case it may be either, so it weighs
/// little.
#[test]
fn an_undated_answer_in_mixed_case_is_an_app_servers() {
    let sinatra = read(
        "< HTTP/1.1 500 Internal Server Error\n< Content-Type: text/html;charset=utf-8\n\
         < X-XSS-Protection: 1; mode=block\n< X-Content-Type-Options: nosniff\n\
         < X-Frame-Options: SAMEORIGIN\n< Content-Length: 30\n< \n{ [30 bytes data]\n\
         <h1>Internal Server Error</h1>",
    );
    assert_eq!(sinatra.layer, Some(Layer::App), "{:?}", sinatra.reasons);
    assert!(sinatra.confidence < Confidence::High);
    // The same in lower case, with no page of HAProxy's: not HAProxy for sure.
    let lower = read(
        "< HTTP/1.1 503 Service Unavailable\n< content-length: 22\n< connection: keep-alive\n\
         < content-type: text/plain; charset=utf-8\n< \nService is unavailable",
    );
    assert!(lower.confidence < Confidence::Medium, "{:?}", lower.reasons);
    // With HAProxy's error-file header it is HAProxy's.
    let errorfile = read(
        "< HTTP/1.1 503 Service Unavailable\n< content-length: 40\n< cache-control: no-cache\n\
         < content-type: application/json\n< \n{\"error\":{\"code\":503,\"message\":\"down\"}}",
    );
    assert_eq!(errorfile.product.as_deref(), Some("HAProxy"));
    // Through a forward proxy (curl -x) a short undated answer may be the proxy's own.
    let forward = read(
        "$ curl -sv -x http://127.0.0.1:3128 http://api.example/x\n< HTTP/1.1 400 Bad Request\n\
         < Connection: close\n< \n",
    );
    assert_ne!(forward.layer, Some(Layer::App));
}

/// A gateway built on an app runtime (Node's http-proxy, Go's `ReverseProxy`) writes JSON with
/// the request id in it, like an app; what gives it away is that it speaks of its upstream.
#[test]
fn a_body_that_speaks_of_its_upstream_is_a_gateways_whatever_it_is_built_on() {
    let node_gateway = read(
        "< HTTP/1.1 502 Bad Gateway\n< Content-Type: application/json\n< Content-Length: 136\n\
         < X-Correlation-ID: 50438a52-9aae-48dc-94f2-7e1d9811f4ed\n\
         < Date: Thu, 03 Dec 2026 09:20:57 GMT\n< Connection: keep-alive\n< Keep-Alive: timeout=5\n\
         < \n{ [136 bytes data]\n* Connection #0 to host 127.0.0.1 left intact\n\
         {\"error\":{\"code\":\"bad_gateway\",\"message\":\"upstream unavailable: ECONNREFUSED\",\
         \"correlation_id\":\"50438a52-9aae-48dc-94f2-7e1d9811f4ed\"}}",
    );
    assert_eq!(node_gateway.layer, Some(Layer::Gateway), "{node_gateway:?}");
    assert!(node_gateway.confidence < Confidence::High);
    assert!(
        node_gateway
            .check
            .as_deref()
            .is_some_and(|c| c.contains("50438a52-9aae-48dc-94f2-7e1d9811f4ed"))
    );
    // Behind nghttpx, whose Via says it forwarded the answer: a gateway further upstream
    // made it, not nghttpx.
    let two_hops = read(
        "< HTTP/1.1 502 Bad Gateway\n< Content-Type: application/json\n\
         < X-Trace-Id: 133cd08209a77e56075683f229bf70a2\n< Date: Thu, 03 Dec 2026 09:21:22 GMT\n\
         < Content-Length: 134\n< Server: nghttpx\n< Via: 1.1 nghttpx\n< \n\
         {\"error\":{\"code\":\"upstream_unavailable\",\"message\":\"the upstream could not be reached\",\
         \"trace_id\":\"133cd08209a77e56075683f229bf70a2\"}}",
    );
    assert_eq!(two_hops.layer, Some(Layer::Gateway));
    assert_eq!(two_hops.product, None, "{two_hops:?}");
    assert_eq!(
        two_hops.reasons[0],
        "502 + speaks of its upstream → most likely a proxy in front made it"
    );
    // The app's own 504 that calls its dependency a backend, passed on by nginx, is the app's.
    let app = read(
        "< HTTP/1.1 504 Gateway Timeout\n< Server: nginx/1.22.1\n< Date: Thu, 03 Dec 2026 09:21:09 GMT\n\
         < Content-Type: text/html; charset=UTF-8\n< Transfer-Encoding: chunked\n\
         < X-Powered-By: PHP/8.2.36\n< \n<html><head><title>504 Gateway Timeout</title></head>\n\
         <body><h1>Gateway Timeout</h1><p>The reporting backend did not answer in time.</p></body></html>",
    );
    assert_eq!(app.layer, Some(Layer::App), "{app:?}");
}

/// Marks of a runtime (Node's Keep-Alive, Go's http.Error) and of any JSON writer (an app
/// shape, the id in the body) are what a gateway built on that runtime leaves too: without a
/// framework's own mark the app is never "high".
#[test]
fn a_runtimes_marks_alone_never_make_a_sure_app() {
    let node_gateway_404 = read(
        "$ curl -si http://127.0.0.1:20015/v2/orders\nHTTP/1.1 404 Not Found\n\
         Content-Type: application/json\nContent-Length: 122\n\
         X-Correlation-ID: 6a05ae0e-217e-4a54-ab14-cc8b73885213\n\
         Date: Thu, 03 Dec 2026 09:20:59 GMT\nConnection: keep-alive\nKeep-Alive: timeout=5\n\n\
         {\"error\":{\"code\":\"no_route\",\"message\":\"no route for /v2/orders\",\
         \"correlation_id\":\"6a05ae0e-217e-4a54-ab14-cc8b73885213\"}}",
    );
    // The id in the body weighs for neither side: a proxy told to answer in JSON quotes it too.
    assert!(
        node_gateway_404.confidence < Confidence::High,
        "{node_gateway_404:?}"
    );
    assert!(
        node_gateway_404
            .reasons
            .iter()
            .any(|r| r.contains("or a proxy told to put its id in its own answers")),
        "{node_gateway_404:?}"
    );
    // Go's http.NotFound: its text and its headers are one fact, so not "medium" twice over.
    let go = read(
        "HTTP/1.1 404 Not Found\nContent-Type: text/plain; charset=utf-8\n\
         X-Content-Type-Options: nosniff\nDate: Thu, 03 Dec 2026 09:21:04 GMT\n\
         Content-Length: 19\n\n404 page not found\n",
    );
    assert_eq!(go.layer, Some(Layer::App));
    assert!(go.confidence < Confidence::High);
    // A framework's own shape beside Node's mark: two things agree, but this is its default
    // answer to a route it has no handler for, which a gateway built on Fastify writes too.
    let fastify = read(
        "< HTTP/1.1 404 Not Found\n< content-type: application/json; charset=utf-8\n\
         < content-length: 84\n< Date: Thu, 03 Dec 2026 09:20:55 GMT\n< Connection: keep-alive\n\
         < Keep-Alive: timeout=72\n< \n{\"message\":\"Route GET:/api/orders/7 not found\",\
         \"error\":\"Not Found\",\"statusCode\":404}",
    );
    assert_eq!(fastify.layer, Some(Layer::App));
    assert_eq!(fastify.confidence, Confidence::Medium, "{fastify:?}");
    assert!(
        fastify
            .reasons
            .iter()
            .any(|r| r.contains("gateway built on the same"))
    );
    // Node's Keep-Alive is a lone timeout, whatever its value; Apache's says max= too.
    let headers_only = read(
        "HTTP/1.1 404 Not Found\ncontent-type: application/json; charset=utf-8\n\
         content-length: 85\nDate: Thu, 03 Dec 2026 09:21:27 GMT\nConnection: keep-alive\n\
         Keep-Alive: timeout=72\n\n",
    );
    assert_eq!(headers_only.layer, Some(Layer::App));
    assert_eq!(headers_only.product.as_deref(), Some("Node.js"));
}

/// Tomcat writes no reason phrase; a proxy words every status line it writes and passes the
/// upstream's on as it came, so a bare code is the app server's, even behind nginx.
#[test]
fn a_status_line_with_no_reason_phrase_is_an_app_servers() {
    let head = read(
        "$ curl -sI http://127.0.0.1:20050/api/users/7\nHTTP/1.1 404 \n\
         Content-Type: text/html;charset=utf-8\nContent-Language: en\nContent-Length: 730\n\
         Date: Thu, 03 Dec 2026 09:21:27 GMT\n\n",
    );
    assert_eq!(head.layer, Some(Layer::App), "{head:?}");
    let own_502 = read(
        "< HTTP/1.1 502 \n< Content-Type: application/json;charset=UTF-8\n< Content-Length: 91\n\
         < Date: Thu, 03 Dec 2026 09:21:13 GMT\n< \n{ [91 bytes data]\n\
         {\"error\":{\"code\":\"bad_gateway\",\"message\":\"payment provider returned an invalid response\"}}",
    );
    assert_eq!(own_502.layer, Some(Layer::App), "{own_502:?}");
    // HTTP/2 has no reason phrase at all: nothing to read there.
    let h2 = read("HTTP/2 404 \ncontent-type: text/html\ndate: Thu, 03 Dec 2026 09:21:27 GMT\n\n");
    assert!(!h2.reasons.iter().any(|r| r.contains("no reason phrase")));
}

/// X-Powered-By names the framework as surely as Server names the app server: a proxy's own
/// page carries neither. Express's own 502 page relayed by a gateway that adds only an id.
#[test]
fn x_powered_by_on_an_html_502_is_the_apps() {
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nx-powered-by: Express\ncontent-type: text/html; charset=utf-8\n\
         content-length: 153\netag: W/\"99-Kuq3b1vWl1Elds9r0+Mr8mqJKMQ\"\n\
         date: Thu, 03 Dec 2026 09:20:59 GMT\nconnection: close\n\
         x-correlation-id: fdd9573f-e3e1-47e4-bf2a-2bb22f43d4d8\n\n<html>\n\
         <head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n\
         <p>The payment provider returned an invalid response.</p>\n</body>\n</html>\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:?}");
    assert_eq!(v.product.as_deref(), Some("Express"));
    assert!(v.confidence < Confidence::High);
}

/// An app server in the table is the app, never "a server in front" by the unknown-Server
/// rule: Perl's `HTTP::Daemon`, gevent, Plack's servers, a bare language name.
#[test]
fn perl_ruby_and_python_app_servers_by_name_are_the_app() {
    for server in [
        "libwww-perl-daemon/6.16",
        "gevent/23.9 Python/3.11",
        "Twiggy",
        "Plack::Handler::Starlet",
        "Agoo 2.15.8",
        "Perl/5.36",
    ] {
        let v = read(&format!(
            "HTTP/1.1 500 Internal Server Error\nDate: Thu, 03 Dec 2026 09:21:27 GMT\n\
             Server: {server}\nContent-Type: text/html\nContent-Length: 40\n\n\
             <title>500 Internal Server Error</title>"
        ));
        assert_eq!(v.layer, Some(Layer::App), "{server}: {v:?}");
    }
}

#[test]
fn app_json_behind_nginx_with_a_mark_of_the_app_is_the_apps() {
    // As captured: Express behind nginx, which replaced the Server; Express's weak ETag and the
    // id from the path are still there.
    let etag = "$ curl -si http://127.0.0.1:30054/api/orders\nHTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 17:11:25 GMT\nContent-Type: application/json; charset=utf-8\nContent-Length: 39\nConnection: keep-alive\nETag: W/\"27-Rn6J0a0Z0mHh1tq3x0iYbQ6m8nE\"\n\n{\"error\":\"NOT_FOUND\",\"message\":\"nope\"}";
    let origin = read(etag);
    assert_eq!(origin.layer, Some(Layer::App), "{:?}", origin.reasons);
    assert!(origin.reasons.iter().any(|r| r.contains("etag package")));
    let id = "$ curl -si http://127.0.0.1:30057/api/orders/7\nHTTP/1.1 404 Not Found\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 17:11:25 GMT\nContent-Type: application/json\nContent-Length: 62\n\n{\"error\":\"order_not_found\",\"message\":\"Order 7 does not exist\"}";
    let origin = read(id);
    assert_eq!(origin.layer, Some(Layer::App), "{:?}", origin.reasons);
    assert!(origin.reasons.iter().any(|r| r.contains("names 7")));
    // nginx's own configured JSON is the same for every request: still not the app's.
    let configured = "$ curl -si http://127.0.0.1:30057/api/orders/7\nHTTP/1.1 429 Too Many Requests\nServer: nginx/1.22.1\nDate: Thu, 03 Dec 2026 17:11:25 GMT\nContent-Type: application/json\nContent-Length: 58\n\n{\"error\":\"rate_limited\",\"message\":\"Too many requests\"}";
    assert_ne!(read(configured).layer, Some(Layer::App));
    // A web server's tag on a file is hex-hex, weak or not: no mark of Node.
    let file = etag.replace("W/\"27-Rn6J0a0Z0mHh1tq3x0iYbQ6m8nE\"", "W/\"6566-1f4\"");
    assert!(
        !read(&file)
            .reasons
            .iter()
            .any(|r| r.contains("etag package"))
    );
}

#[test]
fn echos_json_type_marks_it_behind_any_proxy() {
    let behind_apache = "HTTP/1.1 404 Not Found\nDate: Thu, 03 Dec 2026 19:20:31 GMT\nServer: Apache/2.4.71 (Debian)\nContent-Type: application/json; charset=UTF-8\nContent-Length: 24\n\n{\"message\":\"Not Found\"}\n";
    let origin = read(behind_apache);
    assert_eq!(origin.layer, Some(Layer::App), "{:?}", origin.reasons);
    // The lower-case spelling is anyone's.
    let anyone = behind_apache.replace("charset=UTF-8", "charset=utf-8");
    assert!(!read(&anyone).reasons.iter().any(|r| r.contains("Echo")));
}

#[test]
fn an_app_server_is_named_by_a_whole_token_of_server() {
    use crate::evidence::origin::apps::app_server;
    assert_eq!(app_server("Python/3.11 aiohttp/3.9.5"), Some("aiohttp"));
    assert_eq!(app_server("TornadoServer/6.4"), Some("Tornado"));
    assert_eq!(app_server("Mongrel 1.1.5"), Some("Mongrel"));
    // Another product, a front: its name runs on into a digit.
    assert_eq!(app_server("Mongrel2/1.12.2"), None);
    assert_eq!(app_server("nothing"), None);
}

/// A gateway app under uvicorn answering for itself (round 64, fastapi-proxy-lib): the app
/// server's name, nothing in front and plain JSON are all there is, so the reading is not sure.
#[test]
fn an_app_servers_name_and_plain_json_are_not_proof_of_the_app() {
    let gateway = read(include_str!(
        "../../../../tests/fixtures/evidence-round64/fpl-429-exports-json.txt"
    ));
    assert!(gateway.confidence < Confidence::High, "{gateway:#?}");
    assert!(gateway.check.is_some());
    assert!(
        gateway
            .reasons
            .iter()
            .any(|r| r.contains("gateway app served by the same app server"))
    );
    // Under Hypercorn, whose status lines have no reason phrase: the same, with an empty body.
    let hypercorn = read(include_str!(
        "../../../../tests/fixtures/evidence-round64/asgi-503-beta-empty.txt"
    ));
    assert!(hypercorn.confidence < Confidence::High, "{hypercorn:#?}");
}

#[test]
fn slims_error_page_names_slim_through_haproxy() {
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round72/slim-500-boom-haproxy-h2.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert_eq!(v.product.as_deref(), Some("Slim"), "{:?}", v.reasons);
}

#[test]
fn gos_redirect_link_names_go_unless_another_server_is_named() {
    // Round 98's Go server through Squid: `http.Redirect`'s link and full stop.
    let through_squid = "HTTP/1.1 301 Moved Permanently\nContent-Type: text/html; charset=utf-8\nLocation: /api/reports/\nDate: Fri, 04 Dec 2026 22:52:23 GMT\nContent-Length: 48\nX-Cache: MISS from edge-grebe-98\nVia: 1.1 edge-grebe-98 (squid/5.7)\n\n<a href=\"/api/reports/\">Moved Permanently</a>.\n";
    let v = read(through_squid);
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert_eq!(v.product.as_deref(), Some("Go net/http"), "{v:#?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("an answer in the format Go net/http writes")),
        "{v:#?}"
    );
    // Under a Python server's own name the link is no proof of Go (a sign-in proxy copying it).
    let named = read(&through_squid.replace(
        "Content-Length: 48",
        "Content-Length: 48\nServer: orders-gate/0.9 Python/3.11.2",
    ));
    assert_ne!(named.product.as_deref(), Some("Go net/http"), "{named:#?}");
    // Another reason than the status's own is no Go redirect.
    let v = read(&through_squid.replace(">Moved Permanently<", ">Click here<"));
    assert_ne!(v.product.as_deref(), Some("Go net/http"), "{v:#?}");
}

#[test]
fn nosniff_alone_on_a_json_error_is_rack_protections_not_a_hardened_fronts() {
    // Round 97's Sinatra behind nginx, nginx adding its own request id beside the app's.
    let sinatra = "HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\nDate: Fri, 04 Dec 2026 22:49:20 GMT\r\nContent-Type: application/json\r\nContent-Length: 64\r\nConnection: keep-alive\r\nX-Content-Type-Options: nosniff\r\nX-Request-Id: wy-633eb6ca05ad9d2f\r\nX-Request-ID: 00aa226b844ea70a2cb19affe1dd433f\r\n\r\n{\"error\":\"bad_request\",\"message\":\"shipment id must be a number\"}";
    let v = read(sinatra);
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("nosniff alone on JSON")),
        "{v:#?}"
    );
    // A front hardened by hand sets nosniff among others, on its own JSON too (round 18).
    let hardened = sinatra.replace(
        "X-Content-Type-Options: nosniff\r\n",
        "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n",
    );
    let v = read(&hardened);
    assert!(
        !v.reasons.iter().any(|r| r.contains("nosniff alone")),
        "{v:#?}"
    );
    // Nor is it a mark on a success, which a cache may replay from its store.
    let v = read(&sinatra.replace("400 Bad Request", "200 OK"));
    assert!(
        !v.reasons.iter().any(|r| r.contains("nosniff alone")),
        "{v:#?}"
    );
}

#[test]
fn express_and_koa_name_themselves_in_the_words_under_a_redirect() {
    // Round 51's Express cart redirect, no Server of the app, and round 101's Koa behind Apache.
    let express = read(
        "HTTP/1.1 302 Found\nX-Powered-By-Not: x\nLocation: /login\nVary: Accept\nContent-Type: text/plain; charset=utf-8\nContent-Length: 28\nDate: Fri, 04 Dec 2026 10:00:00 GMT\n\nFound. Redirecting to /login",
    );
    assert_eq!(express.product.as_deref(), Some("Express"), "{express:#?}");
    let koa = read(
        "HTTP/2 301 \nlocation: /api/tickets/1\ncontent-type: text/html; charset=utf-8\ncontent-length: 30\ndate: Fri, 04 Dec 2026 23:21:49 GMT\n\nRedirecting to /api/tickets/1.",
    );
    assert_eq!(koa.product.as_deref(), Some("Koa"), "{koa:#?}");
    assert!(
        koa.reasons
            .iter()
            .any(|r| r.contains("an answer in the format Koa writes")),
        "{koa:#?}"
    );
    // The same words under an error status are no redirect of theirs.
    let v = read("HTTP/1.1 500 Internal Server Error\n\nRedirecting to /x.");
    assert_ne!(v.product.as_deref(), Some("Koa"), "{v:#?}");
}

#[test]
fn a_token_error_under_an_app_servers_name_is_no_check_in_front() {
    // Round 132's headers cut from the app's 401 behind Apache, which keeps the upstream's
    // Server: the app's own token check, not one in front.
    let v = read(
        "HTTP/1.1 401 Unauthorized\nDate: Sat, 05 Dec 2026 03:33:39 GMT\nServer: granian\n\
         www-authenticate: Bearer realm=\"larkspur\", error=\"invalid_token\"\ncontent-length: 67\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(v.confidence < Confidence::High);
    // The same challenge under a proxy's name still weighs for a check in front.
    let v = read(
        "HTTP/1.1 401 Unauthorized\nDate: Sat, 05 Dec 2026 03:33:39 GMT\nServer: Apache/2.4.71\n\
         WWW-Authenticate: Bearer error=\"invalid_token\"\nContent-Length: 0\n\n",
    );
    assert_ne!(v.layer, Some(Layer::App), "{v:#?}");
}

#[test]
fn json_under_caddy_with_the_length_sorted_in_was_passed_on() {
    // Round 141's Sanic 403 behind Caddy: Sanic sends no Date, so Caddy adds one last, but the
    // Content-Length stands sorted among the upstream's names: passed on, the app's JSON.
    let v = read(
        "< HTTP/1.1 403 Forbidden\n< Content-Length: 83\n< Content-Type: application/json\n\
         < Server: Caddy\n< Date: Sat, 05 Dec 2026 04:42:14 GMT\n< \n\
         {\"error\":{\"code\":\"forbidden\",\"message\":\"role 'viewer' may not read the audit log\"}}",
    );
    assert_eq!(v.layer, Some(Layer::App), "{v:#?}");
    assert!(
        !v.reasons.iter().any(|r| r.contains("wrote this answer")),
        "{v:#?}"
    );
}

#[test]
fn a_body_pasted_alone_about_the_requests_own_fault_is_probably_the_apps() {
    // Round 147's Express 404 pasted with `curl -s | jq .`: a record not found is what the
    // app knows; a front told to answer in JSON writes of limits and maintenance.
    let v = read(
        "$ curl -s http://api.example.test/api/orders/9 | jq .\n{\n  \"error\": {\n    \
         \"code\": \"NOT_FOUND\",\n    \"message\": \"order 9 not found\"\n  }\n}\n",
    );
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(v.confidence < Confidence::High, "{:?}", v.reasons);
    // A front's configured JSON 429 pasted alone stays unknown.
    let limit = read(
        "$ curl -s http://api.example.test/api/export\n\
         {\"error\":\"rate_limited\",\"message\":\"exports are limited to one per hour\"}\n",
    );
    assert_eq!(limit.layer, None, "{:?}", limit.reasons);
}

#[test]
fn an_apps_502_quoting_its_dependencys_socket_error_is_the_apps() {
    // Round 151's Express 502 behind nginx: the dependency named, its client's error quoted.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round151/express-502-payments-down-nginx.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    // A Node gateway's own words of its upstream, by address: still the gateway's.
    let gateway = read(include_str!(
        "../../../../tests/fixtures/evidence-round7/h2o2-502-refused.txt"
    ));
    assert_eq!(gateway.layer, Some(Layer::Gateway), "{:?}", gateway.reasons);
    // Caddy's JSON error quoting Go's dial error: an address, and `connect:` before it.
    let caddy = read(include_str!(
        "../../../../tests/fixtures/evidence-round22/caddy-502-httpie-tls.txt"
    ));
    assert_ne!(caddy.layer, Some(Layer::App), "{:?}", caddy.reasons);
}

#[test]
fn a_5xx_naming_the_service_it_depends_on_by_its_role_is_the_apps() {
    // Round 155's Express 502 page pasted alone: the payment provider, named by its role.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round155/body-express-502-payments-html-haproxy.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(v.confidence < Confidence::High, "{:?}", v.reasons);
    // A front's maintenance answer about a database migration names no role it depends on.
    let front = read(
        "$ curl -s http://api.example.test/api/billing\n\
         {\"error\":\"maintenance\",\"message\":\"billing is paused for a database migration\"}\n",
    );
    assert!(
        !front
            .reasons
            .iter()
            .any(|r| r.starts_with("names its dependency")),
        "{:?}",
        front.reasons
    );
}

#[test]
fn a_5xx_naming_the_database_that_failed_is_the_apps() {
    // Round 151's Flask 503 page pasted alone: the app could not reach its Postgres.
    let v = read(include_str!(
        "../../../../tests/fixtures/evidence-round151/body-flask-503-inventory-db-down-caddy.txt"
    ));
    assert_eq!(v.layer, Some(Layer::App), "{:?}", v.reasons);
    assert!(v.confidence < Confidence::High, "{:?}", v.reasons);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.starts_with("names its database")),
        "{:?}",
        v.reasons
    );
    let named = |body: &str| {
        read(body)
            .reasons
            .iter()
            .any(|r| r.starts_with("names its database"))
    };
    // A client's error quoting the database's port names it too.
    assert!(named(
        "HTTP/1.1 503 Service Unavailable\nContent-Type: application/json\n\n\
         {\"status\":\"error\",\"message\":\"connect ECONNREFUSED 127.0.0.1:5432\"}\n"
    ));
    // A front's maintenance page speaks of a database being migrated, not of one that failed.
    assert!(!named(
        "HTTP/1.1 503 Service Unavailable\nContent-Type: application/json\n\n\
         {\"error\":\"maintenance\",\"message\":\"billing is paused for a database migration\"}\n"
    ));
    // "db" inside a hex request id is no database, nor is a port that only starts with 5432.
    assert!(!named(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\n\n\
         {\"error\":\"bad_gateway\",\"request_id\":\"4db7e01f\",\"upstream\":\"10.0.0.7:54321\"}\n"
    ));
}

#[test]
fn a_5xx_naming_its_dependency_in_a_field_or_by_a_cluster_is_the_apps() {
    // Round 156: DRF's own 502 through nginx, the dependency named in a field of its own.
    let field = read(include_str!(
        "../../../../tests/fixtures/evidence-round156/drf-502-payments-json-nginx.txt"
    ));
    assert_eq!(field.layer, Some(Layer::App), "{:?}", field.reasons);
    // Round 180: Koa's 504 pasted alone, "search cluster timed out".
    let cluster = read(include_str!(
        "../../../../tests/fixtures/evidence-round180/body-koa-504-search-wrapper-haproxy.txt"
    ));
    assert_eq!(cluster.layer, Some(Layer::App), "{:?}", cluster.reasons);
    // A gateway's own JSON naming its upstream in a field is no dependency named.
    let gateway = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\n\n\
         {\"error\":\"bad_gateway\",\"dependency\":\"upstream\",\"message\":\"upstream refused\"}\n",
    );
    assert_ne!(gateway.layer, Some(Layer::App), "{:?}", gateway.reasons);
}

#[test]
fn a_dependency_name_quoted_in_a_reason_carries_no_control_character() {
    let v = read(
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\n\n\
         {\"error\":\"x\",\"dependency\":\"stri\\u001b]0;pwn\\u0007\\u001b[2Jpe\"}\n",
    );
    let quoted = v
        .reasons
        .iter()
        .find(|r| r.contains("\"dependency\""))
        .expect("the dependency is named");
    assert!(!quoted.chars().any(char::is_control), "{quoted:?}");
    assert!(quoted.contains("stri]0;pwn[2jpe"), "{quoted:?}");
}

//! The app's side of the signatures, as data: app servers and frameworks named in a header
//! (`APP_SERVERS`), the error pages and texts they write by themselves (`APP_PAGES`), and the
//! shapes of their JSON errors (`APP_JSON`); and the signals read from them. Headers and
//! cookies only an app sets are `app_headers`'.

use super::app_headers::app_header;
use super::forwarding::upstream_words;
use super::signatures::FRONTS;
use super::{Seen, Signal, Toward};

/// App servers and frameworks, by a word at the start of a token of `Server` or
/// `X-Powered-By` (`Python/3.11 aiohttp/3.9` names aiohttp). The first match wins, so the
/// bare language names come last.
pub(super) const APP_SERVERS: &[(&str, &str)] = &[
    ("basehttp", "Python http.server"),
    // Go's fasthttp names itself when the app sets no name of its own.
    ("fasthttp", "fasthttp"),
    ("simplehttp", "Python http.server"),
    ("wsgiserver", "Python wsgiref"),
    ("werkzeug", "Flask/Werkzeug"),
    ("gunicorn", "gunicorn"),
    ("uvicorn", "uvicorn"),
    ("hypercorn", "Hypercorn"),
    ("daphne", "Daphne"),
    ("waitress", "Waitress"),
    ("granian", "Granian"),
    ("cheroot", "CherryPy"),
    ("cherrypy", "CherryPy"),
    ("twistedweb", "Twisted"),
    ("tornado", "Tornado"),
    ("aiohttp", "aiohttp"),
    ("sanic", "Sanic"),
    ("gevent", "gevent"),
    ("meinheld", "meinheld"),
    ("bjoern", "bjoern"),
    ("sails", "Sails"),
    ("express", "Express"),
    ("next.js", "Next.js"),
    ("kestrel", "ASP.NET Kestrel"),
    ("asp.net", "ASP.NET"),
    ("jetty", "Jetty"),
    ("tomcat", "Tomcat"),
    ("apache-coyote", "Tomcat"),
    ("undertow", "Undertow"),
    ("wildfly", "WildFly"),
    ("jboss", "JBoss"),
    ("glassfish", "GlassFish"),
    ("payara", "Payara"),
    ("servlet", "a Java servlet container"),
    ("puma", "Puma"),
    ("unicorn", "Unicorn"),
    ("phusion", "Passenger"),
    ("webrick", "WEBrick"),
    ("thin", "Thin"),
    ("mongrel", "Mongrel"),
    ("agoo", "Agoo"),
    ("iodine", "iodine"),
    ("rainbows", "Rainbows!"),
    ("php", "PHP"),
    ("cowboy", "Cowboy"),
    ("mojolicious", "Mojolicious"),
    ("hypnotoad", "Mojolicious"),
    ("starman", "Starman"),
    ("starlet", "Starlet"),
    ("twiggy", "Twiggy"),
    ("gazelle", "Gazelle"),
    ("plack", "Plack"),
    // Perl's HTTP::Daemon.
    ("libwww-perl-daemon", "HTTP::Daemon"),
    ("http::server::psgi", "HTTP::Server::PSGI"),
    ("http::server::simple", "HTTP::Server::Simple"),
    ("yaws", "Yaws"),
    ("inets", "Erlang inets"),
    ("mochiweb", "MochiWeb"),
    ("elli", "Elli"),
    ("uwsgi", "uWSGI"),
    ("unit/", "NGINX Unit"),
    ("vert.x", "Vert.x"),
    ("netty", "Netty"),
    ("akka-http", "Akka HTTP"),
    ("pekko-http", "Pekko HTTP"),
    ("ktor", "Ktor"),
    ("micronaut", "Micronaut"),
    ("helidon", "Helidon"),
    ("websphere", "WebSphere"),
    ("weblogic", "WebLogic"),
    ("resin", "Resin"),
    ("zope", "Zope"),
    ("swoole", "Swoole"),
    ("roadrunner", "RoadRunner"),
    ("kemal", "Kemal"),
    ("robyn", "Robyn"),
    ("warp", "Warp"),
    ("javalin", "Javalin"),
    ("rocket", "Rocket"),
    ("python", "Python"),
    ("perl", "Perl"),
    ("ruby", "Ruby"),
];

/// An error page or text an app server or framework writes by itself.
pub(super) struct AppPage {
    /// Lowercase fragments, all in the body.
    pub(super) all: &'static [&'static str],
    pub(super) product: &'static str,
    /// 5 for a page no one else writes; less where another program writes the same.
    pub(super) weight: i32,
}

pub(super) const fn page(
    all: &'static [&'static str],
    product: &'static str,
    weight: i32,
) -> AppPage {
    AppPage {
        all,
        product,
        weight,
    }
}

pub(super) const APP_PAGES: &[AppPage] = &[
    page(&["error code explanation:"], "Python http.server", 5),
    page(&["whitelabel error page"], "Spring Boot", 5),
    page(&["traceback (most recent call last)"], "Python", 5),
    page(&["<h1>server error (500)</h1>"], "Django", 5),
    // Django's default 400/403/500 views: the code in brackets after the reason.
    page(&["<title>bad request (400)</title>"], "Django", 5),
    page(&["csrf verification failed"], "Django", 5),
    page(&["using the urlconf defined in"], "Django", 5),
    page(
        &["the requested resource was not found on this server"],
        "Django",
        4,
    ),
    page(&["we're sorry, but something went wrong"], "Rails", 5),
    page(&["we’re sorry, but something went wrong"], "Rails", 5),
    // Rails' public/404.html; its first sentence alone is in many a site's own 404 page.
    page(
        &[
            "the page you were looking for doesn",
            "mistyped the address",
        ],
        "Rails",
        5,
    ),
    page(&["the change you wanted was rejected"], "Rails", 5),
    page(&["an unhandled lowlevel error occurred"], "Puma", 5),
    page(&["sinatra doesn"], "Sinatra", 5),
    page(&["webrick/"], "WEBrick", 5),
    page(&["<pre>cannot "], "Express", 5),
    // Express's finalhandler page for any error.
    page(&["<title>error</title>", "<body>\n<pre>"], "Express", 4),
    page(&["werkzeug"], "Flask/Werkzeug", 5),
    // Werkzeug's HTTPException page: an unquoted `lang=en` and no <head> or <body>.
    page(
        &["<!doctype html>\n<html lang=en>\n<title>"],
        "Flask/Werkzeug",
        5,
    ),
    // Tornado's default `write_error`: "<html><title>500: Internal Server Error</title><body>".
    page(&["<html><title>", "</title><body>"], "Tornado", 5),
    // gunicorn's own pages (a crashed worker, a bad request): `<h1><p>Bad Request</p></h1>`.
    page(&["<h1><p>", "</p></h1>"], "gunicorn", 5),
    page(&["invalid http request received"], "uvicorn", 5),
    page(&["(generated by waitress)"], "Waitress", 5),
    page(&["server got itself in trouble"], "aiohttp", 5),
    page(&["powered by <a href=\"http://www.cherrypy"], "CherryPy", 5),
    page(&["<title>error: ", "sorry, the requested url"], "Bottle", 5),
    page(&["no such resource"], "Twisted", 4),
    // Catalyst's error screen, its debug dump and its "Please come back later" alike.
    page(&["function toggledump ("], "Catalyst", 5),
    page(
        &["powered by <a href=\"http://perldancer.org/\">dancer2</a>"],
        "Dancer2",
        5,
    ),
    // Go's `http.NotFound`; Traefik, itself in Go, writes the same, so it weighs less.
    page(&["404 page not found"], "Go net/http", 3),
    // Go's server refusing a request it cannot parse (`400 Bad Request: malformed Host
    // header`), before any handler runs: a Go app's, or a Go front's (Caddy, Traefik).
    page(&["400 bad request: "], "Go net/http", 3),
    // Go's server refusing headers over its limit, before any handler runs.
    page(&["431 request header fields too large"], "Go net/http", 3),
    page(&["<code class=\"url\">"], "PHP built-in server", 5),
    // PHP-FPM and php-cgi when the script is not there.
    page(&["file not found."], "PHP-FPM", 4),
    page(&["no input file specified."], "PHP", 4),
    page(&["uppercase tracking-wider"], "Laravel", 5),
    // Slim's error handler, its details shown or hidden alike.
    page(&["<title>slim application error</title>"], "Slim", 5),
    // Laravel's ValidationException message, in its JSON 422.
    page(&["the given data was invalid"], "Laravel", 5),
    page(&["<title>an error occurred: "], "Symfony", 5),
    page(&["<h3>apache tomcat"], "Tomcat", 5),
    page(&["<title>http status "], "Tomcat", 5),
    page(&["powered by jetty"], "Jetty", 5),
    page(&["<h2>http error "], "Jetty", 5),
    // Jetty refusing a request it cannot parse, before any handler runs (`<h1>Bad Message
    // 431</h1><pre>reason: ...`): the app server's own answer.
    page(&["<h1>bad message ", "<pre>reason: "], "Jetty", 5),
    page(&["no context found for request"], "JDK HttpServer", 5),
    page(
        &["<html><body><h1>resource not found</h1></body></html>"],
        "Vert.x",
        4,
    ),
    page(&["<title>⚠️ "], "Sanic", 5),
    // Sanic's text renderer: `⚠️ 500 — Internal Server Error` over a line of `=`.
    page(&["⚠️ ", " — ", "\n====="], "Sanic", 5),
    // Go's `http.TimeoutHandler` with no message of its own.
    page(
        &["<html><head><title>timeout</title></head><body><h1>timeout</h1></body></html>"],
        "Go net/http",
        4,
    ),
    page(&["the resource could not be found"], "Pyramid/WebOb", 4),
    // axum's extractor rejections, as plain text.
    page(
        &["failed to deserialize the json body into the target type"],
        "axum",
        5,
    ),
    page(&["failed to parse the request body as json"], "axum", 5),
    page(
        &["expected request with `content-type: application/json`"],
        "axum",
        5,
    ),
    page(&["failed to deserialize query string"], "axum", 5),
    // go-restful's plain-text answers ("406: Not Acceptable", a blank line, what it offers).
    page(&["available representations: "], "go-restful", 5),
    page(&["404: page not found"], "go-restful", 4),
    page(&["405: method not allowed"], "go-restful", 4),
    page(&["415: unsupported media type"], "go-restful", 4),
    // go-playground/validator's message, as gin's binding (and Go apps that return
    // err.Error()) pass it on: "Key: 'order.Qty' Error:Field validation for 'Qty' failed".
    page(&["error:field validation for '"], "gin (Go validator)", 5),
    // actix-web's payload errors.
    page(&["json deserialize error: "], "actix-web", 4),
    page(
        &["json payload size is bigger than allowed"],
        "actix-web",
        5,
    ),
    page(&["tools.ietf.org/html/rfc7231#section"], "ASP.NET", 5),
    page(&["tools.ietf.org/html/rfc9110#section"], "ASP.NET", 5),
];

/// The shape of a framework's JSON error: the keys it always writes.
pub(super) struct AppJson {
    /// Lowercase keys, all present.
    pub(super) keys: &'static [&'static str],
    /// No other key beside them.
    pub(super) only: bool,
    /// What the shape is called in a reason.
    pub(super) format: &'static str,
    /// The framework, when the shape names one.
    pub(super) product: Option<&'static str>,
    pub(super) weight: i32,
}

pub(super) const APP_JSON: &[AppJson] = &[
    AppJson {
        keys: &["timestamp", "status", "error", "path"],
        only: false,
        format: "Spring Boot's error JSON",
        product: Some("Spring Boot"),
        weight: 5,
    },
    // FastAPI and Django REST framework: `{"detail": "Not Found"}`.
    AppJson {
        keys: &["detail"],
        only: true,
        format: "a lone \"detail\" (FastAPI, Django REST framework)",
        product: None,
        weight: 3,
    },
    // h3 (under Nitro and Nuxt): `{"statusCode": 404, "statusMessage": ..., "stack": []}`, its
    // stack emptied in production.
    AppJson {
        keys: &["statuscode", "stack"],
        only: false,
        format: "h3's error JSON (Nitro, Nuxt)",
        product: Some("h3"),
        weight: 4,
    },
    // Fastify, NestJS and hapi: `{"statusCode": 404, "error": "Not Found", "message": ...}`.
    AppJson {
        keys: &["statuscode", "error", "message"],
        only: false,
        format: "Node's statusCode/error/message (Fastify, NestJS, hapi)",
        product: None,
        weight: 3,
    },
    // A health check's report in @nestjs/terminus's shape (`{"status": "error", "info": {},
    // "error": {"database": {"status": "down", ...}}}`): the app checked what it depends on.
    AppJson {
        keys: &["status", "info", "error"],
        only: false,
        format: "a health check's report (@nestjs/terminus's shape)",
        product: None,
        weight: 4,
    },
    AppJson {
        keys: &["_links", "_embedded"],
        only: false,
        format: "Micronaut's error JSON",
        product: Some("Micronaut"),
        weight: 4,
    },
    AppJson {
        keys: &["title", "status", "traceid"],
        only: false,
        format: "ASP.NET Core's problem details",
        product: Some("ASP.NET Core"),
        weight: 4,
    },
    // A standard a gateway can write too, so it weighs less.
    AppJson {
        keys: &["title", "status"],
        only: false,
        format: "problem details (RFC 9457)",
        product: None,
        weight: 2,
    },
    AppJson {
        keys: &["description", "status", "message"],
        only: true,
        format: "Sanic's error JSON",
        product: Some("Sanic"),
        weight: 4,
    },
    AppJson {
        keys: &["status_code", "detail"],
        only: false,
        format: "Litestar's error JSON",
        product: Some("Litestar"),
        weight: 3,
    },
    // Falcon's `HTTPError`: `{"title": "404 Not Found"}`.
    AppJson {
        keys: &["title"],
        only: true,
        format: "a lone \"title\" (Falcon)",
        product: Some("Falcon"),
        weight: 3,
    },
    // Falcon's `HTTPError` with a description: `{"title": ..., "description": ...}`.
    AppJson {
        keys: &["title", "description"],
        only: true,
        format: "title and description (Falcon)",
        product: Some("Falcon"),
        weight: 3,
    },
    // Rails' `PublicExceptions` in an API app: `{"status": 404, "error": "Not Found"}`.
    AppJson {
        keys: &["status", "error"],
        only: true,
        format: "Rails' status/error JSON",
        product: Some("Rails"),
        weight: 3,
    },
];

/// `key` starts a token of the lowercase `value` (after its start, a space, `/`, `(`, `;`
/// or `,`), not run on into a digit: `python/3.11 aiohttp/3.9` names aiohttp,
/// `tornadoserver/6.4` Tornado, `nothing` does not name thin, and `mongrel2/1.12` (a front,
/// another product) does not name Mongrel.
pub(super) fn names(value: &str, key: &str) -> bool {
    value.match_indices(key).any(|(at, _)| {
        value[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            && value[at + key.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_digit())
    })
}

/// The app server a `Server` or `X-Powered-By` value names.
pub(super) fn app_server(value: &str) -> Option<&'static str> {
    let lower = value.to_lowercase();
    APP_SERVERS
        .iter()
        .find(|(key, _)| {
            if WHOLE_WORD_ONLY.contains(key) {
                names_whole(&lower, key)
            } else {
                names(&lower, key)
            }
        })
        .map(|(_, name)| *name)
}

/// The bare language names, which begin the names of other products too (`Perlbal` is a
/// proxy written in Perl, not Perl's own server): they count only as a whole token.
const WHOLE_WORD_ONLY: &[&str] = &["python", "perl", "ruby", "php"];

/// `key` as a whole token of `value`: `Perl/v5.36.0` and `PHP/8.2`, not `Perlbal`.
fn names_whole(value: &str, key: &str) -> bool {
    value.match_indices(key).any(|(at, _)| {
        let before = value[..at].chars().next_back();
        let after = value[at + key.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// The app server named in a `Server` or `X-Powered-By` header, if any.
pub(super) fn named_app_server(seen: &Seen<'_>) -> Option<&'static str> {
    seen.headers
        .iter()
        .filter(|(n, _)| n == "server" || n == "x-powered-by")
        .find_map(|(_, v)| app_server(v))
}

/// The framework's own error page or text in the body: the surest when several match (a
/// sentence of one may be in another's page: Tomcat's 404 says "no such resource").
pub(super) fn app_page(seen: &Seen<'_>) -> Option<&'static AppPage> {
    if bare_reason_heading(seen) {
        return Some(&SINATRA_BARE);
    }
    if let Some(page) = super::redirects::redirect_page(seen) {
        return Some(page);
    }
    APP_PAGES
        .iter()
        .filter(|p| p.all.iter().all(|b| seen.body.contains(b)))
        // Go's plain-text lines (`404 page not found`) are the whole body; inside a page
        // (Apache's 431 title) they are another server's words.
        .filter(|p| {
            p.product != "Go net/http"
                || !p
                    .all
                    .iter()
                    .any(|b| b.starts_with(|c: char| c.is_ascii_digit()))
                || p.all.iter().any(|b| seen.body.trim_start().starts_with(b))
        })
        .fold(None, |best: Option<&AppPage>, p| match best {
            Some(b) if b.weight >= p.weight => Some(b),
            _ => Some(p),
        })
}

/// Sinatra's default error bodies in production: the reason alone in a heading,
/// `<h1>Internal Server Error</h1>`, nothing around it.
const SINATRA_BARE: AppPage = page(&[], "Sinatra", 4);

fn bare_reason_heading(seen: &Seen<'_>) -> bool {
    let Some(reason) = seen
        .response
        .status
        .and_then(crate::runbook::merged::reason_phrase)
    else {
        return false;
    };
    seen.body.trim() == format!("<h1>{}</h1>", reason.to_lowercase())
}

/// Go's server sends no `Server`: any there is a front's (nginx replaces any other).
pub(super) fn no_app_server_named(seen: &Seen<'_>) -> bool {
    seen.values("server").all(|v| {
        FRONTS
            .iter()
            .any(|f| f.server.iter().any(|s| v.contains(s)))
    })
}

/// The framework's JSON error shape of the body.
pub(super) fn app_json(seen: &Seen<'_>) -> Option<&'static AppJson> {
    let object = seen.json.as_ref()?.as_object()?;
    let keys: Vec<String> = object.keys().map(|k| k.to_lowercase()).collect();
    APP_JSON.iter().find(|shape| {
        shape.keys.iter().all(|k| keys.iter().any(|have| have == k))
            && (!shape.only || keys.len() == shape.keys.len())
    })
}

/// Go's `http.Error`: plain text in UTF-8 with `nosniff`, and no `Server` of an app (Go's
/// server sends none; a proxy in front may put its own, and nginx replaces any).
pub(super) fn go_error(seen: &Seen<'_>) -> bool {
    seen.has("x-content-type-options", "nosniff")
        && seen.has("content-type", "text/plain; charset=utf-8")
        && no_app_server_named(seen)
        && seen.error()
}

/// The statuses a Go or Node server refuses a request with before any handler runs: a
/// malformed request, headers over its limit, an encoding or a version it does not take.
pub(super) const REFUSAL_STATUSES: &[u16] = &[400, 431, 501, 505];

/// A Go or Node server refusing the request itself before any handler ran (headers over its
/// limit, a request line or encoding it cannot parse, a version it does not speak), in the
/// frame those runtimes write: no Date, no Server, `Connection: close`, at most a UTF-8 text.
pub(super) fn refused_before_any_handler(seen: &Seen<'_>) -> bool {
    const FRAME: &[&str] = &["content-type", "connection", "content-length"];
    seen.status_is(REFUSAL_STATUSES)
        && !seen.response.forward_proxy
        && seen.values("connection").any(|v| v.trim() == "close")
        && seen
            .values("content-type")
            .all(|v| v.trim() == "text/plain; charset=utf-8")
        && seen
            .headers
            .iter()
            .all(|(name, _)| FRAME.contains(&name.as_str()))
}

/// Who refused before any handler is whoever parsed the request first: the front, when there
/// is one, since the app sees only what the front let through. Read so rather than as the
/// app's, 31 more readings were right over every round and 11 fewer, each of those a request
/// sent to a Go or Node app server with no front (rounds 3, 19, 41, 48).
pub(super) fn refused_before_any_handler_signal() -> Signal {
    Signal::new(
        "refused before any handler",
        "a refusal of the request itself (its headers, request line, encoding or version) \
         before any handler ran, in the frame Go's and Node's servers write: whichever parsed \
         the request first refused it, the front when there is one (Caddy and Traefik are Go \
         servers, many gateways Node); the app sees only what the front lets through",
        Toward::Front,
        3,
    )
}

/// The app or framework the evidence names: its server, its own error page or JSON shape,
/// a header or cookie only it sets.
pub(super) fn app_product(seen: &Seen<'_>) -> Option<String> {
    named_app_server(seen)
        .or_else(|| app_page(seen).map(|p| p.product))
        .or_else(|| app_json(seen).and_then(|j| j.product))
        .map(str::to_owned)
        .or_else(|| app_header(seen).map(|(_, p)| p))
        .or_else(|| {
            werkzeug_status_line(seen)
                .then_some("Flask/Werkzeug")
                .or_else(|| go_error(seen).then_some("Go net/http"))
                .map(str::to_owned)
        })
}

/// The app left a mark of its own: its server named, its page or JSON shape, a header or
/// cookie only it sets, Werkzeug's status line.
pub(super) fn app_marked(seen: &Seen<'_>) -> bool {
    named_app_server(seen).is_some()
        || app_page(seen).is_some()
        || app_json(seen).is_some()
        || app_header(seen).is_some()
        || werkzeug_status_line(seen)
        || go_error(seen)
}

/// Runtimes gateways are built on too (Node's http-proxy, Go's `ReverseProxy`, the JDK's
/// server): their marks say which runtime wrote the answer, not that an app did.
const RUNTIMES: &[&str] = &["Node.js", "Go net/http", "JDK HttpServer"];

/// The app left a mark of a framework or an app server, not only of a runtime: its server
/// named, its own page or JSON shape by name, a header or cookie only it sets, Werkzeug's
/// status line.
pub(super) fn framework_marked(seen: &Seen<'_>) -> bool {
    let framework = |p: &str| !RUNTIMES.contains(&p);
    named_app_server(seen).is_some()
        || app_page(seen).is_some_and(|p| framework(p.product))
        || app_json(seen).is_some_and(|j| j.weight >= 3)
        || app_header(seen).is_some_and(|(_, p)| framework(&p))
        || werkzeug_status_line(seen)
}

/// Werkzeug writes its reason phrases in capitals (`500 INTERNAL SERVER ERROR`); no proxy
/// does.
pub(super) fn werkzeug_status_line(seen: &Seen<'_>) -> bool {
    seen.response.reason.as_deref().is_some_and(|reason| {
        reason.chars().filter(char::is_ascii_alphabetic).count() > 2
            && !reason.chars().any(|c| c.is_ascii_lowercase())
    })
}

/// The app's own formats in the body (not when a product in front wrote the page), and the
/// headers and cookies only an app sets (not on an answer from a cache's store, whose
/// headers came with the stored object).
pub(super) fn app_format_signals(
    seen: &Seen<'_>,
    front_page: bool,
    from_store: bool,
    signals: &mut Vec<Signal>,
) {
    if !front_page {
        if let Some(page) = app_page(seen) {
            // Go's own refusals only: Caddy and Traefik write them too, no Python server does.
            if page.product == "Go net/http" && refused_before_any_handler(seen) {
                signals.push(refused_before_any_handler_signal());
            } else {
                let what = if seen.error() { "error" } else { "answer" };
                signals.push(Signal::new(
                    format!("{} {what} format", page.product),
                    format!("an {what} in the format {} writes by itself", page.product),
                    Toward::App,
                    page.weight,
                ));
            }
        }
        if let Some(shape) = app_json(seen) {
            if super::files::json_from_a_file(seen) {
                signals.push(Signal::note(format!(
                    "the JSON has the shape of {}, but a file's ETag says a web server served \
                     it from a file made to look so",
                    shape.format
                )));
            } else {
                signals.push(Signal::new(
                    shape.format,
                    format!("the JSON has the shape of {}", shape.format),
                    Toward::App,
                    shape.weight,
                ));
            }
        }
    }
    if from_store {
        return;
    }
    let go_page = app_page(seen).is_some_and(|p| p.product == "Go net/http");
    if go_error(seen) && go_page {
        // Go's `http.Error` wrote both the text and its headers: one fact, the headers only
        // say the text came as Go wrote it.
        signals.push(Signal::new(
            "Go's http.Error",
            "X-Content-Type-Options: nosniff on UTF-8 text: Go's http.Error wrote that text as \
             it came (Go's net/http again, which gateways in Go share)",
            Toward::App,
            1,
        ));
    } else if go_error(seen) {
        // nginx and Apache write their own errors as HTML (or as the file they were given):
        // under their name, Go's plain text came from behind them.
        let html_front = seen
            .values("server")
            .any(|v| v.starts_with("nginx") || v.starts_with("apache"));
        signals.push(Signal::new(
            "Go's http.Error",
            "plain text in UTF-8 with X-Content-Type-Options: nosniff and no app's Server: how \
             Go's net/http writes an error",
            Toward::App,
            if html_front { 4 } else { 3 },
        ));
    }
    if let Some((what, product)) = app_header(seen) {
        if !RUNTIMES.contains(&product.as_str()) {
            signals.push(Signal::new(
                what.clone(),
                if what.starts_with("X-Powered-By") {
                    format!("{what} names the app's stack; a proxy's own answer has none")
                } else {
                    format!("the {what} is one {product} sets; a proxy's own answer has none")
                },
                Toward::App,
                4,
            ));
        } else if upstream_words(seen).is_some() {
            signals.push(Signal::note(format!(
                "the {what} is one {product} sets, on a body about the upstream: a gateway built \
                 on {product}"
            )));
        } else {
            signals.push(Signal::new(
                what.clone(),
                format!(
                    "the {what} is one {product} sets: the app, or a gateway built on \
                     {product}; a stock proxy's own answer has none"
                ),
                Toward::App,
                3,
            ));
        }
    }
}

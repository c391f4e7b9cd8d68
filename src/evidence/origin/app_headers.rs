//! Headers and session cookies only an app or its framework sets (`APP_HEADERS`,
//! `APP_PRINTS`, `APP_COOKIES`), and the marks read from them: a proxy's own answer carries
//! none, whatever `Server` it writes.

use super::Seen;
use super::apps::named_app_server;

/// Response headers only an app or its framework sets, never a proxy's own answer.
pub(super) const APP_HEADERS: &[(&str, &str)] = &[
    // Rack::Runtime, in Rails' default middleware.
    ("x-runtime", "Rack"),
    ("x-aspnet-version", "ASP.NET"),
    ("x-aspnetmvc-version", "ASP.NET MVC"),
    ("x-debug-token", "Symfony"),
    ("x-drupal-cache", "Drupal"),
    ("x-catalyst", "Catalyst"),
    // Sinatra's answer for a route it does not have.
    ("x-cascade", "Sinatra"),
    // PHP's built-in server (`php -S`) echoes Host in its responses.
    ("host", "PHP built-in server"),
];

/// Headers an app server writes in a way of its own, by name as written (case counts) and a
/// lowercase fragment of the value, when no `Server` names anyone else.
/// (name, value, framework, the name's case counts.)
pub(super) const APP_PRINTS: &[(&str, &str, &str, bool)] = &[
    // `Keep-Alive` is hop-by-hop: most proxies drop the app's, and Node's own is a lone
    // `timeout=N` (5 by default, Fastify's 72; Apache's says `max=` too, beside its Server).
    ("Keep-Alive", "timeout=", "Node.js", false),
    // The JDK's `com.sun.net.httpserver` capitalises only the first letter of a name.
    ("Content-type", "", "JDK HttpServer", true),
    ("Content-length", "", "JDK HttpServer", true),
];

/// Session cookies frameworks name by themselves (`Set-Cookie: JSESSIONID=...`): the app
/// handled the request; a proxy's own page sets none of them.
pub(super) const APP_COOKIES: &[(&str, &str)] = &[
    ("jsessionid", "a Java servlet container"),
    ("phpsessid", "PHP"),
    ("laravel_session", "Laravel"),
    ("connect.sid", "Express"),
    ("csrftoken", "Django"),
    ("asp.net_sessionid", "ASP.NET"),
    (".aspnetcore.", "ASP.NET Core"),
    ("ci_session", "CodeIgniter"),
    ("rack.session", "Rack"),
    ("_session_id", "Rails"),
];

/// The security headers a front hardened by hand sets beside `X-Content-Type-Options`.
const HARDENING_SET: &[&str] = &[
    "x-frame-options",
    "strict-transport-security",
    "referrer-policy",
    "content-security-policy",
    "x-xss-protection",
    "permissions-policy",
    "cross-origin-opener-policy",
];

/// A header or session cookie only the app sets: (what was seen, the framework).
pub(super) fn app_header(seen: &Seen<'_>) -> Option<(String, String)> {
    let owned = |(what, product): (String, &str)| (what, product.to_owned());
    APP_HEADERS
        .iter()
        .find(|(n, _)| seen.has(n, ""))
        .map(|(name, product)| (format!("{name} header"), *product))
        .map(owned)
        .or_else(|| powered_by(seen))
        .or_else(|| app_header_mark(seen).map(owned))
}

/// X-Powered-By names the app's stack whatever the stack, where a hosting front (Plesk's)
/// or IIS's proxy module (ARR) does not put its own: (what was seen, the stack it names).
fn powered_by(seen: &Seen<'_>) -> Option<(String, String)> {
    if named_app_server(seen).is_some() {
        return None;
    }
    let value = seen.response.header("x-powered-by")?.trim();
    let lower = value.to_lowercase();
    if lower.is_empty() || lower.contains("plesk") || lower.starts_with("arr/") {
        return None;
    }
    // "Acme/2.1 (build 7)" is Acme's; keep what names it, not its version.
    let stack = value.split(['/', '<', '(']).next().unwrap_or(value).trim();
    Some((
        format!("X-Powered-By: {value}"),
        if stack.is_empty() { value } else { stack }.to_owned(),
    ))
}

/// A header value or cookie of a known framework: (what was seen, the framework).
fn app_header_mark(seen: &Seen<'_>) -> Option<(String, &'static str)> {
    // HAProxy spells the length of its error files as JDK HttpServer does.
    if super::canned::haproxy_error_file_frame(seen) {
        return None;
    }
    // Echo (Go) types its JSON with this exact spelling, `UTF-8` in capitals after a space;
    // web servers write the charset they were configured with, in lower case by default.
    if seen.response.headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("content-type") && v.trim() == "application/json; charset=UTF-8"
    }) {
        return Some((
            "Content-Type: application/json; charset=UTF-8".to_owned(),
            "Echo",
        ));
    }
    // A CGI or FastCGI script says its status in a `Status:` header; a web server that runs
    // it (Caddy's php_fastcgi) may pass it on as it came. No proxy writes one of its own.
    if seen.has("status", "") {
        return Some((
            "Status header of a CGI or FastCGI script".to_owned(),
            "a CGI or FastCGI script (PHP)",
        ));
    }
    // Symfony's HttpFoundation (Laravel's too) marks what it sends uncacheable this way when
    // the app set no cache headers; a proxy's own answer never says `private`.
    if seen.has("cache-control", "no-cache, private") {
        return Some((
            "Cache-Control: no-cache, private of Symfony's HttpFoundation".to_owned(),
            "Symfony/Laravel",
        ));
    }
    // Django's SecurityMiddleware sets both by default (Referrer-Policy since 3.0, COOP since
    // 4.0), on its errors too; a proxy hardened by hand rarely picks these two values.
    if seen.has("cross-origin-opener-policy", "same-origin")
        && seen.has("referrer-policy", "same-origin")
        && seen.has("x-content-type-options", "nosniff")
    {
        return Some((
            "Referrer-Policy and Cross-Origin-Opener-Policy of Django's SecurityMiddleware"
                .to_owned(),
            "Django",
        ));
    }
    // Rack::Protection (Sinatra's default) marks its JSON with `nosniff` and nothing else; a
    // front hardened by hand adds a set (X-Frame-Options, HSTS, Referrer-Policy...), and only
    // with `always` on its own errors.
    if seen.error()
        && seen.has("content-type", "json")
        && seen.has("x-content-type-options", "nosniff")
        && !HARDENING_SET.iter().any(|n| seen.has(n, ""))
    {
        return Some((
            "X-Content-Type-Options: nosniff alone on JSON".to_owned(),
            "Rack::Protection",
        ));
    }
    // A proxy keeps the upstream's ETag whatever Server it writes, so this one counts beside
    // nginx's name too.
    if seen
        .response
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("etag") && node_etag(v))
    {
        return Some(("weak ETag of Node's etag package".to_owned(), "Node.js"));
    }
    if !seen.has("server", "") {
        for (name, value, product, exact) in APP_PRINTS {
            let found = seen.response.headers.iter().find(|(n, v)| {
                if *exact {
                    n == name && v.to_lowercase().contains(value)
                } else {
                    let v = v.trim().to_lowercase();
                    n.eq_ignore_ascii_case(name) && v.starts_with(value) && !v.contains(',')
                }
            });
            if let Some((_, v)) = found {
                let shown = if value.is_empty() {
                    format!("{name} header")
                } else {
                    format!("{name}: {}", v.trim())
                };
                return Some((shown, product));
            }
        }
    }
    seen.values("set-cookie").find_map(|cookie| {
        let name = cookie.split('=').next().unwrap_or("").trim();
        APP_COOKIES
            .iter()
            .find(|(key, _)| name.starts_with(key))
            .map(|(_, product)| (format!("{name} cookie"), *product))
    })
}

/// The tag Node's `etag` package puts on what Express's `res.send` writes: `W/"` the length in
/// hex, `-`, then 27 characters of a base64 SHA-1. A web server's tags on files are hex-hex.
fn node_etag(value: &str) -> bool {
    let Some(tag) = value
        .trim()
        .strip_prefix("W/\"")
        .and_then(|t| t.strip_suffix('"'))
    else {
        return false;
    };
    tag.split_once('-').is_some_and(|(length, hash)| {
        (1..=8).contains(&length.len())
            && length.chars().all(|c| c.is_ascii_hexdigit())
            && hash.len() == 27
            && hash
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
    })
}

//! Reading a pasted response in the forms engineers paste: `curl -v`/`-sv` transcripts (with
//! `*`, `>`, `<` lines, TLS and HTTP/2 lines, the command on top), `curl -i` output, raw
//! headers with a body, a body alone, and a HAR entry; with curl's timing lines or
//! `--trace-time` stamps in it too. Pure.

use serde::Serialize;

use crate::code::StatusCode;

/// One HTTP response as read from evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Response {
    /// The request method and URL, when the evidence shows them.
    pub method: Option<String>,
    pub url: Option<String>,
    /// `HTTP/1.1`, `HTTP/2`...
    pub version: Option<String>,
    pub status: Option<u16>,
    pub reason: Option<String>,
    /// Response headers in order, names as written.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Statuses of earlier responses in the same transcript (redirects, 100 Continue).
    pub earlier: Vec<u16>,
    /// The request's headers, when a `curl -v` transcript shows them (`> Authorization: ...`).
    pub request_headers: Vec<(String, String)>,
    /// The request went to a forward proxy (`curl -x`, an absolute-form request target), so a
    /// page of the proxy's own is a proxy's, not a cache's in front of the site.
    pub forward_proxy: bool,
    /// The body the request sent, when the evidence shows it (a `curl -d` command line, a raw
    /// request): read for an attack a firewall refused, never shown or exported from here.
    #[serde(skip)]
    pub request_body: Option<String>,
    /// The paste ends inside the header block (no blank line under the last header, nothing
    /// after it): cut short, so an empty body here is a body not shown, not an empty one.
    #[serde(skip)]
    pub headers_cut: bool,
    /// The client printed the headers sorted by name (`HTTPie`, xh), not in the order they
    /// came: their order says nothing of who wrote them.
    #[serde(skip)]
    pub sorted_by_client: bool,
}

impl Response {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A new status line: the response so far becomes an earlier one (a redirect, a
    /// `100 Continue`) and its headers are dropped.
    fn begin(&mut self, (version, code, reason): (String, u16, Option<String>)) {
        if let Some(previous) = self.status {
            self.earlier.push(previous);
        }
        self.version = Some(version);
        self.status = Some(code);
        self.reason = reason;
        self.headers.clear();
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    /// The body as pretty JSON when it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        let trimmed = self.body.trim();
        if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return None;
        }
        if let Ok(value) = serde_json::from_str(trimmed) {
            return Some(value);
        }
        // curl -s writes no newline after a body that has none, so a paste taken from the
        // terminal carries the next prompt on the body's last line (`}ops@bastion:~$`): the
        // first whole value is the body, when what follows it is a short line of no JSON.
        let mut values = serde_json::Deserializer::from_str(trimmed).into_iter();
        let value = values.next()?.ok()?;
        let rest = trimmed.get(values.byte_offset()..)?;
        (rest.len() < 200 && !rest.contains(['{', '[', '\n'])).then_some(value)
    }
}

/// Reads `text` as whichever form it is in.
pub fn parse(text: &str) -> Response {
    let text = text.replace("\r\n", "\n");
    // `curl --trace-ascii` holds a `curl -v` transcript: read as one from here on.
    let text = super::trace_ascii::read(&text).unwrap_or(text);
    // curl's timing lines follow the body and `--trace-time` stamps hide the `<` of every
    // line: both are read by `timing`, and left out here.
    let text = super::timing::without_timing(&text).into_owned();
    // `curl --fail-with-body` adds its own error line after the body, on the body's last line
    // when the body has no newline at its end: it is curl's, not the server's.
    let (text, failed_with) = without_curl_failure(&text);
    let text = super::socket_tools::without_trailer(&text).into_owned();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        && trimmed.contains("\"log\"")
        && trimmed.contains("\"entries\"")
        && let Some(response) = parse_har(trimmed)
    {
        return response;
    }
    let has_curl_markers = text
        .lines()
        .any(|l| l.starts_with("< HTTP/") || l.starts_with("> ") && l.contains(" HTTP/"));
    let wget = (!has_curl_markers)
        .then(|| super::wget::read(&text))
        .flatten();
    let mut response = match &wget {
        Some(wget) => parse_plain(&wget.response),
        None if has_curl_markers => parse_verbose(&text),
        None => parse_plain(&text),
    };
    if let Some(url) = wget.and_then(|w| w.url) {
        response.url = Some(url);
    }
    // The request is read in one place, so the evidence card and the summary's command
    // name the same URL (see `request` for how the scheme is told).
    if let Some(shown) = super::request::find(&text) {
        if response.request_headers.is_empty() {
            // `curl -si -H 'Authorization: ...'` shows no `>` lines: its command says what was
            // sent.
            response.request_headers = shown.headers;
        }
        // A command line's request is for sending it again; the reading keeps to what the
        // output shows of it (its URL and body, HEAD for `-I`, below).
        let from_output = shown.source != super::request::Source::Command;
        if let Some(request) = shown.request.filter(|_| from_output) {
            response.method = Some(request.method);
            response.url = Some(request.url);
            response.request_body = request.body;
        }
    }
    if response.url.is_none() {
        response.url = super::request::command_url(&text);
    }
    if response.request_body.is_none() {
        response.request_body = super::request::command_body(&text);
    }
    if response.method.is_none() && super::request::command_asks_head(&text) {
        // `curl -I` sends HEAD: an answer to it never has a body, whatever it says it holds.
        response.method = Some("HEAD".to_owned());
    }
    if response.method.as_deref() == Some("HEAD") && response.status.is_some() {
        // What follows the answer to a HEAD is not its body: `curl -sv -I` prints the headers
        // a second time there, and a paste may run on into the next command's output.
        response.body.clear();
    }
    response.forward_proxy |= command_uses_proxy(&text);
    response.sorted_by_client = command_sorts_headers(&text)
        || response.request_headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("user-agent")
                && (v.starts_with("HTTPie/") || v.starts_with("xh/"))
        });
    if response.status.is_none()
        && let Some((code, body)) = super::body_status::trailing_write_out_code(&response.body)
    {
        response.status = Some(code);
        response.body = body;
    }
    if response.status.is_none() {
        response.status =
            failed_with.or_else(|| super::body_status::status_from_body(&response.body));
    }
    response
}

/// curl's line for a failed request (`--fail`, `--fail-with-body`): "curl: (22) The requested
/// URL returned error: 504" (older curls add the reason). Returns the text without it and the
/// status it names.
fn without_curl_failure(text: &str) -> (String, Option<u16>) {
    const MARK: &str = "curl: (22) The requested URL returned error: ";
    let Some(at) = text.find(MARK) else {
        return (text.to_owned(), None);
    };
    let after = &text[at + MARK.len()..];
    let status = after
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse::<u16>()
        .ok()
        .filter(|c| StatusCode::is_valid(*c));
    let rest = after.find('\n').map_or("", |end| &after[end..]);
    let mut kept = text[..at].to_owned();
    // The body's own last line ends where curl's began.
    if !kept.is_empty() && !kept.ends_with('\n') && rest.is_empty() {
        kept.push('\n');
    }
    kept.push_str(rest.strip_prefix('\n').unwrap_or(rest));
    (kept, status)
}

/// A `curl` command line in the text sends through a proxy (`-x`, `--proxy`).
fn command_uses_proxy(text: &str) -> bool {
    text.lines()
        .map(super::command_line::after_prompt)
        .filter(|l| l.starts_with("curl "))
        .any(|l| {
            l.split_whitespace()
                .any(|w| w == "-x" || w == "--proxy" || w.starts_with("--proxy="))
        })
}

/// The paste's command line runs `HTTPie` or xh, which print the response headers sorted.
fn command_sorts_headers(text: &str) -> bool {
    text.lines()
        .filter(|l| super::command_line::is_command_line(l))
        .map(super::command_line::after_prompt)
        .any(|l| matches!(l.split_whitespace().next(), Some("http" | "https" | "xh")))
}

/// `HTTP/1.1 502 Bad Gateway` or `HTTP/2 502` into its parts.
fn status_line(line: &str) -> Option<(String, u16, Option<String>)> {
    let line = line.trim();
    if !line.starts_with("HTTP/") {
        return None;
    }
    let mut parts = line.splitn(3, ' ');
    let version = parts.next()?.to_owned();
    let code = parts
        .next()?
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|c| StatusCode::is_valid(*c))?;
    let reason = parts
        .next()
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    Some((version, code, reason))
}

fn header_line(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    if name.is_empty() || name.contains(' ') {
        return None;
    }
    Some((name.to_owned(), value.trim().to_owned()))
}

/// A `curl -v` transcript: the last final response wins; earlier ones are kept as a chain.
fn parse_verbose(text: &str) -> Response {
    let mut response = Response::default();
    let mut in_response_headers = false;
    let mut body_lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line
            .strip_prefix("> ")
            .or_else(|| (line == ">").then_some(""))
        {
            in_response_headers = false;
            // The method stays known when the request shows no host (and so no URL); the URL
            // itself is read with the request (`request::find_request`).
            if let Some((method, target)) =
                rest.split_once(' ').filter(|(_, t)| t.contains(" HTTP/"))
            {
                if method.chars().all(|c| c.is_ascii_uppercase()) {
                    response.method = Some(method.to_owned());
                    // `GET http://host/path`: the absolute form is only sent to a proxy.
                    response.forward_proxy =
                        target.starts_with("http://") || target.starts_with("https://");
                    response.request_headers.clear();
                }
            } else if let Some((name, value)) = header_line(rest) {
                response.request_headers.push((name, value));
            }
            continue;
        }
        if let Some(rest) = line
            .strip_prefix("< ")
            .or_else(|| (line == "<").then_some(""))
        {
            if let Some(status) = status_line(rest) {
                response.begin(status);
                body_lines.clear();
                in_response_headers = true;
            } else if in_response_headers {
                if rest.trim().is_empty() {
                    in_response_headers = false;
                } else if let Some(header) = header_line(rest) {
                    response.headers.push(header);
                }
            }
            continue;
        }
        // curl's own lines: progress, TLS records, notes.
        if line.starts_with("* ")
            || line.starts_with("{ [")
            || line.starts_with("} [")
            || line == "*"
        {
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("$ curl") || trimmed.starts_with("curl ") {
            continue;
        }
        if response.status.is_some() {
            body_lines.push(line);
        }
    }
    body_lines.join("\n").trim().clone_into(&mut response.body);
    response.headers_cut = in_response_headers && response.body.is_empty();
    response
}

/// `curl -i` output, raw headers and body, or a body alone.
fn parse_plain(text: &str) -> Response {
    let mut response = Response::default();
    let all: Vec<&str> = text.lines().collect();
    let mut start = 0;
    // Skip a command line or blank lines on top, and the request `HTTPie -v` prints before
    // the response (a request line, its headers, a blank line, and the body it sent, if
    // any, up to the response's status line): that is the request's, not the response's.
    while let Some(line) = all.get(start) {
        let t = line.trim();
        if t.is_empty() || t.starts_with("$ ") || super::command_line::is_command_line(t) {
            start += 1;
        } else if super::request::is_request_line(t) {
            let headers = all[start + 1..]
                .iter()
                .take_while(|l| !l.trim().is_empty())
                .count();
            // Kept as the request's headers, as a `curl -v` transcript's `>` lines are.
            response.request_headers.extend(
                all[start + 1..=start + headers]
                    .iter()
                    .filter_map(|l| header_line(l)),
            );
            start += 1 + headers;
            let sent_body = all[start..]
                .iter()
                .position(|l| status_line(l).is_some())
                .filter(|&at| at > 0 && all[start + at - 1].trim().is_empty());
            if let Some(at) = sent_body {
                start += at;
            }
        } else {
            // A tool's own lines before the response (`openssl s_client`'s handshake, a
            // telnet banner): the response starts at the first status line with headers
            // under it, when nothing before it looks like a body.
            if status_line(t).is_none()
                && let Some(at) = status_after_preamble(&all[start..])
            {
                start += at;
            }
            break;
        }
    }
    let lines = all.get(start..).unwrap_or_default().iter().copied();
    let mut body: Vec<&str> = Vec::new();
    let mut in_headers = false;
    for line in lines {
        // A status line starts a response only before any body text.
        if let Some((version, code, reason)) = status_line(line)
            && body.iter().all(|l| l.trim().is_empty())
        {
            response.begin((version, code, reason));
            body.clear();
            in_headers = true;
            continue;
        }
        if in_headers {
            if line.trim().is_empty() {
                in_headers = false;
                // A `100 Continue` or a redirect may be followed by another status line.
                continue;
            }
            if let Some(header) = header_line(line) {
                response.headers.push(header);
                continue;
            }
            in_headers = false;
        }
        body.push(line);
    }
    body.join("\n").trim().clone_into(&mut response.body);
    response.headers_cut = in_headers && response.body.is_empty();
    response
}

/// Where a response starts below lines of a tool's own: a status line followed by a header,
/// with no line above it that opens a JSON or HTML body.
fn status_after_preamble(lines: &[&str]) -> Option<usize> {
    // A request typed by hand (`nc`, `telnet`), its request line malformed on purpose: a
    // server's refusal of it may be a bare status line, after the request's blank line.
    let typed_request = lines.first().is_some_and(|l| {
        let mut words = l.split_whitespace();
        words.next().is_some_and(|m| {
            (3..=7).contains(&m.len()) && m.chars().all(|c| c.is_ascii_uppercase())
        }) && words.next().is_some_and(|t| t.starts_with('/'))
    });
    let at = lines.iter().enumerate().position(|(i, line)| {
        status_line(line).is_some()
            && (lines.get(i + 1).and_then(|l| header_line(l)).is_some()
                || typed_request && i > 0 && lines[i - 1].trim().is_empty())
    })?;
    let body_above = lines[..at]
        .iter()
        .any(|l| l.trim_start().starts_with(['{', '[', '<']));
    (!body_above).then_some(at)
}

/// The last entry of a HAR file.
fn parse_har(text: &str) -> Option<Response> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let entry = value.get("log")?.get("entries")?.as_array()?.last()?;
    let request = entry.get("request")?;
    let har_response = entry.get("response")?;
    let headers = super::request::har_headers(har_response);
    Some(Response {
        method: request
            .get("method")
            .and_then(|m| m.as_str())
            .map(str::to_owned),
        url: request
            .get("url")
            .and_then(|m| m.as_str())
            .map(str::to_owned),
        version: har_response
            .get("httpVersion")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        status: har_response
            .get("status")
            .and_then(serde_json::Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| StatusCode::is_valid(*s)),
        reason: har_response
            .get("statusText")
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        headers,
        body: har_response
            .get("content")
            .and_then(|c| c.get("text"))
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_owned(),
        earlier: Vec::new(),
        request_headers: super::request::har_headers(request),
        forward_proxy: false,
        // Read from the HAR with the request, in `parse`.
        request_body: None,
        headers_cut: false,
        // A browser's HAR keeps the order the headers came in.
        sorted_by_client: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_followed_by_the_next_prompt_is_still_read_as_json() {
        // curl -s leaves no newline after the body: the shell's prompt joins its last line.
        let r = parse(
            "HTTP/1.1 403 Forbidden\ncontent-type: application/json\n\n{\"error\":\"invalid_api_key\"}ops@bastion:~$ ",
        );
        assert_eq!(
            r.json_body()
                .and_then(|j| j["error"].as_str().map(str::to_owned)),
            Some("invalid_api_key".to_owned())
        );
        // More JSON after the first value is no prompt: not read as one body.
        let two = parse("HTTP/1.1 200 OK\n\n{\"a\":1}{\"b\":2}");
        assert_eq!(two.json_body(), None);
    }

    #[test]
    fn a_long_title_in_another_script_is_read_without_a_panic() {
        let title = "Ошибка сервера ".repeat(20);
        let r = parse(&format!("<html><title>{title} 503</title></html>"));
        assert_eq!(r.status, None);
        let branded = "<h1>We'll be right back</h1>\n<p><small>Error 503 &middot; reference 32809</small></p>";
        assert_eq!(parse(branded).status, Some(503));
        // A count after the word is no status.
        assert_eq!(parse("<p>error 5000 times</p>").status, None);
    }

    #[test]
    fn curls_failure_line_gives_the_status_and_leaves_the_body() {
        // --fail-with-body after a body with no newline at its end, as a terminal shows it.
        let r = parse(
            "$ curl --fail-with-body -sS -d '{\"qty\":-1}' http://127.0.0.1:34080/api/orders\n{\"error\":\"qty must be positive\"}curl: (22) The requested URL returned error: 422\n",
        );
        assert_eq!(r.status, Some(422));
        assert_eq!(r.body.trim(), "{\"error\":\"qty must be positive\"}");
        assert!(r.json_body().is_some());
        // An older curl names the reason too; an empty body leaves nothing.
        let r = parse("curl: (22) The requested URL returned error: 502 Bad Gateway\n");
        assert_eq!(r.status, Some(502));
        assert!(r.body.trim().is_empty());
    }

    #[test]
    fn curl_verbose_with_command_tls_and_crlf() {
        let text = "$ curl -sv https://api.example.com/v1/orders\r\n*   Trying 10.0.0.1:443...\r\n\
                    * SSL connection using TLSv1.3\r\n} [5 bytes data]\r\n> GET /v1/orders HTTP/1.1\r\n\
                    > Host: api.example.com\r\n> Accept: */*\r\n>\r\n< HTTP/1.1 502 Bad Gateway\r\n\
                    < Server: nginx\r\n< Content-Type: text/html\r\n<\r\n{ [150 bytes data]\r\n\
                    <html><head><title>502 Bad Gateway</title></head>\r\n</html>\r\n* Connection #0 left intact\r\n";
        let r = parse(text);
        assert_eq!(r.status, Some(502));
        assert_eq!(r.reason.as_deref(), Some("Bad Gateway"));
        assert_eq!(r.method.as_deref(), Some("GET"));
        assert_eq!(r.url.as_deref(), Some("https://api.example.com/v1/orders"));
        assert_eq!(r.header("server"), Some("nginx"));
        assert!(
            r.body.starts_with("<html>") && r.body.ends_with("</html>"),
            "{:?}",
            r.body
        );
    }

    #[test]
    fn http2_status_lines_and_redirect_chains() {
        let text = "> GET /old HTTP/2\n> host: a.example\n< HTTP/2 301\n< location: /new\n<\n\
                    > GET /new HTTP/2\n> host: a.example\n< HTTP/2 404\n< content-type: application/json\n<\n{\"error\":\"not found\"}";
        let r = parse(text);
        assert_eq!(r.status, Some(404));
        assert_eq!(r.earlier, [301]);
        assert_eq!(r.version.as_deref(), Some("HTTP/2"));
        assert_eq!(r.json_body().unwrap()["error"], "not found");
    }

    #[test]
    fn curl_i_and_raw_headers() {
        let r = parse(
            "HTTP/1.1 100 Continue\n\nHTTP/1.1 413 Request Entity Too Large\nServer: nginx\n\n<html>too big</html>\n",
        );
        assert_eq!(r.status, Some(413));
        assert_eq!(r.earlier, [100]);
        assert_eq!(r.header("Server"), Some("nginx"));
        assert_eq!(r.body, "<html>too big</html>");
    }

    #[test]
    fn httpie_verbose_output_of_a_request_with_a_body_gives_the_response_after_it() {
        // `http -v POST ... --raw '{bad'`: the body sent, then two blank lines, then the
        // response.
        let r = parse(
            "$ http -v POST http://127.0.0.1:8080/api/orders --raw '{bad'\n\
             POST /api/orders HTTP/1.1\nContent-Type: application/json\nHost: 127.0.0.1:8080\n\n\
             {bad\n\n\nHTTP/1.1 400 Bad Request\ncontent-type: text/plain\n\n\
             Failed to parse the request body as JSON",
        );
        assert_eq!(r.status, Some(400));
        assert_eq!(r.body, "Failed to parse the request body as JSON");
        assert_eq!(r.header("content-type"), Some("text/plain"));
        assert_eq!(r.url.as_deref(), Some("http://127.0.0.1:8080/api/orders"));
    }

    #[test]
    fn curl_dash_i_capital_asks_head_so_the_body_was_never_sent() {
        for command in ["curl -sI", "curl -I -s", "curl --head", "curl -Isk"] {
            let r = parse(&format!(
                "$ {command} http://127.0.0.1:8080/zero/api/health\nHTTP/1.1 401 Unauthorized\ncontent-type: application/json\n\n"
            ));
            assert_eq!(r.method.as_deref(), Some("HEAD"), "{command}");
        }
        let r =
            parse("$ curl -si -H 'X-Id: 1' http://127.0.0.1:8080/x\nHTTP/1.1 401 Unauthorized\n\n");
        assert_eq!(r.method, None, "-i shows the headers of a GET");
    }

    #[test]
    fn a_bare_status_line_after_a_malformed_request_typed_into_nc() {
        let r = parse(
            "$ nc 127.0.0.1 8000\nGET /api/invoices/1 junk HTTP/1.1\nHost: api.test\n\n\
             HTTP/1.1 400 Bad Request\n\n",
        );
        assert_eq!(r.status, Some(400));
        assert_eq!(r.body, "");
    }

    #[test]
    fn curl_verbose_head_prints_the_headers_again_and_that_is_no_body() {
        let r = parse(
            "$ curl -sv -I http://api.test/p/1\n> HEAD /p/1 HTTP/1.1\n> Host: api.test\n>\n\
             < HTTP/1.1 200 OK\r\n< Content-Type: application/json\r\n< Content-Length: 68\r\n\
             < X-Cache-Status: HIT\r\n<\r\n* Connection #0 to host api.test left intact\n\
             HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 68\r\n\
             X-Cache-Status: HIT\r\n\r\n",
        );
        assert_eq!(r.method.as_deref(), Some("HEAD"));
        assert_eq!(r.status, Some(200));
        assert_eq!(r.body, "");
    }

    #[test]
    fn httpie_verbose_output_starts_with_the_request() {
        let r = parse(
            "GET /v1/orders HTTP/1.1\nAccept: */*\nHost: api.example.com\n\n\
             HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n{\"error\":\"x\"}",
        );
        assert_eq!(r.status, Some(401));
        assert_eq!(
            r.header("accept"),
            None,
            "request headers are not the response's"
        );
        assert_eq!(
            r.request_headers,
            vec![
                ("Accept".to_owned(), "*/*".to_owned()),
                ("Host".to_owned(), "api.example.com".to_owned())
            ]
        );
        assert_eq!(r.body, "{\"error\":\"x\"}");
    }

    #[test]
    fn a_body_alone_still_gives_the_status() {
        assert_eq!(
            parse("{\"status\": 429, \"message\": \"slow down\"}").status,
            Some(429)
        );
        assert_eq!(
            parse("<html><title>503 Service Unavailable</title></html>").status,
            Some(503)
        );
        assert_eq!(parse("just words").status, None);
        // The code later in the title, as Django, Jetty and Tomcat write it.
        let django = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n\
                      </head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";
        assert_eq!(parse(django).status, Some(500));
        assert_eq!(
            parse("<html><head><title>Error 404 Not Found</title></head></html>").status,
            Some(404)
        );
        assert_eq!(
            parse("<html><head><title>HTTP Status 503 – Service Unavailable</title></head>").status,
            Some(503)
        );
        // A code and its own reason leading a line of text or a JSON title.
        assert_eq!(parse("404 page not found\n").status, Some(404));
        assert_eq!(
            parse("⚠️ 500 — Internal Server Error\n==============================\nThe application encountered an unexpected error and could not continue.\n\n").status,
            Some(500)
        );
        assert_eq!(
            parse("{\"title\": \"503 Service Unavailable\", \"description\": \"orders database under maintenance\"}").status,
            Some(503)
        );
        assert_eq!(
            parse("Error 500: Internal Server Error\nError: CGI program \"/srv/cgi-bin/x.cgi\" failed.\n").status,
            Some(500)
        );
        assert_eq!(
            parse("HTTP 502 Bad Gateway: upstream closed\n").status,
            Some(502)
        );
        assert_eq!(parse("Error 500 rows were skipped\n").status, None);
        assert_eq!(parse("500 orders exported, 2 not found").status, None);
        assert_eq!(parse("{\"message\": \"404 rows\"}").status, None);
        // A number in a title that is no error's says nothing.
        assert_eq!(
            parse("<html><head><title>Top 500 products</title></head></html>").status,
            None
        );
    }

    #[test]
    fn a_paste_cut_inside_its_headers_is_marked_so() {
        // `curl -si` pasted with CR line breaks and cut after two headers.
        let cut = parse("HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nDate: x\r\n");
        assert!(cut.headers_cut && cut.body.is_empty());
        // The blank line under the headers closes them: an empty body, shown.
        assert!(!parse("HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n").headers_cut);
        assert!(!parse("HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n<html></html>").headers_cut);
        // `curl -sv` keeps its `<` marks: cut inside them, and closed by the bare `<`.
        assert!(parse("< HTTP/2 504\n< server: envoy\n").headers_cut);
        assert!(!parse("< HTTP/2 504\n< server: envoy\n<\n").headers_cut);
        // A body alone has no headers to cut.
        assert!(!parse("{\"error\":\"x\"}").headers_cut);
    }

    #[test]
    fn a_request_through_a_forward_proxy() {
        let r = parse(
            "$ curl -sv -x http://127.0.0.1:3128 http://api.example/x\n> GET http://api.example/x HTTP/1.1\n\
             > Host: api.example\n> Authorization: Bearer abc\n>\n< HTTP/1.1 403 Forbidden\n< Server: squid\n<\n",
        );
        assert!(r.forward_proxy);
        assert_eq!(r.url.as_deref(), Some("http://api.example/x"));
        assert!(
            r.request_headers
                .iter()
                .any(|(n, v)| n == "Authorization" && v == "Bearer abc")
        );
        let direct = parse("> GET /x HTTP/1.1\n> Host: api.example\n>\n< HTTP/1.1 200 OK\n<\n");
        assert!(!direct.forward_proxy);
        assert!(
            parse("$ curl -si --proxy http://p:3128 http://a/x\nHTTP/1.1 200 OK\n\n").forward_proxy
        );
    }

    #[test]
    fn a_har_entry() {
        let har = r#"{"log":{"entries":[{"request":{"method":"POST","url":"https://x.example/a"},
            "response":{"status":401,"statusText":"Unauthorized","httpVersion":"HTTP/2",
            "headers":[{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}],
            "content":{"text":"{\"error\":\"invalid_token\"}"}}}]}}"#;
        let r = parse(har);
        assert_eq!(r.status, Some(401));
        assert_eq!(r.method.as_deref(), Some("POST"));
        assert!(
            r.header("WWW-Authenticate")
                .is_some_and(|v| v.contains("invalid_token"))
        );
    }
}

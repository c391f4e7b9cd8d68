//! The request in pasted evidence, read once for everything that needs it: the `curl` command
//! that sends it again (the summary's Reproduce line) and the headers it carried (the
//! credential check in `token`). Read from a `curl -v` transcript's `>` lines (HTTP/1.1 or
//! HTTP/2, with the command on top or not), a raw request as a server received it, what
//! `http -v` prints, a HAR entry, or else a `curl`/`http` command line (`-H`, `-u`,
//! `--oauth2-bearer`, `-b`: what it asks to send). Credentials never reach the command:
//! `Authorization`, cookies and key-like headers become placeholders. Pure: no I/O.

use std::borrow::Cow;

use serde::Serialize;

use super::command_line::{after_prompt, is_command_line};

/// Where the request a paste shows was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `curl -v` `> ` lines.
    Transcript,
    /// A request block without markers: a raw request, or what `http -v` prints.
    Raw,
    /// A HAR file's last entry.
    Har,
    /// A `curl` or `http` command line: what it asks to send (a `.netrc` or config file could
    /// add more), not what went out.
    Command,
}

impl Source {
    /// The evidence shows the request as it went out, not a command that would send it.
    pub fn was_sent(self) -> bool {
        self != Self::Command
    }
}

/// The request a paste shows, as read by [`find`]: where from, the headers it carried, and
/// the request itself when the paste says where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub source: Source,
    /// Every header, in order, names as written; a token a terminal wrapped onto the next line
    /// joined back; HTTP/2 pseudo-headers left out. The same list as `request`'s headers.
    pub headers: Vec<(String, String)>,
    /// Method, URL and body, for a command that sends it again: `None` when the paste gives no
    /// host to send it to (a `wget` or `HTTPie` command line: only its headers are read).
    pub request: Option<Request>,
}

impl Shown {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP request as read from evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// `GET`, `POST`...
    pub method: String,
    /// The absolute URL: scheme, host (from `Host` when the request line has only a path),
    /// path and query.
    pub url: String,
    /// The evidence did not show the scheme (no TLS or connection lines, no absolute URL, no
    /// telling port): https was assumed.
    pub scheme_assumed: bool,
    /// Every request header as captured, in order, names as written; HTTP/2 pseudo-headers
    /// (`:authority`...) left out.
    pub headers: Vec<(String, String)>,
    /// The body, when the evidence shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// How many bytes of body were sent that the evidence does not show: `curl -v` prints
    /// `} [29 bytes data]`, never the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_not_shown: Option<u64>,
}

/// Headers a repeat of the request does without: the client sets them itself, they describe
/// the connection, or they trace one request (a repeat is a new request with new ids).
const LEFT_OUT: &[&str] = &[
    "host",
    "user-agent",
    "content-length",
    "accept-encoding",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "expect",
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-trace-id",
    "x-cloud-trace-context",
    "traceparent",
    "tracestate",
    "baggage",
    "b3",
    "uber-trace-id",
    "sentry-trace",
    // What a browser adds to every request (HAR entries).
    "accept-language",
    "cache-control",
    "pragma",
    "priority",
    "dnt",
    "upgrade-insecure-requests",
];

/// Header name prefixes left out for the same reasons.
const LEFT_OUT_PREFIXES: &[&str] = &["x-b3-", "x-datadog-", "sec-"];

/// Words in a header's name that make its value a credential.
const SECRET_NAME_WORDS: &[&str] = &[
    "key",
    "token",
    "secret",
    "password",
    "signature",
    "session",
    "credential",
    "auth",
];

/// Reads the request in `text`, if it shows one; with several (a redirect followed with
/// `-L`), the last, the one the final response answers. Text with CR line breaks, colour
/// codes or `--trace-time` stamps reads the same as clean text.
pub fn find(text: &str) -> Option<Shown> {
    let text = crate::text::normalize(text);
    // A `--trace-time` transcript's stamps and curl's timing lines are not the request's.
    let text = super::timing::without_timing(&text);
    let text = text.as_ref();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        && trimmed.contains("\"entries\"")
        && let Some(shown) = from_har(trimmed)
    {
        return Some(shown);
    }
    from_curl_verbose(text)
        .or_else(|| from_raw(text))
        .or_else(|| from_command(text))
}

/// The request in `text` with where it went: what [`find`] reads, when it has that.
pub fn find_request(text: &str) -> Option<Request> {
    find(text)?.request
}

impl Request {
    /// The headers a repeat of the request needs, credentials as placeholders
    /// (`Bearer <token>`, `session=<value>`, `<x-api-key>`), in the order captured.
    pub fn repro_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|(name, value)| {
                let lower = name.to_ascii_lowercase();
                !(LEFT_OUT.contains(&lower.as_str())
                    || LEFT_OUT_PREFIXES.iter().any(|p| lower.starts_with(p))
                    // curl sends this one itself.
                    || lower == "accept" && value.trim() == "*/*")
            })
            .map(|(name, value)| (name.clone(), placeholder(name, value)))
            .collect()
    }

    /// A `curl` command that sends the request again and prints the response's headers and
    /// body: the method (left out for GET, and for POST with a body), the URL, the headers
    /// that matter (credentials as placeholders) and the body when captured. One line when
    /// short, else one option a line with `\` continuations. Every word is shell-quoted.
    pub fn to_curl(&self) -> String {
        let mut words: Vec<String> = vec!["curl".into(), "-sS".into(), "-D".into(), "-".into()];
        // `[` `]` `{` `}` are curl's URL globbing; an IPv6 host, `a[]=1` or a redaction
        // mark must reach the server as written.
        if self.url.contains(['[', ']', '{', '}']) {
            words.push("-g".into());
        }
        match (self.method.as_str(), &self.body) {
            ("GET", None) | ("POST", Some(_)) => {}
            // `-X HEAD` would wait for a body that never comes.
            ("HEAD", _) => words.push("-I".into()),
            (method, _) => {
                words.push("-X".into());
                words.push(shell_quote(method).into_owned());
            }
        }
        words.push(shell_quote(&self.url).into_owned());
        let mut options: Vec<String> = self
            .repro_headers()
            .iter()
            .map(|(name, value)| format!("-H {}", shell_quote(&format!("{name}: {value}"))))
            .collect();
        if let Some(body) = &self.body {
            // `-d @file` reads a file: a body that starts with `@` goes as it is.
            let flag = if body.starts_with('@') {
                "--data-raw"
            } else {
                "-d"
            };
            options.push(format!("{flag} {}", shell_quote(body)));
        }
        let head = words.join(" ");
        let one_line = std::iter::once(head.clone())
            .chain(options.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        if one_line.len() <= 100 && !one_line.contains('\n') {
            return one_line;
        }
        std::iter::once(head)
            .chain(options)
            .collect::<Vec<_>>()
            .join(" \\\n  ")
    }
}

/// `text` as one shell word: as it is when it holds only characters no shell treats
/// specially, else in single quotes, an embedded `'` written `'\''`.
pub fn shell_quote(text: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@%_+=:,./-".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("'{}'", text.replace('\'', r"'\''")))
}

/// A credential header's value as a placeholder; any other value as it is.
fn placeholder(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" || lower == "proxy-authorization" {
        return match value.trim().split_once(' ') {
            Some((scheme, _)) => {
                let what =
                    if ["bearer", "token", "jwt"].contains(&scheme.to_ascii_lowercase().as_str()) {
                        "token"
                    } else {
                        "credentials"
                    };
                format!("{scheme} <{what}>")
            }
            None => "<credentials>".to_owned(),
        };
    }
    if lower == "cookie" {
        // The names say which session to bring; the values are the secret.
        return value
            .split(';')
            .map(|pair| match pair.trim().split_once('=') {
                Some((cookie, _)) => format!("{cookie}=<value>"),
                None => "<value>".to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; ");
    }
    if SECRET_NAME_WORDS.iter().any(|w| lower.contains(w)) {
        return format!("<{lower}>");
    }
    value.to_owned()
}

/// `url` with the password of its user info (`https://ops:pw@host/`) as a placeholder; user
/// info without a colon is often a token alone (`https://TOKEN@host/`): all of it goes.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((userinfo, host)) => {
            let userinfo = match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:<password>"),
                None => "<credentials>".to_owned(),
            };
            format!("{scheme}://{userinfo}@{host}{}", &rest[authority_end..])
        }
        None => url.to_owned(),
    }
}

/// `POST /v1/orders HTTP/1.1` (or an absolute target, or `HTTP/2`, or `CONNECT host:port`) into
/// method and target.
fn request_line(line: &str) -> Option<(&str, &str)> {
    let mut parts = line.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let method_ok = (1..=16).contains(&method.len())
        && method.chars().all(|c| c.is_ascii_uppercase() || c == '-');
    // `CONNECT host:443` (through a proxy) names where to tunnel, not a path.
    let target_ok = target.starts_with('/')
        || target.starts_with("http://")
        || target.starts_with("https://")
        || target == "*"
        || method == "CONNECT" && !target.contains('/');
    (parts.next().is_none() && method_ok && target_ok && version.starts_with("HTTP/"))
        .then_some((method, target))
}

/// `METHOD target HTTP/x`: a request line, as `curl -v` and `HTTPie` print it.
pub(crate) fn is_request_line(line: &str) -> bool {
    request_line(line.trim()).is_some()
}

/// `Name: value`; `None` for anything else, and for HTTP/2 pseudo-headers, which come back as
/// `Some` with their colon (`:authority`) so the host can be read from them.
fn header_line(line: &str) -> Option<(String, String)> {
    let (pseudo, rest) = match line.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let (name, value) = rest.split_once(':')?;
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.!#$%&'*+^`|~".contains(c));
    if !valid {
        return None;
    }
    let name = if pseudo {
        format!(":{name}")
    } else {
        name.to_owned()
    };
    Some((name, value.trim().to_owned()))
}

/// The parts of a request every form yields, put together into a [`Request`].
struct Parts<'a> {
    method: &'a str,
    target: &'a str,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl Parts<'_> {
    /// What was read, from `source`: the headers, and the request when it has a host.
    fn shown(self, source: Source, scheme: Option<&str>) -> Shown {
        let headers = self
            .headers
            .iter()
            .filter(|(n, _)| !n.starts_with(':'))
            .cloned()
            .collect();
        Shown {
            source,
            headers,
            request: self.into_request(scheme),
        }
    }

    /// Builds the request; `scheme` is what the rest of the evidence says (`None`: nothing).
    fn into_request(self, scheme: Option<&str>) -> Option<Request> {
        let host = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("host") || n == ":authority")
            .map(|(_, v)| v.clone());
        let (url, scheme_assumed) =
            if self.target.starts_with("http://") || self.target.starts_with("https://") {
                (self.target.to_owned(), false)
            } else {
                // A `CONNECT` tunnel is no request to send again.
                if !(self.target.starts_with('/') || self.target == "*") {
                    return None;
                }
                let host = host.filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))?;
                let (scheme, assumed) = match scheme {
                    Some(s) => (s, false),
                    None if host.ends_with(":80") => ("http", false),
                    None if host.ends_with(":443") => ("https", false),
                    None => ("https", true),
                };
                let path = if self.target == "*" { "/" } else { self.target };
                (format!("{scheme}://{host}{path}"), assumed)
            };
        let body_not_shown = match &self.body {
            Some(_) => None,
            None => self
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse::<u64>().ok())
                .filter(|n| *n > 0),
        };
        Some(Request {
            method: self.method.to_owned(),
            url: without_password(&url),
            scheme_assumed,
            headers: self
                .headers
                .into_iter()
                .filter(|(n, _)| !n.starts_with(':'))
                .collect(),
            body: self.body,
            body_not_shown,
        })
    }
}

/// The last request of a `curl -v` transcript (`> ` lines).
fn from_curl_verbose(text: &str) -> Option<Shown> {
    let mut found: Option<Parts<'_>> = None;
    let mut in_headers = false;
    for line in text.lines() {
        let Some(rest) = line
            .strip_prefix("> ")
            .or_else(|| (line.trim_end() == ">").then_some(""))
        else {
            // A line without the marker amid the headers: the rest of a token the terminal
            // wrapped, or something else, which is passed over.
            if in_headers && let Some(parts) = found.as_mut() {
                continue_token(&mut parts.headers, line.trim());
            }
            continue;
        };
        if let Some((method, target)) = request_line(rest) {
            found = Some(Parts {
                method,
                target,
                headers: Vec::new(),
                body: None,
            });
            in_headers = true;
        } else if in_headers {
            if rest.trim().is_empty() {
                in_headers = false;
            } else if let (Some(parts), Some(header)) = (found.as_mut(), header_line(rest)) {
                parts.headers.push(header);
            }
        }
    }
    let mut parts = found?;
    let command = curl_command(text);
    if let Some(body) = command.as_ref().and_then(|c| c.body.clone()) {
        parts.body = Some(body);
    }
    let scheme = scheme_of_transcript(text, command.as_ref().and_then(|c| c.url.as_deref()));
    Some(parts.shown(Source::Transcript, scheme))
}

/// Characters a token is made of; a line of only these after an `Authorization` line is the
/// rest of a token a terminal wrapped.
fn is_token_line(line: &str) -> bool {
    !line.is_empty()
        && line.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'+' | b'/' | b'=')
        })
}

/// Appends a wrapped token's next piece to the last header when it is an `Authorization`.
fn continue_token(headers: &mut [(String, String)], piece: &str) -> bool {
    match headers.last_mut() {
        Some((name, value))
            if name.eq_ignore_ascii_case("authorization") && is_token_line(piece) =>
        {
            value.push_str(piece);
            true
        }
        _ => false,
    }
}

/// What a `curl -v` transcript shows of the connection: TLS lines mean https; a plain
/// connection without them means http; the command's URL says it outright.
fn scheme_of_transcript<'a>(text: &str, command_url: Option<&'a str>) -> Option<&'a str> {
    if let Some(url) = command_url {
        if url.starts_with("https://") {
            return Some("https");
        }
        if url.starts_with("http://") {
            return Some("http");
        }
    }
    let curl_lines = || text.lines().filter(|l| l.starts_with("* "));
    let tls = curl_lines().any(|l| {
        l.contains("SSL connection")
            || l.starts_with("* TLSv")
            || l.starts_with("* ALPN")
            || l.contains("SSL certificate")
            || l.contains("Server certificate")
    });
    let connected = curl_lines().find(|l| l.starts_with("* Connected to "));
    match connected {
        _ if tls => Some("https"),
        Some(line) if line.contains(" port 443 ") || line.ends_with(" port 443") => Some("https"),
        Some(_) => Some("http"),
        None => None,
    }
}

/// What a `curl` command line on top of a transcript adds: its URL and its body (`-d`,
/// `--data*`, `--json`), which `curl -v` itself never prints.
struct Command {
    url: Option<String>,
    /// The data it sends, wherever it goes (in the query with `-G`).
    body: Option<String>,
    /// `-G`: the data goes into the URL's query, not a body.
    data_in_query: bool,
    /// As curl picks it: `-X`, else HEAD for `-I`, PUT for `-T`, POST with a body (GET with
    /// `-G`, which moves the data into the query), else GET.
    method: String,
}

/// The body a `curl` command line in `text` sends (`-d`, `--data*`, `--json`), whatever output
/// follows it (`curl -si` shows no request at all).
pub(super) fn command_body(text: &str) -> Option<String> {
    curl_command(text)?.body
}

/// The URL a `curl` command line in `text` sends to (not its proxy's, referrer's or output's).
pub(super) fn command_url(text: &str) -> Option<String> {
    curl_command(text)?.url
}

/// The `curl` command line in `text` asks for the headers only (`-I`, `-sI`, `--head`).
pub(super) fn command_asks_head(text: &str) -> bool {
    curl_command(text).is_some_and(|c| c.method == "HEAD")
}

fn curl_command(text: &str) -> Option<Command> {
    let (words, closed) = command_words(text)?;
    // A quote left open: where the body ends cannot be told.
    if !closed || words.first().map(String::as_str) != Some("curl") {
        return None;
    }
    let mut url = None;
    let mut data: Vec<String> = Vec::new();
    let mut file_data = false;
    let (mut method, mut head, mut upload, mut get) = (None, false, false, false);
    let mut words = words.into_iter().skip(1);
    while let Some(word) = words.next() {
        let short = word.starts_with('-') && !word.starts_with("--");
        match word.as_str() {
            "-X" | "--request" => method = words.next(),
            w if short && w.starts_with("-X") && w.len() > 2 => method = Some(w[2..].to_owned()),
            "--url" => url = words.next(),
            // Values that may look like the URL: the proxy's, the referrer, where output goes.
            "-x" | "--proxy" | "-e" | "--referer" | "-o" | "--output" | "-w" | "--write-out" => {
                words.next();
                continue;
            }
            "--head" => head = true,
            "-T" | "--upload-file" => upload = true,
            "-G" | "--get" => get = true,
            // A cluster of flags with no value (`-sI`, `-siG`).
            w if short && w[1..].chars().all(|c| "sSikILvGfgq#".contains(c)) => {
                head |= w.contains('I');
                get |= w.contains('G');
            }
            _ => {}
        }
        let value = match word.as_str() {
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii"
            | "--data-urlencode" | "--json" => words.next(),
            w if w.starts_with("-d") && w.len() > 2 && !w.starts_with("--") => {
                Some(w[2..].to_owned())
            }
            w if w.starts_with("http://") || w.starts_with("https://") => {
                url = Some(w.to_owned());
                None
            }
            _ => None,
        };
        if let Some(value) = value {
            if value.starts_with('@') && word != "--data-raw" {
                file_data = true;
            } else {
                data.push(value);
            }
        }
    }
    // Several `-d` are joined with `&`, as curl does; one read from a file is not shown.
    let sends_data = !data.is_empty() || file_data;
    let body = (!data.is_empty() && !file_data).then(|| data.join("&"));
    let method = method.unwrap_or_else(|| {
        match (head, upload, sends_data && !get) {
            (true, _, _) => "HEAD",
            (_, true, _) => "PUT",
            (_, _, true) => "POST",
            _ => "GET",
        }
        .to_owned()
    });
    Some(Command {
        url,
        body,
        data_in_query: get,
        method,
    })
}

/// A command line split into words as a POSIX shell would (quotes and backslashes; no
/// expansions). `None` when a quote is left open.
#[cfg(test)]
fn shell_words(line: &str) -> Option<Vec<String>> {
    let (words, closed) = split_words(line);
    closed.then_some(words)
}

/// The words of `line`, and whether every quote was closed; an open quote runs to the end (a
/// paste cut short still says which headers it asks for).
fn split_words(line: &str) -> (Vec<String>, bool) {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut closed = true;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                closed = false;
                for c in chars.by_ref() {
                    if c == '\'' {
                        closed = true;
                        break;
                    }
                    word.push(c);
                }
            }
            '"' => {
                in_word = true;
                closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => break,
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
        if !closed {
            break;
        }
    }
    if in_word {
        words.push(word);
    }
    (words, closed)
}

/// The last `curl` or `http` command line in `text` in words, and whether its quotes all
/// closed; a command continued over lines with a trailing backslash is one line. Read once
/// for the URL and body on top of a transcript and for the headers of a command alone.
pub(super) fn command_words(text: &str) -> Option<(Vec<String>, bool)> {
    let mut joined = String::new();
    let mut found = None;
    for line in text.lines() {
        let start = after_prompt(line);
        if joined.is_empty()
            && !(start.starts_with("curl ")
                || start.starts_with("http ")
                || start.starts_with("https ")
                || start.starts_with("wget "))
        {
            continue;
        }
        if let Some(head) = start.strip_suffix('\\') {
            joined.push_str(head);
            joined.push(' ');
        } else {
            joined.push_str(start);
            found = Some(std::mem::take(&mut joined));
        }
    }
    let line = found.or_else(|| (!joined.is_empty()).then_some(joined))?;
    Some(split_words(&line))
}

/// The headers a `curl` or `HTTPie` command line in `text` asks to send; for `curl` with an
/// absolute URL, the request itself (what `curl -si` output pasted under its command shows of
/// it), so that the summary's command sends it again with credentials as placeholders.
fn from_command(text: &str) -> Option<Shown> {
    let (words, _) = command_words(text)?;
    let (program, args) = words.split_first()?;
    let headers = match program.as_str() {
        "curl" => curl_headers(args),
        "wget" => wget_headers(args),
        _ => httpie_headers(args),
    };
    let request = (program == "curl")
        .then(|| curl_command(text))
        .flatten()
        .and_then(|command| {
            let mut url = command.url?;
            let mut body = command.body;
            if command.data_in_query
                && let Some(query) = body.take()
            {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(&query);
            }
            Some(Request {
                method: command.method.to_ascii_uppercase(),
                url,
                scheme_assumed: false,
                headers: headers.clone(),
                body,
                body_not_shown: None,
            })
        });
    Some(Shown {
        source: Source::Command,
        headers,
        request,
    })
}

fn basic(user_password: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(user_password)
    )
}

fn curl_headers(args: &[String]) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        // `-HX`, `-uX` and `--header=X` forms as well as the value in the next word.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ if arg.len() > 2 && !arg.starts_with("--") && arg.starts_with('-') => {
                (&arg[..2], Some(arg[2..].to_owned()))
            }
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next().cloned());
        match flag {
            "-H" | "--header" => headers.extend(value().as_deref().and_then(header_line)),
            "-u" | "--user" => {
                if let Some(v) = value() {
                    headers.push(("Authorization".to_owned(), basic(&v)));
                }
            }
            "--oauth2-bearer" => {
                if let Some(v) = value() {
                    headers.push(("Authorization".to_owned(), format!("Bearer {v}")));
                }
            }
            "-b" | "--cookie" => {
                // A cookie jar file name has no `=`; only inline cookies are sent as written.
                if let Some(v) = value().filter(|v| v.contains('=')) {
                    headers.push(("Cookie".to_owned(), v));
                }
            }
            _ => {}
        }
    }
    headers
}

/// What a `wget` command line asks to send: `--header`, and `--user`/`--http-user` with its
/// password as Basic credentials.
fn wget_headers(args: &[String]) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    let (mut user, mut password) = (None, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next().cloned());
        match flag {
            "--header" => headers.extend(value().as_deref().and_then(header_line)),
            "--user" | "--http-user" => user = value(),
            "--password" | "--http-password" => password = value(),
            _ => {}
        }
    }
    if let Some(user) = user {
        let password = password.unwrap_or_default();
        headers.push((
            "Authorization".to_owned(),
            basic(&format!("{user}:{password}")),
        ));
    }
    headers
}

fn httpie_headers(args: &[String]) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    let mut bearer = false;
    let mut auth = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        match flag {
            "-a" | "--auth" => auth = inline.or_else(|| args.next().cloned()),
            "-A" | "--auth-type" => {
                bearer = inline
                    .or_else(|| args.next().cloned())
                    .is_some_and(|t| t == "bearer");
            }
            _ if arg.starts_with('-') || arg.contains("://") => {}
            // `Name:value` is a header; `name:=json`, `name==query`, `name=data` are not.
            _ => {
                if let Some((name, value)) = arg.split_once(':')
                    && !value.starts_with('=')
                    && !name.contains('=')
                    && !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    headers.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }
    if let Some(auth) = auth {
        let value = if bearer {
            format!("Bearer {auth}")
        } else {
            basic(&auth)
        };
        headers.push(("Authorization".to_owned(), value));
    }
    headers
}

/// The scheme an `HTTPie` command line in `text` says (`http -v POST http://...`): the URL's
/// own, else the command's (`http` sends plain HTTP, `https` TLS); `None` for no such line.
fn httpie_scheme(text: &str) -> Option<&'static str> {
    let (words, _) = command_words(text)?;
    let (program, args) = words.split_first()?;
    if program != "http" && program != "https" {
        return None;
    }
    match args.iter().find(|w| w.contains("://")) {
        Some(url) if url.starts_with("https://") => Some("https"),
        Some(url) if url.starts_with("http://") => Some("http"),
        Some(_) => None,
        None if program == "https" => Some("https"),
        None => Some("http"),
    }
}

/// A raw request (as a server received it, or as `http -v` prints it): a request line, then
/// headers, a blank line and the body, which ends at the response's status line when one
/// follows. The last such request (`http -v --follow` prints each); a request line counts at
/// the start of a line, or as the first line after any command line, indented or not.
fn from_raw(text: &str) -> Option<Shown> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| {
        let t = l.trim();
        !(t.is_empty() || t.starts_with("$ ") || is_command_line(t))
    })?;
    let start = (first..lines.len()).rev().find(|&i| {
        is_request_line(lines[i]) && (i == first || !lines[i].starts_with(char::is_whitespace))
    })?;
    let (method, target) = request_line(lines[start].trim())?;
    let mut headers = Vec::new();
    let mut body_lines: Vec<&str> = Vec::new();
    let mut in_headers = true;
    for &line in &lines[start + 1..] {
        // The fence closing a Markdown code block the request was pasted in ends it: what
        // follows is the note's words.
        if line.trim_start().starts_with("```") {
            break;
        }
        if in_headers {
            if line.trim().is_empty() {
                in_headers = false;
            } else if let Some(header) = header_line(line.trim_end()) {
                headers.push(header);
            } else if !continue_token(&mut headers, line.trim()) {
                // Not a header: the paste lost its blank line; the rest is body.
                in_headers = false;
                body_lines.push(line);
            }
            continue;
        }
        if line.starts_with("HTTP/") && line.split_whitespace().nth(1).is_some_and(is_status) {
            break;
        }
        body_lines.push(line);
    }
    let body = body_lines.join("\n");
    let body = body.trim_matches('\n');
    Some(
        Parts {
            method,
            target,
            headers,
            body: (!body.trim().is_empty()).then(|| body.to_owned()),
        }
        .shown(Source::Raw, httpie_scheme(&lines[..first].join("\n"))),
    )
}

fn is_status(word: &str) -> bool {
    word.len() == 3 && word.parse::<u16>().is_ok_and(|c| (100..600).contains(&c))
}

/// The request of a HAR file's last entry.
fn from_har(text: &str) -> Option<Shown> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let request = value
        .get("log")?
        .get("entries")?
        .as_array()?
        .last()?
        .get("request")?;
    let headers = har_headers(request);
    let method = request.get("method").and_then(|m| m.as_str());
    let url = request.get("url").and_then(|u| u.as_str());
    let (Some(method), Some(url)) = (method, url) else {
        // The headers still say what was sent; without method and URL there is no command.
        return Some(Shown {
            source: Source::Har,
            headers: headers
                .into_iter()
                .filter(|(n, _)| !n.starts_with(':'))
                .collect(),
            request: None,
        });
    };
    let body = request
        .get("postData")
        .and_then(|p| p.get("text"))
        .and_then(|t| t.as_str())
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    Some(
        Parts {
            method,
            target: url,
            headers,
            body,
        }
        .shown(Source::Har, None),
    )
}

/// The `headers` of a HAR request or response object, as (name, value) pairs in order.
pub(crate) fn har_headers(message: &serde_json::Value) -> Vec<(String, String)> {
    message
        .get("headers")
        .and_then(|h| h.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|h| {
                    Some((
                        h.get("name")?.as_str()?.to_owned(),
                        h.get("value")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixtures captured from real clients by `tests/fixtures/requests/capture.sh`.
    const CURL_HTTP1: &str = include_str!("../../tests/fixtures/requests/curl-v-post-http1.txt");
    const CURL_HTTP1_CR: &str =
        include_str!("../../tests/fixtures/requests/curl-v-post-http1-cr.txt");
    const CURL_H2: &str = include_str!("../../tests/fixtures/requests/curl-v-get-h2.txt");
    const HTTPIE: &str = include_str!("../../tests/fixtures/requests/httpie-v-pretty-all.txt");
    const RAW: &str = include_str!("../../tests/fixtures/requests/raw-request-post.txt");

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ";

    /// Runs `command` words through the shell-word splitter: what a shell would pass to curl.
    fn words(command: &str) -> Vec<String> {
        shell_words(&command.replace(" \\\n  ", " ")).unwrap()
    }

    #[test]
    fn a_curl_v_transcript_with_crlf_gives_the_request_and_a_runnable_command() {
        assert!(CURL_HTTP1.contains("\r\n"), "the capture keeps curl's CRLF");
        let r = find_request(CURL_HTTP1).unwrap();
        assert_eq!(r.method, "POST");
        // Connected on port 18701 with no TLS lines: plain http, not a guess.
        assert_eq!(r.url, "http://orders.example.test:18701/v1/orders");
        assert!(!r.scheme_assumed);
        // curl -v prints `} [29 bytes data]`, never the body.
        assert_eq!(r.body, None);
        assert_eq!(r.body_not_shown, Some(29));
        let repro = r.repro_headers();
        let kept: Vec<&str> = repro.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            kept,
            [
                "Content-Type",
                "Accept",
                "Authorization",
                "X-Tenant",
                "Api-Version"
            ]
        );
        let curl = r.to_curl();
        assert!(!curl.contains(TOKEN) && !curl.contains("eyJ"), "{curl}");
        assert_eq!(
            words(&curl),
            [
                "curl",
                "-sS",
                "-D",
                "-",
                "-X",
                "POST",
                "http://orders.example.test:18701/v1/orders",
                "-H",
                "Content-Type: application/json",
                "-H",
                "Accept: application/json",
                "-H",
                "Authorization: Bearer <token>",
                "-H",
                "X-Tenant: urn:acme:tenant:eu-1",
                "-H",
                "Api-Version: 2024-10-01",
            ]
        );
    }

    #[test]
    fn cr_line_breaks_read_the_same_as_crlf() {
        assert!(!CURL_HTTP1_CR.contains('\n') && CURL_HTTP1_CR.contains('\r'));
        assert_eq!(find_request(CURL_HTTP1_CR), find_request(CURL_HTTP1));
    }

    #[test]
    fn a_header_value_with_colons_stays_whole() {
        let r = find_request(CURL_HTTP1).unwrap();
        assert!(
            r.headers
                .contains(&("X-Tenant".into(), "urn:acme:tenant:eu-1".into()))
        );
        let r = find_request("GET /a HTTP/1.1\nHost: x.example:8443\nIf-Match: \"a:b\"\n").unwrap();
        assert_eq!(r.url, "https://x.example:8443/a");
        assert!(r.scheme_assumed, "nothing shows the scheme");
        assert!(
            r.to_curl().contains(r#"-H 'If-Match: "a:b"'"#),
            "{}",
            r.to_curl()
        );
    }

    #[test]
    fn http2_over_tls_with_basic_auth_and_a_query() {
        let r = find_request(CURL_H2).unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.url,
            "https://orders.example.test:18702/v1/orders?status=open&page=2"
        );
        assert!(!r.scheme_assumed);
        assert_eq!(r.body_not_shown, None);
        let curl = r.to_curl();
        assert_eq!(
            curl,
            "curl -sS -D - 'https://orders.example.test:18702/v1/orders?status=open&page=2' \\\n  \
             -H 'authorization: Basic <credentials>' \\\n  -H 'accept: application/json'"
        );
        assert!(!curl.contains("b3BzOkNBTkFSWXBhc3N3MHJk"));
    }

    #[test]
    fn httpie_with_colour_codes_gives_the_body() {
        assert!(
            HTTPIE.contains("\u{1b}["),
            "the capture has HTTPie's colours"
        );
        let r = find_request(HTTPIE).unwrap();
        assert_eq!(r.method, "POST");
        // HTTPie shows neither the scheme nor the connection.
        assert_eq!(r.url, "https://orders.example.test:18701/v1/orders");
        assert!(r.scheme_assumed);
        let body = r.body.as_deref().unwrap();
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["sku"], "O'Brien mug");
        assert!(!body.contains("HTTP/1.0") && !body.contains("upstream_unavailable"));
        let curl = r.to_curl();
        assert!(!curl.contains('\u{1b}') && !curl.contains(TOKEN), "{curl}");
        let w = words(&curl);
        assert_eq!(w.last().map(String::as_str), Some(body), "{curl}");
        assert!(
            !w.iter()
                .any(|w| w.starts_with("User-Agent") || w.starts_with("Host"))
        );
    }

    #[test]
    fn a_raw_request_with_a_body_that_has_a_single_quote() {
        let r = find_request(RAW).unwrap();
        assert_eq!(r.method, "PUT");
        assert_eq!(r.body.as_deref(), Some(r#"{"sku":"O'Brien mug","qty":2}"#));
        let curl = r.to_curl();
        assert!(
            curl.ends_with(r#"-d '{"sku":"O'\''Brien mug","qty":2}'"#),
            "{curl}"
        );
        let w = words(&curl);
        assert_eq!(&w[4..6], ["-X", "PUT"]);
        assert_eq!(w.last().unwrap(), r#"{"sku":"O'Brien mug","qty":2}"#);
    }

    #[test]
    fn the_command_on_top_gives_the_body_curl_v_does_not_print() {
        let text = format!(
            "$ curl -sv https://api.example.com/v1/orders -H 'Content-Type: application/json' \\\n  -d '{{\"note\":\"it'\\''s\"}}'\n{}",
            "> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n> Content-Length: 16\n>\n< HTTP/1.1 502 Bad Gateway\n"
        );
        let r = find_request(&text).unwrap();
        assert_eq!(r.url, "https://api.example.com/v1/orders");
        assert_eq!(r.body.as_deref(), Some(r#"{"note":"it's"}"#));
        assert_eq!(r.body_not_shown, None);
        // POST with a body: `-d` says POST already.
        assert!(!r.to_curl().contains("-X"), "{}", r.to_curl());
    }

    #[test]
    fn the_last_request_of_a_redirect_chain() {
        let r = find_request(
            "> GET /old HTTP/2\n> host: a.example\n>\n< HTTP/2 301\n< location: /new\n<\n\
             > GET /new HTTP/2\n> host: a.example\n>\n< HTTP/2 404\n",
        )
        .unwrap();
        assert_eq!(r.url, "https://a.example/new");
        assert_eq!(r.to_curl(), "curl -sS -D - https://a.example/new");
    }

    #[test]
    fn a_har_entry() {
        let har = r#"{"log":{"entries":[{"request":{"method":"PATCH","url":"https://x.example/a?b[]=1",
            "headers":[{"name":":authority","value":"x.example"},{"name":"cookie","value":"sid=abc; theme=dark"},
            {"name":"x-api-key","value":"k-123"},{"name":"sec-fetch-mode","value":"cors"}],
            "postData":{"mimeType":"application/json","text":"{\"a\":1}"}},
            "response":{"status":409}}]}}"#;
        let r = find_request(har).unwrap();
        assert_eq!(
            r.to_curl(),
            "curl -sS -D - -g -X PATCH 'https://x.example/a?b[]=1' \\\n  \
             -H 'cookie: sid=<value>; theme=<value>' \\\n  -H 'x-api-key: <x-api-key>' \\\n  \
             -d '{\"a\":1}'"
        );
    }

    #[test]
    fn a_password_in_the_url_becomes_a_placeholder() {
        let r = find_request("GET https://ops:s3cret@proxy.example/a?b=c@d HTTP/1.1\n\n").unwrap();
        assert_eq!(r.url, "https://ops:<password>@proxy.example/a?b=c@d");
        assert_eq!(
            without_password("https://x.example/a@b"),
            "https://x.example/a@b"
        );
        assert_eq!(
            without_password("https://ghp_abc@git.example/x"),
            "https://<credentials>@git.example/x"
        );
    }

    #[test]
    fn a_wget_command_line_says_what_it_sends() {
        let shown = find(
            "$ wget -S -O- --header 'X-Api-Key: vk_live_00aa11bb' --user=ops --password=s3cret \
             http://127.0.0.1:53600/inventory/items\nHTTP request sent, awaiting response... \n  \
             HTTP/1.1 403 Forbidden\n",
        )
        .unwrap();
        assert_eq!(shown.source, Source::Command);
        assert_eq!(
            shown.headers,
            vec![
                ("X-Api-Key".to_owned(), "vk_live_00aa11bb".to_owned()),
                ("Authorization".to_owned(), basic("ops:s3cret")),
            ]
        );
    }

    #[test]
    fn no_request_no_reading() {
        for text in [
            "",
            "HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n<html></html>",
            "{\"status\": 502}",
            "10.0.0.1 - - [23/Nov/2026:09:00:00 +0000] \"GET /v1/orders HTTP/1.1\" 502 157",
            // A path and no host: nothing to send it to.
            "> GET /v1/orders HTTP/1.1\n> Accept: */*\n>\n< HTTP/1.1 502 Bad Gateway",
            "'unbalanced",
        ] {
            assert_eq!(find_request(text), None, "{text:?}");
        }
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("https://a.example/x"), "https://a.example/x");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$HOME `x`"), "'$HOME `x`'");
        for text in ["it's", "a'b'c", "''", "x\ny", "$(rm -rf /)", "\"q\""] {
            assert_eq!(shell_words(&shell_quote(text)).unwrap(), [text]);
        }
    }

    #[test]
    fn long_commands_break_one_option_a_line() {
        let r = find_request(
            "POST /v1/orders HTTP/1.1\nHost: api.example.com\nContent-Type: application/json\n\
             Authorization: Bearer abc.def.ghi\nX-Tenant: acme-eu\nApi-Version: 2024-10-01\n\n{\"a\":1}",
        )
        .unwrap();
        let curl = r.to_curl();
        assert_eq!(
            curl,
            "curl -sS -D - https://api.example.com/v1/orders \\\n  \
             -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer <token>' \\\n  \
             -H 'X-Tenant: acme-eu' \\\n  -H 'Api-Version: 2024-10-01' \\\n  -d '{\"a\":1}'"
        );
    }

    fn names(request: &Shown) -> Vec<&str> {
        request.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn the_last_request_of_a_curl_transcript_wins() {
        let text = "> GET /old HTTP/1.1\n> Host: a.example\n> Authorization: Bearer abc\n>\n\
                    < HTTP/1.1 302 Found\n< Location: https://b.example/new\n<\n\
                    > GET /new HTTP/1.1\n> Host: b.example\n> Accept: */*\n> \n< HTTP/1.1 401 Unauthorized\n";
        let request = find(text).unwrap();
        assert_eq!(request.source, Source::Transcript);
        assert_eq!(names(&request), ["Host", "Accept"]);
    }

    #[test]
    fn a_token_wrapped_by_the_terminal_is_joined() {
        let text = "> GET / HTTP/1.1\n> Authorization: Bearer eyJhbGciOi.eyJzdWIiOi\nJ4In0.c2ln\n> Accept: */*\n>\n";
        let request = find(text).unwrap();
        assert_eq!(
            request.header("authorization"),
            Some("Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.c2ln")
        );
        assert_eq!(request.header("accept"), Some("*/*"));
    }

    #[test]
    fn an_httpie_request_block() {
        let text = "GET /v1/orders HTTP/1.1\nAccept: */*\nX-API-Key: k-123\nHost: api.example\n\n\
                    HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{}";
        let request = find(text).unwrap();
        assert_eq!(request.source, Source::Raw);
        assert_eq!(names(&request), ["Accept", "X-API-Key", "Host"]);
    }

    #[test]
    fn command_lines_of_curl_and_httpie() {
        let curl = find(
            "$ curl -sS https://api.example/x \\\n  -H 'Authorization: Bearer abc.def' -u deploy-bot:s3cret --cookie 'sid=1'\nHTTP/1.1 401\n",
        )
        .unwrap();
        assert_eq!(curl.source, Source::Command);
        assert_eq!(names(&curl), ["Authorization", "Authorization", "Cookie"]);
        assert_eq!(curl.header("authorization"), Some("Bearer abc.def"));
        let http =
            find("http -a deploy-bot:s3cret GET https://api.example/x X-Trace:1 q==2 a:=1\n")
                .unwrap();
        assert_eq!(names(&http), ["X-Trace", "Authorization"]);
        assert_eq!(find("just some words"), None);
    }

    #[test]
    fn a_har_entrys_request_headers() {
        let har = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://x.example/a",
            "headers":[{"name":"cookie","value":"sid=abc"}]},"response":{"status":401}}]}}"#;
        let request = find(har).unwrap();
        assert_eq!(request.source, Source::Har);
        assert_eq!(names(&request), ["cookie"]);
    }

    #[test]
    fn one_reading_for_the_command_and_the_credential_check() {
        // A note above, the request in a Markdown fence, the note's words after it.
        let text = "### Repro\r```\rGET /v1/prices HTTP/1.1\rHost: api.example\r\
                    Authorization: Basic dTpw\r```\rAnswer: 200 with ETag: W/\"1\"\r";
        let shown = find(text).unwrap();
        assert_eq!(shown.source, Source::Raw);
        assert_eq!(names(&shown), ["Host", "Authorization"]);
        let request = shown.request.unwrap();
        assert_eq!(request.headers, shown.headers);
        assert_eq!(request.body, None, "the words after the fence are no body");
        assert_eq!(
            request.to_curl(),
            "curl -sS -D - https://api.example/v1/prices -H 'Authorization: Basic <credentials>'"
        );
        // A command line over `curl -si` output: its headers, and the request to send again
        // with the key as a placeholder.
        let shown = find("curl https://api.example/x -H 'X-API-Key: k'\nHTTP/1.1 401\n").unwrap();
        assert_eq!(shown.source, Source::Command);
        assert!(!shown.source.was_sent());
        assert_eq!(
            shown.request.unwrap().to_curl(),
            "curl -sS -D - https://api.example/x -H 'X-API-Key: <x-api-key>'"
        );
    }

    #[test]
    fn a_curl_command_line_says_the_method_and_url_as_curl_picks_them() {
        let request = |command: &str| {
            find(&format!(
                "$ {command}\nHTTP/1.1 500 Internal Server Error\n\n"
            ))
            .and_then(|shown| shown.request)
            .map(|r| (r.method, r.url, r.body))
        };
        let url = || "https://api.example/v1/orders".to_owned();
        assert_eq!(
            request("curl -si https://api.example/v1/orders"),
            Some(("GET".into(), url(), None))
        );
        assert_eq!(
            request("curl -sI https://api.example/v1/orders"),
            Some(("HEAD".into(), url(), None))
        );
        assert_eq!(
            request("curl -si -d 'a=1' -d b=2 https://api.example/v1/orders"),
            Some(("POST".into(), url(), Some("a=1&b=2".into())))
        );
        assert_eq!(
            request("curl -si -G -d q=1 https://api.example/v1/orders"),
            Some(("GET".into(), format!("{}?q=1", url()), None))
        );
        assert_eq!(
            request("curl -si -X delete https://api.example/v1/orders"),
            Some(("DELETE".into(), url(), None))
        );
        assert_eq!(
            request("curl -si -T order.json https://api.example/v1/orders"),
            Some(("PUT".into(), url(), None))
        );
        // The proxy's URL and the referrer's are not where the request went.
        assert_eq!(
            request(
                "curl -si -x http://proxy:3128 https://api.example/v1/orders -e https://ref.example/"
            ),
            Some(("GET".into(), url(), None))
        );
        // With no absolute URL there is nowhere to send it again.
        assert_eq!(request("curl -si localhost:8080/v1/orders"), None);
    }

    #[test]
    fn a_tunnel_through_a_proxy_is_read_but_not_sent_again() {
        assert!(is_request_line("CONNECT api.example:443 HTTP/1.1"));
        assert!(!is_request_line("GET api.example HTTP/1.1"));
        let shown =
            find("CONNECT api.example:443 HTTP/1.1\nProxy-Authorization: Basic dTpw\n\n").unwrap();
        assert_eq!(shown.header("proxy-authorization"), Some("Basic dTpw"));
        assert_eq!(shown.request, None);
        // A HAR entry of a WebSocket: no https command sends it again.
        let har = r#"{"log":{"entries":[{"request":{"method":"GET","url":"wss://x.example/ws",
            "headers":[{"name":"Host","value":"x.example"}]}}]}}"#;
        let shown = find(har).unwrap();
        assert_eq!((shown.source, shown.request), (Source::Har, None));
    }
}

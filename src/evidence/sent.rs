//! The headers a request carried, as evidence shows it, for the credential check: the headers of the last request
//! in a `curl -v` transcript (`> ` lines), an `HTTPie` or raw request block, a HAR entry, or else
//! the headers a `curl`/`http` command line would send (`-H`, `-u`, `--oauth2-bearer`, `-b`).
//! Values are kept only long enough to be judged; callers keep names, never values. Pure.

/// Where the request's headers were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `curl -v` `> ` lines, an `HTTPie` request block or a HAR entry: what was actually sent.
    Sent,
    /// A command line: what it asks to send (a `.netrc` or config file could add more).
    Command,
}

/// One request's headers, names as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub source: Source,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The request in `text` (normalised: `\n` line breaks), the last one when there are several
/// (a redirect chain: the last request is the one the final response answers).
pub fn find(text: &str) -> Option<Request> {
    har(text)
        .or_else(|| verbose(text))
        .or_else(|| block(text))
        .or_else(|| command(text))
}

/// Characters a token is made of; a line of only these after an `Authorization` line is the
/// rest of a token a terminal wrapped.
fn is_token_line(line: &str) -> bool {
    !line.is_empty()
        && line.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'+' | b'/' | b'=')
        })
}

fn header_line(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some((name.to_owned(), value.trim().to_owned()))
}

/// `METHOD target HTTP/x`: a request line, as `curl -v` and `HTTPie` print it.
pub(crate) fn is_request_line(line: &str) -> bool {
    let mut parts = line.trim().split(' ');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(method), Some(_), Some(version), None)
            if !method.is_empty()
                && method.bytes().all(|b| b.is_ascii_uppercase())
                && version.starts_with("HTTP/")
    )
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

/// The last request of a `curl -v` transcript.
fn verbose(text: &str) -> Option<Request> {
    let mut last: Option<Vec<(String, String)>> = None;
    let mut open = false;
    for line in text.lines() {
        let rest = line
            .strip_prefix("> ")
            .or_else(|| (line.trim_end() == ">").then_some(""));
        match rest {
            Some(rest) if is_request_line(rest) => {
                last = Some(Vec::new());
                open = true;
            }
            Some(rest) if open => {
                if rest.trim().is_empty() {
                    open = false;
                } else if let (Some(headers), Some(header)) = (last.as_mut(), header_line(rest)) {
                    headers.push(header);
                }
            }
            None if open => {
                if let Some(headers) = last.as_mut()
                    && !continue_token(headers, line.trim())
                {
                    open = line.starts_with(['*', '{', '}']);
                }
            }
            Some(_) | None => {}
        }
    }
    last.map(|headers| Request {
        source: Source::Sent,
        headers,
    })
}

/// A request block without markers (`HTTPie` `-v`, a raw request): a request line at the start
/// of a line, then headers up to a blank line.
fn block(text: &str) -> Option<Request> {
    let mut last = None;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if !is_request_line(line) || line.starts_with(char::is_whitespace) {
            continue;
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                break;
            }
            if let Some(header) = header_line(line) {
                headers.push(header);
            } else if !continue_token(&mut headers, line.trim()) {
                break;
            }
        }
        last = Some(headers);
    }
    last.map(|headers| Request {
        source: Source::Sent,
        headers,
    })
}

/// The request headers of a HAR file's last entry.
fn har(text: &str) -> Option<Request> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !trimmed.contains("\"entries\"") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(trimmed).ok()?;
    let entry = value.get("log")?.get("entries")?.as_array()?.last()?;
    let headers = entry
        .get("request")?
        .get("headers")?
        .as_array()?
        .iter()
        .filter_map(|h| {
            Some((
                h.get("name")?.as_str()?.to_owned(),
                h.get("value")?.as_str()?.to_owned(),
            ))
        })
        .collect();
    Some(Request {
        source: Source::Sent,
        headers,
    })
}

/// Splits a command line into words as a shell would for the common cases: single and double
/// quotes, backslash escapes outside single quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                word.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// The headers a `curl` or `HTTPie` command line in `text` asks to send.
fn command(text: &str) -> Option<Request> {
    // A command continued over lines with a trailing backslash is one line.
    let mut joined = String::new();
    let mut found = None;
    for line in text.lines() {
        let trimmed = line.trim();
        let start = trimmed.trim_start_matches("$ ").trim_start();
        if joined.is_empty()
            && !(start.starts_with("curl ")
                || start.starts_with("http ")
                || start.starts_with("https "))
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
    let words = words(&line);
    let (program, args) = words.split_first()?;
    let headers = if program == "curl" {
        curl_headers(args)
    } else {
        httpie_headers(args)
    };
    Some(Request {
        source: Source::Command,
        headers,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(request: &Request) -> Vec<&str> {
        request.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn the_last_request_of_a_curl_transcript_wins() {
        let text = "> GET /old HTTP/1.1\n> Host: a.example\n> Authorization: Bearer abc\n>\n\
                    < HTTP/1.1 302 Found\n< Location: https://b.example/new\n<\n\
                    > GET /new HTTP/1.1\n> Host: b.example\n> Accept: */*\n> \n< HTTP/1.1 401 Unauthorized\n";
        let request = find(text).unwrap();
        assert_eq!(request.source, Source::Sent);
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
        assert_eq!(names(&request), ["cookie"]);
    }
}

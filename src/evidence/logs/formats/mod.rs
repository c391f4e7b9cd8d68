//! The access log formats read, each line to a [`Record`] without allocating (but for JSON
//! lines): nginx's and Apache's combined and common formats (with nginx's request time and
//! upstream address after them when a team's `log_format` adds them), `HAProxy`'s HTTP log, AWS
//! ALB access logs, Envoy's default format, and JSON lines (nginx, Envoy, Traefik or any
//! other whose fields can be named). The format is told from the first lines.

use super::time;

/// A log's format, as detected or asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// nginx / Apache combined or common, optionally followed by nginx's `$request_time`,
    /// `$upstream_response_time` and `$upstream_addr`.
    Combined,
    Haproxy,
    Alb,
    Envoy,
    /// One JSON object a line; the fields to read, by name.
    Json(JsonFields),
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Format::Combined => "combined/common (nginx, Apache)",
            Format::Haproxy => "HAProxy HTTP log",
            Format::Alb => "AWS ALB access log",
            Format::Envoy => "Envoy default access log",
            Format::Json(_) => "JSON lines",
        }
    }
}

/// The JSON field names read for each fact; the first present wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFields {
    pub time: Vec<String>,
    pub status: Vec<String>,
    pub path: Vec<String>,
    pub latency: Vec<String>,
    pub upstream: Vec<String>,
    pub client: Vec<String>,
}

impl Default for JsonFields {
    /// The names nginx (`escape=json` formats), Envoy's JSON logs and Traefik use.
    fn default() -> Self {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
        Self {
            time: names(&[
                "time",
                "timestamp",
                "@timestamp",
                "time_iso8601",
                "time_local",
                "start_time",
                "StartUTC",
                "ts",
                "msec",
            ]),
            status: names(&[
                "status",
                "status_code",
                "response_code",
                "DownstreamStatus",
                "code",
            ]),
            path: names(&[
                "path",
                "request_uri",
                "uri",
                "RequestPath",
                "url",
                "request",
            ]),
            latency: names(&[
                "request_time",
                "duration",
                "Duration",
                "upstream_response_time",
                "latency",
            ]),
            upstream: names(&["upstream_addr", "upstream_host", "ServiceAddr", "upstream"]),
            client: names(&[
                "remote_addr",
                "client_ip",
                "ClientHost",
                "downstream_remote_address",
                "client",
            ]),
        }
    }
}

/// One request as the log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// Unix seconds.
    pub at: i64,
    pub status: u16,
    /// The request path as logged (query included; grouped later).
    pub path: &'a [u8],
    /// Milliseconds, when the log has it.
    pub latency_ms: Option<u32>,
    pub upstream: Option<&'a [u8]>,
    pub client: Option<&'a [u8]>,
}

/// The fields of a line: words split at spaces, a `"quoted string"` or `[bracketed]` one
/// field (brackets kept, quotes dropped).
pub fn fields(line: &[u8]) -> Fields<'_> {
    Fields { rest: line }
}

pub struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let start = self.rest.iter().position(|b| *b != b' ')?;
        let rest = &self.rest[start..];
        let (field, after) = match rest[0] {
            b'"' => {
                // A quote escaped with a backslash (nginx writes \x22 instead; Apache \").
                let mut i = 1;
                while i < rest.len() && rest[i] != b'"' {
                    i += if rest[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(rest.len());
                (&rest[1..end], (end + 1).min(rest.len()))
            }
            b'[' => {
                let end = rest
                    .iter()
                    .position(|b| *b == b']')
                    .map_or(rest.len(), |i| i + 1);
                (&rest[..end], end)
            }
            _ => {
                let end = rest.iter().position(|b| *b == b' ').unwrap_or(rest.len());
                (&rest[..end], end)
            }
        };
        self.rest = &rest[after..];
        Some(field)
    }
}

fn status(field: &[u8]) -> Option<u16> {
    if field.len() != 3 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = u16::from(field[0] - b'0') * 100
        + u16::from(field[1] - b'0') * 10
        + u16::from(field[2] - b'0');
    (100..=599).contains(&n).then_some(n)
}

/// `0.012` seconds as milliseconds (rounded), read by hand: a float parse per line was a
/// tenth of the reading time.
fn seconds_ms(field: &[u8]) -> Option<u32> {
    let (whole, fraction) = match field.iter().position(|b| *b == b'.') {
        Some(dot) => (&field[..dot], &field[dot + 1..]),
        None => (field, &b""[..]),
    };
    if whole.is_empty() || whole.len() > 7 || !whole.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut ms: u32 = 0;
    for b in whole {
        ms = ms * 10 + u32::from(b - b'0');
    }
    ms *= 1000;
    // Milliseconds from the first three decimals, rounded by the fourth.
    let mut scale = 100;
    for b in fraction.iter().take(3) {
        ms += u32::from(b - b'0') * scale;
        scale /= 10;
    }
    if fraction.get(3).is_some_and(|b| *b >= b'5') {
        ms += 1;
    }
    Some(ms)
}

/// The path of a request line `GET /x HTTP/1.1`.
fn request_path(request: &[u8]) -> Option<&[u8]> {
    let mut words = request.split(|b| *b == b' ').filter(|w| !w.is_empty());
    let method = words.next()?;
    if !method.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    words.next()
}

/// Whether `line` reads in `format`.
pub fn parse<'a>(format: &Format, line: &'a [u8]) -> Option<Record<'a>> {
    match format {
        Format::Combined => combined(line),
        Format::Haproxy => haproxy(line),
        Format::Alb => alb(line),
        Format::Envoy => envoy(line),
        Format::Json(fields) => json(fields, line),
    }
}

/// The format the first lines are written in: the one that reads most of them.
pub fn detect(lines: &[&[u8]]) -> Option<Format> {
    let candidates = [
        Format::Alb,
        Format::Envoy,
        Format::Haproxy,
        Format::Combined,
        Format::Json(JsonFields::default()),
    ];
    let lines: Vec<&[u8]> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
    let (best, read) = candidates
        .into_iter()
        .map(|format| {
            let read = lines.iter().filter(|l| parse(&format, l).is_some()).count();
            (format, read)
        })
        .max_by_key(|(_, read)| *read)?;
    (read > 0 && read * 2 >= lines.len()).then_some(best)
}

fn combined(line: &[u8]) -> Option<Record<'_>> {
    let mut f = fields(line);
    let client = f.next()?;
    let _ident = f.next()?;
    let _user = f.next()?;
    let at = time::common_log(f.next().filter(|t| t.first() == Some(&b'['))?)?;
    let path = request_path(f.next()?)?;
    let status = status(f.next()?)?;
    let _bytes = f.next();
    let _referer = f.next();
    let _agent = f.next();
    // What a team's log_format adds after the combined fields: times in seconds, then the
    // upstream's address (`10.0.0.5:8080`, or several after a retry).
    let mut latency_ms = None;
    let mut upstream = None;
    for extra in f {
        if latency_ms.is_none() && extra.contains(&b'.') && extra[0].is_ascii_digit() {
            latency_ms = seconds_ms(extra);
        } else if upstream.is_none() && extra.contains(&b':') && extra[0].is_ascii_digit() {
            upstream = Some(extra);
        }
    }
    Some(Record {
        at,
        status,
        path,
        latency_ms,
        upstream,
        client: Some(client),
    })
}

fn haproxy(line: &[u8]) -> Option<Record<'_>> {
    // An optional syslog prefix ends with `]: `; the log itself starts with `ip:port [`.
    let start = line
        .windows(3)
        .position(|w| w == b"]: ")
        .map_or(0, |i| i + 3);
    let mut f = fields(&line[start..]);
    let client = f.next()?;
    let at = time::common_log(f.next().filter(|t| t.first() == Some(&b'['))?)?;
    let _frontend = f.next()?;
    let backend = f.next()?;
    let timers = f.next()?;
    let total = timers.rsplit(|b| *b == b'/').next()?;
    #[expect(clippy::naive_bytecount, reason = "a few bytes, no crate for it")]
    let slashes = timers.iter().filter(|b| **b == b'/').count();
    if slashes < 3 {
        return None;
    }
    let status = status(f.next()?)?;
    let request = f.find(|w| request_path(w).is_some())?;
    let latency_ms = std::str::from_utf8(total.strip_prefix(b"+").unwrap_or(total))
        .ok()?
        .parse::<i64>()
        .ok()
        .and_then(|ms| u32::try_from(ms).ok());
    Some(Record {
        at,
        status,
        path: request_path(request)?,
        latency_ms,
        upstream: Some(backend),
        client: client.split(|b| *b == b':').next(),
    })
}

fn alb(line: &[u8]) -> Option<Record<'_>> {
    let mut f = fields(line);
    let kind = f.next()?;
    if !matches!(kind, b"http" | b"https" | b"h2" | b"grpcs" | b"ws" | b"wss") {
        return None;
    }
    let at = time::iso8601(f.next()?)?;
    let _elb = f.next()?;
    let client = f.next()?;
    let target = f.next()?;
    let times: Vec<&[u8]> = (0..3).filter_map(|_| f.next()).collect();
    let status = status(f.next()?)?;
    let _target_status = f.next()?;
    let _received = f.next()?;
    let _sent = f.next()?;
    let path = request_path(f.next()?)?;
    // -1 when the load balancer never got a whole answer (the target timed out or closed).
    let latency_ms = if times.iter().any(|t| t.starts_with(b"-")) {
        None
    } else {
        times.iter().map(|t| seconds_ms(t)).sum::<Option<u32>>()
    };
    Some(Record {
        at,
        status,
        path,
        latency_ms,
        upstream: (target != b"-").then_some(target),
        client: client.split(|b| *b == b':').next(),
    })
}

fn envoy(line: &[u8]) -> Option<Record<'_>> {
    let mut f = fields(line);
    let start = f.next().filter(|t| t.first() == Some(&b'['))?;
    let at = time::iso8601(start.strip_prefix(b"[")?.strip_suffix(b"]")?)?;
    let path = request_path(f.next()?)?;
    let status = status(f.next()?)?;
    let _flags = f.next()?;
    let _received = f.next()?;
    let _sent = f.next()?;
    let duration = f.next()?;
    let _upstream_time = f.next();
    let forwarded_for = f.next();
    let _agent = f.next();
    let _request_id = f.next();
    let _authority = f.next();
    let upstream = f.next().filter(|u| *u != b"-");
    Some(Record {
        at,
        status,
        path,
        latency_ms: std::str::from_utf8(duration).ok()?.parse().ok(),
        upstream,
        client: forwarded_for.filter(|c| *c != b"-"),
    })
}

fn json<'a>(names: &JsonFields, line: &'a [u8]) -> Option<Record<'a>> {
    let trimmed = line.trim_ascii();
    if trimmed.first() != Some(&b'{') {
        return None;
    }
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(trimmed).ok()?;
    let find = |list: &[String]| list.iter().find_map(|name| object.get(name.as_str()));
    let at = match find(&names.time)? {
        serde_json::Value::String(s) => time::any(s.as_bytes())?,
        serde_json::Value::Number(n) => time::epoch(n.to_string().as_bytes())?,
        _ => return None,
    };
    let status = match find(&names.status)? {
        serde_json::Value::Number(n) => u16::try_from(n.as_u64()?).ok()?,
        serde_json::Value::String(s) => s.parse().ok()?,
        _ => return None,
    };
    if !(100..=599).contains(&status) {
        return None;
    }
    // The path must borrow from the line: find the value's bytes in it.
    let path_value = find(&names.path)?.as_str()?;
    let path_value = request_path(path_value.as_bytes())
        .and_then(|p| std::str::from_utf8(p).ok())
        .unwrap_or(path_value);
    let path = slice_of(line, path_value.as_bytes())?;
    let latency_ms = find(&names.latency).and_then(|v| match v {
        // Traefik's Duration is in nanoseconds, Envoy's `duration` in milliseconds, nginx's
        // `request_time` in seconds: told apart by size and by a decimal point.
        serde_json::Value::Number(n) => {
            let x = n.as_f64()?;
            let ms = if n.is_f64() {
                x * 1000.0
            } else if x >= 1e6 {
                x / 1e6
            } else {
                x
            };
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "clamped"
            )]
            Some(ms.clamp(0.0, 4e9) as u32)
        }
        serde_json::Value::String(s) => seconds_ms(s.as_bytes()),
        _ => None,
    });
    let upstream = find(&names.upstream)
        .and_then(serde_json::Value::as_str)
        .and_then(|s| slice_of(line, s.as_bytes()));
    let client = find(&names.client)
        .and_then(serde_json::Value::as_str)
        .and_then(|s| slice_of(line, s.as_bytes()));
    Some(Record {
        at,
        status,
        path,
        latency_ms,
        upstream,
        client,
    })
}

/// `value` as a slice of `line` (where it is written there unescaped), so a record borrows.
fn slice_of<'a>(line: &'a [u8], value: &[u8]) -> Option<&'a [u8]> {
    if value.is_empty() {
        return None;
    }
    let at = line.windows(value.len()).position(|w| w == value)?;
    Some(&line[at..at + value.len()])
}

#[cfg(test)]
mod tests;

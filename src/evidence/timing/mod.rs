//! How long a request took, phase by phase, read from evidence: curl's `-w` write-out (the
//! runner's own [`CURL_TIMING_FORMAT`], and the variants engineers paste from a
//! `curl-format.txt`), the stamps of `curl --trace-time -v`, and a HAR entry's `timings`. The
//! phases are DNS, connect, TLS, waiting for the first byte and download (and, in a HAR, time
//! queued in the browser); `defaults` says when a duration sits at a known default timeout,
//! `render` draws it. Pure: no clock, no I/O.

mod defaults;
mod har;
pub mod render;
#[cfg(test)]
mod tests;
mod trace;
mod write_out;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use defaults::{AtDefault, at_known_defaults, grouped_sentences};
pub use render::{Bar, duration};

/// The `-w` argument that makes curl print its timing the way [`read`] reads it best, for a
/// runner that sends a request (`curl -sv URL -w "$CURL_TIMING_FORMAT"`). Written with curl's
/// own `\n` escapes, one line, no quote in it: it can go inside single quotes as it is. It
/// starts with a line break because the body rarely ends with one, and prints every mark
/// curl keeps, cumulative from the start, in seconds (`time_connect: 0.006329`), then the
/// status (`000` when none came) and the address it reached.
pub const CURL_TIMING_FORMAT: &str = "\\ntime_namelookup: %{time_namelookup}\\n\
     time_connect: %{time_connect}\\ntime_appconnect: %{time_appconnect}\\n\
     time_pretransfer: %{time_pretransfer}\\ntime_redirect: %{time_redirect}\\n\
     time_starttransfer: %{time_starttransfer}\\ntime_total: %{time_total}\\n\
     http_code: %{http_code}\\nremote_ip: %{remote_ip}\\n";

/// One phase of a request, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Waiting in the browser's queue for a connection (a HAR's `blocked`).
    Queued,
    Dns,
    /// The TCP connection.
    Connect,
    /// The TLS handshake.
    Tls,
    /// From the request leaving (its sending included) to the first byte of the answer: the
    /// server's (and every hop's) thinking time.
    Wait,
    /// From the first byte to the last.
    Download,
}

impl Phase {
    /// The short name, for a column of bars.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Queued => "queued",
            Phase::Dns => "DNS",
            Phase::Connect => "connect",
            Phase::Tls => "TLS",
            Phase::Wait => "first byte",
            Phase::Download => "download",
        }
    }

    /// The name in a sentence: "waiting for the first byte".
    pub fn words(self) -> &'static str {
        match self {
            Phase::Queued => "queued in the browser",
            Phase::Dns => "the DNS lookup",
            Phase::Connect => "the TCP connect",
            Phase::Tls => "the TLS handshake",
            Phase::Wait => "waiting for the first byte",
            Phase::Download => "the download",
        }
    }
}

/// Where the timing was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// curl's `-w` write-out (`time_total: 0.123`) or its `%{json}`.
    CurlWriteOut,
    /// `curl --trace-time -v`: the stamps on its `*`, `>` and `<` lines.
    CurlTrace,
    /// A HAR entry's `timings`.
    Har,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::CurlWriteOut => "curl -w",
            Source::CurlTrace => "curl --trace-time",
            Source::Har => "HAR",
        }
    }
}

/// How long one phase took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTime {
    pub phase: Phase,
    pub micros: u64,
}

/// The timing of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub source: Source,
    /// The phases that apply, in order (no TLS over plain HTTP, no DNS for an address); an
    /// unfinished one last.
    pub phases: Vec<PhaseTime>,
    /// From the start to the end, as the source measured it.
    pub total_micros: u64,
    /// The phase the request was in when it ended without an answer (a refused connect, a
    /// timeout while waiting): its time runs to the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfinished: Option<Phase>,
    /// Time spent on redirects before the final request (curl adds every request's phases
    /// together, so with redirects the phases are sums).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_micros: Option<u64>,
    /// The status the source reports (`http_code`, a HAR's `status`), when it got one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_code: Option<u16>,
    /// The address the request reached (`remote_ip`, a HAR's `serverIPAddress`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip: Option<String>,
}

impl Timing {
    /// How long `phase` took, when it applies.
    pub fn phase(&self, phase: Phase) -> Option<u64> {
        self.phases
            .iter()
            .find(|p| p.phase == phase)
            .map(|p| p.micros)
    }

    /// Calls `visit` on every text in the timing that came from the evidence, for redaction.
    pub fn for_each_text(&mut self, visit: &mut impl FnMut(&mut String)) {
        if let Some(ip) = &mut self.remote_ip {
            visit(ip);
        }
    }
}

/// The timing in `text`, if it holds one: a HAR entry's, else curl's write-out (the last
/// block: it is the runner's, and more exact than stamps), else `--trace-time` stamps.
pub fn read(text: &str) -> Option<Timing> {
    let text = crate::text::normalize(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        && trimmed.contains("\"log\"")
        && trimmed.contains("\"entries\"")
        && let Some(timing) = har::read(trimmed)
    {
        return Some(timing);
    }
    write_out::read(&text).or_else(|| trace::read(&text))
}

/// `text` as a response reader wants it: without curl's timing lines (which follow the body
/// and would be read as part of it) and without `--trace-time` stamps (so `< HTTP/1.1 504`
/// starts its line again). Unchanged, and not copied, when there is neither.
pub fn without_timing(text: &str) -> Cow<'_, str> {
    let dropped = write_out::timing_lines(text);
    let stamped = trace::is_trace(text);
    if dropped.is_empty() && !stamped {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if dropped.contains(&i) {
            continue;
        }
        let line = if stamped {
            trace::unstamped(line)
        } else {
            line
        };
        out.push_str(line);
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    Cow::Owned(out)
}

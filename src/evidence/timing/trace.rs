//! `curl --trace-time -v`: every `*`, `>` and `<` line stamped `09:10:52.685830`. The phases
//! come from the stamps of the lines that mark them: `Trying` to `Connected` is the connect,
//! from there to `SSL connection using` the TLS handshake, then to the first `<` line the wait,
//! then to the last stamp the download. curl stamps nothing before the lookup is done, so a
//! trace shows no DNS time. (`--trace-ascii` with `--trace-time` is read the same way, from its
//! `== Info:`, `=> Send` and `<= Recv` lines.)

use super::{Phase, PhaseTime, Source, Timing};

/// Microseconds in a day, for a trace that runs past midnight.
const DAY: u64 = 86_400_000_000;

/// A stamp's time of day in microseconds, and the rest of the line.
fn stamp(line: &str) -> Option<(u64, &str)> {
    let b = line.as_bytes();
    if b.len() < 16 || b[2] != b':' || b[5] != b':' || b[8] != b'.' || b[15] != b' ' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = line.get(range)?;
        digits
            .bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (h, m, s, us) = (number(0..2)?, number(3..5)?, number(6..8)?, number(9..15)?);
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some((((h * 60 + m) * 60 + s) * 1_000_000 + us, &line[16..]))
}

/// What a stamped line says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// One of curl's own lines (`* Trying...`), with what it says.
    Info,
    /// A line of the request; `true` for its request line.
    Sent(bool),
    /// A line of the response.
    Received,
    /// A data note (`{ [108 bytes data]`).
    Data,
}

fn event(rest: &str) -> Option<(Event, &str)> {
    if let Some(info) = rest
        .strip_prefix("== Info:")
        .or_else(|| rest.strip_prefix("* "))
        .or_else(|| (rest == "*").then_some(""))
    {
        return Some((Event::Info, info.trim()));
    }
    if let Some(sent) = rest
        .strip_prefix("> ")
        .or_else(|| (rest.trim_end() == ">").then_some(""))
    {
        let request_line = sent.split(' ').count() >= 3
            && sent
                .split(' ')
                .next()
                .is_some_and(|m| !m.is_empty() && m.bytes().all(|c| c.is_ascii_uppercase()))
            && sent.contains(" HTTP/");
        return Some((Event::Sent(request_line), sent));
    }
    if rest.starts_with("=> Send header") {
        return Some((Event::Sent(true), rest));
    }
    if rest.starts_with("< ") || rest.trim_end() == "<" || rest.starts_with("<= Recv header") {
        return Some((Event::Received, rest));
    }
    if rest.starts_with("{ [") || rest.starts_with("} [") || rest.starts_with("<= Recv data") {
        return Some((Event::Data, rest));
    }
    None
}

/// Whether `text` is a stamped curl trace: a few stamped lines that are curl's.
pub(super) fn is_trace(text: &str) -> bool {
    text.split('\n')
        .filter_map(|l| stamp(l).and_then(|(_, rest)| event(rest)))
        .take(3)
        .count()
        == 3
}

/// The line without its stamp.
pub(super) fn unstamped(line: &str) -> &str {
    match stamp(line) {
        Some((_, rest)) if event(rest).is_some() => rest,
        _ => line,
    }
}

/// The timing of the last request in a trace.
pub(super) fn read(text: &str) -> Option<Timing> {
    if !is_trace(text) {
        return None;
    }
    // Stamps made monotonic: a trace that runs past midnight starts again at 00:00.
    let mut events: Vec<(u64, Event, &str)> = Vec::new();
    let mut offset = 0;
    let mut previous = 0;
    for line in text.split('\n') {
        let Some((at, rest)) = stamp(line) else {
            continue;
        };
        let Some((event, said)) = event(rest) else {
            continue;
        };
        if at + offset < previous {
            offset += DAY;
        }
        previous = at + offset;
        events.push((previous, event, said));
    }
    let (first, last) = (events.first()?.0, events.last()?.0);
    let requests: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, (_, e, _))| *e == Event::Sent(true))
        .map(|(i, _)| i)
        .collect();
    let final_request = requests.last().copied();
    // The final request's own connection: what curl said after the request before it.
    let from = requests.len().checked_sub(2).map_or(0, |i| requests[i] + 1);
    let upto = final_request.unwrap_or(events.len());
    let window = &events[from..upto];
    let info = |test: &dyn Fn(&str) -> bool| {
        window
            .iter()
            .rev()
            .find(|(_, e, said)| *e == Event::Info && test(said))
            .map(|(at, _, _)| *at)
    };
    let trying = info(&|s| s.starts_with("Trying ") || s.contains(" Trying "));
    let connected =
        info(&|s| s.starts_with("Connected to") || s.starts_with("Established connection"));
    let tls_started = info(&|s| s.contains("TLS") || s.starts_with("ALPN"));
    let tls_done = info(&|s| s.starts_with("SSL connection using"));
    let first_byte = final_request.and_then(|r| {
        events[r..]
            .iter()
            .find(|(_, e, _)| *e == Event::Received)
            .map(|(at, _, _)| *at)
    });
    let sent_at = final_request.map(|r| events[r].0);
    let start = trying.or(sent_at).unwrap_or(first);

    let mut phases = Vec::new();
    let mut push = |phase, from: u64, to: u64| {
        phases.push(PhaseTime {
            phase,
            micros: to.saturating_sub(from),
        });
    };
    let mut unfinished = None;
    if let (Some(t), Some(c)) = (trying, connected) {
        push(Phase::Connect, t, c);
    }
    let tls_end = tls_done.filter(|d| connected.is_none_or(|c| *d >= c));
    if let (Some(c), Some(d)) = (connected, tls_end) {
        push(Phase::Tls, c, d);
    }
    let ready = tls_end.or(connected).unwrap_or(start);
    if let Some(byte) = first_byte {
        push(Phase::Wait, ready, byte);
        push(Phase::Download, byte, last);
    } else {
        let (phase, since) = match (trying, connected) {
            (Some(t), None) => (Phase::Connect, t),
            (_, Some(c)) if tls_end.is_none() && tls_started.is_some_and(|s| s >= c) => {
                (Phase::Tls, c)
            }
            _ => (Phase::Wait, ready),
        };
        push(phase, since, last);
        unfinished = Some(phase);
    }
    Some(Timing {
        source: Source::CurlTrace,
        phases,
        total_micros: last - first,
        unfinished,
        redirect_micros: (requests.len() > 1).then(|| start.saturating_sub(first)),
        http_code: None,
        remote_ip: None,
    })
}

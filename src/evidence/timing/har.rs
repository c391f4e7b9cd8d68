//! A HAR entry's `timings` (milliseconds; -1 where a phase does not apply): `blocked`, `dns`,
//! `connect`, `ssl`, `send`, `wait`, `receive`. The last entry is read, as the response reader
//! reads it.

use super::write_out::micros;
use super::{Phase, PhaseTime, Source, Timing};

/// The timing of the last entry of a HAR file.
pub(super) fn read(text: &str) -> Option<Timing> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let entry = value.get("log")?.get("entries")?.as_array()?.last()?;
    let timings = entry.get("timings")?;
    let ms = |name: &str| {
        timings
            .get(name)
            .and_then(serde_json::Value::as_f64)
            .filter(|v| *v >= 0.0)
    };
    let (blocked, dns, connect, ssl) = (ms("blocked"), ms("dns"), ms("connect"), ms("ssl"));
    let (send, wait, receive) = (ms("send"), ms("wait"), ms("receive"));
    let time = entry
        .get("time")
        .and_then(serde_json::Value::as_f64)
        .filter(|t| *t > 0.0);
    // The HAR spec puts the TLS time inside `connect`, and browsers write it so; some tools
    // (mitmproxy) write the two apart. The entry's `time`, the sum of the phases, tells which:
    // the sum that counts `ssl` once more is the wrong one.
    let counted: f64 = [blocked, dns, connect, send, wait, receive]
        .iter()
        .flatten()
        .sum();
    let ssl_inside = match (ssl, connect, time) {
        (Some(ssl), Some(connect), Some(time)) if ssl > 0.0 => {
            (time - counted).abs() <= (time - counted - ssl).abs() && connect >= ssl
        }
        (Some(ssl), Some(connect), None) => connect >= ssl,
        _ => false,
    };
    let tcp = match (connect, ssl) {
        (Some(connect), Some(ssl)) if ssl_inside => Some(connect - ssl),
        (connect, _) => connect,
    };
    let wait = match (send, wait) {
        (None, None) => None,
        (send, wait) => Some(send.unwrap_or(0.0) + wait.unwrap_or(0.0)),
    };
    let mut phases = Vec::new();
    for (phase, value) in [
        (Phase::Queued, blocked),
        (Phase::Dns, dns),
        (Phase::Connect, tcp),
        (Phase::Tls, ssl),
        (Phase::Wait, wait),
        (Phase::Download, receive),
    ] {
        if let Some(micros) = value.and_then(|ms| micros(ms * 1000.0)).filter(|m| *m > 0) {
            phases.push(PhaseTime { phase, micros });
        }
    }
    if phases.is_empty() {
        return None;
    }
    let sum: u64 = phases.iter().map(|p| p.micros).sum();
    let total = time.and_then(|t| micros(t * 1000.0)).unwrap_or(sum);
    let response = entry.get("response");
    Some(Timing {
        source: Source::Har,
        phases,
        total_micros: total,
        unfinished: None,
        redirect_micros: None,
        http_code: response
            .and_then(|r| r.get("status"))
            .and_then(serde_json::Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| crate::code::StatusCode::is_valid(*s)),
        remote_ip: entry
            .get("serverIPAddress")
            .and_then(serde_json::Value::as_str)
            .filter(|ip| !ip.is_empty())
            .map(str::to_owned),
    })
}

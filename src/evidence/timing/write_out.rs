//! curl's `-w` write-out: `time_total: 0.123` lines (the runner's format, the
//! `curl-format.txt` people copy, with its padding, `s` suffixes and `----------` rule, and
//! looser labels such as `Total time:`), or one `%{json}` object. curl's marks are cumulative
//! from the start; the phases are the differences between them.

use super::{Phase, PhaseTime, Source, Timing};

/// What a line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    NameLookup,
    Connect,
    AppConnect,
    PreTransfer,
    Redirect,
    StartTransfer,
    Total,
    HttpCode,
    RemoteIp,
}

/// Labels as written, lower case, spaces collapsed. curl's own names first; the rest are the
/// words of formats shared in blog posts and gists. A line counts only inside a block that
/// has a total and at least two other marks, so a loose label alone never does.
const LABELS: &[(&str, Key)] = &[
    ("time_namelookup", Key::NameLookup),
    ("namelookup", Key::NameLookup),
    ("dns", Key::NameLookup),
    ("dns lookup", Key::NameLookup),
    ("dns resolution", Key::NameLookup),
    ("name lookup", Key::NameLookup),
    ("lookup time", Key::NameLookup),
    ("time_connect", Key::Connect),
    ("connect", Key::Connect),
    ("connect time", Key::Connect),
    ("tcp connect", Key::Connect),
    ("tcp handshake", Key::Connect),
    ("time_appconnect", Key::AppConnect),
    ("appconnect", Key::AppConnect),
    ("appcon time", Key::AppConnect),
    ("tls handshake", Key::AppConnect),
    ("ssl handshake", Key::AppConnect),
    ("time_pretransfer", Key::PreTransfer),
    ("pretransfer", Key::PreTransfer),
    ("pre-transfer", Key::PreTransfer),
    ("prexfer time", Key::PreTransfer),
    ("time_redirect", Key::Redirect),
    ("redirect", Key::Redirect),
    ("redirect time", Key::Redirect),
    ("time_starttransfer", Key::StartTransfer),
    ("starttransfer", Key::StartTransfer),
    ("start transfer", Key::StartTransfer),
    ("startxfer time", Key::StartTransfer),
    ("ttfb", Key::StartTransfer),
    ("time to first byte", Key::StartTransfer),
    ("time_total", Key::Total),
    ("total", Key::Total),
    ("total time", Key::Total),
    ("http_code", Key::HttpCode),
    ("response_code", Key::HttpCode),
    ("remote_ip", Key::RemoteIp),
];

/// One block of write-out lines and the values read from them.
#[derive(Debug, Default, Clone)]
struct Block {
    /// Line numbers (0-based, split at `\n`) of the block's lines.
    lines: Vec<usize>,
    namelookup: Option<u64>,
    connect: Option<u64>,
    appconnect: Option<u64>,
    pretransfer: Option<u64>,
    redirect: Option<u64>,
    starttransfer: Option<u64>,
    total: Option<u64>,
    http_code: Option<u16>,
    remote_ip: Option<String>,
}

impl Block {
    fn slot(&mut self, key: Key) -> Option<&mut Option<u64>> {
        match key {
            Key::NameLookup => Some(&mut self.namelookup),
            Key::Connect => Some(&mut self.connect),
            Key::AppConnect => Some(&mut self.appconnect),
            Key::PreTransfer => Some(&mut self.pretransfer),
            Key::Redirect => Some(&mut self.redirect),
            Key::StartTransfer => Some(&mut self.starttransfer),
            Key::Total => Some(&mut self.total),
            Key::HttpCode | Key::RemoteIp => None,
        }
    }

    fn has(&mut self, key: Key) -> bool {
        match key {
            Key::HttpCode => self.http_code.is_some(),
            Key::RemoteIp => self.remote_ip.is_some(),
            other => self.slot(other).is_some_and(|v| v.is_some()),
        }
    }

    /// A block is curl's timing when it has a total and two more marks: enough to tell
    /// phases apart, and more than a stray `Total: 3` line in a log.
    fn qualifies(&self) -> bool {
        let marks = [
            self.namelookup,
            self.connect,
            self.appconnect,
            self.starttransfer,
        ];
        self.total.is_some() && marks.iter().flatten().count() >= 2
    }
}

/// Every qualifying block in `text`, in order.
fn blocks(text: &str) -> Vec<Block> {
    let mut done = Vec::new();
    let mut block = Block::default();
    for (i, line) in text.split('\n').enumerate() {
        if let Some(json) = json_block(line) {
            done.push(std::mem::take(&mut block));
            let mut json = json;
            json.lines.push(i);
            done.push(json);
            continue;
        }
        let Some((key, value)) = labelled(line) else {
            continue;
        };
        // A label seen again starts the next request's block (two runs pasted together);
        // lines in between (curl's own `*` lines on stderr) do not end a block.
        if block.has(key) {
            done.push(std::mem::take(&mut block));
        }
        let stored = match key {
            Key::HttpCode => {
                // `000`: curl got no status at all; not a code, but the line is curl's.
                let code = value.parse::<u16>().ok();
                block.http_code = code.filter(|c| crate::code::StatusCode::is_valid(*c));
                code.is_some()
            }
            Key::RemoteIp => {
                block.remote_ip = Some(value.to_owned()).filter(|v| !v.is_empty());
                true
            }
            other => match (seconds(value), block.slot(other)) {
                (Some(micros), Some(slot)) => {
                    *slot = Some(micros);
                    true
                }
                _ => false,
            },
        };
        if stored {
            block.lines.push(i);
        }
    }
    done.push(block);
    done.into_iter().filter(Block::qualifies).collect()
}

/// `label: value` (or `label=value`) as a write-out line, when the label is one of curl's.
fn labelled(line: &str) -> Option<(Key, &str)> {
    let line = line.trim();
    let split = line.find([':', '='])?;
    let (label, value) = (&line[..split], line[split + 1..].trim());
    let label = label.trim().trim_matches(['"', '\'']).to_lowercase();
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = LABELS.iter().find(|(l, _)| *l == label).map(|(_, k)| *k)?;
    // A value is one word: `0.004`, `0.004s`, `4 ms`, `504`, an address, or nothing.
    let words = value.split_whitespace().count();
    let ok = match key {
        Key::RemoteIp => words <= 1,
        Key::HttpCode => words == 1,
        _ => words == 1 || (words == 2 && value.ends_with('s')),
    };
    ok.then_some((key, value))
}

/// A duration as curl and its copiers write it, in microseconds: `0.004123` (seconds),
/// `0.004s`, `0.004 s`, `4ms`, `4.1 ms`.
fn seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    let (number, scale) = if let Some(ms) = value.strip_suffix("ms") {
        (ms.trim(), 1_000.0)
    } else {
        let number = value
            .strip_suffix("seconds")
            .or_else(|| value.strip_suffix("secs"))
            .or_else(|| value.strip_suffix("sec"))
            .or_else(|| value.strip_suffix('s'))
            .unwrap_or(value);
        (number.trim(), 1_000_000.0)
    };
    let parsed: f64 = number.parse().ok()?;
    micros(parsed * scale)
}

/// A non-negative, finite number of microseconds, rounded.
pub(super) fn micros(value: f64) -> Option<u64> {
    if !value.is_finite() || !(0.0..=1e15).contains(&value) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above: finite, not negative, far below u64::MAX"
    )]
    Some(value.round() as u64)
}

/// curl's `-w '%{json}'`: one object with every variable, times in seconds.
fn json_block(line: &str) -> Option<Block> {
    let line = line.trim();
    if !(line.starts_with('{') && line.contains("\"time_total\"")) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let time = |name: &str| {
        value
            .get(name)
            .and_then(serde_json::Value::as_f64)
            .and_then(|s| micros(s * 1_000_000.0))
    };
    let block = Block {
        lines: Vec::new(),
        namelookup: time("time_namelookup"),
        connect: time("time_connect"),
        appconnect: time("time_appconnect"),
        pretransfer: time("time_pretransfer"),
        redirect: time("time_redirect"),
        starttransfer: time("time_starttransfer"),
        total: time("time_total"),
        http_code: value
            .get("http_code")
            .or_else(|| value.get("response_code"))
            .and_then(serde_json::Value::as_u64)
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| crate::code::StatusCode::is_valid(*c)),
        remote_ip: value
            .get("remote_ip")
            .and_then(serde_json::Value::as_str)
            .filter(|ip| !ip.is_empty())
            .map(str::to_owned),
    };
    block.qualifies().then_some(block)
}

/// The timing of the last block in `text`.
pub(super) fn read(text: &str) -> Option<Timing> {
    blocks(text).pop().map(|block| timing(&block))
}

/// The lines of `text` that are curl's timing (with the `----------` rule inside a block), for
/// the response reader to leave out.
pub(super) fn timing_lines(text: &str) -> Vec<usize> {
    let blocks = blocks(text);
    if blocks.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    for block in &blocks {
        out.extend(&block.lines);
        if let (Some(&first), Some(&last)) = (block.lines.first(), block.lines.last()) {
            out.extend((first..last).filter(|i| {
                let t = lines[*i].trim();
                t.len() >= 3 && t.chars().all(|c| c == '-')
            }));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The phases of a block. curl's marks are cumulative from the start; a mark of 0 is one curl
/// never reached, or one that does not apply (no TLS over plain HTTP): it applies when a later
/// mark was reached, and then the phase is simply absent.
fn timing(block: &Block) -> Timing {
    let total = block.total.unwrap_or(0);
    let marks = [
        (Phase::Dns, block.namelookup),
        (Phase::Connect, block.connect),
        (Phase::Tls, block.appconnect),
        (Phase::Wait, block.starttransfer),
    ];
    let reached = |v: Option<u64>| v.is_some_and(|v| v > 0);
    let mut phases = Vec::new();
    let mut previous = 0;
    let mut last = None;
    for (phase, mark) in marks {
        if let Some(mark) = mark.filter(|m| *m > 0 && *m >= previous) {
            phases.push(PhaseTime {
                phase,
                micros: mark - previous,
            });
            previous = mark;
            last = Some(phase);
        }
    }
    let unfinished = if reached(block.starttransfer) {
        phases.push(PhaseTime {
            phase: Phase::Download,
            micros: total.saturating_sub(previous),
        });
        None
    } else {
        // No first byte: the request ended in the phase after the last mark it reached. After
        // the connect that is TLS, unless curl says it went on to send the request (a
        // `pretransfer` past 0), or does not say (a format without it).
        let next = match last {
            None => Phase::Dns,
            Some(Phase::Dns) => Phase::Connect,
            Some(Phase::Connect) if block.pretransfer == Some(0) => Phase::Tls,
            Some(_) => Phase::Wait,
        };
        phases.push(PhaseTime {
            phase: next,
            micros: total.saturating_sub(previous),
        });
        Some(next)
    };
    Timing {
        source: Source::CurlWriteOut,
        phases,
        total_micros: total,
        unfinished,
        redirect_micros: block.redirect.filter(|r| *r > 0),
        http_code: block.http_code,
        remote_ip: block.remote_ip.clone(),
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn durations_as_people_write_them() {
        assert_eq!(seconds("0.004123"), Some(4_123));
        assert_eq!(seconds("0.004s"), Some(4_000));
        assert_eq!(seconds("60.043196s"), Some(60_043_196));
        assert_eq!(seconds("4 ms"), Some(4_000));
        assert_eq!(seconds("4.5ms"), Some(4_500));
        assert_eq!(seconds("-1"), None);
        assert_eq!(seconds("soon"), None);
    }

    #[test]
    fn a_label_alone_in_prose_is_not_a_timing() {
        assert!(read("Total: 3\nconnect: yes\n").is_none());
        assert!(read("total time: 1.2s\nthe connect: 0.1\n").is_none());
        // A pretty-printed JSON body with curl's names is a body, not curl's write-out.
        assert!(read("{\n  \"time_total\": 1.2,\n  \"time_connect\": 0.1,\n  \"time_namelookup\": 0.01\n}").is_none());
    }
}

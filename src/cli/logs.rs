//! `api-triage logs FILE...`: access logs (plain, `.gz`, or `-` for standard input) streamed
//! into the picture of the incident (`evidence::logs`), printed as text or JSON, with progress
//! on a terminal's standard error. Memory stays bounded whatever the size: lines are counted,
//! never kept.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "rates, times left and chart coordinates, shown to the eye, never counted"
)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Exit, Output, Style, ok, to_json};
use crate::evidence::logs::findings::{CarrierReport, Report, percent};
use crate::evidence::logs::{Failing, Format, JsonFields, Reader};

/// How the lines are to be read, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub format: Option<Format>,
    pub failing: Option<Failing>,
}

/// The format asked for by name (`combined`, `haproxy`, `alb`, `envoy`, `json`), with JSON
/// field names given on the command line put first.
pub fn format_named(
    name: Option<&str>,
    time: Option<&str>,
    status: Option<&str>,
    path: Option<&str>,
) -> Result<Option<Format>, String> {
    let custom = time.is_some() || status.is_some() || path.is_some();
    let json = || {
        let mut fields = JsonFields::default();
        for (given, list) in [
            (time, &mut fields.time),
            (status, &mut fields.status),
            (path, &mut fields.path),
        ] {
            if let Some(given) = given {
                list.insert(0, given.to_owned());
            }
        }
        Format::Json(fields)
    };
    Ok(match name {
        None if custom => Some(json()),
        None => None,
        Some("combined" | "common" | "nginx" | "apache") => Some(Format::Combined),
        Some("haproxy") => Some(Format::Haproxy),
        Some("alb" | "elb") => Some(Format::Alb),
        Some("envoy") => Some(Format::Envoy),
        Some("json" | "jsonl" | "traefik") => Some(json()),
        Some(other) => {
            return Err(format!(
                "unknown log format `{other}`: use combined, haproxy, alb, envoy or json"
            ));
        }
    })
}

/// What counts as failing, from `--failing` (`5xx`, or a code such as `429`).
pub fn failing_named(text: Option<&str>) -> Result<Option<Failing>, String> {
    match text {
        None => Ok(None),
        Some("5xx" | "5XX") => Ok(Some(Failing::ServerErrors)),
        Some(code) => code
            .parse::<u16>()
            .ok()
            .filter(|c| (100..=599).contains(c))
            .map(|c| Some(Failing::Code(c)))
            .ok_or_else(|| format!("--failing takes 5xx or a status code, not `{code}`")),
    }
}

/// Opens a log: standard input for `-`, gunzipped when it starts like gzip (whatever its name).
pub fn open(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let mut buffered = BufReader::with_capacity(1 << 20, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    })
}

/// Streams `input` into `reader`, calling `progress` with (lines, bytes) now and then; it
/// returns false to stop. Whether the input was read to its end.
pub fn stream(
    mut input: impl BufRead,
    reader: &mut Reader,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> std::io::Result<bool> {
    let mut line = Vec::with_capacity(4096);
    let mut since = 0u32;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(true);
        }
        reader.line(&line);
        since += 1;
        if since == 65_536 {
            since = 0;
            let (lines, bytes) = reader.progress();
            if !progress(lines, bytes) {
                return Ok(false);
            }
        }
    }
}

/// Bytes handed to a worker at a time (cut at a line break).
const CHUNK: usize = 4 << 20;

/// Reads `inputs` one after the other on every core: this thread cuts them into chunks at line
/// breaks and the workers read the chunks into pictures of their own, merged at the end (the
/// same counts as one reader; memory stays a few chunks plus the counters). The format is told
/// from the first lines unless given. `progress` gets the lines and bytes handed out so far and
/// returns false to stop; `None` then.
pub fn read_parallel(
    inputs: impl IntoIterator<Item = Box<dyn BufRead + Send>>,
    format: Option<Format>,
    failing: Failing,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> std::io::Result<Option<crate::evidence::logs::Picture>> {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut inputs = inputs.into_iter();
    let mut current = inputs.next();
    let mut next_chunk = || -> std::io::Result<Option<Vec<u8>>> {
        while let Some(input) = current.as_mut() {
            let mut chunk = Vec::with_capacity(CHUNK + 4096);
            while chunk.len() < CHUNK {
                if input.read_until(b'\n', &mut chunk)? == 0 {
                    break;
                }
            }
            if !chunk.is_empty() {
                return Ok(Some(chunk));
            }
            current = inputs.next();
        }
        Ok(None)
    };
    let Some(first) = next_chunk()? else {
        return Ok(Some(Reader::new(format, failing).finish()));
    };
    let format = format.or_else(|| {
        let lines: Vec<&[u8]> = first
            .split(|b| *b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter(|l| !l.trim_ascii().is_empty())
            .take(crate::evidence::logs::picture::DETECT_LINES)
            .collect();
        crate::evidence::logs::formats::detect(&lines)
    });
    let Some(format) = format else {
        // Nothing to read it with: one reader says so (lines counted, the first kept).
        let mut reader = Reader::new(None, failing);
        for line in first.split(|b| *b == b'\n') {
            reader.line(line);
        }
        return Ok(Some(reader.finish()));
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<u8>>(workers * 2);
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let receiver = std::sync::Arc::clone(&receiver);
                let format = format.clone();
                scope.spawn(move || {
                    let mut reader = Reader::new(Some(format), failing);
                    loop {
                        let chunk = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = chunk else { break };
                        for line in chunk.split(|b| *b == b'\n') {
                            if !line.is_empty() {
                                reader.line(line);
                            }
                        }
                    }
                    reader.finish()
                })
            })
            .collect();
        let (mut lines, mut bytes) = (0u64, 0u64);
        let mut chunk = Some(first);
        let mut stopped = false;
        while let Some(data) = chunk.take() {
            bytes += data.len() as u64;
            #[expect(
                clippy::naive_bytecount,
                reason = "the counting is vectorised by the compiler"
            )]
            let breaks = data.iter().filter(|b| **b == b'\n').count() as u64;
            lines += breaks;
            if sender.send(data).is_err() {
                break;
            }
            if !progress(lines, bytes) {
                stopped = true;
                break;
            }
            chunk = next_chunk()?;
        }
        drop(sender);
        let mut pictures = handles.into_iter().filter_map(|h| h.join().ok());
        let mut picture = pictures
            .next()
            .unwrap_or_else(|| Reader::new(None, failing).finish());
        for other in pictures {
            picture.merge(other);
        }
        Ok((!stopped).then_some(picture))
    })
}

/// `api-triage logs`.
pub fn logs(files: &[PathBuf], reading: &Reading, json: bool, style: Style) -> Output {
    let started = Instant::now();
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let show_progress = std::io::stderr().is_terminal();
    let mut last = Instant::now();
    let mut inputs = Vec::new();
    for file in files {
        match open(file) {
            Ok(input) => inputs.push(input),
            Err(e) => {
                return Output {
                    stderr: format!("api-triage: cannot read {}: {e}\n", file.display()),
                    exit: Exit::Usage,
                    ..Output::default()
                };
            }
        }
    }
    let name = match files {
        [one] => one.display().to_string(),
        _ => format!("{} files", files.len()),
    };
    let result = read_parallel(
        inputs,
        reading.format.clone(),
        reading.failing.unwrap_or(Failing::ServerErrors),
        |lines, bytes| {
            if show_progress && last.elapsed() >= Duration::from_millis(250) {
                last = Instant::now();
                progress_line(&name, lines, bytes, total, started.elapsed());
            }
            true
        },
    );
    let picture = match result {
        Ok(Some(picture)) => picture,
        Ok(None) => return Output::default(),
        Err(e) => {
            return Output {
                stderr: format!("api-triage: reading {name} failed: {e}\n"),
                exit: Exit::Usage,
                ..Output::default()
            };
        }
    };
    if show_progress {
        eprint!("\r\u{1b}[K");
    }
    let elapsed = started.elapsed();
    let report = picture.report();
    if report.format.is_none() {
        return Output {
            stderr: format!(
                "api-triage: the log's format was not recognised from its first lines{}; give \
                 --format (combined, haproxy, alb, envoy, json) or name the JSON fields \
                 (--time-field, --status-field, --path-field)\n",
                report
                    .first_unreadable
                    .as_deref()
                    .map(|l| format!(" (the first: {})", crate::text::visible(l)))
                    .unwrap_or_default()
            ),
            exit: Exit::Usage,
            ..Output::default()
        };
    }
    if json {
        return ok(to_json(&serde_json::to_value(&report).unwrap_or_default()));
    }
    ok(render(&report, elapsed, style))
}

/// "reading access.log: 45.2 MB of 100.0 MB, 452,000 lines, 120 MB/s, 1 s left".
fn progress_line(name: &str, lines: u64, bytes: u64, total: u64, elapsed: Duration) {
    let rate = bytes as f64 / elapsed.as_secs_f64().max(0.001);
    let left = if total > bytes && rate > 0.0 {
        format!(", {:.0} s left", (total - bytes) as f64 / rate)
    } else {
        String::new()
    };
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "\r\u{1b}[Kreading {}: {}, {lines} lines, {}/s{left}",
        crate::text::visible(name),
        crate::run::output::human_bytes(bytes),
        crate::run::output::human_bytes(rate as u64),
    );
    let _ = err.flush();
}

/// The report as text: the compact account, then the routes, upstreams and clients.
pub fn render(report: &Report, elapsed: Duration, style: Style) -> String {
    let mut out = crate::text::sanitize(&report.compact()).into_owned();
    let _ = write!(
        out,
        "\nRead in {:.2} s ({}/s)\n",
        elapsed.as_secs_f64(),
        crate::run::output::human_bytes(
            (report.bytes as f64 / elapsed.as_secs_f64().max(0.001)) as u64
        )
    );
    if let Some(first) = &report.first_unreadable {
        let _ = writeln!(
            out,
            "First unreadable line: {}",
            crate::text::visible(&first.chars().take(160).collect::<String>())
        );
    }
    let since = report
        .onset
        .as_ref()
        .map_or(String::new(), |o| format!(" since {}", o.label));
    for (title, list) in [
        (format!("Routes, by failures{since}"), &report.routes),
        ("Upstreams, by failures".to_owned(), &report.upstreams),
        ("Clients, by failures".to_owned(), &report.clients),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&style.heading(&title));
        out.push('\n');
        out.push_str(&table(list));
    }
    out
}

fn table(list: &[CarrierReport]) -> String {
    let ms = |v: Option<u32>| v.map_or_else(|| "-".to_owned(), |v| format!("{v} ms"));
    let mut out = format!(
        "  {:>8} {:>9} {:>6} {:>8} {:>8} {:>8}  {}\n",
        "failing", "requests", "share", "p50", "p95", "p99", "name"
    );
    for c in list {
        let _ = writeln!(
            out,
            "  {:>8} {:>9} {:>6} {:>8} {:>8} {:>8}  {}",
            c.failing,
            c.requests,
            percent(c.share),
            ms(c.p50_ms),
            ms(c.p95_ms),
            ms(c.p99_ms),
            crate::text::visible(&c.name)
        );
    }
    out
}

//! The evidence reader against real responses captured from real servers
//! (`scripts/corpus/capture.sh`): every status read right, the generating layer, and how often
//! "high confidence" is right. [`measure`] reads any folder of captures with a `labels.toml`
//! in this format, so a held-out round can be measured the same way:
//! `cargo test --test it evidence_corpus -- --nocapture` prints the figures and the misses
//! (with `EVIDENCE_CORPUS_VERBOSE=1`, every reading with its reasons, weights and check).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use api_triage::evidence::origin::{Confidence, Layer, classify};
use api_triage::evidence::response::parse;

#[derive(serde::Deserialize)]
pub struct Labels {
    pub response: Vec<Label>,
}

#[derive(serde::Deserialize)]
pub struct Label {
    file: String,
    status: u16,
    layer: String,
    product: String,
    /// Which setup of a round the capture came from (later rounds name it): the unit a round is
    /// split by, so that rules tuned on one half are measured on setups they never saw.
    #[serde(default)]
    pub setup: Option<String>,
}

/// The layer a label names. The corpus is labelled in the words of its capture script
/// (`scripts/corpus/capture.sh`), which only a new capture rewrites; its labels are mapped to
/// the runbook's layers here rather than edited by hand.
fn labelled_layer(label: &str) -> Option<Layer> {
    match label {
        "proxy" => Some(Layer::Gateway),
        "cdn-cache" | "cache" | "cdn" => Some(Layer::Cdn),
        "unknown" => None,
        other => Some(serde_json::from_value(serde_json::json!(other)).unwrap()),
    }
}

/// What the reader made of one labelled folder.
#[derive(Debug, Default)]
pub struct Report {
    pub responses: usize,
    pub status_right: usize,
    /// Responses with an HTTP status (label status not 0): the ones whose layer is scored.
    pub answered: usize,
    pub layer_right: usize,
    /// Answers given with high confidence, and how many of them named the right layer.
    pub high: usize,
    pub high_right: usize,
    pub medium: usize,
    pub medium_right: usize,
    /// Answers that said "unknown" (no layer) where the label names one.
    pub unknown: usize,
    pub product_right: usize,
    pub status_misses: Vec<String>,
    pub layer_misses: Vec<String>,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    100.0 * f64::from(u32::try_from(part).unwrap()) / f64::from(u32::try_from(whole).unwrap())
}

impl Report {
    pub fn status_percent(&self) -> f64 {
        percent(self.status_right, self.responses)
    }
    pub fn layer_percent(&self) -> f64 {
        percent(self.layer_right, self.answered)
    }
    pub fn high_precision(&self) -> f64 {
        percent(self.high_right, self.high)
    }

    /// The figures and every miss, for `--nocapture`.
    pub fn print(&self, name: &str) {
        self.print_figures(name);
        for miss in &self.status_misses {
            println!("  status miss: {miss}");
        }
        for miss in &self.layer_misses {
            println!("  layer miss: {miss}");
        }
    }

    /// The figures line alone, without the misses.
    pub fn print_figures(&self, name: &str) {
        println!(
            "{name}: {} responses; status {}/{} ({:.1}%); layer {}/{} ({:.1}%), {} said unknown; \
             high right {}/{} ({:.1}%); medium right {}/{}; product named right {}",
            self.responses,
            self.status_right,
            self.responses,
            self.status_percent(),
            self.layer_right,
            self.answered,
            self.layer_percent(),
            self.unknown,
            self.high_right,
            self.high,
            self.high_precision(),
            self.medium_right,
            self.medium,
            self.product_right,
        );
    }
}

/// Reads every response `dir/labels.toml` lists and scores the reading against its label.
pub fn measure(dir: &Path) -> Report {
    measure_where(dir, |_| true)
}

/// Like [`measure`], for the labels `keep` accepts only.
pub fn measure_where(dir: &Path, keep: impl Fn(&Label) -> bool) -> Report {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap();
    let chosen: Vec<&Label> = labels.response.iter().filter(|l| keep(l)).collect();
    let mut report = Report {
        responses: chosen.len(),
        ..Report::default()
    };
    for label in chosen {
        let text = std::fs::read_to_string(dir.join(&label.file)).unwrap();
        // The one way in, as the app and the CLI read it.
        let text = api_triage::text::normalize(&text);
        let response = parse(&text);
        let expected_status = (label.status != 0).then_some(label.status);
        if response.status == expected_status {
            report.status_right += 1;
        } else {
            report.status_misses.push(format!(
                "{}: read {:?}, truth {:?}",
                label.file, response.status, expected_status
            ));
        }
        if expected_status.is_none() {
            continue;
        }
        report.answered += 1;
        let origin = classify(&response);
        let right = origin.layer == labelled_layer(&label.layer);
        if std::env::var_os("EVIDENCE_CORPUS_VERBOSE").is_some() {
            println!(
                "{} {}: {} {} [{}] {:?}\n    {}\n    check: {}",
                if right { "  ok" } else { "MISS" },
                label.file,
                origin.who(),
                origin.confidence.label(),
                origin.reasons.first().map_or("", String::as_str),
                origin.weights,
                origin.reasons[1..].join("\n    "),
                origin.check.as_deref().unwrap_or("-"),
            );
        }
        match origin.confidence {
            Confidence::High => {
                report.high += 1;
                report.high_right += usize::from(right);
            }
            Confidence::Medium => {
                report.medium += 1;
                report.medium_right += usize::from(right);
            }
            Confidence::Low => {}
        }
        if right {
            report.layer_right += 1;
        } else {
            report.unknown += usize::from(origin.layer.is_none());
            report.layer_misses.push(format!(
                "{}: said {:?} ({:?}, {}; {}), truth {} ({})",
                label.file,
                origin.layer,
                origin.product,
                origin.confidence.label(),
                origin.reasons.join("; "),
                label.layer,
                label.product
            ));
        }
        if origin.product.as_deref().is_some_and(|p| {
            p.to_lowercase().contains(&label.product.to_lowercase())
                || label.product.to_lowercase().contains(&p.to_lowercase())
        }) {
            report.product_right += 1;
        }
    }
    report
}

/// Round 1, the corpus the rules were written against: every status right, and the layer and
/// "high" precision at least what this release reaches (printed with `--nocapture`).
#[test]
fn round_one_status_layer_and_high_confidence() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let report = measure(&dir);
    report.print("round 1");
    assert!(report.responses >= 40);
    assert!(
        report.status_misses.is_empty(),
        "status misread:\n{}",
        report.status_misses.join("\n")
    );
    // What this release reaches (79 of 82; the three misses are pages no header or body tells
    // apart: ModSecurity answering with Apache's own 403 and 413 pages, and nginx's own 403
    // page for an `auth_request` token check, each read "low" with the check that settles
    // it), and "high" right every time (97% is the floor).
    assert!(
        report.layer_right >= 79 && report.layer_percent() >= 96.0,
        "layer {:.1}%:\n{}",
        report.layer_percent(),
        report.layer_misses.join("\n")
    );
    assert!(
        report.high >= 50,
        "high confidence given {} times",
        report.high
    );
    assert_eq!(
        report.high_right,
        report.high,
        "high confidence wrong:\n{}",
        report.layer_misses.join("\n")
    );
    assert!(report.medium_right * 100 >= report.medium * 95);
}

/// Reading never panics, whatever is pasted: fragments of real transcripts cut and shuffled,
/// control bytes, invalid statuses, half JSON, non-ASCII.
#[test]
fn no_input_makes_the_reader_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let mut pieces: Vec<String> = vec![
        "< HTTP/1.1 999 Nope".into(),
        "< HTTP/2".into(),
        "HTTP/1.1 5".into(),
        "> GET".into(),
        "< :".into(),
        "{\"status\": \"abc\"".into(),
        "{\"log\":{\"entries\":[{}]}}".into(),
        "<title>9999999999999999999".into(),
        "Authorization: Bearer eyJ.eyJ.".into(),
        "eyJhbGciOiJub25lIn0.eyJleHAiOiJ4In0.".into(),
        "\u{1b}[2J\u{0}\u{7f}".into(),
        "日本語 é ✓".into(),
        "< Date: not a date".into(),
        String::new(),
    ];
    for entry in std::fs::read_dir(&dir).unwrap().take(12) {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        pieces.extend(text.lines().map(str::to_owned));
    }
    // A small deterministic generator: thousands of cut-and-joined inputs.
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let now: jiff::Timestamp = "2026-11-23T09:00:00Z".parse().unwrap();
    for _ in 0..3000 {
        let lines = next(12);
        let mut text = String::new();
        for _ in 0..lines {
            let piece = &pieces[next(pieces.len())];
            let cut = piece
                .char_indices()
                .map(|(i, _)| i)
                .nth(next(piece.len().max(1) + 1))
                .unwrap_or(piece.len());
            text.push_str(&piece[..cut]);
            text.push(if next(3) == 0 { '\r' } else { '\n' });
        }
        let analysis = api_triage::evidence::analysis::analyze(&text, now);
        let _ = analysis.render();
        if let Some(status) = analysis.status {
            assert!((100..=599).contains(&status));
        }
    }
}

/// Round 2: captured from setups unlike round 1's (proxies that add their own request ids,
/// empty bodies, proxies' JSON errors, HTTP/2, caches answering by themselves, servers new to
/// the corpus, body-only and headers-only pastes). Held out at first (read 92 of 143 then),
/// then half A was tuned on, half B measured once, and now both halves are tuned on: what it
/// says of setups never seen is a later round's to tell.
#[test]
fn round_two_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence-round2");
    let report = measure(&dir);
    report.print("round 2 (all, tuned on)");
    assert!(report.responses >= 100);
    // What this release reaches: every status (Django's `Server Error (500)` read from its
    // title), the layer 135 of 143 (the eight misses are said "unknown" or "low", each with
    // the check that settles it; 136 before round 3 was tuned on, which showed that HAProxy's
    // lower-case names without Date are Sanic's and uWSGI's too, so HAProxy's two JSON
    // `return`s lost their one mark), "high" right every time.
    assert!(
        report.status_misses.is_empty(),
        "{:?}",
        report.status_misses
    );
    assert!(
        report.layer_right >= 135 && report.layer_percent() >= 94.0,
        "layer {:.1}%:\n{}",
        report.layer_percent(),
        report.layer_misses.join("\n")
    );
    assert!(report.high >= 70 && report.high_right == report.high);
    assert!(report.medium_right * 100 >= report.medium * 95);
}

/// Which half of a split round a setup belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// Tuned on first: its misses were read while the rules were changed.
    A,
    /// Held out while half A was tuned on, measured once; tuned on since.
    B,
}

/// The round-2 setups, sorted by name (`setup` in `labels.toml`).
const ROUND_TWO_SETUPS: [&str; 24] = [
    "aiohttp-direct",
    "apache-unique-id-via",
    "body-only-paste",
    "caddy-adds-request-id",
    "caddy-json-errors",
    "caddy-tls-h2",
    "gunicorn-flask-direct",
    "gunicorn-raw-wsgi",
    "h2o-proxy",
    "haproxy-json-errors",
    "haproxy-unique-id",
    "headers-only-paste",
    "hypercorn-fastapi-h2c",
    "lighttpd-proxy",
    "nginx-adds-request-id",
    "nginx-cache",
    "nginx-h2c",
    "nginx-json-gateway",
    "squid-cache",
    "tornado-direct",
    "trafficserver-reverse",
    "uvicorn-fastapi-direct",
    "varnish-grace",
    "waitress-django-direct",
];

/// The split of round 2, fixed before any miss was read: the distinct setup names sorted
/// alphabetically, even positions (0, 2, 4...) are half A (tuned on), odd positions half B
/// (held out). A setup not in the list is an error, so a new capture cannot slip into a half
/// unnoticed.
pub fn round_two_half(setup: &str) -> Half {
    let position = ROUND_TWO_SETUPS
        .iter()
        .position(|s| *s == setup)
        .unwrap_or_else(|| panic!("setup {setup:?} is not in the round-2 split"));
    if position % 2 == 0 { Half::A } else { Half::B }
}

fn round_two_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence-round2")
}

fn in_half(label: &Label, half: Half) -> bool {
    round_two_half(label.setup.as_deref().expect("round 2 labels name a setup")) == half
}

/// The split is what its rule says: the list is the labels' distinct setups, sorted, and the
/// halves alternate through it.
#[test]
fn round_two_split_is_by_sorted_setup_alternating() {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(round_two_dir().join("labels.toml")).unwrap())
            .unwrap();
    let mut setups: Vec<&str> = labels
        .response
        .iter()
        .map(|l| l.setup.as_deref().unwrap())
        .collect();
    setups.sort_unstable();
    setups.dedup();
    assert_eq!(setups, ROUND_TWO_SETUPS);
    assert_eq!(round_two_half("aiohttp-direct"), Half::A);
    assert_eq!(round_two_half("apache-unique-id-via"), Half::B);
    assert_eq!(round_two_half("waitress-django-direct"), Half::B);
}

/// Round 2, half A (figures and misses printed).
#[test]
fn round_two_half_a_tuned() {
    let report = measure_where(&round_two_dir(), |l| in_half(l, Half::A));
    report.print("round 2 half A (tuned on)");
    assert!(report.responses >= 50);
    assert!(
        report.status_misses.is_empty(),
        "{:?}",
        report.status_misses
    );
    // 68 of 71.
    assert!(
        report.layer_right >= 68 && report.layer_percent() >= 95.0,
        "layer {:.1}%:\n{}",
        report.layer_percent(),
        report.layer_misses.join("\n")
    );
    // A web server's own 404 page is "medium" since it may be the site's origin: 34 "high".
    assert!(report.high >= 32 && report.high_right == report.high);
}

/// Round 2, half B. Only the figures line is printed; its misses with
/// `EVIDENCE_CORPUS_SHOW_B=1`. Held out while half A was tuned on (it read 50 of 72 then,
/// "high" right 29 of 29), tuned on since.
#[test]
fn round_two_half_b_tuned() {
    let report = measure_where(&round_two_dir(), |l| in_half(l, Half::B));
    if std::env::var_os("EVIDENCE_CORPUS_SHOW_B").is_some() {
        report.print("round 2 half B (tuned on)");
    } else {
        report.print_figures("round 2 half B (tuned on)");
    }
    assert!(report.responses >= 50);
    assert!(
        report.status_misses.is_empty(),
        "status misread in half B ({} of {})",
        report.status_misses.len(),
        report.responses
    );
    // 67 of 72 (68 before round 3 was tuned on: HAProxy's JSON maintenance `return`).
    assert!(
        report.layer_right >= 67 && report.layer_percent() >= 93.0,
        "layer {:.1}%",
        report.layer_percent()
    );
    assert!(
        report.high >= 35 && report.high_right == report.high,
        "high right {} of {} in half B",
        report.high_right,
        report.high
    );
}

/// Round 3: Node, Go, PHP, Ruby and Java stacks, Python servers and proxies no earlier round
/// had (nghttpx, tinyproxy, pen, uWSGI's router, Apache's `mod_cache` and `mod_proxy_fcgi`),
/// captured by `scripts/corpus/capture-round3.sh` and labelled from the setups alone. Held out
/// while rounds 1 and 2 were tuned on and measured once then (status 161 of 164, layer 114 of
/// 152 with 24 "unknown", "high" right 52 of 54); tuned on since, so what it says of servers
/// never seen is round 4's to tell. Only the figures line is printed; the misses with
/// `EVIDENCE_CORPUS_SHOW_R3=1`.
#[test]
fn round_three_tuned() {
    // What this release reaches: every status (the body-only pastes' "404 page not found",
    // Sanic's "⚠️ 500 — Internal Server Error" and Falcon's title read too); the layer 143 of
    // 152 (the misses: gateways' JSON 404s and Go's mux 404 read "the app" no more than
    // "medium"; Go and Node servers asked with no front, refusing a request before any
    // handler, read "a front, low" as the first server to parse it mostly is; the rest said
    // "unknown" with the check: an app's own JSON 502 over h2c, its own HTML 503 from Go with
    // no Server); "high" right every time, "medium" right at least 95% of the time.
    let report = tuned_round("evidence-round3", "3", "EVIDENCE_CORPUS_SHOW_R3");
    assert!(
        report.layer_right >= 143 && report.layer_percent() >= 94.0,
        "layer {:.1}% in round 3",
        report.layer_percent()
    );
    assert!(report.high >= 60, "high {} in round 3", report.high);
}

/// Round 4: Perl (Mojolicious, Dancer2, Starman, `Plack::App::Proxy`), Ruby (Grape on Unicorn
/// and Thin), yaws, small C servers with CGI (busybox httpd, webfsd, `mini_httpd`, civetweb),
/// Python (Twisted Web and its proxy, Pyramid on gevent, Quart, Litestar, `BlackSheep`, Robyn),
/// Node (hapi, restify, polka, h3, Hono), Bun, and Privoxy and Squid as forward proxies,
/// captured by `scripts/corpus/capture-round4.sh` and labelled from the setups alone. Held out
/// while rounds 1 to 3 were tuned on and measured then (107 of 159, "high" right 35 of 41);
/// tuned on since, so round 5 is the held-out one now. Misses shown with
/// `EVIDENCE_CORPUS_SHOW_R4=1`.
#[test]
fn round_four_tuned() {
    // What this release reaches: every status; the layer 136 of 159 (the misses are said
    // "unknown" with the check, but for a few that read as their twin: yaws's revproxy writes
    // its ordinary 404 page for a dead backend, and webfsd names itself like a server in
    // front); "high" right every time, "medium" right at least 95% of the time.
    let report = tuned_round("evidence-round4", "4", "EVIDENCE_CORPUS_SHOW_R4");
    assert!(
        report.layer_right >= 136,
        "layer {:.1}% in round 4",
        report.layer_percent()
    );
    assert!(report.high >= 30, "high {} in round 4", report.high);
}

/// A round the rules were tuned on, measured and checked for what every such round must keep:
/// its labels and files agree, every status is read, "high" is right every time and "medium"
/// at least 95% of the time. The figures are printed; the misses too when `show` is set.
fn tuned_round(folder: &str, round: &str, show: &str) -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let labels = checked_labels(&dir);
    let report = measure(&dir);
    let name = format!("round {round} (tuned on)");
    if std::env::var_os(show).is_some() {
        report.print(&name);
    } else {
        report.print_figures(&name);
    }
    assert_eq!(report.responses, labels.response.len());
    assert!(report.responses >= 100);
    assert!(
        report.status_misses.is_empty(),
        "status misread in round {round} ({} of {})",
        report.status_misses.len(),
        report.responses
    );
    assert!(
        report.high_right == report.high,
        "high right {} of {} in round {round}",
        report.high_right,
        report.high
    );
    assert!(
        report.medium_right * 100 >= report.medium * 95,
        "medium right {} of {} in round {round}",
        report.medium_right,
        report.medium
    );
    report
}

/// The labels of a later round's folder, checked against its files: one label per capture,
/// each naming its setup, a label word for the layer and a product.
pub fn checked_labels(dir: &Path) -> Labels {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap();
    let mut labelled: Vec<&str> = labels.response.iter().map(|l| l.file.as_str()).collect();
    labelled.sort_unstable();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort_unstable();
    assert_eq!(
        labelled, files,
        "every capture has one label and every label a capture"
    );
    for label in &labels.response {
        assert!(
            label.setup.as_deref().is_some_and(|s| !s.is_empty()),
            "{} names no setup",
            label.file
        );
        assert!(
            [
                "app",
                "proxy",
                "load-balancer",
                "cdn-cache",
                "waf",
                "identity",
                "unknown"
            ]
            .contains(&label.layer.as_str()),
            "{}: layer {:?} is not a label word",
            label.file,
            label.layer
        );
        assert!(!label.product.is_empty(), "{} names no product", label.file);
    }
    labels
}

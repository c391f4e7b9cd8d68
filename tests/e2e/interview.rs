//! A real 502 incident played in tmux at 80x24 and at the 60x16 minimum, with the evidence
//! pasted as a terminal pastes it: the interview fits the incident and shows the evidence's
//! answers, the checklist's outcomes rank the causes, and the escalation screen and the summary
//! say the same about what is missing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::tmux::Tmux;

use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

/// What nginx answers when its upstream refuses, as `curl -si` prints it.
const NGINX_502: &str = "HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.25.3\r\n\
                         Date: Mon, 23 Nov 2026 09:12:03 GMT\r\nContent-Type: text/html\r\n\
                         Content-Length: 157\r\nConnection: keep-alive\r\n\r\n\
                         <html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                         <center><h1>502 Bad Gateway</h1></center>\r\n\
                         <hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";

/// The app on 502 in a tmux server of its own (`name` keeps parallel tests apart).
fn start(name: &str, width: u16, height: u16) -> (Tmux, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::new(&format!("{name}-{width}x{height}"));
    let script = format!(
        "API_TRIAGE_STATE_DIR='{}' API_TRIAGE_EXPORT_DIR='{}' exec '{BIN}' 502",
        dir.path().join("state").display(),
        dir.path().display(),
    );
    tmux.start_sized(&script, width, height).unwrap();
    tmux.wait_for("502 Bad Gateway", LIMIT);
    (tmux, dir)
}

/// Items 2 and 3: a pasted nginx page answers "who returned it" visibly, Enter confirms, and a
/// gateway's 502 is not asked about the request's shape or the caller's rights.
fn the_interview_fits_the_incident_and_shows_the_evidence(width: u16, height: u16) {
    let (tmux, _dir) = start("interview", width, height);
    tmux.keys(&["t"], true);
    tmux.wait_for("question 2 of 7", LIMIT);
    tmux.keys(&["orders-api POST /v1/orders"], true);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Who returned the response?", LIMIT);
    tmux.paste(NGINX_502);
    let screen = tmux.wait_for("Answered from the response in the note", LIMIT);
    assert!(
        screen.contains("› 2. Gateway, reverse proxy or load balancer"),
        "{width}x{height}: the cursor sits on the evidence's answer\n{screen}"
    );
    tmux.keys(&["Enter"], false);
    let screen = tmux.wait_for("What changed recently?", LIMIT);
    assert!(screen.contains("question 4 of 5"), "{screen}");
    assert!(!screen.contains("well-formed"), "{screen}");
    // Going back reaches the confirmed answer, with the cursor on it.
    tmux.keys(&["Escape"], false);
    let screen = tmux.wait_for("Who returned the response?", LIMIT);
    assert!(
        screen.contains("› 2. Gateway, reverse proxy or load balancer"),
        "{screen}"
    );
    tmux.keys(&["q"], true);
}

/// Item 1: a step ruled out demotes the cause it tests; a step found leads the summary; the
/// escalation screen's "missing" line and the summary's agree.
fn outcomes_rank_causes_and_readiness_is_said_once(width: u16, height: u16) {
    let (tmux, dir) = start("outcomes", width, height);
    tmux.keys(&["t"], true);
    tmux.wait_for("question 2 of 7", LIMIT);
    tmux.keys(&["orders-api POST /v1/orders"], true);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Who returned the response?", LIMIT);
    // Gateway, a deploy, intermittent: the upstream pods' crashes rank first.
    tmux.keys(&["2"], true);
    tmux.wait_for("What changed recently?", LIMIT);
    tmux.keys(&["1"], true);
    tmux.wait_for("How widespread is it?", LIMIT);
    tmux.keys(&["4"], true);
    let screen = tmux.wait_for("most likely", LIMIT);
    // At 60 columns the checklist's one-line account is cut; the summary below says it whole.
    let wide = width >= 80;
    assert!(
        !wide || screen.contains("most likely: Upstream pods"),
        "{screen}"
    );
    // Step 2 (upstream pods: restarts, OOMKilled) ruled out.
    tmux.keys(&["Down"], false);
    tmux.keys(&["o"], true);
    tmux.wait_for("Finding", LIMIT);
    tmux.keys(&["no restarts, no OOMKilled"], true);
    tmux.keys(&["Enter"], false);
    let screen = tmux.wait_for("[-]", LIMIT);
    assert!(!screen.contains("most likely: Upstream pods"), "{screen}");
    // Step 1 (the ingress error log) found.
    tmux.keys(&["Up"], false);
    tmux.keys(&["f"], true);
    tmux.wait_for("Finding", LIMIT);
    tmux.keys(
        &["connect() failed (111: Connection refused) on orders-api:8080"],
        true,
    );
    tmux.keys(&["Enter"], false);
    tmux.wait_for(
        if wide {
            "found: connect() failed"
        } else {
            "found:"
        },
        LIMIT,
    );
    tmux.keys(&["x"], true);
    let screen = tmux.wait_for("Escalation summary", LIMIT);
    // The screen's readiness line, however it wraps, as one run of words.
    let screen_words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    // Write the bundle and read the summary as it will be pasted.
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Bundle written to", LIMIT);
    let summary = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path().join("summary.md"))
        .find(|p| p.exists())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("a bundle with summary.md");
    let first_item = summary.lines().find(|l| l.starts_with("- ")).unwrap();
    assert!(
        first_item.starts_with("- **Found:** connect() failed (111: Connection refused)"),
        "{summary}"
    );
    let most_likely = summary
        .lines()
        .find(|l| l.contains("**Most likely:**"))
        .unwrap();
    assert!(!most_likely.contains("Upstream pods crash"), "{summary}");
    assert!(
        summary.contains("**Ruled out:** Upstream pods"),
        "{summary}"
    );
    let missing_in_summary = summary
        .lines()
        .find(|l| l.contains("**Still missing:**"))
        .map(|l| l.trim_start_matches("- **Still missing:** ").to_owned());
    match missing_in_summary {
        Some(missing) => assert!(
            screen_words.contains(&format!("Still missing: {missing}. You can export anyway.")),
            "summary says {missing:?}; screen:\n{screen}"
        ),
        None => assert!(
            screen_words.contains("Everything the team asks for is in the evidence."),
            "{screen}"
        ),
    }
    tmux.keys(&["q"], true);
}

#[test]
fn the_interview_fits_the_incident_and_shows_the_evidence_at_80x24() {
    the_interview_fits_the_incident_and_shows_the_evidence(80, 24);
}

#[test]
fn the_interview_fits_the_incident_and_shows_the_evidence_at_60x16() {
    the_interview_fits_the_incident_and_shows_the_evidence(60, 16);
}

#[test]
fn outcomes_rank_causes_and_readiness_is_said_once_at_80x24() {
    outcomes_rank_causes_and_readiness_is_said_once(80, 24);
}

#[test]
fn outcomes_rank_causes_and_readiness_is_said_once_at_120x40() {
    outcomes_rank_causes_and_readiness_is_said_once(120, 40);
}

#[test]
fn outcomes_rank_causes_and_readiness_is_said_once_at_60x16() {
    outcomes_rank_causes_and_readiness_is_said_once(60, 16);
}

//! Running a runbook's commands from the app, in tmux, against real servers on 127.0.0.1: a
//! 502 made by a real nginx whose upstream refuses, a slow server, a command printing escape
//! sequences and a token, a 10 MB stream; placeholders filled and asked for, Esc stopping the
//! whole process group, a timeout, the UI answering keys while output streams, the runs in
//! the exported summary (redacted), and a hang-up killing what still runs.

use crate::support::tmux::Tmux;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);
const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLW5vdC1yZWFs";

/// A port nothing listens on (bound, then let go).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A Python standard-library server whose `/slow` answers after 30 s.
fn slow_server(port: u16) -> Server {
    let script = format!(
        "import http.server, time\n\
         class H(http.server.BaseHTTPRequestHandler):\n\
         \x20   def do_GET(self):\n\
         \x20       time.sleep(30)\n\
         \x20       self.send_response(200); self.end_headers(); self.wfile.write(b'late')\n\
         \x20   def log_message(self, *a): pass\n\
         http.server.ThreadingHTTPServer(('127.0.0.1', {port}), H).serve_forever()\n"
    );
    let child = Command::new("python3")
        .args(["-c", &script])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs the slow server");
    Server(child)
}

/// nginx from Debian's package in front of `upstream`, where nothing listens: its own 502.
fn nginx(dir: &Path, port: u16, upstream: u16) -> Server {
    let conf = dir.join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            // One process: killing it at the end leaves no orphaned worker listening.
            "master_process off;\nworker_processes 1;\npid {pid};\nerror_log {dir}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {dir}/body;\n\
             proxy_temp_path {dir}/proxy;\n  fastcgi_temp_path {dir}/fcgi;\n\
             uwsgi_temp_path {dir}/uwsgi;\n  scgi_temp_path {dir}/scgi;\n\
             server {{\n    listen 127.0.0.1:{port};\n\
             location / {{ proxy_pass http://127.0.0.1:{upstream}; }}\n  }}\n}}\n",
            pid = dir.join("nginx.pid").display(),
            dir = dir.display(),
        ),
    )
    .unwrap();
    // Debian puts it in /usr/sbin, which not every PATH holds.
    let program = if Path::new("/usr/sbin/nginx").exists() {
        "/usr/sbin/nginx"
    } else {
        "nginx"
    };
    let child = Command::new(program)
        .args(["-e", &dir.join("error.log").display().to_string()])
        .args(["-p", &dir.display().to_string(), "-c"])
        .arg(&conf)
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx (Debian package `nginx`, installed by .ci/run)");
    Server(child)
}

fn wait_until_listening(port: u16) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < LIMIT, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid_file: &Path) -> bool {
    std::fs::read_to_string(pid_file)
        .is_ok_and(|pid| Path::new(&format!("/proc/{}", pid.trim())).exists())
}

/// The team runbook: three places to look, each a command to run, and a streaming example.
fn runbook(dir: &Path, gateway: u16, slow: u16, pid_file: &Path) -> PathBuf {
    let path = dir.join("team.toml");
    std::fs::write(
        &path,
        format!(
            r##"[runbook]
name = "Orders API"

[owners.orders]
name = "Orders team"
contact = "#orders-oncall"

[codes.502]
owner = "orders"
look_first = [
  {{ what = "Order through the gateway", how = "curl -sv http://127.0.0.1:{gateway}/v1/orders/<order-id>" }},
  {{ what = "App log", how = '''sh -c 'echo $$ > {pid}; printf "\033[31mred\033[0m \033]0;pwned\007 Authorization: Bearer {TOKEN}\n"; exec sleep 300' ''' }},
  {{ what = "Upstream directly", how = "curl -sv http://127.0.0.1:{slow}/slow", timeout_seconds = 2 }},
]

[[codes.502.examples]]
name = "ten megabytes of log"
kind = "failing"
request = "i=0; while [ $i -lt 100 ]; do yes 'upstream prematurely closed connection while reading response header' | head -c 100000; sleep 0.03; i=$((i+1)); done"
expect = 502
"##,
            pid = pid_file.display(),
        ),
    )
    .unwrap();
    path
}

/// Presses `key` and returns how long until the screen shows `shown`.
fn latency(tmux: &Tmux, key: &str, shown: &str) -> Duration {
    let start = Instant::now();
    tmux.keys(&[key], true);
    tmux.wait_for(shown, LIMIT);
    start.elapsed()
}

#[test]
fn steps_run_against_real_servers_stop_time_out_stream_and_reach_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (gateway, refused, slow) = (free_port(), free_port(), free_port());
    let _nginx = nginx(dir.path(), gateway, refused);
    let _slow = slow_server(slow);
    wait_until_listening(gateway);
    wait_until_listening(slow);
    let pid_file = dir.path().join("app-log.pid");
    let team = runbook(dir.path(), gateway, slow, &pid_file);
    let state = dir.path().join("state");
    let tmux = Tmux::new("run-steps");
    let script = format!(
        "API_TRIAGE_STATE_DIR='{}' API_TRIAGE_EXPORT_DIR='{}' exec '{BIN}' --runbook '{}' 502",
        state.display(),
        dir.path().display(),
        team.display(),
    );
    tmux.start_sized(&script, 100, 30).unwrap();
    tmux.wait_for("Orders team", LIMIT);
    tmux.triage_to_checklist(LIMIT);

    // Step 1: the placeholder nothing fills is asked for, the whole command shown, run on
    // Enter; nginx's own 502 is read as evidence.
    tmux.keys(&["r"], true);
    tmux.wait_for("Nothing in the triage gives <order-id>", LIMIT);
    tmux.keys(&["A-1001"], true);
    tmux.keys(&["Enter"], false);
    let screen = tmux.wait_for("Enter runs exactly this command", LIMIT);
    assert!(
        screen.contains(&format!("http://127.0.0.1:{gateway}/v1/orders/A-1001")),
        "{screen}"
    );
    tmux.keys(&["Enter"], false);
    let screen = tmux.wait_for("kept as a note", LIMIT);
    assert!(
        screen.contains("502 from a reverse proxy or gateway (nginx)"),
        "{screen}"
    );
    tmux.keys(&["Escape"], false);

    // Step 2: escape sequences shown as text, the token on screen only as the command printed
    // it; Esc stops the shell and the sleep it became.
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["Down"], false);
    tmux.keys(&["r"], true);
    tmux.wait_for("Enter runs exactly this command", LIMIT);
    tmux.keys(&["Enter"], false);
    // The OSC title sequence arrives as visible text, the colour codes are dropped, and the
    // token is redacted on screen (as in every note) until the notes view reveals it.
    let screen = tmux.wait_for("\\e]0;pwned", LIMIT);
    assert!(screen.contains(" red \\e]0;pwned"), "{screen}");
    assert!(!screen.contains(TOKEN), "{screen}");
    let start = Instant::now();
    while !alive(&pid_file) {
        assert!(start.elapsed() < LIMIT, "the command never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.keys(&["Escape"], false);
    tmux.wait_for("stopped by you", LIMIT);
    let start = Instant::now();
    while alive(&pid_file) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the sleep outlived Esc"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.keys(&["Escape"], false);

    // Step 3: the slow upstream is stopped at the step's own timeout.
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["Down"], false);
    tmux.keys(&["r"], true);
    tmux.wait_for("it stops after 2 s", LIMIT);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("timed out after 2 s", LIMIT);
    tmux.keys(&["Escape"], false);

    // The example streams 10 MB: keys are answered while it runs.
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["Escape"], false);
    tmux.wait_for("r runs place 1", LIMIT);
    tmux.keys(&["4"], true);
    tmux.wait_for("r runs example 4", LIMIT);
    tmux.keys(&["r"], true);
    tmux.wait_for("Enter runs exactly this command", LIMIT);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Running for", LIMIT);
    let mut waits = Vec::new();
    for _ in 0..5 {
        waits.push(latency(&tmux, "?", "┌ Keys"));
        waits.push(latency(&tmux, "?", "Running for"));
    }
    waits.sort();
    let median = waits[waits.len() / 2];
    eprintln!(
        "key to screen while 10 MB stream (tmux capture included): median {median:?}, max {:?}",
        waits.last().unwrap()
    );
    assert!(median < Duration::from_millis(500), "{waits:?}");
    let screen = tmux.wait_for("exit 0 after", Duration::from_mins(1));
    assert!(
        screen.contains("MB of its output") || screen.contains("kept as a note"),
        "{screen}"
    );
    tmux.keys(&["Escape"], false);
    // Back on the card before the next key: an Esc and a letter in one read are Alt+letter.
    tmux.wait_for("· code 502", LIMIT);

    // The summary lists every run, the token redacted.
    tmux.keys(&["t"], true);
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["x"], true);
    tmux.wait_for("Escalation summary", LIMIT);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Bundle written to", LIMIT);
    let summary = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path().join("summary.md"))
        .find(|p| p.exists())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("a bundle with summary.md");
    assert!(!summary.contains(TOKEN), "{summary}");
    assert_eq!(summary.matches("**Ran:**").count(), 4, "{summary}");
    for ending in ["stopped by you", "timed out after 2 s", "A-1001"] {
        assert!(summary.contains(ending), "{ending}: {summary}");
    }

    // A hang-up while a command runs: the app saves and exits, and the command goes with it.
    std::fs::remove_file(&pid_file).unwrap();
    tmux.keys(&["Escape"], false);
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["Up"], false);
    tmux.keys(&["r"], true);
    tmux.wait_for("Enter runs exactly this command", LIMIT);
    tmux.keys(&["Enter"], false);
    let start = Instant::now();
    while !alive(&pid_file) {
        assert!(start.elapsed() < LIMIT, "the command never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.kill_server();
    let start = Instant::now();
    while alive(&pid_file) {
        assert!(start.elapsed() < LIMIT, "the command outlived the app");
        std::thread::sleep(Duration::from_millis(20));
    }
    let start = Instant::now();
    loop {
        let saved: String = std::fs::read_dir(&state)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .collect();
        if saved.contains("\"quit\"") {
            break;
        }
        assert!(
            start.elapsed() < LIMIT,
            "the stopped run was not saved: {saved}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

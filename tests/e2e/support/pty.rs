//! Running the built binary in a real pseudo-terminal and reading its screen through a
//! terminal emulator (vt100), as a user would see it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// How many chunks the emulator has taken, and a signal at each: a wait looks at the
    /// screen again only when it may have changed, instead of polling it (reading the whole
    /// screen every half millisecond, which kept a core busy while tests waited side by side).
    chunks: Arc<(Mutex<u64>, Condvar)>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `binary args` in a `cols`x`rows` terminal, in `cwd`, with a clean runbook search.
    pub fn start(
        binary: &str,
        args: &[&str],
        cwd: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(binary);
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env("HOME", cwd);
        command.env("XDG_CONFIG_HOME", cwd.join("config"));
        command.env("XDG_STATE_HOME", cwd.join("state"));
        command.env_remove("API_TRIAGE_RUNBOOKS");
        for (k, v) in env {
            command.env(k, v);
        }
        let child = pair.slave.spawn_command(command).expect("spawn the app");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let chunks = Arc::new((Mutex::new(0), Condvar::new()));
        {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let chunks = Arc::clone(&chunks);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    parser.lock().unwrap().process(&buf[..n]);
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                    let (count, signal) = &*chunks;
                    *count.lock().unwrap() += 1;
                    signal.notify_all();
                }
            });
        }
        Self {
            parser,
            raw,
            chunks,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// The number of chunks the emulator has taken so far (see [`Session::changed_since`]).
    fn chunks_seen(&self) -> u64 {
        *self.chunks.0.lock().unwrap()
    }

    /// Blocks until the emulator has taken a chunk after the first `seen`, or until
    /// `deadline`; wakes at once when it does.
    fn changed_since(&self, seen: u64, deadline: Instant) {
        let (count, signal) = &*self.chunks;
        let mut current = count.lock().unwrap();
        while *current == seen {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            current = signal.wait_timeout(current, left).unwrap().0;
        }
    }

    /// Waits until the screen shows `text`; returns how long that took, or panics with the
    /// screen after `limit`.
    pub fn wait_for(&self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        loop {
            let seen = self.chunks_seen();
            if self.screen().contains(text) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < limit,
                "waited for {text:?}; screen:\n{}",
                self.screen()
            );
            self.changed_since(seen, start + limit);
        }
    }

    /// Waits until a line of the screen holds every one of `parts`, in any order, and returns
    /// that line: for a query and its count, which must be seen in the same frame.
    pub fn wait_for_line(&self, parts: &[&str], limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let seen = self.chunks_seen();
            let screen = self.screen();
            if let Some(line) = screen
                .lines()
                .find(|line| parts.iter().all(|part| line.contains(part)))
            {
                return line.to_string();
            }
            assert!(
                start.elapsed() < limit,
                "waited for a line with {parts:?}; screen:\n{screen}"
            );
            self.changed_since(seen, start + limit);
        }
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self, limit: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < limit,
                "app did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether the raw output ends with the terminal put back: main screen, cursor shown,
    /// mouse reporting and bracketed paste off.
    pub fn restored(&self) -> bool {
        // The reader thread may still be taking the last bytes after the process exits; on a
        // 2-core machine running the kill test beside it, that took more than 3 s once.
        let start = Instant::now();
        loop {
            if self.restored_now() || start.elapsed() > Duration::from_secs(10) {
                return self.restored_now();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn restored_now(&self) -> bool {
        let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string();
        let last = |seq: &str| raw.rfind(seq);
        let after = |on: &str, off: &str| match (last(on), last(off)) {
            (Some(on), Some(off)) => off > on,
            (None, _) => true,
            (Some(_), None) => false,
        };
        after("\u{1b}[?1049h", "\u{1b}[?1049l")
            && after("\u{1b}[?2004h", "\u{1b}[?2004l")
            && after("\u{1b}[?1000h", "\u{1b}[?1000l")
            && after("\u{1b}[?25l", "\u{1b}[?25h")
    }
}

/// A test that fails half way must not leave its app running.
impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

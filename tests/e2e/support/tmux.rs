//! A private tmux server for one test: a pane running a command, its screen, its keys, and
//! killing the server (which hangs up the pane's terminal, as a dropped SSH connection does).

use std::process::{Command, Output};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server of its own (`-L name`), with no user configuration.
    pub fn new(name: &str) -> Self {
        Self {
            socket: format!("{name}-{}", std::process::id()),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Starts `sh -c script` in a detached 100x30 session; whether it started.
    pub fn start(&self, script: &str) -> Result<(), String> {
        self.start_sized(script, 100, 30)
    }

    /// Starts `sh -c script` in a detached session of `width`x`height`; whether it started.
    pub fn start_sized(&self, script: &str, width: u16, height: u16) -> Result<(), String> {
        let (width, height) = (width.to_string(), height.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "sh",
            "-c",
            script,
        ]);
        // Esc reaches the app as a key at once, as in a terminal without tmux.
        self.run(&["set-option", "-g", "escape-time", "0"]);
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// Types `keys` as tmux key names or literal text (`send-keys -l` when `literal`).
    pub fn keys(&self, keys: &[&str], literal: bool) {
        let mut args = vec!["send-keys"];
        if literal {
            args.push("-l");
        }
        args.extend(keys);
        self.run(&args);
    }

    /// Pastes `text` as a terminal does: bracketed, with line breaks sent as CR
    /// (`paste-buffer -p` without `-r`).
    pub fn paste(&self, text: &str) {
        let file = std::env::temp_dir().join(format!("{}-paste.txt", self.socket));
        std::fs::write(&file, text).expect("write the paste");
        self.run(&["load-buffer", &file.display().to_string()]);
        self.run(&["paste-buffer", "-p"]);
        let _ = std::fs::remove_file(file);
    }

    /// Waits until the screen holds `text`, returning it; panics with the screen after `limit`.
    pub fn wait_for(&self, text: &str, limit: std::time::Duration) -> String {
        let start = std::time::Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < limit,
                "waited for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// From a card, `t` and every question skipped with Tab: the triage's checklist.
    pub fn triage_to_checklist(&self, limit: std::time::Duration) -> String {
        self.keys(&["t"], true);
        self.wait_for("┌ Interview", limit);
        for _ in 0..8 {
            if self.screen().contains("┌ Checklist") {
                break;
            }
            self.keys(&["Tab"], false);
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        self.wait_for("┌ Checklist", limit)
    }

    pub fn kill_server(&self) {
        self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
    }
}

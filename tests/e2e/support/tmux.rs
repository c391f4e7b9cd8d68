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
        let out = self.run(&[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "sh",
            "-c",
            script,
        ]);
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
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

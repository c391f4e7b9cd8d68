//! Running a runbook command in the background: spawn it through the engineer's shell in a
//! process group of its own, stream what it prints, stop the whole group on request, at its
//! timeout or when the app quits. The only module that starts processes; it never decides
//! what to run (the run screen shows the exact command and waits for Enter).

pub mod output;

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process_group};

/// How long a stopped command gets to exit after SIGTERM before its group is killed.
const GRACE: Duration = Duration::from_secs(2);
/// How long to wait for the end of the output once the command has exited: a process it left
/// behind in another session could hold the pipe open for ever.
const DRAIN: Duration = Duration::from_secs(1);

/// Why a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// It exited by itself with this status.
    Exited(i32),
    /// A signal ended it (not one of ours).
    Signalled(i32),
    /// The engineer stopped it.
    Stopped,
    /// It ran past its timeout and was stopped.
    TimedOut(Duration),
    /// The app quit while it ran.
    Quit,
    /// It could not be started.
    NotStarted(String),
}

/// What happened to the runs since the last [`Runner::poll`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    Output { id: u64, bytes: Vec<u8> },
    Ended { id: u64, ending: Ending },
}

enum Event {
    Output(u64, Vec<u8>),
    Eof(u64),
}

struct Running {
    child: Child,
    group: Option<Pid>,
    deadline: Instant,
    timeout: Duration,
    /// Why we asked it to stop, and when (for the kill after the grace period).
    stopping: Option<(Ending, Instant)>,
    /// Set once the command has exited: what ended it and when.
    exited: Option<(Ending, Instant)>,
    eof: bool,
}

/// The commands running now. Dropping it kills them all, whatever way the app ends.
pub struct Runner {
    sender: Sender<Event>,
    receiver: Receiver<Event>,
    running: BTreeMap<u64, Running>,
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

impl Runner {
    pub fn new() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            sender,
            receiver,
            running: BTreeMap::new(),
        }
    }

    pub fn is_running(&self) -> bool {
        !self.running.is_empty()
    }

    /// Starts `command` through the shell, its output (stdout and stderr, interleaved) streamed
    /// to [`Runner::poll`]. Standard input is empty: a command that asks a question gets no
    /// answer instead of waiting for one that never comes.
    pub fn start(
        &mut self,
        id: u64,
        command: &str,
        timeout: Duration,
        now: Instant,
    ) -> io::Result<()> {
        let (mut reader, writer) = io::pipe()?;
        let mut shell = Command::new(shell());
        shell
            .arg("-c")
            .arg(command)
            .stdin(Stdio::null())
            .stdout(writer.try_clone()?)
            .stderr(writer)
            // Its own group: stopping it stops what it started (a pipeline, a `kubectl`
            // child), and a Ctrl-C meant for the app never reaches it.
            .process_group(0);
        let child = shell.spawn()?;
        // The command's copies of the pipe's writing end must close here, or the end of the
        // output would never be seen.
        drop(shell);
        let group = Pid::from_child(&child);
        let sender = self.sender.clone();
        thread::spawn(move || {
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                match reader.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if sender
                            .send(Event::Output(id, buffer[..n].to_vec()))
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            }
            let _ = sender.send(Event::Eof(id));
        });
        self.running.insert(
            id,
            Running {
                child,
                group: Some(group),
                deadline: now + timeout,
                timeout,
                stopping: None,
                exited: None,
                eof: false,
            },
        );
        Ok(())
    }

    /// Asks the run `id` to stop (SIGTERM to its group; SIGKILL after a grace period).
    pub fn stop(&mut self, id: u64, now: Instant) {
        if let Some(run) = self.running.get_mut(&id) {
            run.ask_to_stop(Ending::Stopped, now);
        }
    }

    /// What the runs printed and which of them ended since the last call; stops runs past
    /// their deadline. Never blocks.
    pub fn poll(&mut self, now: Instant) -> Vec<Update> {
        let mut updates = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(Event::Output(id, bytes)) => updates.push(Update::Output { id, bytes }),
                Ok(Event::Eof(id)) => {
                    if let Some(run) = self.running.get_mut(&id) {
                        run.eof = true;
                    }
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        let mut ended = Vec::new();
        for (id, run) in &mut self.running {
            if let Some(ending) = run.advance(now) {
                ended.push((*id, ending));
            }
        }
        for (id, ending) in ended {
            self.running.remove(&id);
            updates.push(Update::Ended { id, ending });
        }
        updates
    }

    /// Kills every run at once (the app is quitting) and says so for each.
    pub fn stop_all(&mut self) -> Vec<(u64, Ending)> {
        let mut ended = Vec::new();
        for (id, mut run) in std::mem::take(&mut self.running) {
            run.signal(Signal::KILL);
            let _ = run.child.wait();
            let ending = match run.exited {
                Some((ending, _)) => ending,
                None => Ending::Quit,
            };
            ended.push((id, ending));
        }
        ended
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        for run in self.running.values_mut() {
            run.signal(Signal::KILL);
            let _ = run.child.wait();
        }
    }
}

impl Running {
    fn signal(&mut self, signal: Signal) {
        if let Some(group) = self.group {
            // ESRCH (the group is gone already) is what we wanted anyway.
            let _ = kill_process_group(group, signal);
        }
    }

    fn ask_to_stop(&mut self, why: Ending, now: Instant) {
        if self.stopping.is_none() && self.exited.is_none() {
            self.signal(Signal::TERM);
            self.stopping = Some((why, now));
        }
    }

    /// Moves the run on; `Some` when it is over (exited and its output read to the end).
    fn advance(&mut self, now: Instant) -> Option<Ending> {
        if self.exited.is_none() {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    let ending = match &self.stopping {
                        Some((why, _)) => why.clone(),
                        None => ending_of(status),
                    };
                    // Whatever it left running in its group goes with it.
                    self.signal(Signal::KILL);
                    self.group = None;
                    self.exited = Some((ending, now));
                }
                Ok(None) => {
                    if self.stopping.is_none() && now >= self.deadline {
                        self.ask_to_stop(Ending::TimedOut(self.timeout), now);
                    }
                    if let Some((_, asked)) = &self.stopping
                        && now.duration_since(*asked) >= GRACE
                    {
                        self.signal(Signal::KILL);
                    }
                    return None;
                }
                Err(e) => self.exited = Some((Ending::NotStarted(e.to_string()), now)),
            }
        }
        let (ending, at) = self.exited.as_ref()?;
        (self.eof || now.duration_since(*at) >= DRAIN).then(|| ending.clone())
    }
}

fn ending_of(status: std::process::ExitStatus) -> Ending {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited(code),
        (None, Some(signal)) => Ending::Signalled(signal),
        (None, None) => Ending::Exited(-1),
    }
}

/// The engineer's shell when it speaks POSIX `sh -c` (bash, zsh, dash, ksh...), else `/bin/sh`:
/// runbook commands are written for a POSIX shell, and fish or nushell would read them
/// differently.
fn shell() -> String {
    const POSIX: &[&str] = &["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "yash"];
    std::env::var("SHELL")
        .ok()
        .filter(|s| {
            s.starts_with('/')
                && std::path::Path::new(s)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| POSIX.contains(&n))
        })
        .unwrap_or_else(|| "/bin/sh".to_owned())
}

#[cfg(test)]
mod tests;

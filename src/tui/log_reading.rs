//! Reading an access log on a thread of its own, so the app keeps answering keys: progress
//! now and then, the picture at the end, and a flag that stops it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Instant;

use crate::evidence::logs::{Failing, Picture};

/// What a reading thread reports.
pub enum LogUpdate {
    Progress {
        id: u64,
        lines: u64,
        bytes: u64,
        total: u64,
        elapsed: f64,
    },
    Done {
        id: u64,
        result: Result<Box<Picture>, String>,
    },
}

/// The logs being read.
pub struct LogReadings {
    sender: Sender<LogUpdate>,
    receiver: Receiver<LogUpdate>,
    stops: BTreeMap<u64, Arc<AtomicBool>>,
}

impl Default for LogReadings {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            sender,
            receiver,
            stops: BTreeMap::new(),
        }
    }
}

impl LogReadings {
    /// Starts reading `path`; failures count as for the triage's code.
    pub fn start(&mut self, id: u64, path: String, failing: Failing) {
        let stop = Arc::new(AtomicBool::new(false));
        self.stops.insert(id, Arc::clone(&stop));
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let path = std::path::PathBuf::from(path);
            let total = std::fs::metadata(&path).map_or(0, |m| m.len());
            let result = crate::cli::logs::open(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
                .and_then(|input| {
                    crate::cli::logs::read_parallel([input], None, failing, |lines, bytes| {
                        let _ = sender.send(LogUpdate::Progress {
                            id,
                            lines,
                            bytes,
                            total,
                            elapsed: started.elapsed().as_secs_f64(),
                        });
                        !stop.load(Ordering::Relaxed)
                    })
                    .map_err(|e| format!("reading {} failed: {e}", path.display()))?
                    .map(Box::new)
                    .ok_or_else(|| "stopped".to_owned())
                });
            let _ = sender.send(LogUpdate::Done { id, result });
        });
    }

    pub fn stop(&mut self, id: u64) {
        if let Some(stop) = self.stops.remove(&id) {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// What the threads reported since the last call. Never blocks.
    pub fn poll(&mut self) -> Vec<LogUpdate> {
        let mut updates = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(update) => {
                    if let LogUpdate::Done { id, .. } = &update {
                        self.stops.remove(id);
                    }
                    updates.push(update);
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return updates,
            }
        }
    }
}

impl Drop for LogReadings {
    fn drop(&mut self) {
        for stop in self.stops.values() {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

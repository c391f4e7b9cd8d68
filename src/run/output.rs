//! What a run printed, kept within a cap: the start and the latest part, with the bytes in
//! between counted, so a command that prints 10 GB neither fills memory nor hides its end.

use std::collections::VecDeque;
use std::fmt::Write as _;

/// Bytes kept from the start of the output (where curl's request and headers are).
pub const HEAD_CAP: usize = 192 * 1024;
/// Bytes kept from the end (the latest lines, and how the command finished).
pub const TAIL_CAP: usize = 64 * 1024;

/// The output of one run as it arrives, stdout and stderr interleaved as the command wrote them.
#[derive(Debug, Clone, Default)]
pub struct Output {
    head: Vec<u8>,
    tail: VecDeque<u8>,
    /// Bytes that fell out between the head and the tail.
    dropped: u64,
    head_cap: usize,
    tail_cap: usize,
}

impl Output {
    pub fn new() -> Self {
        Self::with_caps(HEAD_CAP, TAIL_CAP)
    }

    pub fn with_caps(head_cap: usize, tail_cap: usize) -> Self {
        Self {
            head_cap,
            tail_cap,
            ..Self::default()
        }
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        let room = self.head_cap.saturating_sub(self.head.len());
        if room > 0 && self.dropped == 0 && self.tail.is_empty() {
            let taken = room.min(bytes.len());
            self.head.extend_from_slice(&bytes[..taken]);
            bytes = &bytes[taken..];
        }
        if bytes.len() >= self.tail_cap {
            self.dropped += (self.tail.len() + bytes.len() - self.tail_cap) as u64;
            self.tail.clear();
            self.tail.extend(&bytes[bytes.len() - self.tail_cap..]);
            return;
        }
        let over = (self.tail.len() + bytes.len()).saturating_sub(self.tail_cap);
        self.tail.drain(..over);
        self.dropped += over as u64;
        self.tail.extend(bytes);
    }

    /// Bytes the command wrote in all.
    pub fn total(&self) -> u64 {
        (self.head.len() + self.tail.len()) as u64 + self.dropped
    }

    /// Bytes left out of [`Output::text`].
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The kept output as text (invalid UTF-8 replaced), with a line saying how much was left
    /// out between the start and the end. Not yet normalised: the caller passes it through
    /// the one way in, like any paste.
    pub fn text(&self) -> String {
        let mut out = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            let _ = writeln!(out, "[... {} left out here ...]", human_bytes(self.dropped));
        }
        let (a, b) = self.tail.as_slices();
        let mut tail = Vec::with_capacity(a.len() + b.len());
        tail.extend_from_slice(a);
        tail.extend_from_slice(b);
        out.push_str(&String::from_utf8_lossy(&tail));
        out
    }
}

/// "1.5 MB", "320 bytes".
pub fn human_bytes(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if b < 1e6 {
        format!("{:.1} kB", b / 1e3)
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.1} GB", b / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_output_is_kept_whole() {
        let mut out = Output::with_caps(8, 4);
        out.push(b"hello\n");
        assert_eq!(out.text(), "hello\n");
        assert_eq!(out.total(), 6);
        assert_eq!(out.dropped(), 0);
    }

    #[test]
    fn the_start_and_the_end_are_kept_and_the_middle_counted() {
        let mut out = Output::with_caps(4, 4);
        for chunk in [&b"abcdef"[..], b"ghij", b"kl", b"mnopqrstuvwxyz"] {
            out.push(chunk);
        }
        assert_eq!(out.total(), 26);
        assert_eq!(out.dropped(), 18);
        assert_eq!(out.text(), "abcd\n[... 18 bytes left out here ...]\nwxyz");
    }

    #[test]
    fn many_small_chunks_keep_the_latest_bytes() {
        let mut out = Output::with_caps(2, 3);
        for b in b"0123456789" {
            out.push(&[*b]);
        }
        assert_eq!(out.text(), "01\n[... 5 bytes left out here ...]\n789");
        assert_eq!(out.total(), 10);
    }

    #[test]
    fn a_cut_in_a_utf8_character_does_not_panic() {
        let mut out = Output::with_caps(1, 1);
        out.push("éé".as_bytes());
        assert!(out.text().contains("left out"));
    }
}

//! End-to-end runs of the built binary in real terminals, in one binary: a pseudo-terminal
//! (the app), tmux (OSC 52, hostile escape sequences), Xvfb and xclip (the desktop clipboard).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

mod support;

mod clipboard;
mod flow;
mod handoff;
mod hostile;
mod http_accuracy;
mod interview;
mod logs;
mod run;
mod timeline;
mod triage;
mod tui;

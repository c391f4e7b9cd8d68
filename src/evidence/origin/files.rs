//! What says a response is a file a web server served from disk (its health page, a static
//! JSON file, an error file): the tag it puts on files, under its own name.

use super::{Layer, Seen, Signal, Toward};

/// A web server's tag on a file: strong, its parts (size, time, inode) joined by `-`. A hash
/// (Django's, a framework's) has none.
pub(super) fn file_tag(value: &str) -> bool {
    !value.starts_with("w/") && value.contains('-')
}

/// The tag nginx, Apache and lighttpd put on a static file: its size and time (Apache: and
/// inode) in hex, joined by `-`. Stricter than [`file_tag`]: an app's own strong tags
/// (`"catalog-v7"`) are words.
pub(super) fn web_server_file_tag(value: &str) -> bool {
    let parts: Vec<&str> = value.trim_matches('"').split('-').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=16).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A web server's file tag under its own name: a file it served itself, not the app's answer
/// (its health page, a static JSON file).
pub(super) fn served_file_signal(seen: &Seen<'_>) -> Option<Signal> {
    let front = seen
        .front_named()
        .filter(|f| f.layer == Layer::Gateway && seen.values("etag").any(web_server_file_tag))?;
    Some(Signal::new(
        "a file it served",
        format!(
            "a success carrying the tag {} puts on the files it serves (their size and time, in \
             hex): a file it served itself, not the app's answer",
            front.product
        ),
        Toward::Front,
        3,
    ))
}

/// A JSON error with a file's strong tag: a file the web server served, written to look like
/// whatever it looks like.
pub(super) fn json_from_a_file(seen: &Seen<'_>) -> bool {
    seen.json.is_some() && seen.error() && seen.values("etag").any(file_tag)
}

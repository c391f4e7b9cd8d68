//! Bodies compared: two JSON bodies field by field, by JSON path (`$.error.code`,
//! `$.items[0].id`, an object's keys in order); other bodies whole, by what they are (JSON,
//! HTML with its title, text). A field that changes on every request (a request id, a timestamp) is the
//! same when both have it.

use serde_json::Value;

use super::{Change, Part, Row};

/// The most fields of one body compared; the rest are counted.
const MAX_FIELDS: usize = 200;

/// Field names whose value changes on every request, lower case (besides request ids).
const PER_REQUEST_FIELDS: &[&str] = &[
    "timestamp",
    "time",
    "date",
    "ts",
    "now",
    "server_time",
    "generated_at",
    "span_id",
    "traceid",
    "trace_id",
    "request_id",
    "requestid",
    "correlation_id",
    "correlationid",
];

/// The rows for two bodies, and how many JSON fields were left out past the most compared.
pub(super) fn rows(good: &str, failing: &str) -> (Vec<Row>, usize) {
    let (good, failing) = (good.trim(), failing.trim());
    if let (Some(g), Some(f)) = (json(good), json(failing)) {
        return fields(&g, &f);
    }
    let mut row = Row::new(Part::Body, "body", describe(good), describe(failing));
    if row.change == Change::Same && good != failing {
        row.change = Change::Changed;
        row.note = Some("other content".to_owned());
    }
    (vec![row], 0)
}

fn json(body: &str) -> Option<Value> {
    if !(body.starts_with('{') || body.starts_with('[')) {
        return None;
    }
    serde_json::from_str(body).ok()
}

/// What a body is, in a few words: "JSON", "HTML: 504 Gateway Time-out", "text: upstream
/// connect error or disconnect/reset before headers". (Its size is the `Content-Length`
/// row's: a pasted body has lost its line endings.)
fn describe(body: &str) -> Option<String> {
    if body.is_empty() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let title = lower.find("<title>").and_then(|start| {
        let from = start + "<title>".len();
        let end = lower[from..].find("</title>")? + from;
        Some(body.get(from..end)?.trim().to_owned())
    });
    let first_line = body.lines().map(str::trim).find(|l| !l.is_empty());
    let (kind, gist) = if json(body).is_some() {
        ("JSON", None)
    } else if body.starts_with('<') {
        ("HTML", title.or_else(|| first_line.map(str::to_owned)))
    } else {
        ("text", first_line.map(str::to_owned))
    };
    Some(match gist {
        Some(gist) => {
            let cut: String = gist.chars().take(60).collect();
            let more = if cut.len() < gist.len() { "…" } else { "" };
            format!("{kind}: {cut}{more}")
        }
        None => kind.to_owned(),
    })
}

/// Every leaf of a JSON value with its path, in document order; `{}` and `[]` are leaves.
fn leaves(value: &Value, path: &str, out: &mut Vec<(String, String)>, seen: &mut usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, value) in map {
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                let child = if plain {
                    format!("{path}.{key}")
                } else {
                    format!("{path}[{}]", Value::String(key.clone()))
                };
                leaves(value, &child, out, seen);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{path}[{i}]"), out, seen);
            }
        }
        leaf => {
            *seen += 1;
            if out.len() < MAX_FIELDS {
                out.push((path.to_owned(), leaf.to_string()));
            }
        }
    }
}

/// Whether the last key of `path` names a value that changes on every request.
fn per_request(path: &str) -> bool {
    let key = path
        .rsplit(['.', '['])
        .next()
        .unwrap_or(path)
        .trim_end_matches(']')
        .trim_matches('"')
        .to_ascii_lowercase();
    PER_REQUEST_FIELDS.contains(&key.as_str()) || crate::evidence::ids::is_id_name(&key)
}

fn fields(good: &Value, failing: &Value) -> (Vec<Row>, usize) {
    let (mut g, mut f) = (Vec::new(), Vec::new());
    let (mut g_seen, mut f_seen) = (0, 0);
    leaves(good, "$", &mut g, &mut g_seen);
    leaves(failing, "$", &mut f, &mut f_seen);
    let left_out = (g_seen - g.len()).max(f_seen - f.len());
    let find = |list: &[(String, String)], path: &str| {
        list.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone())
    };
    let mut paths: Vec<&String> = g.iter().map(|(p, _)| p).collect();
    for (path, _) in &f {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    let rows = paths
        .into_iter()
        .map(|path| {
            let mut row = Row::new(Part::Body, path, find(&g, path), find(&f, path));
            if row.change == Change::Changed && per_request(path) {
                row.change = Change::Same;
                row.note = Some("differs on every request".to_owned());
            }
            row
        })
        .collect();
    (rows, left_out)
}

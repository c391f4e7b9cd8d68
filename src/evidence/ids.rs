//! Request and trace ids found in evidence, so a summary can list them for the next team to
//! search their logs with.

/// Header and field names that carry an id worth quoting, lower case.
const ID_NAMES: &[&str] = &[
    "x-request-id",
    "x-correlation-id",
    "request-id",
    "request_id",
    "requestid",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-cf-id",
    "x-amzn-trace-id",
    "cf-ray",
    "traceparent",
    "trace_id",
    "trace-id",
    "x-b3-traceid",
    "x-cloud-trace-context",
    "x-varnish",
];

/// The names among [`ID_NAMES`] that carry a distributed trace's id rather than one request's.
const TRACE_NAMES: &[&str] = &[
    "traceparent",
    "trace_id",
    "trace-id",
    "x-b3-traceid",
    "x-amzn-trace-id",
    "x-cloud-trace-context",
];

/// Whether an id found under `name` is a trace's (searchable in a tracing tool) rather than
/// one request's (searchable in the logs of the hop that set it).
pub fn is_trace_name(name: &str) -> bool {
    TRACE_NAMES.contains(&name)
}

/// Whether `name` (a header or field name, any case) carries a request or trace id: a value
/// that differs on every request, so two responses differing there says nothing.
pub fn is_id_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ID_NAMES.contains(&lower.as_str())
}

/// An id and what it is called where it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FoundId {
    pub name: String,
    pub value: String,
}

/// Every `name: value`, `name=value` or `"name": "value"` with a known id name, in order,
/// without repeats.
pub fn find_ids(text: &str) -> Vec<FoundId> {
    let mut found: Vec<FoundId> = Vec::new();
    for line in text.lines() {
        let lower = line.to_lowercase();
        for name in ID_NAMES {
            let mut from = 0;
            while let Some(pos) = lower[from..].find(name) {
                let start = from + pos;
                from = start + name.len();
                // The name must stand alone: not the tail of a longer word.
                let before = lower[..start].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    continue;
                }
                let rest = &line[from..];
                let rest = rest.trim_start_matches(['"', '\'']).trim_start();
                let Some(rest) = rest.strip_prefix([':', '=']) else {
                    continue;
                };
                let value: String = rest
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| {
                        !c.is_whitespace() && !matches!(c, '"' | '\'' | ',' | ';' | '}' | ']')
                    })
                    .collect();
                if value.len() >= 4 && !found.iter().any(|f| f.value == value) {
                    found.push(FoundId {
                        name: (*name).to_owned(),
                        value,
                    });
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_headers_json_and_logfmt() {
        let text = "< X-Request-Id: 7f3c2a9e-1b2c\n< traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n\
                    {\"error\":\"boom\",\"request_id\":\"req_81Kd\"}\nlevel=error trace_id=abc123 msg=x\n< cf-ray: 8a1b2c3d4e5f-FRA";
        let values: Vec<String> = find_ids(text).into_iter().map(|f| f.value).collect();
        assert_eq!(
            values,
            [
                "7f3c2a9e-1b2c",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "req_81Kd",
                "abc123",
                "8a1b2c3d4e5f-FRA"
            ]
        );
    }

    #[test]
    fn a_name_inside_another_word_is_not_an_id() {
        assert!(find_ids("my_request_id_counter: 5\nnot-a-trace-id: x").is_empty());
    }
}

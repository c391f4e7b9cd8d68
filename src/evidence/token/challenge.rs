//! Reading `WWW-Authenticate`: each challenge's scheme, and the RFC 6750 `error`,
//! `error_description` and `scope` the server gave with it.

use serde::Serialize;

use crate::evidence::response::Response;

/// One challenge of `WWW-Authenticate`: what the server asked for and what it said was wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Challenge {
    pub scheme: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// RFC 6750: `invalid_request`, `invalid_token`, `insufficient_scope`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// The scope the server asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// The challenges of every `WWW-Authenticate` header, in order.
pub(super) fn challenges(response: &Response) -> Vec<Challenge> {
    let mut out = Vec::new();
    for (_, value) in response
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
    {
        parse_challenges(value, &mut out);
    }
    out
}

/// `Bearer realm="x", error="invalid_token", Basic realm="y"` into its challenges.
pub(super) fn parse_challenges(value: &str, out: &mut Vec<Challenge>) {
    let mut rest = value.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([',', ' ', '\t']);
        let end = rest
            .find(|c: char| c == '=' || c == ',' || c.is_whitespace())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let after = rest[end..].trim_start();
        if word.is_empty() {
            break;
        }
        if after.starts_with('=') && !after.starts_with("==") {
            // A parameter of the current challenge.
            let value_text = after[1..].trim_start();
            let (param, next) = if let Some(quoted) = value_text.strip_prefix('"') {
                let mut param = String::new();
                let mut chars = quoted.char_indices();
                let mut end = quoted.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        '\\' => param.extend(chars.next().map(|(_, c)| c)),
                        c => param.push(c),
                    }
                }
                (param, &quoted[end.min(quoted.len())..])
            } else {
                let end = value_text.find(',').unwrap_or(value_text.len());
                (value_text[..end].trim().to_owned(), &value_text[end..])
            };
            if let Some(challenge) = out.last_mut() {
                let slot = match word.to_ascii_lowercase().as_str() {
                    "realm" => Some(&mut challenge.realm),
                    "error" => Some(&mut challenge.error),
                    "error_description" => Some(&mut challenge.error_description),
                    "scope" => Some(&mut challenge.scope),
                    _ => None,
                };
                if let Some(slot) = slot {
                    *slot = Some(param);
                }
            }
            rest = next;
        } else {
            out.push(Challenge {
                scheme: word.to_owned(),
                ..Challenge::default()
            });
            rest = after;
        }
    }
}

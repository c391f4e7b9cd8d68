//! The `<placeholders>` of a runbook command (`<namespace>`, `<request-id>`) and filling them
//! from what the session knows. Every filled value is shell-quoted unless it is plainly a
//! word: a request id read from a response is text from the outside world, and must never
//! become shell syntax in a command the engineer runs.

use std::collections::BTreeMap;

/// One `<name>` in a command, by byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The name as written between the angle brackets.
    pub written: String,
    /// The name it is looked up by: lower case, `_` read as `-`.
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// A value for a placeholder and where it came from ("the evidence", "runbook default").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub value: String,
    pub source: String,
}

/// A command with what could be filled filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub command: String,
    /// The placeholders filled, each with its value's source, in the order they appear.
    pub filled: Vec<(String, String)>,
    /// The names still to ask for, in order, without repeats.
    pub missing: Vec<String>,
}

/// The name a placeholder is looked up by.
pub fn key(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('_', "-")
}

/// The placeholders of `command`: `<` a letter, then letters, digits, `-` or `_`, then `>`.
/// A shell redirection (`< file`, `2>&1`, `<<EOF`) never has that shape.
pub fn find(command: &str) -> Vec<Placeholder> {
    let bytes = command.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = command[at..].find('<') {
        let start = at + offset;
        let mut end = start + 1;
        if bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            while bytes
                .get(end)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
            {
                end += 1;
            }
            if bytes.get(end) == Some(&b'>') {
                let written = &command[start + 1..end];
                found.push(Placeholder {
                    written: written.to_owned(),
                    name: key(written),
                    start,
                    end: end + 1,
                });
                at = end + 1;
                continue;
            }
        }
        at = start + 1;
    }
    found
}

/// `command` with every placeholder that has a value in `known` replaced by it, quoted.
pub fn fill(command: &str, known: &BTreeMap<String, Known>) -> Filled {
    let mut out = String::with_capacity(command.len());
    let mut filled = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut last = 0;
    for placeholder in find(command) {
        out.push_str(&command[last..placeholder.start]);
        if let Some(value) = known.get(&placeholder.name) {
            out.push_str(&quote_for(
                quoting_at(command, placeholder.start),
                &value.value,
            ));
            filled.push((placeholder.name.clone(), value.source.clone()));
        } else {
            out.push_str(&command[placeholder.start..placeholder.end]);
            if !missing.contains(&placeholder.name) {
                missing.push(placeholder.name.clone());
            }
        }
        last = placeholder.end;
    }
    out.push_str(&command[last..]);
    Filled {
        command: out,
        filled,
        missing,
    }
}

/// What quotes a position of a shell command is inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Bare,
    Single,
    Double,
}

/// The quoting in force at byte `at` of `command`, read as a POSIX shell reads it.
fn quoting_at(command: &str, at: usize) -> Quoting {
    let mut state = Quoting::Bare;
    let mut escaped = false;
    for c in command[..at].chars() {
        if escaped {
            escaped = false;
            continue;
        }
        state = match (state, c) {
            (Quoting::Bare | Quoting::Double, '\\') => {
                escaped = true;
                state
            }
            (Quoting::Bare, '\'') => Quoting::Single,
            (Quoting::Single, '\'') | (Quoting::Double, '"') => Quoting::Bare,
            (Quoting::Bare, '"') => Quoting::Double,
            (state, _) => state,
        };
    }
    state
}

/// `value` written so that, where it lands, the shell reads it back as exactly `value`:
/// inside double quotes the backslash, the double quote, the dollar and the backtick are
/// escaped; inside single quotes a quote is closed, escaped and reopened; bare, see
/// [`shell_quote`].
fn quote_for(quoting: Quoting, value: &str) -> String {
    match quoting {
        Quoting::Bare => shell_quote(value),
        Quoting::Single => value.replace('\'', "'\\''"),
        Quoting::Double => {
            let mut out = String::with_capacity(value.len());
            for c in value.chars() {
                if matches!(c, '\\' | '"' | '$' | '`') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        }
    }
}

/// `value` as one shell word: as it is when it is made only of characters no shell treats
/// specially, else in single quotes (a quote inside written `'\''`). Newlines and other
/// controls never reach here: values pass the one way in first.
pub fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '%' | '+' | ',' | '=')
        });
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(pairs: &[(&str, &str)]) -> BTreeMap<String, Known> {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_owned(),
                    Known {
                        value: (*v).to_owned(),
                        source: "test".to_owned(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn placeholders_are_found_and_redirections_are_not() {
        let names: Vec<String> =
            find("kubectl -n <namespace> logs <Pod_Name> 2>&1 < in.txt <<EOF | grep <>")
                .into_iter()
                .map(|p| p.name)
                .collect();
        assert_eq!(names, ["namespace", "pod-name"]);
    }

    #[test]
    fn known_values_fill_and_unknown_ones_are_listed_once() {
        let filled = fill(
            "kubectl -n <namespace> logs deploy/<service> | grep <request-id> # <service>",
            &known(&[("service", "orders-api"), ("request-id", "abc-123")]),
        );
        assert_eq!(
            filled.command,
            "kubectl -n <namespace> logs deploy/orders-api | grep abc-123 # orders-api"
        );
        assert_eq!(filled.missing, ["namespace"]);
        assert_eq!(filled.filled.len(), 3);
    }

    #[test]
    fn a_hostile_value_stays_one_quoted_word() {
        let filled = fill(
            "grep <request-id> app.log",
            &known(&[("request-id", "x'; rm -rf ~; echo '$(id)`id`")]),
        );
        assert_eq!(
            filled.command,
            r"grep 'x'\''; rm -rf ~; echo '\''$(id)`id`' app.log"
        );
        // The shell reads it back as the one value it was.
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "printf %s {}",
                shell_quote("x'; rm -rf ~; echo '$(id)`id`")
            ))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "x'; rm -rf ~; echo '$(id)`id`"
        );
    }

    #[test]
    fn a_value_inside_quotes_is_escaped_for_those_quotes() {
        let hostile = "a\"b$(id)`id`'c\\";
        let filled = fill(
            r#"printf '%s|%s|%s' "<v>" '<v>' <v>"#,
            &known(&[("v", hostile)]),
        );
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(&filled.command)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{hostile}|{hostile}|{hostile}"),
            "{}",
            filled.command
        );
        // A plain value stays readable wherever it lands.
        let plain = fill(
            r#"kubectl -n "<namespace>" get pods"#,
            &known(&[("namespace", "payments")]),
        );
        assert_eq!(plain.command, r#"kubectl -n "payments" get pods"#);
    }

    #[test]
    fn urls_and_ids_stay_bare_when_safe() {
        assert_eq!(
            shell_quote("https://api.example.com/v1/orders"),
            "https://api.example.com/v1/orders"
        );
        assert_eq!(shell_quote("https://x/a?b=1&c=2"), "'https://x/a?b=1&c=2'");
        assert_eq!(shell_quote(""), "''");
    }
}

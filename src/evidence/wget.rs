//! `wget -S` output (`wget -S -O- URL 2>&1`): the response headers wget prints indented under
//! "HTTP request sent", the body it saved to standard output, and its own lines around them
//! (the URL line, "Connecting to", the progress bar, "ERROR 502"), read as `curl -i` output.

/// The response in `text` as `curl -i` would show it, and the URL wget asked for; `None` when
/// the text is not wget's.
pub(crate) struct Read {
    pub(crate) response: String,
    pub(crate) url: Option<String>,
}

pub(crate) fn read(text: &str) -> Option<Read> {
    const SENT: &str = "request sent, awaiting response...";
    let lines: Vec<&str> = text.lines().collect();
    // A redirect gives one block a request: the last one is the answer.
    let sent = lines.iter().rposition(|l| l.contains(SENT))?;
    let url = lines[..sent].iter().rev().find_map(|l| url_line(l));
    let mut response = String::new();
    let mut at = sent + 1;
    // wget prints the headers indented by two spaces; without -S only the status is shown,
    // on the line that says the request was sent ("... 502 Bad Gateway").
    while let Some(line) = lines.get(at).and_then(|l| l.strip_prefix("  ")) {
        if response.is_empty() && !line.starts_with("HTTP/") {
            break;
        }
        response.push_str(line.trim_end());
        response.push('\n');
        at += 1;
    }
    if response.is_empty() {
        let (_, said) = lines[sent].split_once(SENT)?;
        let mut words = said.split_whitespace();
        let code = words.next()?;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        response = format!("HTTP/1.1 {code} {}\n", words.collect::<Vec<_>>().join(" "));
    }
    response.push('\n');
    let saving = lines[at..]
        .iter()
        .position(|l| l.starts_with("Saving to: "))
        .map(|i| at + i + 1);
    if let Some(from) = saving {
        let mut body: Vec<&str> = Vec::new();
        for line in &lines[from..] {
            if is_progress(line) || is_closing(line) {
                break;
            }
            match progress_at_end(line) {
                Some(kept) => {
                    body.push(kept);
                    break;
                }
                None => body.push(line),
            }
        }
        response.push_str(body.join("\n").trim_end());
    }
    Some(Read { response, url })
}

/// `--2026-12-03 16:37:31--  http://host/path`: the URL of a request wget made.
fn url_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix("--")?;
    let (_, url) = rest.split_once("--")?;
    let url = url.trim();
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_owned())
}

/// wget's progress line (`     0K ....   100% 42.8M=0s`).
fn is_progress(line: &str) -> bool {
    progress_start(line) == Some(0)
}

/// Where a progress line begins in `line`, when it does: after a body with no final newline
/// it follows the body's last characters on the same line.
fn progress_start(line: &str) -> Option<usize> {
    let at = line.find("K ")?;
    let before = &line[..at];
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || !line[at..].contains('=') {
        return None;
    }
    let number = at - digits;
    let spaces = line[..number].len() - line[..number].trim_end().len();
    (spaces >= 4 || number == spaces).then_some(number - spaces)
}

/// The body's last line with the progress line that followed it on the same line cut off.
fn progress_at_end(line: &str) -> Option<&str> {
    progress_start(line)
        .filter(|&start| start > 0)
        .map(|start| &line[..start])
}

/// wget's closing lines: the error it reports, or where it saved the body.
fn is_closing(line: &str) -> bool {
    let stamped = line.len() > 20 && line.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    stamped
        && (line.contains(" ERROR ")
            || line.contains(" saved ")
            || line.contains("written to stdout"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WGET_502: &str = "$ wget -S -O- http://127.0.0.1:28011/dead/api/orders\n\
--2026-12-03 16:37:31--  http://127.0.0.1:28011/dead/api/orders\n\
Connecting to 127.0.0.1:28011... connected.\n\
HTTP request sent, awaiting response... \n  HTTP/1.1 502 Bad Gateway\n  content-type: application/json\n  via: 1.1 orders-gw\n  content-length: 28\n\
Saving to: \u{2018}STDOUT\u{2019}\n{\"error\":\"upstream refused\"}\n\n     0K                                                       100% 42.8M=0s\n\n\
2026-12-03 16:37:31 ERROR 502: Bad Gateway.\n";

    #[test]
    fn wget_s_gives_the_status_headers_body_and_url() {
        let read = read(WGET_502).unwrap();
        assert_eq!(
            read.response,
            "HTTP/1.1 502 Bad Gateway\ncontent-type: application/json\nvia: 1.1 orders-gw\ncontent-length: 28\n\n{\"error\":\"upstream refused\"}"
        );
        assert_eq!(
            read.url.as_deref(),
            Some("http://127.0.0.1:28011/dead/api/orders")
        );
    }

    #[test]
    fn a_body_without_a_final_newline_loses_the_progress_line_after_it() {
        let text = "HTTP request sent, awaiting response... \n  HTTP/1.1 503 Service Unavailable\nSaving to: 'STDOUT'\nBilling is down.     0K                                                       100% 16.5M=0s\n";
        assert_eq!(
            read(text).unwrap().response,
            "HTTP/1.1 503 Service Unavailable\n\nBilling is down."
        );
    }

    #[test]
    fn without_dash_s_the_status_is_on_the_request_line() {
        let text = "--2026-12-03 16:37:31--  https://api.example.test/v1/orders\nResolving api.example.test... 10.0.0.7\nHTTP request sent, awaiting response... 504 Gateway Time-out\n2026-12-03 16:37:31 ERROR 504: Gateway Time-out.\n";
        let read = read(text).unwrap();
        assert_eq!(read.response, "HTTP/1.1 504 Gateway Time-out\n\n");
        assert_eq!(
            read.url.as_deref(),
            Some("https://api.example.test/v1/orders")
        );
    }

    #[test]
    fn other_text_is_not_wgets() {
        assert!(read("HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n").is_none());
        assert!(read("HTTP request sent, awaiting response... \nnothing\n").is_none());
    }
}

//! What a web application firewall blocks, read from the request the paste shows: an attack
//! in the URL (SQL injection, script injection, path traversal, a shell command) or a
//! scanner's User-Agent. A 403 or 406 to such a request is most often the WAF's, whoever's
//! page it wears (`ModSecurity` answers with the web server's own). The patterns are data.

use percent_encoding::percent_decode_str;

use super::Seen;

/// Fragments of a decoded, lower-case URL or request body that firewalls' core rules block,
/// and what each is.
const ATTACKS_IN_URL: &[(&str, &str)] = &[
    ("' or '", "SQL injection"),
    ("' or 1=1", "SQL injection"),
    (" or 1=1", "SQL injection"),
    ("union select", "SQL injection"),
    ("union all select", "SQL injection"),
    ("information_schema", "SQL injection"),
    ("sleep(", "SQL injection"),
    ("benchmark(", "SQL injection"),
    ("xp_cmdshell", "SQL injection"),
    ("drop table", "SQL injection"),
    ("select * from", "SQL injection"),
    ("<script", "script injection"),
    ("javascript:", "script injection"),
    ("onerror=", "script injection"),
    ("onload=", "script injection"),
    ("onclick=", "script injection"),
    ("onmouseover=", "script injection"),
    ("<iframe", "script injection"),
    ("<svg", "script injection"),
    ("../", "path traversal"),
    ("..\\", "path traversal"),
    ("/etc/passwd", "path traversal"),
    ("/etc/shadow", "path traversal"),
    (";cat ", "a shell command"),
    (";echo", "a shell command"),
    ("|echo", "a shell command"),
    (";wget ", "a shell command"),
    (";curl ", "a shell command"),
    ("|cat ", "a shell command"),
    ("$(", "a shell command"),
    ("${jndi:", "a Log4Shell lookup"),
    ("<?php", "PHP code"),
];

/// User-Agents of scanners that firewalls block on sight, lower case.
const SCANNERS: &[&str] = &[
    "sqlmap",
    "nikto",
    "nmap",
    "masscan",
    "zgrab",
    "nuclei",
    "wpscan",
    "acunetix",
    "nessus",
    "dirbuster",
    "gobuster",
    "ffuf",
    "wfuzz",
    "w3af",
    "openvas",
    "arachni",
    "hydra",
];

/// Percent-decodes a URL (`%27` is `'`, `+` a space), lossily, in lower case.
fn decoded(url: &str) -> String {
    percent_decode_str(&url.replace('+', " "))
        .decode_utf8_lossy()
        .to_lowercase()
}

/// What the request carried that a firewall blocks, in words ("SQL injection in the URL",
/// "the scanner sqlmap"), when the paste shows the request.
pub(super) fn attack_in_request(seen: &Seen<'_>) -> Option<String> {
    // A form or JSON body is read as sent: a firewall inspects it as it inspects the URL.
    let parts = [
        (seen.response.url.as_deref(), "the URL"),
        (seen.response.request_body.as_deref(), "the request body"),
    ];
    for (text, where_) in parts {
        let Some(text) = text.map(decoded) else {
            continue;
        };
        if let Some((_, what)) = ATTACKS_IN_URL.iter().find(|(f, _)| text.contains(f)) {
            return Some(format!("{what} in {where_}"));
        }
    }
    seen.response
        .request_headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
        .find_map(|(_, v)| {
            let v = v.to_lowercase();
            SCANNERS
                .iter()
                .find(|s| v.contains(*s))
                .map(|s| format!("the scanner {s} as its User-Agent"))
        })
}

/// The request sent JSON that does not parse (`-d '{"sku": '`). A web server passes a body on
/// unread; a firewall module that inspects bodies (`ModSecurity`'s body processor) refuses one
/// it cannot parse, with the web server's own 400 or 500 page.
pub(super) fn broken_json_sent(seen: &Seen<'_>) -> bool {
    let Some(body) = seen.response.request_body.as_deref() else {
        return false;
    };
    let typed_json =
        seen.response.request_headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("content-type") && v.to_lowercase().contains("json")
        });
    let looks_json = body.trim_start().starts_with(['{', '[']);
    typed_json && looks_json && serde_json::from_str::<serde_json::Value>(body).is_err()
}

#[cfg(test)]
mod tests {
    use super::decoded;

    #[test]
    fn urls_are_decoded_before_they_are_read() {
        assert_eq!(
            decoded("/search?q=1%27%20OR%20%271%27%3D%271"),
            "/search?q=1' or '1'='1"
        );
        assert_eq!(decoded("/a+b%3Cscript%3E"), "/a b<script>");
        // A cut escape is kept as it is.
        assert_eq!(decoded("/x%2"), "/x%2");
        assert_eq!(decoded("/x%zz"), "/x%zz");
    }
}

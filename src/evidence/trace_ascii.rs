//! `curl --trace-ascii` output: every byte sent and received, in blocks headed `=> Send header`
//! or `<= Recv data, 46 bytes (0x2e)`, each line of a block behind its offset (`0040: `), TLS
//! records and `== Info:` lines between them. Read back into the `curl -v` transcript it holds
//! (`>` lines for the request, `<` lines for the response, then the body), so the one reader of
//! transcripts reads it. With `--trace-ascii -` the body curl saved to standard output lies
//! among the blocks too, exact where the trace shows its line breaks as dots.

/// The `curl -v` form of `text`, when it is `--trace-ascii` output.
pub(crate) fn read(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| l.starts_with("<= Recv header,")) {
        return None;
    }
    let mut out = String::new();
    // The command line and anything else above the trace stay as they were.
    for line in lines
        .iter()
        .take_while(|l| block_kind(l).is_none() && !is_info(l))
    {
        out.push_str(line);
        out.push('\n');
    }
    let mut request = Vec::new();
    let mut response: Vec<String> = Vec::new();
    let mut traced_body = String::new();
    let mut saved_body: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(kind) = block_kind(lines[at]) else {
            // Past the first data block, a line that is no part of the trace is the body curl
            // wrote to standard output; curl's next Info line may be glued to its end.
            if !traced_body.is_empty() && !is_info(lines[at]) && offset_line(lines[at]).is_none() {
                let line = lines[at];
                saved_body.push(line.find("== Info:").map_or(line, |i| &line[..i]));
            }
            at += 1;
            continue;
        };
        let mut content = String::new();
        at += 1;
        while let Some(part) = lines.get(at).and_then(|l| offset_line(l)) {
            content.push_str(part);
            // curl fills a line with 64 bytes; a line that ends sooner ended at a CR LF.
            if part.len() < 64 {
                content.push('\n');
            }
            at += 1;
        }
        match kind {
            Block::SendHeader => request.extend(content_lines(&content)),
            Block::RecvHeader => {
                let line = content.trim_end().to_owned();
                // A new status line (after a `100 Continue` or a redirect) starts the answer
                // again.
                if line.starts_with("HTTP/") {
                    response.clear();
                    traced_body.clear();
                    saved_body.clear();
                }
                if !line.is_empty() {
                    response.push(line);
                }
            }
            Block::RecvData => traced_body.push_str(content.trim_end_matches('\n')),
            Block::Other => {}
        }
    }
    if response.is_empty() {
        return None;
    }
    for line in &request {
        out.push_str("> ");
        out.push_str(line);
        out.push('\n');
    }
    if !request.is_empty() {
        out.push_str(">\n");
    }
    for line in &response {
        out.push_str("< ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("<\n");
    if saved_body.iter().any(|l| !l.trim().is_empty()) {
        out.push_str(&saved_body.join("\n"));
    } else {
        out.push_str(&traced_body);
    }
    out.push('\n');
    Some(out)
}

#[derive(Clone, Copy)]
enum Block {
    SendHeader,
    RecvHeader,
    RecvData,
    Other,
}

/// The kind of block a line heads, if it heads one.
fn block_kind(line: &str) -> Option<Block> {
    let (arrow, rest) = line.split_at_checked(3)?;
    if arrow != "=> " && arrow != "<= " {
        return None;
    }
    Some(if rest.starts_with("Send header,") {
        Block::SendHeader
    } else if rest.starts_with("Recv header,") {
        Block::RecvHeader
    } else if rest.starts_with("Recv data,") {
        Block::RecvData
    } else {
        Block::Other
    })
}

fn is_info(line: &str) -> bool {
    line.starts_with("== Info:")
}

/// The bytes shown on a line of a block, behind its hexadecimal offset (`0040: `).
fn offset_line(line: &str) -> Option<&str> {
    let (offset, rest) = line.split_at_checked(4)?;
    let rest = rest
        .strip_prefix(": ")
        .or_else(|| (rest == ":").then_some(""))?;
    offset
        .bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then_some(rest)
}

/// The request's lines in a `Send header` block: curl breaks its lines where the request had
/// them (a CR LF ends an offset line early).
fn content_lines(content: &str) -> Vec<String> {
    content
        .split('\n')
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTTP1: &str = "$ curl --trace-ascii - http://127.0.0.1:8080/api/stock\n\
== Info:   Trying 127.0.0.1:8080...\n\
== Info: Connected to 127.0.0.1 (127.0.0.1) port 8080 (#0)\n\
=> Send header, 87 bytes (0x57)\n\
0000: GET /api/stock HTTP/1.1\n\
0019: Host: 127.0.0.1:8080\n\
002f: User-Agent: curl/7.88.1\n\
0048: Accept: */*\n\
0055: \n\
<= Recv header, 34 bytes (0x22)\n\
0000: HTTP/1.1 503 Service Unavailable\n\
<= Recv header, 18 bytes (0x12)\n\
0000: retry-after: 120\n\
<= Recv header, 2 bytes (0x2)\n\
0000: \n\
<= Recv data, 74 bytes (0x4a)\n\
0000: {\"status\":503,\"error\":\"maintenance\",\"detail\":\"inventory sync in \n\
0040: progress\"}\n\
{\"status\":503,\"error\":\"maintenance\",\"detail\":\"inventory sync in progress\"}== Info: Connection #0 to host 127.0.0.1 left intact\n";

    #[test]
    fn a_trace_reads_as_the_transcript_it_holds() {
        let read = read(HTTP1).unwrap();
        assert!(read.starts_with("$ curl --trace-ascii -"), "{read}");
        assert!(
            read.contains("> GET /api/stock HTTP/1.1\n> Host: 127.0.0.1:8080\n"),
            "{read}"
        );
        assert!(read.contains("< HTTP/1.1 503 Service Unavailable\n< retry-after: 120\n<\n"));
        assert!(read.ends_with(
            "<\n{\"status\":503,\"error\":\"maintenance\",\"detail\":\"inventory sync in progress\"}\n"
        ), "{read}");
    }

    #[test]
    fn without_the_saved_body_the_traced_bytes_are_the_body() {
        let mut trace = String::new();
        for line in HTTP1.lines().filter(|l| !l.starts_with("{\"status\"")) {
            trace.push_str(line);
            trace.push('\n');
        }
        let read = read(&trace).unwrap();
        assert!(read.ends_with("inventory sync in progress\"}\n"), "{read}");
    }

    #[test]
    fn other_text_is_no_trace() {
        assert_eq!(read("HTTP/1.1 200 OK\nServer: x\n\nok\n"), None);
        assert_eq!(read("< HTTP/2 502\n< server: nginx\n"), None);
    }
}

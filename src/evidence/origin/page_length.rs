//! A front's own page known by its length when the body was not shown (a HEAD request, a
//! headers-only paste): nginx writes the same page for a status and a version every time, so
//! its `Content-Length` names it.

use super::signatures::{FRONTS, Front};
use super::{Seen, Signal, Toward};

/// The short name of the signal, by which the verdict knows that no page was seen.
pub(super) const BY_LENGTH: &str = "nginx's page, by its length";

/// The titles of nginx's own pages (`ngx_http_special_response.c`), where its page says the
/// code twice: in the title and in the heading. Its 401 page and its redirects are worded
/// otherwise than its status lines (`302 Found` under `302 Moved Temporarily`).
const NGINX_PAGE_TITLES: &[(u16, &str)] = &[
    (301, "301 Moved Permanently"),
    (302, "302 Found"),
    (303, "303 See Other"),
    (307, "307 Temporary Redirect"),
    (308, "308 Permanent Redirect"),
    (400, "400 Bad Request"),
    (401, "401 Authorization Required"),
    (402, "402 Payment Required"),
    (403, "403 Forbidden"),
    (404, "404 Not Found"),
    (405, "405 Not Allowed"),
    (406, "406 Not Acceptable"),
    (408, "408 Request Time-out"),
    (409, "409 Conflict"),
    (410, "410 Gone"),
    (411, "411 Length Required"),
    (412, "412 Precondition Failed"),
    (413, "413 Request Entity Too Large"),
    (414, "414 Request-URI Too Large"),
    (415, "415 Unsupported Media Type"),
    (416, "416 Requested Range Not Satisfiable"),
    (421, "421 Misdirected Request"),
    (429, "429 Too Many Requests"),
    (500, "500 Internal Server Error"),
    (501, "501 Not Implemented"),
    (502, "502 Bad Gateway"),
    (503, "503 Service Temporarily Unavailable"),
    (504, "504 Gateway Time-out"),
    (505, "505 HTTP Version Not Supported"),
    (507, "507 Insufficient Storage"),
];

/// The length of nginx's own page for `status` when it signs it `signature` (its Server value:
/// `nginx/1.22.1`, or `nginx` with `server_tokens off`).
fn nginx_page_length(status: u16, signature: &str) -> Option<usize> {
    let (_, title) = NGINX_PAGE_TITLES.iter().find(|(code, _)| *code == status)?;
    let page = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1>\
         </center>\r\n<hr><center>{signature}</center>\r\n</body>\r\n</html>\r\n"
    );
    Some(page.len())
}

/// nginx's own page, known by its length: the body was not shown, the type is HTML and
/// `Content-Length` is exactly that of the page nginx writes for this status under this
/// `Server`. An app's page of that very length, under nginx's name, would be a coincidence.
pub(super) fn page_by_length(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<&'static Front> {
    if !seen.body.trim().is_empty() || !seen.has("content-type", "text/html") {
        return None;
    }
    let status = seen.response.status?;
    let signature = seen
        .values("server")
        .find(|v| v.starts_with("nginx") && !v.contains(' '))?;
    let length: usize = seen.values("content-length").next()?.trim().parse().ok()?;
    if nginx_page_length(status, signature)? != length {
        return None;
    }
    let nginx = FRONTS.iter().find(|f| f.product == "nginx")?;
    signals.push(Signal::new(
        BY_LENGTH,
        format!(
            "Content-Length {length} with no body shown: the exact length of the page nginx \
             writes itself for {status} under Server: {signature} (an app's page of that very \
             length would be a coincidence)"
        ),
        Toward::Layer(nginx.layer, Some(nginx.product.to_owned())),
        super::signatures::PAGE - 1,
    ));
    Some(nginx)
}

#[cfg(test)]
mod tests {
    use super::nginx_page_length;

    #[test]
    fn lengths_match_the_pages_nginx_sends() {
        // As captured from nginx 1.22.1 with `curl -sI`, and with `server_tokens off`.
        assert_eq!(nginx_page_length(404, "nginx/1.22.1"), Some(153));
        assert_eq!(nginx_page_length(403, "nginx/1.22.1"), Some(153));
        assert_eq!(nginx_page_length(301, "nginx/1.22.1"), Some(169));
        assert_eq!(nginx_page_length(302, "nginx/1.22.1"), Some(145));
        assert_eq!(nginx_page_length(404, "nginx"), Some(146));
        assert_eq!(nginx_page_length(418, "nginx"), None);
    }
}

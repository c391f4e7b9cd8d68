//! A front's own page known by its length when the body was not shown (a HEAD request, a
//! headers-only paste): nginx writes the same page for a status and a version every time, so
//! its `Content-Length` names it.

use super::signatures::{FRONTS, Front, NGINX_REASONS};
use super::{Seen, Signal, Toward};

/// The short name of the signal, by which the verdict knows that no page was seen.
pub(super) const BY_LENGTH: &str = "nginx's page, by its length";

/// Where nginx's page title words a code otherwise than its status line
/// (`ngx_http_special_response.c`): its 401 page, and its redirect pages (`302 Found` under
/// `302 Moved Temporarily`). Every other page is titled as its status line (`NGINX_REASONS`).
const NGINX_OTHER_TITLES: &[(u16, &str)] = &[
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (401, "Authorization Required"),
];

/// The length of nginx's own page for `status` when it signs it `signature` (its Server value:
/// `nginx/1.22.1`, or `nginx` with `server_tokens off`).
fn nginx_page_length(status: u16, signature: &str) -> Option<usize> {
    let (_, words) = NGINX_OTHER_TITLES
        .iter()
        .chain(NGINX_REASONS)
        .find(|(code, _)| *code == status)?;
    // The page says the code twice, in its title and in its heading.
    let title = format!("{status} {words}");
    let page = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1>\
         </center>\r\n<hr><center>{signature}</center>\r\n</body>\r\n</html>\r\n"
    );
    Some(page.len())
}

/// nginx's 400s for what it refuses before reading a request whole (`ngx_http_error_494_page`
/// to `_497_`): titled by the reason, headed `400 Bad Request`, the reason again under it.
const NGINX_400_REASONS: &[&str] = &[
    "Request Header Or Cookie Too Large",
    "The SSL certificate error",
    "No required SSL certificate was sent",
    "The plain HTTP request was sent to HTTPS port",
];

/// The lengths of nginx's 400 pages that name their reason, under `signature`.
fn nginx_400_lengths(signature: &str) -> impl Iterator<Item = usize> + '_ {
    NGINX_400_REASONS.iter().map(move |reason| {
        format!(
            "<html>\r\n<head><title>400 {reason}</title></head>\r\n<body>\r\n<center><h1>400 \
             Bad Request</h1></center>\r\n<center>{reason}</center>\r\n<hr><center>{signature}\
             </center>\r\n</body>\r\n</html>\r\n"
        )
        .len()
    })
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
    let its_length = nginx_page_length(status, signature) == Some(length)
        || status == 400 && nginx_400_lengths(signature).any(|l| l == length);
    if !its_length {
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
        // Round 108's "Request Header Or Cookie Too Large", as nginx 1.22.1 sent it.
        assert!(super::nginx_400_lengths("nginx/1.22.1").any(|l| l == 233));
    }
}

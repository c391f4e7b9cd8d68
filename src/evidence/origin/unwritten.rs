//! What a front named in `Server` would not have written itself (nginx signs its pages,
//! Apache writes its own in ISO-8859-1 HTML, Caddy's are empty): an error under its name in
//! another form was passed on from upstream.

use super::Seen;
use super::body_shown::declares_a_body;
use super::forwarding::static_file_marks;

/// A gateway status's HTML page under nginx's name that is none of nginx's (which it signs
/// with its name) and no file it serves; or any error's such page typed `charset=utf-8`,
/// which nginx adds to nothing it writes or serves unless configured to (over every round,
/// such pages were the app's 135 times, nginx's once). Whether it is so typed, if so.
pub(super) fn nginx_would_sign(seen: &Seen<'_>, page: bool) -> Option<bool> {
    let utf8 = seen
        .values("content-type")
        .any(|v| v.starts_with("text/html") && v.contains("charset=utf-8"));
    let html = seen
        .values("content-type")
        .any(|v| v.starts_with("text/html"));
    // A headers-only paste shows the type and length of a body it left out.
    let shown_or_typed = !seen.body.trim().is_empty() || utf8 && declares_a_body(seen);
    (!page
        && html
        && (seen.status_is(&[502, 503, 504]) || seen.error() && utf8)
        && !static_file_marks(seen)
        && shown_or_typed
        && seen.front_named().is_some_and(|f| f.product == "nginx"))
    .then_some(utf8)
}

/// A JSON or plain-text error under Apache's name, its body not shown (`curl -sI`, cut after
/// the headers), and no file's date: Apache writes its own errors as HTML, and serves a JSON
/// or text error document as a file (over every round, JSON errors under its name with no
/// file's date were the app's 247 times, a Lua handler's of Apache's own 4 times, all of those
/// with a body shown; plain text so, the app's 33 times of 33).
pub(super) fn apache_unshown_not_html(seen: &Seen<'_>, page: bool) -> bool {
    !page
        && seen.error()
        && seen.body.trim().is_empty()
        && declares_a_body(seen)
        && seen
            .values("content-type")
            .any(|v| v.contains("json") || v.starts_with("text/plain"))
        && !static_file_marks(seen)
        && seen.front_named().is_some_and(|f| f.product == "Apache")
}

/// An HTML error page under Caddy's name that is none of a known product's pages and no file
/// it serves: Caddy's own errors are empty unless its operator writes them (over every round,
/// such error pages under its name were passed on from upstream 50 times of 50: the app's,
/// or a front's behind it).
pub(super) fn caddy_would_not_write(seen: &Seen<'_>, page: bool) -> bool {
    html_error_served_by_no_file(seen, page)
        && seen.front_named().is_some_and(|f| f.product == "Caddy")
}

/// An HTML error page, none of a known product's, with no file's date or tag on it: what a
/// front that writes its own errors otherwise (empty, or a line of text) passed on.
fn html_error_served_by_no_file(seen: &Seen<'_>, page: bool) -> bool {
    !page
        && seen.error()
        && seen
            .values("content-type")
            .any(|v| v.starts_with("text/html"))
        && !static_file_marks(seen)
        && !seen.body.trim().is_empty()
}

/// An HTML error page under h2o's name that h2o would not have written: it answers its own
/// errors with a line of plain text ("connection failed"), and a page it serves from a file
/// carries the file's date. Over every round, such pages were upstream's 14 times of 14.
pub(super) fn h2o_would_not_write(seen: &Seen<'_>, page: bool) -> bool {
    html_error_served_by_no_file(seen, page) && seen.values("server").any(|v| v.starts_with("h2o"))
}

/// An HTML or plain-text error under Apache's name that Apache would not have written: none of
/// its pages, no file's date, and a charset other than the ISO-8859-1 it writes its own pages
/// in.
pub(super) fn apache_would_not_write(seen: &Seen<'_>, page: bool) -> bool {
    let text = seen
        .values("content-type")
        .any(|v| v.starts_with("text/html") || v.starts_with("text/plain"));
    let its_charset = seen
        .values("content-type")
        .any(|v| v.contains("iso-8859-1"));
    !page
        && seen.error()
        && text
        && !its_charset
        && !static_file_marks(seen)
        && !seen.body.trim().is_empty()
        && seen.front_named().is_some_and(|f| f.product == "Apache")
}

/// The front named in `Server` that would not have written this error page itself (see the
/// rules above, and an empty error under the name of one that writes a page on each of its
/// own): whatever the status, it passed the page on from upstream.
pub(super) fn named_front_did_not_write(seen: &Seen<'_>, page: bool) -> Option<&'static str> {
    let named = seen.front_named()?.product;
    (nginx_would_sign(seen, page).is_some()
        || super::body::empty_error_passed_on(seen)
        || apache_would_not_write(seen, page)
        || apache_json_not_its_own(seen, page)
        || caddy_would_not_write(seen, page))
    .then_some(named)
}

/// A JSON error under Apache's name with no file's date or tag, shown or not: Apache writes
/// its own errors as HTML and serves a JSON error document as a file (over every round such
/// errors were the app's 247 times, a Lua handler's of Apache's own 4 times, none of those a
/// gateway status).
pub(super) fn apache_json_not_its_own(seen: &Seen<'_>, page: bool) -> bool {
    !page
        && seen.error()
        && seen.values("content-type").any(|v| v.contains("json"))
        && !static_file_marks(seen)
        && seen.front_named().is_some_and(|f| f.product == "Apache")
}

//! The credential check for a 401 or 403, judged together with the response: what the request
//! carried (headers named, values never kept), what the server asked for in `WWW-Authenticate`
//! (RFC 6750 `error`, `error_description`, `scope`), and a bearer JWT decoded here, never sent
//! anywhere and never verified against a key, its times and audience read against the
//! response's `Date` (or now). Findings come most serious first, in words that follow "token"
//! in an evidence line ("token expired 3 min before the request"). Pure: the time is passed in.

mod challenge;
mod claims;
mod credentials;
mod jwt;

pub use challenge::Challenge;
pub use claims::{Expected, check};
pub use credentials::{Credentials, Judged, Presented, RequestShown, is_credential_header, judge};
pub use jwt::{TokenCheck, TokenError, find_jwt};

#[cfg(test)]
mod tests;

//! Access logs read into per-minute counts, routes, upstreams and clients: the format told
//! from the first lines (`formats`), times read without allocating (`time`), paths grouped by
//! pattern (`routes`), the counters (`picture`) and what they say: onset, spread, sparkline
//! (`findings`). Pure: the caller streams the bytes in, line by line, from a file, a `.gz` or
//! standard input.

pub mod findings;
pub mod formats;
pub mod picture;
pub mod routes;
pub mod time;

pub use formats::{Format, JsonFields};
pub use picture::{Failing, Picture, Reader};

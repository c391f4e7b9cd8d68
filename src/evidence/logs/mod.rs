//! Access logs read into per-minute counts, routes, upstreams and clients: the format told
//! from the first lines (`formats`), times read without allocating (`time`), paths grouped by
//! pattern (`routes`), and the picture of the incident made from them (`picture`). Pure: the
//! caller streams the bytes in, line by line, from a file, a `.gz` or standard input.

pub mod formats;
pub mod routes;
pub mod time;

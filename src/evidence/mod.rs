//! Reading evidence: what pasted text shows (request ids, timestamps, full requests...), so
//! the team's `needs` tick off as evidence arrives. Pure: no I/O, no clock.

pub mod ids;
pub mod needs;

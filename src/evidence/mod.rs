//! Reading evidence: the response in pasted text (`response`), the request that got it, read
//! once for the command that sends it again and the headers it carried (`request`), who
//! returned it (`origin`), the command line and prompt a paste starts with (`command_line`), the ids in it (`ids`), the token judged with the response (`token`),
//! how long it took phase by phase (`timing`), which of the team's `needs` it fills
//! (`needs`), a known-good response against a failing one (`compare`), an alert payload
//! (`alerts`), and access logs read into a picture of the incident (`logs`). Pure: no I/O,
//! no clock.

pub mod alerts;
pub mod analysis;
mod body_status;
mod command_line;
pub mod compare;
pub mod ids;
pub mod logs;
pub mod needs;
pub mod origin;
pub mod request;
pub mod response;
mod socket_tools;
pub mod timing;
pub mod token;
mod trace_ascii;
mod wget;

//! Reading evidence: the response in pasted text (`response`), the request that got it, read
//! once for the command that sends it again and the headers it carried (`request`), who
//! returned it (`origin`), the ids in it (`ids`), the token judged with the response (`token`),
//! and which of the team's `needs` it fills (`needs`). Pure: no I/O, no clock.

pub mod analysis;
pub mod ids;
pub mod logs;
pub mod needs;
pub mod origin;
pub mod request;
pub mod response;
pub mod token;

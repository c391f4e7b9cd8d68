//! Reading evidence: the response in pasted text (`response`), the request that got it and the
//! command that sends it again (`request`), who returned it (`origin`), the ids in it (`ids`),
//! the headers a request carried and the token judged with the response (`sent`, `token`), and
//! which of the team's `needs` it fills (`needs`). Pure: no I/O, no clock.

pub mod analysis;
pub mod ids;
pub mod needs;
pub mod origin;
pub mod request;
pub mod response;
pub mod sent;
pub mod token;

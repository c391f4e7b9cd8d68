//! Reading evidence: the response in pasted text (`response`), who returned it (`origin`), the
//! ids in it (`ids`), the request's credentials and the token judged with the response
//! (`request`, `token`), and which of the team's `needs` it fills (`needs`). Pure: no I/O, no
//! clock.

pub mod analysis;
pub mod ids;
pub mod needs;
pub mod origin;
pub mod request;
pub mod response;
pub mod token;

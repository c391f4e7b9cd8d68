//! TEMPORARY stand-in until the redaction rules land (same API).
pub const MARK: &str = "[REDACTED]";
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub count: usize,
    pub rules: Vec<(String, usize)>,
}
#[derive(Debug, thiserror::Error)]
#[error("redaction pattern `{name}` is not a valid regular expression: {message}")]
pub struct PatternError {
    pub name: String,
    pub message: String,
}
#[derive(Debug, Default)]
pub struct Redactor;
impl Redactor {
    pub fn new() -> Self {
        Self
    }
    pub fn with_custom(_custom: &[(String, String)]) -> Result<Self, PatternError> {
        Ok(Self)
    }
    pub fn redact(&self, text: &str) -> Redacted {
        Redacted {
            text: text.to_owned(),
            count: 0,
            rules: Vec::new(),
        }
    }
}

//! `StatusCode`: the one type for "an HTTP status code" (100 to 599) and its class, used by
//! the runbook format, the interview, the evidence reader and the command line alike.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An HTTP status code between 100 and 599, checked while parsing so the error points at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "u16")]
pub struct StatusCode(u16);

impl<'de> Deserialize<'de> for StatusCode {
    /// Checked inside the visitor, so the parser attaches the position of the number itself.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = StatusCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an HTTP status code (an integer from 100 to 599)")
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<StatusCode, E> {
                StatusCode::try_from(value).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<StatusCode, E> {
                StatusCode::try_from(i64::try_from(value).unwrap_or(i64::MAX)).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(CodeVisitor)
    }
}

impl StatusCode {
    /// Builds a status code, refusing anything outside 100-599.
    pub fn new(code: u16) -> Option<Self> {
        (100..=599).contains(&code).then_some(Self(code))
    }

    /// Whether `code` is a status code at all: 100 to 599.
    pub fn is_valid(code: u16) -> bool {
        Self::new(code).is_some()
    }

    pub fn get(self) -> u16 {
        self.0
    }

    /// The class digit: 1 for 1xx up to 5 for 5xx.
    pub fn class(self) -> u8 {
        // 100..=599 divided by 100 always fits in a u8.
        u8::try_from(self.0 / 100).unwrap_or(5)
    }
}

impl TryFrom<i64> for StatusCode {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u16::try_from(value)
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| format!("status code {value} is outside 100-599"))
    }
}

impl From<StatusCode> for u16 {
    fn from(code: StatusCode) -> Self {
        code.0
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl JsonSchema for StatusCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatusCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 100,
            "maximum": 599,
            "description": "An HTTP status code, 100 to 599."
        })
    }
}

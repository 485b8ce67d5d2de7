//! The rest-json error format, read the way botocore reads it: the code from `x-amzn-ErrorType` (anything
//! after `:` dropped), else the body's `code`/`Code`, else `__type` (after `#`), else the HTTP status; the
//! message from `message` or `Message`.

use alloc::format;
use alloc::string::{String, ToString};
use serde::Deserialize;

/// An error response from a KVS API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default, rename = "__type")]
    kind: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "Code")]
    code_upper: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "Message")]
    message_upper: Option<String>,
}

impl ServiceError {
    /// Reads an error from its status, the `x-amzn-ErrorType` header and the body. Never fails: a body that
    /// is not JSON leaves the message empty and the code falls back to the status.
    pub fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> ServiceError {
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
        let from_header = error_type_header
            .map(|h| h.split(':').next().unwrap_or_default().trim())
            .filter(|h| !h.is_empty())
            .map(ToString::to_string);
        let from_type =
            parsed.kind.as_deref().map(|t| t.rsplit('#').next().unwrap_or(t).to_string()).filter(|t| !t.is_empty());
        let code =
            from_header.or(parsed.code).or(parsed.code_upper).or(from_type).unwrap_or_else(|| format!("HTTP{status}"));
        let message = parsed.message.or(parsed.message_upper).unwrap_or_default();
        ServiceError { status, code, message }
    }

    /// The C SDK's and the service's clock-skew signal on a 403.
    pub fn is_clock_skew(&self) -> bool {
        self.message.contains("Signature expired") || self.message.contains("Signature not yet current")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_wins_and_is_trimmed() {
        let e = ServiceError::parse(
            404,
            Some("ResourceNotFoundException:http://internal.amazon.com/"),
            br#"{"message":"The requested channel is not found"}"#,
        );
        assert_eq!(e.code, "ResourceNotFoundException");
        assert_eq!(e.message, "The requested channel is not found");
    }

    #[test]
    fn type_field_with_namespace() {
        let e = ServiceError::parse(400, None, br#"{"__type":"com.amazon#InvalidArgumentException","Message":"bad"}"#);
        assert_eq!((e.code.as_str(), e.message.as_str()), ("InvalidArgumentException", "bad"));
    }

    #[test]
    fn garbage_body_falls_back_to_status() {
        let e = ServiceError::parse(502, None, b"<html>Bad Gateway</html>");
        assert_eq!((e.code.as_str(), e.message.as_str()), ("HTTP502", ""));
    }
}

//! Errors in the service's wire shape: status, `x-amzn-ErrorType`, and a body with `__type` and `Message`
//! (lowercase `message` for the signaling API's InvalidClient and SessionExpired, as the model has it).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into() }
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        ApiError::new(400, "InvalidArgumentException", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(404, "ResourceNotFoundException", message)
    }

    pub fn body(&self) -> serde_json::Value {
        let key = if matches!(self.code, "InvalidClientException" | "SessionExpiredException") {
            "message"
        } else {
            "Message"
        };
        serde_json::json!({ "__type": self.code, key: self.message })
    }
}

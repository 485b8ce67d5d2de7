//! Errors in the service's wire shape: status, `x-amzn-ErrorType`, and a body with `__type` and `Message`
//! (lowercase `message` for the signaling API's InvalidClient and SessionExpired, and for every error of the
//! WebRTC storage API, as the models have it).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// The body's member is `message`, not `Message`.
    lowercase: bool,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        let lowercase = matches!(code, "InvalidClientException" | "SessionExpiredException");
        ApiError { status, code, message: message.into(), lowercase }
    }

    /// The same error as the WebRTC storage API writes it.
    pub fn in_storage_shape(self) -> Self {
        ApiError { lowercase: true, ..self }
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        ApiError::new(400, "InvalidArgumentException", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(404, "ResourceNotFoundException", message)
    }

    /// The JSON body: `{"__type": code, "Message": message}`.
    pub fn body(&self) -> bytes::Bytes {
        let key = if self.lowercase { "message" } else { "Message" };
        super::reply::Reply::json(&serde_json::json!({ "__type": self.code, key: self.message })).into_bytes()
    }
}

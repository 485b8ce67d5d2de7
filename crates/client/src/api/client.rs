//! One signed API call: build, sign at the skew-corrected time, send, check the clock, retry what is worth
//! retrying, and turn the answer into a typed response or an [`Error`] with a next step.

use crate::aws::AwsContext;
use crate::aws::credentials::provider_name;
use crate::aws::signer::sign_request;
use crate::aws::transport::HttpResponse;
use crate::error::{Error, Kind, Result};
use crate::observer::Notice;
use bytes::Bytes;
use kvs_core::api::Operation;
use kvs_core::event::Event;
use kvs_core::service_error::ServiceError;
use kvs_core::signaling::backoff::Backoff;
use kvs_core::skew::SkewChange;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Attempts for throttling, 5xx and connection failures (the AWS CLI's legacy mode makes 5).
const MAX_ATTEMPTS: u32 = 3;
const BACKOFF_BASE_MS: u64 = 100;
const BACKOFF_CAP_MS: u64 = 10_000;

pub const USER_AGENT: &str = concat!("kvs-esp/", env!("CARGO_PKG_VERSION"));

/// A successful call: the parsed body and how long the service took.
pub struct Reply<T> {
    pub body: T,
    pub elapsed: Duration,
}

/// An answer from the service, whatever its status: for the signaling machine, which makes its own
/// decisions about errors.
pub struct RawReply {
    pub status: u16,
    /// `x-amzn-ErrorType`, where the error code is when the body has none.
    pub error_type: Option<String>,
    pub body: Bytes,
    pub elapsed: Duration,
}

/// Calls `op` at `base_url` (the control plane, or the channel's HTTPS endpoint for the signaling API).
pub async fn call<Req: Serialize, Resp: DeserializeOwned>(
    ctx: &AwsContext,
    base_url: &str,
    op: Operation,
    request: &Req,
) -> Result<Reply<Resp>> {
    let body = Bytes::from(serde_json::to_vec(request).map_err(|e| Error::local(format!("encoding failed: {e}")))?);
    let url = format!("{}{}", base_url.trim_end_matches('/'), op.path());
    let mut attempt = 1;
    let mut backoff = Backoff::new(BACKOFF_BASE_MS, BACKOFF_CAP_MS, rand::random());
    loop {
        let result = call_raw(ctx, base_url, op, body.clone()).await;
        let (status, ms) = result.as_ref().map(|r| (r.status, r.elapsed.as_millis() as u64)).unwrap_or((0, 0));
        ctx.observer.notice(Notice::Event(Event::Api { op, status, ms }));
        let reply = match result {
            Ok(reply) => reply,
            Err(err) if err.transient && attempt < MAX_ATTEMPTS => {
                wait(&mut backoff).await;
                attempt += 1;
                continue;
            }
            Err(err) => return Err(err),
        };
        if reply.status == 200 {
            // An operation without output may answer with no body at all (JoinStorageSession does).
            let bytes: &[u8] = if reply.body.is_empty() { b"null" } else { &reply.body };
            let body = serde_json::from_slice(bytes).map_err(|e| malformed(op, &url, &e))?;
            return Ok(Reply { body, elapsed: reply.elapsed });
        }
        let error = ServiceError::parse(reply.status, reply.error_type.as_deref(), &reply.body);
        let retryable = reply.status >= 500 || error.code == "ClientLimitExceededException";
        if retryable && attempt < MAX_ATTEMPTS {
            wait(&mut backoff).await;
            attempt += 1;
            continue;
        }
        return Err(explain(ctx, op, &error).await);
    }
}

/// One signed call, re-signed once when the service refuses the signature's time and the `Date` it sent
/// shows that the local clock is off.
pub async fn call_raw(ctx: &AwsContext, base_url: &str, op: Operation, body: Bytes) -> Result<RawReply> {
    let url = format!("{}{}", base_url.trim_end_matches('/'), op.path());
    let mut skew_retried = false;
    loop {
        let response = send_once(ctx, &url, body.clone()).await?;
        let skew = observe_clock(ctx, &response);
        if response.status == 403 && !skew_retried && skew {
            let error = ServiceError::parse(response.status, response.header("x-amzn-errortype"), &response.body);
            if error.is_clock_skew() {
                skew_retried = true;
                continue;
            }
        }
        let error_type = response.header("x-amzn-errortype").map(String::from);
        return Ok(RawReply { status: response.status, error_type, body: response.body, elapsed: response.elapsed });
    }
}

async fn send_once(ctx: &AwsContext, url: &str, body: Bytes) -> Result<HttpResponse> {
    let uri: http::Uri = url.parse().map_err(|_| Error::input(format!("invalid endpoint URL \"{url}\"")))?;
    let host = uri.authority().map(|a| a.as_str().to_string()).unwrap_or_default();
    let mut request = http::Request::post(uri)
        .header("host", host)
        .header("content-type", "application/json")
        .header("user-agent", USER_AGENT)
        .body(body)
        .map_err(|e| Error::local(format!("building the request failed: {e}")))?;
    let now = ctx.clock.now();
    let creds = ctx.credentials.get(now).await?;
    sign_request(&mut request, &creds, ctx.region.as_str(), now)?;
    ctx.transport.send(request).await
}

/// Applies the response's `Date` to the clock; true when the offset changed (worth re-signing).
fn observe_clock(ctx: &AwsContext, response: &HttpResponse) -> bool {
    let Some(server) = response.date() else { return false };
    match ctx.clock.observe(server, response.received_at) {
        SkewChange::Detected(offset_ms) => {
            ctx.observer.notice(Notice::Event(Event::ClockSkew { offset_ms }));
            ctx.observer.notice(Notice::ClockSkew { offset_ms });
            true
        }
        SkewChange::Cleared | SkewChange::Unchanged => false,
    }
}

/// The core's full-jitter exponential backoff (the signaling machine's), 100 ms·2ⁿ.
async fn wait(backoff: &mut Backoff) {
    tokio::time::sleep(Duration::from_millis(backoff.next_delay_ms())).await;
}

fn malformed(op: Operation, url: &str, err: &serde_json::Error) -> Error {
    Error::network(format!("{} at {url} answered with a malformed response: {err}", op.name()))
        .with_hint("is the endpoint URL a KVS endpoint? Use -v to see the call")
}

/// Turns a service error into a user error with a next step that fits the code.
async fn explain(ctx: &AwsContext, op: Operation, error: &ServiceError) -> Error {
    let detail = if error.message.is_empty() { String::new() } else { format!(": {}", error.message) };
    let message = format!("{} failed with HTTP {}{detail}", op.name(), error.status);
    let creds = ctx.credentials.get(ctx.clock.now()).await.ok();
    let identity = match &creds {
        Some(creds) => format!("access key {} from {}", creds.access_key_id(), provider_name(creds)),
        None => "the configured credentials".to_string(),
    };
    let with_token = creds.as_ref().is_some_and(|c| c.session_token().is_some());
    let (kind, hint) = match error.code.as_str() {
        "ResourceNotFoundException" => {
            (Kind::NotFound, "check the name and --region; create it with `kvs-esp channel create <name>`".to_string())
        }
        "AccessDeniedException" | "NotAuthorizedException" | "AccessDenied" => (
            Kind::Auth,
            format!(
                "the request was signed with {identity} in {}; grant that identity kinesisvideo:{} in IAM",
                ctx.region,
                op.name()
            ),
        ),
        "InvalidSignatureException" | "SignatureDoesNotMatch" | "IncompleteSignatureException" => (
            Kind::Auth,
            format!(
                "check the secret key of {identity} and this computer's clock (offset applied: {} ms)",
                ctx.clock.offset_ms()
            ),
        ),
        "UnrecognizedClientException" | "InvalidClientTokenId" if with_token => (
            Kind::Auth,
            format!(
                "the session token of {identity} was not accepted: refresh the temporary credentials (aws sso login, \
                 a new AWS_SESSION_TOKEN), or check that the token belongs to this access key"
            ),
        ),
        "UnrecognizedClientException" | "InvalidClientTokenId" | "MissingAuthenticationTokenException" => (
            Kind::Auth,
            format!(
                "the endpoint does not know {identity}: are AWS credentials being sent to the emulator, or the reverse?"
            ),
        ),
        "ExpiredTokenException" | "ExpiredToken" | "SessionExpired" | "SessionExpiredException" => {
            (Kind::Auth, format!("{identity} has expired: refresh it (aws sso login, a new session token)"))
        }
        "ClientLimitExceededException" => {
            (Kind::Service, "the call was throttled; wait a moment and retry, or lower the call rate".to_string())
        }
        "ResourceInUseException" => (
            Kind::Service,
            "the channel exists or is busy (being created or deleted); `kvs-esp channel describe` shows its state"
                .to_string(),
        ),
        "VersionMismatchException" => {
            (Kind::Service, "the channel changed since it was read; run the command again".to_string())
        }
        "AccountChannelLimitExceededException" => (
            Kind::Service,
            "the account has as many channels as allowed in this region; delete unused ones or ask for a higher quota"
                .to_string(),
        ),
        "InvalidArgumentException" => (Kind::Input, "the service refused an argument; see the message above".into()),
        _ if error.status >= 500 => {
            (Kind::Service, "the service failed; retry later, and check the AWS Health Dashboard".to_string())
        }
        _ => (Kind::Service, "see the service's message above; -v shows each call".to_string()),
    };
    Error::new(kind, message).with_code(error.code.clone()).with_hint(hint)
}

//! One WebSocket connection: reads and validates client messages, writes what the hub routes to it, and
//! enforces the idle timeout and maximum duration (GO_AWAY, then close after the grace period).

use super::limits::Limiter;
use super::{Admission, Command, Hub, Joining, Peer};
use crate::api_error::ApiError;
use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use kvs_core::message::{Action, ClientFrame, MAX_PAYLOAD_BASE64, StatusResponse, encode_incoming, is_valid_base64};
use kvs_core::names::{ClientId, CorrelationId};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::time::{Instant as Deadline, sleep_until};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig, frame::coding::CloseCode};

/// Small buffers: an idle connection should cost little (the emulator holds thousands in benchmarks). What waits
/// to be written is bounded too: a peer that sends pings and never reads the pongs is disconnected.
fn config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .max_write_buffer_size(256 << 10)
        .max_message_size(Some(64 << 10))
        .max_frame_size(Some(64 << 10))
}

/// A peer that does not take a frame within this long is not reading: its connection is dropped.
const SEND_TIMEOUT: Duration = Duration::from_secs(5);

type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// Writes one message; false when the peer is gone or does not read.
async fn send(ws: &mut Socket, message: Message) -> bool {
    matches!(tokio::time::timeout(SEND_TIMEOUT, ws.send(message)).await, Ok(Ok(())))
}

fn go_away_frame() -> String {
    encode_incoming("GO_AWAY", None, None, None)
}

pub async fn run(hub: Arc<Hub>, upgraded: Upgraded, joining: Joining, admission: Admission) {
    let Admission { connection, mut commands, waiting } = admission;
    let mut ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config())).await;
    let settings = hub.settings.clone();
    let started = Deadline::now();
    let max_end = started + settings.max_duration;
    let mut idle_end = started + settings.idle_timeout;
    let mut close_at: Option<Deadline> = None;
    let mut limiter = Limiter::new(settings.rates);
    for frame in waiting {
        if !send(&mut ws, Message::text(frame)).await {
            hub.leave(&joining.arn, &joining.peer, connection);
            return;
        }
    }
    // One timer for the connection's life, moved only when it fires early or a close is scheduled: re-arming it on
    // every message would take the timer wheel's lock twice per relayed message.
    let timer = sleep_until(idle_end.min(max_end));
    tokio::pin!(timer);
    loop {
        tokio::select! {
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    idle_end = Deadline::now() + settings.idle_timeout;
                    if let Err((corr, error)) = handle(&hub, &joining, &mut limiter, text.as_str())
                        && let Some(corr) = corr
                    {
                        let status = StatusResponse {
                            correlation_id: Some(corr),
                            error_type: Some(error.code.to_string()),
                            status_code: Some(error.status.to_string()),
                            description: Some(error.message),
                        };
                        let frame = encode_incoming("STATUS_RESPONSE", None, None, Some(&status));
                        if !send(&mut ws, Message::text(frame)).await {
                            break;
                        }
                    }
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => idle_end = Deadline::now() + settings.idle_timeout,
                Some(Ok(Message::Binary(_) | Message::Frame(_))) => {}
                // A message over the limit is answered as the service does: a close frame with 1009.
                Some(Err(tokio_tungstenite::tungstenite::Error::Capacity(_))) => {
                    let close = CloseFrame { code: CloseCode::Size, reason: "message too big".into() };
                    let _ = tokio::time::timeout(SEND_TIMEOUT, ws.close(Some(close))).await;
                    break;
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
            },
            command = commands.recv() => match command {
                Some(Command::Frame(frame)) => {
                    if !send(&mut ws, Message::text(frame)).await {
                        break;
                    }
                }
                Some(Command::Binary(bytes)) => {
                    if !send(&mut ws, Message::binary(bytes)).await {
                        break;
                    }
                }
                Some(Command::GoAway) => {
                    if !send(&mut ws, Message::text(go_away_frame())).await {
                        break;
                    }
                    let close = *close_at.get_or_insert(Deadline::now() + settings.go_away_grace);
                    timer.as_mut().reset(close);
                }
                Some(Command::ReconnectIce) => {
                    if !send(&mut ws, Message::text(encode_incoming("RECONNECT_ICE_SERVER", None, None, None))).await {
                        break;
                    }
                }
                // Leaving without a close frame drops the TCP connection under the client.
                Some(Command::Drop) => break,
                Some(Command::Close(reason)) => {
                    let _ = tokio::time::timeout(SEND_TIMEOUT, ws.close(Some(CloseFrame { code: CloseCode::Normal, reason: reason.into() }))).await;
                    break;
                }
                None => break,
            },
            () = &mut timer => {
                let due = close_at.unwrap_or(idle_end.min(max_end));
                if Deadline::now() < due {
                    timer.as_mut().reset(due);
                    continue;
                }
                if close_at.is_some() {
                    let _ = tokio::time::timeout(SEND_TIMEOUT, ws.close(Some(CloseFrame { code: CloseCode::Away, reason: "Going away".into() }))).await;
                    break;
                }
                // Idle or at the maximum duration: GO_AWAY first, as the service does.
                if !send(&mut ws, Message::text(go_away_frame())).await {
                    break;
                }
                let close = Deadline::now() + settings.go_away_grace;
                close_at = Some(close);
                timer.as_mut().reset(close);
            }
        }
    }
    hub.leave(&joining.arn, &joining.peer, connection);
}

type Refusal = (Option<String>, ApiError);

/// Validates one client message and hands it to the hub. The error carries the correlation id to answer
/// with a STATUS_RESPONSE, when the message had a valid one.
fn handle(hub: &Hub, joining: &Joining, limiter: &mut Limiter, text: &str) -> Result<(), Refusal> {
    let frame: ClientFrame = serde_json::from_str(text)
        .map_err(|_| (None, ApiError::invalid_argument("the message is not a JSON object")))?;
    let corr = frame.correlation_id.as_deref().and_then(|c| CorrelationId::new(c).ok()).map(|c| c.to_string());
    let refuse = |message: String| (corr.clone(), ApiError::invalid_argument(message));
    let action = frame.action.as_deref().and_then(Action::parse).ok_or_else(|| {
        let given = frame.action.as_deref().map_or("no action".to_string(), |a| format!("unknown action \"{a}\""));
        refuse(format!("{given}: use SDP_OFFER, SDP_ANSWER or ICE_CANDIDATE"))
    })?;
    let payload = frame.message_payload.as_deref().unwrap_or_default();
    if payload.is_empty() {
        return Err(refuse("messagePayload is empty".into()));
    }
    if payload.len() > MAX_PAYLOAD_BASE64 {
        return Err(refuse(format!("messagePayload is {} characters; at most {MAX_PAYLOAD_BASE64}", payload.len())));
    }
    if !is_valid_base64(payload) {
        return Err(refuse("messagePayload is not valid base64".into()));
    }
    let recipient = match (&joining.peer, frame.recipient_client_id.as_deref()) {
        (Peer::Master, Some(r)) => Some(ClientId::new(r).map_err(|e| refuse(e.to_string()))?.to_string()),
        (Peer::Master, None) => return Err(refuse("a master must give recipientClientId".into())),
        (Peer::Viewer(_), _) => None,
    };
    if !limiter.allow(action, Instant::now()) {
        return Err((
            corr.clone(),
            ApiError::new(
                400,
                "ClientLimitExceededException",
                format!("too many {action} messages on this connection"),
            ),
        ));
    }
    hub.route(&joining.arn, &joining.peer, action, payload, recipient.as_deref()).map_err(|e| (corr.clone(), e))
}

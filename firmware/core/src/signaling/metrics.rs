//! Counters and timings in the spirit of the C SDK's `SignalingClientMetrics`.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metrics {
    /// The last call of each kind, in milliseconds.
    pub describe_ms: Option<u64>,
    pub create_ms: Option<u64>,
    pub get_endpoint_ms: Option<u64>,
    pub get_ice_config_ms: Option<u64>,
    /// The last WebSocket handshake, request to open.
    pub connect_ms: Option<u64>,
    /// From start to the first CONNECTED.
    pub time_to_connected_ms: Option<u64>,
    /// Viewer: own offer sent → answer received. Master: offer received → own answer sent.
    pub offer_to_answer_ms: Option<u64>,
    pub messages_sent: u64,
    pub messages_received: u64,
    pub reconnects: u64,
    pub ice_refreshes: u64,
    pub api_errors: u64,
    pub api_retries: u64,
    /// Frames that could not be read, messages the service reported failed, and similar.
    pub runtime_errors: u64,
    /// Time spent connected, over all connections.
    pub connected_ms: u64,
}

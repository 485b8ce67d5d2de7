//! The machine driven with a fake clock through every transition.

use super::*;
use crate::api::Operation;
use crate::event::Event;
use crate::message::{Action, Outgoing, encode_incoming, to_base64};
use crate::names::{ChannelArn, ChannelRef, ClientId, CorrelationId, MessageTtl, Role};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

const ARN: &str = "arn:aws:kinesisvideo:us-west-2:111122223333:channel/demo/1700000000000";

fn config(role: Role) -> Config {
    Config {
        channel: "demo".parse::<ChannelRef>().unwrap(),
        role,
        client_id: ClientId::new("viewer-1").unwrap(),
        create_if_missing: None,
        cached: None,
        timing: Timing::default(),
        seed: 1,
    }
}

fn describe_ok() -> String {
    format!(
        r#"{{"ChannelInfo":{{"ChannelName":"demo","ChannelARN":"{ARN}","ChannelStatus":"ACTIVE","Version":"v1"}}}}"#
    )
}

fn endpoint_ok() -> &'static str {
    r#"{"ResourceEndpointList":[{"Protocol":"WSS","ResourceEndpoint":"wss://m-1.example"},{"Protocol":"HTTPS","ResourceEndpoint":"https://r-1.example"}]}"#
}

fn ice_ok(ttl: u32) -> String {
    format!(
        r#"{{"IceServerList":[{{"Uris":["turns:t:443?transport=tcp"],"Username":"u","Password":"p","Ttl":{ttl}}}]}}"#
    )
}

/// A fake world: it records outputs and answers.
struct World {
    machine: Machine,
    now: u64,
    /// Every output so far.
    log: Vec<Output>,
    /// HTTP and connect requests not yet answered.
    requests: Vec<Output>,
}

impl World {
    fn new(config: Config) -> World {
        World { machine: Machine::new(config), now: 0, log: Vec::new(), requests: Vec::new() }
    }

    /// The outputs since the last drain.
    fn drain(&mut self) -> Vec<Output> {
        let mut out = Vec::new();
        while let Some(o) = self.machine.poll_output() {
            out.push(o);
        }
        self.log.extend(out.iter().cloned());
        self.requests.extend(out.iter().filter(|o| matches!(o, Output::Http(_) | Output::Connect(_))).cloned());
        out
    }

    fn http(&mut self) -> HttpRequest {
        self.drain();
        let index = self.requests.iter().position(|o| matches!(o, Output::Http(_))).expect("an HTTP request");
        match self.requests.remove(index) {
            Output::Http(r) => r,
            _ => unreachable!(),
        }
    }

    fn answer(&mut self, request: &HttpRequest, status: u16, body: &str) {
        self.now += 5;
        self.machine.handle_http(
            request.id,
            self.now,
            HttpOutcome::Response { status, error_type: None, body: body.as_bytes() },
        );
    }

    fn connect_request(&mut self) -> ConnectRequest {
        self.drain();
        let index = self.requests.iter().position(|o| matches!(o, Output::Connect(_))).expect("a connect request");
        match self.requests.remove(index) {
            Output::Connect(c) => c,
            _ => unreachable!(),
        }
    }

    /// Runs the timers until the machine asks for something.
    fn advance(&mut self, ms: u64) {
        let until = self.now + ms;
        while let Some(t) = self.machine.poll_timeout() {
            if t > until {
                break;
            }
            self.now = self.now.max(t);
            self.machine.handle_timeout(self.now);
        }
        self.now = until;
        self.machine.handle_timeout(self.now);
    }

    fn events(&mut self) -> Vec<String> {
        self.drain();
        self.log.iter().filter_map(|o| if let Output::Event(e) = o { Some(e.to_string()) } else { None }).collect()
    }

    /// Answers DESCRIBE, GET_ENDPOINT and GET_ICE_CONFIG; returns the handshake the machine then asks for.
    fn answer_until_handshake(&mut self) -> ConnectRequest {
        for body in [describe_ok(), endpoint_ok().to_string(), ice_ok(300)] {
            let request = self.http();
            self.answer(&request, 200, &body);
        }
        self.connect_request()
    }

    /// Answers the standard flow from DESCRIBE to an open socket; returns the socket id.
    fn connect(&mut self) -> u64 {
        let describe = self.http();
        assert_eq!(describe.op, Operation::DescribeSignalingChannel);
        assert_eq!(describe.body, br#"{"ChannelName":"demo"}"#);
        self.answer(&describe, 200, &describe_ok());
        let endpoint = self.http();
        assert_eq!(endpoint.op, Operation::GetSignalingChannelEndpoint);
        self.answer(&endpoint, 200, endpoint_ok());
        self.finish_connect()
    }

    fn finish_connect(&mut self) -> u64 {
        let ice = self.http();
        assert_eq!(ice.op, Operation::GetIceServerConfig);
        assert_eq!(ice.target, Target::Url("https://r-1.example".into()));
        self.answer(&ice, 200, &ice_ok(300));
        let connect = self.connect_request();
        self.now += 3;
        self.machine.handle_connected(connect.id, self.now);
        assert_eq!(self.machine.state(), State::Connected);
        connect.id
    }

    fn frames(&mut self) -> Vec<String> {
        self.drain().into_iter().filter_map(|o| if let Output::Frame(f) = o { Some(f) } else { None }).collect()
    }
}

fn start(config: Config) -> World {
    let mut world = World::new(config);
    world.machine.start(0);
    world
}

#[test]
fn happy_path_to_connected() {
    let mut world = start(config(Role::Viewer));
    world.connect();
    let events = world.events();
    let states: Vec<&String> = events.iter().filter(|e| e.starts_with("ev=state")).collect();
    assert_eq!(
        states,
        [
            "ev=state from=NEW to=DESCRIBE",
            "ev=state from=DESCRIBE to=GET_ENDPOINT",
            "ev=state from=GET_ENDPOINT to=GET_ICE_CONFIG",
            "ev=state from=GET_ICE_CONFIG to=CONNECT",
            "ev=state from=CONNECT to=CONNECTED",
        ]
    );
    assert!(events.contains(&"ev=api op=DescribeSignalingChannel status=200 ms=5".to_string()));
    assert!(events.contains(&"ev=connect status=101 ms=3".to_string()));
    assert!(world.log.iter().any(|o| matches!(o, Output::CacheStore(e) if e.wss == "wss://m-1.example")));
    assert!(world.log.iter().any(|o| matches!(o, Output::IceServers(s) if s.len() == 1)));
    let metrics = world.machine.metrics();
    assert_eq!(metrics.time_to_connected_ms, Some(18));
    assert_eq!((metrics.describe_ms, metrics.connect_ms), (Some(5), Some(3)));
}

#[test]
fn viewer_connects_with_client_id_master_without() {
    let mut viewer = start(config(Role::Viewer));
    let describe = viewer.http();
    viewer.answer(&describe, 200, &describe_ok());
    let endpoint = viewer.http();
    let body = core::str::from_utf8(&endpoint.body).unwrap();
    assert!(body.contains(r#""Role":"VIEWER""#) && body.contains(r#""Protocols":["WSS","HTTPS"]"#), "{body}");
    viewer.answer(&endpoint, 200, endpoint_ok());
    let ice = viewer.http();
    assert!(core::str::from_utf8(&ice.body).unwrap().contains(r#""ClientId":"viewer-1","Service":"TURN""#));
    viewer.answer(&ice, 200, &ice_ok(300));
    let connect = viewer.connect_request();
    assert_eq!(connect.url, "wss://m-1.example");
    assert_eq!(connect.params[1], ("X-Amz-ClientId".to_string(), "viewer-1".to_string()));

    let mut master = start(config(Role::Master));
    let connect = master.answer_until_handshake();
    assert_eq!(connect.params, [("X-Amz-ChannelARN".to_string(), ARN.to_string())]);
}

#[test]
fn creates_a_missing_channel_when_asked() {
    let mut cfg = config(Role::Master);
    cfg.create_if_missing = Some(MessageTtl::new(30).unwrap());
    let mut world = start(cfg);
    let describe = world.http();
    world.answer(&describe, 404, r#"{"__type":"ResourceNotFoundException","Message":"no"}"#);
    let create = world.http();
    assert_eq!(create.op, Operation::CreateSignalingChannel);
    assert_eq!(
        core::str::from_utf8(&create.body).unwrap(),
        r#"{"ChannelName":"demo","ChannelType":"SINGLE_MASTER","SingleMasterConfiguration":{"MessageTtlSeconds":30}}"#
    );
    world.answer(&create, 200, &format!(r#"{{"ChannelARN":"{ARN}"}}"#));
    world.connect();
}

#[test]
fn missing_channel_fails_without_create() {
    let mut world = start(config(Role::Master));
    let describe = world.http();
    world.answer(&describe, 404, r#"{"__type":"ResourceNotFoundException","Message":"no"}"#);
    let closed = world.drain().into_iter().find_map(|o| if let Output::Closed(f) = o { Some(f) } else { None });
    let failure = closed.flatten().expect("a failure");
    assert_eq!((failure.kind, failure.state), (FailureKind::NotFound, State::Describe));
    assert_eq!(world.machine.poll_timeout(), None);
}

#[test]
fn auth_errors_retry_once_then_fail_clock_skew_retries() {
    let mut world = start(config(Role::Master));
    let describe = world.http();
    world.answer(
        &describe,
        403,
        r#"{"__type":"InvalidSignatureException","Message":"Signature expired: 2024 is now earlier than"}"#,
    );
    world.advance(200);
    let again = world.http();
    world.answer(&again, 401, r#"{"__type":"AccessDeniedException","Message":"denied"}"#);
    world.advance(400);
    let third = world.http();
    world.answer(&third, 401, r#"{"__type":"AccessDeniedException","Message":"denied"}"#);
    let failure = world.drain().into_iter().find_map(|o| if let Output::Closed(f) = o { f } else { None }).unwrap();
    assert_eq!(failure.kind, FailureKind::Auth);
    assert!(failure.message.contains("AccessDeniedException"), "{}", failure.message);
}

#[test]
fn server_errors_back_off_exponentially_then_give_up() {
    let mut world = start(config(Role::Master));
    let mut waits = Vec::new();
    for _ in 0..7 {
        let request = world.http();
        world.answer(&request, 500, "");
        let backoff = world.drain().into_iter().find_map(|o| match o {
            Output::Event(Event::Backoff { ms, attempt }) => Some((ms, attempt)),
            _ => None,
        });
        let (ms, attempt) = backoff.expect("a backoff");
        assert!(ms <= (100u64 << (attempt - 1)).min(10_000), "{ms} at attempt {attempt}");
        waits.push(ms);
        world.advance(ms);
    }
    let last = world.http();
    world.answer(&last, 503, "");
    let failure = world.drain().into_iter().find_map(|o| if let Output::Closed(f) = o { f } else { None }).unwrap();
    assert_eq!(failure.kind, FailureKind::Service);
    assert_eq!(world.machine.metrics().api_retries, 7);
}

#[test]
fn no_response_is_retried() {
    let mut world = start(config(Role::Master));
    let describe = world.http();
    world.machine.handle_http(describe.id, 10, HttpOutcome::Failed);
    assert!(world.events().iter().any(|e| e.starts_with("ev=api op=DescribeSignalingChannel status=0")));
    world.advance(200);
    assert_eq!(world.http().op, Operation::DescribeSignalingChannel);
}

#[test]
fn cached_endpoints_skip_describe_and_a_404_invalidates() {
    let mut cfg = config(Role::Viewer);
    cfg.cached = Some(Endpoints {
        channel_arn: ChannelArn::new(ARN).unwrap(),
        wss: "wss://old".into(),
        https: "https://r-1.example".into(),
    });
    let mut world = start(cfg);
    let ice = world.http();
    assert_eq!(ice.op, Operation::GetIceServerConfig);
    world.answer(&ice, 404, r#"{"__type":"ResourceNotFoundException"}"#);
    assert!(world.drain().iter().any(|o| matches!(o, Output::CacheInvalidate)));
    world.advance(200);
    world.connect();
}

#[test]
fn handshake_failures_follow_the_c_sdk() {
    let mut world = start(config(Role::Master));
    world.connect();
    let id = world.machine.poll_timeout();
    assert!(id.is_some());

    // 404 at the handshake: invalidate and describe again.
    let mut world = start(config(Role::Master));
    let connect = world.answer_until_handshake();
    world.machine.handle_connect_failed(connect.id, 20, Some(404));
    assert!(world.drain().iter().any(|o| matches!(o, Output::CacheInvalidate)));
    world.advance(200);
    assert_eq!(world.http().op, Operation::DescribeSignalingChannel);

    // A handshake that never completes times out and goes back to GET_ENDPOINT.
    let mut world = start(config(Role::Master));
    world.answer_until_handshake();
    world.advance(10_000);
    let out = world.drain();
    assert!(out.iter().any(|o| matches!(o, Output::CloseSocket)));
    assert!(world.events().iter().any(|e| e == "ev=connect status=0 ms=0"));
    world.advance(200);
    assert_eq!(world.http().op, Operation::GetSignalingChannelEndpoint);
}

#[test]
fn go_away_redescribes_and_reconnects() {
    let mut long_lived = config(Role::Master);
    long_lived.timing.backoff_reset_ms = 1_000;
    let mut world = start(long_lived);
    let id = world.connect();
    world.drain();
    world.now += 1_000;
    world.machine.handle_frame(id, world.now, r#"{"messageType":"GO_AWAY"}"#);
    let out = world.drain();
    assert!(out.iter().any(|o| matches!(o, Output::CloseSocket)));
    assert!(out.iter().any(|o| matches!(o, Output::Event(Event::GoAway))));
    assert!(!out.iter().any(|o| matches!(o, Output::Event(Event::Backoff { .. }))), "a long connection: at once");
    world.connect();
    assert_eq!(world.machine.metrics().reconnects, 1);
}

/// A service that keeps saying GO_AWAY right after each connect is not called in a tight loop: every short-lived
/// connection's GO_AWAY backs off, longer each time.
#[test]
fn repeated_go_aways_back_off() {
    let mut world = start(config(Role::Master));
    let mut id = world.connect();
    let mut waits = Vec::new();
    for _ in 0..5 {
        world.drain();
        world.now += 10;
        world.machine.handle_frame(id, world.now, r#"{"messageType":"GO_AWAY"}"#);
        let ceiling = world.drain().iter().find_map(|o| match o {
            Output::Event(Event::Backoff { attempt, .. }) => Some(*attempt),
            _ => None,
        });
        waits.push(ceiling.expect("a backoff after a GO_AWAY on a fresh connection"));
        let before = world.now;
        world.advance(Timing::default().backoff_cap_ms);
        assert!(world.now > before);
        id = world.connect();
    }
    assert_eq!(waits, [1, 2, 3, 4, 5], "the attempts count up");
}

#[test]
fn reconnect_ice_server_refetches_ice_config() {
    let mut long_lived = config(Role::Master);
    long_lived.timing.backoff_reset_ms = 1_000;
    let mut world = start(long_lived);
    let id = world.connect();
    world.drain();
    world.now += 1_000;
    world.machine.handle_frame(id, world.now, r#"{"messageType":"RECONNECT_ICE_SERVER"}"#);
    assert!(world.drain().iter().any(|o| matches!(o, Output::CloseSocket)));
    world.finish_connect();
}

#[test]
fn messages_queued_during_a_drop_go_out_in_order_after_it() {
    let mut world = start(config(Role::Viewer));
    let id = world.connect();
    world.drain();
    world.machine.handle_closed(id, world.now, Some(1006));
    let offer = |n: u32| Outgoing {
        action: Action::IceCandidate,
        payload: format!(r#"{{"candidate":"c{n}"}}"#),
        recipient: None,
        correlation_id: None,
    };
    let corr: Vec<String> = (0..3).map(|n| world.machine.send(world.now, offer(n)).unwrap()).collect();
    assert_eq!(corr, ["kvs-1", "kvs-2", "kvs-3"]);
    assert!(world.frames().is_empty(), "nothing goes out while the socket is down");
    world.advance(10_000);
    let connect = world.connect_request();
    world.machine.handle_connected(connect.id, world.now);
    let frames = world.frames();
    assert_eq!(frames.len(), 3);
    for (n, frame) in frames.iter().enumerate() {
        assert!(frame.contains(&format!(r#""correlationId":"kvs-{}""#, n + 1)), "{frame}");
    }
    assert_eq!(world.machine.metrics().reconnects, 1);
}

#[test]
fn keepalive_pings_and_a_dead_connection_is_replaced() {
    let mut world = start(config(Role::Master));
    let id = world.connect();
    world.drain();
    world.advance(10_000);
    assert!(world.drain().iter().any(|o| matches!(o, Output::Ping)));
    world.machine.handle_traffic(id, world.now);
    world.advance(10_000);
    assert!(world.drain().iter().any(|o| matches!(o, Output::Ping)), "a second quiet period pings again");
    world.advance(20_000);
    let out = world.drain();
    assert!(out.iter().any(|o| matches!(o, Output::CloseSocket)), "no pong: reconnect");
    world.advance(10_000);
    assert!(world.drain().iter().any(|o| matches!(o, Output::Connect(_))));
}

#[test]
fn ice_config_is_refreshed_before_it_expires_without_dropping_the_socket() {
    let mut world = start(config(Role::Master));
    let id = world.connect();
    world.drain();
    let connected_at = world.now;
    // Keep the connection busy so that only the refresh timer matters.
    while world.now < connected_at + 265_000 {
        world.advance(5_000);
        world.machine.handle_traffic(id, world.now);
    }
    assert!(world.drain().iter().all(|o| !matches!(o, Output::Http(_))), "too early to refresh");
    world.advance(6_000);
    let out = world.drain();
    let refresh = world.http();
    assert_eq!(refresh.op, Operation::GetIceServerConfig);
    assert!(!out.iter().any(|o| matches!(o, Output::CloseSocket)));
    world.answer(&refresh, 200, &ice_ok(300));
    assert_eq!(world.machine.state(), State::Connected);
    assert_eq!(world.machine.metrics().ice_refreshes, 1);
}

#[test]
fn reconnects_before_the_one_hour_limit() {
    let mut world = start(config(Role::Master));
    let id = world.connect();
    let connected_at = world.now;
    let mut reconnected = false;
    while world.now < connected_at + 3_540_000 + 1_000 {
        world.advance(5_000);
        world.machine.handle_traffic(id, world.now);
        let out = world.drain();
        if out.iter().any(|o| matches!(o, Output::Http(_))) {
            let refresh = world.http();
            if refresh.op == Operation::GetIceServerConfig {
                world.answer(&refresh, 200, &ice_ok(300));
            } else {
                assert_eq!(refresh.op, Operation::GetSignalingChannelEndpoint);
                reconnected = out.iter().any(|o| matches!(o, Output::CloseSocket));
                break;
            }
        }
    }
    assert!(reconnected && world.now >= connected_at + 3_540_000, "reconnected at {}", world.now - connected_at);
}

#[test]
fn status_responses_are_reported_against_their_message() {
    let mut world = start(config(Role::Master));
    let id = world.connect();
    let answer = Outgoing {
        action: Action::SdpAnswer,
        payload: r#"{"type":"answer","sdp":"v=0"}"#.into(),
        recipient: Some(ClientId::new("viewer-1").unwrap()),
        correlation_id: Some(CorrelationId::new("mine-7").unwrap()),
    };
    assert_eq!(world.machine.send(world.now, answer).unwrap(), "mine-7");
    world.drain();
    world.machine.handle_frame(
        id,
        world.now,
        r#"{"messageType":"STATUS_RESPONSE","statusResponse":{"correlationId":"mine-7","errorType":"InvalidArgumentException","statusCode":"400","description":"no such viewer"}}"#,
    );
    let failed = world.drain().into_iter().find_map(|o| match o {
        Output::SendFailed { correlation_id, action, reason } => Some((correlation_id, action, reason)),
        _ => None,
    });
    let (corr, action, reason) = failed.unwrap();
    assert_eq!((corr.as_str(), action), ("mine-7", Action::SdpAnswer));
    assert!(reason.contains("no such viewer"), "{reason}");
}

#[test]
fn send_rules() {
    let mut master = start(config(Role::Master));
    let no_recipient =
        Outgoing { action: Action::SdpAnswer, payload: "{}".into(), recipient: None, correlation_id: None };
    assert_eq!(master.machine.send(0, no_recipient.clone()), Err(SendError::NoRecipient));
    let mut viewer = start(config(Role::Viewer));
    let with_recipient = Outgoing { recipient: Some(ClientId::new("m").unwrap()), ..no_recipient.clone() };
    assert_eq!(viewer.machine.send(0, with_recipient), Err(SendError::ViewerRecipient));
    let huge = Outgoing { payload: "x".repeat(8_000), ..no_recipient };
    assert!(matches!(viewer.machine.send(0, huge), Err(SendError::Encode(_))));
}

#[test]
fn closing_reports_queued_messages() {
    let mut world = start(config(Role::Viewer));
    let candidate =
        Outgoing { action: Action::IceCandidate, payload: "{}".into(), recipient: None, correlation_id: None };
    world.machine.send(0, candidate).unwrap();
    world.machine.close(1);
    let out = world.drain();
    assert!(out.iter().any(|o| matches!(o, Output::SendFailed { correlation_id, .. } if correlation_id == "kvs-1")));
    assert!(matches!(out.last(), Some(Output::Closed(None))));
    assert_eq!(
        world.machine.send(
            2,
            Outgoing { action: Action::IceCandidate, payload: "{}".into(), recipient: None, correlation_id: None }
        ),
        Err(SendError::Closed)
    );
}

#[test]
fn bad_frames_are_reported_and_survived() {
    let mut world = start(config(Role::Viewer));
    let id = world.connect();
    world.drain();
    for frame in
        ["not json", "{}", r#"{"messageType":"SDP_ANSWER","messagePayload":"%%%"}"#, r#"{"messageType":"FUTURE_TYPE"}"#]
    {
        world.machine.handle_frame(id, world.now, frame);
    }
    world.machine.handle_unreadable_frame(id, world.now, "binary frame");
    let out = world.drain();
    let bad = out.iter().filter(|o| matches!(o, Output::Event(Event::BadFrame { .. }))).count();
    assert_eq!(bad, 4);
    assert!(out.iter().any(|o| matches!(o, Output::Message(m) if m.message_type.as_str() == "FUTURE_TYPE")));
    assert_eq!(world.machine.state(), State::Connected);
}

#[test]
fn offer_to_answer_time_for_a_viewer() {
    let mut world = start(config(Role::Viewer));
    let id = world.connect();
    let offer = Outgoing {
        action: Action::SdpOffer,
        payload: r#"{"type":"offer","sdp":"v=0"}"#.into(),
        recipient: None,
        correlation_id: None,
    };
    world.machine.send(world.now, offer).unwrap();
    world.now += 42;
    let answer = encode_incoming("SDP_ANSWER", Some(&to_base64(r#"{"type":"answer","sdp":"v=0"}"#)), None, None);
    world.machine.handle_frame(id, world.now, &answer);
    assert_eq!(world.machine.metrics().offer_to_answer_ms, Some(42));
    assert!(world.drain().iter().any(|o| matches!(o, Output::Message(m) if m.message_type.as_str() == "SDP_ANSWER")));
}

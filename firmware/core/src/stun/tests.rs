//! The codec against RFC 5769's vectors and against stun-types (an independent implementation), in both
//! directions; noise never panics it; the machines against a scripted server.

use super::binding::{Binding, BindingOutcome};
use super::ice::{self, Answer, CheckResult, IceCredentials};
use super::message::{self, Builder, Class, Message, Method, ParseError, attr};
use super::turn::{Allocation, TurnConfig, TurnError, TurnEvent, TurnOutput};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::net::SocketAddr;

fn hex(text: &str) -> Vec<u8> {
    let digits: String = text.split_whitespace().collect();
    (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap()).collect()
}

const PASSWORD: &str = "VOkJxbRl1RmTxUk/WvJxBt";

/// RFC 5769 2.1: a request with short-term credentials and FINGERPRINT.
#[test]
fn rfc5769_sample_request() {
    let bytes = hex("00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
         80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
         00 24 00 04 6e 00 01 ff 80 29 00 08 93 2f f9 b1 51 26 3b 36
         00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20 00 08 00 14
         9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
         80 28 00 04 e5 7a 3b cf");
    let message = Message::parse(&bytes).expect("parses, FINGERPRINT checked");
    assert_eq!((message.method, message.class), (Method::BINDING, Class::Request));
    assert_eq!(message.text(attr::SOFTWARE), Some("STUN test client"));
    assert_eq!(message.text(attr::USERNAME), Some("evtj:h6vY"));
    assert_eq!(message.u32(attr::PRIORITY), Some(0x6e0001ff));
    assert!(message.verify(PASSWORD.as_bytes()));
    assert!(!message.verify(b"wrong"));
    let mut tampered = bytes.clone();
    tampered[30] ^= 1;
    assert_eq!(Message::parse(&tampered).err(), Some(ParseError::BadFingerprint));
}

/// RFC 5769 2.2 and 2.3: responses with an IPv4 and an IPv6 XOR-MAPPED-ADDRESS.
#[test]
fn rfc5769_sample_responses() {
    let v4 = hex("01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
         80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20 00 20 00 08
         00 01 a1 47 e1 12 a6 43 00 08 00 14 2b 91 f5 99 fd 9e 90 c3
         8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7 80 28 00 04 c0 7d 4c 96");
    let message = Message::parse(&v4).unwrap();
    assert_eq!(message.class, Class::Success);
    assert_eq!(message.xor_address(attr::XOR_MAPPED_ADDRESS), Some("192.0.2.1:32853".parse().unwrap()));
    assert!(message.verify(PASSWORD.as_bytes()));

    let v6 = hex("01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
         80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20 00 20 00 14
         00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
         00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75
         bf e3 ed 41 80 28 00 04 c8 fb 0b 4c");
    let message = Message::parse(&v6).unwrap();
    let expected: SocketAddr = "[2001:db8:1234:5678:11:2233:4455:6677]:32853".parse().unwrap();
    assert_eq!(message.xor_address(attr::XOR_MAPPED_ADDRESS), Some(expected));
    assert!(message.verify(PASSWORD.as_bytes()));
}

/// RFC 5769 2.4: long-term credentials. The vector's username is not ASCII and its password needs SASLprep
/// ("The<U+00AD>M<U+00AA>trIX" → "TheMatrIX"); the key is made from the prepared strings.
#[test]
fn rfc5769_sample_long_term_request() {
    let bytes = hex("00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
         00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3
         82 b9 00 00 00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36
         4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41 00 14 00 0b
         65 78 61 6d 70 6c 65 2e 6f 72 67 00 00 08 00 14 f6 70 24 65
         6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66");
    let message = Message::parse(&bytes).unwrap();
    let username = message.text(attr::USERNAME).unwrap();
    assert_eq!(username, "\u{30de}\u{30c8}\u{30ea}\u{30c3}\u{30af}\u{30b9}");
    assert_eq!(message.text(attr::REALM), Some("example.org"));
    let key = message::long_term_key(username, "example.org", "TheMatrIX");
    assert!(message.verify(&key));
}

/// What we build, stun-types reads (integrity and fingerprint included), and the other way round.
#[test]
fn agrees_with_stun_types_both_ways() {
    use stun_types::attribute::{Nonce, Realm, Username, XorMappedAddress};
    use stun_types::message::{
        IntegrityAlgorithm, LongTermCredentials, Message as Theirs, MessageIntegrityCredentials, MessageWrite,
        MessageWriteExt, MessageWriteVec, ShortTermCredentials, TransactionId,
    };
    let id = [7u8; 12];
    let peer: SocketAddr = "[2001:db8::1]:3478".parse().unwrap();
    let ours = Builder::new(Class::Success, Method::BINDING, id)
        .xor_address(attr::XOR_MAPPED_ADDRESS, peer)
        .text(attr::USERNAME, "user")
        .integrity(b"secret")
        .fingerprint();
    let theirs = Theirs::from_bytes(&ours).expect("stun-types reads ours, FINGERPRINT checked");
    let short: MessageIntegrityCredentials = ShortTermCredentials::new("secret".into()).into();
    theirs.validate_integrity(&short).expect("and verifies our MESSAGE-INTEGRITY");
    assert_eq!(theirs.attribute::<XorMappedAddress>().unwrap().addr(theirs.transaction_id()), peer);
    assert_eq!(theirs.attribute::<Username>().unwrap().username(), "user");

    let mtype = stun_types::message::MessageType::from_class_method(
        stun_types::message::MessageClass::Request,
        stun_types::message::Method::new(0x003),
    );
    let mut builder = Theirs::builder(mtype, TransactionId::from(42u128), MessageWriteVec::new());
    builder.add_attribute(&Username::new("alice").unwrap()).unwrap();
    builder.add_attribute(&Realm::new("kvs").unwrap()).unwrap();
    builder.add_attribute(&Nonce::new("n0nce").unwrap()).unwrap();
    let long: MessageIntegrityCredentials =
        LongTermCredentials::new("alice".into(), "pw".into()).to_key("kvs".into()).into();
    builder.add_message_integrity(&long, IntegrityAlgorithm::Sha1).unwrap();
    builder.add_fingerprint().unwrap();
    let bytes = builder.finish();
    let message = Message::parse(&bytes).expect("we read theirs");
    assert_eq!((message.method, message.class), (Method::ALLOCATE, Class::Request));
    assert_eq!(message.text(attr::NONCE), Some("n0nce"));
    assert!(message.verify(&message::long_term_key("alice", "kvs", "pw")));
}

/// Random bytes, and random damage to valid messages, never panic the codec; whatever parses survives a
/// second parse of the same bytes.
#[test]
fn noise_never_panics() {
    let mut noise = crate::test_noise(0x5eed_57a7);
    let valid = Builder::new(Class::Request, Method::ALLOCATE, [1; 12])
        .attr(attr::REQUESTED_TRANSPORT, &[17, 0, 0, 0])
        .text(attr::USERNAME, "u")
        .integrity(b"k")
        .fingerprint();
    for round in 0..20_000 {
        let bytes: Vec<u8> = if round % 2 == 0 {
            let len = (noise() % 120) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| noise() as u8).collect();
            if bytes.len() >= 8 {
                bytes[0] &= 0x3F;
                bytes[4..8].copy_from_slice(&message::MAGIC_COOKIE.to_be_bytes());
                let body = (bytes.len() - 20.min(bytes.len())) as u16;
                bytes[2..4].copy_from_slice(&body.to_be_bytes());
            }
            bytes
        } else {
            let mut bytes = valid.clone();
            let at = (noise() as usize) % bytes.len();
            bytes[at] = noise() as u8;
            bytes.truncate(bytes.len() - (noise() % 3) as usize);
            bytes
        };
        if let Ok(message) = Message::parse(&bytes) {
            let _ = (message.error(), message.xor_address(attr::XOR_PEER_ADDRESS), message.verify(b"k"));
            assert!(Message::parse(&bytes).is_ok());
        }
        let _ = message::frame_length(&bytes);
        let _ = message::parse_channel_data(&bytes);
        let _ = ice::answer(&bytes, "127.0.0.1:9".parse().unwrap(), &creds("abcd"));
    }
}

fn creds(ufrag: &str) -> IceCredentials {
    IceCredentials { ufrag: ufrag.into(), pwd: "a-password-of-22-chars".into() }
}

#[test]
fn ice_checks_are_answered_only_with_the_right_credentials() {
    let (host, device) = (creds("host"), creds("devc"));
    let from: SocketAddr = "192.0.2.7:50000".parse().unwrap();
    let request = ice::check([3; 12], &host, &device, 0x6e00_01ff, 42);
    let Answer::Respond { bytes, from: who, nominated } = ice::answer(&request, from, &device) else {
        panic!("a valid check is answered")
    };
    assert_eq!((who.as_str(), nominated), ("host", true));
    assert_eq!(ice::check_result(&bytes, &[3; 12], &device), Some(CheckResult::Succeeded { mapped: Some(from) }));
    assert_eq!(ice::check_result(&bytes, &[4; 12], &device), None, "another transaction");

    let wrong = IceCredentials { ufrag: "devc".into(), pwd: "not-the-device-password".into() };
    let forged = ice::check([5; 12], &host, &wrong, 1, 1);
    let Answer::Refuse { bytes, code: 401 } = ice::answer(&forged, from, &device) else { panic!("refused") };
    assert_eq!(ice::check_result(&bytes, &[5; 12], &device), Some(CheckResult::Refused { code: 401 }));
    let elsewhere = ice::check([6; 12], &host, &creds("othr"), 1, 1);
    assert!(matches!(ice::answer(&elsewhere, from, &device), Answer::Refuse { code: 401, .. }));
    assert_eq!(ice::answer(b"\x80\x00media", from, &device), Answer::Ignore);
    let fresh = IceCredentials::from_random([9; 16]);
    assert!(fresh.ufrag.len() == 4 && fresh.pwd.len() >= 22);
}

#[test]
fn a_binding_query_retransmits_then_gives_up_or_reads_the_mapped_address() {
    let mut query = Binding::new(1, false, 39_500);
    let request = query.start(0);
    assert_eq!(query.poll_timeout(), Some(500));
    let mut sends = vec![0];
    let mut now = 0;
    while query.outcome().is_none() {
        now = query.poll_timeout().unwrap();
        if query.handle_timeout(now).is_some() {
            sends.push(now);
        }
    }
    assert_eq!(sends, [0, 500, 1500, 3500, 7500, 15500, 31500], "RFC 8489's schedule");
    assert_eq!((now, query.outcome()), (39_500, Some(&BindingOutcome::TimedOut)));

    let mut query = Binding::new(2, false, 5_000);
    let request2 = query.start(0);
    assert_ne!(request[8..20], request2[8..20], "transaction ids differ");
    let sent = Message::parse(&request2).unwrap();
    let mapped: SocketAddr = "203.0.113.9:61000".parse().unwrap();
    let answer =
        Builder::new(Class::Success, Method::BINDING, sent.transaction).xor_address(attr::XOR_MAPPED_ADDRESS, mapped);
    assert!(query.handle_input(42, &answer.fingerprint()));
    assert_eq!(query.outcome(), Some(&BindingOutcome::Mapped { address: mapped, rtt_ms: 42 }));
    assert_eq!(query.poll_timeout(), None);
}

/// A TURN server in a few lines: it checks what the client sends and answers as coturn does.
struct Server {
    nonce: &'static str,
    key: [u8; 16],
}

impl Server {
    fn new() -> Server {
        Server { nonce: "nonce-1", key: message::long_term_key("user", "kvs", "pass") }
    }

    fn answer(&self, request: &[u8], stale: bool) -> Vec<u8> {
        let m = Message::parse(request).expect("the client sends valid STUN");
        assert_eq!(m.class, Class::Request);
        if !m.has(attr::MESSAGE_INTEGRITY) {
            return Builder::new(Class::Error, m.method, m.transaction)
                .error(401, "Unauthorized")
                .text(attr::REALM, "kvs")
                .text(attr::NONCE, self.nonce)
                .fingerprint();
        }
        assert!(m.verify(&self.key), "long-term integrity");
        assert_eq!(m.text(attr::USERNAME), Some("user"));
        if stale {
            return Builder::new(Class::Error, m.method, m.transaction)
                .error(438, "Stale Nonce")
                .text(attr::NONCE, "nonce-2")
                .fingerprint();
        }
        let mut reply = Builder::new(Class::Success, m.method, m.transaction);
        if m.method == Method::ALLOCATE {
            reply = reply
                .xor_address(attr::XOR_RELAYED_ADDRESS, "198.51.100.1:49152".parse().unwrap())
                .xor_address(attr::XOR_MAPPED_ADDRESS, "203.0.113.9:61000".parse().unwrap())
                .u32(attr::LIFETIME, 600);
        }
        reply.integrity(&self.key).fingerprint()
    }
}

fn drain(allocation: &mut Allocation) -> (Vec<Vec<u8>>, Vec<TurnEvent>) {
    let (mut sent, mut events) = (Vec::new(), Vec::new());
    while let Some(output) = allocation.poll_output() {
        match output {
            TurnOutput::Transmit(bytes) => sent.push(bytes),
            TurnOutput::Event(event) => events.push(event),
        }
    }
    (sent, events)
}

fn config(reliable: bool) -> TurnConfig {
    TurnConfig {
        username: "user".into(),
        password: "pass".into(),
        reliable,
        lifetime_secs: 600,
        timeout_ms: 10_000,
        seed: 7,
    }
}

#[test]
fn allocates_permits_relays_refreshes_and_releases() {
    let server = Server::new();
    let mut turn = Allocation::new(config(false));
    turn.start(0);
    let (sent, _) = drain(&mut turn);
    turn.handle_input(5, &server.answer(&sent[0], false));
    let (sent, _) = drain(&mut turn);
    let allocate = Message::parse(&sent[0]).unwrap();
    assert_eq!(allocate.get(attr::REQUESTED_TRANSPORT), Some(&[17u8, 0, 0, 0][..]));
    turn.handle_input(30, &server.answer(&sent[0], false));
    let (_, events) = drain(&mut turn);
    let relayed: SocketAddr = "198.51.100.1:49152".parse().unwrap();
    assert_eq!(
        events,
        [TurnEvent::Allocated {
            relayed,
            mapped: Some("203.0.113.9:61000".parse().unwrap()),
            lifetime_secs: 600,
            realm: "kvs".into(),
            rtt_ms: 25
        }]
    );

    // A packet to an unpermitted peer waits for its permission, then goes out in a Send indication.
    let peer: SocketAddr = "192.0.2.50:7000".parse().unwrap();
    turn.send(40, peer, b"hello");
    let (sent, _) = drain(&mut turn);
    assert_eq!(sent.len(), 1, "only the CreatePermission");
    assert_eq!(Message::parse(&sent[0]).unwrap().method, Method::CREATE_PERMISSION);
    turn.handle_input(50, &server.answer(&sent[0], false));
    let (sent, events) = drain(&mut turn);
    assert_eq!(events, [TurnEvent::Permitted { peer: peer.ip(), rtt_ms: 10 }]);
    let indication = Message::parse(&sent[0]).unwrap();
    assert_eq!((indication.method, indication.class), (Method::SEND, Class::Indication));
    assert_eq!(
        (indication.xor_address(attr::XOR_PEER_ADDRESS), indication.get(attr::DATA)),
        (Some(peer), Some(&b"hello"[..]))
    );

    let data = Builder::new(Class::Indication, Method::DATA, [9; 12])
        .xor_address(attr::XOR_PEER_ADDRESS, peer)
        .attr(attr::DATA, b"world")
        .finish();
    turn.handle_input(60, &data);
    assert_eq!(drain(&mut turn).1, [TurnEvent::Data { from: peer, data: b"world".to_vec() }]);

    // A channel: then packets go as ChannelData, both ways.
    turn.bind_channel(70, peer);
    let (sent, _) = drain(&mut turn);
    turn.handle_input(75, &server.answer(&sent[0], false));
    assert_eq!(drain(&mut turn).1, [TurnEvent::ChannelBound { peer, channel: 0x4000 }]);
    turn.send(80, peer, b"abc");
    assert_eq!(drain(&mut turn).0, [vec![0x40, 0x00, 0x00, 0x03, b'a', b'b', b'c']]);
    turn.handle_input(85, &[0x40, 0x00, 0x00, 0x02, b'h', b'i']);
    assert_eq!(drain(&mut turn).1, [TurnEvent::Data { from: peer, data: b"hi".to_vec() }]);

    // Left alone, it renews the permission every 240 s and the channel every 540 s, and refreshes the
    // allocation a minute before its 600 s run out; a stale nonce is taken and the request sent again.
    let (mut requests, mut events) = (Vec::new(), Vec::new());
    let mut stale = true;
    while let Some(at) = turn.poll_timeout().filter(|at| *at < 560_000) {
        turn.handle_timeout(at);
        for bytes in drain(&mut turn).0 {
            let method = Message::parse(&bytes).unwrap().method;
            requests.push((at, method));
            let nonce_goes_stale = stale && method == Method::REFRESH;
            stale &= !nonce_goes_stale;
            turn.handle_input(at + 10, &server.answer(&bytes, nonce_goes_stale));
            let (resent, news) = drain(&mut turn);
            events.extend(news);
            for bytes in resent {
                let again = Message::parse(&bytes).unwrap();
                assert_eq!((again.method, again.text(attr::NONCE)), (Method::REFRESH, Some("nonce-2")));
                requests.push((at + 10, again.method));
                turn.handle_input(at + 20, &server.answer(&bytes, false));
                events.extend(drain(&mut turn).1);
            }
        }
    }
    let refresh = Method::REFRESH;
    let (permission, channel) = (Method::CREATE_PERMISSION, Method::CHANNEL_BIND);
    assert_eq!(
        requests,
        [(240_050, permission), (480_060, permission), (540_030, refresh), (540_040, refresh), (540_070, channel)]
    );
    assert_eq!(events, [TurnEvent::Refreshed { lifetime_secs: 600 }], "renewals are no news");

    turn.release(600_000);
    let (sent, _) = drain(&mut turn);
    assert_eq!(Message::parse(&sent[0]).unwrap().u32(attr::LIFETIME), Some(0));
    turn.handle_input(600_010, &server.answer(&sent[0], false));
    assert_eq!(drain(&mut turn).1, [TurnEvent::Released]);
}

#[test]
fn names_wrong_credentials_and_silence() {
    let mut turn = Allocation::new(TurnConfig { password: "wrong".into(), ..config(true) });
    turn.start(0);
    let (sent, _) = drain(&mut turn);
    turn.handle_input(1, &Server::new().answer(&sent[0], false));
    let (sent, _) = drain(&mut turn);
    let m = Message::parse(&sent[0]).unwrap();
    let refused = Builder::new(Class::Error, m.method, m.transaction).error(401, "Unauthorized").fingerprint();
    turn.handle_input(2, &refused);
    let (_, events) = drain(&mut turn);
    let error = TurnError::Code { code: 401, reason: "Unauthorized".into() };
    assert_eq!(events, [TurnEvent::Failed(error)]);

    let mut silent = Allocation::new(config(true));
    silent.start(0);
    assert_eq!(drain(&mut silent).0.len(), 1);
    assert_eq!(silent.poll_timeout(), Some(10_000), "over TCP: no retransmission, one deadline");
    silent.handle_timeout(10_000);
    assert_eq!(drain(&mut silent).1, [TurnEvent::Failed(TurnError::Timeout)]);
    assert_eq!(silent.poll_timeout(), None);
}

//! The companion firmware's footprint, made measurable: for the esp32c3 and esp32c6 ELFs the app image size
//! (as espflash lays it out) and the RAM reserved at link time outside the heap (.data + .bss minus the heap
//! region); then the signaling core's peak heap over a full session on the host — DescribeSignalingChannel,
//! CreateSignalingChannel, GetSignalingChannelEndpoint, GetIceServerConfig, the WebSocket, a viewer's offer and
//! the diagnostic answer — counted by a global allocator that counts only what the core allocates.
//!
//! The session is driven the way the firmware drives it: one thread, blocking I/O, the core's own no_std SigV4
//! for headers and the presigned URL, against the emulator over plain HTTP and ws:// (so that no TLS buffers
//! are counted: on the device those belong to mbedtls, not to the core).
//!
//! Then the core's TURN machine (what the device's path checks and the host's relays run) over UDP against
//! coturn: Allocate with its 401 challenge, a permission, 200 packets of 1,000 bytes relayed to an echo peer
//! and back, a Refresh and the release — its peak heap counted the same way.
//!
//! `cargo bench --bench firmware`. Needs both firmware ELFs (scripts/test builds them) and coturn.

use kvs_core::message::{Action, MessageType, Outgoing};
use kvs_core::names::{ChannelRef, ClientId, MessageTtl, Role};
use kvs_core::signaling::{Config, HttpOutcome, HttpRequest, Machine, Output, Target, Timing};
use kvs_test_support::{Emulator, Kvs};
use object::{Object, ObjectSection, ObjectSymbol};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::{self, Message};

const REGION: &str = "us-west-2";

fn main() {
    println!("firmware footprint (release, opt-level s, fat LTO)");
    for (chip, target) in [("esp32c3", "riscv32imc-unknown-none-elf"), ("esp32c6", "riscv32imac-unknown-none-elf")] {
        let path = kvs_test_support::root().join(format!("firmware/app/target/{target}/release/kvs-esp-firmware"));
        let elf = std::fs::read(&path).unwrap_or_else(|_| {
            panic!("build it first: (cd firmware/app && cargo build --release --features {chip} --target {target})")
        });
        let footprint = footprint(&elf, chip);
        println!(
            "  {chip}: app image {} B ({:.2} MB, {:.2} MiB; target ≤ 1.0 MB), reserved RAM {} B ({:.1} KiB; target \
             ≤ 64 KiB) = .data {} + .bss {} − heap {}; code in IRAM {} B",
            footprint.app_image,
            footprint.app_image as f64 / 1e6,
            footprint.app_image as f64 / 1_048_576.0,
            footprint.reserved(),
            footprint.reserved() as f64 / 1024.0,
            footprint.data,
            footprint.bss,
            footprint.heap,
            footprint.iram_code
        );
    }

    let emulator = Emulator::start();
    let session = run_session(&emulator);
    println!(
        "core peak heap over a full signaling session: {} B ({:.1} KiB; target ≤ 48 KiB); {} B left once the \
         machine is dropped; the machine itself {} B (static); {} messages in, {} out",
        session.peak,
        session.peak as f64 / 1024.0,
        session.live_after_drop,
        std::mem::size_of::<Machine>(),
        session.received,
        session.sent
    );

    let turn = run_turn();
    println!(
        "core TURN machine peak heap (Allocate, permission, {} packets of 1000 B relayed and echoed, Refresh, \
         release): {} B ({:.1} KiB; target ≤ 16 KiB); {} B left once it is dropped",
        turn.relayed,
        turn.peak,
        turn.peak as f64 / 1024.0,
        turn.live_after_drop
    );
}

/// What one of the TURN machine's outputs was, without its bytes.
enum Happened {
    Nothing,
    Allocated,
    Permitted,
    Echo,
    Refreshed,
    Released,
    Failed,
}

struct TurnFigures {
    peak: isize,
    live_after_drop: isize,
    relayed: usize,
}

/// Drives the core's allocation machine over a UDP socket against coturn, counting only the machine's heap.
fn run_turn() -> TurnFigures {
    use kvs_core::stun::{Allocation, TurnConfig, TurnEvent, TurnOutput};
    use kvs_test_support::coturn::{self, Auth, Cert, Coturn};
    const SECRET: &str = "bench-turn-secret";
    const PACKETS: usize = 200;
    let coturn = Coturn::start(Auth::Secret(SECRET), Cert::Good);
    let peer: std::net::SocketAddr = coturn::udp_echo().parse().unwrap();
    let expiry = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 600;
    let username = format!("{expiry}:bench");
    let password = coturn::rest_password(SECRET, &username);
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.connect(("127.0.0.1", coturn.udp_port)).unwrap();
    socket.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
    let started = Instant::now();
    let now = || started.elapsed().as_millis() as u64;
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    let mut turn = counted(|| {
        let (username, password) = (username.clone(), password.clone());
        Allocation::new(TurnConfig {
            username,
            password,
            reliable: false,
            lifetime_secs: 600,
            timeout_ms: 5_000,
            seed: 7,
        })
    });
    counted(|| turn.start(now()));
    let (mut echoed, mut refresh_asked, mut released) = (0, false, false);
    // One packet at a time, each waiting for its echo (a burst would overflow the loopback socket's buffer).
    let (mut permitted, mut waiting_echo) = (false, false);
    let mut buf = [0u8; 2048];
    // Everything the machine hands out is sent (or read) and dropped inside the count; what comes out of it is
    // only what happened.
    let pump = |turn: &mut Allocation| -> Vec<Happened> {
        let mut happened = Vec::new();
        while let Some(output) = counted(|| {
            turn.poll_output().map(|output| match output {
                TurnOutput::Transmit(bytes) => {
                    let _ = socket.send(&bytes);
                    Happened::Nothing
                }
                TurnOutput::Event(TurnEvent::Allocated { .. }) => Happened::Allocated,
                TurnOutput::Event(TurnEvent::Permitted { .. }) => Happened::Permitted,
                TurnOutput::Event(TurnEvent::Data { .. }) => Happened::Echo,
                TurnOutput::Event(TurnEvent::Refreshed { .. }) => Happened::Refreshed,
                TurnOutput::Event(TurnEvent::Released) => Happened::Released,
                TurnOutput::Event(_) => Happened::Failed,
            })
        }) {
            happened.push(output);
        }
        happened
    };
    while !released {
        assert!(started.elapsed() < Duration::from_secs(30), "the TURN exchange did not finish ({echoed} echoes)");
        for happened in pump(&mut turn) {
            match happened {
                Happened::Nothing => {}
                Happened::Allocated => counted(|| turn.permit(now(), peer.ip())),
                Happened::Permitted => permitted = true,
                Happened::Echo => {
                    echoed += 1;
                    waiting_echo = false;
                }
                Happened::Refreshed => counted(|| turn.release(now())),
                Happened::Released => released = true,
                Happened::Failed => panic!("the TURN exchange failed"),
            }
        }
        if permitted && !waiting_echo && echoed < PACKETS {
            waiting_echo = true;
            counted(|| turn.send(now(), peer, &[0x5a; 1000]));
            continue;
        }
        // Every packet relayed and echoed: refresh now rather than in 9 minutes.
        if echoed == PACKETS && !refresh_asked {
            refresh_asked = true;
            counted(|| turn.handle_timeout(now() + 540_000));
        }
        match socket.recv(&mut buf) {
            Ok(n) => counted(|| turn.handle_input(now(), &buf[..n])),
            Err(_) => counted(|| turn.handle_timeout(now())),
        }
    }
    counted(|| drop(turn));
    TurnFigures { peak: PEAK.load(Ordering::Relaxed), live_after_drop: LIVE.load(Ordering::Relaxed), relayed: echoed }
}

struct Footprint {
    app_image: usize,
    data: u64,
    bss: u64,
    heap: u64,
    iram_code: u64,
}

impl Footprint {
    fn reserved(&self) -> u64 {
        self.data + self.bss - self.heap
    }
}

fn footprint(elf: &[u8], chip: &str) -> Footprint {
    use espflash::flasher::{FlashData, FlashSettings};
    use espflash::image_format::{ImageFormat, idf::IdfBootloaderFormat};
    let chip_id = chip.parse::<espflash::target::Chip>().unwrap();
    let flash_data =
        FlashData::new(FlashSettings::default(), 0, None, chip_id, espflash::target::XtalFrequency::_40Mhz);
    let image = IdfBootloaderFormat::new(elf, &flash_data, None, None, None, None).unwrap();
    let app_image =
        ImageFormat::EspIdf(image).flash_segments().into_iter().find(|s| s.addr == 0x10000).unwrap().data.len();
    let file = object::File::parse(elf).unwrap();
    let size = |name: &str| file.section_by_name(name).map_or(0, |s| s.size());
    // esp-alloc's heap_allocator! makes each heap a static named HEAP; those inside .bss are subtracted (the
    // one in memory reclaimed from the bootloader is elsewhere and costs nothing here).
    let bss = file.section_by_name(".bss").map(|s| s.address()..s.address() + s.size()).unwrap_or(0..0);
    let heap = file
        .symbols()
        .filter(|s| s.name().is_ok_and(|n| n.contains("HEAP")) && s.size() >= 4096 && bss.contains(&s.address()))
        .map(|s| s.size())
        .sum();
    Footprint { app_image, data: size(".data"), bss: size(".bss"), heap, iram_code: size(".trap") + size(".rwtext") }
}

// ---- the counting allocator: only what is allocated and freed inside `counted` is counted ----

#[global_allocator]
static ALLOCATOR: Counting = Counting;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn counting() -> bool {
    COUNTING.try_with(Cell::get).unwrap_or(false)
}

fn add(bytes: isize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if counting() {
            add(layout.size() as isize);
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if counting() {
            add(-(layout.size() as isize));
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if counting() {
            add(new_size as isize - layout.size() as isize);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs core code with its allocations counted. Everything the core hands out is dropped inside it too.
fn counted<T>(f: impl FnOnce() -> T) -> T {
    COUNTING.with(|c| c.set(true));
    let result = f();
    COUNTING.with(|c| c.set(false));
    result
}

// ---- the session ----

struct SessionFigures {
    peak: isize,
    /// What is still counted once the machine is gone: 0 when every counted allocation was freed in scope.
    live_after_drop: isize,
    received: u64,
    sent: u64,
}

fn run_session(emulator: &Emulator) -> SessionFigures {
    let started = Instant::now();
    let now = || started.elapsed().as_millis() as u64;
    let mut machine = counted(|| {
        Machine::new(Config {
            channel: "footprint".parse::<ChannelRef>().unwrap(),
            role: Role::Master,
            client_id: ClientId::new("footprint-master").unwrap(),
            create_if_missing: Some(MessageTtl::new(60).unwrap()),
            cached: None,
            timing: Timing::default(),
            seed: 7,
        })
    });
    counted(|| machine.start(now()));
    let mut socket: Option<(u64, tungstenite::WebSocket<TcpStream>)> = None;
    let mut viewer: Option<Child> = None;
    let mut answered_at: Option<Instant> = None;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        while let Some(output) = counted(|| machine.poll_output()) {
            match &output {
                Output::Http(request) => {
                    let (status, error_type, body) = http(emulator, request);
                    let outcome = HttpOutcome::Response { status, error_type: error_type.as_deref(), body: &body };
                    counted(|| machine.handle_http(request.id, now(), outcome));
                }
                Output::Connect(request) => {
                    let url = counted(|| presign(&request.url, &request.params));
                    let opened = connect(&url);
                    counted(|| drop(url));
                    match opened {
                        Some(ws) => {
                            socket = Some((request.id, ws));
                            counted(|| machine.handle_connected(request.id, now()));
                        }
                        None => counted(|| machine.handle_connect_failed(request.id, now(), None)),
                    }
                }
                Output::Frame(text) => {
                    if let Some((_, ws)) = socket.as_mut() {
                        ws.send(Message::text(text.as_str())).unwrap();
                    }
                }
                Output::Ping => {
                    if let Some((_, ws)) = socket.as_mut() {
                        ws.send(Message::Ping(Default::default())).unwrap();
                    }
                }
                Output::CloseSocket => {
                    if let Some((_, mut ws)) = socket.take() {
                        let _ = ws.close(None);
                    }
                }
                Output::Event(kvs_core::event::Event::State { to: kvs_core::signaling::State::Connected, .. })
                    if viewer.is_none() =>
                {
                    viewer = Some(viewer_offer(emulator));
                }
                Output::Message(message) if message.message_type == MessageType::SdpOffer => {
                    counted(|| {
                        let answer = kvs_core::diagnostic::answer_payload(
                            message.payload.as_deref().unwrap_or_default(),
                            "host",
                            1,
                            None,
                        );
                        let recipient = message.sender.as_deref().and_then(|s| ClientId::new(s).ok());
                        if let Some(payload) = answer {
                            let _ = machine.send(
                                now(),
                                Outgoing { action: Action::SdpAnswer, payload, recipient, correlation_id: None },
                            );
                        }
                    });
                    answered_at = Some(Instant::now());
                }
                _ => {}
            }
            counted(|| drop(output));
        }
        let viewer_done = viewer.as_mut().is_some_and(|child| child.try_wait().unwrap().is_some());
        if answered_at.is_some_and(|at| at.elapsed() > Duration::from_millis(300)) && viewer_done {
            break;
        }
        assert!(Instant::now() < deadline, "the session did not finish: state {:?}", machine.state());
        if let Some((id, ws)) = socket.as_mut() {
            let id = *id;
            match ws.read() {
                Ok(Message::Text(text)) => counted(|| machine.handle_frame(id, now(), text.as_str())),
                Ok(_) => counted(|| machine.handle_traffic(id, now())),
                Err(tungstenite::Error::Io(e))
                    if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(_) => {
                    socket = None;
                    counted(|| machine.handle_closed(id, now(), None));
                }
            }
        } else {
            std::thread::sleep(Duration::from_millis(5));
        }
        if counted(|| machine.poll_timeout()).is_some_and(|at| at <= now()) {
            counted(|| machine.handle_timeout(now()));
        }
    }
    counted(|| machine.close(now()));
    while let Some(output) = counted(|| machine.poll_output()) {
        counted(|| drop(output));
    }
    let metrics = machine.metrics();
    let (received, sent) = (metrics.messages_received, metrics.messages_sent);
    counted(|| drop(machine));
    if let Some(mut child) = viewer {
        let _ = child.wait();
    }
    SessionFigures { peak: PEAK.load(Ordering::Relaxed), live_after_drop: LIVE.load(Ordering::Relaxed), received, sent }
}

/// One signed POST over a fresh connection, as the firmware's HTTP client sends it.
fn http(emulator: &Emulator, request: &HttpRequest) -> (u16, Option<String>, Vec<u8>) {
    let base = match &request.target {
        Target::ControlPlane => emulator.http.clone(),
        Target::Url(url) => url.clone(),
    };
    let authority = base.trim_start_matches("http://").trim_end_matches('/');
    let (host, prefix) = authority.split_once('/').map_or((authority, ""), |(h, p)| (h, p));
    let path = format!("{}{}", if prefix.is_empty() { String::new() } else { format!("/{prefix}") }, request.op.path());
    let signed = counted(|| kvs_test_support::sign(host, &path, &request.body));
    let mut stream = TcpStream::connect(host).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\nx-amz-date: {}\r\n\
         authorization: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        signed.x_amz_date,
        signed.authorization,
        request.body.len()
    );
    counted(|| drop(signed));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&request.body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let error_type = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("x-amzn-errortype")))
        .map(|(_, v)| v.trim().to_string());
    (status, error_type, response[split + 4..].to_vec())
}

fn presign(url: &str, params: &[(String, String)]) -> String {
    let rest = url.trim_start_matches("ws://");
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let query = kvs_core::sigv4::presign_query(
        &kvs_test_support::credentials(),
        REGION,
        kvs_core::SIGNING_SERVICE,
        kvs_test_support::now(),
        &kvs_core::sigv4::PresignRequest { host, path: &path, params: &params, expires_secs: 300 },
    );
    format!("ws://{host}{path}?{query}")
}

fn connect(url: &str) -> Option<tungstenite::WebSocket<TcpStream>> {
    let host = url.trim_start_matches("ws://").split('/').next()?;
    let stream = TcpStream::connect(host).ok()?;
    let (socket, _) = tungstenite::client(url, stream).ok()?;
    socket.get_ref().set_read_timeout(Some(Duration::from_millis(10))).ok()?;
    Some(socket)
}

/// A kvs-esp viewer that sends an offer and waits for the answer.
fn viewer_offer(emulator: &Emulator) -> Child {
    let dir = std::env::temp_dir();
    let offer = dir.join("kvs-esp-footprint-offer.sdp");
    let sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
    std::fs::write(&offer, sdp).unwrap();
    let offer = offer.to_string_lossy();
    Kvs::over_tls(&emulator.http, &emulator.ca_file, &dir.join("kvs-esp-footprint-cache"))
        .silent(&["-q", "--no-cache", "signal", "connect", "--channel", "footprint", "--role", "viewer"])
        .args(["--until", "answer", "--offer", &offer])
        .spawn()
        .unwrap()
}

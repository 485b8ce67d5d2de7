#![allow(dead_code)]

//! A real coturn on loopback for the TURN-over-TLS tests: certificates made with rcgen (a CA and a server
//! certificate), a configuration from reference/real-peers.md §3, free ports, killed when dropped.

use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

/// How coturn checks credentials.
pub enum Auth<'a> {
    LongTerm {
        user: &'a str,
        password: &'a str,
    },
    /// TURN REST credentials with this shared secret (what the emulator mints).
    Secret(&'a str),
}

/// What the server certificate looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cert {
    /// For localhost and 127.0.0.1.
    Good,
    /// For localhost only, so that 127.0.0.1 is a name mismatch.
    LocalhostOnly,
    /// Expired a year ago.
    Expired,
}

pub struct Coturn {
    child: Child,
    pub tls_port: u16,
    pub udp_port: u16,
    pub ca_file: PathBuf,
    dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Relay port ranges that do not overlap between coturns of one test run.
fn relay_range() -> (u16, u16) {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let slot = NEXT.fetch_add(1, Ordering::Relaxed) % 60;
    let base = 50_000 + (std::process::id() % 8) as u16 * 1_200 + slot * 20;
    (base, base + 19)
}

fn certificates(dir: &std::path::Path, kind: Cert) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose, SanType};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.distinguished_name.push(DnType::CommonName, "kvs-test-ca");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut server = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    server.distinguished_name.push(DnType::CommonName, "localhost");
    if kind != Cert::LocalhostOnly {
        server.subject_alt_names.push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    }
    if kind == Cert::Expired {
        server.not_before = rcgen::date_time_ymd(2020, 1, 1);
        server.not_after = rcgen::date_time_ymd(2021, 1, 1);
    }
    let cert = server.signed_by(&key, &issuer).unwrap();
    let paths = (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"));
    std::fs::write(&paths.0, ca_cert.pem()).unwrap();
    std::fs::write(&paths.1, cert.pem()).unwrap();
    std::fs::write(&paths.2, key.serialize_pem()).unwrap();
    paths
}

impl Coturn {
    pub fn start(auth: Auth<'_>, cert: Cert) -> Coturn {
        let dir = tempfile::tempdir().unwrap();
        let (ca_file, cert_file, key_file) = certificates(dir.path(), cert);
        let (tls_port, udp_port) = (free_port(), free_port());
        let (min, max) = relay_range();
        let auth = match auth {
            Auth::LongTerm { user, password } => format!("lt-cred-mech\nuser={user}:{password}"),
            Auth::Secret(secret) => format!("use-auth-secret\nstatic-auth-secret={secret}"),
        };
        let d = dir.path().display();
        let config = format!(
            "listening-ip=127.0.0.1\nrelay-ip=127.0.0.1\nlistening-port={udp_port}\ntls-listening-port={tls_port}\n\
             min-port={min}\nmax-port={max}\nrealm=kvs.test\n{auth}\nfingerprint\ncert={}\npkey={}\nno-dtls\nno-cli\n\
             allow-loopback-peers\nno-software-attribute\nno-multicast-peers\nuserdb={d}/turndb\nlog-file={d}/turn.log\n\
             simple-log\nverbose\npidfile={d}/turnserver.pid\n",
            cert_file.display(),
            key_file.display()
        );
        let config_path = dir.path().join("turnserver.conf");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new("turnserver")
            .arg("-c")
            .arg(&config_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("turnserver (Debian's coturn) must be installed: scripts/setup installs it");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", tls_port)).is_err() {
            assert!(Instant::now() < deadline, "coturn did not start listening on {tls_port}");
            std::thread::sleep(Duration::from_millis(25));
        }
        Coturn { child, tls_port, udp_port, ca_file, dir }
    }

    pub fn uri(&self, host: &str) -> String {
        format!("turns:{host}:{}?transport=tcp", self.tls_port)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("turn.log")).unwrap_or_default()
    }
}

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A UDP echo service (the peer behind the relay); returns its address.
pub fn udp_echo() -> String {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut buf = [0u8; 2048];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            let _ = socket.send_to(&buf[..n], from);
        }
    });
    addr
}

/// A TCP server that reads the ClientHello and closes: a TLS handshake cut short.
pub fn closes_mid_handshake() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut hello = [0u8; 512];
            let _ = std::io::Read::read(&mut stream, &mut hello);
        }
    });
    port
}

/// The TURN REST password for a username (base64 HMAC-SHA1 with the shared secret).
pub fn rest_password(secret: &str, username: &str) -> String {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

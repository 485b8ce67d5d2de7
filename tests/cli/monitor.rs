//! `kvs-esp monitor` on a pseudo-terminal: a scripted boot log, event lines, garbage and a panic whose
//! addresses come from the built ESP32-C3 firmware ELF.

use crate::support::{Kvs, firmware_elf};
use object::{Object, ObjectSymbol};
use serde_json::Value;
use serialport::SerialPort;
use std::io::Write;
use std::path::PathBuf;

/// A function of the firmware and its address, from the ELF's symbol table.
fn firmware_function(elf: &PathBuf) -> (String, u64) {
    let bytes = std::fs::read(elf).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    let symbol = file
        .symbols()
        .filter(|s| s.kind() == object::SymbolKind::Text && s.size() > 8)
        .find(|s| s.name().is_ok_and(|n| n.contains("wait_for_provisioning")))
        .or_else(|| file.symbols().find(|s| s.kind() == object::SymbolKind::Text && s.size() > 8))
        .expect("a function symbol");
    (addr2line::demangle_auto(symbol.name().unwrap().into(), None).into_owned(), symbol.address())
}

fn run_monitor(script: &[u8], extra: &[&str]) -> (i32, Vec<Value>, String) {
    let (mut master, slave) = serialport::TTYPort::pair().expect("a pseudo-terminal");
    let port = slave.name().expect("the pty's name");
    let kvs = Kvs::new("http://127.0.0.1:1");
    let mut args = vec!["-o", "json", "monitor", "--port", port.as_str(), "--until", "2s"];
    args.extend(extra);
    let mut session = kvs.spawn(&args);
    std::thread::sleep(std::time::Duration::from_millis(500));
    master.write_all(script).unwrap();
    master.flush().unwrap();
    let code = session.finish();
    let lines = session.of_type_all();
    (code, lines, session.stderr())
}

#[test]
fn parses_and_symbolizes_a_boot_log_and_a_panic() {
    let elf = firmware_elf();
    let (function, address) = firmware_function(&elf);
    let script = format!(
        "ESP-ROM:esp32c3-api1-20210207\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n\
         \x1b[0;32mI (12) kvs: kvs-esp firmware 0.1.0 on esp32c3\x1b[0m\r\n\
         \x1b[0;32mI (13) kvs: ev=heap free=70000 min=69000\x1b[0m\r\n\
         \u{0}GARBAGE_BYTESgarbage\r\n\
         \x1b[0;32mI (20) kvs: ev=api op=DescribeSignalingChannel status=200 ms=84\x1b[0m\r\n\
         ====================== PANIC ======================\r\n\
         panicked at src/main.rs:10:5: boom\r\n\
         Backtrace:\r\n0x{address:08x}\r\n\
         a partial line without newline"
    );
    let script = script.replace("GARBAGE_BYTES", "\u{1}").into_bytes();
    let at = script.iter().position(|b| *b == 1).unwrap();
    let script = [&script[..at], &[0xff, 0xfe, 0x80][..], &script[at + 1..]].concat();
    let (code, lines, stderr) = run_monitor(&script, &["--elf", elf.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["rom", "rom", "log", "event", "text", "event", "panic", "panic", "backtrace", "backtrace", "text"],
        "{lines:?}"
    );
    assert_eq!(lines[3]["event"]["kind"], "heap");
    assert_eq!(lines[3]["event"]["fields"]["free"], "70000");
    assert_eq!(lines[5]["event"]["fields"]["op"], "DescribeSignalingChannel");
    assert_eq!(lines[5]["tag"], "kvs");
    assert_eq!(lines[4]["message"], "garbage", "control bytes are dropped, the text kept");
    let symbol = &lines[9]["symbols"][0];
    assert_eq!(symbol["address"], format!("0x{address:08x}"));
    assert_eq!(symbol["function"], function.as_str(), "{symbol}");
    assert!(symbol["location"].as_str().is_some_and(|l| l.contains(".rs:")), "{symbol}");
    assert_eq!(lines[10]["message"], "a partial line without newline");
}

/// A data object of the firmware (in .bss or .data) and its address.
fn firmware_data(elf: &PathBuf) -> u64 {
    let bytes = std::fs::read(elf).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    let data = file.symbols().find(|s| s.kind() == object::SymbolKind::Data && s.size() >= 64 && s.address() != 0);
    data.expect("a data symbol").address()
}

#[test]
fn only_code_is_symbolized_and_inlined_frames_form_a_chain() {
    let elf = firmware_elf();
    let (function, code) = firmware_function(&elf);
    let data = firmware_data(&elf);
    // A RISC-V register dump as esp-backtrace prints it: code, a data address, zero, a ROM address.
    let script = format!(
        "Core  0 register dump:\r\n\
         MEPC    : 0x{code:08x}  RA      : 0x{data:08x}  SP      : 0x3fc8f6a0  GP      : 0x00000000\r\n\
         A0      : 0x40000400  A1      : 0x00000001\r\n"
    );
    let (code_exit, lines, stderr) = run_monitor(script.as_bytes(), &["--elf", elf.to_str().unwrap()]);
    assert_eq!(code_exit, 0, "{stderr}");
    let symbols: Vec<&Value> = lines.iter().filter_map(|l| l["symbols"].as_array()).flatten().collect();
    let addresses: Vec<&str> = symbols.iter().map(|s| s["address"].as_str().unwrap()).collect();
    assert_eq!(addresses, [format!("0x{code:08x}").as_str(), "0x40000400"], "no false symbols: {symbols:#?}");
    assert_eq!(symbols[0]["function"], function.as_str());
    assert_eq!(symbols[1]["function"], "ROM");

    // An address inside inlined code: the chain down to the function that holds it.
    let inlined = inlined_address(&elf).expect("the release firmware inlines something");
    let script = format!("Backtrace:\r\n0x{inlined:08x}\r\n");
    let (_, lines, _) = run_monitor(script.as_bytes(), &["--elf", elf.to_str().unwrap()]);
    let symbol = lines.iter().find_map(|l| l["symbols"].as_array().and_then(|s| s.first())).expect("a symbol");
    let chain = symbol["inlined_into"].as_array().expect("inlined frames");
    assert!(!chain.is_empty() && chain.iter().all(|f| f["function"].is_string()), "{symbol:#}");
}

/// A code address whose frames (addr2line's, with inlines) are more than one deep.
fn inlined_address(elf: &PathBuf) -> Option<u64> {
    let bytes = std::fs::read(elf).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    let loader = addr2line::Loader::new(elf).unwrap();
    let functions = file.symbols().filter(|s| s.kind() == object::SymbolKind::Text && s.size() > 64);
    functions.flat_map(|s| (s.address()..s.address() + s.size()).step_by(16)).find(|&address| {
        let mut frames = loader.find_frames(address).unwrap();
        let mut depth = 0;
        while let Ok(Some(frame)) = frames.next() {
            depth += usize::from(frame.function.is_some());
        }
        depth > 1
    })
}

#[test]
fn filters_like_esp_idf_monitor_stamps_the_time_and_logs_everything() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("device.log");
    let script = b"I (12) kvs: ev=ping\r\nD (13) kvs: a detail\r\nI (300) wifi:mode : sta\r\nE (310) wifi:failed\r\n\
        Guru Meditation Error: Core  0 panic'ed (Load access fault).\r\n";
    let filter = ["--filter", "kvs:I *:E", "--timestamps", "--log-file", log.to_str().unwrap()];
    let (code, lines, stderr) = run_monitor(script, &filter);
    assert_eq!(code, 0, "{stderr}");
    let shown: Vec<&str> =
        lines.iter().filter(|l| l["kind"] != "monitor").map(|l| l["message"].as_str().unwrap()).collect();
    assert_eq!(
        shown,
        ["ev=ping", "failed", "Guru Meditation Error: Core  0 panic'ed (Load access fault)."],
        "{lines:#?}"
    );
    assert!(lines[0]["time"].as_str().is_some_and(|t| t.len() == 23 && t.as_bytes()[4] == b'-'), "{:?}", lines[0]);
    let written = std::fs::read_to_string(&log).unwrap();
    assert_eq!(written.lines().count(), 5, "every line, unfiltered: {written}");
    assert!(written.contains("D (13) kvs: a detail") && written.contains("I (300) wifi:mode : sta"));
    let kvs = Kvs::new("http://127.0.0.1:1");
    let run = kvs.run(&["monitor", "--port", "/dev/null", "--filter", "kvs:X"]).fails_with(2);
    assert!(run.stderr.contains("N, E, W, I, D, V or *"), "{run:?}");
}

/// What esp-idf-monitor's decoder (esp_idf_panic_decoder, with RISC-V binutils' addr2line) makes of a line: for
/// each address it decodes, its frames, innermost first, as `function at file:line`. Where addr2line knows no
/// line it may still name a file (a wrong one: the Wi-Fi blobs have no line tables) — both say "no line": `??:?`.
fn esp_idf_monitor_decodes(elf: &std::path::Path, line: &str) -> Vec<(String, Vec<String>)> {
    let script = "import json, sys\n\
        from esp_idf_panic_decoder import PcAddressDecoder\n\
        decoder = PcAddressDecoder('riscv64-unknown-elf-', [sys.argv[1]], None)\n\
        where = lambda l: f'{l.path}:{l.line}' if l.line not in ('?', '0', '') else '??:?'\n\
        print(json.dumps([[a, [f'{l.func} at {where(l)}' for l in locs]] for a, locs in decoder.translate_addresses(sys.argv[2])]))";
    let output = std::process::Command::new("python3")
        .args(["-c", script, elf.to_str().unwrap(), line])
        .output()
        .expect("python3 with esp-idf-monitor (scripts/setup installs it)");
    assert!(output.status.success(), "esp-idf-monitor's decoder: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn decodes_every_address_as_esp_idf_monitor_does_and_no_other() {
    let elf = firmware_elf();
    let bytes = std::fs::read(&elf).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    let mut code: Vec<u64> = file
        .symbols()
        .filter(|s| s.kind() == object::SymbolKind::Text && s.size() > 256)
        .step_by(97)
        .take(12)
        .map(|s| s.address() + 16)
        .collect();
    code.push(inlined_address(&elf).expect("an inlined address"));
    let data = firmware_data(&elf);
    // A backtrace as esp-backtrace prints it (PC:SP pairs), then a register row of data and zeros.
    let backtrace: Vec<String> = code.iter().map(|a| format!("0x{a:08x}:0x3fc8f6a0")).collect();
    let backtrace = format!("Backtrace: {}", backtrace.join(" "));
    let registers = format!("A0      : 0x{data:08x}  A1      : 0x3fc8f6a0  A2      : 0x00000000");
    let theirs: Vec<(String, Vec<String>)> =
        [&backtrace, &registers].iter().flat_map(|line| esp_idf_monitor_decodes(&elf, line)).collect();

    let script = format!("{backtrace}\r\n{registers}\r\n");
    let (exit, lines, stderr) = run_monitor(script.as_bytes(), &["--elf", elf.to_str().unwrap()]);
    assert_eq!(exit, 0, "{stderr}");
    let ours: Vec<(String, Vec<String>)> = lines
        .iter()
        .filter_map(|l| l["symbols"].as_array())
        .flatten()
        .map(|s| {
            let frame = |f: &Value| {
                format!("{} at {}", f["function"].as_str().unwrap(), f["location"].as_str().unwrap_or("??:?"))
            };
            let inlined = s["inlined_into"].as_array().into_iter().flatten().map(frame);
            (s["address"].as_str().unwrap().to_string(), std::iter::once(frame(s)).chain(inlined).collect())
        })
        .collect();
    assert_eq!(theirs.len(), code.len(), "esp-idf-monitor decodes the code addresses only: {theirs:#?}");
    assert_eq!(ours, theirs, "the same addresses, the same frames (inlined chains included), no false symbols");
}

#[test]
fn warns_when_the_device_runs_another_build_and_refuses_bad_input() {
    let elf = firmware_elf();
    let warned = |lines: &[Value]| {
        lines.iter().any(|l| l["kind"] == "monitor" && l["message"].as_str().unwrap().contains("another build"))
    };
    let (_, lines, _) = run_monitor(b"ELF file SHA256: 0000000000000000\r\n", &["--elf", elf.to_str().unwrap()]);
    assert!(warned(&lines), "{lines:?}");
    // At boot, as ESP-IDF's app_init and the companion firmware print it: the same build says nothing.
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(std::fs::read(&elf).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
    let same = format!("I (57) app_init: ELF file SHA256:  {}...\r\n", &hash[..16]);
    let (_, lines, _) = run_monitor(same.as_bytes(), &["--elf", elf.to_str().unwrap()]);
    assert!(!warned(&lines) && lines[0]["kind"] == "elf-hash", "{lines:?}");
    let other = b"I (57) app_init: ELF file SHA256:  0123456789abcdef...\r\n";
    let (_, lines, _) = run_monitor(other, &["--elf", elf.to_str().unwrap()]);
    assert!(warned(&lines), "{lines:?}");

    let kvs = Kvs::new("http://127.0.0.1:1");
    let run = kvs.run(&["monitor", "--port", "/dev/no-such-port", "--until", "1s"]).fails_with(1);
    assert!(run.stderr.contains("cannot open /dev/no-such-port"), "{run:?}");
    let not_elf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_elf.path(), b"not an elf").unwrap();
    let run = kvs.run(&["monitor", "--port", "/dev/null", "--elf", not_elf.path().to_str().unwrap()]).fails_with(2);
    assert!(run.stderr.contains("not a usable ELF"), "{run:?}");
}

#[test]
fn answers_the_provisioning_prompt_without_showing_secrets() {
    use std::io::Read;
    let (mut master, slave) = serialport::TTYPort::pair().expect("a pseudo-terminal");
    let port = slave.name().expect("the pty's name");
    let kvs = Kvs::new("http://127.0.0.1:1").set("KVS_ESP_WIFI_PASSWORD", "wifi-secret-1");
    let mut session =
        kvs.spawn(&["monitor", "--port", &port, "--until", "3s", "--channel", "cam-1", "--wifi-ssid", "lab"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    master.write_all(b"\x1b[0;32mI (5) kvs: ev=provision-prompt version=1 prefix=KVS-PROVISION\x1b[0m\r\n").unwrap();
    master.set_timeout(std::time::Duration::from_secs(3)).unwrap();
    let mut written = Vec::new();
    let mut byte = [0u8; 1];
    while !written.ends_with(b"\n") && master.read(&mut byte).map(|n| n == 1).unwrap_or(false) {
        written.push(byte[0]);
    }
    let line = String::from_utf8(written).unwrap();
    let provisioning = kvs_core::provision::parse_line(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
    assert_eq!(provisioning.channel.to_string(), "cam-1");
    assert_eq!(provisioning.role, kvs_core::names::Role::Master);
    assert_eq!(provisioning.client_id.as_str(), "esp32-cam-1");
    assert_eq!(provisioning.region.as_str(), "us-west-2");
    assert_eq!(provisioning.access_key_id, crate::support::AKID);
    assert_eq!(provisioning.secret_access_key, crate::support::SECRET);
    assert_eq!(provisioning.wifi_password, "wifi-secret-1");
    assert_eq!(session.finish(), 0);
    let shown = format!("{:?}{}", session.of_type_all(), session.stderr());
    assert!(shown.contains("provisioned the device: channel cam-1"), "{shown}");
    assert!(!shown.contains(crate::support::SECRET) && !shown.contains("wifi-secret-1"), "secrets never show: {shown}");

    let kvs = Kvs::new("http://127.0.0.1:1");
    kvs.run(&["monitor", "--port", &port, "--channel", "cam-1"]).fails_with(2);
}

#[test]
fn an_echoed_provisioning_line_never_shows_a_secret() {
    use std::io::Read;
    const TOKEN: &str = "FQoGZXIvYXdzSESSIONTOKENsecret";
    for output in ["text", "json"] {
        let (mut master, slave) = serialport::TTYPort::pair().expect("a pseudo-terminal");
        let port = slave.name().expect("the pty's name");
        let kvs = Kvs::new("http://127.0.0.1:1")
            .set("KVS_ESP_WIFI_PASSWORD", "wifi-secret-1")
            .set("AWS_SESSION_TOKEN", TOKEN);
        let mut session = kvs.spawn(&[
            "-o",
            output,
            "monitor",
            "--port",
            &port,
            "--until",
            "3s",
            "--channel",
            "cam-1",
            "--wifi-ssid",
            "lab",
        ]);
        std::thread::sleep(std::time::Duration::from_millis(500));
        master.write_all(b"I (5) kvs: ev=provision-prompt version=1 prefix=KVS-PROVISION\r\n").unwrap();
        master.set_timeout(std::time::Duration::from_secs(3)).unwrap();
        let mut written = Vec::new();
        let mut byte = [0u8; 1];
        while !written.ends_with(b"\n") && master.read(&mut byte).map(|n| n == 1).unwrap_or(false) {
            written.push(byte[0]);
        }
        let line = String::from_utf8(written).unwrap();
        assert!(line.contains(TOKEN), "the device gets the token: {line}");
        // A console that echoes, and a firmware that logs what it got (whole, and cut short).
        let echo = format!(
            "{}\r\nE (9) kvs: provisioning refused: {}\r\nI (10) con: {}\r\n",
            line.trim_end(),
            line.trim_end(),
            &line[..line.len() / 2]
        );
        master.write_all(echo.as_bytes()).unwrap();
        assert_eq!(session.finish(), 0);
        let shown = format!("{:?}{}", session.of_type_all(), session.stderr());
        assert!(shown.contains("KVS-PROVISION"), "the echoed line is shown ({output}), redacted: {shown}");
        for secret in [crate::support::SECRET, "wifi-secret-1", TOKEN] {
            assert!(!shown.contains(secret), "{secret} shown with -o {output}: {shown}");
        }
    }
}

#[test]
fn asks_for_provisioning_settings_when_the_device_prompts() {
    let (_, lines, _) = run_monitor(b"I (5) kvs: ev=provision-prompt version=1 prefix=KVS-PROVISION\r\n", &[]);
    assert!(
        lines.iter().any(|l| l["kind"] == "monitor" && l["message"].as_str().unwrap().contains("--wifi-ssid")),
        "{lines:?}"
    );
}

#[test]
fn ctrl_r_asks_for_a_reset_and_ctrl_c_quits() {
    let (mut device, serial) = serialport::TTYPort::pair().expect("a pty for the device");
    let (mut keyboard, terminal) = serialport::TTYPort::pair().expect("a pty for the user's terminal");
    let terminal_path = terminal.name().unwrap();
    // The user's terminal starts out canonical with echo, as a shell leaves it (the pair comes raw).
    let cooked = std::fs::File::open(&terminal_path).unwrap();
    let mut settings = rustix::termios::tcgetattr(&cooked).unwrap();
    settings.local_modes.insert(rustix::termios::LocalModes::ICANON | rustix::termios::LocalModes::ECHO);
    rustix::termios::tcsetattr(&cooked, rustix::termios::OptionalActions::Now, &settings).unwrap();
    let stdin = std::fs::OpenOptions::new().read(true).write(true).open(&terminal_path).unwrap();
    let kvs = Kvs::new("http://127.0.0.1:1");
    let started = std::time::Instant::now();
    let child = kvs
        .command(&["-o", "json", "monitor", "--port", &serial.name().unwrap(), "--until", "20s"])
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    device.write_all(b"I (5) kvs: before the reset\r\n").unwrap();
    keyboard.write_all(&[0x12]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    keyboard.write_all(&[0x03]).unwrap();
    let output = child.wait_with_output().unwrap();

    assert!(started.elapsed() < std::time::Duration::from_secs(10), "Ctrl-C quit well before --until");
    assert!(output.status.success(), "{output:?}");
    let lines: Vec<Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().any(|l| l["message"] == "before the reset"), "{lines:?}");
    // A pty has no RTS line: the reset is attempted and its failure explained.
    let reset = lines.iter().find(|l| l["kind"] == "monitor").expect("a note about the reset");
    assert!(reset["message"].as_str().unwrap().contains("cannot reset the device"), "{reset}");
    let settings = rustix::termios::tcgetattr(std::fs::File::open(&terminal_path).unwrap()).unwrap();
    assert!(
        settings.local_modes.contains(rustix::termios::LocalModes::ICANON | rustix::termios::LocalModes::ECHO),
        "the terminal's settings are restored"
    );
}

#[test]
fn reads_c_sdk_logs_register_dumps_and_core_dumps() {
    // Real C SDK lines: samples/Common.c's state callback, and CHK_LOG_ERR from Ice/TurnConnection.c.
    let script = b"2024-01-22 15:39:58.273 VERBOSE signalingClientStateChanged(): Signaling client state changed to 9 - 'Connected'\r\n\
        2024-01-22 15:40:33.561 ERROR   turnConnectionStepState(): operation returned status code: 0x15000020\r\n\
        Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.\r\n\
        Core  0 register dump:\r\n\
        MEPC    : 0x42000abc  RA      : 0x42000def  SP      : 0x3fc8f6a0  GP      : 0x3fc8b400\r\n\
        ================= CORE DUMP START =================\r\n\
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\nBBBBBBBBBBBBBBBB\r\n\
        ================= CORE DUMP END =================\r\n";
    let (code, lines, stderr) = run_monitor(script, &[]);
    assert_eq!(code, 0, "{stderr}");
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "event",
            "event",
            "panic",
            "registers",
            "registers",
            "core-dump",
            "core-dump",
            "core-dump",
            "core-dump",
            "monitor"
        ],
        "{lines:#?}"
    );
    assert_eq!(lines[0]["event"]["fields"]["to"], "CONNECTED");
    assert_eq!(lines[0]["tag"], "signalingClientStateChanged");
    assert_eq!((lines[1]["level"].as_str(), lines[1]["event"]["kind"].as_str()), (Some("E"), Some("failed")));
    assert_eq!(lines[1]["event"]["fields"]["status"], "0x15000020");
    let saved = lines[9]["message"].as_str().unwrap();
    let path = saved.split("saved to ").nth(1).unwrap().split(';').next().unwrap();
    assert_eq!(std::fs::read_to_string(path).unwrap(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBB\n");
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_port_that_vanishes_and_returns_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("esp");
    let (first_master, first_slave) = serialport::TTYPort::pair().unwrap();
    // The pair's descriptors are inheritable: kvs-esp would keep the first pty alive with its own copies.
    for port in [&first_master, &first_slave] {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor belongs to `port`, which outlives this call.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(port.as_raw_fd()) };
        rustix::io::fcntl_setfd(fd, rustix::io::FdFlags::CLOEXEC).unwrap();
    }
    std::os::unix::fs::symlink(first_slave.name().unwrap(), &link).unwrap();
    let kvs = Kvs::new("http://127.0.0.1:1");
    let mut session = kvs.spawn(&["-o", "json", "monitor", "--port", link.to_str().unwrap(), "--until", "4s"]);
    std::thread::sleep(std::time::Duration::from_millis(600));
    // The device resets over native USB: its port disappears…
    drop(first_master);
    drop(first_slave);
    std::fs::remove_file(&link).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    // …and comes back under the same name, still talking.
    let (mut master, slave) = serialport::TTYPort::pair().unwrap();
    std::os::unix::fs::symlink(slave.name().unwrap(), &link).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    master.write_all(b"I (3) kvs: after the reset\r\n").unwrap();
    assert_eq!(session.finish(), 0, "{}", session.stderr());
    let lines = session.of_type_all();
    let notes: Vec<&str> =
        lines.iter().filter(|l| l["kind"] == "monitor").filter_map(|l| l["message"].as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("went away")), "{lines:?} {}", session.stderr());
    assert!(notes.iter().any(|n| n.contains("is back")), "{lines:?}");
    assert!(lines.iter().any(|l| l["message"] == "after the reset"), "{lines:?}");
}

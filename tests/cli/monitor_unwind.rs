//! `kvs-esp monitor` unwinds RISC-V stack dumps by the ELF's call frame information, and agrees with
//! esp-idf-monitor's panic decoder (esp_idf_panic_decoder's GDB stub with Debian's gdb-multiarch) frame for frame.
//! The program is assembled here (Debian's RISC-V binutils) so that its frames and stack are known exactly:
//! `main` calls `outer`, which calls `inner`, a leaf that faults.

use crate::support::Kvs;
use serde_json::Value;
use serialport::SerialPort;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `main` saves s0 and never returns (its return address is undefined, as a start routine's is); `outer` saves ra
/// in a 32-byte frame; `inner` has no frame. `_stack_start` is the top of the stack, as esp-hal's linker script
/// defines it.
const PROGRAM: &str = "\
    .option norelax
    .cfi_sections FRAME_SECTION
    .globl _stack_start
    .set _stack_start, 0x3fc90000
    .text
    .globl main
    .type main, @function
main:
    .cfi_startproc
    .cfi_undefined ra
    addi sp, sp, -16
    .cfi_def_cfa_offset 16
    sw s0, 8(sp)
    .cfi_offset s0, -8
    call outer
    j main
    .cfi_endproc
    .size main, .-main
    .globl outer
    .type outer, @function
outer:
    .cfi_startproc
    addi sp, sp, -32
    .cfi_def_cfa_offset 32
    sw ra, 28(sp)
    .cfi_offset ra, -4
    nop
    call inner
    nop
    lw ra, 28(sp)
    addi sp, sp, 32
    ret
    .cfi_endproc
    .size outer, .-outer
    .globl inner
    .type inner, @function
inner:
    .cfi_startproc
    nop
    lw a0, 0(zero)
    ret
    .cfi_endproc
    .size inner, .-inner
";

/// Assembles and links the program at the ESP32-C3's flash-mapped code address, its CFI in `frame_section`.
fn program(dir: &Path, frame_section: &str) -> PathBuf {
    let source = dir.join("panic.s");
    std::fs::write(&source, PROGRAM.replace("FRAME_SECTION", frame_section)).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let status = std::process::Command::new(tool).current_dir(dir).args(args).status().unwrap_or_else(|e| {
            panic!("{tool} (Debian's binutils-riscv64-unknown-elf; scripts/setup installs it): {e}")
        });
        assert!(status.success(), "{tool} {args:?}");
    };
    run("riscv64-unknown-elf-as", &["-march=rv32imc", "-mabi=ilp32", "-g", "-o", "panic.o", "panic.s"]);
    run(
        "riscv64-unknown-elf-ld",
        &["-m", "elf32lriscv", "-Ttext=0x42000020", "-e", "main", "-o", "panic.elf", "panic.o"],
    );
    dir.join("panic.elf")
}

/// What ESP-IDF's panic handler prints when `inner` faults at 0x42000046 (outer's call returns to 0x4200003c;
/// main's to 0x4200002c, saved at 0x3fc8ffec): registers, then `rows` of stack memory from sp.
fn esp_idf_panic(rows: usize) -> String {
    let mut memory = [0u32; 16];
    memory[7] = 0x4200_002c;
    memory[10] = 0x3fc9_0010;
    let rows: Vec<String> = memory
        .chunks(8)
        .take(rows)
        .enumerate()
        .map(|(row, words)| {
            let words: Vec<String> = words.iter().map(|w| format!("0x{w:08x}")).collect();
            format!("{:08x}: {}", 0x3fc8_ffd0 + 32 * row, words.join(" "))
        })
        .collect();
    format!(
        "Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.\n\n\
         Core  0 register dump:\n\
         MEPC    : 0x42000046  RA      : 0x4200003c  SP      : 0x3fc8ffd0  GP      : 0x3fc8d000  \n\
         TP      : 0x3fc8a1f4  T0      : 0x4005890e  T1      : 0x3fc8f2bc  T2      : 0x00000000  \n\
         S0/FP   : 0x3fc8fff8  S1      : 0x3fc8f6a0  A0      : 0x00000001  A1      : 0x00000001  \n\
         MSTATUS : 0x00001881  MTVEC   : 0x40380001  MCAUSE  : 0x00000005  MTVAL   : 0x00000000  \n\
         MHARTID : 0x00000000  \n\n\
         Stack memory:\n{}\n\n\nELF file SHA256: 0000000000000000\n\nRebooting...\n",
        rows.join("\n")
    )
}

/// Feeds `text` to `kvs-esp -o json monitor --elf`; returns its `unwound` lines.
fn monitor_unwinds(elf: &Path, text: &str) -> Vec<Value> {
    let (mut master, slave) = serialport::TTYPort::pair().expect("a pseudo-terminal");
    let port = slave.name().expect("the pty's name");
    let kvs = Kvs::new("http://127.0.0.1:1");
    let mut session =
        kvs.spawn(&["-o", "json", "monitor", "--port", port.as_str(), "--until", "2s", "--elf", elf.to_str().unwrap()]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    master.write_all(text.replace('\n', "\r\n").as_bytes()).unwrap();
    master.flush().unwrap();
    assert_eq!(session.finish(), 0, "{}", session.stderr());
    session.of_type_all().into_iter().filter(|line| line["kind"] == "unwound").collect()
}

/// An `unwound` line's frames as (address, function, file name:line).
fn frames(unwound: &Value) -> Vec<(String, String, String)> {
    unwound["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .map(|frame| {
            let location = frame["location"].as_str().unwrap_or("??:?");
            let file = location.rsplit('/').next().unwrap_or(location);
            (frame["address"].as_str().unwrap().into(), frame["function"].as_str().unwrap_or("??").into(), file.into())
        })
        .collect()
}

/// esp-idf-monitor's decoding of a RISC-V panic: its GDB stub serves the dumped registers and stack to
/// `riscv32-esp-elf-gdb` (here gdb-multiarch under that name), whose `bt` is parsed into (function, file:line).
fn esp_idf_monitor_backtrace(dir: &Path, elf: &Path, panic: &str) -> Vec<(String, String)> {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gdb = bin.join("riscv32-esp-elf-gdb");
    std::fs::write(&gdb, "#!/bin/sh\nexec gdb-multiarch \"$@\"\n").unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&gdb).status().unwrap();
    let script = "import sys\n\
        from esp_idf_panic_decoder.panic_output_decoder import PanicOutputDecoder\n\
        decoder = PanicOutputDecoder('riscv32-esp-elf-', [sys.argv[1]], 'esp32c3')\n\
        sys.stdout.write(decoder.process_panic_output(sys.stdin.buffer.read()).decode())";
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut child = std::process::Command::new("python3")
        .args(["-c", script, elf.to_str().unwrap()])
        .env("PATH", path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with esp-idf-monitor (scripts/setup installs it)");
    child.stdin.take().unwrap().write_all(panic.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "esp-idf-monitor's panic decoder: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // `#0  inner () at panic.s:40`, `#1  0x4200003c in outer () at panic.s:28`
    stdout
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| {
            let frame = line.split_once(" in ").map_or(line.split_once("  ").map_or(line, |(_, f)| f), |(_, f)| f);
            let (function, location) = frame.split_once(" () at ").unwrap_or((frame, "??:?"));
            (function.trim().to_string(), location.trim().to_string())
        })
        .collect()
}

#[test]
fn unwinds_an_esp_idf_stack_dump_as_esp_idf_monitor_and_gdb_do() {
    for section in [".debug_frame", ".eh_frame"] {
        let dir = tempfile::tempdir().unwrap();
        let elf = program(dir.path(), section);
        let panic = esp_idf_panic(2);
        let unwound = monitor_unwinds(&elf, &panic);
        let [unwound] = unwound.as_slice() else { panic!("{section}: one backtrace, not {unwound:#?}") };
        let ours = frames(unwound);
        let names: Vec<&str> = ours.iter().map(|(_, function, _)| function.as_str()).collect();
        assert_eq!(names, ["inner", "outer", "main"], "{section}: {unwound:#}");
        let addresses: Vec<&str> = ours.iter().map(|(address, _, _)| address.as_str()).collect();
        assert_eq!(addresses, ["0x42000046", "0x4200003c", "0x4200002c"], "{section}");
        assert_eq!(unwound["stop"]["reason"], "outermost-frame", "{unwound:#}");

        let theirs = esp_idf_monitor_backtrace(dir.path(), &elf, &panic);
        let ours: Vec<(String, String)> =
            ours.into_iter().map(|(_, function, location)| (function, location)).collect();
        assert_eq!(ours, theirs, "{section}: the same frames, functions and lines as esp-idf-monitor (gdb)");
    }
}

#[test]
fn unwinds_esp_backtraces_stack_dump_line() {
    let dir = tempfile::tempdir().unwrap();
    let elf = program(dir.path(), ".debug_frame");
    // outer took the snapshot when inner returned to it: pc is that return address, and the dump runs from
    // outer's sp (0x3fc8ffd0) to _stack_start (0x3fc90000).
    let mut words = [0u32; 12];
    words[7] = 0x4200_002c;
    words[10] = 0x3fc9_0010;
    let bytes: String = words.iter().flat_map(|w| w.to_le_bytes()).map(|b| format!("{b:02x}")).collect();
    let text = format!(
        "====================== PANIC ======================\npanicked at src/main.rs:9:5\nSTACKDUMP: 4200003c {bytes}\n"
    );
    let unwound = monitor_unwinds(&elf, &text);
    let [unwound] = unwound.as_slice() else { panic!("one backtrace, not {unwound:#?}") };
    let ours = frames(unwound);
    assert_eq!(
        ours,
        [
            ("0x4200003c".to_string(), "outer".to_string(), "panic.s:28".to_string()),
            ("0x4200002c".to_string(), "main".to_string(), "panic.s:15".to_string())
        ],
        "{unwound:#}"
    );
    assert_eq!(unwound["stop"]["reason"], "outermost-frame");
}

#[test]
fn a_cut_dump_or_another_build_says_where_the_backtrace_ends() {
    let dir = tempfile::tempdir().unwrap();
    let elf = program(dir.path(), ".debug_frame");
    // Stack memory cut after four words: outer's saved return address (at 0x3fc8ffec) is not in it.
    let cut = esp_idf_panic(1).replace(
        "3fc8ffd0: 0x00000000 0x00000000 0x00000000 0x00000000 0x00000000 0x00000000 0x00000000 0x4200002c",
        "3fc8ffd0: 0x00000000 0x00000000 0x00000000 0x00000000",
    );
    let unwound = monitor_unwinds(&elf, &cut);
    let [unwound] = unwound.as_slice() else { panic!("one backtrace, not {unwound:#?}") };
    assert_eq!(frames(unwound).len(), 2, "{unwound:#}");
    assert_eq!(unwound["stop"], serde_json::json!({"reason": "outside-the-dump", "address": 0x3fc8_ffec_u32}));
    assert!(
        unwound["ends"].as_str().unwrap().contains("0x3fc8ffec lies outside the dumped stack memory"),
        "{unwound:#}"
    );

    let elsewhere = esp_idf_panic(2).replace("MEPC    : 0x42000046", "MEPC    : 0x42100000");
    let unwound = monitor_unwinds(&elf, &elsewhere);
    let [unwound] = unwound.as_slice() else { panic!("one backtrace, not {unwound:#?}") };
    assert_eq!(unwound["stop"], serde_json::json!({"reason": "no-frame-information", "address": 0x4210_0000_u32}));
    assert_eq!(frames(unwound)[0].1, "??");
}

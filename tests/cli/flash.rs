//! `kvs-esp flash` against the ROM-loader double on a pseudo-terminal: the esp32c3 firmware built by cargo (as
//! the command builds it), written through the stub and through the ROM loader, checked byte for byte against
//! espflash's own image layout; a chip mismatch, a corrupted ELF and the boards it refuses.

use crate::support::rom_double::{self, ESP32C3, ESP32C6, ESP32S3, Recorded, RomDouble};
use crate::support::{Emulator, Kvs, firmware_elf};
use espflash::flasher::{FlashData, FlashSettings};
use espflash::image_format::ImageFormat;
use espflash::image_format::idf::IdfBootloaderFormat;
use espflash::target::{Chip, XtalFrequency};

const FLASH_BEGIN: u8 = 0x02;
const MEM_BEGIN: u8 = 0x05;
const FLASH_DEFL_BEGIN: u8 = 0x10;
const CHANGE_BAUDRATE: u8 = 0x0f;

/// The segments espflash's image builder makes of the ELF: what the flash must hold afterwards.
fn expected_segments(elf: &[u8]) -> Vec<(u32, Vec<u8>)> {
    expected_segments_for(elf, Chip::Esp32c3)
}

fn expected_segments_for(elf: &[u8], chip: Chip) -> Vec<(u32, Vec<u8>)> {
    let flash_data = FlashData::new(FlashSettings::default(), 0, None, chip, XtalFrequency::_40Mhz);
    let image = IdfBootloaderFormat::new(elf, &flash_data, None, None, None, None).expect("an image");
    ImageFormat::EspIdf(image).flash_segments().into_iter().map(|s| (s.addr, s.data.into_owned())).collect()
}

/// Every expected segment is in the flash, and every other byte is still erased.
#[track_caller]
fn assert_flash_holds_exactly(recorded: &Recorded, segments: &[(u32, Vec<u8>)]) {
    let mut expected = vec![0xff_u8; rom_double::FLASH_SIZE];
    for (addr, data) in segments {
        expected[*addr as usize..*addr as usize + data.len()].copy_from_slice(data);
    }
    let first_difference = recorded.flash.iter().zip(&expected).position(|(got, want)| got != want);
    assert_eq!(first_difference, None, "the flash differs from the image at this offset");
}

fn flash(kvs: &Kvs, double: &RomDouble, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["-o", "json", "flash", "--board", "esp32c3", "--port", &double.path, "--before", "no-reset"];
    args.extend(["--after", "no-reset"]);
    args.extend(extra);
    kvs.run(&args)
}

#[test]
fn builds_and_flashes_the_firmware_through_the_stub() {
    let elf = firmware_elf();
    let double = RomDouble::start(ESP32C3, None);
    let kvs = Kvs::new("http://127.0.0.1:1").with_toolchain();
    let run = flash(&kvs, &double, &[]).ok();
    let recorded = double.finish();

    let report = run.json();
    assert_eq!(report["chip"], "esp32c3");
    assert_eq!(report["stub"], true);
    assert_eq!(std::fs::canonicalize(report["elf"].as_str().unwrap()).unwrap(), std::fs::canonicalize(&elf).unwrap());
    let segments = expected_segments(&std::fs::read(&elf).unwrap());
    assert_eq!(segments.iter().map(|s| s.0).collect::<Vec<_>>(), [0x0, 0x8000, 0x10000]);
    let reported: Vec<u64> =
        report["segments"].as_array().unwrap().iter().map(|s| s["address"].as_u64().unwrap()).collect();
    assert_eq!(reported, [0x0, 0x8000, 0x10000]);
    assert_eq!(report["bytes"].as_u64().unwrap() as usize, segments.iter().map(|s| s.1.len()).sum::<usize>());

    assert!(recorded.stub, "the stub was uploaded and greeted with OHAI");
    assert!(recorded.count(MEM_BEGIN) >= 1);
    assert_eq!(recorded.count(FLASH_DEFL_BEGIN), 3, "three compressed writes: {:?}", recorded.commands);
    assert!(recorded.back_in_rom, "--after no-reset leaves the chip in the ROM loader");
    assert_flash_holds_exactly(&recorded, &segments);
}

#[test]
fn flashes_a_prebuilt_elf_through_the_rom_loader_at_a_higher_baud() {
    let elf = firmware_elf();
    let double = RomDouble::start(ESP32C3, None);
    let kvs = Kvs::new("http://127.0.0.1:1");
    let run = flash(&kvs, &double, &["--elf", elf.to_str().unwrap(), "--no-stub", "--baud", "460800"]).ok();
    let recorded = double.finish();

    assert_eq!(run.json()["stub"], false);
    assert!(!recorded.stub);
    assert_eq!(recorded.count(MEM_BEGIN), 0, "no stub upload");
    assert_eq!(recorded.count(FLASH_BEGIN), 3, "three uncompressed writes: {:?}", recorded.commands);
    assert_eq!(recorded.count(CHANGE_BAUDRATE), 1);
    assert_eq!(recorded.baud_changes, [460_800]);
    assert_flash_holds_exactly(&recorded, &expected_segments(&std::fs::read(&elf).unwrap()));
}

#[test]
fn refuses_another_chip_before_writing_anything() {
    let elf = firmware_elf();
    let double = RomDouble::start(ESP32C6, None);
    let run = flash(&Kvs::new("http://127.0.0.1:1"), &double, &["--elf", elf.to_str().unwrap()]).fails_with(2);
    let recorded = double.finish();

    let error = run.json();
    let message = error["error"]["message"].as_str().unwrap();
    assert!(message.contains("esp32c6") && message.contains("nothing was written"), "{error}");
    assert!(error["error"]["hint"].as_str().unwrap().contains("--board esp32c6"), "{error}");
    assert_eq!(recorded.flash_writes(), 0);
    assert_eq!(recorded.count(MEM_BEGIN), 0, "not even the stub was uploaded");
    assert!(recorded.flash.iter().all(|&b| b == 0xff));
}

#[test]
fn refuses_a_corrupted_elf_without_touching_the_device() {
    let elf = std::fs::read(firmware_elf()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.elf");
    std::fs::write(&truncated, &elf[..elf.len() / 3]).unwrap();
    let garbage = dir.path().join("garbage.elf");
    std::fs::write(&garbage, b"\x7fELF this is not an ELF file at all").unwrap();

    for path in [&truncated, &garbage] {
        let double = RomDouble::start(ESP32C3, None);
        let run = flash(&Kvs::new("http://127.0.0.1:1"), &double, &["--elf", path.to_str().unwrap()]).fails_with(2);
        let recorded = double.finish();
        let message = run.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains(path.to_str().unwrap()), "{message}");
        assert!(
            message.contains("not a usable ELF") || message.contains("cannot be made into a flash image"),
            "{message}"
        );
        assert!(recorded.commands.is_empty(), "the device was not contacted: {:?}", recorded.commands);
    }
}

#[test]
fn refuses_boards_without_wifi_and_names_the_missing_toolchain() {
    let kvs = Kvs::new("http://127.0.0.1:1").with_toolchain();
    for (board, reason) in [("esp32h2", "no Wi-Fi"), ("esp32p4", "esp-hosted")] {
        let run = kvs.run(&["flash", "--board", board, "--port", "/dev/null"]).fails_with(2);
        assert!(run.stderr.contains(reason), "{board}: {}", run.stderr);
    }
    let run = kvs.run(&["flash", "--board", "esp32s3", "--port", "/dev/null"]).fails_with(1);
    assert!(run.stderr.contains("espup install"), "{}", run.stderr);
}

/// A firmware directory and a toolchain that fails as a real one does: `rustup` that lists what is installed,
/// `cargo` that prints what the real build prints on a machine with the fault, and fails.
fn failing_build(rustup_lists: &str, cargo_stdout: &str, cargo_stderr: &str) -> (tempfile::TempDir, Kvs) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(app.join("Cargo.toml"), "[package]\nname = \"kvs-esp-firmware\"\n").unwrap();
    std::fs::write(dir.path().join("stdout"), cargo_stdout).unwrap();
    std::fs::write(dir.path().join("stderr"), cargo_stderr).unwrap();
    let scripts = [
        ("rustup", format!("#!/bin/sh\nprintf '%s\\n' '{rustup_lists}'\n")),
        ("cargo", format!("#!/bin/sh\ncat '{0}/stdout'\ncat '{0}/stderr' >&2\nexit 101\n", dir.path().display())),
    ];
    for (name, script) in scripts {
        std::fs::write(bin.join(name), script).unwrap();
        std::fs::set_permissions(bin.join(name), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    (dir, Kvs::new("http://127.0.0.1:1").set("PATH", &path))
}

#[test]
fn a_failed_build_shows_its_first_error_and_names_known_causes() {
    let build = |kvs: &Kvs, dir: &tempfile::TempDir, board: &str| {
        let app = dir.path().join("app");
        kvs.run(&["flash", "--board", board, "--firmware-dir", app.to_str().unwrap()]).fails_with(1)
    };
    // `espup install` without --extended-llvm: mbedtls-rs-sys's build script runs a clang without Xtensa.
    let xtensa = "   Compiling mbedtls-rs-sys v0.3.1\nerror: failed to run custom build command for `mbedtls-rs-sys v0.3.1`\n\n\
        Caused by:\n  process didn't exit successfully: `/t/build/mbedtls-rs-sys/build-script-build` (exit status: 101)\n  \
        --- stderr\n  error: unknown target triple 'xtensa-none-unknown-elf'\n  thread 'main' panicked at build.rs:40:10\n\
        warning: build failed, waiting for other jobs to finish...\nerror: could not compile `kvs-esp-firmware`\n";
    let (dir, kvs) = failing_build("esp\nstable-x86_64-unknown-linux-gnu", "", xtensa);
    let run = build(&kvs, &dir, "esp32s3");
    assert!(run.stderr.contains("the first error:\nerror: failed to run custom build command"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown target triple 'xtensa-none-unknown-elf'"), "{}", run.stderr);
    assert!(!run.stderr.contains("waiting for other jobs"), "not cargo's tail: {}", run.stderr);
    assert!(run.stderr.contains("espup install --extended-llvm") && run.stderr.contains("CLANG_PATH"));

    // rustup lists the target, but the toolchain cargo runs lacks it (another toolchain pinned in the project).
    let missing = r#"{"reason":"compiler-message","message":{"level":"error","rendered":"error[E0463]: can't find crate for `core`\n  |\n  = note: the `riscv32imc-unknown-none-elf` target may not be installed\n"}}"#;
    let (dir, kvs) =
        failing_build("riscv32imc-unknown-none-elf", missing, "error: could not compile `kvs-esp-firmware`\n");
    let run = build(&kvs, &dir, "esp32c3");
    assert!(run.stderr.contains("the first error:\nerror[E0463]: can't find crate for `core`"), "{}", run.stderr);
    assert!(run.stderr.contains("rustup target add riscv32imc-unknown-none-elf"), "{}", run.stderr);

    // No cmake on the machine: the cmake crate's own words.
    let cmake = "error: failed to run custom build command for `mbedtls-rs-sys v0.3.1`\n\nCaused by:\n  --- stderr\n\n  \
        failed to execute command: No such file or directory (os error 2)\n  is `cmake` not installed?\n";
    let (dir, kvs) = failing_build("riscv32imc-unknown-none-elf", "", cmake);
    let run = build(&kvs, &dir, "esp32c3");
    assert!(
        run.stderr.contains("is `cmake` not installed?") && run.stderr.contains("cmake is missing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("apt install clang libclang-dev cmake ninja-build"), "{}", run.stderr);
}

#[test]
fn flashes_an_esp32s3_xtensa_image_through_the_stub_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let elf = crate::support::xtensa_elf(dir.path());
    let double = RomDouble::start(ESP32S3, None);
    let kvs = Kvs::new("http://127.0.0.1:1");
    let mut args = vec!["-o", "json", "flash", "--board", "esp32s3", "--port", &double.path, "--before", "no-reset"];
    args.extend(["--after", "no-reset", "--elf", elf.to_str().unwrap()]);
    let run = kvs.run(&args).ok();
    let recorded = double.finish();
    let report = run.json();
    assert_eq!((report["chip"].as_str(), report["stub"].as_bool()), (Some("esp32s3"), Some(true)), "{report:#}");
    let segments = expected_segments_for(&std::fs::read(&elf).unwrap(), Chip::Esp32s3);
    let addresses: Vec<u32> = segments.iter().map(|s| s.0).collect();
    assert_eq!(addresses, [0x0, 0x8000, 0x10000], "bootloader, partition table, app — the S3 boots from 0x0");
    assert!(recorded.stub, "espflash's ESP32-S3 stub was uploaded and greeted with OHAI");
    assert_flash_holds_exactly(&recorded, &segments);

    // The ELF architecture check, both ways, before the device is touched.
    let double = RomDouble::start(ESP32C3, None);
    let riscv = firmware_elf();
    let run = flash(&kvs, &double, &["--elf", elf.to_str().unwrap()]).fails_with(2);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("built for Xtensa, but --board esp32c3 is Riscv32"), "{said}");
    assert!(double.finish().commands.is_empty());
    let double = RomDouble::start(ESP32S3, None);
    let mut args = vec!["flash", "--board", "esp32s3", "--port", &double.path, "--elf", riscv.to_str().unwrap()];
    args.extend(["--before", "no-reset"]);
    let run = kvs.run(&args).fails_with(2);
    assert!(run.stderr.contains("built for Riscv32, but --board esp32s3 is Xtensa"), "{}", run.stderr);
    assert!(double.finish().commands.is_empty());
}

#[test]
fn flash_then_monitor_answers_the_provisioning_prompt() {
    let emulator = Emulator::start();
    let elf = firmware_elf();
    let boot = "ESP-ROM:esp32c3-api1-20210207\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n\
                I (12) kvs: kvs-esp firmware 0.1.0 on esp32c3\r\n\
                I (20) kvs: ev=provision-prompt version=1 prefix=KVS-PROVISION\r\n";
    let double = RomDouble::start(ESP32C3, Some(boot.to_string()));
    let kvs = Kvs::for_emulator(&emulator);
    let run = flash(
        &kvs,
        &double,
        &["--elf", elf.to_str().unwrap(), "--monitor", "--until", "2s", "--channel", "door", "--wifi-ssid", "lab"],
    )
    .ok();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let recorded = double.finish();

    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["chip"], "esp32c3", "the flash report comes first: {lines:?}");
    assert!(lines.iter().any(|l| l["kind"] == "rom"), "{lines:?}");
    assert!(lines.iter().any(|l| l["event"]["kind"] == "provision-prompt"), "{lines:?}");
    let provisioning = recorded
        .lines_after_boot
        .iter()
        .find_map(|line| kvs_core::provision::parse_line(line).ok())
        .expect("the device received a valid provisioning line");
    assert_eq!(provisioning.channel.to_string(), "door");
    assert_eq!(provisioning.wifi_ssid, "lab");
    assert_eq!(provisioning.access_key_id, crate::support::AKID);
    assert!(!run.stdout.contains(crate::support::SECRET) && !run.stderr.contains(crate::support::SECRET));
}

#[test]
fn both_risc_v_firmware_images_carry_the_app_descriptor_and_pass_espflashs_image_builder() {
    use object::{Object, ObjectSection};
    for (feature, target, chip) in [
        ("esp32c3", "riscv32imc-unknown-none-elf", Chip::Esp32c3),
        ("esp32c6", "riscv32imac-unknown-none-elf", Chip::Esp32c6),
    ] {
        let elf = std::fs::read(crate::support::firmware_elf_for(feature, target)).unwrap();
        let file = object::File::parse(&*elf).unwrap();
        let descriptor = file.section_by_name(".flash.appdesc").expect("the app descriptor's section");
        // esp_app_desc_t starts with its magic word, ESP_APP_DESC_MAGIC_WORD.
        assert_eq!(&descriptor.data().unwrap()[..4], 0xABCD_5432_u32.to_le_bytes(), "{feature}");
        let flash_data = FlashData::new(FlashSettings::default(), 0, None, chip, XtalFrequency::_40Mhz);
        let image = IdfBootloaderFormat::new(&elf, &flash_data, None, None, None, None)
            .unwrap_or_else(|e| panic!("espflash refuses the {feature} image: {e}"));
        let segments = ImageFormat::EspIdf(image).flash_segments();
        let app = segments.iter().find(|s| s.addr == 0x10000).expect("an app segment");
        assert_eq!(app.data[0], 0xE9, "{feature}: the app image starts with the ESP image magic");
    }
}

#[test]
fn text_output_names_the_chip_each_segment_and_the_total() {
    let elf = firmware_elf();
    let double = RomDouble::start(ESP32C3, None);
    let args = ["flash", "--board", "esp32c3", "--port", &double.path, "--before", "no-reset", "--after", "no-reset"];
    let run = Kvs::new("http://127.0.0.1:1").run(&[&args[..], &["--elf", elf.to_str().unwrap()]].concat()).ok();
    double.finish();

    assert!(run.stderr.contains("connected on") && run.stderr.contains("esp32c3 rev v0.4, 4 MB flash"), "{run:?}");
    let segments: Vec<&str> = run.stdout.lines().filter(|l| l.contains("written, MD5 verified")).collect();
    assert_eq!(segments.len(), 3, "{run:?}");
    assert!(segments[2].trim_start().starts_with("0x010000"), "{segments:?}");
    let summary = run.stdout.lines().last().unwrap();
    assert!(summary.starts_with("flashed ") && summary.ends_with("every segment MD5-verified"), "{summary}");
}

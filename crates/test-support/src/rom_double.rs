//! A ROM-loader double: an ESP32's serial download mode on the master side of a pseudo-terminal, so that
//! `kvs-esp flash` (and esptool) can flash without hardware.
//!
//! It speaks the protocol of esptool's `serial-protocol.rst` as the ROM does (4 status bytes, FLASH_BEGIN/DATA/END,
//! MD5 as 32 hex characters) and, once a RAM stub has been uploaded with MEM_BEGIN/DATA/END and greeted with
//! `OHAI`, as the stub does (2 status bytes, zlib-compressed FLASH_DEFL_*, raw MD5, ERASE_*). Every write lands
//! in a 4 MiB flash array that the test inspects afterwards. After the last flash command it can "boot": write a
//! scripted log to the port and record what the host writes back (the provisioning line).

use flate2::write::ZlibDecoder;
use md5::{Digest, Md5};
use serialport::{SerialPort, TTYPort};
use std::collections::BTreeMap;
use std::io::{BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const FLASH_SIZE: usize = 4 << 20;
const SECTOR: usize = 4096;

/// The identity a chip shows to the loader: GET_SECURITY_INFO's chip id, the magic word and its SPI block.
#[derive(Clone, Copy, Debug)]
pub struct ChipModel {
    pub name: &'static str,
    pub chip_id: u32,
    pub magic: u32,
    pub spi_base: u32,
    /// eFuse words that are not zero: the chip revision, which esptool checks against the bootloader's minimum.
    pub efuses: &'static [(u32, u32)],
}

/// An ESP32-C3 of revision v0.4: the minor revision's low bits are in eFuse block 1, word 3, bits 18–20.
pub const ESP32C3: ChipModel = ChipModel {
    name: "esp32c3",
    chip_id: 5,
    magic: 0x1b31_506f,
    spi_base: 0x6000_2000,
    efuses: &[(0x6000_8850, 4 << 18)],
};
pub const ESP32C6: ChipModel =
    ChipModel { name: "esp32c6", chip_id: 13, magic: 0x2ce0_806f, spi_base: 0x6000_3000, efuses: &[] };
/// An ESP32-S3 (Xtensa) of revision v0.0: espflash knows it by chip id 9 and magic word 0x9.
pub const ESP32S3: ChipModel =
    ChipModel { name: "esp32s3", chip_id: 9, magic: 0x9, spi_base: 0x6000_2000, efuses: &[] };

const MAGIC_REG: u32 = 0x4000_1000;
const ROM_SYNC_VALUE: u32 = 0x2012_0707;
/// A JEDEC id whose size byte (0x16) means 4 MiB.
const JEDEC_ID: u32 = 0x0016_4020;

mod op {
    pub const FLASH_BEGIN: u8 = 0x02;
    pub const FLASH_DATA: u8 = 0x03;
    pub const FLASH_END: u8 = 0x04;
    pub const MEM_BEGIN: u8 = 0x05;
    pub const MEM_END: u8 = 0x06;
    pub const MEM_DATA: u8 = 0x07;
    pub const SYNC: u8 = 0x08;
    pub const WRITE_REG: u8 = 0x09;
    pub const READ_REG: u8 = 0x0a;
    pub const SPI_SET_PARAMS: u8 = 0x0b;
    pub const SPI_ATTACH: u8 = 0x0d;
    pub const CHANGE_BAUDRATE: u8 = 0x0f;
    pub const FLASH_DEFL_BEGIN: u8 = 0x10;
    pub const FLASH_DEFL_DATA: u8 = 0x11;
    pub const FLASH_DEFL_END: u8 = 0x12;
    pub const SPI_FLASH_MD5: u8 = 0x13;
    pub const GET_SECURITY_INFO: u8 = 0x14;
    pub const ERASE_FLASH: u8 = 0xd0;
    pub const ERASE_REGION: u8 = 0xd1;
}

/// ROM and stub error codes the double answers with.
const ERR_INVALID_MESSAGE: u8 = 0x05;
const ERR_BAD_CHECKSUM: u8 = 0x07;
const ERR_DEFLATE: u8 = 0x0b;
const ERR_UNIMPLEMENTED: u8 = 0xff;

/// What the double saw and holds when it stops.
#[derive(Debug)]
pub struct Recorded {
    pub flash: Vec<u8>,
    /// How often each opcode arrived.
    pub commands: BTreeMap<u8, usize>,
    /// Whether a stub was uploaded and started.
    pub stub: bool,
    /// Whether the stub handed back to the ROM loader at the end (espflash's soft reset for `--after no-reset`).
    pub back_in_rom: bool,
    /// Every CHANGE_BAUDRATE's new rate.
    pub baud_changes: Vec<u32>,
    /// The lines the host wrote after the boot script (for instance the provisioning line).
    pub lines_after_boot: Vec<String>,
}

impl Recorded {
    pub fn count(&self, opcode: u8) -> usize {
        self.commands.get(&opcode).copied().unwrap_or(0)
    }

    pub fn flash_writes(&self) -> usize {
        self.count(op::FLASH_BEGIN) + self.count(op::FLASH_DEFL_BEGIN)
    }
}

pub struct RomDouble {
    /// The path the host opens (the pty's slave side).
    pub path: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Recorded>>,
    _slave: TTYPort,
}

impl RomDouble {
    /// Starts a double for `chip`; `boot_script`, when given, is written once the host has gone quiet after
    /// the last flash command, as the chip would print after a reset into the new firmware.
    pub fn start(chip: ChipModel, boot_script: Option<String>) -> RomDouble {
        let (master, slave) = TTYPort::pair().expect("a pseudo-terminal");
        let path = slave.name().expect("the pty's name");
        let stop = Arc::new(AtomicBool::new(false));
        let device = Device::new(chip, master, boot_script, stop.clone());
        let thread = std::thread::spawn(move || device.run());
        RomDouble { path, stop, thread: Some(thread), _slave: slave }
    }

    /// Stops the double and returns what it recorded.
    pub fn finish(mut self) -> Recorded {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.take().expect("finished once").join().expect("the double panicked")
    }
}

impl Drop for RomDouble {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// An ongoing FLASH_BEGIN / FLASH_DEFL_BEGIN.
struct FlashWrite {
    offset: usize,
    block_size: usize,
    inflater: Option<ZlibDecoder<Vec<u8>>>,
    written: usize,
}

struct Device {
    chip: ChipModel,
    reader: BufReader<TTYPort>,
    writer: TTYPort,
    stop: Arc<AtomicBool>,
    boot_script: Option<String>,
    flash: Vec<u8>,
    stub: bool,
    stub_uploaded: bool,
    write: Option<FlashWrite>,
    commands: BTreeMap<u8, usize>,
    baud_changes: Vec<u32>,
    finished_at: Option<Instant>,
    lines_after_boot: Vec<String>,
}

impl Device {
    fn new(chip: ChipModel, mut port: TTYPort, boot_script: Option<String>, stop: Arc<AtomicBool>) -> Device {
        port.set_timeout(Duration::from_millis(20)).expect("set the pty's timeout");
        let writer = port.try_clone_native().expect("clone the pty");
        Device {
            chip,
            reader: BufReader::with_capacity(64 << 10, port),
            writer,
            stop,
            boot_script,
            flash: vec![0xff; FLASH_SIZE],
            stub: false,
            stub_uploaded: false,
            write: None,
            commands: BTreeMap::new(),
            baud_changes: Vec::new(),
            finished_at: None,
            lines_after_boot: Vec::new(),
        }
    }

    fn run(mut self) -> Recorded {
        let mut frame = Vec::new();
        let mut in_frame = false;
        let mut escaped = false;
        let mut byte = [0u8; 1];
        while !self.stop.load(Ordering::SeqCst) {
            if self.finished_at.is_some_and(|at| at.elapsed() > Duration::from_millis(300))
                && let Some(script) = self.boot_script.take()
            {
                self.boot(&script);
                return self.recorded();
            }
            match self.reader.read(&mut byte) {
                Ok(1) => {}
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => continue,
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
            if !in_frame {
                in_frame = byte[0] == 0xc0;
                continue;
            }
            match (byte[0], escaped) {
                (0xc0, _) => {
                    if !frame.is_empty() {
                        self.handle(&std::mem::take(&mut frame));
                    }
                    escaped = false;
                    continue;
                }
                (0xdb, false) => {
                    escaped = true;
                    continue;
                }
                (0xdc, true) => frame.push(0xc0),
                (0xdd, true) => frame.push(0xdb),
                (other, _) => frame.push(other),
            }
            escaped = false;
        }
        self.recorded()
    }

    fn recorded(self) -> Recorded {
        Recorded {
            flash: self.flash,
            commands: self.commands,
            stub: self.stub_uploaded,
            back_in_rom: self.stub_uploaded && !self.stub,
            baud_changes: self.baud_changes,
            lines_after_boot: self.lines_after_boot,
        }
    }

    /// Prints the boot script, then collects the lines the host sends until the double is stopped.
    fn boot(&mut self, script: &str) {
        let _ = self.writer.write_all(script.as_bytes());
        let _ = self.writer.flush();
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while !self.stop.load(Ordering::SeqCst) {
            match self.reader.read(&mut byte) {
                Ok(1) if byte[0] == b'\n' => {
                    self.lines_after_boot.push(String::from_utf8_lossy(&std::mem::take(&mut line)).into_owned())
                }
                Ok(1) => line.push(byte[0]),
                _ => {}
            }
        }
    }

    fn handle(&mut self, frame: &[u8]) {
        if frame.len() < 8 || frame[0] != 0 {
            return;
        }
        let opcode = frame[1];
        let size = u16::from_le_bytes([frame[2], frame[3]]) as usize;
        let checksum = u32::from_le_bytes([frame[4], frame[5], frame[6], frame[7]]);
        let data = &frame[8..];
        *self.commands.entry(opcode).or_default() += 1;
        if data.len() != size {
            return self.fail(opcode, ERR_INVALID_MESSAGE);
        }
        let word = |i: usize| data.get(i * 4..i * 4 + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
        match opcode {
            op::SYNC => {
                // The ROM answers eight times with a non-zero value; the stub answers with 0 (which is how
                // esptool tells them apart).
                let value = if self.stub { 0 } else { ROM_SYNC_VALUE };
                for _ in 0..8 {
                    self.reply(opcode, value, &[]);
                }
            }
            op::READ_REG => {
                let value = match word(0) {
                    Some(MAGIC_REG) => self.chip.magic,
                    Some(reg) if reg == self.chip.spi_base + 0x58 => JEDEC_ID,
                    Some(reg) => self.chip.efuses.iter().find(|(at, _)| *at == reg).map_or(0, |(_, value)| *value),
                    None => 0,
                };
                self.reply(opcode, value, &[]);
            }
            op::GET_SECURITY_INFO => {
                let mut info = vec![0u8; 12];
                info.extend(self.chip.chip_id.to_le_bytes());
                info.extend(0u32.to_le_bytes());
                self.reply(opcode, 0, &info);
            }
            op::WRITE_REG | op::SPI_ATTACH | op::SPI_SET_PARAMS => self.reply(opcode, 0, &[]),
            op::MEM_BEGIN => self.reply(opcode, 0, &[]),
            op::MEM_DATA => match data.get(16..) {
                Some(block) if xor_checksum(block) == checksum => self.reply(opcode, 0, &[]),
                _ => self.fail(opcode, ERR_BAD_CHECKSUM),
            },
            op::MEM_END => {
                self.reply(opcode, 0, &[]);
                if word(0) == Some(0) {
                    self.stub = true;
                    self.stub_uploaded = true;
                    self.frame(b"OHAI");
                }
            }
            op::FLASH_BEGIN | op::FLASH_DEFL_BEGIN => {
                let (Some(size), Some(block_size), Some(offset)) = (word(0), word(2), word(3)) else {
                    return self.fail(opcode, ERR_INVALID_MESSAGE);
                };
                let (offset, size) = (offset as usize, size as usize);
                if offset + size > FLASH_SIZE {
                    return self.fail(opcode, ERR_INVALID_MESSAGE);
                }
                let erase_end = (offset + size.div_ceil(SECTOR) * SECTOR).min(FLASH_SIZE);
                self.flash[offset..erase_end].fill(0xff);
                let inflater = (opcode == op::FLASH_DEFL_BEGIN).then(|| ZlibDecoder::new(Vec::new()));
                self.write = Some(FlashWrite { offset, block_size: block_size as usize, inflater, written: 0 });
                self.reply(opcode, 0, &[]);
            }
            op::FLASH_DATA | op::FLASH_DEFL_DATA => {
                let block = data.get(16..).unwrap_or_default();
                if xor_checksum(block) != checksum {
                    return self.fail(opcode, ERR_BAD_CHECKSUM);
                }
                let Some(write) = self.write.as_mut() else { return self.fail(opcode, ERR_INVALID_MESSAGE) };
                let bytes = match write.inflater.as_mut() {
                    Some(inflater) => {
                        if inflater.write_all(block).and_then(|()| inflater.flush()).is_err() {
                            return self.fail(opcode, ERR_DEFLATE);
                        }
                        std::mem::take(inflater.get_mut())
                    }
                    None => {
                        let sequence = word(1).unwrap_or(0) as usize;
                        write.written = sequence * write.block_size;
                        block.to_vec()
                    }
                };
                let start = write.offset + write.written;
                let end = (start + bytes.len()).min(FLASH_SIZE);
                self.flash[start..end].copy_from_slice(&bytes[..end - start]);
                write.written += bytes.len();
                self.reply(opcode, 0, &[]);
            }
            op::FLASH_END | op::FLASH_DEFL_END => {
                self.write = None;
                self.finished_at = Some(Instant::now());
                self.reply(opcode, 0, &[]);
                if opcode == op::FLASH_END {
                    // From the stub, FLASH_END reboots into the ROM loader.
                    self.stub = false;
                }
            }
            op::SPI_FLASH_MD5 => {
                let (Some(addr), Some(size)) = (word(0), word(1)) else {
                    return self.fail(opcode, ERR_INVALID_MESSAGE);
                };
                let Some(region) = self.flash.get(addr as usize..(addr + size) as usize) else {
                    return self.fail(opcode, ERR_INVALID_MESSAGE);
                };
                let digest = Md5::digest(region);
                let body = if self.stub { digest.to_vec() } else { hex(&digest).into_bytes() };
                self.reply(opcode, 0, &body);
            }
            op::CHANGE_BAUDRATE => {
                let baud = word(0).unwrap_or(115_200);
                self.reply(opcode, 0, &[]);
                self.baud_changes.push(baud);
                let _ = self.writer.set_baud_rate(baud);
            }
            op::ERASE_FLASH if self.stub => {
                self.flash.fill(0xff);
                self.reply(opcode, 0, &[]);
            }
            op::ERASE_REGION if self.stub => {
                let (Some(offset), Some(size)) = (word(0), word(1)) else {
                    return self.fail(opcode, ERR_INVALID_MESSAGE);
                };
                let end = ((offset + size) as usize).min(FLASH_SIZE);
                self.flash[(offset as usize).min(end)..end].fill(0xff);
                self.reply(opcode, 0, &[]);
            }
            _ => self.fail(opcode, if self.stub { ERR_UNIMPLEMENTED } else { ERR_INVALID_MESSAGE }),
        }
    }

    fn reply(&mut self, opcode: u8, value: u32, body: &[u8]) {
        self.respond(opcode, value, body, 0, 0);
    }

    fn fail(&mut self, opcode: u8, error: u8) {
        self.respond(opcode, 0, &[], 1, error);
    }

    fn respond(&mut self, opcode: u8, value: u32, body: &[u8], status: u8, error: u8) {
        let status_bytes: &[u8] = if self.stub { &[status, error] } else { &[status, error, 0, 0] };
        let mut packet = vec![1, opcode];
        packet.extend(((body.len() + status_bytes.len()) as u16).to_le_bytes());
        packet.extend(value.to_le_bytes());
        packet.extend(body);
        packet.extend(status_bytes);
        self.frame(&packet);
    }

    fn frame(&mut self, packet: &[u8]) {
        let mut out = Vec::with_capacity(packet.len() + 8);
        out.push(0xc0);
        for &b in packet {
            match b {
                0xc0 => out.extend([0xdb, 0xdc]),
                0xdb => out.extend([0xdb, 0xdd]),
                b => out.push(b),
            }
        }
        out.push(0xc0);
        let _ = self.writer.write_all(&out);
        let _ = self.writer.flush();
    }
}

/// The loader's data checksum: 0xEF XOR every byte.
fn xor_checksum(block: &[u8]) -> u32 {
    block.iter().fold(0xef_u8, |acc, b| acc ^ b) as u32
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

//! Gathers a panic's registers and stack memory from the lines as they arrive, in the two formats RISC-V
//! firmware prints:
//!
//! - ESP-IDF's panic handler: `Core  0 register dump:`, lines of `NAME : 0xVALUE` pairs (`MEPC` is the pc),
//!   `Stack memory:`, then rows of `3fc8f5e0: 0x00000000 0x42005a30 …`. The dump is complete at the first line
//!   that is not a row.
//! - esp-backtrace without frame pointers: `STACKDUMP: <return address> <stack bytes in hex from sp up>`, one
//!   line. The stack pointer is not printed: the dump ends at `_stack_start` unless cut at its size limit, so sp
//!   is `_stack_start` minus its length; a cut dump gets a stand-in sp (offsets from it are still right).
//!
//! A register dump without stack memory (Xtensa's, which has its own backtrace line) is dropped.

use super::{Dump, REGISTER_NAMES, Registers, SP, StackMemory};

const ESP_BACKTRACE_MARKER: &str = "STACKDUMP:";
/// esp-backtrace's smallest dump limit (4 KiB): a shorter dump reached the top of the stack.
const ESP_BACKTRACE_SMALLEST_LIMIT: usize = 4 * 1024;
/// The stack pointer of a cut esp-backtrace dump: somewhere no real stack is, so it is never taken for one.
const STAND_IN_SP: u32 = 0x1000_0000;

/// Where a completed dump belongs among the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completed {
    /// The line just fed is not part of it: the dump belongs before it.
    BeforeTheLine,
    /// The line just fed ended it.
    WithTheLine,
}

#[derive(Debug, Default)]
pub struct DumpCollector {
    pending: Option<Pending>,
}

#[derive(Debug)]
struct Pending {
    registers: Option<Registers>,
    memory: StackMemory,
    in_memory: bool,
}

impl DumpCollector {
    /// Feeds one line (colours removed). `stack_start` is the ELF's `_stack_start`, for esp-backtrace's dumps.
    pub fn feed(&mut self, line: &str, stack_start: Option<u32>) -> Option<(Dump, Completed)> {
        let line = line.trim();
        if let Some(dump) = esp_backtrace(line, stack_start) {
            self.pending = None;
            return Some((dump, Completed::WithTheLine));
        }
        let completed = match self.pending.take() {
            Some(mut pending) if pending.in_memory => {
                if let Some((address, words)) = memory_row(line) {
                    pending.memory.push(address, &words);
                    self.pending = Some(pending);
                    return None;
                }
                pending.finish().map(|dump| (dump, Completed::BeforeTheLine))
            }
            Some(mut pending) => {
                if line == "Stack memory:" {
                    pending.in_memory = pending.registers.is_some();
                    self.pending = pending.in_memory.then_some(pending);
                } else if pending.add_registers(line) {
                    self.pending = Some(pending);
                }
                None
            }
            None => None,
        };
        if is_register_dump_header(line) {
            self.pending = Some(Pending { registers: None, memory: StackMemory::default(), in_memory: false });
        }
        completed
    }

    /// The dump being gathered when the stream ends (a device that printed its stack memory and died).
    pub fn finish(&mut self) -> Option<Dump> {
        self.pending.take().filter(|pending| pending.in_memory).and_then(Pending::finish)
    }
}

impl Pending {
    /// Takes a line of `NAME : 0xVALUE` pairs; false for a line that is not one.
    fn add_registers(&mut self, line: &str) -> bool {
        let pairs = register_pairs(line);
        for &(name, value) in &pairs {
            if name == "MEPC" {
                self.registers.get_or_insert_with(|| Registers::at(value)).pc = value;
            } else if let Some(number) = REGISTER_NAMES.iter().position(|n| *n == name) {
                let registers = self.registers.get_or_insert_with(|| Registers::at(0));
                registers.set(number as u16, value);
            }
        }
        !pairs.is_empty()
    }

    fn finish(self) -> Option<Dump> {
        let registers = self.registers.filter(|r| r.pc != 0 && r.get(SP).is_some())?;
        (!self.memory.is_empty()).then_some(Dump { registers, memory: self.memory })
    }
}

/// `Core  0 register dump:`
fn is_register_dump_header(line: &str) -> bool {
    line.strip_prefix("Core").is_some_and(|rest| {
        rest.trim_start()
            .split_once(' ')
            .is_some_and(|(core, rest)| core.bytes().all(|b| b.is_ascii_digit()) && rest == "register dump:")
    })
}

/// `MEPC    : 0x4200007e  RA      : 0x4200007e  SP      : 0x3fc98300`, as (name, value) pairs.
fn register_pairs(line: &str) -> Vec<(&str, u32)> {
    let mut pairs = Vec::new();
    let mut rest = line;
    while let Some((before, after)) = rest.split_once(':') {
        let Some(name) = before.split_whitespace().last() else { break };
        if !name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'/') {
            break;
        }
        let Some(hex) = after.trim_start().strip_prefix("0x") else { break };
        let digits = hex.bytes().take_while(u8::is_ascii_hexdigit).count();
        let Ok(value) = u32::from_str_radix(&hex[..digits.min(8)], 16) else { break };
        pairs.push((name, value));
        rest = &hex[digits..];
    }
    pairs
}

/// `3fc98300: 0x00000000 0x42001c4c …`
fn memory_row(line: &str) -> Option<(u32, Vec<u32>)> {
    let (address, words) = line.split_once(':')?;
    if address.len() != 8 {
        return None;
    }
    let address = u32::from_str_radix(address, 16).ok()?;
    let words = words
        .split_whitespace()
        .map(|word| {
            word.strip_prefix("0x").filter(|hex| hex.len() == 8).and_then(|hex| u32::from_str_radix(hex, 16).ok())
        })
        .collect::<Option<Vec<u32>>>()?;
    (!words.is_empty()).then_some((address, words))
}

/// `STACKDUMP: 420012e8 01000000cc120042…`
fn esp_backtrace(line: &str, stack_start: Option<u32>) -> Option<Dump> {
    let (pc, hex) = line.strip_prefix(ESP_BACKTRACE_MARKER)?.trim().split_once(' ')?;
    let pc = u32::from_str_radix(pc, 16).ok()?;
    let hex = hex.trim().as_bytes();
    if hex.len() % 8 != 0 {
        return None;
    }
    let bytes = hex
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<Vec<u8>>>()?;
    let sp = match stack_start {
        Some(top) if bytes.len() < ESP_BACKTRACE_SMALLEST_LIMIT => top.wrapping_sub(bytes.len() as u32),
        _ => STAND_IN_SP,
    };
    let words: Vec<u32> = bytes.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
    let mut registers = Registers::at(pc);
    registers.pc_is_return_address = true;
    registers.set(SP, sp);
    let mut memory = StackMemory::default();
    memory.push(sp, &words);
    Some(Dump { registers, memory })
}

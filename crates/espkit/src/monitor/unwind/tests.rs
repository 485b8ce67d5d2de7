use super::cfi::{Cfa, CfiTable, Row, Rule};
use super::dump::{Completed, DumpCollector};
use super::*;

/// Three functions as a compiler lays them out: `main` (0x1000) calls `a` (0x1100), which calls `b` (0x1200), a
/// leaf that keeps its return address in ra. Each non-leaf one moves sp down 16 bytes and saves ra at CFA - 4.
fn three_functions() -> CfiTable {
    let prologue = |start: u64, end: u64| {
        vec![
            Row { start, end: start + 2, cfa: Cfa::Offset { register: SP, offset: 0 }, rules: vec![] },
            Row { start: start + 2, end: start + 4, cfa: Cfa::Offset { register: SP, offset: 16 }, rules: vec![] },
            Row {
                start: start + 4,
                end,
                cfa: Cfa::Offset { register: SP, offset: 16 },
                rules: vec![(RA, Rule::SavedAt(-4))],
            },
        ]
    };
    let mut rows = prologue(0x1000, 0x1100);
    // main is the outermost: its return address is undefined.
    rows[2].rules = vec![(RA, Rule::Undefined)];
    rows.extend(prologue(0x1100, 0x1200));
    rows.push(Row { start: 0x1200, end: 0x1300, cfa: Cfa::Offset { register: SP, offset: 0 }, rules: vec![] });
    CfiTable::from_rows(rows)
}

/// b faults at 0x1210 (sp 0x3fc0_0fe0, ra 0x1130 into a); a's frame is 0x3fc0_0fe0..0ff0 with ra 0x1030 (into
/// main) at 0x3fc0_0fec; main's frame is 0x3fc0_0ff0..1000.
fn faulting_in_b() -> Dump {
    let mut registers = Registers::at(0x1210);
    registers.set(SP, 0x3fc0_0fe0);
    registers.set(RA, 0x1130);
    let mut memory = StackMemory::default();
    memory.push(0x3fc0_0fe0, &[0, 0, 0, 0x1030]);
    memory.push(0x3fc0_0ff0, &[0, 0, 0, 0xdead_beef]);
    Dump { registers, memory }
}

fn pcs(unwound: &Unwound) -> Vec<u32> {
    unwound.frames.iter().map(|f| f.pc).collect()
}

#[test]
fn walks_a_leaf_its_callers_and_stops_at_the_outermost_frame() {
    let unwound = unwind(&three_functions(), &faulting_in_b());
    assert_eq!(pcs(&unwound), [0x1210, 0x1130, 0x1030]);
    assert_eq!(unwound.stop, Stop::OutermostFrame);
    // b has no frame of its own: a's sp is b's.
    let sps: Vec<Option<u32>> = unwound.frames.iter().map(|f| f.get(SP)).collect();
    assert_eq!(sps, [Some(0x3fc0_0fe0), Some(0x3fc0_0fe0), Some(0x3fc0_0ff0)]);
    // Callers' addresses are return addresses: their rules and lines are the call's.
    assert_eq!(unwound.frames[1].lookup_address(), 0x112f);
}

#[test]
fn says_why_it_stops_early() {
    let cfi = three_functions();
    let mut short = faulting_in_b();
    short.memory = StackMemory::default();
    short.memory.push(0x3fc0_0fe0, &[0, 0]);
    assert_eq!(unwind(&cfi, &short).stop, Stop::OutsideTheDump { address: 0x3fc0_0fec });

    let mut elsewhere = faulting_in_b();
    elsewhere.registers.pc = 0x4000_1234;
    let unwound = unwind(&cfi, &elsewhere);
    assert_eq!((pcs(&unwound), unwound.stop), (vec![0x4000_1234], Stop::NoFrameInformation { address: 0x4000_1234 }));

    let mut no_sp = faulting_in_b();
    no_sp.registers = Registers::at(0x1210);
    assert_eq!(unwind(&cfi, &no_sp).stop, Stop::UnknownRegister { register: SP });

    // a's caller saved in a frame below a's own: not a stack.
    let mut upside_down = faulting_in_b();
    upside_down.registers.pc = 0x1150;
    upside_down.registers.set(SP, 0x3fc0_0fe0);
    upside_down.memory.push(0x3fc0_0fd0, &[0x1030]);
    let cfi_below = CfiTable::from_rows(vec![Row {
        start: 0x1100,
        end: 0x1200,
        cfa: Cfa::Offset { register: SP, offset: -16 },
        rules: vec![(RA, Rule::SavedAt(0))],
    }]);
    assert_eq!(unwind(&cfi_below, &upside_down).stop, Stop::NotAStack);

    // A frame that calls itself forever, as a corrupt dump can make it look.
    let mut looping = Dump { registers: Registers::at(0x1150), memory: StackMemory::default() };
    looping.registers.set(SP, 0x3fc0_0000);
    looping.memory.push(0x3fc0_0000, &[0x1151]);
    let same_frame = CfiTable::from_rows(vec![Row {
        start: 0x1100,
        end: 0x1200,
        cfa: Cfa::Offset { register: SP, offset: 0 },
        rules: vec![(RA, Rule::SavedAt(0))],
    }]);
    let unwound = unwind(&same_frame, &looping);
    assert_eq!((unwound.frames.len(), unwound.stop), (MAX_FRAMES, Stop::TooManyFrames));

    // A caller that had not saved its return address when it made the call.
    let leaf_caller = CfiTable::from_rows(vec![
        Row { start: 0x1100, end: 0x1200, cfa: Cfa::Offset { register: SP, offset: 0 }, rules: vec![] },
        Row { start: 0x1200, end: 0x1300, cfa: Cfa::Offset { register: SP, offset: 0 }, rules: vec![] },
    ]);
    let unwound = unwind(&leaf_caller, &faulting_in_b());
    assert_eq!((pcs(&unwound), unwound.stop), (vec![0x1210, 0x1130], Stop::ReturnAddressLost { address: 0x1130 }));
}

const ESP_IDF_PANIC: &str = "\
Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.
Core  0 register dump:
MEPC    : 0x00001210  RA      : 0x00001130  SP      : 0x3fc00fe0  GP      : 0x3fc8d000
S0/FP   : 0x00000000  S1      : 0x3fc8f000  A0      : 0x00000001  A1      : 0x00000001
MHARTID : 0x00000000
Stack memory:
3fc00fe0: 0x00000000 0x00000000 0x00000000 0x00001030 0x00000000 0x00000000 0x00000000 0xdeadbeef
ELF file SHA256: 0000000000000000";

#[test]
fn gathers_an_esp_idf_register_dump_and_its_stack_memory() {
    let mut collector = DumpCollector::default();
    let mut completed = Vec::new();
    for (index, line) in ESP_IDF_PANIC.lines().enumerate() {
        if let Some(found) = collector.feed(line, None) {
            completed.push((index, found));
        }
    }
    let [(7, (dump, Completed::BeforeTheLine))] = completed.as_slice() else { panic!("{completed:?}") };
    assert_eq!((dump.registers.pc, dump.registers.pc_is_return_address), (0x1210, false));
    assert_eq!(
        (dump.registers.get(RA), dump.registers.get(8), dump.registers.get(11)),
        (Some(0x1130), Some(0), Some(1))
    );
    assert_eq!((dump.memory.read(0x3fc0_0fec), dump.memory.read(0x3fc0_1000)), (Some(0x1030), None));
    assert_eq!(unwind(&three_functions(), dump).stop, Stop::OutermostFrame);

    // A device that dies after its stack memory: the dump is taken at the stream's end.
    let mut collector = DumpCollector::default();
    let cut = ESP_IDF_PANIC.lines().take(7).filter_map(|line| collector.feed(line, None)).count();
    assert_eq!((cut, collector.finish().map(|d| d.registers.pc)), (0, Some(0x1210)));
}

#[test]
fn drops_what_is_not_a_risc_v_dump() {
    let xtensa = "Core  0 register dump:\nPC      : 0x400d15f1  PS      : 0x00060030  A0      : 0x800d1606\n\
                  Backtrace: 0x400d15ee:0x3ffb21d0 0x400d1606:0x3ffb21f0\nStack memory:\n3fc00fe0: 0x00000001";
    let mut collector = DumpCollector::default();
    assert_eq!(xtensa.lines().filter_map(|line| collector.feed(line, None)).count(), 0);
    assert_eq!(collector.finish(), None);
    let garbage = [
        "Stack memory:",
        "3fc00fe0: 0x0000zz01",
        "STACKDUMP: 42001234",
        "STACKDUMP: xyz 01000000",
        "STACKDUMP: 42001234 010000",
        "STACKDUMP: 42001234 0100zz00",
        "Core 0 register dump: MEPC : 0x",
    ];
    let mut collector = DumpCollector::default();
    assert_eq!(garbage.iter().filter_map(|line| collector.feed(line, Some(0x3fc0_1000))).count(), 0);
}

#[test]
fn takes_esp_backtraces_stack_dump_line() {
    // a called b (which took the snapshot) from 0x112c: pc is b's return address into a, the dump is a's frame
    // and main's, up to _stack_start.
    let line = "STACKDUMP: 00001130 00000000000000000000000030100000000000000000000000000000efbeadde";
    let mut collector = DumpCollector::default();
    let Some((dump, Completed::WithTheLine)) = collector.feed(line, Some(0x3fc0_1000)) else { panic!() };
    assert_eq!((dump.registers.pc, dump.registers.pc_is_return_address), (0x1130, true));
    assert_eq!((dump.registers.get(SP), dump.memory.read(0x3fc0_0fec)), (Some(0x3fc0_0fe0), Some(0x1030)));
    let unwound = unwind(&three_functions(), &dump);
    assert_eq!((pcs(&unwound), unwound.stop), (vec![0x1130, 0x1030], Stop::OutermostFrame));
    // Without _stack_start, sp is a stand-in; offsets from it unwind the same frames.
    let (dump, _) = collector.feed(line, None).expect("a dump");
    assert_eq!(pcs(&unwind(&three_functions(), &dump)), [0x1130, 0x1030]);
}

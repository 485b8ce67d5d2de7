//! The provisioning-line parser on arbitrary input: it never panics, and what it accepts it writes back into a
//! line that reads the same. Run: `cargo +nightly fuzz run provision`.
#![no_main]

use kvs_core::provision;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = provision::parse_line(text) {
        let again = provision::parse_line(&provision::format_line(&parsed)).expect("a formatted line parses");
        assert_eq!(again, parsed);
    }
});

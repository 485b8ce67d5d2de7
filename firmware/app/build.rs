//! esp-hal provides the memory layout; it must be the last linker script.
fn main() {
    println!("cargo:rustc-link-arg=-Tlinkall.x");
}

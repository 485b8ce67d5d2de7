//! The checked-in completion scripts are what the binary generates.

use crate::support::Kvs;

#[test]
fn checked_in_completions_are_fresh() {
    let kvs = Kvs::new("http://127.0.0.1:1");
    for (shell, file) in [
        ("bash", "kvs-esp.bash"),
        ("zsh", "_kvs-esp"),
        ("fish", "kvs-esp.fish"),
        ("powershell", "_kvs-esp.ps1"),
        ("elvish", "kvs-esp.elv"),
    ] {
        let generated = kvs.run(&["completions", shell]).ok().stdout;
        let path = crate::support::root().join("completions").join(file);
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(generated == checked_in, "{} is stale: run scripts/completions ({shell})", path.display());
    }
}

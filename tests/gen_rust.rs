//! The Rust emitter on the fixture catalogue (`tests/fixtures/catalog/`).
//!
//! What a user relies on: the generated files (snapshotted) are the same every run; the generated
//! crate compiles without warnings with and without its features, in `no_std` form too, even with
//! adversarial names (quotes, backslashes, `*/`, newlines, emoji, right-to-left text, bidi
//! overrides); its docs build with `-D warnings`; and its API behaves (a test program,
//! `tests/fixtures/gen_rust/proof.rs`, runs inside the generated crate).
//!
//! The compile test builds in `target/gen-rust-test` (shared between runs) with `--offline`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::{NhnEvent, Status};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_path_buf()
}

fn stamp() -> Stamp {
    Stamp { command: "cargo xtask gen".into(), catalog_hash: "sha256:0123456789abcdef".into() }
}

fn fixture() -> Catalog {
    trail_catalog::io::load(&root().join("tests/fixtures/catalog")).expect("the fixture catalogue loads")
}

#[test]
fn generated_files_match_the_snapshots() {
    let tree = trail_emit_rust::emit(&fixture(), &stamp());
    assert_eq!(
        tree.keys().collect::<Vec<_>>(),
        ["src/kakao.rs", "src/lib.rs", "src/nhn/api.rs", "src/nhn/mod.rs", "src/phash.rs"]
    );
    for (path, text) in &tree {
        let name = path.trim_start_matches("src/").replace(['/', '.'], "_");
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn every_file_starts_with_the_stamp_and_output_is_deterministic() {
    let catalog = fixture();
    let a = trail_emit_rust::emit(&catalog, &stamp());
    let b = trail_emit_rust::emit(&catalog, &stamp());
    assert_eq!(a, b);
    let header = stamp().lines().map(|l| format!("// {l}\n")).concat();
    for (path, text) in &a {
        assert!(text.starts_with(&header), "{path} lacks the stamp");
        assert!(!text.contains("/work/") && !text.contains("/tmp/"), "{path} names an absolute path");
    }
}

#[test]
fn colliding_and_awkward_ids_get_distinct_valid_variant_names() {
    let tree = trail_emit_rust::emit(&fixture(), &stamp());
    let nhn = &tree["src/nhn/mod.rs"];
    for variant in ["A_BC,", "AB_C,", "Self_,", "N2faEnable,", "RdsForMysqlCreateParameterGroup,", "MarketPlaceApplyCancel,"] {
        assert!(nhn.contains(&format!("    {variant}\n")), "no variant {variant}");
    }
}

/// The fixture plus an event whose names hold bidi overrides and other invisible characters,
/// which rustc rejects in literals and comments unless they are escaped.
fn adversarial() -> Catalog {
    let mut catalog = fixture();
    let mut names = BTreeMap::new();
    names.insert(Locale::Ko, "\u{202E}되돌림 \u{200F}".to_string());
    names.insert(Locale::En, "\u{202E}evil\u{2066} */ \u{feff}".to_string());
    catalog.nhn.events.push(NhnEvent {
        id: "event_id.test.bidi".into(),
        services: vec!["console".into()],
        names,
        untranslated: vec![],
        missing: vec![Locale::Ja, Locale::Zh],
        status: Status::Listed,
        sources: vec![],
        ..Default::default()
    });
    catalog.nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
    // Two KakaoCloud keys the sampled hash cannot tell apart (same length, bytes 8..16, middle and
    // last 16 bytes), so that `kakao::Event` uses the full hash and both lookups are compiled and run.
    for service in ["aaaaaaa", "bbbbbbb"] {
        let mut e = catalog.kakao.events[0].clone();
        e.key = format!("{service}/12345678/mid/dle/0123456789abcdef");
        e.service = service.into();
        catalog.kakao.events.push(e);
    }
    catalog.kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    catalog
}

fn write(dir: &Path, tree: &Tree) {
    for (rel, text) in tree {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const MANIFEST: &str = r#"[package]
name = "cloud-trail-events"
version = "0.1.0"
edition = "2024"

[workspace]

[features]
default = ["std"]
std = ["alloc"]
alloc = []
serde = ["dep:serde", "alloc"]

[dependencies]
serde = { version = "1", optional = true, default-features = false, features = ["alloc", "derive"] }

[dev-dependencies]
serde_json = "1"
"#;

/// Runs cargo in `dir`; returns its stdout (test output).
fn cargo(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", root().join("target/gen-rust-test"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the crate generated from `catalog` into a fresh temporary folder.
fn scratch_crate(catalog: &Catalog) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &trail_emit_rust::emit(catalog, &stamp()));
    std::fs::write(dir.path().join("Cargo.toml"), MANIFEST).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    dir
}

#[test]
fn an_empty_catalogue_still_gives_a_crate_that_compiles() {
    let dir = scratch_crate(&Catalog::default());
    cargo(dir.path(), &["build", "--lib", "--no-default-features"]);
    cargo(dir.path(), &["build", "--lib", "--features", "serde"]);
}

#[test]
fn generated_crate_compiles_documents_and_behaves() {
    let dir = tempfile::tempdir().unwrap();
    let tree = trail_emit_rust::emit(&adversarial(), &stamp());
    assert!(tree["src/nhn/mod.rs"].contains("crate::phash::hash_sampled(key.as_bytes(), EVENT_ID_SEED)"));
    assert!(tree["src/kakao.rs"].contains("crate::phash::hash(key.as_bytes(), EVENT_SEED)"));
    for (path, text) in &tree {
        assert!(!text.contains(['\u{202E}', '\u{2066}', '\u{feff}']), "{path} holds a raw bidi or BOM character");
    }
    write(dir.path(), &tree);
    std::fs::write(dir.path().join("Cargo.toml"), MANIFEST).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::copy(root().join("tests/fixtures/gen_rust/proof.rs"), dir.path().join("tests/proof.rs")).unwrap();
    // The guide's response examples, verbatim, for the proof to deserialise.
    let examples = dir.path().join("tests/examples");
    std::fs::create_dir_all(&examples).unwrap();
    let catalog = adversarial();
    for v in &catalog.api.versions {
        for (locale, ex) in &v.response_examples {
            let name = format!("{}-{locale}.json", v.version.replace('.', "_"));
            std::fs::write(examples.join(name), &ex.text).unwrap();
        }
    }

    // no_std and allocation-free: the library alone, then the proof without alloc.
    cargo(dir.path(), &["build", "--lib", "--no-default-features"]);
    let bare = cargo(dir.path(), &["test", "--no-default-features", "--test", "proof"]);
    assert!(bare.contains("test result: ok. 6 passed"), "{bare}");
    let full = cargo(dir.path(), &["test", "--features", "serde", "--test", "proof"]);
    assert!(full.contains("test result: ok. 10 passed"), "{full}");
    cargo(dir.path(), &["doc", "--no-deps", "--features", "serde"]);
    // The docs show adversarial names as text: no live HTML, no smart quotes or dashes.
    let html = std::fs::read_to_string(root().join("target/gen-rust-test/doc/cloud_trail_events/nhn/enum.EventId.html")).unwrap();
    for shown in [
        "&lt;/td&gt;&lt;script&gt;alert('x')&lt;/script&gt; {{ x }} | pipe &lt;!-- --&gt; &amp;amp;",
        r##"Say "hi", it's a \ backslash \\ and */ end /* start "#"##,
        "مرحبا بالعالم שלום 🚀",
        "U+202EevilU+2066 */ U+FEFF",
    ] {
        assert!(html.contains(shown), "the EventId docs do not show {shown:?}");
    }
    assert!(!html.contains("<script>alert"));
}

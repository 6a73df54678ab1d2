//! The Rust emitter on the fixture catalogue (`tests/fixtures/catalog/`).
//!
//! What a user relies on: the generated files (snapshotted) are the same every run; the generated
//! crate compiles without warnings with and without its features, in `no_std` form too, even with
//! adversarial names (quotes, backslashes, `*/`, newlines, emoji, right-to-left text, bidi
//! overrides); its docs build with `-D warnings`; and its API behaves (a test program,
//! `tests/fixtures/gen_rust/proof.rs`, runs inside the generated crate).
//!
//! The compile test builds in `target/gen-rust-test` (shared between runs) with `--offline`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{fixture_catalog, stamp, workspace};
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::io::Tree;
use trail_catalog::model::{NhnEvent, Seen, Status};

/// The fixture catalogue, with variant names pinned as `cargo xtask import` pins them.
fn fixture() -> Catalog {
    let mut catalog = fixture_catalog();
    trail_catalog::naming::pin_variants(&mut catalog);
    catalog
}

fn emit(catalog: &Catalog) -> Tree {
    trail_emit_rust::emit(catalog, &stamp()).expect("every variant is pinned")
}

#[test]
fn generated_files_match_the_snapshots() {
    let tree = emit(&fixture());
    assert_eq!(
        tree.keys().collect::<Vec<_>>(),
        [
            "Cargo.toml",
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "README.md",
            "src/kakao.rs",
            "src/kakao/meta.rs",
            "src/lib.rs",
            "src/nhn/api.rs",
            "src/nhn/api/types.rs",
            "src/nhn/meta.rs",
            "src/nhn/mod.rs",
            "src/ocsf.rs",
            "src/ocsf/classes.rs",
            "src/phash.rs",
            "src/support.rs",
            "surface.txt"
        ]
    );
    // The hand-written support files are copied as they are (below the stamp): no snapshot.
    let copied = [
        "src/kakao/meta.rs",
        "src/nhn/api/types.rs",
        "src/nhn/meta.rs",
        "src/ocsf.rs",
        "src/support.rs",
    ];
    for (path, text) in tree
        .iter()
        .filter(|(p, _)| p.starts_with("src/") && !copied.contains(&p.as_str()))
    {
        let name = path.trim_start_matches("src/").replace(['/', '.'], "_");
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn every_file_starts_with_the_stamp_and_output_is_deterministic() {
    let catalog = fixture();
    let a = emit(&catalog);
    let b = emit(&catalog);
    assert_eq!(a, b);
    let lines = stamp().lines();
    for (path, text) in &a {
        if let Some(&(_, licence)) = trail_emit_rust::LICENSES.iter().find(|(p, _)| p == path) {
            // Licence texts are copied verbatim: detectors expect the standard text.
            assert_eq!(text, licence);
            assert!(text.contains("MIT") || text.contains("Apache License"));
            continue;
        }
        let header = match path.rsplit('.').next() {
            Some("rs") => lines
                .iter()
                .map(|l| format!("// {l}\n"))
                .collect::<String>(),
            Some("toml" | "txt") => lines.iter().map(|l| format!("# {l}\n")).collect::<String>(),
            _ => format!("<!-- {} -->", lines.join(" ")),
        };
        assert!(text.starts_with(&header), "{path} lacks the stamp");
        assert!(
            !text.contains("/work/") && !text.contains("/tmp/"),
            "{path} names an absolute path"
        );
    }
}

#[test]
fn colliding_and_awkward_ids_get_distinct_valid_variant_names() {
    let tree = emit(&fixture());
    let nhn = &tree["src/nhn/mod.rs"];
    for variant in [
        "A_BC,",
        "AB_C,",
        "Self_,",
        "N2faEnable,",
        "RdsForMysqlCreateParameterGroup,",
        "MarketPlaceApplyCancel,",
    ] {
        assert!(
            nhn.contains(&format!("    {variant}\n")),
            "no variant {variant}"
        );
    }
}

/// A downstream crate names variants: adding events to the catalogue, even ones whose names
/// collide with existing variants, must leave every existing variant as it was.
#[test]
fn new_colliding_ids_never_rename_an_existing_variant() {
    let mut catalog = fixture();
    let before: BTreeMap<String, String> = catalog
        .nhn
        .events
        .iter()
        .map(|e| (e.id.clone(), e.variant.clone()))
        .collect();
    let old_kakao: BTreeMap<String, String> = catalog
        .kakao
        .events
        .iter()
        .map(|e| (e.key.clone(), e.variant.clone()))
        .collect();
    // `event_id.a.bc` and `event_id.ab.c` spell `ABc`/`AbC`; `event_id.a.b.c` spells `ABC` like the
    // existing `event_id.a.b_c` (pinned as `A_BC`) and `event_id.a_b.c` (`AB_C`); `event_id.a_b_c`
    // is `AB_C`'s structural twin.
    for id in [
        "event_id.a.b.c",
        "event_id.a_b_c",
        "event_id.a.bc",
        "event_id.ab.c",
        "event_id.iaas.instance_create",
    ] {
        catalog.nhn.events.push(NhnEvent {
            id: id.into(),
            services: vec!["console".into()],
            ..Default::default()
        });
    }
    let mut e = catalog.kakao.events[0].clone();
    e.key = format!("{}-x", e.key.replace('-', "_"));
    e.variant.clear();
    catalog.kakao.events.push(e);
    catalog.nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
    catalog.kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    trail_catalog::naming::pin_variants(&mut catalog);

    let nhn = &emit(&catalog)["src/nhn/mod.rs"];
    for (id, variant) in &before {
        assert_eq!(
            &catalog.nhn.event(id).unwrap().variant,
            variant,
            "{id} was renamed"
        );
        assert!(
            nhn.contains(&format!("EventId::{variant},")),
            "no variant {variant} for {id}"
        );
    }
    for e in &catalog.kakao.events {
        if let Some(v) = old_kakao.get(&e.key) {
            assert_eq!(&e.variant, v, "{} was renamed", e.key);
        }
    }
    let mut all: Vec<&str> = catalog
        .nhn
        .events
        .iter()
        .map(|e| e.variant.as_str())
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(
        all.len(),
        catalog.nhn.events.len(),
        "two events share a variant"
    );
}

#[test]
fn an_unpinned_or_duplicated_variant_is_an_error_that_names_the_event() {
    let mut catalog = fixture();
    catalog.nhn.events[0].variant.clear();
    let v = catalog.nhn.events[1].variant.clone();
    catalog.nhn.events[2].variant = v;
    let err = trail_emit_rust::emit(&catalog, &stamp())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!(
            "nhn::EventId `{}` has no variant name",
            catalog.nhn.events[0].id
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "nhn::EventId `{}` has variant name",
            catalog.nhn.events[2].id
        )),
        "{err}"
    );
    assert!(err.contains("already given to"), "{err}");
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
        e.variant.clear();
        catalog.kakao.events.push(e);
    }
    catalog.kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    // A former key that held a version, and some history.
    let volume = catalog
        .kakao
        .events
        .iter_mut()
        .find(|e| e.key == "virtual-machine/block-storage/volume-create")
        .unwrap();
    volume.aliases = vec!["virtual-machine/block-storage-1-0-0/volume-create".into()];
    let seen = |date: &str| {
        Some(Seen {
            date: date.into(),
            commit: None,
        })
    };
    let create = catalog
        .nhn
        .events
        .iter_mut()
        .find(|e| e.id == "event_id.iaas.instance.create")
        .unwrap();
    create.first_listed = seen("2019-06-01");
    create.editions = vec!["gov".into(), "standard".into()];
    let old = catalog
        .nhn
        .events
        .iter_mut()
        .find(|e| e.id == "event_id.iaas.instance.old_reboot")
        .unwrap();
    old.removed = seen("2021-03-04");
    trail_catalog::naming::pin_variants(&mut catalog);
    catalog
}

fn write(dir: &Path, tree: &Tree) {
    for (rel, text) in tree {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The generated `Cargo.toml`, made a workspace of its own, with what the proof needs.
fn manifest(tree: &Tree) -> String {
    format!(
        "{}\n[workspace]\n\n[dev-dependencies]\nserde_json = \"1\"\n",
        tree["Cargo.toml"]
    )
}

/// Runs cargo in `dir`; returns its stdout (test output).
fn cargo(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", workspace().join("target/gen-rust-test"))
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
    let tree = emit(catalog);
    write(dir.path(), &tree);
    std::fs::write(dir.path().join("Cargo.toml"), manifest(&tree)).unwrap();
    std::fs::copy(
        workspace().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
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
    let tree = emit(&adversarial());
    let squeezed = |rel: &str| tree[rel].split_whitespace().collect::<String>();
    assert!(squeezed("src/nhn/mod.rs").contains("hash:hash_sampled,seed:EVENT_ID_SEED"));
    assert!(squeezed("src/kakao.rs").contains("hash:hash,seed:EVENT_SEED"));
    for (path, text) in &tree {
        assert!(
            !text.contains(['\u{202E}', '\u{2066}', '\u{feff}']),
            "{path} holds a raw bidi or BOM character"
        );
    }
    write(dir.path(), &tree);
    std::fs::write(dir.path().join("Cargo.toml"), manifest(&tree)).unwrap();
    std::fs::copy(
        workspace().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::copy(
        workspace().join("tests/fixtures/gen_rust/proof.rs"),
        dir.path().join("tests/proof.rs"),
    )
    .unwrap();
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
    let bare = cargo(
        dir.path(),
        &["test", "--no-default-features", "--test", "proof"],
    );
    assert!(bare.contains("test result: ok. 8 passed"), "{bare}");
    let full = cargo(
        dir.path(),
        &["test", "--features", "serde", "--test", "proof"],
    );
    assert!(full.contains("test result: ok. 12 passed"), "{full}");
    cargo(dir.path(), &["doc", "--no-deps", "--features", "serde"]);
    // The docs show adversarial names as text: no live HTML, no smart quotes or dashes.
    let html = std::fs::read_to_string(
        workspace().join("target/gen-rust-test/doc/cloud_trail_events/nhn/enum.EventId.html"),
    )
    .unwrap();
    for shown in [
        "&lt;/td&gt;&lt;script&gt;alert('x')&lt;/script&gt; {{ x }} | pipe &lt;!-- --&gt; &amp;amp;",
        r##"Say "hi", it's a \ backslash \\ and */ end /* start "#"##,
        "مرحبا بالعالم שלום 🚀",
        "U+202EevilU+2066 */ U+FEFF",
    ] {
        assert!(
            html.contains(shown),
            "the EventId docs do not show {shown:?}"
        );
    }
    assert!(!html.contains("<script>alert"));
}

//! The command line as a user runs it: `extract` in every format, `--kind`, `import` and
//! `import --check`, `check`, `book`, and bad input (exit 2, a message naming the file, the catalogue
//! untouched). Run with `cargo test -p xtask --test cli`.

mod common;

use std::path::Path;
use std::process::Output;

use common::{copy_tree, tree, workspace, xtask};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

const SEED001: &str = "tests/fixtures/nhn/layouts/seed001-single-table.md";
const FIXTURE_SOURCES: &str = "tests/fixtures/nhn/sources";

// ---- extract --------------------------------------------------------------------------------

#[test]
fn extract_json_is_an_array_of_records() {
    let o = xtask(&["extract", "--format", "json", SEED001]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let records: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let first = &records.as_array().unwrap()[0];
    assert_eq!(first["event_id"], "event_id.iaas.instance.create");
    assert_eq!(first["name"], "인스턴스 생성");
    assert_eq!(first["service"], "기본 인프라 서비스");
    assert_eq!(first["line"], 5);
    insta::assert_snapshot!("extract_json", stdout(&o));
}

#[test]
fn extract_yaml_and_table() {
    let yaml = xtask(&["extract", "--format", "yaml", SEED001]);
    assert_eq!(code(&yaml), 0, "{}", stderr(&yaml));
    insta::assert_snapshot!("extract_yaml", stdout(&yaml));
    let table = xtask(&["extract", SEED001]);
    assert_eq!(code(&table), 0);
    assert_eq!(
        stdout(&table),
        stdout(&xtask(&["extract", "--format", "text", SEED001])),
        "text is the default"
    );
    assert_eq!(
        stdout(&table),
        stdout(&xtask(&["extract", "--format", "table", SEED001])),
        "`table`, the name extract used before, still means text"
    );
    let check = |format: &str| {
        let o = xtask(&["check", "--format", format]);
        (code(&o), stdout(&o))
    };
    assert_eq!(check("table"), check("text"), "check takes the same names");
    insta::assert_snapshot!("extract_table", stdout(&table));
}

#[test]
fn extract_of_an_idless_list_gives_null_ids() {
    let o = xtask(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/nhn/layouts/idless-overview.md",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let records: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        records
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["event_id"].is_null())
    );
}

#[test]
fn extract_reports_cleanings_on_stderr_with_file_line_and_raw_text() {
    let o = xtask(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/nhn/quirks/entity-control-in-id.md",
    ]);
    assert_eq!(code(&o), 0);
    let err = stderr(&o);
    assert!(
        err.contains(
            "tests/fixtures/nhn/quirks/entity-control-in-id.md:5: warning[nhn/id-control-char]: control character \
             U+0008 (written as the entity &#8;) removed from an event ID [subject: event_id.gameanvil.gateway_node.force_stop] \
             (raw: \"event_id.gameanvil.gateway_node.&#8;force_stop\")"
        ),
        "{err}"
    );
    assert!(
        err.contains("entity-control-in-id.md:7: warning[nhn/id-whitespace]"),
        "{err}"
    );
    let records: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        records[0]["event_id"], "event_id.gameanvil.gateway_node.force_stop",
        "IDs are printed cleaned"
    );
}

#[test]
fn kind_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    // Mentions the search endpoint, so detection says API guide; --kind nhn reads it as an event list.
    let file = dir.path().join("list.md");
    std::fs::write(&file, "See /cloud-trail/v1.0/events.\n\n| Event | Event ID |\n| --- | --- |\n| IAM Login | event_id.iam.login |\n")
        .unwrap();
    let file = file.to_str().unwrap();
    let forced = xtask(&["extract", "--format", "json", "--kind", "nhn", file]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    let records: serde_json::Value = serde_json::from_str(&stdout(&forced)).unwrap();
    assert_eq!(records[0]["event_id"], "event_id.iam.login");
    let bogus = xtask(&["extract", "--kind", "bogus", file]);
    assert_eq!(code(&bogus), 2);
    assert!(
        stderr(&bogus).contains("unknown --kind `bogus`"),
        "{}",
        stderr(&bogus)
    );
}

/// The bad inputs of the issue, each written to `dir`; `(file name, why it is bad)`.
fn bad_inputs(dir: &Path) -> Vec<(String, &'static str)> {
    let mut big = String::from("### Console\n\n| Event | Event ID |\n| --- | --- |\n");
    while big.len() < 10 << 20 {
        big.push_str("|IAM Login|event_id.iam.login|\n");
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.md", Vec::new(), "empty"),
        (
            "binary.md",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff],
            "NUL bytes",
        ),
        (
            "latin1.md",
            b"| Event | Event ID |\n| --- | --- |\n| caf\xe9 | event_id.a.b |\n".to_vec(),
            "invalid UTF-8",
        ),
        ("huge.md", big.into_bytes(), "MiB limit"),
        (
            "no-id-column.md",
            std::fs::read(workspace().join("tests/fixtures/nhn/bad/no-id-column.md")).unwrap(),
            "no event table",
        ),
    ];
    cases
        .into_iter()
        .map(|(name, bytes, why)| {
            std::fs::write(dir.join(name), bytes).unwrap();
            (name.to_owned(), why)
        })
        .collect()
}

#[test]
fn extract_refuses_bad_input_with_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = bad_inputs(dir.path());
    std::fs::copy(
        workspace().join("tests/fixtures/nhn/bad/no-tables.md"),
        dir.path().join("no-tables.md"),
    )
    .unwrap();
    cases.push(("no-tables.md".into(), "no table"));
    for (name, why) in cases {
        let path = dir.path().join(&name);
        let o = xtask(&["extract", "--kind", "nhn", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(&name) && err.contains(why),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
    }
    let missing = xtask(&["extract", "tests/fixtures/nhn/does-not-exist.md"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("does-not-exist.md: cannot read"),
        "{}",
        stderr(&missing)
    );
}

// ---- import, import --check, check -------------------------------------------------------------

/// A catalogue folder holding only the fixture's hand-written files, then imported from the
/// fixture sources.
/// Imports the fixture sources with one more file (`extra`, copied to `dest` below the sources)
/// into the catalogue at `cat`, dated 2024-01-01.
fn import_fixture_sources_with(cat: &Path, extra: &Path, dest: impl AsRef<Path>) -> Output {
    let sources = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join(FIXTURE_SOURCES), sources.path());
    std::fs::copy(extra, sources.path().join(dest)).unwrap();
    xtask(&[
        "import",
        "--sources",
        sources.path().to_str().unwrap(),
        "--date",
        "2024-01-01",
        "--catalog",
        cat.to_str().unwrap(),
    ])
}

fn imported_catalogue() -> tempfile::TempDir {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    let o = xtask(&[
        "import",
        "--sources",
        FIXTURE_SOURCES,
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(": 7 documents as of 2024-01-01 (7 NHN,"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("catalogue: 14 NHN event IDs"),
        "{}",
        stderr(&o)
    );
    cat
}

#[test]
fn import_writes_the_catalogue_and_check_is_then_clean() {
    let cat = imported_catalogue();
    let files = tree(cat.path());
    assert!(
        files.contains_key("nhn/events/iaas.yaml"),
        "{:?}",
        files.keys()
    );
    assert!(files.contains_key("nhn/services.yaml"));
    assert_eq!(
        files["nhn/overrides.yaml"],
        std::fs::read(workspace().join("tests/fixtures/nhn/catalog/nhn/overrides.yaml")).unwrap(),
        "hand-written files are never written"
    );
    let again = xtask(&[
        "import",
        "--sources",
        FIXTURE_SOURCES,
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
}

/// Variant names are pinned by the first import and kept by every later one, even a name changed
/// by hand; `gen` refuses an event without one, naming it, and writes nothing.
#[test]
fn import_keeps_pinned_variant_names_and_gen_refuses_a_missing_one() {
    let cat = imported_catalogue();
    let dir = cat.path().to_str().unwrap();
    let iaas = cat.path().join("nhn/events/iaas.yaml");
    let text = std::fs::read_to_string(&iaas).unwrap();
    assert!(text.contains("  variant: IaasInstanceCreate\n"), "{text}");
    std::fs::write(
        &iaas,
        text.replace("variant: IaasInstanceCreate\n", "variant: KeptAsPinned\n"),
    )
    .unwrap();
    let again = xtask(&[
        "import",
        "--sources",
        FIXTURE_SOURCES,
        "--date",
        "2024-01-01",
        "--catalog",
        dir,
    ]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert!(
        std::fs::read_to_string(&iaas)
            .unwrap()
            .contains("  variant: KeptAsPinned\n")
    );

    std::fs::write(&iaas, text.replace("  variant: IaasInstanceCreate\n", "")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = common::gen_into(dir, out.path());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nhn::EventId `event_id.iaas.instance.create` has no variant name; run `cargo xtask import`"),
        "{}",
        stderr(&o)
    );
    assert!(tree(out.path()).is_empty(), "nothing is written");
}

#[test]
fn import_check_exits_1_naming_the_differing_file() {
    let cat = imported_catalogue();
    let services = cat.path().join("nhn/services.yaml");
    let mut text = std::fs::read_to_string(&services).unwrap();
    text.push_str("- key: hand-edit\n  names: {}\n");
    std::fs::write(&services, text).unwrap();
    std::fs::remove_file(cat.path().join("nhn/events/iaas.yaml")).unwrap();
    let before = tree(cat.path());
    let o = xtask(&[
        "import",
        "--sources",
        FIXTURE_SOURCES,
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("changed: nhn/services.yaml:"), "{err}");
    assert!(err.contains("missing: nhn/events/iaas.yaml"), "{err}");
    assert_eq!(tree(cat.path()), before, "--check writes nothing");
}

#[test]
fn import_refuses_bad_documents_and_leaves_the_catalogue_untouched() {
    let cat = imported_catalogue();
    let before = tree(cat.path());
    let bad = tempfile::tempdir().unwrap();
    for (name, why) in bad_inputs(bad.path()) {
        let o = import_fixture_sources_with(
            cat.path(),
            &bad.path().join(&name),
            Path::new("nhn/en").join(&name),
        );
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        assert!(
            err.contains(&format!("nhn/en/{name}")) && err.contains(why),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(
            tree(cat.path()),
            before,
            "{name}: the catalogue is untouched"
        );
    }
}

#[test]
fn import_skips_prose_pages_with_a_note_but_reads_the_overview() {
    // The fixture tree's nhn/en/overview.md has no table but says who may use CloudTrail: read.
    let cat = imported_catalogue();
    let findings = std::fs::read_to_string(cat.path().join("findings.yaml")).unwrap();
    assert!(
        !findings.contains("at: nhn/en/overview.md:1\n  code: import/skipped"),
        "{findings}"
    );
    let roles = std::fs::read_to_string(cat.path().join("roles.yaml")).unwrap();
    assert!(roles.contains("- nhn/en/overview.md:3"), "{roles}");
    // A prose page that says nothing of the kind is skipped with a note.
    let o = import_fixture_sources_with(
        cat.path(),
        &workspace().join("tests/fixtures/nhn/bad/no-tables.md"),
        "nhn/en/notes.md",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let findings = std::fs::read_to_string(cat.path().join("findings.yaml")).unwrap();
    assert!(
        findings.contains("at: nhn/en/notes.md:1\n  code: import/skipped"),
        "{findings}"
    );
}

/// A checkout of the vendor's docs repository also holds console guides and release notes,
/// whose tables have no event column: import notes and skips them instead of stopping.
#[test]
fn import_skips_pages_whose_tables_have_no_event_column() {
    let cat = imported_catalogue();
    let o = import_fixture_sources_with(
        cat.path(),
        &workspace().join("tests/fixtures/nhn/bad/console-guide.md"),
        "nhn/en/console-guide.md",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let findings = std::fs::read_to_string(cat.path().join("findings.yaml")).unwrap();
    assert!(
        findings.contains("at: nhn/en/console-guide.md:1\n  code: import/skipped"),
        "{findings}"
    );
    assert!(
        findings.contains("no table has an event name column"),
        "{findings}"
    );
    // extract is about one document the user named: there it is still an error.
    let o = xtask(&["extract", "tests/fixtures/nhn/bad/console-guide.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// A file named like an event list must hold one: skipping it would retire every event it listed.
#[test]
fn import_refuses_an_event_list_with_nothing_to_read() {
    let cat = imported_catalogue();
    let before = tree(cat.path());
    let o = import_fixture_sources_with(
        cat.path(),
        &workspace().join("tests/fixtures/nhn/bad/console-guide.md"),
        "nhn/en/event-list.md",
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nhn/en/event-list.md"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(cat.path()), before, "the catalogue is untouched");
}

#[test]
fn check_fails_on_unwaived_errors_and_passes_once_waived() {
    let cat = imported_catalogue();
    let dir = cat.path().to_str().unwrap();
    let o = xtask(&["check", "--catalog", dir]);
    assert_eq!(
        code(&o),
        1,
        "the fixture has one malformed ID no override corrects"
    );
    let out = stdout(&o);
    assert!(out.contains("nhn/en/event-list.md:51: error[nhn/malformed-id]: malformed event ID: it ends with a dot"), "{out}");
    assert!(out.contains("1 errors,"), "{out}");
    // The malformed ID stays an error at its row and is not catalogued: 12 listed events.
    assert!(
        out.contains("  zh: 11/12 named (91.7%), 10 untranslated"),
        "{out}"
    );

    let json = xtask(&["check", "--catalog", dir, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["summary"]["errors"], 1);

    std::fs::write(
        cat.path().join("nhn/waivers.yaml"),
        "waivers:\n  - code: nhn/malformed-id\n    subject: event_id.email.send.\n    reason: \"fixture: known upstream typo\"\n",
    )
    .unwrap();
    let waived = xtask(&["check", "--catalog", dir]);
    assert_eq!(code(&waived), 0, "{}", stdout(&waived));
    assert!(stdout(&waived).contains("[waived: fixture: known upstream typo]"));
}

// ---- book -----------------------------------------------------------------------------------

#[test]
fn book_without_a_book_folder_exits_2_saying_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    let dest = empty.path().join("site");
    let o = xtask(&[
        "book",
        "--book",
        empty.path().to_str().unwrap(),
        "--dest-dir",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("no book.toml here; run `cargo xtask gen` first"));
    assert!(!dest.exists(), "nothing was written");
    let help = xtask(&["book", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(
        stdout(&help).contains("mdbook --version 0.5.4"),
        "{}",
        stdout(&help)
    );
    assert!(stdout(&help).contains("--serve"));
}

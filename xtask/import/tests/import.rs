//! Import as a library: a small folder of docs absorbed into an empty catalogue, without the
//! command line.

use std::collections::BTreeMap;
use std::path::Path;

use trail_catalog::model::{HandWritten, Status};
use trail_import::Import;
use trail_sources::Locale;

fn fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/folder"
    ))
}

#[test]
fn a_folder_imported_into_an_empty_catalogue() {
    let mut import = Import::new(HandWritten::default(), None);
    let said = import.absorb_folder(fixture(), Some("2024-05-01")).unwrap();
    assert!(
        said.ends_with(": 2 documents as of 2024-05-01 (2 NHN, 0 KakaoCloud, 0 API guides)"),
        "{said}"
    );
    let catalog = import.finish();

    let events: BTreeMap<&str, _> = catalog
        .nhn
        .events
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    assert_eq!(
        events.keys().copied().collect::<Vec<_>>(),
        [
            "event_id.iaas.instance.create",
            "event_id.iam.login",
            "event_id.org.update"
        ]
    );
    let login = events["event_id.iam.login"];
    assert_eq!(login.status, Status::Listed);
    assert_eq!(login.names[&Locale::En], "IAM Login");
    assert_eq!(login.names[&Locale::Ko], "IAM 로그인");
    assert_eq!(
        login.first_listed.as_ref().map(|s| s.date.as_str()),
        Some("2024-05-01")
    );
    // Every event is classified and has a pinned variant name, unique across the catalogue.
    assert!(events.values().all(|e| e.meaning.is_some()));
    let mut variants: Vec<&str> = events.values().map(|e| e.variant.as_str()).collect();
    assert!(variants.iter().all(|v| !v.is_empty()));
    variants.sort();
    variants.dedup();
    assert_eq!(variants.len(), 3);

    // The page without an event table is noted as skipped, at its file.
    let skipped: Vec<&str> = catalog
        .findings
        .diagnostics
        .iter()
        .filter(|d| d.code == "import/skipped")
        .map(|d| d.at.path.as_str())
        .collect();
    assert_eq!(skipped, ["notes.md"]);
}

#[test]
fn current_lists_without_a_date_are_refused() {
    let mut import = Import::new(HandWritten::default(), None);
    let err = import.absorb_folder(fixture(), None).unwrap_err();
    assert!(err.to_string().contains("pass --date YYYY-MM-DD"), "{err}");
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let mut import = Import::new(HandWritten::default(), None);
    let err = import
        .absorb_folder(&fixture().join("absent"), Some("2024-05-01"))
        .unwrap_err();
    assert!(err.to_string().contains("absent: not a folder"), "{err}");
}

//! KakaoCloud Cloud Trail: reading glued page text, building the catalogue, cross-checks, bad input.
//!
//! Fixtures in `tests/fixtures/kakao/` each reproduce one quirk of the real page; they are read
//! with the committed `catalog/kakao/hints.yaml`, so these tests also pin down what the hints settle.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{tree, workspace};
use serde_json::{Value, json};
use trail_sources::kakao::{self, Hints, KakaoDocument};
use trail_sources::{Diagnostic, Extracted, Severity, SourceDoc};

fn hints() -> Hints {
    trail_catalog::io::load_hand_written(&workspace().join("catalog"))
        .expect("catalog/kakao/hints.yaml loads")
        .kakao_hints
}

fn fixture(rel: &str) -> String {
    format!("tests/fixtures/kakao/{rel}")
}

fn read(rel: &str) -> KakaoDocument {
    let path = fixture(rel);
    let bytes = std::fs::read(workspace().join(&path)).unwrap();
    let doc = trail_sources::decode(&path, &bytes).unwrap();
    kakao::read(&doc, &hints()).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a reader of the page gets, as one structured value for a snapshot.
fn view(doc: &KakaoDocument) -> Value {
    json!({
        "revision": doc.revision,
        "records": doc.records,
        "versions": doc.versions,
        "role_tables": doc.role_tables,
        "role_grants": doc.role_grants,
        "diagnostics": doc.diagnostics,
    })
}

fn codes(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

fn xtask(args: &[&str]) -> (i32, String, String) {
    let out = common::xtask(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (name, service, resource type) of each record.
fn cells(doc: &KakaoDocument) -> Vec<(String, String, String)> {
    doc.records
        .iter()
        .map(|r| (r.service.clone(), r.resource_type.clone(), r.name.clone()))
        .collect()
}

fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn glued_three_column_rows_split_into_service_resource_type_and_name() {
    let doc = read("glued_three_columns.txt");
    assert_eq!(
        cells(&doc),
        [
            t("IAM", "Domain", "Console Logout"),
            t("IAM", "Domain", "Project Update"),
            t("Virtual Machine", "Instance", "Instance Create"),
            t("Virtual Machine", "Block Storage", "Volume Create"),
            t("Virtual Machine", "Keypair", "Keypair Delete"),
        ]
    );
    let scopes: Vec<_> = doc.records.iter().map(|r| r.scope).collect();
    assert_eq!(scopes[..2], [kakao::Scope::Organization; 2]);
    assert_eq!(scopes[2..], [kakao::Scope::Project; 3]);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    insta::assert_yaml_snapshot!("glued_three_columns", view(&doc));
}

#[test]
fn four_column_rows_split_name_from_description_or_are_reported() {
    let doc = read("four_columns.txt");
    let pairs: Vec<(&str, Option<&str>)> = doc
        .records
        .iter()
        .map(|r| (r.name.as_str(), r.description.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "Billing Group Detail View",
                Some("View billing group details")
            ),
            (
                "Invoice Service Document View",
                Some("Download invoice by service (Excel)")
            ),
            (
                "Subscription Inactive",
                Some("Change subscription status (Error, Expired, Invalid bucket, Unauthorized)")
            ),
        ]
    );
    // No boundary at all, and two boundaries: both reported with their line, never guessed.
    let unsplit: Vec<u32> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "kakao/unsplit-description")
        .map(|d| d.at.line)
        .collect();
    assert_eq!(unsplit, [10, 11]);
    insta::assert_yaml_snapshot!("four_columns", view(&doc));
}

#[test]
fn headerless_tables_take_the_previous_tables_columns() {
    let doc = read("headerless.txt");
    let rows: Vec<(u32, &str, Option<&str>)> = doc
        .records
        .iter()
        .map(|r| (r.line, r.name.as_str(), r.description.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (6, "Zone Create", None),
            (8, "Record Create", None),
            (9, "Record Delete", None),
            (12, "Topic Create", Some("Create topic")),
            (14, "Topic Delete", Some("Delete topic")),
        ]
    );
    assert_eq!(
        codes(&doc.diagnostics),
        ["kakao/headerless-table", "kakao/headerless-table"]
    );
    insta::assert_yaml_snapshot!("headerless", view(&doc));
}

#[test]
fn the_versions_table_is_kept_as_resource_type_to_versions_not_events() {
    let doc = read("versions.txt");
    assert_eq!(
        doc.records.len(),
        2,
        "only the two Hadoop Eco rows are events"
    );
    assert_eq!(doc.records[1].name, "Hadoop Eco Terminate(User)");
    let v: Vec<(&str, Vec<&str>)> = doc
        .versions
        .iter()
        .map(|v| {
            (
                v.resource_type.as_str(),
                v.versions.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        v,
        [
            ("Hadoop HDE", vec!["1.0.0", "1.1.0", "2.0.1"]),
            ("Trino HDE", vec!["1.1.2", "2.0.1"]),
            ("Spark HDE", vec!["3.0"]),
        ]
    );
    assert_eq!(
        codes(&doc.diagnostics),
        ["kakao/versions-table", "kakao/bad-versions-row"]
    );
    assert_eq!(doc.diagnostics[1].raw.as_deref(), Some("Presto HDE"));
    insta::assert_yaml_snapshot!("versions", view(&doc));
}

#[test]
fn stray_spaces_between_cells_are_skipped_and_noted() {
    let doc = read("stray_spaces.txt");
    assert_eq!(
        cells(&doc),
        [
            t("IAM", "Domain", "Console Login"),
            t("IAM", "Domain", "Console Logout"),
            t("CDN", "Service", "Service Create"),
            t("CDN", "Service", "Service Stop"),
        ]
    );
    let stray: Vec<bool> = doc.records.iter().map(|r| r.stray_spaces).collect();
    assert_eq!(stray, [true, false, true, false]);
    assert_eq!(
        codes(&doc.diagnostics),
        ["kakao/stray-spaces", "kakao/stray-spaces"]
    );
    insta::assert_yaml_snapshot!("stray_spaces", view(&doc));
}

#[test]
fn the_issues_ambiguous_rows_are_settled_by_the_hints() {
    let doc = read("ambiguous.txt");
    assert_eq!(
        cells(&doc),
        [
            t("MySQL", "Instance Group", "Instance Group Create"),
            t("MySQL", "Instance", "Instance Error"),
            t("IAM", "Project", "Choose Project"),
            t("IAM", "Project Member", "Project Member Assign"),
            t("Data Catalog", "DataCatalog", "Create Data Catalog"),
            t("Data Catalog", "Catalog", "Create Catalog"),
            t(
                "Hadoop Eco",
                "Hadoop HDE, Hbase HDE, Trino HDE, Dataflow HDE",
                "Hadoop Eco Initialize"
            ),
            t(
                "Kubeflow",
                "Essential+HPT+ServingAPI 1.0.0",
                "Kubeflow Create"
            ),
            t("Kubeflow", "GroupUser", "Kubeflow Group User Delete"),
            t("Kubeflow", "Group", "Kubeflow Group Create"),
        ]
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn rows_that_do_not_split_exactly_are_reported_with_their_line_and_raw_text() {
    let doc = read("unsplittable.txt");
    let found: Vec<(u32, &str, Option<&str>)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.at.line, d.code.as_str(), d.raw.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                5,
                "kakao/scope-mismatch",
                Some("ServiceResource typeProject event name")
            ),
            (
                14,
                "kakao/unknown-service",
                Some("Quantum ComputerQubitQubit Flip")
            ),
            (
                15,
                "kakao/unknown-resource-type",
                Some("Virtual MachineGPU SliceSlice Create")
            ),
            (16, "kakao/empty-name", Some("Virtual MachineInstance")),
            (
                17,
                "kakao/unknown-resource-type",
                Some("Virtual MachineInstancesGhost Row")
            ),
            (18, "kakao/heading-mismatch", Some("DNSZoneZone Create")),
            (
                21,
                "kakao/stray-spaces",
                Some("Kubeflow GroupUserKubeflow Group User Delete")
            ),
            (
                22,
                "kakao/glued-name",
                Some("KubeflowGroupUserKubeflow Group UserDelete")
            ),
            (
                24,
                "kakao/unrecognised-line",
                Some("this line is no row and no sentence at all")
            ),
            (
                27,
                "kakao/glued-name",
                Some("Virtual MachineInstance TemplateInstance Template Create")
            ),
            (
                30,
                "kakao/unsplit-description",
                Some(
                    "Virtual MachineInstance TemplateInstance Template DeleteDeletes an instance template"
                )
            ),
        ]
    );
    // The unknown resource type's message suggests what to add to the hints.
    assert!(
        doc.diagnostics[2].message.contains("perhaps `GPU Slice`"),
        "{}",
        doc.diagnostics[2].message
    );
    // A new resource type that starts like a known one (`Instance Template` after `Instance`) is an
    // error naming exactly what to add to the hints, never a guessed split.
    let message = |line: u32| doc.diagnostics.iter().find(|d| d.at.line == line).unwrap();
    assert_eq!(message(27).severity, Severity::Error);
    assert!(
        message(27)
            .message
            .contains("add `Instance Template` to the resource_types of service `Virtual Machine`"),
        "{}",
        message(27).message
    );
    assert!(
        message(30).message.contains("if `Instance Template` is a resource type, add it to the resource_types of service `Virtual Machine`"),
        "{}",
        message(30).message
    );
    assert_eq!(message(22).severity, Severity::Error);
    // Rows reported as errors are not records; the others are.
    let lines: Vec<u32> = doc.records.iter().map(|r| r.line).collect();
    assert_eq!(lines, [6, 13, 18, 21]);
    insta::assert_yaml_snapshot!("unsplittable", view(&doc));
}

#[test]
fn roles_come_from_the_prose_of_each_revision() {
    let early = read("revisions/002_early.txt");
    let late = read("revisions/003_late.txt");
    assert_eq!((early.revision, late.revision), (Some(2), Some(3)));
    // The prose statements (the role tables' rows follow them, see below).
    let grants = |d: &KakaoDocument| -> Vec<(String, Vec<kakao::Scope>)> {
        d.role_grants
            .iter()
            .filter(|g| g.via == kakao::Via::Statement)
            .map(|g| (g.role.clone(), g.scopes.clone()))
            .collect()
    };
    use kakao::Scope::{Organization as O, Project as P};
    assert_eq!(
        grants(&early),
        [
            ("Org Owner".into(), vec![O]),
            // Written `Org Admin` on this page: an alias in the hints.
            ("Organization Admin".into(), vec![O]),
            ("Trail Viewer".into(), vec![O]),
            ("Project Reader".into(), vec![O]),
            // "Queryable by all members of the project": every project role, named here or not.
            ("Project Admin".into(), vec![P]),
            ("Project Member".into(), vec![P]),
            ("Project Leader".into(), vec![P]),
            ("Project Reader".into(), vec![P]),
        ]
    );
    assert_eq!(
        grants(&late),
        [
            ("Project Admin".into(), vec![P]),
            ("Project Member".into(), vec![P]),
            ("Project Leader".into(), vec![P]),
            ("Organization Admin".into(), vec![O]),
            ("Trail Viewer".into(), vec![O]),
        ]
    );
    let tables: Vec<(Option<kakao::RoleKind>, Vec<String>)> = late
        .role_tables
        .iter()
        .map(|t| (t.kind, t.roles.clone()))
        .collect();
    assert_eq!(
        tables,
        [
            (
                Some(kakao::RoleKind::Organization),
                vec!["Organization Admin".into(), "Trail Viewer".into()]
            ),
            (
                Some(kakao::RoleKind::Project),
                vec![
                    "Project Admin".into(),
                    "Project Member".into(),
                    "Project Leader".into()
                ]
            ),
        ]
    );
    // The page text lost the tables' marks: each role's row is what the prose says of it.
    let rows: Vec<(String, Vec<kakao::Scope>, kakao::Via)> = late
        .role_grants
        .iter()
        .filter(|g| g.via != kakao::Via::Statement)
        .map(|g| (g.role.clone(), g.scopes.clone(), g.via))
        .collect();
    let prose = kakao::Via::TableProse;
    assert_eq!(
        rows,
        [
            ("Organization Admin".into(), vec![O], prose),
            ("Trail Viewer".into(), vec![O], prose),
            ("Project Admin".into(), vec![P], prose),
            ("Project Member".into(), vec![P], prose),
            ("Project Leader".into(), vec![P], prose),
        ]
    );
    insta::assert_yaml_snapshot!("roles_early", view(&early));
    insta::assert_yaml_snapshot!("roles_late", view(&late));
}

#[test]
fn build_and_checks_report_typos_casing_duplicates_and_revision_changes() {
    let docs = vec![
        Extracted::Kakao(read("revisions/003_late.txt")),
        Extracted::Kakao(read("revisions/002_early.txt")),
    ];
    let mut hand = trail_catalog::model::HandWritten::default();
    hand.kakao_overrides
        .names
        .push(trail_catalog::model::hand::NameOverride {
            key: "load-balancing/health-check/heath-check-create".into(),
            en: "Health Check Create".into(),
            reason: "typo on the page".into(),
        });
    let (catalog, build_diags) = trail_catalog::build::build(&docs, &hand);
    assert!(
        build_diags.iter().all(|d| !d.code.starts_with("kakao/")),
        "{build_diags:?}"
    );
    let keys: Vec<&str> = catalog
        .kakao
        .events
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "kubernetes-engine/nodepool/create-nodepool-request",
            "kubernetes-engine/nodepool/delete-nodepool-request",
            "kubernetes-engine/nodepool/update-nodepool-request",
            "load-balancing/health-check/health-check-create",
            "load-balancing/health-check/health-check-delete",
            "load-balancing/listener/listener-create",
            "load-balancing/listener/listener-delete",
        ]
    );
    let fixed = &catalog.kakao.events[3];
    assert_eq!(fixed.name.en, "Health Check Create");
    assert_eq!(fixed.sources.len(), 2, "read from both revisions");
    let mut findings = Vec::new();
    trail_checks::kakao::check(&docs, &catalog, &mut findings);
    findings.sort();
    insta::assert_yaml_snapshot!("revisions_roles", catalog.roles.kakao);
    insta::assert_yaml_snapshot!("revisions_findings", findings);
    let has = |code: &str, subject: &str| {
        findings
            .iter()
            .any(|d| d.code == code && d.subject.as_deref() == Some(subject))
    };
    assert!(has(
        "kakao/duplicate-row",
        "load-balancing/health-check/health-check-delete"
    ));
    assert!(has(
        "kakao/near-miss-name",
        "load-balancing/health-check/heath-check-create"
    ));
    assert!(has(
        "kakao/inconsistent-casing",
        "kubernetes-engine/nodepool/delete-nodepool-request"
    ));
    assert!(has(
        "kakao/event-changed",
        "load-balancing/listener/listener-delete"
    ));
    assert!(has("kakao/role-changed", "Org Owner"));
}

#[test]
fn a_near_miss_without_an_override_is_a_warning() {
    let docs = vec![Extracted::Kakao(read("revisions/002_early.txt"))];
    let (catalog, _) = trail_catalog::build::build(&docs, &Default::default());
    let mut findings = Vec::new();
    trail_checks::kakao::check(&docs, &catalog, &mut findings);
    let near: Vec<_> = findings
        .iter()
        .filter(|d| d.code == "kakao/near-miss-name")
        .collect();
    assert_eq!(near.len(), 1);
    assert_eq!(near[0].severity, trail_sources::Severity::Warning);
    assert_eq!(
        near[0].at.to_string(),
        "tests/fixtures/kakao/revisions/002_early.txt:16"
    );
}

#[test]
fn every_code_emitted_is_in_the_table_of_codes() {
    let mut seen = Vec::new();
    let all = [
        "glued_three_columns.txt",
        "four_columns.txt",
        "headerless.txt",
        "versions.txt",
        "stray_spaces.txt",
        "ambiguous.txt",
        "unsplittable.txt",
        "revisions/002_early.txt",
        "revisions/003_late.txt",
    ];
    let docs: Vec<Extracted> = all.iter().map(|f| Extracted::Kakao(read(f))).collect();
    let (catalog, build_diags) = trail_catalog::build::build(&docs, &Default::default());
    let mut findings = Vec::new();
    trail_checks::kakao::check(&docs, &catalog, &mut findings);
    for d in docs
        .iter()
        .flat_map(|d| d.diagnostics())
        .chain(&build_diags)
        .chain(&findings)
    {
        let entry = trail_sources::codes::lookup(&d.code);
        let entry =
            entry.unwrap_or_else(|| panic!("{} is not in trail_sources::codes::CODES", d.code));
        // Only a near miss or casing corrected by an override is downgraded, as the registry allows.
        assert!(entry.allows(d.severity), "{d}");
        seen.push(d.code.clone());
    }
    seen.sort();
    seen.dedup();
    assert!(seen.len() >= 20, "fixtures exercise most codes: {seen:?}");
}

#[test]
fn extract_prints_records_as_json_with_the_agreed_fields() {
    let (code, stdout, stderr) =
        xtask(&["extract", "--format", "json", &fixture("stray_spaces.txt")]);
    assert_eq!(code, 0, "{stderr}");
    let records: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        records[0],
        json!({
            "record": "event",
            "scope": "organization", "service": "IAM", "resource_type": "Domain", "name": "Console Login",
            "description": null, "line": 6, "split": "hints", "stray_spaces": true
        })
    );
    assert_eq!(records.as_array().map(Vec::len), Some(4));
    assert!(
        stderr.contains("tests/fixtures/kakao/stray_spaces.txt:6: info[kakao/stray-spaces]"),
        "{stderr}"
    );
}

#[test]
fn extract_shows_how_four_column_rows_were_split() {
    let (code, stdout, _) = xtask(&["extract", "--format", "json", &fixture("four_columns.txt")]);
    assert_eq!(code, 0);
    let records: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records[0]["split"], "hints-case-boundary");
    assert_eq!(records[0]["description"], "View billing group details");
}

/// `extract` shows every record import takes from a page, in each form: events, versions rows,
/// role statements and role rules (seed 003's kind of page printed none of its roles before).
#[test]
fn extract_shows_events_versions_role_statements_and_role_rules() {
    for form in [
        "forms/005_page.txt",
        "forms/005_page.md",
        "forms/005_page.html",
    ] {
        let (code, stdout, stderr) = xtask(&["extract", "--format", "json", &fixture(form)]);
        assert_eq!(code, 0, "{stderr}");
        let rows: Vec<Value> = serde_json::from_str(&stdout).unwrap();
        let count = |kind: &str| rows.iter().filter(|r| r["record"] == kind).count();
        assert_eq!(
            [
                count("event"),
                count("versions"),
                count("role-statement"),
                count("role-rule")
            ],
            [5, 1, 11, 5],
            "{form}"
        );
        let viewer = rows
            .iter()
            .find(|r| r["record"] == "role-rule" && r["role"] == "Trail Viewer")
            .unwrap();
        assert_eq!(
            viewer["scopes"],
            json!(["organization", "project"]),
            "{form}"
        );
        assert_eq!(viewer["held_with"], "project", "{form}");
    }
    let (code, stdout, _) = xtask(&["extract", &fixture("revisions/003_late.txt")]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("role-rule") && stdout.contains("role-statement"),
        "{stdout}"
    );
}

/// Bad documents: (file name, bytes, what the error message says).
const BAD: &[(&str, &[u8], &str)] = &[
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"KakaoCloud Cloud Trail\0\x01\x02", "binary"),
    (
        "latin1.txt",
        b"KakaoCloud Cloud Trail\n\nOrganization events\n\nIAMDomainConsole Login \xe9\n",
        "UTF-8",
    ),
];

#[test]
fn extract_refuses_bad_input_with_exit_2_and_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(PathBuf, &str)> = BAD
        .iter()
        .map(|(name, bytes, says)| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            (p, *says)
        })
        .collect();
    cases.push((
        workspace().join(fixture("no_tables.txt")),
        "no KakaoCloud event table",
    ));
    for (path, says) in cases {
        let (code, stdout, stderr) = xtask(&[
            "extract",
            "--kind",
            "kakao",
            "--format",
            "json",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{}: {stderr}", path.display());
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(says), "{}: {stderr}", path.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Markdown is a form of the KakaoCloud page too: an NHN-like table forced through its reader is
/// a page with nothing to read, not misread rows.
#[test]
fn extract_refuses_markdown_without_kakao_tables_forced_as_a_kakao_page() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("list.md");
    std::fs::write(
        &md,
        "| a | b |\n| --- | --- |\n| KakaoCloud | Cloud Trail |\n",
    )
    .unwrap();
    let (code, _, stderr) = xtask(&["extract", "--kind", "kakao", md.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no KakaoCloud event table, versions table, role table or role statement"),
        "{stderr}"
    );
}

/// A catalogue folder with the committed hints and empty other hand-written files.
fn catalog_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["kakao", "nhn"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    std::fs::copy(
        workspace().join("catalog/kakao/hints.yaml"),
        dir.path().join("kakao/hints.yaml"),
    )
    .unwrap();
    for f in [
        "kakao/overrides.yaml",
        "kakao/waivers.yaml",
        "nhn/overrides.yaml",
        "nhn/waivers.yaml",
    ] {
        std::fs::write(dir.path().join(f), "{}\n").unwrap();
    }
    dir
}

#[test]
fn import_writes_the_kakao_catalogue_and_a_bad_page_leaves_it_untouched() {
    let cat = catalog_dir();
    let sources = tempfile::tempdir().unwrap();
    for f in ["002_early.txt", "003_late.txt"] {
        std::fs::copy(
            workspace().join(fixture(&format!("revisions/{f}"))),
            sources.path().join(f),
        )
        .unwrap();
    }
    let (code, _, stderr) = xtask(&[
        "import",
        "--sources",
        sources.path().to_str().unwrap(),
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lb = std::fs::read_to_string(cat.path().join("kakao/events/load-balancing.yaml")).unwrap();
    assert!(
        lb.contains("key: load-balancing/health-check/heath-check-create"),
        "{lb}"
    );
    let roles = std::fs::read_to_string(cat.path().join("roles.yaml")).unwrap();
    assert!(roles.contains("role: Organization Admin"), "{roles}");

    let before = tree(cat.path());
    for (name, bytes, says) in BAD {
        let bad = sources.path().join(name);
        std::fs::write(&bad, bytes).unwrap();
        let (code, _, stderr) = xtask(&[
            "import",
            "--sources",
            sources.path().to_str().unwrap(),
            "--catalog",
            cat.path().to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(
            tree(cat.path()),
            before,
            "catalogue changed after a bad {}",
            bad.display()
        );
        std::fs::remove_file(bad).unwrap();
    }
}

/// An event the pages stop listing is kept, retired with the import's date (an import without
/// a date refuses and changes nothing); the crate's CSV marks it; listed again, it is listed.
#[test]
fn an_event_the_pages_drop_is_retired_with_the_date_and_never_deleted() {
    let cat = catalog_dir();
    let sources = tempfile::tempdir().unwrap();
    let page =
        std::fs::read_to_string(workspace().join(fixture("revisions/002_early.txt"))).unwrap();
    let import = |date: Option<&str>| {
        let mut args = vec!["import", "--sources", sources.path().to_str().unwrap()];
        args.extend(date.map(|d| ["--date", d]).into_iter().flatten());
        args.extend(["--catalog", cat.path().to_str().unwrap()]);
        xtask(&args)
    };
    let events =
        || std::fs::read_to_string(cat.path().join("kakao/events/load-balancing.yaml")).unwrap();
    std::fs::write(sources.path().join("page.txt"), &page).unwrap();
    assert_eq!(import(None).0, 0);
    let listed = events();
    assert!(
        listed.contains("key: load-balancing/listener/listener-create")
            && !listed.contains("removed"),
        "{listed}"
    );

    // The next revision of the page lacks the listener row.
    let dropped = page.replace("Load BalancingListenerListener Create\n", "");
    assert_ne!(dropped, page);
    std::fs::write(sources.path().join("page.txt"), &dropped).unwrap();
    let before = tree(cat.path());
    let (code, _, stderr) = import(None);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`load-balancing/listener/listener-create`") && stderr.contains("--date"),
        "{stderr}"
    );
    assert_eq!(
        tree(cat.path()),
        before,
        "an import that refuses writes nothing"
    );

    let (code, _, stderr) = import(Some("2026-12-01"));
    assert_eq!(code, 0, "{stderr}");
    let retired = events();
    let entry = retired
        .split("- key: ")
        .find(|e| e.starts_with("load-balancing/listener/listener-create"))
        .unwrap();
    assert!(
        entry.contains("removed:\n    date: 2026-12-01"),
        "{retired}"
    );
    // What it had is kept: the variant, the name, where it was read.
    let was = listed
        .split("- key: ")
        .find(|e| e.starts_with("load-balancing/listener/listener-create"))
        .unwrap();
    assert!(entry.starts_with(was.trim_end()), "{was}\n---\n{entry}");
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = xtask(&[
        "gen",
        "--catalog",
        cat.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let csv = std::fs::read_to_string(out.path().join("csv/kakao-events.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("load-balancing/listener/listener-create,"))
        .unwrap();
    // Retired on that date, and classified at import: `Listener Create` is API Activity, Create.
    assert!(row.ends_with(",true,2026-12-01,create,6003,1,"), "{row}");
    // A later import of the same page keeps the first date.
    assert_eq!(import(Some("2026-12-05")).0, 0);
    assert_eq!(events(), retired);

    // Back on the page: listed again.
    std::fs::write(sources.path().join("page.txt"), &page).unwrap();
    assert_eq!(import(Some("2026-12-09")).0, 0);
    assert_eq!(events(), listed);
}

#[test]
fn the_committed_hints_parse_and_name_each_service_once() {
    let h = hints();
    let mut names: Vec<&str> = h.services.iter().map(|s| s.name.as_str()).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n);
    assert!(n >= 20);
}

#[test]
fn a_page_with_no_tables_is_no_data_for_import() {
    let doc = SourceDoc {
        path: "x.txt".into(),
        text: "KakaoCloud Cloud Trail, prose only.\n".into(),
    };
    let err = kakao::read(&doc, &hints()).unwrap_err();
    assert!(err.no_data, "{err}");
}

#[test]
fn a_sentence_that_starts_like_a_row_does_not_start_a_headerless_table() {
    // The last line of the fixture begins with service `IAM` and resource type `Project`.
    let doc = read("headerless.txt");
    assert!(
        doc.records.iter().all(|r| r.service != "IAM"),
        "{:?}",
        doc.records
    );
}

/// A line ends at `\n`, `\r\n` or a lone `\r` (CommonMark): the same records on the same lines
/// and the same diagnostics, for the fixtures and the real pages (a CR-only page once read as `[]`).
#[test]
fn crlf_and_cr_line_endings_read_the_same() {
    let mut pages = vec![
        fixture("four_columns.txt"),
        fixture("unsplittable.txt"),
        fixture("revisions/003_late.txt"),
    ];
    if common::shared("sources/seeds").is_some() {
        for seed in ["002_5c257d106fb2ad1c.txt", "003_cad33b7f8de3aeb0.txt"] {
            pages.push(format!("../shared/sources/seeds/{seed}"));
        }
    }
    for path in pages {
        let text = std::fs::read_to_string(workspace().join(&path)).unwrap();
        let lf = kakao::read(
            &SourceDoc {
                path: path.clone(),
                text: text.clone(),
            },
            &hints(),
        )
        .unwrap();
        assert!(
            !lf.records.is_empty() || !lf.diagnostics.is_empty(),
            "{path}"
        );
        for ends in ["\r\n", "\r"] {
            let other = kakao::read(
                &SourceDoc {
                    path: path.clone(),
                    text: text.replace('\n', ends),
                },
                &hints(),
            )
            .unwrap();
            assert_eq!(other.records, lf.records, "{path} with {ends:?}");
            assert_eq!(other.diagnostics, lf.diagnostics, "{path} with {ends:?}");
            assert_eq!(other.role_grants, lf.role_grants, "{path} with {ends:?}");
        }
    }
}

/// The real KakaoCloud pages, when the shared sources are present: the committed hints split every
/// row, the overrides all apply, and only the documented role changes remain (waived).
#[test]
fn the_real_pages_split_completely_with_the_committed_hints() {
    let Some(seeds) = common::shared("sources/seeds") else {
        return;
    };
    let (p2, p3) = (
        seeds.join("002_5c257d106fb2ad1c.txt"),
        seeds.join("003_cad33b7f8de3aeb0.txt"),
    );
    let load = |p: &Path, shown: &str| {
        let doc = trail_sources::decode(shown, &std::fs::read(p).unwrap()).unwrap();
        kakao::read(&doc, &hints()).unwrap()
    };
    let (d2, d3) = (load(&p2, "seeds/002.txt"), load(&p3, "seeds/003.txt"));
    assert_eq!(d2.records.len(), 341);
    assert_eq!(
        d2.records
            .iter()
            .filter(|r| r.scope == kakao::Scope::Organization)
            .count(),
        42
    );
    assert_eq!(
        d2.records
            .iter()
            .filter(|r| r.description.is_some())
            .count(),
        28 + 10 + 10
    );
    assert_eq!(d2.versions.len(), 4);
    let noisy: Vec<_> = d2
        .diagnostics
        .iter()
        .chain(&d3.diagnostics)
        .filter(|d| d.severity != trail_sources::Severity::Info)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");

    let hand = trail_catalog::io::load_hand_written(&workspace().join("catalog")).unwrap();
    let docs = vec![Extracted::Kakao(d2), Extracted::Kakao(d3)];
    let (catalog, build_diags) = trail_catalog::build::build(&docs, &hand);
    let kakao_build: Vec<_> = build_diags
        .iter()
        .filter(|d| d.code.starts_with("kakao/"))
        .collect();
    assert!(
        kakao_build.is_empty(),
        "every override applies: {kakao_build:#?}"
    );
    assert_eq!(catalog.kakao.events.len(), 341);
    let mut findings = Vec::new();
    trail_checks::kakao::check(&docs, &catalog, &mut findings);
    let waivers = &hand.kakao_waivers.waivers;
    let open: Vec<_> = findings
        .iter()
        .filter(|d| {
            d.severity != trail_sources::Severity::Info && !waivers.iter().any(|w| w.covers(d))
        })
        .collect();
    assert!(open.is_empty(), "{open:#?}");
    type Rule<'a> = (
        &'a str,
        Vec<trail_catalog::model::Scope>,
        Vec<trail_catalog::model::Scope>,
    );
    let rules: Vec<Rule> = catalog
        .roles
        .kakao
        .rules
        .iter()
        .map(|r| {
            (
                r.role.as_str(),
                r.may_view.clone(),
                r.with_project_role.clone(),
            )
        })
        .collect();
    use trail_catalog::model::Scope::{Organization as O, Project as P};
    // Seed 003: "Users with a project role who also hold the following organization roles can
    // view both project and organization events" (the Organization role table's roles).
    assert_eq!(
        rules,
        [
            ("Organization Admin", vec![O], vec![O, P]),
            ("Trail Viewer", vec![O], vec![O, P]),
            ("Project Admin", vec![P], vec![]),
            ("Project Leader", vec![P], vec![]),
            ("Project Member", vec![P], vec![]),
            // "Viewable by all users within the project": every project role.
            ("Project Reader", vec![P], vec![]),
        ]
    );
    // Seed 002 already let all project members view project events: the project roles seed 003
    // names are no new viewers. What changed: Org Owner is no longer named, Project Reader no
    // longer views organization events, and seed 003 says what Organization Admin and Trail
    // Viewer see when held with a project role, which seed 002 did not.
    type Change<'a> = (
        &'a str,
        Option<Vec<trail_catalog::model::Scope>>,
        Option<Vec<trail_catalog::model::Scope>>,
        Vec<trail_catalog::model::Scope>,
    );
    let changes: Vec<Change> = catalog
        .roles
        .kakao
        .changes
        .iter()
        .map(|c| {
            assert!(c.earlier_with_project_role.is_empty(), "{c:?}");
            (
                c.role.as_str(),
                c.earlier.clone(),
                c.later.clone(),
                c.later_with_project_role.clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("Org Owner", Some(vec![O]), None, vec![]),
            (
                "Organization Admin",
                Some(vec![O]),
                Some(vec![O]),
                vec![O, P]
            ),
            ("Trail Viewer", Some(vec![O]), Some(vec![O]), vec![O, P]),
            ("Project Reader", Some(vec![O, P]), Some(vec![P]), vec![]),
        ]
    );
}

/// What a page says, without how it was read (lines, split, via): equal across its forms.
fn meaning(doc: &KakaoDocument) -> Value {
    let records: Vec<Value> = doc
        .records
        .iter()
        .map(|r| json!([r.scope, r.service, r.resource_type, r.name, r.description]))
        .collect();
    let versions: Vec<Value> = doc
        .versions
        .iter()
        .map(|v| json!([v.resource_type, v.versions]))
        .collect();
    let grants: Vec<Value> = doc
        .role_grants
        .iter()
        .map(|g| {
            json!([
                g.role,
                g.kind,
                g.scopes,
                g.held_with,
                g.via == kakao::Via::Statement
            ])
        })
        .collect();
    let tables: Vec<Value> = doc
        .role_tables
        .iter()
        .map(|t| {
            json!([
                t.kind,
                t.roles,
                t.permissions,
                t.condition.as_ref().map(|c| json!([c.scopes, c.held_with]))
            ])
        })
        .collect();
    // Codes only: the page text alone says its marks are lost.
    let mut codes: Vec<&str> = codes(&doc.diagnostics)
        .into_iter()
        .filter(|c| *c != "kakao/role-marks-lost")
        .collect();
    codes.sort();
    json!({ "records": records, "versions": versions, "grants": grants, "tables": tables, "codes": codes })
}

/// `value` without the places things were read (`source`, `sources`, ...): they differ by form.
fn without_places(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("source") && k != "sources");
            map.values_mut().for_each(without_places);
        }
        Value::Array(items) => items.iter_mut().for_each(without_places),
        _ => {}
    }
}

/// The same revision captured as page text, markdown and saved HTML (written from the same rows)
/// gives the same records, the same findings and the same catalogue; the forms that keep the
/// role tables' marks read them, and they agree with what the page text takes from the prose.
#[test]
fn the_page_as_text_markdown_or_html_gives_the_same_records_and_catalogue() {
    let forms = [
        "forms/005_page.txt",
        "forms/005_page.md",
        "forms/005_page.html",
    ];
    let docs: Vec<KakaoDocument> = forms.iter().map(|f| read(f)).collect();
    assert_eq!(
        docs.iter().map(|d| d.form).collect::<Vec<_>>(),
        [kakao::Form::Text, kakao::Form::Markdown, kakao::Form::Html]
    );
    let text = meaning(&docs[0]);
    for (form, doc) in forms.iter().zip(&docs).skip(1) {
        assert_eq!(
            meaning(doc),
            text,
            "{form} reads otherwise than the page text"
        );
    }
    // What they all read: the rows the hints know, the unknown service and resource type as
    // errors with their codes, the event log's fields, example and retention as notes.
    assert_eq!(
        cells(&docs[0]),
        [
            t("IAM", "Domain", "Console Login"),
            t("IAM", "Domain", "Console Logout"),
            t("Billing", "Billing Group", "Billing Group Detail View"),
            t("Load Balancing", "Listener", "Listener Create"),
            t("Load Balancing", "Health Check", "Health Check Delete"),
        ]
    );
    for code in [
        "kakao/unknown-service",
        "kakao/unknown-resource-type",
        "kakao/event-log-fields",
        "kakao/event-example",
        "kakao/retention",
    ] {
        assert!(
            text["codes"].as_array().unwrap().contains(&json!(code)),
            "{code}: {text}"
        );
    }
    // Marks where the form keeps them; the prose where it does not.
    let vias = |d: &KakaoDocument| -> BTreeSet<kakao::Via> {
        d.role_grants
            .iter()
            .map(|g| g.via)
            .filter(|v| *v != kakao::Via::Statement)
            .collect()
    };
    assert_eq!(vias(&docs[0]), BTreeSet::from([kakao::Via::TableProse]));
    assert_eq!(vias(&docs[1]), BTreeSet::from([kakao::Via::Marks]));
    assert_eq!(vias(&docs[2]), BTreeSet::from([kakao::Via::Marks]));
    assert_eq!(
        docs[1].role_tables[0].marks,
        Some(vec![vec![true, true], vec![true, true]])
    );
    assert!(
        docs[1]
            .diagnostics
            .iter()
            .all(|d| d.code != "kakao/role-marks-disagree")
    );

    // The same catalogue, places aside; the conditional sentence in it.
    let hand = trail_catalog::io::load_hand_written(&workspace().join("catalog")).unwrap();
    let catalogues: Vec<Value> = docs
        .iter()
        .map(|d| {
            let (c, _) = trail_catalog::build::build(&[Extracted::Kakao(d.clone())], &hand);
            let mut v = json!({ "kakao": c.kakao, "roles": c.roles.kakao });
            without_places(&mut v);
            v
        })
        .collect();
    assert_eq!(catalogues[1], catalogues[0], "markdown");
    assert_eq!(catalogues[2], catalogues[0], "HTML");
    let (catalog, _) = trail_catalog::build::build(&[Extracted::Kakao(docs[2].clone())], &hand);
    let admin = &catalog.roles.kakao.rules[0];
    use trail_catalog::model::Scope::{Organization as O, Project as P};
    assert_eq!(
        (
            admin.role.as_str(),
            &admin.may_view,
            &admin.with_project_role
        ),
        ("Organization Admin", &vec![O], &vec![O, P])
    );
    assert_eq!(catalog.kakao.events.len(), 5);
    assert_eq!(catalog.kakao.versions.len(), 1);
}

/// Marks that say otherwise than the prose are read, and the difference reported.
#[test]
fn marks_that_disagree_with_the_prose_are_reported_and_used() {
    let md = std::fs::read_to_string(workspace().join(fixture("forms/005_page.md"))).unwrap();
    let changed = md.replace(
        "| View organization events | | | |",
        "| View organization events | ✓ | | maybe |",
    );
    assert_ne!(changed, md);
    let doc = kakao::read(
        &SourceDoc {
            path: "page.md".into(),
            text: changed,
        },
        &hints(),
    )
    .unwrap();
    let found: Vec<(&str, u32)> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "kakao/role-marks-disagree" || d.code == "kakao/unknown-role-mark")
        .map(|d| (d.code.as_str(), d.at.line))
        .collect();
    assert_eq!(
        found,
        [
            ("kakao/unknown-role-mark", 22),
            ("kakao/role-marks-disagree", 20)
        ]
    );
    let admin = doc
        .role_grants
        .iter()
        .find(|g| g.role == "Project Admin" && g.via == kakao::Via::Marks)
        .unwrap();
    use kakao::Scope::{Organization as O, Project as P};
    assert_eq!(admin.scopes, [O, P]);
}

/// A revision without event tables (seed 003's kind) retires nothing, and its roles are imported.
#[test]
fn a_revision_without_event_tables_retires_no_event() {
    let cat = catalog_dir();
    let sources = tempfile::tempdir().unwrap();
    let import = |date: &str| {
        xtask(&[
            "import",
            "--sources",
            sources.path().to_str().unwrap(),
            "--date",
            date,
            "--catalog",
            cat.path().to_str().unwrap(),
        ])
    };
    let copy = |from: &str, to: &str| {
        std::fs::copy(workspace().join(fixture(from)), sources.path().join(to)).unwrap();
    };
    copy("forms/005_page.html", "005_page.html");
    let (code, _, stderr) = import("2026-12-01");
    assert_eq!(code, 0, "{stderr}");
    let events = tree(&cat.path().join("kakao/events"));
    let versions = std::fs::read_to_string(cat.path().join("kakao/versions.yaml")).unwrap();

    // The next revision: only the roles part of the page, as markdown.
    std::fs::remove_file(sources.path().join("005_page.html")).unwrap();
    let md = std::fs::read_to_string(workspace().join(fixture("forms/005_page.md"))).unwrap();
    let roles_only = &md[..md.find("## Key concepts").unwrap()];
    std::fs::write(sources.path().join("006_page.md"), roles_only).unwrap();
    let (code, _, stderr) = import("2026-12-02");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        tree(&cat.path().join("kakao/events")),
        events,
        "no event retired"
    );
    assert_eq!(
        std::fs::read_to_string(cat.path().join("kakao/versions.yaml")).unwrap(),
        versions
    );
    let roles = std::fs::read_to_string(cat.path().join("roles.yaml")).unwrap();
    assert!(roles.contains("006_page.md:"), "{roles}");
    assert!(
        roles.contains("  - role: Trail Viewer\n    variant: TrailViewer\n    kind: organization\n    may_view:\n    - organization\n    with_project_role:\n    - organization\n    - project\n"),
        "{roles}"
    );
    let findings = std::fs::read_to_string(cat.path().join("findings.yaml")).unwrap();
    assert!(findings.contains("kakao/no-event-tables"), "{findings}");
}

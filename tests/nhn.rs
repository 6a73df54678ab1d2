//! NHN importer: what the reader extracts from each layout and quirk, what the catalogue build
//! makes of a small source tree, and what the cross-checks report about it.
//!
//! Fixtures are hand-written under `tests/fixtures/nhn/`, each reproducing one quirk of the real
//! docs. Run with `cargo test -p xtask --test nhn`.

use std::path::{Path, PathBuf};

use serde::Serialize;
use trail_catalog::model::{Catalog, Status};
use trail_sources::nhn::{NhnDocument, Record};
use trail_sources::{Diagnostic, Extracted, Locale, SourceDoc};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/nhn")
}

fn load(rel: &str) -> SourceDoc {
    let bytes = std::fs::read(fixtures().join(rel)).unwrap();
    trail_sources::decode(rel, &bytes).unwrap()
}

fn read(rel: &str) -> NhnDocument {
    trail_sources::nhn::read(&load(rel)).unwrap_or_else(|e| panic!("{e}"))
}

/// What a snapshot of one document shows: the records (as `extract --format json` prints
/// them) and the diagnostics.
#[derive(Serialize)]
struct Extract<'a> {
    records: &'a [Record],
    diagnostics: Vec<String>,
}

fn extract(rel: &str) -> (NhnDocument, serde_json::Value) {
    let doc = read(rel);
    let snap = Extract {
        records: &doc.records,
        diagnostics: doc.diagnostics.iter().map(Diagnostic::to_string).collect(),
    };
    let value = serde_json::to_value(&snap).unwrap();
    (doc, value)
}

fn codes(doc: &NhnDocument) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn ids(doc: &NhnDocument) -> Vec<Option<&str>> {
    doc.records.iter().map(|r| r.event_id.as_deref()).collect()
}

// ---- layouts ------------------------------------------------------------------------------

#[test]
fn seed001_single_table_with_service_column() {
    let (doc, snap) = extract("layouts/seed001-single-table.md");
    insta::assert_json_snapshot!("layout_seed001", snap);
    assert_eq!(
        doc.locale,
        Some(Locale::Ko),
        "locale from the Korean header words"
    );
    assert!(
        !doc.current,
        "not named <locale>/event-list.md: an older revision"
    );
    assert_eq!(
        doc.records[1].service.as_deref(),
        Some("Log & Crash Search")
    );
    assert_eq!(doc.records[2].name, "DNS Zone 생성", "cells are trimmed");
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn current_sections_take_the_service_from_the_heading() {
    let (doc, snap) = extract("layouts/current-sections.md");
    insta::assert_json_snapshot!("layout_current_sections", snap);
    let services: Vec<_> = doc.records.iter().map(|r| r.service.as_deref()).collect();
    assert_eq!(
        services,
        [Some("콘솔"), Some("Log & Crash Search")],
        "heading entities decoded"
    );
    assert_eq!(codes(&doc), ["nhn/heading-entity"]);
}

#[test]
fn seed000_list_without_ids_and_its_roles() {
    let (doc, snap) = extract("layouts/idless-overview.md");
    insta::assert_json_snapshot!("layout_idless", snap);
    assert_eq!(ids(&doc), [None, None]);
    assert_eq!(
        doc.records[0].service.as_deref(),
        Some("기본 인프라 서비스")
    );
    assert_eq!(doc.role_mentions.len(), 1);
    assert_eq!(doc.role_mentions[0].roles, ["OWNER", "ADMIN", "LOG_VIEWER"]);
    assert_eq!(doc.role_mentions[0].line, 4);
    let console = doc.user_console.expect("the user console sentence is read");
    assert_eq!((console.available, console.line), (false, 5));
}

#[test]
fn id_column_first() {
    let (doc, snap) = extract("layouts/id-first.md");
    insta::assert_json_snapshot!("layout_id_first", snap);
    assert_eq!(
        ids(&doc),
        [
            Some("event_id.iaas.instance.create"),
            Some("event_id.iam.login")
        ]
    );
    assert_eq!(doc.records[0].name, "Create Instance");
    assert_eq!(doc.records[0].layout, "id-name-service");
    assert_eq!(doc.locale, Some(Locale::En));
}

#[test]
fn japanese_and_chinese_headers() {
    let ja = read("layouts/ja-headers.md");
    assert_eq!(
        (ja.locale, ids(&ja)),
        (Some(Locale::Ja), vec![Some("event_id.iam.login")])
    );
    assert_eq!(ja.records[0].service.as_deref(), Some("コンソール"));
    let zh = read("layouts/zh-headers.md");
    assert_eq!(zh.locale, Some(Locale::Zh));
    assert_eq!(zh.records[0].service.as_deref(), Some("基础设施服务"));
    assert_eq!(zh.records[0].layout, "name-id-service");
}

#[test]
fn locale_from_the_path_wins_over_english_header_words() {
    // The zh lists use English headers (`| Event | Event ID |`).
    let doc = trail_sources::nhn::read(&SourceDoc {
        path: "nhn/zh/event-list.md".into(),
        text:
            "### Console\n\n| Event | Event ID |\n| --- | --- |\n|IAM Login|event_id.iam.login|\n"
                .into(),
    })
    .unwrap();
    assert_eq!(doc.locale, Some(Locale::Zh));
    assert!(
        doc.current,
        "nhn/<locale>/event-list.md is the current list"
    );
}

// ---- quirks -------------------------------------------------------------------------------

#[test]
fn rows_without_leading_pipe() {
    let (doc, snap) = extract("quirks/no-leading-pipe.md");
    insta::assert_json_snapshot!("quirk_no_leading_pipe", snap);
    assert_eq!(
        ids(&doc),
        [
            Some("event_id.iam.login"),
            Some("event_id.org.selected"),
            Some("event_id.org.update")
        ]
    );
    assert_eq!(
        doc.records.iter().map(|r| r.line).collect::<Vec<_>>(),
        [5, 6, 7]
    );
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn escaped_pipes_stay_in_the_name() {
    let doc = read("quirks/escaped-pipe.md");
    assert_eq!(doc.records[0].name, "Allow | Deny Rule Change");
    assert_eq!(
        doc.records[0].event_id.as_deref(),
        Some("event_id.org.rule.update")
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn entities_control_characters_and_whitespace_are_cleaned_and_reported() {
    let (doc, snap) = extract("quirks/entity-control-in-id.md");
    insta::assert_json_snapshot!("quirk_entity_control", snap);
    assert_eq!(
        ids(&doc),
        [
            Some("event_id.gameanvil.gateway_node.force_stop"),
            Some("event_id.dataquery.cluster_restart"),
            Some("event_id.gameanvil.node.start_up"),
            Some("event_id.org.role_group.modify"),
        ]
    );
    assert_eq!(
        doc.records[0].raw_event_id.as_deref(),
        Some("event_id.gameanvil.gateway_node.&#8;force_stop")
    );
    assert_eq!(doc.records[1].name, "Cluster Restart");
    assert_eq!(doc.records[3].name, "Modify Role Group's Role");
    let lines_and_codes: Vec<(u32, &str)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.at.line, d.code.as_str()))
        .collect();
    assert_eq!(
        lines_and_codes,
        [
            (5, "nhn/id-control-char"),
            (6, "nhn/name-control-char"),
            (7, "nhn/id-whitespace"),
            (8, "nhn/name-entity"),
        ]
    );
}

#[test]
fn malformed_ids_are_read_as_they_are() {
    // The reader does not correct IDs: overrides.yaml does, at build time, and the checks report them.
    let doc = read("quirks/malformed-ids.md");
    assert_eq!(
        doc.records[0].event_id.as_deref(),
        Some("event_id.gameanvil.gateway_node.?force_stop")
    );
    assert_eq!(
        doc.records[1].event_id.as_deref(),
        Some("email_id.email.file_download")
    );
    assert!(doc.diagnostics.is_empty());
    let bad: Vec<&str> = doc
        .records
        .iter()
        .filter_map(|r| r.event_id.as_deref())
        .filter(|id| trail_checks::nhn::well_formed(id).is_err())
        .collect();
    assert_eq!(
        bad,
        [
            "event_id.gameanvil.gateway_node.?force_stop",
            "email_id.email.file_download",
            "event_id.email.send."
        ],
        "camelCase and hyphenated IDs are well formed"
    );
}

#[test]
fn rows_with_wrong_cell_count_or_empty_id_are_reported_not_dropped() {
    // GitHub's rules: the extra cell is ignored and the row read; the empty ID is not a record.
    let (doc, snap) = extract("quirks/bad-rows.md");
    insta::assert_json_snapshot!("quirk_bad_rows", snap);
    assert_eq!(
        ids(&doc),
        [
            Some("event_id.iam.login"),
            Some("event_id.org.update"),
            Some("event_id.org.selected")
        ]
    );
    let found: Vec<(u32, &str)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.at.line, d.code.as_str()))
        .collect();
    assert_eq!(found, [(6, "nhn/extra-cells"), (7, "nhn/empty-id")]);
    assert_eq!(
        doc.diagnostics[0].raw.as_deref(),
        Some("|Too Many|event_id.org.update|extra|")
    );
}

#[test]
fn unknown_tables_and_broken_tables_are_reported() {
    let (doc, snap) = extract("quirks/unknown-table.md");
    insta::assert_json_snapshot!("quirk_unknown_table", snap);
    assert_eq!(ids(&doc), [Some("event_id.iam.login")]);
    let found: Vec<(u32, &str)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.at.line, d.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "nhn/unknown-table"),
            (11, "nhn/stray-row"),
            (12, "nhn/stray-row"),
            (13, "nhn/stray-row")
        ]
    );
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let doc = read("quirks/crlf.md");
    assert_eq!(
        ids(&doc),
        [Some("event_id.iam.login"), Some("event_id.org.selected")]
    );
    assert_eq!(
        doc.records.iter().map(|r| r.line).collect::<Vec<_>>(),
        [5, 6]
    );
    assert_eq!(
        doc.records[1].name, "Select Organization",
        "no stray carriage return"
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    // A lone CR ends a line too (CommonMark): the same records on the same lines.
    let text = std::fs::read_to_string(fixtures().join("quirks/crlf.md"))
        .unwrap()
        .replace("\r\n", "\r");
    let cr = trail_sources::nhn::read(&SourceDoc {
        path: "quirks/cr.md".into(),
        text,
    })
    .unwrap();
    assert_eq!(cr.records, doc.records);
    assert!(cr.diagnostics.is_empty(), "{:?}", cr.diagnostics);
}

#[test]
fn extra_columns_missing_headings_and_empty_names_are_reported() {
    let (doc, snap) = extract("quirks/extra-column.md");
    insta::assert_json_snapshot!("quirk_extra_column", snap);
    assert_eq!(
        ids(&doc),
        [Some("event_id.iam.login"), Some("event_id.org.selected")],
        "an ID without a name is kept"
    );
    assert_eq!(
        doc.records[0].service, None,
        "no service column and no `###` heading"
    );
    assert_eq!(doc.records[0].layout, "name-id-other");
    let found: Vec<(u32, &str)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.at.line, d.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "nhn/no-service"),
            (3, "nhn/unknown-column"),
            (6, "nhn/empty-name")
        ]
    );
}

// ---- unreadable documents -----------------------------------------------------------------

#[test]
fn an_overview_without_tables_is_read_for_who_may_use_the_service() {
    let doc = trail_sources::nhn::read(&load("sources/nhn/en/overview.md")).unwrap();
    assert!(doc.records.is_empty());
    assert_eq!(doc.permission_mentions.len(), 1);
    assert_eq!(doc.permission_mentions[0].line, 3);
    assert!(
        doc.permission_mentions[0]
            .text
            .contains("CloudTrail permissions")
    );
}

#[test]
fn a_page_without_tables_has_no_data() {
    let e = trail_sources::nhn::read(&load("bad/no-tables.md")).unwrap_err();
    assert!(e.no_data, "import skips prose pages: {e}");
}

#[test]
fn a_document_whose_only_table_is_no_event_table_is_invalid() {
    let e = trail_sources::nhn::read(&load("bad/no-id-column.md")).unwrap_err();
    assert!(!e.no_data);
    assert_eq!(e.line, Some(3));
    assert!(
        e.to_string()
            .starts_with("bad/no-id-column.md:3: no event table"),
        "{e}"
    );
    assert!(
        e.message.contains("| Event | Owner |"),
        "names the header found: {e}"
    );
}

#[test]
fn reading_never_panics_on_odd_markdown() {
    let odd = [
        "|",
        "||\n|-|",
        "| a |\n| - |\n| b | c | d |\n",
        "| 이벤트 | 이벤트 ID |\n| --- | --- |\n",
        "| 이벤트 | 이벤트 ID |\n| --- | --- |\n| \\| | \\\\ |\n",
        "```\n| 이벤트 | 이벤트 ID |\n| --- | --- |\n```\n",
        "> | Event | Event ID |\n> | --- | --- |\n> | x | event_id.a.b |\n",
        "| Event | Event ID |\n| --- | --- |\n| x &#0; | &#x1F; |\n",
    ];
    for text in odd {
        let _ = trail_sources::nhn::read(&SourceDoc {
            path: "odd.md".into(),
            text: text.into(),
        });
    }
}

// ---- catalogue and checks over the small source tree ---------------------------------------

/// Imports `tests/fixtures/nhn/sources` with `tests/fixtures/nhn/catalog`'s hand-written files,
/// as `cargo xtask import` does, without writing anything.
fn import_fixture_tree() -> (Catalog, Vec<Diagnostic>) {
    let root = fixtures().join("sources");
    let hand = trail_catalog::io::load_hand_written(&fixtures().join("catalog")).unwrap();
    let mut docs = Vec::new();
    for rel in [
        "nhn/en/event-list.md",
        "nhn/en/overview.md",
        "nhn/ja/event-list.md",
        "nhn/ko/event-list.md",
        "nhn/zh/event-list.md",
        "seeds/000_overview.txt",
        "seeds/001_event-list.txt",
    ] {
        let doc = trail_sources::decode(rel, &std::fs::read(root.join(rel)).unwrap()).unwrap();
        match trail_sources::nhn::read(&doc) {
            Ok(d) => docs.push(Extracted::Nhn(d)),
            Err(e) if e.no_data => {}
            Err(e) => panic!("{e}"),
        }
    }
    let (mut catalog, mut diags) = trail_catalog::build::build(&docs, &hand);
    diags.extend(docs.iter().flat_map(|d| d.diagnostics().iter().cloned()));
    diags.extend(trail_checks::run(&docs, &catalog));
    // As import does once the observation is merged: overrides no document read needs.
    let read: std::collections::BTreeSet<String> = docs
        .iter()
        .filter_map(|d| {
            if let Extracted::Nhn(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .flat_map(|d| d.records.iter().filter_map(|r| r.event_id.clone()))
        .collect();
    diags.extend(trail_catalog::build::nhn::unused_overrides(
        &hand.nhn_overrides,
        &|id: &str| read.contains(id),
    ));
    diags.sort();
    diags.dedup();
    catalog.findings.coverage = trail_checks::coverage(&catalog);
    (catalog, diags)
}

#[test]
fn catalogue_of_the_fixture_tree() {
    let (catalog, _) = import_fixture_tree();
    insta::assert_yaml_snapshot!("catalog_nhn", catalog.nhn);
    insta::assert_yaml_snapshot!("catalog_nhn_roles", catalog.roles.nhn);

    let keys: Vec<&str> = catalog
        .nhn
        .services
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "backup",
            "console",
            "default-infrastructure-service",
            "email",
            "gameanvil",
            "log-crash-search",
            "rds-for-mariadb",
            "rds-for-mysql"
        ],
        "keys from the English headings; seed 001's Backup is only there"
    );
    let console = catalog.nhn.service("console").unwrap();
    assert_eq!(
        console.names[&Locale::Ja],
        "コンソール",
        "ja sections are in another order: matched by IDs"
    );

    // Seed 000's rows cite the entries they resolve to, in order: its second `프로젝트 멤버 삭제` is
    // members.delete, as seed 001's second one.
    let cites = |id: &str| -> Vec<String> {
        let e = catalog.nhn.event(id).unwrap();
        e.sources
            .iter()
            .filter(|s| s.path.starts_with("seeds/000"))
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(
        cites("event_id.project.member.delete"),
        ["seeds/000_overview.txt:13"]
    );
    assert_eq!(
        cites("event_id.project.members.delete"),
        ["seeds/000_overview.txt:14"]
    );
    assert_eq!(
        cites("event_id.iaas.instance.create"),
        ["seeds/000_overview.txt:10"]
    );
    assert!(
        cites("event_id.iaas.cluster.create").is_empty(),
        "an unmatched row cites nothing"
    );

    let stop = catalog
        .nhn
        .event("event_id.rds_for_mysql.instance.stop")
        .unwrap();
    assert_eq!(stop.services, ["rds-for-mariadb", "rds-for-mysql"]);
    assert_eq!(
        stop.untranslated,
        [Locale::Zh],
        "zh name equal to the en name"
    );

    let gw = catalog
        .nhn
        .event("event_id.gameanvil.gateway_node.force_stop")
        .unwrap();
    assert_eq!(
        gw.untranslated,
        [Locale::En, Locale::Ja, Locale::Zh],
        "Hangul outside ko"
    );
    assert_eq!(
        gw.sources.len(),
        8,
        "both rows of each locale, merged by cleaning and the override"
    );
    assert!(
        catalog
            .nhn
            .event("event_id.gameanvil.gateway_node.?force_stop")
            .is_none()
    );

    assert!(
        catalog.nhn.event("event_id.email.file_download").is_some(),
        "email_id. prefix corrected"
    );
    assert!(catalog.nhn.event("email_id.email.file_download").is_none());

    let start = catalog
        .nhn
        .event("event_id.iaas.instance_action.start")
        .unwrap();
    assert_eq!(start.missing, [Locale::Zh]);
    assert_eq!(
        start.names[&Locale::Ko],
        "중지된 인스턴스 시작",
        "current names win over seed 001's"
    );

    let retired = catalog.nhn.event("event_id.iaas.cluster.create").unwrap();
    assert_eq!(
        retired.status,
        Status::Retired,
        "only in seed 001: kept, retired"
    );
    assert_eq!(retired.names[&Locale::Ko], "클러스터 생성");

    let roles = &catalog.roles.nhn;
    // The current overview's rule is in force; seed 000's roles are history.
    use trail_catalog::model::roles::NhnAccessRule;
    assert_eq!(
        roles.access.as_ref().map(|a| &a.rule),
        Some(&NhnAccessRule::Permission)
    );
    let history: Vec<_> = roles.history.iter().map(|a| &a.rule).collect();
    assert_eq!(
        history,
        [&NhnAccessRule::Roles {
            roles: vec!["OWNER".into(), "ADMIN".into(), "LOG_VIEWER".into()]
        }]
    );
    assert!(!roles.user_console);
}

#[test]
fn check_report_of_the_fixture_tree() {
    let (catalog, diags) = import_fixture_tree();
    let nhn: Vec<String> = diags
        .iter()
        .filter(|d| d.code.starts_with("nhn/"))
        .map(Diagnostic::to_string)
        .collect();
    insta::assert_yaml_snapshot!("check_report", nhn);
    insta::assert_yaml_snapshot!("coverage", catalog.findings.coverage);

    let find = |code: &str, subject: &str| {
        diags
            .iter()
            .filter(|d| d.code == code && d.subject.as_deref() == Some(subject))
            .collect::<Vec<_>>()
    };
    // Malformed IDs: corrected ones are info, the uncorrected trailing dot an error.
    let trailing = find("nhn/malformed-id", "event_id.email.send.");
    assert_eq!(trailing.len(), 1);
    assert_eq!(
        (trailing[0].severity, trailing[0].at.to_string()),
        (
            trail_sources::Severity::Error,
            "nhn/en/event-list.md:51".into()
        )
    );
    assert!(
        find("nhn/malformed-id", "email_id.email.file_download")
            .iter()
            .all(|d| d.severity == trail_sources::Severity::Info)
    );
    // Seed 000: the same name twice. `프로젝트 멤버 삭제` twice stands, in order, where seed 001 lists
    // member.delete and members.delete: resolved by alignment, not ambiguous. The interface rows
    // stand where seed 001 has two other rows and a console one: no pairing, so unmatched.
    assert_eq!(find("nhn/shared-name", "인스턴스 인터페이스 변경").len(), 1);
    assert_eq!(find("nhn/shared-name", "프로젝트 멤버 삭제").len(), 1);
    assert_eq!(
        find("nhn/overview-unmatched", "인스턴스 인터페이스 변경").len(),
        2
    );
    assert!(
        diags.iter().all(|d| d.code != "nhn/overview-ambiguous"),
        "no row of seed 000 is ambiguous here"
    );
    assert!(
        find("nhn/overview-unmatched", "인스턴스 생성").is_empty(),
        "a row matching one ID is fine"
    );
    // One locale, one document: two names for event_id.org.update in ko.
    assert_eq!(
        find("nhn/conflicting-names", "event_id.org.update")[0]
            .at
            .to_string(),
        "nhn/ko/event-list.md:11"
    );
    assert_eq!(
        find("nhn/missing-locale", "event_id.iaas.instance_action.start").len(),
        1
    );
    assert_eq!(
        find("nhn/retired", "event_id.iaas.cluster.create")[0]
            .at
            .to_string(),
        "seeds/001_event-list.txt:7"
    );
    assert_eq!(
        find("nhn/multi-service", "event_id.rds_for_mysql.instance.stop").len(),
        1
    );
    assert_eq!(
        find("nhn/renamed", "event_id.iaas.instance_action.start").len(),
        1
    );
    assert_eq!(
        find("nhn/unused-override", "event_id.fixed.upstream").len(),
        1
    );
    assert_eq!(find("nhn/unknown-service", "Backup").len(), 1);
    // Every code used is documented.
    for d in diags.iter().filter(|d| d.code.starts_with("nhn/")) {
        let doc = trail_sources::codes::lookup(&d.code);
        let doc = doc.unwrap_or_else(|| panic!("{} is not in trail_sources::codes::CODES", d.code));
        // Malformed IDs fixed by an override are downgraded to info, as the registry allows.
        assert!(doc.allows(d.severity), "{d}");
    }
}

#[test]
fn building_twice_gives_the_same_catalogue() {
    let (a, da) = import_fixture_tree();
    let (b, db) = import_fixture_tree();
    assert_eq!(trail_catalog::io::render(&a), trail_catalog::io::render(&b));
    assert_eq!(da, db);
}

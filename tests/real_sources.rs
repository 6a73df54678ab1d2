//! Against the real vendor documents in `../shared/sources` (relative to the workspace root),
//! when they are there: hard facts about the real NHN event lists hold. (That the committed
//! catalogue is what the maintainer's import gives is `tests/history.rs`'s.) Skipped, with a
//! note, when the folder is absent outside CI; a failure in CI.
//! Run with `cargo test -p xtask --test real_sources`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{workspace, xtask};

fn sources() -> Option<PathBuf> {
    common::shared("sources/nhn/ko/event-list.md")?;
    common::shared("sources")
}

/// `extract --format json` of one real document: the records and stderr.
fn extract(src: &Path, rel: &str) -> (Vec<serde_json::Value>, String) {
    let o = xtask(&[
        "extract",
        "--format",
        "json",
        src.join(rel).to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let records: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    (
        records.as_array().unwrap().clone(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn hard_facts_of_the_real_event_lists() {
    let Some(src) = sources() else { return };
    let (ko, ko_err) = extract(&src, "nhn/ko/event-list.md");
    assert_eq!(ko.len(), 2017, "rows of the ko list");
    let ids: BTreeSet<&str> = ko.iter().filter_map(|r| r["event_id"].as_str()).collect();
    assert!(
        (1970..=1990).contains(&ids.len()),
        "about 1,980 distinct IDs, got {}",
        ids.len()
    );

    // rds_for_mysql IDs listed under two services.
    let mut services: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &ko {
        services
            .entry(r["event_id"].as_str().unwrap())
            .or_default()
            .insert(r["service"].as_str().unwrap());
    }
    let twice: Vec<&&str> = services
        .iter()
        .filter(|(_, s)| s.len() > 1)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(twice.len(), 39);
    assert!(
        twice
            .iter()
            .all(|id| id.starts_with("event_id.rds_for_mysql."))
    );
    assert_eq!(
        services["event_id.rds_for_mysql.instance.stop"],
        BTreeSet::from(["RDS for MariaDB", "RDS for MySQL"])
    );

    // The gateway_node rows with a `&#8;` control character inside the ID, cleaned and reported.
    assert!(ids.contains("event_id.gameanvil.gateway_node.force_stop"));
    assert!(
        ids.contains("event_id.gameanvil.gateway_node.?force_stop"),
        "the `?` variant is read as is"
    );
    for line in [1570, 1575] {
        let want = format!(
            "/nhn/ko/event-list.md:{line}: warning[nhn/id-control-char]: control character U+0008"
        );
        assert!(ko_err.contains(&want), "missing {want:?} in\n{ko_err}");
    }
    let gw = ko.iter().find(|r| r["line"] == 1570).unwrap();
    assert_eq!(
        gw["raw_event_id"],
        "event_id.gameanvil.gateway_node.&#8;force_stop"
    );
    // The heading entity is decoded.
    assert!(ko.iter().any(|r| r["service"] == "Log & Crash Search"));

    // Seed 001: the single table with a service column; seed 000: the list without IDs.
    let (s1, _) = extract(&src, "seeds/001_827f65c9f38df5fd.txt");
    assert_eq!(s1.len(), 165);
    assert_eq!(s1[0]["service"], "기본 인프라 서비스");
    let (s0, _) = extract(&src, "seeds/000_9e188e1b76ee61d0.txt");
    assert_eq!(s0.len(), 97);
    assert!(s0.iter().all(|r| r["event_id"].is_null()));
}

#[test]
fn import_of_the_real_sources_catalogues_every_id() {
    let Some(src) = sources() else { return };
    let cat = tempfile::tempdir().unwrap();
    for f in [
        "nhn/overrides.yaml",
        "nhn/waivers.yaml",
        "kakao/hints.yaml",
        "kakao/overrides.yaml",
        "kakao/waivers.yaml",
    ] {
        let from = workspace().join("catalog").join(f);
        if from.is_file() {
            std::fs::create_dir_all(cat.path().join(f).parent().unwrap()).unwrap();
            std::fs::copy(from, cat.path().join(f)).unwrap();
        }
    }
    let o = xtask(&[
        "import",
        "--sources",
        src.to_str().unwrap(),
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let catalog = trail_catalog::io::load(cat.path()).unwrap();
    let nhn = &catalog.nhn;
    let retired: Vec<&str> = nhn
        .events
        .iter()
        .filter(|e| e.status == trail_catalog::model::Status::Retired)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        retired,
        [
            "event_id.iaas.cluster.create",
            "event_id.iaas.cluster.delete",
            "event_id.iaas.nodegroup.create",
            "event_id.iaas.nodegroup.delete"
        ],
        "seed 001's IDs no longer upstream are kept"
    );
    assert_eq!(nhn.events.len(), 1976 + 4);
    assert!(
        nhn.event("event_id.email.file_download").is_some(),
        "email_id. prefix corrected by overrides.yaml"
    );
    assert!(
        nhn.events
            .iter()
            .all(|e| trail_checks::nhn::well_formed(&e.id).is_ok()),
        "every catalogued ID is well formed"
    );
    assert_eq!(nhn.services.len(), 53);
    assert!(
        nhn.services.iter().all(|s| s.names.len() == 4),
        "every section matched in all four locales"
    );
    assert_eq!(
        nhn.event("event_id.rds_for_mysql.instance.stop")
            .unwrap()
            .services,
        ["rds-for-mariadb", "rds-for-mysql"]
    );
    // Both overview revisions are read: the current one's rule is in force, 2019's is history.
    use trail_catalog::model::roles::NhnAccessRule;
    let access = catalog.roles.nhn.access.as_ref().unwrap();
    assert_eq!(access.rule, NhnAccessRule::Permission);
    assert_eq!(
        access.statements.len(),
        4,
        "every locale's overview states it"
    );
    let history: Vec<&NhnAccessRule> = catalog.roles.nhn.history.iter().map(|h| &h.rule).collect();
    assert_eq!(
        history,
        [&NhnAccessRule::Roles {
            roles: vec!["OWNER".into(), "ADMIN".into(), "LOG_VIEWER".into()]
        }]
    );
    assert!(
        catalog
            .findings
            .diagnostics
            .iter()
            .any(|d| d.code == "nhn/access-changed")
    );
    assert!(!catalog.roles.nhn.user_console);
    let report = trail_checks::report::report(&catalog);
    assert_eq!(
        report.summary.errors, 0,
        "no unwaived errors in the real docs with the committed overrides and waivers"
    );
}

/// Seed 000 (the 2019 list without IDs) in the committed catalogue: aligned with seed 001 row by
/// row, 96 of its 97 rows resolve and the entries cite them; only `이미지 공유 변경`, where seed
/// 001 has two rows (`이미지 공유 추가`, `이미지 공유 삭제`), stays a finding. `인스턴스 종료` is
/// `instance_action.stop`, not `shelve`, which the lists give that name only since 2023.
#[test]
fn seed_000_resolves_by_alignment_in_the_committed_catalogue() {
    let catalog = trail_catalog::io::load(&workspace().join("catalog")).unwrap();
    let seed = "seeds/000_9e188e1b76ee61d0.txt";
    let open: Vec<(u32, &str)> = catalog
        .findings
        .diagnostics
        .iter()
        .filter(|d| {
            d.at.path == seed
                && d.code.starts_with("nhn/overview-")
                && d.code != "nhn/overview-aligned"
        })
        .map(|d| (d.at.line, d.code.as_str()))
        .collect();
    assert_eq!(open, [(29, "nhn/overview-unmatched")]);
    let cited: Vec<(&str, u32)> = catalog
        .nhn
        .events
        .iter()
        .flat_map(|e| {
            e.sources
                .iter()
                .filter(|s| s.path == seed)
                .map(move |s| (e.id.as_str(), s.line))
        })
        .collect();
    assert_eq!(cited.len(), 96, "every resolved row is cited once");
    assert!(cited.contains(&("event_id.iaas.instance_action.stop", 36)));
    assert!(
        !cited
            .iter()
            .any(|(id, _)| *id == "event_id.iaas.instance_action.shelve")
    );
    assert!(
        cited.contains(&("event_id.iaas.interface.create", 40))
            && cited.contains(&("event_id.iaas.interface.delete", 41))
    );
    assert!(
        cited.contains(&("event_id.project.member.delete", 109))
            && cited.contains(&("event_id.project.members.delete", 113))
    );
    let shelve = catalog
        .nhn
        .event("event_id.iaas.instance_action.shelve")
        .unwrap();
    assert!(
        shelve
            .first_listed
            .as_ref()
            .is_some_and(|s| s.date.as_str() >= "2023"),
        "shelve is listed only since 2023"
    );
}

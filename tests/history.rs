//! The NHN catalogue as a living record: `import --git` over small repositories that these tests
//! build with the `git` command (one per quirk of the real history), folder imports merged into
//! it, and `changes`. Run with `cargo test -p xtask --test history`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::{workspace, xtask};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A git repository of event lists, committed on branch `release` with fixed dates.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        r.git(&["init", "-q", "-b", "release"], None);
        r
    }

    fn path(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn git(&self, args: &[&str], date: Option<&str>) -> String {
        let mut c = Command::new("git");
        c.current_dir(self.dir.path()).args(args);
        c.env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com");
        c.env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com");
        c.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path());
        if let Some(d) = date {
            let stamp = format!("{d}T12:00:00+09:00");
            c.env("GIT_AUTHOR_DATE", &stamp)
                .env("GIT_COMMITTER_DATE", &stamp);
        }
        let o = c.output().unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap().trim().to_owned()
    }

    /// A `git clone` of this repository (as a URL, so that `--depth` holds) into `dir/c`, with
    /// the extra `args`; returns the clone's folder.
    fn clone_into(&self, dir: &Path, args: &[&str]) -> std::path::PathBuf {
        let clone = dir.join("c");
        let url = format!("file://{}", self.path());
        let st = Command::new("git")
            .args(["clone", "-q"])
            .args(args)
            .arg(&url)
            .arg(&clone)
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "{}",
            String::from_utf8_lossy(&st.stderr)
        );
        clone
    }

    /// Writes the files (path -> text; `None` deletes) and commits them on `date`. Returns the commit.
    fn commit(&self, date: &str, files: &[(&str, Option<&str>)]) -> String {
        for (path, text) in files {
            let p = self.dir.path().join(path);
            match text {
                Some(t) => {
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    std::fs::write(&p, t).unwrap();
                }
                None => std::fs::remove_file(&p).unwrap(),
            }
        }
        self.git(&["add", "-A"], None);
        self.git(&["commit", "-q", "--allow-empty", "-m", date], Some(date));
        self.git(&["rev-parse", "HEAD"], None)
    }
}

/// An event list: `### service` sections of `| name | ID |` rows, headers in `locale`'s words.
fn list(locale: &str, sections: &[(&str, &[(&str, &str)])]) -> String {
    let (event, id) = match locale {
        "ko" => ("이벤트", "이벤트 ID"),
        "ja" => ("イベント", "イベントID"),
        "zh" => ("事件", "事件ID"),
        _ => ("Event", "Event ID"),
    };
    let mut s = String::from("## CloudTrail\n\n");
    for (service, rows) in sections {
        s.push_str(&format!(
            "### {service}\n\n| {event} | {id} |\n| --- | --- |\n"
        ));
        for (name, eid) in *rows {
            s.push_str(&format!("| {name} | {eid} |\n"));
        }
        s.push('\n');
    }
    s
}

/// A catalogue folder with empty hand-written files.
fn catalogue() -> tempfile::TempDir {
    let cat = tempfile::tempdir().unwrap();
    for f in [
        "nhn/overrides.yaml",
        "nhn/waivers.yaml",
        "kakao/overrides.yaml",
        "kakao/waivers.yaml",
    ] {
        let p = cat.path().join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "{}\n").unwrap();
    }
    std::fs::write(cat.path().join("kakao/hints.yaml"), "services: []\n").unwrap();
    cat
}

/// Every NHN entry of the catalogue, by ID, as YAML values.
fn events(cat: &Path) -> BTreeMap<String, serde_yaml::Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(cat.join("nhn/events")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let list: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
        for e in list {
            out.insert(e["id"].as_str().unwrap().to_owned(), e);
        }
    }
    out
}

fn findings(cat: &Path) -> String {
    std::fs::read_to_string(cat.join("findings.yaml")).unwrap()
}

fn import_git(repo: &Repo, cat: &Path) -> Output {
    xtask(&[
        "import",
        "--git",
        repo.path(),
        "--catalog",
        cat.to_str().unwrap(),
    ])
}

const A: &str = "event_id.iaas.instance.create";
const B: &str = "event_id.iaas.instance.delete";
const C: &str = "event_id.iaas.volume.create";

#[test]
fn history_dates_first_listings_removals_renames_and_editions() {
    let repo = Repo::new();
    let c1 = repo.commit(
        "2020-01-10",
        &[
            (
                "ko/event-list.md",
                Some(&list(
                    "ko",
                    &[("Compute", &[("인스턴스 생성", A), ("인스턴스 삭제", B)])],
                )),
            ),
            (
                "en/event-list.md",
                Some(&list(
                    "en",
                    &[("Compute", &[("Create Instance", A), ("Delete Instance", B)])],
                )),
            ),
            ("ko/overview.md", Some("# not a list\n")),
        ],
    );
    let c2 = repo.commit(
        "2020-02-20",
        &[
            (
                "ko/event-list.md",
                Some(&list(
                    "ko",
                    &[("Compute", &[("인스턴스 만들기", A), ("인스턴스 삭제", B)])],
                )),
            ),
            (
                "ko/event-list-gov.md",
                Some(&list(
                    "ko",
                    &[("Compute", &[("인스턴스 만들기", A), ("볼륨 생성", C)])],
                )),
            ),
        ],
    );
    let c3 = repo.commit(
        "2020-03-30",
        &[
            (
                "ko/event-list.md",
                Some(&list("ko", &[("Compute", &[("인스턴스 만들기", A)])])),
            ),
            (
                "en/event-list.md",
                Some(&list("en", &[("Compute", &[("Create Instance", A)])])),
            ),
        ],
    );
    // Commits that touch no list are not revisions.
    repo.commit(
        "2020-04-01",
        &[("ko/overview.md", Some("# still not a list\n"))],
    );
    let cat = catalogue();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 revisions"), "{}", stderr(&o));
    let ev = events(cat.path());
    assert_eq!(ev.len(), 3);

    let a = &ev[A];
    assert_eq!(a["status"], "listed");
    assert_eq!(a["first_listed"]["date"], "2020-01-10");
    assert_eq!(a["first_listed"]["commit"], c1.as_str());
    assert!(a.get("removed").is_none());
    assert_eq!(
        a["editions"],
        serde_yaml::to_value(["gov", "standard"]).unwrap()
    );
    assert_eq!(a["names"]["ko"], "인스턴스 만들기");
    let renames = a["renames"].as_sequence().unwrap();
    assert_eq!(renames.len(), 1, "{renames:?}");
    assert_eq!(renames[0]["locale"], "ko");
    assert_eq!(renames[0]["from"], "인스턴스 생성");
    assert_eq!(renames[0]["to"], "인스턴스 만들기");
    assert_eq!(renames[0]["seen"]["commit"], c2.as_str());

    let b = &ev[B];
    assert_eq!(b["status"], "retired");
    assert_eq!(b["removed"]["date"], "2020-03-30");
    assert_eq!(b["removed"]["commit"], c3.as_str());
    assert_eq!(
        b["names"]["en"], "Delete Instance",
        "a retired ID keeps its names in every locale"
    );
    assert_eq!(b["services"], serde_yaml::to_value(["compute"]).unwrap());

    // Listed only in an edition: listed, edition gov, first listed with the edition file.
    let c = &ev[C];
    assert_eq!(
        (c["status"].as_str(), c["editions"][0].as_str()),
        (Some("listed"), Some("gov"))
    );
    assert_eq!(c["first_listed"]["date"], "2020-02-20");

    // Re-importing the same history changes nothing.
    let again = xtask(&[
        "import",
        "--git",
        repo.path(),
        "--catalog",
        cat.path().to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));

    // `changes`: newest first, text and JSON, --since.
    let text = xtask(&["changes", "--catalog", cat.path().to_str().unwrap()]);
    let out = String::from_utf8(text.stdout).unwrap();
    let first_lines: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        first_lines,
        [
            "2020-03-30  +0 -1 ~0",
            "2020-02-20  +1 -0 ~1",
            "2020-01-10  +2 -0 ~0"
        ],
        "{out}"
    );
    assert!(out.contains(&format!("  removed  {B}")), "{out}");
    assert!(
        out.contains(&format!(
            "  renamed  {A} [ko] \"인스턴스 생성\" -> \"인스턴스 만들기\""
        )),
        "{out}"
    );
    let json = xtask(&[
        "changes",
        "--catalog",
        cat.path().to_str().unwrap(),
        "--since",
        "2020-02-01",
        "--format",
        "json",
    ]);
    let days: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(days.as_array().unwrap().len(), 2);
    assert_eq!(days[1]["added"], serde_json::json!([C]));
    assert_eq!(days[1]["commits"], serde_json::json!([c2]));
}

#[test]
fn accidents_are_findings_not_history() {
    let repo = Repo::new();
    let many: Vec<(String, String)> = (0..30)
        .map(|i| (format!("작업 {i}"), format!("event_id.batch.job_{i:02}")))
        .collect();
    let rows = |n: usize| -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = vec![("인스턴스 생성", A)];
        v.extend(many.iter().take(n).map(|(a, b)| (a.as_str(), b.as_str())));
        v
    };
    let ja_rows: Vec<(&str, &str)> = vec![("インスタンス作成", A)];
    repo.commit(
        "2021-01-01",
        &[(
            "ko/event-list.md",
            Some(&list("ko", &[("Compute", &rows(30))])),
        )],
    );
    // An emptied file, then `test`: the list keeps its state.
    repo.commit("2021-01-02", &[("ko/event-list.md", Some(""))]);
    repo.commit("2021-01-03", &[("ko/event-list.md", Some("test\n"))]);
    // The Korean list holding the Japanese text for a day.
    repo.commit(
        "2021-01-04",
        &[(
            "ko/event-list.md",
            Some(&list("ja", &[("Compute", &ja_rows)])),
        )],
    );
    // 25 IDs dropped and restored a few days later.
    repo.commit(
        "2021-01-05",
        &[(
            "ko/event-list.md",
            Some(&list("ko", &[("Compute", &rows(5))])),
        )],
    );
    repo.commit(
        "2021-01-09",
        &[(
            "ko/event-list.md",
            Some(&list("ko", &[("Compute", &rows(30))])),
        )],
    );
    let cat = catalogue();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ev = events(cat.path());
    assert_eq!(ev.len(), 31);
    assert!(
        ev.values()
            .all(|e| e["status"] == "listed" && e.get("removed").is_none()),
        "no retirement"
    );
    assert!(
        ev.values().all(|e| e.get("renames").is_none()),
        "no rename from the Japanese text"
    );
    assert!(
        ev.values()
            .all(|e| e["first_listed"]["date"] == "2021-01-01")
    );
    let f = findings(cat.path());
    for code in [
        "nhn/history-empty-list",
        "nhn/history-wrong-locale",
        "nhn/history-dropped-block",
    ] {
        assert!(f.contains(code), "{code} missing in\n{f}");
    }
    assert_eq!(f.matches("code: nhn/history-empty-list").count(), 2, "{f}");
    assert!(
        f.contains("at: ko/event-list.md@"),
        "findings name the revision: {f}"
    );
    let out =
        String::from_utf8(xtask(&["changes", "--catalog", cat.path().to_str().unwrap()]).stdout)
            .unwrap();
    assert_eq!(
        out.lines()
            .filter(|l| !l.starts_with(' '))
            .collect::<Vec<_>>(),
        ["2021-01-01  +31 -0 ~0"],
        "{out}"
    );
}

#[test]
fn malformed_ids_are_found_once_and_overrides_fold_them() {
    let repo = Repo::new();
    let bad = "evnet_id.iaas.instance.create";
    let twice = "event_id.iaas.event_id.iaas.instance.delete";
    let c1 = repo.commit(
        "2022-05-01",
        &[(
            "en/event-list.md",
            Some(&list(
                "en",
                &[(
                    "Compute",
                    &[("Create Instance", bad), ("Delete Instance", twice)],
                )],
            )),
        )],
    );
    // The same rows in the next revision, then corrected.
    repo.commit(
        "2022-05-02",
        &[(
            "en/event-list.md",
            Some(&list(
                "en",
                &[(
                    "Compute",
                    &[
                        ("Create Instance", bad),
                        ("Delete Instance", twice),
                        ("Stop", C),
                    ],
                )],
            )),
        )],
    );
    repo.commit(
        "2022-06-01",
        &[(
            "en/event-list.md",
            Some(&list(
                "en",
                &[("Compute", &[("Create Instance", A), ("Delete Instance", B)])],
            )),
        )],
    );
    let cat = catalogue();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = findings(cat.path());
    let at = format!(
        "at: en/event-list.md@{}:7\n  code: nhn/malformed-id\n  severity: error",
        &c1[..7]
    );
    assert!(f.contains(&at), "{at} in\n{f}");
    assert_eq!(
        f.matches("code: nhn/malformed-id").count(),
        2,
        "each malformed ID once: {f}"
    );
    assert!(
        !events(cat.path()).contains_key(bad),
        "uncorrected, the misspelt ID stays an error, not an entry"
    );
    let check = xtask(&["check", "--catalog", cat.path().to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the malformed IDs fail check until corrected or waived"
    );

    std::fs::write(
        cat.path().join("nhn/overrides.yaml"),
        format!("ids:\n- from: {bad}\n  to: {A}\n  reason: typo\n- from: {twice}\n  to: {B}\n  reason: pasted twice\n"),
    )
    .unwrap();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ev = events(cat.path());
    assert!(
        !ev.contains_key(bad) && !ev.contains_key(twice),
        "folded into the corrected IDs"
    );
    assert_eq!(
        ev[A]["first_listed"]["date"], "2022-05-01",
        "the misspelt rows date the corrected ID"
    );
    assert_eq!(ev[C]["removed"]["date"], "2022-06-01");
    let f = findings(cat.path());
    assert!(
        f.contains(&format!("severity: info\n  subject: {bad}\n")),
        "{f}"
    );
    assert!(!f.contains("severity: error"), "{f}");
    assert!(!f.contains("nhn/unused-override"), "{f}");
    let check = xtask(&["check", "--catalog", cat.path().to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn swapped_and_extra_cells_are_read_as_github_shows_them() {
    let repo = Repo::new();
    let text = format!(
        "### Compute\n\n| Event | Event ID |\n| --- | --- |\n| {A} | Create Instance |\n| Delete Instance | {B} | stray |\n| Stop |\n"
    );
    repo.commit("2023-01-01", &[("en/event-list.md", Some(&text))]);
    let cat = catalogue();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ev = events(cat.path());
    assert_eq!(ev[A]["names"]["en"], "Create Instance");
    assert_eq!(ev[B]["names"]["en"], "Delete Instance");
    let f = findings(cat.path());
    for code in ["nhn/swapped-cells", "nhn/extra-cells", "nhn/empty-id"] {
        assert!(f.contains(code), "{code} in\n{f}");
    }
}

#[test]
fn bad_repositories_exit_2_and_leave_the_catalogue_untouched() {
    let cat = catalogue();
    let before = common::tree(cat.path());
    let plain = tempfile::tempdir().unwrap();
    let o = xtask(&[
        "import",
        "--git",
        plain.path().to_str().unwrap(),
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a git repository"),
        "{}",
        stderr(&o)
    );

    let repo = Repo::new();
    repo.commit(
        "2020-01-01",
        &[(
            "en/event-list.md",
            Some(&list("en", &[("Compute", &[("Create", A)])])),
        )],
    );
    repo.commit(
        "2020-01-02",
        &[(
            "en/event-list.md",
            Some(&list("en", &[("Compute", &[("Create", A), ("Delete", B)])])),
        )],
    );
    let o = xtask(&[
        "import",
        "--git",
        repo.path(),
        "--branch",
        "main",
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no branch \"main\"") && stderr(&o).contains("release"),
        "{}",
        stderr(&o)
    );

    let shallow = tempfile::tempdir().unwrap();
    let clone = repo.clone_into(shallow.path(), &["--depth", "1"]);
    let o = xtask(&[
        "import",
        "--git",
        clone.to_str().unwrap(),
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("shallow clone") && stderr(&o).contains("--unshallow"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
    assert_eq!(
        common::tree(cat.path()),
        before,
        "the catalogue is untouched"
    );
}

/// Folder imports merge: they speak only for the lists they hold, never drop, and an older
/// observation does not undo a newer one.
#[test]
fn folder_observations_merge_and_never_drop() {
    let repo = Repo::new();
    repo.commit(
        "2024-01-01",
        &[
            (
                "ko/event-list.md",
                Some(&list(
                    "ko",
                    &[("Compute", &[("인스턴스 생성", A), ("인스턴스 삭제", B)])],
                )),
            ),
            (
                "en/event-list.md",
                Some(&list(
                    "en",
                    &[("Compute", &[("Create Instance", A), ("Delete Instance", B)])],
                )),
            ),
        ],
    );
    let cat = catalogue();
    assert_eq!(import_git(&repo, cat.path()).status.code(), Some(0));
    let dir = cat.path().to_str().unwrap();

    // A later folder with the Korean list only: B is gone from it, C is new, A is renamed.
    let folder = tempfile::tempdir().unwrap();
    let ko = folder.path().join("ko");
    std::fs::create_dir_all(&ko).unwrap();
    std::fs::write(
        ko.join("event-list.md"),
        list(
            "ko",
            &[("Compute", &[("인스턴스 만들기", A), ("볼륨 생성", C)])],
        ),
    )
    .unwrap();
    let f = folder.path().to_str().unwrap();
    let undated = xtask(&["import", "--sources", f, "--catalog", dir]);
    assert_eq!(
        undated.status.code(),
        Some(2),
        "a folder of lists needs a date"
    );
    assert!(
        stderr(&undated).contains("--date YYYY-MM-DD"),
        "{}",
        stderr(&undated)
    );
    let o = xtask(&[
        "import",
        "--sources",
        f,
        "--date",
        "2024-06-01",
        "--catalog",
        dir,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ev = events(cat.path());
    assert_eq!(
        ev[B]["status"], "listed",
        "the English list, which this folder lacks, still lists B"
    );
    assert_eq!(ev[B]["names"]["ko"], "인스턴스 삭제");
    assert_eq!(ev[C]["first_listed"]["date"], "2024-06-01");
    assert_eq!(ev[A]["names"]["en"], "Create Instance", "en untouched");
    assert_eq!(ev[A]["renames"][0]["to"], "인스턴스 만들기");
    assert_eq!(
        ev[A]["first_listed"]["date"], "2024-01-01",
        "the earliest date stays"
    );

    // The English list without B as well: B is retired on that date, and kept.
    let en = folder.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    std::fs::write(
        en.join("event-list.md"),
        list("en", &[("Compute", &[("Create Instance", A)])]),
    )
    .unwrap();
    let o = xtask(&[
        "import",
        "--sources",
        f,
        "--date",
        "2024-07-01",
        "--catalog",
        dir,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ev = events(cat.path());
    assert_eq!(
        (ev[B]["status"].as_str(), ev[B]["removed"]["date"].as_str()),
        (Some("retired"), Some("2024-07-01"))
    );
    assert_eq!(ev[B]["names"]["en"], "Delete Instance");

    // An older observation (the 2024-01-01 history again) does not bring B back or undo the rename.
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = events(cat.path());
    assert_eq!(again[B]["status"], "retired");
    assert_eq!(again[A]["names"]["ko"], "인스턴스 만들기");
    assert_eq!(again.len(), 3, "nothing dropped");

    // KakaoCloud entries are not touched by NHN imports.
    let kakao = cat.path().join("kakao/events");
    assert!(!kakao.exists() || std::fs::read_dir(&kakao).unwrap().next().is_none());
}

/// The real upstream history, when `../shared/upstream` is there: the committed catalogue is what
/// the README's maintainer update gives (`import --check` of that command), and the history's
/// quirks are found.
#[test]
fn committed_catalogue_is_the_maintainer_update_of_the_real_history() {
    let Some(bundle) = common::shared("upstream/cloudtrail-docs.bundle") else {
        return;
    };
    let clone = tempfile::tempdir().unwrap();
    let dir = clone.path().join("cloudtrail-docs");
    let o = Command::new("git")
        .args(["-c", "init.defaultBranch=release", "clone", "-q"])
        .arg(&bundle)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = xtask(&[
        "import",
        "--git",
        dir.to_str().unwrap(),
        "--sources",
        "../shared/upstream/snapshot-4931d6d",
        "--date",
        "2026-03-23",
        "--sources",
        "../shared/sources",
        "--date",
        "2026-03-23",
        "--check",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "catalog/ is not the maintainer update of ../shared (see README, 'Updating the catalogue'):\n{}",
        stderr(&o)
    );
    let ev = events(&workspace().join("catalog"));
    let retired = ev.values().filter(|e| e["status"] == "retired").count();
    assert!(
        (2150..=2190).contains(&ev.len()),
        "about 2,170 IDs ever listed, got {}",
        ev.len()
    );
    assert!(
        (165..=190).contains(&retired),
        "about 180 retired, got {retired}"
    );
    // Retired IDs keep their names and dates: all but the few known only from the undated seed
    // 001 have both dates; almost all have a Korean name (a handful were only ever in en).
    let dated = ev.values().filter(|e| {
        e["status"] == "retired" && e.get("removed").is_some() && e.get("first_listed").is_some()
    });
    assert!(dated.count() + 5 >= retired);
    let named = ev
        .values()
        .filter(|e| e["status"] == "retired" && e["names"].get("ko").is_some())
        .count();
    assert!(
        named + 10 >= retired,
        "{named} of {retired} retired IDs have a Korean name"
    );
    let f = findings(&workspace().join("catalog"));
    // (The emptied lists, `test` and `<iframe>` revisions upstream are on side branches: the
    // published first-parent history never shows them.)
    for code in [
        "nhn/history-idless-list",
        "nhn/history-wrong-locale",
        "nhn/history-dropped-block",
        "nhn/swapped-cells",
    ] {
        assert!(
            f.contains(code),
            "{code} missing from the committed findings"
        );
    }
    // Edition-only IDs are listed, not retired.
    assert!(ev.values().any(|e| {
        e["status"] == "listed"
            && e["editions"]
                .as_sequence()
                .is_some_and(|s| !s.iter().any(|x| x == "standard"))
    }));
}

/// The same list read from two folders in one import (the upstream checkout's `ko/event-list.md`
/// and a sources folder's copy of it): its findings are said once, at the first folder's path.
#[test]
fn a_document_read_twice_in_one_import_says_its_findings_once() {
    let text = "### Compute\n\n| 이벤트 | 이벤트 ID |\n| --- | --- |\n| 생성 &amp; 삭제 | event_id.iaas.instance.create |\n";
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::create_dir_all(a.path().join("ko")).unwrap();
    std::fs::write(a.path().join("ko/event-list.md"), text).unwrap();
    std::fs::create_dir_all(b.path().join("nhn/ko")).unwrap();
    std::fs::write(b.path().join("nhn/ko/event-list.md"), text).unwrap();
    let cat = catalogue();
    let (a, b, c) = (
        a.path().to_str().unwrap(),
        b.path().to_str().unwrap(),
        cat.path().to_str().unwrap(),
    );
    let o = xtask(&[
        "import",
        "--sources",
        a,
        "--date",
        "2024-01-01",
        "--sources",
        b,
        "--date",
        "2024-01-01",
        "--catalog",
        c,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = findings(cat.path());
    assert_eq!(f.matches("code: nhn/name-entity").count(), 1, "{f}");
    assert!(
        f.contains("at: ko/event-list.md:5\n  code: nhn/name-entity"),
        "{f}"
    );
    let ev = events(cat.path());
    let sources = ev[A]["sources"].as_sequence().unwrap();
    assert_eq!(
        sources.len(),
        2,
        "both places stay in the provenance: {sources:?}"
    );
}

/// A catalogue that saw the history up to one revision and then a snapshot of the docs (dated,
/// no commit) bounds what happened in between by the snapshot's date; importing the fuller
/// history replaces those bounds with the exact revisions, and keeps everything recorded.
#[test]
fn a_fuller_history_refines_what_a_snapshot_bounded() {
    let repo = Repo::new();
    let c1 = repo.commit(
        "2020-01-10",
        &[(
            "ko/event-list.md",
            Some(&list(
                "ko",
                &[("Compute", &[("인스턴스 생성", A), ("인스턴스 삭제", B)])],
            )),
        )],
    );
    repo.git(&["branch", "partial", &c1], None);
    // B removed, A renamed and C added on 2020-02-20; the snapshot of 2020-03-30 sees the result.
    let later = list(
        "ko",
        &[("Compute", &[("인스턴스 만들기", A), ("볼륨 생성", C)])],
    );
    let c2 = repo.commit("2020-02-20", &[("ko/event-list.md", Some(&later))]);
    repo.commit(
        "2020-03-30",
        &[(
            "en/event-list.md",
            Some(&list("en", &[("Compute", &[("Create", A)])])),
        )],
    );

    let cat = catalogue();
    let dir = cat.path().to_str().unwrap();
    let partial = xtask(&[
        "import",
        "--git",
        repo.path(),
        "--branch",
        "partial",
        "--catalog",
        dir,
    ]);
    assert_eq!(partial.status.code(), Some(0), "{}", stderr(&partial));
    let snapshot = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(snapshot.path().join("ko")).unwrap();
    std::fs::write(snapshot.path().join("ko/event-list.md"), &later).unwrap();
    let o = xtask(&[
        "import",
        "--sources",
        snapshot.path().to_str().unwrap(),
        "--date",
        "2020-03-30",
        "--catalog",
        dir,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bounded = events(cat.path());
    assert_eq!(bounded[B]["removed"]["date"], "2020-03-30", "a bound");
    assert!(bounded[B]["removed"].get("commit").is_none());
    assert_eq!(bounded[C]["first_listed"]["date"], "2020-03-30");
    assert_eq!(bounded[A]["renames"][0]["seen"]["date"], "2020-03-30");

    let full = import_git(&repo, cat.path());
    assert_eq!(full.status.code(), Some(0), "{}", stderr(&full));
    let ev = events(cat.path());
    assert_eq!(ev.len(), 3, "nothing dropped");
    let at_c2 = |v: &serde_yaml::Value| {
        (
            v["date"].as_str().map(str::to_owned),
            v["commit"].as_str().map(str::to_owned),
        )
    };
    let exact = (Some("2020-02-20".to_owned()), Some(c2.clone()));
    assert_eq!(
        at_c2(&ev[B]["removed"]),
        exact,
        "removed: the exact revision"
    );
    assert_eq!(ev[B]["status"], "retired");
    assert_eq!(ev[B]["names"]["ko"], "인스턴스 삭제", "names kept");
    assert_eq!(
        at_c2(&ev[C]["first_listed"]),
        exact,
        "first listed: the exact revision"
    );
    let renames = ev[A]["renames"].as_sequence().unwrap();
    assert_eq!(
        renames.len(),
        1,
        "the rename once, exactly dated: {renames:?}"
    );
    assert_eq!(at_c2(&renames[0]["seen"]), exact);
    assert_eq!(
        (renames[0]["from"].as_str(), renames[0]["to"].as_str()),
        (Some("인스턴스 생성"), Some("인스턴스 만들기"))
    );
    assert_eq!(
        ev[A]["first_listed"]["commit"].as_str(),
        Some(c1.as_str()),
        "the earliest listing stays"
    );

    // The same imports again change nothing.
    let again = xtask(&["import", "--git", repo.path(), "--catalog", dir, "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

/// A fresh clone of the upstream repository has `release` only as `origin/release`: `--branch
/// release` reads that, and says so.
#[test]
fn branch_release_resolves_to_the_remote_branch_of_a_fresh_clone() {
    let repo = Repo::new();
    let c1 = repo.commit(
        "2020-01-10",
        &[(
            "en/event-list.md",
            Some(&list("en", &[("Compute", &[("Create", A), ("Delete", B)])])),
        )],
    );
    // The upstream's default branch is another one than `release`.
    repo.git(&["checkout", "-q", "-b", "beta"], None);
    repo.commit(
        "2020-02-01",
        &[(
            "en/event-list.md",
            Some(&list("en", &[("Compute", &[("Create", A)])])),
        )],
    );
    let clones = tempfile::tempdir().unwrap();
    let clone = repo.clone_into(clones.path(), &[]);
    let cat = catalogue();
    let o = xtask(&[
        "import",
        "--git",
        clone.to_str().unwrap(),
        "--branch",
        "release",
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("(branch origin/release, head "),
        "says which branch it read: {}",
        stderr(&o)
    );
    let ev = events(cat.path());
    assert_eq!(ev[B]["status"], "listed", "release, not the clone's beta");
    assert_eq!(ev[A]["first_listed"]["commit"].as_str(), Some(c1.as_str()));
}

/// A truncated ID, a test row and service titles that are no service (a misspelling of a current
/// section, `null`) are findings; the hand-written decisions of overrides.yaml settle them: the
/// misspelt title is the service it means, `null` none, and the excluded IDs stay in the
/// catalogue but not in the generated outputs.
#[test]
fn junk_ids_and_services_are_findings_that_overrides_settle() {
    const SKM_A: &str = "event_id.skm.key.create";
    const SKM_B: &str = "event_id.skm.key.delete";
    const VPC: &str = "event_id.iaas.vpc.create_end";
    const TRUNCATED: &str = "event_id.iaas";
    const TEST: &str = "event_id.tstprd01.test03";
    let repo = Repo::new();
    repo.commit(
        "2022-01-01",
        &[(
            "ko/event-list.md",
            Some(&list(
                "ko",
                &[
                    ("Secure Key Manager", &[("키 생성", SKM_A)]),
                    (
                        "Compute",
                        &[("VPC 생성 완료", VPC), ("VPC 생성 완료", TRUNCATED)],
                    ),
                    ("null", &[("테스트03", TEST)]),
                ],
            )),
        )],
    );
    repo.commit(
        "2022-02-01",
        &[(
            "ko/event-list.md",
            Some(&list(
                "ko",
                &[
                    ("Secure Key Manager", &[("키 생성", SKM_A)]),
                    ("Secure Key Manger", &[("키 삭제", SKM_B)]),
                    ("Compute", &[("VPC 생성 완료", VPC)]),
                ],
            )),
        )],
    );
    repo.commit(
        "2022-03-01",
        &[(
            "ko/event-list.md",
            Some(&list(
                "ko",
                &[
                    ("Secure Key Manager", &[("키 생성", SKM_A)]),
                    ("Compute", &[("VPC 생성 완료", VPC)]),
                ],
            )),
        )],
    );
    let cat = catalogue();
    let dir = cat.path().to_str().unwrap();
    assert_eq!(import_git(&repo, cat.path()).status.code(), Some(0));
    let finding = |code: &str, subject: &str| {
        let f = findings(cat.path());
        let all: Vec<serde_yaml::Value> =
            serde_yaml::from_str::<serde_yaml::Value>(&f).unwrap()["diagnostics"]
                .as_sequence()
                .unwrap()
                .iter()
                .filter(|d| d["code"] == code && d["subject"] == subject)
                .cloned()
                .collect();
        assert_eq!(all.len(), 1, "{code} {subject} once in\n{f}");
        all[0].clone()
    };
    assert_eq!(finding("nhn/junk-id", TRUNCATED)["severity"], "warning");
    assert_eq!(finding("nhn/junk-id", TEST)["severity"], "warning");
    let misspelt = finding("nhn/junk-service", "Secure Key Manger");
    assert!(
        misspelt["message"]
            .as_str()
            .unwrap()
            .contains("\"secure-key-manager\""),
        "{misspelt:?}"
    );
    assert_eq!(finding("nhn/junk-service", "null")["severity"], "warning");
    assert!(
        !findings(cat.path()).contains(&format!("subject: {VPC}\n  message: 'no event")),
        "a real ID is no junk"
    );

    std::fs::write(
        cat.path().join("nhn/overrides.yaml"),
        format!(
            "services:\n- from: Secure Key Manger\n  to: secure-key-manager\n  reason: typo\n\
             - from: 'null'\n  reason: the test row's\n\
             exclude:\n- id: {TRUNCATED}\n  reason: truncated\n- id: {TEST}\n  reason: a test row\n\
             - id: event_id.no.such\n  reason: a typo\n"
        ),
    )
    .unwrap();
    let o = import_git(&repo, cat.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(finding("nhn/junk-id", TRUNCATED)["severity"], "info");
    assert_eq!(finding("nhn/junk-id", TEST)["severity"], "info");
    assert_eq!(
        finding("nhn/junk-service", "Secure Key Manger")["severity"],
        "info"
    );
    assert_eq!(finding("nhn/junk-service", "null")["severity"], "info");
    assert_eq!(
        finding("nhn/unused-override", "event_id.no.such")["severity"],
        "warning",
        "an exclusion that keeps nothing out is said"
    );
    let ev = events(cat.path());
    assert_eq!(ev.len(), 5, "the catalogue keeps every ID");
    assert_eq!(
        ev[SKM_B]["services"],
        serde_yaml::to_value(["secure-key-manager"]).unwrap()
    );
    assert!(ev[TEST]["services"].as_sequence().unwrap().is_empty());
    let services = std::fs::read_to_string(cat.path().join("nhn/services.yaml")).unwrap();
    assert!(
        !services.contains("secure-key-manger") && !services.contains("key: 'null'"),
        "{services}"
    );
    let check = xtask(&["check", "--catalog", dir]);
    assert_eq!(check.status.code(), Some(0), "warnings settled");

    let out = tempfile::tempdir().unwrap();
    let o = common::gen_into(dir, out.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.path().join("csv/nhn-events.csv")).unwrap();
    assert!(csv.contains(&format!("\r\n{VPC},")), "{csv}");
    for excluded in [TRUNCATED, TEST] {
        assert!(
            !csv.contains(&format!("\r\n{excluded},")),
            "{excluded} in\n{csv}"
        );
    }
    let rust = std::fs::read_to_string(out.path().join("src/nhn/mod.rs")).unwrap();
    assert!(
        !rust.contains("\"event_id.iaas\""),
        "no variant for the truncated ID"
    );
}

/// Findings are true and said once: an ID only an edition lists is missing from no standard
/// list, and two IDs sharing a name are one finding, not one from each side.
#[test]
fn edition_only_ids_are_not_missing_and_a_shared_name_is_said_once() {
    let folder = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: String| {
        let p = folder.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "ko/event-list.md",
        list(
            "ko",
            &[("Compute", &[("인스턴스 변경", A), ("인스턴스 변경", B)])],
        ),
    );
    write(
        "en/event-list.md",
        list("en", &[("Compute", &[("Change Instance", A)])]),
    );
    write(
        "ko/event-list-gov.md",
        list(
            "ko",
            &[("Compute", &[("인스턴스 변경", A), ("볼륨 생성", C)])],
        ),
    );
    let cat = catalogue();
    let o = xtask(&[
        "import",
        "--sources",
        folder.path().to_str().unwrap(),
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f: serde_yaml::Value = serde_yaml::from_str(&findings(cat.path())).unwrap();
    let of = |code: &str| -> Vec<(String, String)> {
        f["diagnostics"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| {
                (
                    d["subject"].as_str().unwrap_or("").to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let missing = of("nhn/missing-locale");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(
        missing[0].0, B,
        "B is missing from the en list; C, gov-only, from none"
    );
    let shared = of("nhn/shared-name");
    let in_standard: Vec<_> = shared
        .iter()
        .filter(|(s, m)| s == A && m.contains(B))
        .collect();
    assert_eq!(shared.len(), 1, "said once, from A's side: {shared:?}");
    assert_eq!(in_standard.len(), 1, "{shared:?}");
    assert!(
        !shared.iter().any(|(s, _)| s == B),
        "not said again from B's side: {shared:?}"
    );
}

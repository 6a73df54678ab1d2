//! Nothing lost, nothing half-written: writes that are all or nothing even when the process is
//! killed mid-write, bounded reads of odd files, closed pipes, and the committed outputs being
//! what `gen` writes. Run with `cargo test -p xtask --test trust`.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{copy_tree, tree, workspace};

fn xtask_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xtask"));
    c.args(args).current_dir(workspace());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn xtask(args: &[&str]) -> Output {
    xtask_env(args, &[])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `cargo test` checks what CI checks: the committed generated/ is what `gen` writes.
#[test]
fn committed_outputs_are_what_gen_writes() {
    let o = xtask(&["gen", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Kill `gen` before its commit and after every one of its renames: the next command always
/// sees the old outputs or the new ones, whole, and no temporary file is left.
#[test]
fn gen_killed_at_any_point_leaves_old_or_new_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (old_cat, new_cat) = (tmp.path().join("old"), tmp.path().join("new"));
    // The fixture sources imported (which pins the variant names gen needs).
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), &old_cat);
    let args = [
        "import",
        "--sources",
        "tests/fixtures/nhn/sources",
        "--date",
        "2024-01-01",
        "--catalog",
        old_cat.to_str().unwrap(),
    ];
    let o = xtask(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    copy_tree(&old_cat, &new_cat);
    // Another reason in a waiver: a new catalogue hash, so every generated file changes.
    let waivers = new_cat.join("nhn/waivers.yaml");
    let text = std::fs::read_to_string(&waivers).unwrap();
    std::fs::write(&waivers, format!("{text}\n# edited\n")).unwrap();
    let dir = |p: &Path| p.to_str().unwrap().to_owned();
    let base = tmp.path().join("base");
    let o = xtask(&["gen", "--catalog", &dir(&old_cat), "--out", &dir(&base)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let old_tree = tree(&base);
    let full = tmp.path().join("full");
    copy_tree(&base, &full);
    let o = xtask(&["gen", "--catalog", &dir(&new_cat), "--out", &dir(&full)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let new_tree = tree(&full);
    assert_ne!(old_tree, new_tree);
    let steps = new_tree
        .keys()
        .filter(|k| old_tree.get(*k) != new_tree.get(*k))
        .count()
        + old_tree
            .keys()
            .filter(|k| !new_tree.contains_key(*k))
            .count();
    assert!(steps > 10, "every file changes: {steps}");

    let mut points = vec!["prepared".to_string()];
    points.extend((0..=steps).map(|i| i.to_string()));
    for point in points {
        let out = tmp.path().join(format!("out-{point}"));
        copy_tree(&base, &out);
        let o = xtask_env(
            &["gen", "--catalog", &dir(&new_cat), "--out", &dir(&out)],
            &[("XTASK_TEST_CRASH_AT", &point)],
        );
        assert_ne!(
            o.status.code(),
            Some(0),
            "{point}: the hook kills the process"
        );
        // Read-only commands change nothing and stop while the journal is there.
        let killed = tree(&out);
        let check = |cat: &Path| {
            xtask(&[
                "gen",
                "--check",
                "--catalog",
                &dir(cat),
                "--out",
                &dir(&out),
            ])
        };
        let o = check(&new_cat);
        assert_eq!(o.status.code(), Some(2), "{point}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cargo xtask recover"),
            "{point}: {}",
            stderr(&o)
        );
        assert!(tree(&out) == killed, "{point}: the check changed nothing");
        // The killed command's lock stays (as git's index.lock); the message says to delete
        // it, then `recover` finishes or undoes the write.
        let o = xtask(&["gen", "--catalog", &dir(&new_cat), "--out", &dir(&out)]);
        assert_eq!(o.status.code(), Some(2), "{point}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the lock is stale"),
            "{point}: {}",
            stderr(&o)
        );
        std::fs::remove_file(out.join(".xtask-lock")).unwrap();
        let o = xtask(&["recover", "--catalog", &dir(&new_cat), "--out", &dir(&out)]);
        assert_eq!(o.status.code(), Some(0), "{point}: {}", stderr(&o));
        let (old, new) = (check(&old_cat), check(&new_cat));
        let after = tree(&out);
        let expect = if point == "prepared" {
            &old_tree
        } else {
            &new_tree
        };
        assert!(&after == expect, "{point}: neither old nor new as expected");
        assert_eq!(
            (old.status.code(), new.status.code()),
            if point == "prepared" {
                (Some(0), Some(1))
            } else {
                (Some(1), Some(0))
            },
            "{point}"
        );
        assert!(
            !after
                .keys()
                .any(|k| k.contains("xtask-tmp") || k.contains("xtask-journal")),
            "{point}: leftovers"
        );
    }
}

/// Import writes the catalogue the same way: killed after its commit, read-only commands refuse
/// the folder and change nothing, and the next import (once the stale lock is gone) completes it.
#[test]
fn import_killed_mid_write_is_completed_by_the_next_command() {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    let args = [
        "import",
        "--sources",
        "tests/fixtures/nhn/sources",
        "--date",
        "2024-01-01",
        "--catalog",
        cat.path().to_str().unwrap(),
    ];
    let o = xtask_env(&args, &[("XTASK_TEST_CRASH_AT", "3")]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        cat.path().join(".xtask-journal").exists(),
        "killed after the commit"
    );
    let killed = tree(cat.path());
    for read_only in [
        vec!["check", "--catalog", cat.path().to_str().unwrap()],
        vec!["changes", "--catalog", cat.path().to_str().unwrap()],
        [&args[..], &["--check"]].concat(),
    ] {
        let o = xtask(&read_only);
        assert_eq!(o.status.code(), Some(2), "{read_only:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(
                ".xtask-journal: a write to this folder is in progress or was interrupted"
            ),
            "{}",
            stderr(&o)
        );
        assert_eq!(tree(cat.path()), killed, "{read_only:?} changed nothing");
    }
    std::fs::remove_file(cat.path().join(".xtask-lock")).unwrap();
    let o = xtask(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("finished an interrupted write"),
        "{}",
        stderr(&o)
    );
    assert!(!cat.path().join(".xtask-journal").exists());
    let again = xtask(&[&args[..], &["--check"]].concat());
    assert_eq!(
        again.status.code(),
        Some(0),
        "the interrupted import was completed: {}",
        stderr(&again)
    );
}

/// A folder, a FIFO or a link to an endless device where a document is expected: exit 2 with
/// the path, at once, without reading it.
#[test]
fn odd_files_are_refused_without_reading_them() {
    let sources = tempfile::tempdir().unwrap();
    copy_tree(
        &workspace().join("tests/fixtures/nhn/sources"),
        sources.path(),
    );
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    let en = sources.path().join("nhn/en/event-list.md");
    let run = || {
        xtask(&[
            "import",
            "--sources",
            sources.path().to_str().unwrap(),
            "--date",
            "2024-01-01",
            "--catalog",
            cat.path().to_str().unwrap(),
        ])
    };
    std::fs::remove_file(&en).unwrap();
    std::fs::create_dir(&en).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("event-list.md: a folder"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir(&en).unwrap();

    std::os::unix::fs::symlink("/dev/zero", &en).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("a symbolic link to /dev/zero, outside"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&en).unwrap();

    let st = Command::new("mkfifo").arg(&en).status().unwrap();
    assert!(st.success());
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    assert!(!cat.path().join("nhn/events").exists(), "nothing written");

    // A large file is refused after reading no more than the limit.
    std::fs::remove_file(&en).unwrap();
    std::fs::write(&en, vec![b'a'; (4 << 20) + 10]).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("MiB limit"), "{}", stderr(&o));
}

/// `xtask extract F | head`: the command ends quietly; a full disk is exit 2 with a message.
#[test]
fn closed_pipes_end_quietly_and_write_errors_exit_2() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["extract", "tests/fixtures/nhn/sources/nhn/ko/event-list.md"])
        .current_dir(workspace())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));

    if Path::new("/dev/full").exists() {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["check"])
            .current_dir(workspace())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("No space left on device"),
            "{}",
            stderr(&o)
        );
    }
}

/// The table view pads columns to at most a fixed width: one huge cell does not make every row
/// as wide as itself.
#[test]
fn the_table_view_stays_proportional_to_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("event-list.md");
    let mut text = String::from("### S\n\n| Event | Event ID |\n| --- | --- |\n");
    text.push_str(&format!("| {} | event_id.s.long |\n", "x".repeat(50_000)));
    for i in 0..500 {
        text.push_str(&format!("| name {i} | event_id.s.e{i} |\n"));
    }
    std::fs::write(&doc, &text).unwrap();
    let o = xtask(&["extract", "--kind", "nhn", doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        o.stdout.len() < 3 * text.len(),
        "{} bytes out for {} in",
        o.stdout.len(),
        text.len()
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(&"x".repeat(50_000)),
        "the long cell is printed whole"
    );
}

/// Hand edits that would break the outputs or silently do nothing are refused when the
/// catalogue loads (gen, check, import): exit 2, naming the file and line.
#[test]
fn hand_edits_are_validated_on_load() {
    type Edit = fn(&Path);
    let cases: &[(&str, Edit, &str)] = &[
        (
            "duplicate ID",
            |c| {
                let text = std::fs::read_to_string(c.join("nhn/events/2fa.yaml")).unwrap();
                std::fs::write(c.join("nhn/events/copy.yaml"), text).unwrap();
            },
            "catalog/nhn/events/copy.yaml:2: event ID event_id.2fa.enable is also at nhn/events/2fa.yaml:2",
        ),
        (
            "malformed ID",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "id: event_id.2fa.enable",
                    "id: event_id.2fa.enable.",
                )
            },
            "catalog/nhn/events/2fa.yaml:2: malformed event ID \"event_id.2fa.enable.\": it ends with a dot",
        ),
        (
            "unknown service",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "  - console",
                    "  - no-such-service",
                )
            },
            "unknown service key \"no-such-service\"",
        ),
        (
            "empty name",
            |c| edit(c, "nhn/events/2fa.yaml", "en: Enable 2FA", "en: ''"),
            "event_id.2fa.enable: empty en name",
        ),
        (
            "empty events file",
            |c| std::fs::write(c.join("nhn/events/2fa.yaml"), "[]\n").unwrap(),
            "catalog/nhn/events/2fa.yaml:1: an events file with no event",
        ),
        (
            "override to a malformed ID",
            |c| {
                std::fs::write(
                    c.join("nhn/overrides.yaml"),
                    "ids:\n- from: email_id.x\n  to: event_id.x.\n  reason: r\n",
                )
                .unwrap()
            },
            "catalog/nhn/overrides.yaml:2: the override of \"email_id.x\" corrects it to a malformed ID",
        ),
        (
            "unknown waiver code",
            |c| {
                std::fs::write(
                    c.join("nhn/waivers.yaml"),
                    "waivers:\n- code: nhn/no-such-code\n  reason: r\n",
                )
                .unwrap()
            },
            "catalog/nhn/waivers.yaml:2: the waiver's code \"nhn/no-such-code\" is no diagnostic code",
        ),
        (
            "missing hints",
            |c| std::fs::remove_file(c.join("kakao/hints.yaml")).unwrap(),
            "kakao/hints.yaml: missing: every catalogue has this hand-written file",
        ),
        (
            "duplicate key",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "en: Enable 2FA",
                    "en: Enable 2FA\n    en: Other",
                )
            },
            "nhn/events/2fa.yaml:6:5: .[0].names: duplicate entry with key \"en\"",
        ),
        (
            "an ID moved to another namespace in place",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "id: event_id.2fa.enable",
                    "id: event_id.iaas.enable",
                )
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.iaas.enable: its ID files it in catalog/nhn/events/iaas.yaml, not here",
        ),
        (
            "a KakaoCloud service edited in place",
            |c| {
                edit(
                    c,
                    "kakao/events/iam.yaml",
                    "service: IAM",
                    "service: yesterday",
                )
            },
            "catalog/kakao/events/iam.yaml:2: iam/project/project-create: its service files it in catalog/kakao/events/yesterday.yaml, not here",
        ),
        (
            "two services given one variant",
            |c| {
                edit(
                    c,
                    "nhn/services.yaml",
                    "variant: RdsForMysql",
                    "variant: RdsForMariadb",
                )
            },
            "catalog/nhn/services.yaml:22: rds-for-mysql: variant `RdsForMariadb` of nhn::Service is also given to rds-for-mariadb (catalog/nhn/services.yaml:16)",
        ),
        (
            "a role variant that is a keyword",
            |c| edit(c, "roles.yaml", "variant: ProjectAdmin", "variant: Self"),
            "catalog/roles.yaml:42: role \"Project Admin\": variant `Self` is a Rust keyword",
        ),
        (
            "a service correction to no service",
            |c| {
                std::fs::write(
                    c.join("nhn/overrides.yaml"),
                    "services:\n- from: Consol\n  to: consol\n  reason: r\n",
                )
                .unwrap()
            },
            "catalog/nhn/overrides.yaml:2: the service correction of \"Consol\" names \"consol\", which is no key of nhn/services.yaml",
        ),
        (
            "a date that is no date",
            |c| listed_on(c, "yesterday"),
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: first_listed: \"yesterday\" is no date",
        ),
        (
            "a date that does not exist",
            |c| listed_on(c, "2025-02-30"),
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: first_listed: \"2025-02-30\" does not exist",
        ),
        (
            "removed before first listed",
            |c| {
                listed_on(c, "2025-03-01");
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "status: listed",
                    "status: retired\n  removed:\n    date: 2024-01-01",
                );
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: removed 2024-01-01 before it was first listed 2025-03-01",
        ),
        (
            "listed with a removed date",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "status: listed",
                    "status: listed\n  removed:\n    date: 2024-01-01",
                )
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: status `listed` with a `removed` date",
        ),
        (
            "an unknown edition",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "status: listed",
                    "status: listed\n  editions:\n  - bogus;edition",
                )
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: edition \"bogus;edition\" is no edition",
        ),
        (
            "an override cycle",
            |c| {
                std::fs::write(
                    c.join("nhn/overrides.yaml"),
                    "ids:\n- from: event_id.iaas.instance.create\n  to: event_id.iaas.instance.delete\n  reason: r\n\
                     - from: event_id.iaas.instance.delete\n  to: event_id.iaas.instance.create\n  reason: r\n",
                )
                .unwrap()
            },
            "catalog/nhn/overrides.yaml:2: the override of \"event_id.iaas.instance.create\" corrects it to \"event_id.iaas.instance.delete\", which another override corrects again (a cycle",
        ),
        (
            "a variant that is a keyword",
            |c| {
                edit(
                    c,
                    "nhn/events/2fa.yaml",
                    "id: event_id.2fa.enable",
                    "id: event_id.2fa.enable\n  variant: fn",
                )
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: variant `fn` is a Rust keyword",
        ),
        (
            "a megabyte ID",
            |c| {
                let long = format!("id: event_id.2fa.{}", "x".repeat(1 << 20));
                edit(c, "nhn/events/2fa.yaml", "id: event_id.2fa.enable", &long)
            },
            "catalog/nhn/events/2fa.yaml:2: malformed event ID \"event_id.2fa.xxxx",
        ),
        (
            "a 300-character namespace",
            |c| {
                let long = format!("id: event_id.{}.enable", "n".repeat(300));
                edit(c, "nhn/events/2fa.yaml", "id: event_id.2fa.enable", &long)
            },
            "catalog/nhn/events/2fa.yaml:2: malformed event ID",
        ),
        (
            "a name too long",
            |c| {
                let long = format!("en: {}", "n".repeat(600));
                edit(c, "nhn/events/2fa.yaml", "en: Enable 2FA", &long)
            },
            "catalog/nhn/events/2fa.yaml:2: event_id.2fa.enable: the en name is 600 characters long, more than 500",
        ),
        (
            "an events folder that is a link",
            |c| {
                let elsewhere = c.with_extension("events");
                std::fs::rename(c.join("nhn/events"), &elsewhere).unwrap();
                std::os::unix::fs::symlink(&elsewhere, c.join("nhn/events")).unwrap();
            },
            "nhn/events: a symbolic link, where the catalogue has a folder of its own",
        ),
        (
            "a deep nesting",
            |c| std::fs::write(c.join("nhn/events/2fa.yaml"), "[".repeat(50_000)).unwrap(),
            "nhn/events/2fa.yaml:1: nested deeper than 64 levels",
        ),
        (
            "an events file that is a FIFO",
            |c| {
                std::fs::remove_file(c.join("nhn/events/2fa.yaml")).unwrap();
                let st = Command::new("mkfifo")
                    .arg(c.join("nhn/events/2fa.yaml"))
                    .status()
                    .unwrap();
                assert!(st.success());
            },
            "nhn/events/2fa.yaml: not a regular file",
        ),
        (
            "an events file linked to an endless device",
            |c| {
                std::fs::remove_file(c.join("nhn/events/2fa.yaml")).unwrap();
                std::os::unix::fs::symlink("/dev/zero", c.join("nhn/events/2fa.yaml")).unwrap();
            },
            "nhn/events/2fa.yaml: a symbolic link",
        ),
    ];
    for (what, change, says) in cases {
        let cat = tempfile::tempdir().unwrap();
        copy_tree(&workspace().join("tests/fixtures/catalog"), cat.path());
        change(cat.path());
        let out = tempfile::tempdir().unwrap();
        for args in [
            vec![
                "gen",
                "--catalog",
                cat.path().to_str().unwrap(),
                "--out",
                out.path().to_str().unwrap(),
            ],
            vec!["check", "--catalog", cat.path().to_str().unwrap()],
            vec![
                "import",
                "--sources",
                "tests/fixtures/nhn/sources",
                "--date",
                "2024-01-01",
                "--catalog",
                cat.path().to_str().unwrap(),
            ],
        ] {
            let before = tree_meta(cat.path());
            let o = xtask(&args);
            assert_eq!(
                o.status.code(),
                Some(2),
                "{what}, {}: {}",
                args[0],
                stderr(&o)
            );
            assert!(
                stderr(&o).contains(says),
                "{what}, {}: {}",
                args[0],
                stderr(&o)
            );
            assert_eq!(tree_meta(cat.path()), before, "{what}: nothing written");
        }
        assert!(tree(out.path()).is_empty(), "{what}: gen wrote nothing");
    }
}

/// Gives the fixture's first event a `first_listed` date.
fn listed_on(cat: &Path, date: &str) {
    edit(
        cat,
        "nhn/events/2fa.yaml",
        "status: listed",
        &format!("status: listed\n  first_listed:\n    date: {date}"),
    );
}

fn edit(cat: &Path, rel: &str, from: &str, to: &str) {
    let p = cat.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(p, text.replacen(from, to, 1)).unwrap();
}

/// A fixture catalogue in a temporary folder.
fn fixture_catalog_copy() -> tempfile::TempDir {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/catalog"), cat.path());
    cat
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A journal that names anything but the command's own files in its own folder, or that is no
/// journal at all, is refused by every command and obeyed by none; read-only commands change
/// nothing while a journal is there; `recover --discard` is the documented way out.
#[test]
fn journals_that_are_not_the_tools_are_refused_never_obeyed() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    type Plant = Box<dyn Fn(&Path)>;
    let json =
        |text: String| -> Plant { Box::new(move |j: &Path| std::fs::write(j, &text).unwrap()) };
    let v = s(&victim).to_owned();
    let cases: Vec<(&str, Plant, &str)> = vec![
        (
            "an absolute path",
            json(format!(
                r#"{{"state":"committed","write":[],"delete":["{v}"]}}"#
            )),
            "is not a plain relative path",
        ),
        (
            "a path up and out",
            json(r#"{"state":"committed","write":[],"delete":["../victim.txt"]}"#.into()),
            "is not a plain relative path",
        ),
        (
            "a hand-written file",
            json(r#"{"state":"committed","write":[],"delete":["nhn/overrides.yaml"]}"#.into()),
            "a file this command does not own",
        ),
        (
            "a file import does not own",
            json(r#"{"state":"committed","write":[],"delete":["notes/todo.yaml"]}"#.into()),
            "a file this command does not own",
        ),
        (
            "the old format",
            json(format!(
                r#"[{{"Delete":"{v}"}},{{"Delete":"nhn/overrides.yaml"}}]"#
            )),
            "not a journal this tool wrote",
        ),
        (
            "a FIFO",
            Box::new(|j: &Path| assert!(Command::new("mkfifo").arg(j).status().unwrap().success())),
            "not a regular file",
        ),
        (
            "a link to an endless device",
            Box::new(|j: &Path| std::os::unix::fs::symlink("/dev/zero", j).unwrap()),
            "a symbolic link",
        ),
    ];
    for (what, plant, says) in cases {
        std::fs::write(&victim, "keep me").unwrap();
        let cat = fixture_catalog_copy();
        std::fs::create_dir_all(cat.path().join("notes")).unwrap();
        std::fs::write(cat.path().join("notes/todo.yaml"), "- mine\n").unwrap();
        plant(&cat.path().join(".xtask-journal"));
        let before = tree_meta(cat.path());
        let c = s(cat.path());
        let out = tempfile::tempdir().unwrap();
        for args in [
            vec!["check", "--catalog", c],
            vec!["changes", "--catalog", c],
            vec!["gen", "--check", "--catalog", c, "--out", s(out.path())],
            vec![
                "extract",
                "--catalog",
                c,
                "tests/fixtures/nhn/sources/nhn/ko/event-list.md",
            ],
            vec![
                "import",
                "--check",
                "--sources",
                "tests/fixtures/nhn/sources",
                "--date",
                "2024-01-01",
                "--catalog",
                c,
            ],
        ] {
            let o = xtask(&args);
            assert_eq!(o.status.code(), Some(2), "{what}, {args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(
                    ".xtask-journal: a write to this folder is in progress or was interrupted"
                ),
                "{what}: {}",
                stderr(&o)
            );
        }
        for args in [
            vec!["recover", "--catalog", c, "--out", s(out.path())],
            vec![
                "import",
                "--sources",
                "tests/fixtures/nhn/sources",
                "--date",
                "2024-01-01",
                "--catalog",
                c,
            ],
        ] {
            let o = xtask(&args);
            assert_eq!(o.status.code(), Some(2), "{what}, {args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(says),
                "{what}, {args:?}: {}",
                stderr(&o)
            );
            assert!(
                stderr(&o).contains("cargo xtask recover --discard"),
                "{what}: {}",
                stderr(&o)
            );
        }
        assert_eq!(tree_meta(cat.path()), before, "{what}: nothing changed");
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "keep me",
            "{what}"
        );
        let o = xtask(&[
            "recover",
            "--discard",
            "--catalog",
            c,
            "--out",
            s(out.path()),
        ]);
        assert_eq!(o.status.code(), Some(0), "{what}: {}", stderr(&o));
        let o = xtask(&["check", "--catalog", c]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{what}: {}",
            stderr(&o)
        );
        assert!(
            cat.path().join("notes/todo.yaml").exists()
                && cat.path().join("nhn/overrides.yaml").exists()
        );
    }

    // In an output folder, a journal that would rename a prepared file out of it.
    let cat = fixture_catalog_copy();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join(".x.xtask-tmp"), "evil").unwrap();
    std::fs::write(
        out.path().join(".xtask-journal"),
        r#"{"state":"committed","write":["../victim.txt"],"delete":[]}"#,
    )
    .unwrap();
    std::fs::write(&victim, "keep me").unwrap();
    for args in [
        vec![
            "gen",
            "--check",
            "--catalog",
            s(cat.path()),
            "--out",
            s(out.path()),
        ],
        vec!["gen", "--catalog", s(cat.path()), "--out", s(out.path())],
    ] {
        let o = xtask(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        out.path().join(".x.xtask-tmp").exists(),
        "a temporary it did not create stays"
    );
}

/// Every entry below `dir` with its kind and bytes (FIFOs and links included, never read).
fn tree_meta(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walk_all(dir) {
        let m = std::fs::symlink_metadata(&e).unwrap();
        let rel = e.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        let what = if m.is_file() {
            String::from_utf8_lossy(&std::fs::read(&e).unwrap()).into_owned()
        } else {
            format!("{:?}", m.file_type())
        };
        out.push((rel, what));
    }
    out.sort();
    out
}

fn walk_all(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if std::fs::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(walk_all(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The NHN fixture sources imported into a fresh catalogue (which pins the variant names gen needs).
fn imported_catalog() -> tempfile::TempDir {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    let o = xtask(&[
        "import",
        "--sources",
        "tests/fixtures/nhn/sources",
        "--date",
        "2024-01-01",
        "--catalog",
        s(cat.path()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    cat
}

/// `gen --out DIR` writes only into an empty folder or one it wrote (its manifest), overwrites
/// and deletes only the files it wrote there, and refuses before writing anything.
#[test]
fn gen_touches_only_the_files_it_wrote() {
    let cat = imported_catalog();
    let c = s(cat.path()).to_owned();
    // A project of someone else's.
    let theirs = tempfile::tempdir().unwrap();
    for (rel, text) in [
        ("src/main.rs", "fn main() {}\n"),
        ("docs/notes.md", "mine\n"),
        ("README.md", "mine\n"),
        ("Cargo.toml", "[package]\n"),
    ] {
        std::fs::create_dir_all(theirs.path().join(rel).parent().unwrap()).unwrap();
        std::fs::write(theirs.path().join(rel), text).unwrap();
    }
    let before = tree(theirs.path());
    let o = xtask(&["gen", "--catalog", &c, "--out", s(theirs.path())]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("holds files gen did not write"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        tree(theirs.path()),
        before,
        "nothing written, nothing deleted"
    );
    let o = xtask(&["gen", "--catalog", &c, "--out", &c]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--out is the catalogue folder"),
        "{}",
        stderr(&o)
    );

    // An empty folder becomes gen's; files added there later are left alone.
    let out = tempfile::tempdir().unwrap();
    let o = xtask(&["gen", "--catalog", &c, "--out", s(out.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.path().join(".xtask-manifest").exists());
    std::fs::write(out.path().join("src/main.rs"), "mine\n").unwrap();
    std::fs::write(out.path().join("src/.notes.xtask-tmp"), "mine\n").unwrap();
    let waivers = cat.path().join("nhn/waivers.yaml");
    let text = std::fs::read_to_string(&waivers).unwrap();
    std::fs::write(&waivers, format!("{text}\n# edited\n")).unwrap();
    let o = xtask(&["gen", "--catalog", &c, "--out", s(out.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.path().join("src/main.rs")).unwrap(),
        "mine\n"
    );
    assert!(out.path().join("src/.notes.xtask-tmp").exists());
    let o = xtask(&["gen", "--check", "--catalog", &c, "--out", s(out.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A file gen would create that someone else put there first is not overwritten.
    let manifest = std::fs::read_to_string(out.path().join(".xtask-manifest")).unwrap();
    std::fs::write(
        out.path().join(".xtask-manifest"),
        manifest.replace("csv/README.md\n", ""),
    )
    .unwrap();
    std::fs::write(out.path().join("csv/README.md"), "mine\n").unwrap();
    std::fs::write(&waivers, format!("{text}\n# edited again\n")).unwrap();
    let before = tree(out.path());
    let o = xtask(&["gen", "--catalog", &c, "--out", s(out.path())]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("csv/README.md: exists, and this command did not write it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(out.path()), before, "refused before writing anything");
}

/// Import rewrites and deletes only the files of its layout: drafts and notes kept in
/// catalog/ stay.
#[test]
fn import_keeps_yaml_files_it_does_not_own() {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    std::fs::create_dir_all(cat.path().join("notes")).unwrap();
    std::fs::write(cat.path().join("kakao/hints-draft.yaml"), "services: []\n").unwrap();
    std::fs::write(cat.path().join("notes/todo.yaml"), "- review\n").unwrap();
    let args = [
        "import",
        "--sources",
        "tests/fixtures/nhn/sources",
        "--date",
        "2024-01-01",
        "--catalog",
        s(cat.path()),
    ];
    for _ in 0..2 {
        let o = xtask(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains(", 0 removed"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(cat.path().join("kakao/hints-draft.yaml")).unwrap(),
        "services: []\n"
    );
    assert_eq!(
        std::fs::read_to_string(cat.path().join("notes/todo.yaml")).unwrap(),
        "- review\n"
    );
}

/// One writer at a time: a second one waits, then stops naming the lock; readers wait too;
/// two gens started together both succeed, one after the other.
#[test]
fn one_writer_at_a_time() {
    let cat = imported_catalog();
    let c = s(cat.path()).to_owned();
    let out = tempfile::tempdir().unwrap();
    // A lock held by a running process (this test).
    std::fs::write(
        out.path().join(".xtask-lock"),
        format!("pid {}\ncommand cargo xtask gen\n", std::process::id()),
    )
    .unwrap();
    let quick = [("XTASK_LOCK_WAIT_MS", "300")];
    for args in [
        vec!["gen", "--catalog", &c, "--out", s(out.path())],
        vec!["gen", "--check", "--catalog", &c, "--out", s(out.path())],
    ] {
        let o = xtask_env(&args, &quick);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(".xtask-lock: another `cargo xtask` command is writing this folder: `cargo xtask gen`"),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("delete the lock (`rm "),
            "{}",
            stderr(&o)
        );
    }
    std::fs::remove_file(out.path().join(".xtask-lock")).unwrap();
    for _ in 0..3 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_xtask"))
                .args(["gen", "--catalog", &c, "--out", s(out.path())])
                .current_dir(workspace())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for o in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        let o = xtask(&["gen", "--check", "--catalog", &c, "--out", s(out.path())]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            !tree(out.path()).keys().any(|k| k.contains(".xtask-"))
                || tree(out.path()).keys().all(|k| !k.contains("xtask-tmp")
                    && !k.contains("xtask-lock")
                    && !k.contains("xtask-journal"))
        );
    }
}

/// A docs clone whose own git config names programs (a signature checker, an fsmonitor, a
/// pager, an external diff) cannot make the import run them, with --git or with --sources
/// dated by the folder's commit.
#[test]
fn git_config_of_the_docs_cannot_start_programs() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("docs");
    let marker = tmp.path().join("ran");
    let script = tmp.path().join("evil.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ntouch {}\nexit 1\n", s(&marker)),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap().trim().to_owned()
    };
    std::fs::create_dir_all(repo.join("ko")).unwrap();
    std::fs::copy(
        workspace().join("tests/fixtures/nhn/sources/nhn/ko/event-list.md"),
        repo.join("ko/event-list.md"),
    )
    .unwrap();
    git(&["init", "-q", "-b", "release"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    // A signed-looking commit on top, so that showing signatures has something to check.
    let commit = format!(
        "tree {}\nparent {}\nauthor t <t@t> 1700000000 +0000\ncommitter t <t@t> 1700000000 +0000\n\
         gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\ntwo\n",
        git(&["rev-parse", "HEAD^{tree}"]),
        git(&["rev-parse", "HEAD"])
    );
    std::fs::write(tmp.path().join("commit.txt"), commit).unwrap();
    let id = git(&[
        "hash-object",
        "-t",
        "commit",
        "-w",
        s(&tmp.path().join("commit.txt")),
    ]);
    git(&["update-ref", "refs/heads/release", &id]);
    for (key, value) in [
        ("log.showSignature", "true"),
        ("gpg.program", s(&script)),
        ("core.fsmonitor", s(&script)),
        ("core.pager", s(&script)),
        ("diff.external", s(&script)),
    ] {
        git(&["config", key, value]);
    }
    // The setup can show the danger: git itself runs the program for this repository.
    let o = Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["log", "-1"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        marker.exists(),
        "the fixture's config starts the script when git is run plainly"
    );
    std::fs::remove_file(&marker).unwrap();

    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    for args in [
        vec!["import", "--git", s(&repo), "--catalog", s(cat.path())],
        vec!["import", "--sources", s(&repo), "--catalog", s(cat.path())],
    ] {
        let o = xtask(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            !marker.exists(),
            "{args:?} ran a program the repository's config names"
        );
    }
}

/// `--sources DIR` reads what is below DIR: a link to a file elsewhere stops the import, and a
/// current list with nothing to read stops it too (skipping would retire its events).
#[test]
fn sources_stay_inside_their_folder() {
    let cat = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("tests/fixtures/nhn/catalog"), cat.path());
    let sources = tempfile::tempdir().unwrap();
    copy_tree(
        &workspace().join("tests/fixtures/nhn/sources"),
        sources.path(),
    );
    let list = sources.path().join("nhn/en/event-list.md");
    let run = || {
        xtask(&[
            "import",
            "--sources",
            s(sources.path()),
            "--date",
            "2024-01-01",
            "--catalog",
            s(cat.path()),
        ])
    };
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("list.md");
    std::fs::copy(&list, &copy).unwrap();
    std::fs::remove_file(&list).unwrap();
    std::os::unix::fs::symlink(&copy, &list).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("event-list.md: a symbolic link to"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&list).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", &list).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("outside"), "{}", stderr(&o));
    std::fs::remove_file(&list).unwrap();
    std::fs::write(&list, "The event list moved to the console.\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("must hold one (skipping it would retire"),
        "{}",
        stderr(&o)
    );
    assert!(!cat.path().join("nhn/events").exists(), "nothing written");
}

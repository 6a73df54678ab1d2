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
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
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
            let before = tree(cat.path());
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
            assert_eq!(tree(cat.path()), before, "{what}: nothing written");
        }
        assert!(tree(out.path()).is_empty(), "{what}: gen wrote nothing");
    }
}

fn edit(cat: &Path, rel: &str, from: &str, to: &str) {
    let p = cat.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(p, text.replacen(from, to, 1)).unwrap();
}

//! Import speed: parse every document of `../shared/sources` and build the catalogue, as
//! `cargo xtask import` does minus the file writes. Skipped, with a note, when the folder is
//! absent. Target: under 200 ms in a release build on one core.
//!
//! ```text
//! cargo bench -p xtask --features bench --bench import
//! ```

use std::path::{Path, PathBuf};

use trail_sources::SourceDoc;

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every document below `dir` that import reads, loaded, sorted by path (as `trail_import` finds
/// and loads them).
fn load(dir: &Path) -> Vec<SourceDoc> {
    trail_import::discover(dir)
        .unwrap()
        .iter()
        .map(|rel| trail_import::load_doc(&dir.join(rel), rel).unwrap())
        .collect()
}

/// Reads every document and builds the catalogue and the cross-checks: `trail_import`'s
/// observation of a folder, minus the file reads and the merge.
fn import(docs: &[SourceDoc], hand: &trail_catalog::model::HandWritten) -> usize {
    let (extracted, skipped) = trail_import::extract_all(docs, hand).unwrap();
    let (catalog, findings) = trail_import::observe(&extracted, hand);
    catalog.nhn.events.len() + skipped.len() + findings.len()
}

#[divan::bench(sample_count = 20)]
fn parse_and_build(bencher: divan::Bencher) {
    let dir = workspace().join("../shared/sources");
    if !dir.is_dir() {
        eprintln!("note: {} not found; nothing to benchmark", dir.display());
        return;
    }
    let docs = load(&dir);
    let hand =
        trail_catalog::io::load_hand_written(&workspace().join("catalog")).unwrap_or_default();
    bencher.bench(|| import(divan::black_box(&docs), &hand));
}

#[divan::bench(sample_count = 20)]
fn parse_nhn_event_lists(bencher: divan::Bencher) {
    let dir = workspace().join("../shared/sources");
    if !dir.is_dir() {
        return;
    }
    let docs: Vec<SourceDoc> = load(&dir)
        .into_iter()
        .filter(|d| d.path.ends_with("event-list.md"))
        .collect();
    bencher.bench(|| {
        docs.iter()
            .map(|d| trail_sources::nhn::read(divan::black_box(d)).map_or(0, |r| r.records.len()))
            .sum::<usize>()
    });
}

/// `cargo xtask import --git` over the upstream bundle (every revision of every event list since
/// 2019), end to end as a user runs it: a release `xtask` process reading git, parsing and
/// folding the history, merging it into a copy of the committed catalogue and comparing the
/// result with it (`--check`, so nothing is written). Skipped, with a note, without
/// `../shared/upstream`.
#[divan::bench(sample_count = 5)]
fn import_git_history(bencher: divan::Bencher) {
    let bundle = workspace().join("../shared/upstream/cloudtrail-docs.bundle");
    if !bundle.is_file() {
        eprintln!("note: {} not found; nothing to benchmark", bundle.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("docs");
    let st = std::process::Command::new("git")
        .args(["-c", "init.defaultBranch=release", "clone", "-q"])
        .arg(&bundle)
        .arg(&clone)
        .status()
        .unwrap();
    assert!(st.success());
    let catalog = workspace().join("catalog");
    bencher.bench(|| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["import", "--git"])
            .arg(&clone)
            .arg("--catalog")
            .arg(&catalog)
            .arg("--check")
            .output()
            .unwrap();
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    });
}

//! Import speed: parse every document of `../shared/sources` and build the catalogue, as
//! `cargo xtask import` does minus the file writes. Skipped, with a note, when the folder is
//! absent. Target: under 200 ms in a release build on one core.
//!
//! ```text
//! cargo bench -p xtask --features bench --bench import
//! ```

use std::path::{Path, PathBuf};

use trail_sources::{Extracted, ReadContext, SourceDoc};

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every `.md` and `.txt` document below `dir` except READMEs, loaded, sorted by path.
fn load(dir: &Path) -> Vec<SourceDoc> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceDoc>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                walk(root, &p, out);
            } else if (name.ends_with(".md") || name.ends_with(".txt"))
                && !name.eq_ignore_ascii_case("README.md")
            {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(trail_sources::decode(&rel, &std::fs::read(&p).unwrap()).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// Reads every document and builds the catalogue and the cross-checks, as import does.
fn import(docs: &[SourceDoc], hand: &trail_catalog::model::HandWritten) -> usize {
    let ctx = ReadContext {
        kakao_hints: hand.kakao_hints.clone(),
    };
    let extracted: Vec<Extracted> = docs
        .iter()
        .filter_map(|d| {
            let kind = trail_sources::detect_kind(d).ok()?;
            trail_sources::extract(d, kind, &ctx).ok()
        })
        .collect();
    let (catalog, diags) = trail_catalog::build::build(&extracted, hand);
    let findings = trail_checks::run(&extracted, &catalog);
    catalog.nhn.events.len() + diags.len() + findings.len()
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

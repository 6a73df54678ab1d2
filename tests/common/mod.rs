//! Helpers shared by the integration tests (each test file includes this module with
//! `mod common;`; not every test uses every helper).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (the tests are targets of the `xtask` package, one folder below it).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The stamp the emitter tests write their files with (a made-up catalogue hash, so that the
/// snapshots do not change with the fixture).
pub fn stamp() -> trail_catalog::hash::Stamp {
    trail_catalog::hash::Stamp {
        command: "cargo xtask gen".into(),
        catalog_hash: "sha256:0123456789abcdef".into(),
    }
}

/// The fixture catalogue, `tests/fixtures/catalog/`, as `trail_catalog::io::load` reads it.
pub fn fixture_catalog() -> trail_catalog::Catalog {
    trail_catalog::io::load(&workspace().join("tests/fixtures/catalog"))
        .expect("the fixture catalogue loads")
}

/// `../shared/<rel>`, the vendor documents beside the workspace, when it is there. When it is
/// not, the test is skipped with a note, except under CI (`CI` set), which has it: there the
/// test fails.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = workspace().join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have {}; it is missing",
        path.display()
    );
    eprintln!("note: {} not found; skipping this test", path.display());
    None
}

/// Runs the `xtask` binary in the workspace root.
pub fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap()
}

/// Runs `cargo xtask gen` of the catalogue folder `catalog` into the folder `out`.
pub fn gen_into(catalog: &str, out: &Path) -> Output {
    xtask(&["gen", "--catalog", catalog, "--out", out.to_str().unwrap()])
}

/// Every file below `dir`, relative path (`/`-separated) -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Copies every file below `from` to the same place below `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

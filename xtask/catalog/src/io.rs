//! The file layout of `catalog/`, and writing trees of files all-or-nothing.
//!
//! ```text
//! catalog/
//!   findings.yaml            written by import: every finding, plus coverage
//!   roles.yaml               written by import: role rules of both providers
//!   nhn/services.yaml        written by import
//!   nhn/lists.yaml           written by import: when each event list was last observed
//!   nhn/events/<ns>.yaml     written by import, one file per ID namespace (`event_id.<ns>.…`)
//!   nhn/api.yaml             written by import: the search API from the API guide
//!   nhn/overrides.yaml       hand-written
//!   nhn/waivers.yaml         hand-written
//!   kakao/events/<svc>.yaml  written by import, one file per service
//!   kakao/versions.yaml      written by import
//!   kakao/hints.yaml         hand-written
//!   kakao/overrides.yaml     hand-written
//!   kakao/waivers.yaml       hand-written
//! ```
//!
//! Files written by import start with a comment naming the command and the
//! schema; hand-written files are never touched by any command.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Catalog, Findings, HandWritten, KakaoCatalog, NhnCatalog, Roles};
use crate::model::{ApiSpec, KakaoEvent, NhnEvent, NhnService, nhn::slug};

/// Paths of the hand-written files, relative to the catalogue root.
pub const HAND_WRITTEN: &[&str] = &[
    "kakao/hints.yaml",
    "kakao/overrides.yaml",
    "kakao/waivers.yaml",
    "nhn/overrides.yaml",
    "nhn/waivers.yaml",
];

/// A problem loading or writing files. Callers print it and exit with code 2.
#[derive(Debug)]
pub struct IoError {
    /// The file involved, as given.
    pub path: PathBuf,
    /// What went wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for IoError {}

fn io_err(path: &Path, e: impl std::fmt::Display) -> IoError {
    IoError { path: path.to_path_buf(), message: e.to_string() }
}

/// A set of files to write: path relative to a root -> contents. Sorted by path.
pub type Tree = BTreeMap<String, String>;

/// Serialises a catalogue part as YAML.
fn yaml<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("catalogue types always serialise")
}

fn import_header(schema: &str) -> String {
    let mut h = String::new();
    let _ = writeln!(h, "# yaml-language-server: $schema={schema}");
    let _ = writeln!(h, "# Written by `cargo xtask import`; do not edit by hand.");
    let _ = writeln!(h, "# Corrections belong in overrides.yaml, acknowledged findings in waivers.yaml.");
    h
}

/// The relative path, from a catalogue file at `rel`, of the schema file `name` in `generated/schema/`.
fn schema_ref(rel: &str, name: &str) -> String {
    let depth = rel.matches('/').count() + 1; // +1 for catalog/ itself
    format!("{}generated/schema/{name}", "../".repeat(depth))
}

/// The files import writes for `catalog`, relative to the catalogue root.
pub fn render(catalog: &Catalog) -> Tree {
    let mut tree = Tree::new();
    let mut put = |rel: String, schema: &str, yaml: String| {
        let header = import_header(&schema_ref(&rel, schema));
        tree.insert(rel, format!("{header}{yaml}"));
    };

    put("findings.yaml".into(), "findings.schema.json", yaml(&catalog.findings));
    put("roles.yaml".into(), "roles.schema.json", yaml(&catalog.roles));
    put("nhn/services.yaml".into(), "nhn-services.schema.json", yaml(&catalog.nhn.services));
    if !catalog.nhn.lists.is_empty() {
        put("nhn/lists.yaml".into(), "nhn-lists.schema.json", yaml(&catalog.nhn.lists));
    }
    put("nhn/api.yaml".into(), "api.schema.json", yaml(&catalog.api));
    let mut by_ns: BTreeMap<String, Vec<&NhnEvent>> = BTreeMap::new();
    for e in &catalog.nhn.events {
        by_ns.entry(nhn_namespace(&e.id)).or_default().push(e);
    }
    for (ns, events) in by_ns {
        put(format!("nhn/events/{ns}.yaml"), "nhn-events.schema.json", yaml(&events));
    }
    let mut by_service: BTreeMap<String, Vec<&KakaoEvent>> = BTreeMap::new();
    for e in &catalog.kakao.events {
        by_service.entry(slug(&e.service)).or_default().push(e);
    }
    for (svc, events) in by_service {
        put(format!("kakao/events/{svc}.yaml"), "kakao-events.schema.json", yaml(&events));
    }
    put("kakao/versions.yaml".into(), "kakao-versions.schema.json", yaml(&catalog.kakao.versions));
    tree
}

/// The file an NHN event is stored in: the segment after `event_id.` (`iaas` for
/// `event_id.iaas.instance.create`), slugged; `other` when there is none.
pub fn nhn_namespace(id: &str) -> String {
    let ns = id.split('.').nth(1).map(slug).unwrap_or_default();
    if ns.is_empty() { "other".into() } else { ns }
}

/// Whether `rel` (relative to the catalogue root) is a file import owns.
pub fn is_import_owned(rel: &str) -> bool {
    rel.ends_with(".yaml") && !HAND_WRITTEN.contains(&rel)
}

fn read_yaml<T: DeserializeOwned + Default>(root: &Path, rel: &str, required: bool) -> Result<T, IoError> {
    let path = root.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_yaml::from_str(&text).map_err(|e| {
            let loc = e.location().map(|l| format!(":{}:{}", l.line(), l.column())).unwrap_or_default();
            IoError {
                path: PathBuf::from(format!("{}{loc}", path.display())),
                message: format!("{e}; fix the file by hand or re-run `cargo xtask import`"),
            }
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(T::default()),
        Err(e) => Err(io_err(&path, e)),
    }
}

/// Loads the hand-written files only (what import needs before it reads the docs).
pub fn load_hand_written(root: &Path) -> Result<HandWritten, IoError> {
    Ok(HandWritten {
        nhn_overrides: read_yaml(root, "nhn/overrides.yaml", false)?,
        nhn_waivers: read_yaml(root, "nhn/waivers.yaml", false)?,
        kakao_overrides: read_yaml(root, "kakao/overrides.yaml", false)?,
        kakao_waivers: read_yaml(root, "kakao/waivers.yaml", false)?,
        kakao_hints: read_yaml(root, "kakao/hints.yaml", false)?,
    })
}

/// Whether `root` holds any file import writes (else import starts from an empty catalogue).
pub fn has_imported_files(root: &Path) -> bool {
    list_owned(root, &|rel: &str| is_import_owned(rel)).is_ok_and(|f| !f.is_empty())
}

/// Loads the whole catalogue from `root` (normally `catalog/`).
pub fn load(root: &Path) -> Result<Catalog, IoError> {
    if !root.is_dir() {
        return Err(io_err(root, "no catalogue here; run `cargo xtask import --sources DIR` first"));
    }
    let mut nhn = NhnCatalog {
        services: read_yaml::<Vec<NhnService>>(root, "nhn/services.yaml", true)?,
        events: Vec::new(),
        lists: read_yaml(root, "nhn/lists.yaml", false)?,
    };
    for rel in list_yaml(root, "nhn/events")? {
        nhn.events.extend(read_yaml::<Vec<NhnEvent>>(root, &rel, true)?);
    }
    nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
    let mut kakao = KakaoCatalog {
        events: Vec::new(),
        versions: read_yaml(root, "kakao/versions.yaml", true)?,
    };
    for rel in list_yaml(root, "kakao/events")? {
        kakao.events.extend(read_yaml::<Vec<KakaoEvent>>(root, &rel, true)?);
    }
    kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Catalog {
        nhn,
        kakao,
        roles: read_yaml::<Roles>(root, "roles.yaml", true)?,
        api: read_yaml::<ApiSpec>(root, "nhn/api.yaml", true)?,
        findings: read_yaml::<Findings>(root, "findings.yaml", true)?,
        hand: load_hand_written(root)?,
    })
}

/// The `.yaml` files directly in `root/dir`, as relative paths, sorted.
fn list_yaml(root: &Path, dir: &str) -> Result<Vec<String>, IoError> {
    let path = root.join(dir);
    let entries = match std::fs::read_dir(&path) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&path, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let name = entry.map_err(|e| io_err(&path, e))?.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".yaml") {
            out.push(format!("{dir}/{name}"));
        }
    }
    out.sort();
    Ok(out)
}

/// Every file below `root` (recursively) for which `owned` holds, relative and `/`-separated, sorted.
pub fn list_owned(root: &Path, owned: &dyn Fn(&str) -> bool) -> Result<Vec<String>, IoError> {
    fn walk(root: &Path, dir: &Path, owned: &dyn Fn(&str) -> bool, out: &mut Vec<String>) -> Result<(), IoError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_err(dir, e))?;
            let path = entry.path();
            let ty = entry.file_type().map_err(|e| io_err(&path, e))?;
            if ty.is_dir() {
                walk(root, &path, owned, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if owned(&rel) {
                    out.push(rel);
                }
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, root, owned, &mut out)?;
    out.sort();
    Ok(out)
}

/// How a tree on disk differs from the tree a command would write.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files that would be created.
    pub missing: Vec<String>,
    /// Files whose contents would change, with the first differing line (1-based).
    pub changed: Vec<(String, usize)>,
    /// Files that would be deleted (owned by the command, no longer produced).
    pub stale: Vec<String>,
}

impl Drift {
    /// Whether disk already matches.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.stale.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.missing {
            writeln!(f, "  missing: {p}")?;
        }
        for (p, line) in &self.changed {
            writeln!(f, "  changed: {p}:{line}")?;
        }
        for p in &self.stale {
            writeln!(f, "  stale:   {p} (no longer produced)")?;
        }
        Ok(())
    }
}

/// Compares `tree` with the files below `root` that `owned` selects.
pub fn diff_tree(root: &Path, tree: &Tree, owned: &dyn Fn(&str) -> bool) -> Result<Drift, IoError> {
    let mut drift = Drift::default();
    for (rel, want) in tree {
        let path = root.join(rel);
        match std::fs::read(&path) {
            Ok(have) if have == want.as_bytes() => {}
            Ok(have) => {
                let have = String::from_utf8_lossy(&have);
                let line = have
                    .lines()
                    .zip(want.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| have.lines().count().min(want.lines().count()))
                    + 1;
                drift.changed.push((rel.clone(), line));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(rel.clone()),
            Err(e) => return Err(io_err(&path, e)),
        }
    }
    for rel in list_owned(root, owned)? {
        if !tree.contains_key(&rel) {
            drift.stale.push(rel);
        }
    }
    Ok(drift)
}

/// Writes `tree` below `root`, all or nothing, and deletes owned files it no longer contains.
///
/// Every file is first written to a temporary sibling (`.name.tmp`); only when all
/// of them are written are they renamed into place. A failure before the renames
/// removes the temporaries and leaves `root` as it was. Unchanged files are not rewritten.
pub fn write_tree(root: &Path, tree: &Tree, owned: &dyn Fn(&str) -> bool) -> Result<Drift, IoError> {
    let drift = diff_tree(root, tree, owned)?;
    let to_write: Vec<&String> =
        drift.missing.iter().chain(drift.changed.iter().map(|(p, _)| p)).collect();
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for rel in &to_write {
            let dest = root.join(rel);
            let dir = dest.parent().expect("relative paths have a parent below root");
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
            let name = dest.file_name().expect("files have names").to_string_lossy();
            let tmp = dir.join(format!(".{name}.tmp"));
            std::fs::write(&tmp, tree[*rel].as_bytes()).map_err(|e| io_err(&tmp, e))?;
            temps.push((tmp, dest));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &temps {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, dest) in &temps {
        std::fs::rename(tmp, dest).map_err(|e| io_err(dest, e))?;
    }
    for rel in &drift.stale {
        let path = root.join(rel);
        std::fs::remove_file(&path).map_err(|e| io_err(&path, e))?;
    }
    Ok(drift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_check_is_clean_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let owned = |p: &str| p.ends_with(".yaml");
        std::fs::write(dir.path().join("old.yaml"), "x").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
        let mut tree = Tree::new();
        tree.insert("a/b.yaml".into(), "one\ntwo\n".into());
        let drift = write_tree(dir.path(), &tree, &owned).unwrap();
        assert_eq!(drift.missing, ["a/b.yaml"]);
        assert_eq!(drift.stale, ["old.yaml"]);
        assert!(dir.path().join("keep.txt").exists());
        assert!(diff_tree(dir.path(), &tree, &owned).unwrap().is_empty());
        tree.insert("a/b.yaml".into(), "one\nTWO\n".into());
        assert_eq!(diff_tree(dir.path(), &tree, &owned).unwrap().changed, [("a/b.yaml".to_string(), 2)]);
    }

    #[test]
    fn schema_refs_climb_to_the_workspace() {
        assert_eq!(schema_ref("roles.yaml", "x.json"), "../generated/schema/x.json");
        assert_eq!(schema_ref("nhn/events/iaas.yaml", "x.json"), "../../../generated/schema/x.json");
    }
}

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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{ApiSpec, KakaoEvent, NhnEvent, NhnService, nhn::slug};
use crate::model::{Catalog, Findings, HandWritten, KakaoCatalog, NhnCatalog, Roles};

/// Paths of the hand-written files, relative to the catalogue root.
pub const HAND_WRITTEN: &[&str] = &[
    "classification.yaml",
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
    IoError {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
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
    let _ = writeln!(
        h,
        "# Corrections belong in overrides.yaml, acknowledged findings in waivers.yaml."
    );
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

    put(
        "findings.yaml".into(),
        "findings.schema.json",
        yaml(&catalog.findings),
    );
    put(
        "roles.yaml".into(),
        "roles.schema.json",
        yaml(&catalog.roles),
    );
    put(
        "nhn/services.yaml".into(),
        "nhn-services.schema.json",
        yaml(&catalog.nhn.services),
    );
    if !catalog.nhn.lists.is_empty() {
        put(
            "nhn/lists.yaml".into(),
            "nhn-lists.schema.json",
            yaml(&catalog.nhn.lists),
        );
    }
    put("nhn/api.yaml".into(), "api.schema.json", yaml(&catalog.api));
    let mut by_ns: BTreeMap<String, Vec<&NhnEvent>> = BTreeMap::new();
    for e in &catalog.nhn.events {
        by_ns.entry(nhn_namespace(&e.id)).or_default().push(e);
    }
    for (ns, events) in by_ns {
        put(
            format!("nhn/events/{ns}.yaml"),
            "nhn-events.schema.json",
            yaml(&events),
        );
    }
    let mut by_service: BTreeMap<String, Vec<&KakaoEvent>> = BTreeMap::new();
    for e in &catalog.kakao.events {
        by_service.entry(slug(&e.service)).or_default().push(e);
    }
    for (svc, events) in by_service {
        put(
            format!("kakao/events/{svc}.yaml"),
            "kakao-events.schema.json",
            yaml(&events),
        );
    }
    put(
        "kakao/versions.yaml".into(),
        "kakao-versions.schema.json",
        yaml(&catalog.kakao.versions),
    );
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

/// Parses the YAML `text` of the file at `path`; an error names the file, line and column.
fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, IoError> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        IoError {
            path: PathBuf::from(format!("{}{loc}", path.display())),
            message: format!("{e}; fix the file by hand or re-run `cargo xtask import`"),
        }
    })
}

fn read_yaml<T: DeserializeOwned + Default>(
    root: &Path,
    rel: &str,
    required: bool,
) -> Result<T, IoError> {
    let path = root.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_yaml(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(T::default()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && HAND_WRITTEN.contains(&rel) => {
            Err(io_err(
                &path,
                "missing: every catalogue has this hand-written file (the import needs it; reading it as empty \
             would drop what it describes); restore it from git, or create it empty (`{}`)",
            ))
        }
        Err(e) => Err(io_err(&path, e)),
    }
}

/// Loads the hand-written files only (what import needs before it reads the docs).
pub fn load_hand_written(root: &Path) -> Result<HandWritten, IoError> {
    Ok(HandWritten {
        nhn_overrides: read_yaml(root, "nhn/overrides.yaml", true)?,
        nhn_waivers: read_yaml(root, "nhn/waivers.yaml", true)?,
        kakao_overrides: read_yaml(root, "kakao/overrides.yaml", true)?,
        kakao_waivers: read_yaml(root, "kakao/waivers.yaml", true)?,
        kakao_hints: read_yaml(root, "kakao/hints.yaml", true)?,
        classification: read_yaml(root, "classification.yaml", false)?,
    })
}

/// Whether `root` holds any file import writes (else import starts from an empty catalogue).
pub fn has_imported_files(root: &Path) -> bool {
    list_owned(root, &|rel: &str| is_import_owned(rel)).is_ok_and(|f| !f.is_empty())
}

/// Loads the whole catalogue from `root` (normally `catalog/`).
pub fn load(root: &Path) -> Result<Catalog, IoError> {
    if !root.is_dir() {
        return Err(io_err(
            root,
            "no catalogue here; run the import of the README (`cargo xtask import ...`) first",
        ));
    }
    recover(root)?;
    let mut problems = Problems::default();
    let mut nhn = NhnCatalog {
        services: read_yaml::<Vec<NhnService>>(root, "nhn/services.yaml", true)?,
        events: Vec::new(),
        lists: read_yaml(root, "nhn/lists.yaml", false)?,
    };
    for (e, rel, line) in read_events(
        root,
        "nhn/events",
        "id",
        |e: &NhnEvent| &e.id,
        "event ID",
        &mut problems,
    )? {
        if let Err(why) = crate::model::nhn::well_formed(&e.id) {
            problems.add(&rel, line, &format!("malformed event ID {:?}: {why}", e.id));
        }
        for key in &e.services {
            if nhn.service(key).is_none() {
                problems.add(
                    &rel,
                    line,
                    &format!(
                        "{}: unknown service key {key:?} (not in nhn/services.yaml)",
                        e.id
                    ),
                );
            }
        }
        for (locale, name) in &e.names {
            if name.trim().is_empty() {
                problems.add(
                    &rel,
                    line,
                    &format!(
                        "{}: empty {locale} name; remove the entry of that locale",
                        e.id
                    ),
                );
            }
        }
        if let Some(Err(why)) = e.meaning.as_ref().map(crate::classify::check_meaning) {
            problems.add(&rel, line, &format!("{}: meaning: {why}", e.id));
        }
        nhn.events.push(e);
    }
    nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
    let mut kakao = KakaoCatalog {
        events: Vec::new(),
        versions: read_yaml(root, "kakao/versions.yaml", true)?,
    };
    for (e, rel, line) in read_events(
        root,
        "kakao/events",
        "key",
        |e: &KakaoEvent| &e.key,
        "event key",
        &mut problems,
    )? {
        if e.name.en.trim().is_empty() || e.key.trim().is_empty() {
            problems.add(&rel, line, &format!("{:?}: empty key or name", e.key));
        }
        if let Some(Err(why)) = e.meaning.as_ref().map(crate::classify::check_meaning) {
            problems.add(&rel, line, &format!("{}: meaning: {why}", e.key));
        }
        kakao.events.push(e);
    }
    kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    let hand = load_hand_written(root)?;
    let overrides_text =
        std::fs::read_to_string(root.join("nhn/overrides.yaml")).unwrap_or_default();
    let mut froms = BTreeSet::new();
    for o in &hand.nhn_overrides.ids {
        let line = line_of(&overrides_text, "from", &o.from);
        if let Err(why) = crate::model::nhn::well_formed(&o.to) {
            problems.add(
                "nhn/overrides.yaml",
                line,
                &format!(
                    "the override of {:?} corrects it to a malformed ID {:?}: {why}",
                    o.from, o.to
                ),
            );
        }
        if !froms.insert(o.from.as_str()) {
            problems.add(
                "nhn/overrides.yaml",
                line,
                &format!("{:?} is overridden twice", o.from),
            );
        }
    }
    let classification_text =
        std::fs::read_to_string(root.join("classification.yaml")).unwrap_or_default();
    for (event, why) in crate::classify::check_overrides(&hand.classification) {
        let line = line_of(&classification_text, "event", &event);
        problems.add("classification.yaml", line, &format!("{event}: {why}"));
    }
    problems.into_result(root)?;
    Ok(Catalog {
        nhn,
        kakao,
        roles: read_yaml::<Roles>(root, "roles.yaml", true)?,
        api: read_yaml::<ApiSpec>(root, "nhn/api.yaml", true)?,
        findings: read_yaml::<Findings>(root, "findings.yaml", true)?,
        hand,
    })
}

/// Every entry of the events files in `root/dir`, with its file and the line of its `field`
/// (`id: …`), checking what every events folder needs: no file without entries (its events would
/// vanish), no key (`what`) in two places.
fn read_events<T: DeserializeOwned>(
    root: &Path,
    dir: &str,
    field: &str,
    key: impl Fn(&T) -> &String,
    what: &str,
    problems: &mut Problems,
) -> Result<Vec<(T, String, u32)>, IoError> {
    let mut at: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut out = Vec::new();
    for rel in list_yaml(root, dir)? {
        let path = root.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
        let entries: Vec<T> = parse_yaml(&path, &text)?;
        if entries.is_empty() {
            problems.add(&rel, 1, "an events file with no event: its events would vanish; restore it from git or delete the file");
        }
        for e in entries {
            let k = key(&e).clone();
            let line = line_of(&text, field, &k);
            if let Some((other, l)) = at.insert(k.clone(), (rel.clone(), line)) {
                problems.add(
                    &rel,
                    line,
                    &format!("{what} {k} is also at {other}:{l}; it is catalogued once"),
                );
            }
            out.push((e, rel.clone(), line));
        }
    }
    Ok(out)
}

/// What is wrong with the catalogue files, as `file:line: message` lines.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, rel: &str, line: u32, message: &str) {
        self.0.push(format!("catalog/{rel}:{line}: {message}"));
    }

    /// Exit 2 naming every problem (the first 20), or nothing.
    fn into_result(self, root: &Path) -> Result<(), IoError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let shown: Vec<&str> = self.0.iter().take(20).map(String::as_str).collect();
        let more = if self.0.len() > 20 {
            format!("\n  … and {} more", self.0.len() - 20)
        } else {
            String::new()
        };
        Err(io_err(
            root,
            format!(
                "the catalogue does not load ({} problems); fix the hand edits or re-run the import:\n  {}{more}",
                self.0.len(),
                shown.join("\n  ")
            ),
        ))
    }
}

/// The 1-based line of `key: value` in a YAML text (the first, or 1 when not found).
fn line_of(text: &str, key: &str, value: &str) -> u32 {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == value)
        })
        .map_or(1, |i| i as u32 + 1)
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

/// Every file below `root` (recursively) for which `owned` holds, relative and `/`-separated,
/// sorted. Entries that are not regular files (FIFOs, sockets, folders named like a file) are
/// listed too, so that reading them fails loudly.
pub fn list_owned(root: &Path, owned: &dyn Fn(&str) -> bool) -> Result<Vec<String>, IoError> {
    fn walk(
        root: &Path,
        dir: &Path,
        owned: &dyn Fn(&str) -> bool,
        out: &mut Vec<String>,
    ) -> Result<(), IoError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_err(dir, e))?;
            let path = entry.path();
            let ty = entry.file_type().map_err(|e| io_err(&path, e))?;
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            // A folder named like a file (`event-list.md/`) is listed, not walked: reading it as
            // a document then fails with a clear error instead of its content going unnoticed.
            let file_like = entry.file_name().to_string_lossy().contains('.');
            if ty.is_dir() && !(file_like && owned(&rel)) {
                walk(root, &path, owned, out)?;
            } else if owned(&rel) {
                out.push(rel);
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
    recover(root)?;
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

/// The journal of a write in progress, in the root of the tree being written.
pub const JOURNAL: &str = ".xtask-journal";
/// The suffix of the temporary files a write prepares beside their destinations.
const TMP_SUFFIX: &str = ".xtask-tmp";

/// One step of a committed write.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Step {
    /// Rename the prepared temporary file (relative path) onto the destination.
    Rename(String, String),
    /// Delete a file the tree no longer contains.
    Delete(String),
}

/// Finishes or undoes a write that was interrupted (killed, power lost) in `root`.
///
/// A journal means the write was committed: its remaining steps are carried out (renaming a
/// temporary file that is already gone, or deleting a file already deleted, is a step done).
/// Temporary files without a journal belong to a write that never committed: they are removed.
/// Every command that reads or writes a tree calls this first, so it sees the old state or the
/// new one, never a mix.
pub fn recover(root: &Path) -> Result<(), IoError> {
    let journal = root.join(JOURNAL);
    match std::fs::read_to_string(&journal) {
        Ok(text) => {
            let steps: Vec<Step> = serde_json::from_str(&text).map_err(|e| {
                io_err(&journal, format!("an unreadable journal of an interrupted write ({e}); restore the folder from git"))
            })?;
            for step in steps {
                match step {
                    Step::Rename(tmp, dest) => {
                        let (tmp, dest) = (root.join(tmp), root.join(dest));
                        if tmp.exists() {
                            std::fs::rename(&tmp, &dest).map_err(|e| io_err(&dest, e))?;
                        }
                    }
                    Step::Delete(rel) => match std::fs::remove_file(root.join(&rel)) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(io_err(&root.join(rel), e));
                        }
                        _ => {}
                    },
                }
            }
            std::fs::remove_file(&journal).map_err(|e| io_err(&journal, e))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(&journal, e)),
    }
    let _ = std::fs::remove_file(root.join(format!("{JOURNAL}{TMP_SUFFIX}")));
    for rel in list_owned(root, &|rel: &str| rel.ends_with(TMP_SUFFIX))? {
        let path = root.join(&rel);
        std::fs::remove_file(&path).map_err(|e| io_err(&path, e))?;
    }
    Ok(())
}

/// A test hook to prove the write is all or nothing: `XTASK_TEST_CRASH_AT=prepared` aborts the
/// process once the temporary files are written (before the commit), `=N` after N steps of
/// the committed write. Unset in normal use.
fn crash_point(at: &str) {
    if std::env::var("XTASK_TEST_CRASH_AT").is_ok_and(|v| v == at) {
        std::process::abort();
    }
}

/// Writes `tree` below `root`, all or nothing, and deletes owned files it no longer contains.
///
/// Every changed file is first written to a temporary sibling (`.name.xtask-tmp`) and flushed
/// to disk. Then a journal listing every rename and deletion is written and renamed into place
/// (the commit), the steps are carried out and the journal is removed. A failure before the
/// commit removes the temporaries and leaves `root` as it was; a crash at any point is finished
/// or undone by the next command ([`recover`]). Unchanged files are not rewritten.
pub fn write_tree(
    root: &Path,
    tree: &Tree,
    owned: &dyn Fn(&str) -> bool,
) -> Result<Drift, IoError> {
    let drift = diff_tree(root, tree, owned)?;
    let to_write: Vec<&String> = drift
        .missing
        .iter()
        .chain(drift.changed.iter().map(|(p, _)| p))
        .collect();
    let mut steps: Vec<Step> = Vec::new();
    let result = (|| {
        for rel in &to_write {
            let dest = root.join(rel);
            let dir = dest
                .parent()
                .expect("relative paths have a parent below root");
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
            let name = dest
                .file_name()
                .expect("files have names")
                .to_string_lossy();
            let tmp_rel = match rel.rsplit_once('/') {
                Some((d, _)) => format!("{d}/.{name}{TMP_SUFFIX}"),
                None => format!(".{name}{TMP_SUFFIX}"),
            };
            let tmp = root.join(&tmp_rel);
            steps.push(Step::Rename(tmp_rel, rel.to_string()));
            write_synced(&tmp, tree[*rel].as_bytes())?;
        }
        steps.extend(drift.stale.iter().map(|rel| Step::Delete(rel.clone())));
        crash_point("prepared");
        if steps.is_empty() {
            return Ok(());
        }
        let journal_tmp = root.join(format!("{JOURNAL}{TMP_SUFFIX}"));
        let text = serde_json::to_string(&steps).expect("steps serialise");
        write_synced(&journal_tmp, text.as_bytes())?;
        std::fs::rename(&journal_tmp, root.join(JOURNAL))
            .map_err(|e| io_err(&root.join(JOURNAL), e))
    })();
    if let Err(e) = result {
        for step in &steps {
            if let Step::Rename(tmp, _) = step {
                let _ = std::fs::remove_file(root.join(tmp));
            }
        }
        return Err(e);
    }
    // Committed: from here on, an interruption is completed by the next command.
    for (i, step) in steps.iter().enumerate() {
        crash_point(&i.to_string());
        match step {
            Step::Rename(tmp, dest) => std::fs::rename(root.join(tmp), root.join(dest))
                .map_err(|e| io_err(&root.join(dest), e))?,
            Step::Delete(rel) => {
                std::fs::remove_file(root.join(rel)).map_err(|e| io_err(&root.join(rel), e))?
            }
        }
    }
    crash_point(&steps.len().to_string());
    if !steps.is_empty() {
        std::fs::remove_file(root.join(JOURNAL)).map_err(|e| io_err(&root.join(JOURNAL), e))?;
    }
    Ok(drift)
}

/// Writes a file and flushes it to disk, so that a committed journal never points at a
/// temporary file whose contents are still only in memory.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path).map_err(|e| io_err(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| io_err(path, e))
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
        assert_eq!(
            diff_tree(dir.path(), &tree, &owned).unwrap().changed,
            [("a/b.yaml".to_string(), 2)]
        );
    }

    #[test]
    fn schema_refs_climb_to_the_workspace() {
        assert_eq!(
            schema_ref("roles.yaml", "x.json"),
            "../generated/schema/x.json"
        );
        assert_eq!(
            schema_ref("nhn/events/iaas.yaml", "x.json"),
            "../../../generated/schema/x.json"
        );
    }
}

//! The file layout of `catalog/`: where each entry is stored, which files import owns, and loading
//! (with every check a hand edit must pass, naming file and line). Writing is [`crate::store`]'s job.
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
//!   classification.yaml      hand-written: corrections of what an event means
//! ```
//!
//! Files written by import start with a comment naming the command and the
//! schema; hand-written files are never touched by any command.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use crate::store::{JOURNAL, LOCK, Lock, MANIFEST, Owner, diff_tree, read_quietly};

use crate::model::{ApiSpec, KakaoEvent, NhnEvent, NhnService, nhn::slug};
use crate::model::{Catalog, Findings, HandWritten, KakaoCatalog, NhnCatalog, Roles};

/// Paths of the hand-written files, relative to the catalogue root.
pub(crate) const HAND_WRITTEN: &[&str] = &[
    "classification.yaml",
    "kakao/hints.yaml",
    "kakao/overrides.yaml",
    "kakao/waivers.yaml",
    "nhn/overrides.yaml",
    "nhn/waivers.yaml",
];

pub use trail_sources::IoError;

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
    let mut by_file: BTreeMap<String, Vec<&NhnEvent>> = BTreeMap::new();
    for e in &catalog.nhn.events {
        by_file.entry(nhn_events_file(&e.id)).or_default().push(e);
    }
    for (rel, events) in by_file {
        put(rel, "nhn-events.schema.json", yaml(&events));
    }
    let mut by_file: BTreeMap<String, Vec<&KakaoEvent>> = BTreeMap::new();
    for e in &catalog.kakao.events {
        by_file
            .entry(kakao_events_file(&e.service))
            .or_default()
            .push(e);
    }
    for (rel, events) in by_file {
        put(rel, "kakao-events.schema.json", yaml(&events));
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

/// The file (relative to the catalogue root) an NHN event ID is stored in:
/// `nhn/events/<namespace>.yaml`, see [`nhn_namespace`].
pub fn nhn_events_file(id: &str) -> String {
    format!("nhn/events/{}.yaml", nhn_namespace(id))
}

/// The file (relative to the catalogue root) a KakaoCloud event of `service` is stored in:
/// `kakao/events/<slug of the service>.yaml`.
pub fn kakao_events_file(service: &str) -> String {
    format!("kakao/events/{}.yaml", slug(service))
}

/// The files import writes at fixed places (the events files are one per namespace or service).
const IMPORT_FILES: &[&str] = &[
    "findings.yaml",
    "roles.yaml",
    "nhn/services.yaml",
    "nhn/lists.yaml",
    "nhn/api.yaml",
    "kakao/versions.yaml",
];

/// Whether `rel` (relative to the catalogue root) is a file import owns, by the layout alone:
/// the files of [`render`]'s layout, and the `.yaml` files directly in `nhn/events/` and
/// `kakao/events/`. Import overwrites and deletes only these; any other file in `catalog/`
/// (the hand-written ones, a draft, notes) is never touched.
pub fn is_import_owned(rel: &str) -> bool {
    IMPORT_FILES.contains(&rel)
        || ["nhn/events/", "kakao/events/"].iter().any(|dir| {
            rel.strip_prefix(dir).is_some_and(|name| {
                name.ends_with(".yaml") && !name.contains('/') && !name.starts_with('.')
            })
        })
}

/// The largest catalogue file read (the largest real one is under 1 MiB).
pub(crate) const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a catalogue file: a regular file (no link, FIFO or device), at most
/// [`MAX_FILE_BYTES`], UTF-8. `Ok(None)` when it does not exist.
pub fn read_text(path: &Path) -> Result<Option<String>, IoError> {
    read_plain_file(path, MAX_FILE_BYTES).map_err(|e| IoError {
        message: format!("{}; restore it from git", e.message),
        ..e
    })
}

/// Reads a file this tool reads or writes: a regular file (never through a link, never a FIFO
/// or device, which could block or never end), at most `limit` bytes, UTF-8. `Ok(None)` when it
/// does not exist.
pub(crate) fn read_plain_file(path: &Path, limit: u64) -> Result<Option<String>, IoError> {
    use std::io::Read as _;
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, e)),
        Ok(m) => m,
    };
    if !meta.is_file() {
        let what = if meta.file_type().is_symlink() {
            "a symbolic link"
        } else if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(io_err(
            path,
            format!("{what}, where this tool reads and writes only plain files"),
        ));
    }
    if meta.len() > limit {
        return Err(io_err(
            path,
            format!(
                "{} bytes, more than the {} MiB limit",
                meta.len(),
                limit >> 20
            ),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| io_err(path, e))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| io_err(path, format!("not UTF-8 ({e})")))
}

/// Parses the YAML `text` of the file at `path`; an error names the file, line and column.
/// Too deep a nesting is refused before parsing, and every mapping's keys must be unique (the
/// parser would keep one value of a duplicate key silently).
fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, IoError> {
    // An error the parser gives without a place (a second document) is put at the second
    // document's start, or the first line.
    let at = |loc: Option<serde_yaml::Location>| {
        let loc = loc.map_or_else(
            || {
                let second = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| l.starts_with("---") || l.starts_with("..."))
                    .nth(usize::from(text.starts_with("---")))
                    .map_or(1, |(i, _)| i + 1);
                format!(":{second}")
            },
            |l| format!(":{}:{}", l.line(), l.column()),
        );
        PathBuf::from(format!("{}{loc}", path.display()))
    };
    if let Some(line) = crate::validate::too_deep(text, crate::validate::MAX_DEPTH) {
        return Err(IoError {
            path: PathBuf::from(format!("{}:{line}", path.display())),
            message: format!(
                "nested deeper than {} levels; no catalogue file is: restore it from git",
                crate::validate::MAX_DEPTH
            ),
        });
    }
    let value = serde_yaml::from_str(text).map_err(|e| IoError {
        path: at(e.location()),
        message: format!("{e}; fix the file by hand or re-run `cargo xtask import`"),
    })?;
    // The same text again, as plain YAML values: their mappings refuse a key given twice.
    serde_yaml::from_str::<serde_yaml::Value>(text).map_err(|e| IoError {
        path: at(e.location()),
        message: format!("{e}; every key of a mapping is given once: delete one of them"),
    })?;
    Ok(value)
}

fn read_yaml<T: DeserializeOwned + Default>(
    root: &Path,
    rel: &str,
    required: bool,
) -> Result<T, IoError> {
    read_yaml_and_text(root, rel, required).map(|(value, _)| value)
}

/// As [`read_yaml`], with the file's text (empty for a missing optional file), for the lines of
/// its entries: one read of the file.
fn read_yaml_and_text<T: DeserializeOwned + Default>(
    root: &Path,
    rel: &str,
    required: bool,
) -> Result<(T, String), IoError> {
    let path = root.join(rel);
    match read_text(&path)? {
        Some(text) => Ok((parse_yaml(&path, &text)?, text)),
        None if !required => Ok((T::default(), String::new())),
        None if HAND_WRITTEN.contains(&rel) => Err(io_err(
            &path,
            "missing: every catalogue has this hand-written file (the import needs it; reading it as empty \
             would drop what it describes); restore it from git, or create it empty (`{}`)",
        )),
        None => Err(io_err(
            &path,
            "missing; restore it from git or re-run the import",
        )),
    }
}

/// Loads the hand-written files only (what import needs before it reads the docs), checking the
/// overrides: each corrects to a well-formed ID, once, straight (no chain, no cycle).
pub fn load_hand_written(root: &Path) -> Result<HandWritten, IoError> {
    hand_written_and_overrides_text(root).map(|(hand, _)| hand)
}

/// [`load_hand_written`], with the text of `nhn/overrides.yaml` (for [`load`]'s check of the
/// service corrections against the services): each file read once.
fn hand_written_and_overrides_text(root: &Path) -> Result<(HandWritten, String), IoError> {
    let (nhn_overrides, nhn_text) = read_yaml_and_text(root, "nhn/overrides.yaml", true)?;
    let (kakao_overrides, kakao_text) = read_yaml_and_text(root, "kakao/overrides.yaml", true)?;
    let (classification, classification_text) =
        read_yaml_and_text(root, "classification.yaml", false)?;
    let hand = HandWritten {
        nhn_overrides,
        nhn_waivers: read_yaml(root, "nhn/waivers.yaml", true)?,
        kakao_overrides,
        kakao_waivers: read_yaml(root, "kakao/waivers.yaml", true)?,
        kakao_hints: read_yaml(root, "kakao/hints.yaml", true)?,
        classification,
    };
    let mut problems = Problems::default();
    let nhn_line = |i: usize| line_of(&nhn_text, "from", &hand.nhn_overrides.ids[i].from);
    let mut froms = BTreeSet::new();
    for (i, o) in hand.nhn_overrides.ids.iter().enumerate() {
        if let Err(why) = crate::model::nhn::well_formed(&o.to) {
            problems.add(
                "nhn/overrides.yaml",
                nhn_line(i),
                &format!(
                    "the override of {:?} corrects it to a malformed ID {:?}: {why}",
                    crate::validate::short(&o.from),
                    crate::validate::short(&o.to)
                ),
            );
        }
        if !froms.insert(o.from.as_str()) {
            problems.add(
                "nhn/overrides.yaml",
                nhn_line(i),
                &format!("{:?} is overridden twice", o.from),
            );
        }
    }
    for (i, why) in crate::validate::nhn_overrides(&hand.nhn_overrides) {
        problems.add("nhn/overrides.yaml", nhn_line(i), &why);
    }
    for (i, why) in crate::validate::kakao_overrides(&hand.kakao_overrides) {
        let line = line_of(&kakao_text, "key", &hand.kakao_overrides.names[i].key);
        problems.add("kakao/overrides.yaml", line, &why);
    }
    for (event, why) in crate::classify::check_overrides(&hand.classification) {
        let line = line_of(&classification_text, "event", &event);
        problems.add("classification.yaml", line, &format!("{event}: {why}"));
    }
    problems.into_result(root)?;
    Ok((hand, nhn_text))
}

/// Whether `root` holds any file import writes (else import starts from an empty catalogue).
pub fn has_imported_files(root: &Path) -> bool {
    list_owned(root, &|rel: &str| is_import_owned(rel)).is_ok_and(|f| !f.is_empty())
}

/// Loads the whole catalogue from `root` (normally `catalog/`), checking every value against
/// what it can mean ([`crate::validate`]): problems are refused with their file and line. The
/// catalogue comes back in the order [`Catalog::sort`] gives, whatever the order of the files. Reads
/// only: an interrupted write is the writers' to finish (see [`crate::store`]).
pub fn load(root: &Path) -> Result<Catalog, IoError> {
    if !root.is_dir() {
        return Err(io_err(
            root,
            "no catalogue here; run the import of the README (`cargo xtask import ...`) first",
        ));
    }
    let mut problems = Problems::default();
    let (services, services_text): (Vec<NhnService>, _) =
        read_yaml_and_text(root, "nhn/services.yaml", true)?;
    let services_rel = "nhn/services.yaml".to_string();
    let service_lines: Vec<u32> = services
        .iter()
        .map(|s| line_of(&services_text, "key", &s.key))
        .collect();
    let (roles, roles_text): (Roles, _) = read_yaml_and_text(root, "roles.yaml", true)?;
    let roles_rel = "roles.yaml".to_string();
    let role_lines: Vec<u32> = roles
        .kakao
        .rules
        .iter()
        .map(|r| line_of(&roles_text, "role", &r.role))
        .collect();
    for (s, line) in services.iter().zip(&service_lines) {
        if let Some(why) = crate::validate::variant(&s.variant) {
            problems.add(&services_rel, *line, &format!("service {}: {why}", s.key));
        }
    }
    for (r, line) in roles.kakao.rules.iter().zip(&role_lines) {
        if let Some(why) = crate::validate::variant(&r.variant) {
            problems.add(&roles_rel, *line, &format!("role {:?}: {why}", r.role));
        }
    }
    let (lists, lists_text): (Vec<crate::model::ListObservation>, _) =
        read_yaml_and_text(root, "nhn/lists.yaml", false)?;
    let mut nhn_events = Vec::new();
    for l in &lists {
        if let Err(why) = crate::validate::real_date(&l.seen.date) {
            let line = line_of(&lists_text, "date", &l.seen.date);
            problems.add("nhn/lists.yaml", line, &format!("{}: {why}", l.list));
        }
        if let Err(why) = crate::model::nhn::edition_name(&l.list.edition) {
            let line = line_of(&lists_text, "edition", &l.list.edition);
            problems.add("nhn/lists.yaml", line, &why);
        }
    }
    let editions = crate::validate::known_editions(&lists);
    for (e, rel, line) in read_events(
        root,
        "nhn/events",
        "id",
        |e: &NhnEvent| &e.id,
        "event ID",
        &mut problems,
    )? {
        for why in crate::validate::nhn_event(&e, &editions) {
            problems.add(&rel, line, &why);
        }
        misfiled(
            &mut problems,
            &rel,
            line,
            &e.id,
            "its ID",
            &nhn_events_file(&e.id),
        );
        for key in &e.services {
            if !services.iter().any(|s| &s.key == key) {
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
        if let Some(Err(why)) = e.meaning.as_ref().map(crate::classify::check_meaning) {
            problems.add(&rel, line, &format!("{}: meaning: {why}", e.id));
        }
        nhn_events.push((e, rel, line));
    }
    let mut kakao_events = Vec::new();
    for (e, rel, line) in read_events(
        root,
        "kakao/events",
        "key",
        |e: &KakaoEvent| &e.key,
        "event key",
        &mut problems,
    )? {
        for why in crate::validate::kakao_event(&e) {
            problems.add(&rel, line, &why);
        }
        misfiled(
            &mut problems,
            &rel,
            line,
            &e.key,
            "its service",
            &kakao_events_file(&e.service),
        );
        if let Some(Err(why)) = e.meaning.as_ref().map(crate::classify::check_meaning) {
            problems.add(&rel, line, &format!("{}: meaning: {why}", e.key));
        }
        kakao_events.push((e, rel, line));
    }
    // Variant names: one per key of each enum.
    for (ty, items) in [
        (
            "nhn::Service",
            services
                .iter()
                .zip(&service_lines)
                .map(|(s, l)| (s.variant.as_str(), s.key.as_str(), &services_rel, *l))
                .collect::<Vec<_>>(),
        ),
        (
            "kakao::Role",
            roles
                .kakao
                .rules
                .iter()
                .zip(&role_lines)
                .map(|(r, l)| (r.variant.as_str(), r.role.as_str(), &roles_rel, *l))
                .collect(),
        ),
        (
            "nhn::EventId",
            nhn_events
                .iter()
                .map(|(e, r, l)| (e.variant.as_str(), e.id.as_str(), r, *l))
                .collect::<Vec<_>>(),
        ),
        (
            "kakao::Event",
            kakao_events
                .iter()
                .map(|(e, r, l)| (e.variant.as_str(), e.key.as_str(), r, *l))
                .collect(),
        ),
    ] {
        let mut seen: BTreeMap<&str, (&str, &str, u32)> = BTreeMap::new();
        for (variant, key, rel, line) in items {
            if variant.is_empty() {
                continue;
            }
            if let Some((other, orel, oline)) = seen.insert(variant, (key, rel, line)) {
                problems.add(
                    rel,
                    line,
                    &format!(
                        "{key}: variant `{variant}` of {ty} is also given to {other} (catalog/{orel}:{oline}); \
                         variants are unique: delete this one's line and re-run the import to pin another"
                    ),
                );
            }
        }
    }
    let nhn = NhnCatalog {
        events: nhn_events.into_iter().map(|(e, _, _)| e).collect(),
        services,
        lists,
    };
    let kakao = KakaoCatalog {
        events: kakao_events.into_iter().map(|(e, _, _)| e).collect(),
        versions: read_yaml(root, "kakao/versions.yaml", true)?,
    };
    let (hand, overrides_text) = hand_written_and_overrides_text(root)?;
    // A service correction names a service the catalogue has (a title the lists wrote is not
    // enough: it must be the key of `nhn/services.yaml`).
    for o in &hand.nhn_overrides.services {
        let Some(to) = &o.to else { continue };
        if !nhn.services.iter().any(|s| &s.key == to) {
            problems.add(
                "nhn/overrides.yaml",
                line_of(&overrides_text, "from", &o.from),
                &format!(
                    "the service correction of {:?} names {:?}, which is no key of nhn/services.yaml; \
                     write the key of the service it means, or leave `to` out when it means none",
                    crate::validate::short(&o.from),
                    crate::validate::short(to)
                ),
            );
        }
    }
    problems.into_result(root)?;
    let mut catalog = Catalog {
        nhn,
        kakao,
        roles,
        api: read_yaml::<ApiSpec>(root, "nhn/api.yaml", true)?,
        findings: read_yaml::<Findings>(root, "findings.yaml", true)?,
        hand,
    };
    catalog.sort();
    Ok(catalog)
}

/// Checks the events of a catalogue import is about to write, as [`load`] will check them: exit
/// 2 naming each problem and the file it would go to, before anything is written.
pub fn check_before_writing(catalog: &Catalog) -> Result<(), IoError> {
    let mut problems = Problems::default();
    let editions = crate::validate::known_editions(&catalog.nhn.lists);
    for e in &catalog.nhn.events {
        let rel = nhn_events_file(&e.id);
        for why in crate::validate::nhn_event(e, &editions) {
            problems.add_file(&rel, &why);
        }
    }
    for e in &catalog.kakao.events {
        let rel = kakao_events_file(&e.service);
        for why in crate::validate::kakao_event(e) {
            problems.add_file(&rel, &why);
        }
    }
    problems.into_result_as(
        Path::new("catalog"),
        "the import would write a catalogue that does not load",
        "fix the documents or correct them in an overrides file",
    )
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
        let text = read_text(&path)?.unwrap_or_default();
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

/// Notes an entry (`key`, at `rel:line`) that is not in the file `by` (its ID or its service)
/// gives it: written back, it would move to `want` and could meet itself there, so a hand edit
/// that moves it is refused rather than guessed.
fn misfiled(problems: &mut Problems, rel: &str, line: u32, key: &str, by: &str, want: &str) {
    if rel != want {
        problems.add(
            rel,
            line,
            &format!(
                "{key}: {by} files it in catalog/{want}, not here; move the entry there, \
                 or undo the edit of {by}"
            ),
        );
    }
}

/// What is wrong with the catalogue files, as `file:line: message` lines.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, rel: &str, line: u32, message: &str) {
        self.0.push(format!("catalog/{rel}:{line}: {message}"));
    }

    /// A problem of an entry to be written to `rel` (it has no line yet).
    fn add_file(&mut self, rel: &str, message: &str) {
        self.0
            .push(format!("catalog/{rel} (to be written): {message}"));
    }

    /// Exit 2 naming every problem (the first 20), or nothing.
    fn into_result(self, root: &Path) -> Result<(), IoError> {
        self.into_result_as(
            root,
            "the catalogue does not load",
            "fix the hand edits or re-run the import",
        )
    }

    fn into_result_as(self, root: &Path, what: &str, todo: &str) -> Result<(), IoError> {
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
                "{what} ({} problems); {todo}:\n  {}{more}",
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
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io_err(
            &path,
            "a symbolic link, where the catalogue has a folder of its own; links are never followed: \
             replace it with the folder",
        ));
    }
    let entries = match std::fs::read_dir(&path) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&path, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let name = entry.map_err(|e| io_err(&path, e))?.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".yaml") && !name.starts_with('.') {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_owns_its_layout_only() {
        for owned in [
            "findings.yaml",
            "nhn/events/iaas.yaml",
            "kakao/events/vm.yaml",
            "nhn/lists.yaml",
        ] {
            assert!(is_import_owned(owned), "{owned}");
        }
        for not in [
            "nhn/overrides.yaml",
            "kakao/hints.yaml",
            "kakao/hints-draft.yaml",
            "notes/todo.yaml",
            "nhn/events/sub/x.yaml",
            "nhn/events/.x.yaml",
            "README.md",
        ] {
            assert!(!is_import_owned(not), "{not}");
        }
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

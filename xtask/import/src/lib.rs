//! Import, the pipeline's step from the vendor docs to the catalogue as committed.
//!
//! ```text
//! folder of docs --read--> observation --\
//! git history    --read--> observation ---absorb--> catalogue --finish--> classified, checked, pinned
//! ```
//!
//! Reading a folder ([`Import::absorb_folder`]: its documents found, read and extracted by
//! `trail-sources`, built by `trail-catalog`, checked by `trail-checks`) and reading the docs
//! repository's history ([`Import::absorb_git`]) each make an observation, absorbed into the
//! catalogue one after the other (`trail_catalog::merge`); [`Import::finish`] classifies every
//! event, runs the findings passes over the whole catalogue and pins the variant names.
//!
//! What it may not touch: it reads the catalogue's files and the documents it is given, and
//! never writes a file (locking, writing, `--check` and messages are the CLI's); it runs no
//! program but git, and that only through `trail_sources::git`; it never sees the outputs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use trail_catalog::build::history::{self, ParsedRevision};
use trail_catalog::io;
use trail_catalog::merge::{self, NhnObservation};
use trail_catalog::model::{HandWritten, ListKey, NhnEvent, NhnService, Seen, Status};
use trail_catalog::{Catalog, model::nhn::slug};
use trail_sources::git::History;
use trail_sources::nhn::NhnDocument;
use trail_sources::{Diagnostic, Extracted, ReadContext, Severity, SourceDoc, SourceRef};

/// An import's result: an error is bad input (the CLI exits 2), said with file or folder.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A catalogue being imported into: the observations absorbed so far.
pub struct Import {
    catalog: Catalog,
    /// The catalogue as it was: merged into, and the source of the pinned variant names.
    previous: Option<Catalog>,
    hand: HandWritten,
    /// The `--date`s of the folders absorbed.
    dates: Vec<String>,
    /// The documents the folders before read (text -> path): the same file read again under
    /// another path (the upstream checkout's `ko/event-list.md` and our sources' copy of it) must
    /// not say its findings twice.
    read_before: BTreeMap<String, String>,
}

impl Import {
    /// Starts an import into the catalogue in `catalog_dir`: its hand-written files (their
    /// waivers checked) and what it holds already (nothing, before the first import).
    pub fn open(catalog_dir: &Path) -> Result<Import> {
        let hand = io::load_hand_written(catalog_dir)?;
        validate_waivers(catalog_dir, &hand)?;
        let previous = if io::has_imported_files(catalog_dir) {
            Some(io::load(catalog_dir)?)
        } else {
            None
        };
        Ok(Import::new(hand, previous))
    }

    /// Starts an import onto `previous` (the catalogue as committed, or `None` for an empty
    /// one) with the hand-written files `hand`. The overrides correct what `previous` recorded
    /// under IDs and service titles they now correct.
    pub fn new(hand: HandWritten, previous: Option<Catalog>) -> Import {
        let mut catalog = previous.clone().unwrap_or_else(|| Catalog {
            hand: hand.clone(),
            ..Default::default()
        });
        fold_overrides(&mut catalog, &hand);
        fold_service_overrides(&mut catalog, &hand);
        Import {
            catalog,
            previous,
            hand,
            dates: Vec::new(),
            read_before: BTreeMap::new(),
        }
    }

    /// Absorbs the NHN event lists' git history of the checkout `dir` on `branch`; returns the
    /// line that says what was read.
    pub fn absorb_git(&mut self, dir: &Path, branch: &str) -> Result<String> {
        let (next, summary) = from_git(&self.catalog, dir, branch, &self.hand)?;
        self.catalog = next;
        Ok(summary)
    }

    /// Absorbs the documents of the folder `dir`, published on `date` (else dated by the git
    /// checkout whose top `dir` is); returns the line that says what was read.
    pub fn absorb_folder(&mut self, dir: &Path, date: Option<&str>) -> Result<String> {
        let (next, summary) =
            from_folder(&self.catalog, dir, date, &self.hand, &mut self.read_before)?;
        self.catalog = next;
        self.dates.extend(date.map(str::to_owned));
        Ok(summary)
    }

    /// The catalogue after every observation: each event classified (a change from what the
    /// catalogue stored is recorded with the import's date), the findings over the whole
    /// catalogue re-derived, sorted and said once, and the variant names pinned.
    pub fn finish(self) -> Catalog {
        let Import {
            mut catalog,
            previous,
            dates,
            ..
        } = self;
        catalog
            .findings
            .diagnostics
            .retain(|d| !d.code.starts_with("classify/"));
        let dated = import_date(&catalog, &dates);
        let placed =
            trail_catalog::classify::apply(&mut catalog, previous.as_ref(), dated.as_ref());
        catalog.findings.diagnostics.extend(placed);
        catalog
            .findings
            .diagnostics
            .retain(|d| d.code != "nhn/junk-id");
        let junk = trail_checks::nhn::junk_ids(&catalog);
        catalog.findings.diagnostics.extend(junk);
        // (Said again by every import; the dedup below keeps one.)
        let unused = trail_checks::nhn::unused_exclusions(&catalog);
        catalog.findings.diagnostics.extend(unused);
        catalog.findings.diagnostics.sort();
        catalog.findings.diagnostics.dedup();
        catalog.findings.coverage = trail_checks::coverage(&catalog);
        if let Some(previous) = &previous {
            trail_catalog::naming::carry_variants(previous, &mut catalog);
        }
        trail_catalog::naming::pin_variants(&mut catalog);
        catalog
    }
}

/// Applies the service corrections of `overrides.yaml` to the catalogue's own entries: a service
/// recorded under a misspelt title's key is the corrected one's (or none), and the misspelt key
/// leaves `services.yaml` (the override and its `nhn/junk-service` finding remember it).
fn fold_service_overrides(catalog: &mut Catalog, hand: &HandWritten) {
    for o in &hand.nhn_overrides.services {
        let old = slug(&o.from);
        if o.to.as_deref() == Some(old.as_str()) {
            continue;
        }
        for e in &mut catalog.nhn.events {
            if e.services.contains(&old) {
                e.services.retain(|k| *k != old);
                e.services.extend(o.to.clone());
                e.services.sort();
                e.services.dedup();
            }
        }
        catalog.nhn.services.retain(|s| s.key != old);
    }
}

/// Applies `overrides.yaml` to the catalogue's own IDs: an entry recorded under an ID that an
/// override now corrects is the corrected ID's (renamed, or left to the corrected entry when the
/// catalogue has that one too). A correction, never a loss: the import re-derives the entry.
fn fold_overrides(catalog: &mut Catalog, hand: &HandWritten) {
    let overrides = &hand.nhn_overrides;
    if !catalog
        .nhn
        .events
        .iter()
        .any(|e| trail_catalog::build::nhn::corrected(&e.id, overrides) != e.id)
    {
        return;
    }
    let ids: BTreeSet<String> = catalog.nhn.events.iter().map(|e| e.id.clone()).collect();
    let mut by_id: BTreeMap<String, NhnEvent> = BTreeMap::new();
    for mut e in std::mem::take(&mut catalog.nhn.events) {
        let to = trail_catalog::build::nhn::corrected(&e.id, overrides).to_owned();
        if to != e.id {
            if ids.contains(&to) || by_id.contains_key(&to) {
                continue;
            }
            e.id = to.clone();
        }
        by_id.insert(to, e);
    }
    catalog.nhn.events = by_id.into_values().collect();
}

/// The date of an import, for the changes it records that no document dates (a new
/// classification): the latest observation of any event list, or the latest `--date` given.
fn import_date(catalog: &Catalog, dates: &[String]) -> Option<Seen> {
    catalog
        .nhn
        .lists
        .iter()
        .map(|l| l.seen.date.clone())
        .chain(dates.iter().cloned())
        .max()
        .map(|date| Seen { date, commit: None })
}

/// Replaces the findings this observation re-derives: those at places it re-read, and the
/// catalogue-level ones of the parts it rebuilt.
/// The findings of the KakaoCloud pages and of the API guide are all re-derived by an
/// observation that holds them (the API part is rebuilt whole; KakaoCloud events are merged, see
/// `merge::merge_kakao`, but their findings are about the pages read now), so their earlier
/// findings all go; for NHN only the findings of re-read documents go.
fn replace_findings(
    catalog: &mut Catalog,
    owns: &dyn Fn(&str) -> bool,
    rebuilt: &[&str],
    new: Vec<Diagnostic>,
) {
    catalog.findings.diagnostics.retain(|d| {
        let provider = d.code.split('/').next().unwrap_or("");
        let whole = provider != "nhn" && rebuilt.contains(&provider);
        !(whole
            || owns(&d.at.path)
            || d.at.path.starts_with("catalog/") && rebuilt.contains(&provider))
    });
    catalog.findings.diagnostics.extend(new);
}

/// Whether two paths name the same document (`ko/event-list.md` of the upstream checkout and
/// `nhn/ko/event-list.md` of the sources): the same file in the same locale folder. Two
/// editions' lists that happen to hold the same text are two documents, each with its findings.
fn same_document(a: &str, b: &str) -> bool {
    a.rsplit('/').take(2).eq(b.rsplit('/').take(2))
}

/// Drops the NHN findings of a document an earlier folder of this import read byte for byte,
/// where that earlier read found the same thing at the same line (messages may name the path,
/// so they are not compared). Only NHN's: the KakaoCloud and API findings are re-derived whole
/// by the last folder that holds those pages.
fn said_once(
    findings: Vec<Diagnostic>,
    again: &BTreeMap<String, String>,
    earlier: &[Diagnostic],
) -> Vec<Diagnostic> {
    if again.is_empty() {
        return findings;
    }
    let key = |d: &Diagnostic, path: &str| {
        (
            path.to_owned(),
            d.at.line,
            d.code.clone(),
            d.subject.clone(),
            d.raw.clone(),
        )
    };
    let known: BTreeSet<_> = earlier.iter().map(|d| key(d, &d.at.path)).collect();
    findings
        .into_iter()
        .filter(|d| {
            !d.code.starts_with("nhn/")
                || again
                    .get(&d.at.path)
                    .is_none_or(|p| !known.contains(&key(d, p)))
        })
        .collect()
}

/// `nhn/unused-override` over the merged catalogue, replacing the earlier ones.
fn recheck_overrides(catalog: &mut Catalog, read: &BTreeSet<String>) {
    catalog
        .findings
        .diagnostics
        .retain(|d| d.code != "nhn/unused-override");
    let subjects: BTreeSet<&str> = catalog
        .findings
        .diagnostics
        .iter()
        .filter_map(|d| d.subject.as_deref())
        .collect();
    let used = |id: &str| read.contains(id) || subjects.contains(id);
    let unused = trail_catalog::build::nhn::unused_overrides(&catalog.hand.nhn_overrides, &used);
    catalog.findings.diagnostics.extend(unused);
}

/// Every document below `root` that import reads: `.md`, `.txt`, `.html` and `.htm` files
/// except READMEs,
/// as `(path relative to root, /-separated)`, sorted.
pub fn discover(root: &Path) -> Result<Vec<String>> {
    if !root.is_dir() {
        return Err(format!(
            "{}: not a folder; pass --sources DIR with the vendor docs",
            root.display()
        )
        .into());
    }
    let files = io::list_owned(root, &|rel: &str| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let hidden = rel.split('/').any(|c| c.starts_with('.'));
        [".md", ".txt", ".html", ".htm"]
            .iter()
            .any(|ext| name.ends_with(ext))
            && !name.eq_ignore_ascii_case("README.md")
            && !hidden
    })?;
    if files.is_empty() {
        return Err(format!(
            "{}: no .md, .txt or .html documents found; is this the docs folder?",
            root.display()
        )
        .into());
    }
    Ok(files)
}

/// Whether a document is named as an event list or an API guide (`event-list.md`,
/// `api-guide.md`, as in the vendor's docs repository). Such a document with nothing to read
/// stops the import: skipping it would silently retire every event it used to list.
fn must_hold_data(rel: &str) -> bool {
    matches!(
        rel.rsplit('/').next(),
        Some("event-list.md" | "api-guide.md")
    )
}

/// The edition of an edition's API guide (`ko/api-guide-gov.md` is `gov`).
fn edition_api_guide(rel: &str) -> Option<&str> {
    let name = rel.rsplit('/').next()?;
    name.strip_prefix("api-guide-")?
        .strip_suffix(".md")
        .filter(|e| !e.is_empty())
}

fn skip_note(rel: &str, why: &str) -> Diagnostic {
    Diagnostic::raise(
        SourceRef::new(rel, 1),
        "import/skipped",
        format!("not imported: {why}"),
    )
}

/// When a folder's docs were published: `--date`, else the last commit of the git checkout
/// whose top the folder is (see [`trail_sources::git::folder_head`]).
fn date_folder(dir: &Path, date: Option<&str>) -> Option<Seen> {
    if let Some(d) = date {
        return Some(Seen {
            date: d.to_owned(),
            commit: None,
        });
    }
    let (commit, date) = trail_sources::git::folder_head(dir)?;
    Some(Seen {
        date,
        commit: Some(commit),
    })
}

/// Which lists of an observation name each event ID (after overrides).
fn presence(docs: &[&NhnDocument], hand: &HandWritten) -> BTreeMap<String, BTreeSet<ListKey>> {
    let mut out: BTreeMap<String, BTreeSet<ListKey>> = BTreeMap::new();
    for d in docs.iter().filter(|d| d.current) {
        let Some(key) = ListKey::from_path(&d.path) else {
            continue;
        };
        for r in &d.records {
            if let Some(id) = &r.event_id {
                let id = trail_catalog::build::nhn::corrected(id, &hand.nhn_overrides);
                out.entry(id.to_owned()).or_default().insert(key.clone());
            }
        }
    }
    out
}

/// Drops the entries of malformed IDs no override corrects: they stay `nhn/malformed-id` errors
/// at the rows that have them, and never enter the catalogue (nor the generated types) as IDs.
fn keep_well_formed(nhn: &mut trail_catalog::model::NhnCatalog) {
    nhn.events
        .retain(|e| trail_catalog::model::nhn::well_formed(&e.id).is_ok());
}

/// The raw IDs the documents hold (before overrides).
fn raw_ids<'a>(docs: impl Iterator<Item = &'a NhnDocument>) -> BTreeSet<String> {
    docs.flat_map(|d| d.records.iter().filter_map(|r| r.event_id.clone()))
        .collect()
}

/// Reads the loaded documents of a folder, each by the reader its kind calls for. A document
/// that holds nothing to read is skipped with an `import/skipped` note (the second value), unless
/// it is named like an event list or an API guide: skipping that would retire every event it
/// listed, so it stops the import.
pub fn extract_all(
    docs: &[SourceDoc],
    hand: &HandWritten,
) -> Result<(Vec<Extracted>, Vec<Diagnostic>)> {
    let ctx = ReadContext {
        kakao_hints: hand.kakao_hints.clone(),
    };
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for doc in docs {
        let rel = doc.path.as_str();
        let kind = match trail_sources::detect_kind(doc) {
            Ok(kind) => kind,
            Err(e) if !must_hold_data(rel) => {
                notes.push(skip_note(rel, &e.message));
                continue;
            }
            Err(e) => {
                return Err(format!(
                    "{e}; a file named like a current list must hold one (skipping it would retire \
                     every event it listed): fix or remove it"
                )
                .into());
            }
        };
        match trail_sources::extract(doc, kind, &ctx) {
            Ok(extracted) => out.push(extracted),
            Err(e) if e.no_data && !must_hold_data(rel) => notes.push(skip_note(rel, &e.message)),
            Err(e) => return Err(e.into()),
        }
    }
    Ok((out, notes))
}

/// What a folder's documents say on their own: the catalogue built from them, and every finding
/// (the readers', the building's and the cross-checks'), before it is merged into anything.
pub fn observe(docs: &[Extracted], hand: &HandWritten) -> (Catalog, Vec<Diagnostic>) {
    let (obs, build_diags) = trail_catalog::build::build(docs, hand);
    let mut findings: Vec<Diagnostic> = docs
        .iter()
        .flat_map(|d| d.diagnostics().iter().cloned())
        .collect();
    findings.extend(build_diags);
    findings.extend(trail_checks::run(docs, &obs));
    (obs, findings)
}

/// One folder of docs, merged into `prev`.
fn from_folder(
    prev: &Catalog,
    dir: &Path,
    date: Option<&str>,
    hand: &HandWritten,
    read_before: &mut BTreeMap<String, String>,
) -> Result<(Catalog, String)> {
    // This folder's documents that an earlier folder of the same import read too: path -> earlier path.
    let mut again: BTreeMap<String, String> = BTreeMap::new();
    let mut loaded: Vec<SourceDoc> = Vec::new();
    let mut notes: Vec<Diagnostic> = Vec::new();
    let files = discover(dir)?;
    for rel in &files {
        if let Some(edition) = edition_api_guide(rel) {
            notes.push(skip_note(
                rel,
                &format!("the API guide of the `{edition}` edition; the catalogue models the standard edition's API (api-guide.md)"),
            ));
            continue;
        }
        within(dir, rel)?;
        let doc = load_doc(&dir.join(rel), rel)?;
        match read_before.get(&doc.text) {
            Some(earlier) if earlier != rel && same_document(earlier, rel) => {
                again.insert(rel.clone(), earlier.clone());
            }
            Some(_) => {}
            None => {
                read_before.insert(doc.text.clone(), rel.clone());
            }
        }
        loaded.push(doc);
    }
    let (docs, skipped) = extract_all(&loaded, hand)?;
    notes.extend(skipped);
    let nhn_docs: Vec<&NhnDocument> = docs.iter().filter_map(Extracted::nhn).collect();
    let has = |f: fn(&Extracted) -> bool| docs.iter().any(f);
    let (has_nhn, has_kakao, has_api) = (
        !nhn_docs.is_empty(),
        has(|d| matches!(d, Extracted::Kakao(_))),
        has(|d| matches!(d, Extracted::ApiGuide(_))),
    );
    let seen = date_folder(dir, date);
    if seen.is_none() && nhn_docs.iter().any(|d| d.current) {
        return Err(format!(
            "{}: the folder holds current NHN event lists but no date: pass --date YYYY-MM-DD after --sources \
             (when the docs were published or fetched), or import a git checkout of the docs repository",
            dir.display()
        )
        .into());
    }

    let (mut obs, found) = observe(&docs, hand);
    let mut findings: Vec<Diagnostic> = notes;
    findings.extend(found);

    let read: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let owns = |p: &str| read.contains(p);
    let mut next = prev.clone();
    let mut rebuilt = Vec::new();
    if has_nhn {
        let presence = presence(&nhn_docs, hand);
        for e in &mut obs.nhn.events {
            if presence.contains_key(&e.id) {
                e.first_listed = seen.clone();
            }
        }
        keep_well_formed(&mut obs.nhn);
        next.nhn = merge::merge(
            &prev.nhn,
            NhnObservation {
                catalog: std::mem::take(&mut obs.nhn),
                seen: seen.clone(),
                presence,
                owns: &owns,
            },
        );
        rebuilt.push("nhn");
    }
    if has_kakao {
        // A revision without event tables (or versions table) speaks for neither: what the
        // catalogue has is kept (merge_kakao retires only events of a scope the pages list).
        if obs.kakao.versions.is_empty() {
            obs.kakao.versions = prev.kakao.versions.clone();
        }
        next.kakao = merge::merge_kakao(&prev.kakao, std::mem::take(&mut obs.kakao), seen.as_ref())
            .map_err(|e| {
                format!(
                    "{}: {e}: pass --date YYYY-MM-DD after --sources",
                    dir.display()
                )
            })?;
        next.roles.kakao = obs.roles.kakao;
        rebuilt.push("kakao");
    }
    if has_api {
        next.api = obs.api;
        rebuilt.push("api");
    }
    if has_nhn || has_api {
        next.roles.nhn = obs.roles.nhn;
    }
    // What the earlier reads said: this folder's own findings, and those of the documents
    // before it (the catalogue's findings at places this folder does not re-read).
    let earlier: Vec<Diagnostic> = prev
        .findings
        .diagnostics
        .iter()
        .filter(|d| !owns(&d.at.path))
        .chain(&findings)
        .cloned()
        .collect();
    let findings = said_once(findings, &again, &earlier);
    replace_findings(&mut next, &owns, &rebuilt, findings);
    if has_nhn {
        recheck_overrides(&mut next, &raw_ids(nhn_docs.iter().copied()));
    }
    let summary = format!(
        "{}: {} documents{} ({} NHN, {} KakaoCloud, {} API guides)",
        dir.display(),
        docs.len(),
        seen.as_ref()
            .map(|s| format!(" as of {}", s.date))
            .unwrap_or_default(),
        nhn_docs.len(),
        docs.iter()
            .filter(|d| matches!(d, Extracted::Kakao(_)))
            .count(),
        docs.iter()
            .filter(|d| matches!(d, Extracted::ApiGuide(_)))
            .count(),
    );
    Ok((next, summary))
}

/// The NHN event lists' git history, merged into `prev`.
fn from_git(
    prev: &Catalog,
    dir: &Path,
    branch: &str,
    hand: &HandWritten,
) -> Result<(Catalog, String)> {
    let history = History::open(dir, branch)?;
    let blobs = history.blobs()?;
    // Each distinct (list, blob) is parsed once, reported under the first commit that has it;
    // the parses run on every core.
    let mut jobs: BTreeMap<(String, String), String> = BTreeMap::new();
    for rev in &history.revisions {
        for (path, blob) in &rev.changes {
            if let Some(blob) = blob {
                jobs.entry((path.clone(), blob.clone()))
                    .or_insert_with(|| history::revision_path(path, &rev.commit));
            }
        }
    }
    let jobs: Vec<((String, String), String)> = jobs.into_iter().collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = jobs.len().div_ceil(threads).max(1);
    let docs: BTreeMap<(String, String), ParsedRevision> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                let blobs = &blobs;
                scope.spawn(move || {
                    part.iter()
                        .map(|((path, blob), shown)| {
                            let parsed = trail_sources::decode(shown, &blobs[blob])
                                .and_then(|doc| trail_sources::nhn::read(&doc));
                            ((path.clone(), blob.clone()), parsed)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a parse thread panicked"))
            .collect()
    });
    let timeline = history::timeline(&history.revisions, &docs, &hand.nhn_overrides);
    let mut findings = timeline.diagnostics.clone();
    findings.extend(timeline.reading.iter().cloned());
    findings.extend(trail_checks::nhn::malformed_first_rows(
        &timeline.first_rows,
        &hand.nhn_overrides,
    ));
    let head_docs: Vec<&NhnDocument> = timeline.head_docs.iter().collect();
    let mut head = trail_catalog::build::nhn::build(&head_docs, &hand.nhn_overrides, &mut findings);
    let mut services = head.services.clone();
    let mut junk_said: BTreeSet<String> = BTreeSet::new();
    let mut events: Vec<NhnEvent> = Vec::with_capacity(timeline.ids.len());
    for (id, h) in &timeline.ids {
        let mut e = match head.event(id) {
            Some(e) if h.removed.is_none() => e.clone(),
            _ => {
                let mut keys = BTreeSet::new();
                for (locale, title) in &h.services {
                    if let Some(decided) = hand.nhn_overrides.service(title) {
                        if junk_said.insert(title.clone()) {
                            let then = decided.map_or("as no service".to_owned(), |k| {
                                format!("as the service {k:?}")
                            });
                            findings.push(
                                Diagnostic::new(
                                    h.place.clone(),
                                    "nhn/junk-service",
                                    Severity::Info,
                                    format!("the service title {title:?} (of the {locale} list) is catalogued {then} per overrides.yaml"),
                                )
                                .subject(title.clone()),
                            );
                        }
                        keys.extend(decided.map(str::to_owned));
                        continue;
                    }
                    let key = match trail_catalog::build::nhn::service_key(
                        &services,
                        Some(*locale),
                        title,
                    ) {
                        Some(k) => k,
                        None => {
                            let key = slug(title);
                            let (code, why) = match trail_checks::nhn::junk_service(
                                &services, title,
                            ) {
                                Some(why) => (
                                    "nhn/junk-service",
                                    format!(
                                        "{why}; correct it in catalog/nhn/overrides.yaml (services)"
                                    ),
                                ),
                                None => (
                                    "nhn/unknown-service",
                                    format!(
                                        "the service {title:?} is the title of no section of the lists at the head"
                                    ),
                                ),
                            };
                            findings.push(
                                Diagnostic::new(
                                    h.place.clone(),
                                    code,
                                    Severity::Warning,
                                    format!("{why}; catalogued under key {key:?}"),
                                )
                                .subject(title.clone()),
                            );
                            services.push(NhnService {
                                key: key.clone(),
                                names: BTreeMap::from([(*locale, title.clone())]),
                                variant: String::new(),
                            });
                            services.sort_by(|a, b| a.key.cmp(&b.key));
                            key
                        }
                    };
                    keys.insert(key);
                }
                let status = if h.removed.is_some() {
                    Status::Retired
                } else {
                    Status::Listed
                };
                trail_catalog::build::nhn::event(
                    id.clone(),
                    keys.into_iter().collect(),
                    h.names.clone(),
                    status,
                )
            }
        };
        e.first_listed = Some(h.first_listed.clone());
        e.removed = h.removed.clone();
        e.renames = h.renames.clone();
        e.editions = h.editions.iter().cloned().collect();
        e.sources = vec![h.place.clone()];
        events.push(e);
    }
    head.events = events;
    head.services = services;
    keep_well_formed(&mut head);
    let presence = presence(&head_docs, hand);
    let seen = Seen {
        date: history.head.1.clone(),
        commit: Some(history.head.0.clone()),
    };
    let owns = |p: &str| p.contains('@');
    let mut next = prev.clone();
    next.nhn = merge::merge(
        &prev.nhn,
        NhnObservation {
            catalog: head,
            seen: Some(seen),
            presence,
            owns: &owns,
        },
    );
    replace_findings(&mut next, &owns, &["nhn"], findings);
    recheck_overrides(&mut next, &timeline.first_rows.keys().cloned().collect());
    let retired = timeline
        .ids
        .values()
        .filter(|h| h.removed.is_some())
        .count();
    let summary = format!(
        "{} (branch {}, head {} of {}): {} revisions of {} list files, {} event IDs ever listed ({} no longer)",
        dir.display(),
        history.branch,
        &history.head.0[..7],
        history.head.1,
        history.revisions.len(),
        docs.len(),
        timeline.ids.len(),
        retired
    );
    Ok((next, summary))
}

/// Reads a file as a source document, reported under `shown` (a relative path).
pub fn load_doc(path: &Path, shown: &str) -> Result<SourceDoc> {
    let bytes = read_bounded(path)?;
    Ok(trail_sources::decode(shown, &bytes)?)
}

/// Refuses a document below `root` that leads outside it (a symbolic link to a file elsewhere,
/// such as `/etc/passwd`): `--sources DIR` reads what is below DIR and nothing else.
fn within(root: &Path, rel: &str) -> Result<()> {
    let path = root.join(rel);
    let (Ok(real), Ok(top)) = (std::fs::canonicalize(&path), std::fs::canonicalize(root)) else {
        return Ok(()); // a dangling link or a vanished file: reading it reports the problem
    };
    if real.starts_with(&top) {
        return Ok(());
    }
    Err(format!(
        "{}: a symbolic link to {}, outside {}; import reads only the documents below the folder \
         it is given: copy the document into it, or remove the link",
        path.display(),
        real.display(),
        root.display()
    )
    .into())
}

/// Reads a document: only a regular file (a symbolic link is followed to one), and never more
/// than the size limit plus one byte, so that `decode` can refuse what is too large without
/// reading a device or a growing file to its end. A FIFO is refused without being opened.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let err = |what: String| format!("{}: {what}", path.display());
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, FIFO or socket)"
        };
        return Err(err(format!(
            "{kind}, where a document was expected; remove or rename it"
        ))
        .into());
    }
    let file = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(trail_sources::MAX_DOC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    Ok(bytes)
}

/// How many of `diags` are errors, warnings and notes, in that order.
pub fn summary_counts(diags: &[Diagnostic]) -> [usize; 3] {
    let mut c = [0; 3];
    for d in diags {
        c[d.severity as usize] += 1;
    }
    c
}

/// Exit 2 on a waiver whose code the pipeline never raises.
pub fn validate_waivers(
    catalog_dir: &Path,
    hand: &trail_catalog::model::HandWritten,
) -> Result<()> {
    let unknown = trail_checks::unknown_waiver_codes(catalog_dir, hand);
    if unknown.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}: unknown waiver codes:\n  {}",
        catalog_dir.display(),
        unknown.join("\n  ")
    )
    .into())
}

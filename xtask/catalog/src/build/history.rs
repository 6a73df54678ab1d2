//! NHN: the event lists' git history, revision by revision, into one timeline per event ID.
//!
//! # Rules
//!
//! * **Revisions.** The first-parent commits that changed an event list, oldest first
//!   ([`trail_sources::git::History`]). At each one, every list that exists (all locales, all
//!   editions) is in the state of its last *accepted* revision.
//! * **Accidents are findings, not history.** A list revision is not accepted when it lists no
//!   event ID at all (an emptied file, `test`, an `<iframe>`: `nhn/history-empty-list`; the
//!   2019 lists without an ID column: `nhn/history-idless-list`, a note) or when
//!   its names are in another locale's script (a Korean list holding the Japanese text:
//!   `nhn/history-wrong-locale`); the list keeps its previous state. A revision that drops a
//!   block of IDs (at least [`DROP_MIN`] and a tenth of the list) of which at least half come
//!   back in a later revision is `nhn/history-dropped-block`: the IDs that come back count as
//!   listed all along.
//! * **Per ID.** `first_listed` is the first revision at which any list names it; `removed`
//!   the revision at which it stopped being listed for the last time (none while listed);
//!   names per locale are those of its last listing (the standard list first, then the
//!   editions by name); every change of a locale's name is a rename with its revision.
//! * **IDs** are corrected by `overrides.yaml` before anything else, so a misspelt ID and its
//!   correction are one event.

use std::collections::{BTreeMap, BTreeSet};

use trail_sources::git::Revision;
use trail_sources::nhn::NhnDocument;
use trail_sources::{Diagnostic, Locale, ReadError, SourceRef};

use crate::build::nhn::{corrected, has_hangul};
use crate::model::hand::NhnOverrides;
use crate::model::{ListKey, NameChange, Seen};

/// The fewest IDs a revision must drop at once to be checked as an accidental block drop.
pub const DROP_MIN: usize = 20;

/// A list revision read from git: the parsed document, or why it could not be read.
pub type ParsedRevision = Result<NhnDocument, ReadError>;

/// What the history says about one event ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdHistory {
    /// The first revision at which any list named it.
    pub first_listed: Seen,
    /// The revision at which it stopped being listed for the last time; `None` while listed.
    pub removed: Option<Seen>,
    /// Name changes per locale, oldest first.
    pub renames: Vec<NameChange>,
    /// Its names as last listed, per locale.
    pub names: BTreeMap<Locale, String>,
    /// The service titles of its last listing that named one, with their list's locale.
    pub services: BTreeSet<(Locale, String)>,
    /// The editions listing it at the head (empty when removed).
    pub editions: BTreeSet<String>,
    /// Where it was last listed (`path@commit:line`).
    pub place: SourceRef,
}

/// The whole history, folded.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Every event ID any accepted revision listed (after overrides).
    pub ids: BTreeMap<String, IdHistory>,
    /// The accepted state of every list at the head, as documents (current lists).
    pub head_docs: Vec<NhnDocument>,
    /// Accidents found (`nhn/history-*`).
    pub diagnostics: Vec<Diagnostic>,
    /// Reading diagnostics of every revision, each said once: at its first revision.
    pub reading: Vec<Diagnostic>,
    /// Every raw (cleaned, uncorrected) ID, at its first revision: place and raw cell text.
    pub first_rows: BTreeMap<String, (SourceRef, Option<String>)>,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    service: Option<String>,
    place: SourceRef,
}

type Entries = BTreeMap<String, Entry>;

/// What became of one list at one revision.
enum Step {
    /// The file was deleted: the list no longer exists.
    Deleted,
    /// Not accepted (an accident): the list keeps its previous state.
    Ignored,
    /// The list's new entries.
    Accepted(Entries),
}

/// The path a list revision is reported under: `ko/event-list.md@1a2b3c4`.
pub fn revision_path(path: &str, commit: &str) -> String {
    format!("{path}@{}", &commit[..commit.len().min(7)])
}

fn entries(doc: &NhnDocument, overrides: &NhnOverrides) -> Entries {
    let mut out = Entries::new();
    for r in &doc.records {
        let Some(id) = &r.event_id else { continue };
        out.entry(corrected(id, overrides).to_owned())
            .or_insert_with(|| Entry {
                name: r.name.clone(),
                service: r.service.clone(),
                place: SourceRef::new(doc.path.clone(), r.line),
            });
    }
    out
}

fn has_kana(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}'))
}

/// The locale whose script the names are in, when it is not `locale`'s: most names in Hangul
/// in a non-Korean list, or many in kana in a non-Japanese one, or few of either in a Korean or
/// Japanese list while the other's script dominates.
fn foreign_script(locale: Locale, names: &[&str]) -> Option<Locale> {
    let n = names.len().max(1) as f64;
    let hangul = names.iter().filter(|s| has_hangul(s)).count() as f64 / n;
    let kana = names.iter().filter(|s| has_kana(s)).count() as f64 / n;
    match locale {
        Locale::Ko if kana >= 0.3 && hangul < 0.5 => Some(Locale::Ja),
        Locale::Ja if hangul >= 0.5 => Some(Locale::Ko),
        Locale::En | Locale::Zh if hangul >= 0.5 => Some(Locale::Ko),
        Locale::En | Locale::Zh if kana >= 0.3 => Some(Locale::Ja),
        _ => None,
    }
}

/// Folds the revisions into per-ID timelines. `docs` maps `(list path, blob)` to its parsed
/// revision; every blob the revisions name must be there.
pub fn timeline(
    revisions: &[Revision],
    docs: &BTreeMap<(String, String), ParsedRevision>,
    overrides: &NhnOverrides,
) -> Timeline {
    let mut out = Timeline::default();
    // Pass 1: per list, what each of its revisions is (accepted, ignored, deleted).
    let mut steps: BTreeMap<&str, Vec<(usize, Step)>> = BTreeMap::new();
    let mut said: BTreeSet<(String, Option<String>, Option<String>)> = BTreeSet::new();
    for (i, rev) in revisions.iter().enumerate() {
        for (path, blob) in &rev.changes {
            let shown = revision_path(path, &rev.commit);
            let step = match blob {
                None => Step::Deleted,
                Some(blob) => match &docs[&(path.clone(), blob.clone())] {
                    Err(e) => {
                        out.diagnostics.push(
                            Diagnostic::raise(
                                SourceRef::new(shown, e.line.unwrap_or(1)),
                                "nhn/history-empty-list",
                                format!("this revision lists no event: {}; the list keeps its previous state", e.message),
                            )
                            .subject(path.clone()),
                        );
                        Step::Ignored
                    }
                    Ok(doc) => {
                        for d in &doc.diagnostics {
                            // Said once: at the first revision that has it.
                            if said.insert((d.code.clone(), d.subject.clone(), d.raw.clone())) {
                                out.reading.push(d.clone());
                            }
                        }
                        for r in &doc.records {
                            if let Some(id) = &r.event_id {
                                out.first_rows.entry(id.clone()).or_insert_with(|| {
                                    (
                                        SourceRef::new(doc.path.clone(), r.line),
                                        r.raw_event_id.clone(),
                                    )
                                });
                            }
                        }
                        let e = entries(doc, overrides);
                        let names: Vec<&str> = e.values().map(|e| e.name.as_str()).collect();
                        let locale = Locale::from_path(path);
                        if e.is_empty() && !doc.records.is_empty() {
                            // The 2019 lists named events without IDs: nothing to date, no accident.
                            out.diagnostics.push(
                                Diagnostic::raise(
                                    SourceRef::new(shown, 1),
                                    "nhn/history-idless-list",
                                    format!("this revision lists {} events without IDs; no ID is dated from it", doc.records.len()),
                                )
                                .subject(path.clone()),
                            );
                            Step::Ignored
                        } else if e.is_empty() {
                            out.diagnostics.push(
                                Diagnostic::raise(
                                    SourceRef::new(shown, 1),
                                    "nhn/history-empty-list",
                                    "this revision lists no event ID; the list keeps its previous state",
                                )
                                .subject(path.clone()),
                            );
                            Step::Ignored
                        } else if let Some(other) = locale.and_then(|l| foreign_script(l, &names)) {
                            out.diagnostics.push(
                                Diagnostic::raise(
                                    SourceRef::new(shown, 1),
                                    "nhn/history-wrong-locale",
                                    format!(
                                        "this revision of a {} list holds {other} text ({} rows); not read, the list keeps its previous state",
                                        locale.map_or("-", Locale::code),
                                        e.len()
                                    ),
                                )
                                .subject(path.clone()),
                            );
                            Step::Ignored
                        } else {
                            Step::Accepted(e)
                        }
                    }
                },
            };
            steps.entry(path.as_str()).or_default().push((i, step));
        }
    }

    // Pass 2: block drops that come back later are filled in.
    for (path, list) in steps.iter_mut() {
        // The IDs of every accepted revision after position k.
        let mut later: Vec<BTreeSet<String>> = vec![BTreeSet::new(); list.len() + 1];
        for k in (0..list.len()).rev() {
            let mut s = later[k + 1].clone();
            if let Step::Accepted(e) = &list[k].1 {
                s.extend(e.keys().cloned());
            }
            later[k] = s;
        }
        let mut prev: Option<Entries> = None;
        let mut carried: Entries = Entries::new();
        for (k, (i, step)) in list.iter_mut().enumerate() {
            match step {
                Step::Deleted => {
                    prev = None;
                    carried.clear();
                }
                Step::Ignored => {}
                Step::Accepted(e) => {
                    carried.retain(|id, _| !e.contains_key(id));
                    if let Some(p) = &prev {
                        let dropped: Vec<&String> =
                            p.keys().filter(|id| !e.contains_key(*id)).collect();
                        let back: Vec<&String> = dropped
                            .iter()
                            .copied()
                            .filter(|id| later[k + 1].contains(*id))
                            .collect();
                        if dropped.len() >= DROP_MIN
                            && dropped.len() * 10 >= p.len()
                            && back.len() * 2 >= dropped.len()
                        {
                            let rev = &revisions[*i];
                            out.diagnostics.push(
                                Diagnostic::raise(
                                    SourceRef::new(revision_path(path, &rev.commit), 1),
                                    "nhn/history-dropped-block",
                                    format!(
                                        "this revision drops {} of {} IDs and {} of them come back later; those count as listed all along",
                                        dropped.len(),
                                        p.len(),
                                        back.len()
                                    ),
                                )
                                .subject(path.to_string()),
                            );
                            for id in back {
                                carried.insert(id.clone(), p[id].clone());
                            }
                        }
                    }
                    for (id, entry) in &carried {
                        e.entry(id.clone()).or_insert_with(|| entry.clone());
                    }
                    prev = Some(e.clone());
                }
            }
        }
    }

    // Pass 3: walk the revisions, every list in the state of its last accepted revision.
    let mut by_rev: BTreeMap<usize, Vec<(&str, &Step)>> = BTreeMap::new();
    for (path, list) in &steps {
        for (i, step) in list {
            by_rev.entry(*i).or_default().push((path, step));
        }
    }
    let mut state: BTreeMap<&str, &Entries> = BTreeMap::new();
    let mut last_names: BTreeMap<(String, Locale), String> = BTreeMap::new();
    for (i, changes) in by_rev {
        let rev = &revisions[i];
        let seen = Seen {
            date: rev.date.clone(),
            commit: Some(rev.commit.clone()),
        };
        for (path, step) in changes {
            match step {
                Step::Deleted => {
                    state.remove(path);
                }
                Step::Ignored => {}
                Step::Accepted(e) => {
                    state.insert(path, e);
                }
            }
        }
        // Lists in reading order: per locale the standard list first, then editions by name.
        let mut lists: Vec<(Locale, bool, &str, &Entries)> = state
            .iter()
            .filter_map(|(p, e)| {
                let l = Locale::from_path(p)?;
                let ed = trail_sources::nhn::list_edition(p)?;
                Some((l, ed != ListKey::STANDARD, *p, *e))
            })
            .collect();
        lists.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        // Per ID listed now: its entry per locale, its editions, and its first entry.
        type Present<'e> = (BTreeMap<Locale, &'e Entry>, BTreeSet<String>, &'e Entry);
        let mut present: BTreeMap<&str, Present> = BTreeMap::new();
        for (locale, _, path, entries) in &lists {
            let edition = trail_sources::nhn::list_edition(path).unwrap_or_default();
            for (id, entry) in *entries {
                let p = present
                    .entry(id.as_str())
                    .or_insert_with(|| (BTreeMap::new(), BTreeSet::new(), entry));
                p.0.entry(*locale).or_insert(entry);
                p.1.insert(edition.clone());
            }
        }
        for (id, h) in out.ids.iter_mut() {
            if !present.contains_key(id.as_str()) && h.removed.is_none() {
                h.removed = Some(seen.clone());
                h.editions.clear();
            }
        }
        for (id, (by_locale, editions, first)) in present {
            let h = out.ids.entry(id.to_owned()).or_insert_with(|| IdHistory {
                first_listed: seen.clone(),
                removed: None,
                renames: Vec::new(),
                names: BTreeMap::new(),
                services: BTreeSet::new(),
                editions: BTreeSet::new(),
                place: first.place.clone(),
            });
            h.removed = None;
            h.editions = editions;
            h.place = first.place.clone();
            // The services of this listing; a listing under no service heading keeps the last known.
            let services: BTreeSet<(Locale, String)> = by_locale
                .iter()
                .filter_map(|(l, e)| Some((*l, e.service.clone()?)))
                .collect();
            if !services.is_empty() {
                h.services = services;
            }
            for (locale, entry) in &by_locale {
                if entry.name.is_empty() {
                    continue;
                }
                let key = (id.to_owned(), *locale);
                match last_names.get(&key) {
                    Some(old) if *old != entry.name => h.renames.push(NameChange {
                        seen: seen.clone(),
                        locale: *locale,
                        from: old.clone(),
                        to: entry.name.clone(),
                    }),
                    _ => {}
                }
                last_names.insert(key, entry.name.clone());
                h.names.insert(*locale, entry.name.clone());
            }
        }
    }

    // The head: every list that exists, as its last accepted revision. (IDs carried over a
    // block drop came back by definition, so the head revisions hold all they list.)
    for path in state.keys() {
        if ListKey::from_path(path).is_none() {
            continue;
        }
        let accepted = steps[path]
            .iter()
            .rev()
            .find_map(|(i, s)| matches!(s, Step::Accepted(_)).then_some(*i));
        if let Some(i) = accepted {
            let blob = revisions[i].changes[*path].clone().unwrap_or_default();
            if let Some(Ok(doc)) = docs.get(&(path.to_string(), blob)) {
                let mut doc = doc.clone();
                doc.current = true;
                doc.revision = None;
                out.head_docs.push(doc);
            }
        }
    }
    out.diagnostics.sort();
    out
}

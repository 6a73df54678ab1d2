//! NHN: one catalogue entry per event ID from every NHN document.
//!
//! # Rules
//!
//! * **Current vs older.** `<locale>/event-list.md` (e.g. `nhn/ko/event-list.md`) is the
//!   current upstream list of that locale ([`NhnDocument::current`]); every other NHN document
//!   (the seeds) is an older revision. An ID in a current list is [`Status::Listed`]; an ID
//!   read only from older revisions is kept as [`Status::Retired`], never dropped. When no
//!   current list was read at all, every ID is listed (`nhn/no-current-list`).
//! * **IDs.** The cleaned ID from the reader, corrected by `overrides.yaml` (`from` -> `to`).
//! * **Services.** The key is [`slug`] of the English heading. Sections of the other
//!   locales' current lists are matched to the English ones by the IDs they share (most
//!   shared IDs, then the smallest union, then page order), not by position. A service named
//!   in an older revision's service column (`기본 인프라 서비스`, `콘솔`, `Object Storage`) maps
//!   to the service with that title in the same locale, then in any locale, then by slug.
//! * **Names.** A listed event's names come from the current lists only, the first row per
//!   locale; a retired event's names from the latest older revision that gives one. A name
//!   is `untranslated` when a non-Korean name contains Hangul, a ja name has neither kana nor
//!   kanji (Latin script only), or the zh name equals the en name; a locale without a name is
//!   `missing`.

use std::collections::{BTreeMap, BTreeSet};

use trail_sources::nhn::{NhnDocument, Record};
use trail_sources::{Diagnostic, Locale, SourceRef};

use crate::model::hand::NhnOverrides;
use crate::model::nhn::slug;
use crate::model::{NhnCatalog, NhnEvent, NhnService, Status};

/// The ID a cleaned ID is catalogued as: the override's `to` when one names it, else itself.
pub fn corrected<'a>(id: &'a str, overrides: &'a NhnOverrides) -> &'a str {
    overrides
        .ids
        .iter()
        .find(|o| o.from == id)
        .map_or(id, |o| o.to.as_str())
}

/// Documents in a stable order: current lists by locale (the standard list before the
/// editions), then older revisions by revision and path.
pub fn in_order<'a>(docs: &[&'a NhnDocument]) -> Vec<&'a NhnDocument> {
    let mut v = docs.to_vec();
    let key = |d: &NhnDocument| {
        (
            !d.current,
            d.locale,
            d.edition.as_deref() != Some(crate::model::nhn::ListKey::STANDARD),
            d.revision,
            d.path.clone(),
        )
    };
    v.sort_by_key(|d| key(d));
    v
}

/// The key of the service titled `title`: same-locale title, then any-locale title, then slug.
pub fn service_key(services: &[NhnService], locale: Option<Locale>, title: &str) -> Option<String> {
    if let Some(l) = locale
        && let Some(s) = services
            .iter()
            .find(|s| s.names.get(&l).map(String::as_str) == Some(title))
    {
        return Some(s.key.clone());
    }
    if let Some(s) = services
        .iter()
        .find(|s| s.names.values().any(|n| n == title))
    {
        return Some(s.key.clone());
    }
    let k = slug(title);
    services.iter().find(|s| s.key == k).map(|s| s.key.clone())
}

/// A section of a current list: its heading, the heading's line and its IDs.
struct Section {
    title: String,
    line: u32,
    ids: BTreeSet<String>,
}

fn sections(doc: &NhnDocument, overrides: &NhnOverrides) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for r in &doc.records {
        let Some(title) = &r.service else { continue };
        let i = match out.iter().position(|s| &s.title == title) {
            Some(i) => i,
            None => {
                let line = doc
                    .headings
                    .iter()
                    .find(|h| &h.text == title)
                    .map_or(r.line, |h| h.line);
                out.push(Section {
                    title: title.clone(),
                    line,
                    ids: BTreeSet::new(),
                });
                out.len() - 1
            }
        };
        if let Some(id) = &r.event_id {
            out[i].ids.insert(corrected(id, overrides).to_owned());
        }
    }
    out
}

/// Services and, per (document path, service title), the service key its rows belong to.
type ServiceIndex = BTreeMap<(String, String), String>;

fn build_services(
    docs: &[&NhnDocument],
    overrides: &NhnOverrides,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<NhnService>, ServiceIndex) {
    let mut services: BTreeMap<String, BTreeMap<Locale, String>> = BTreeMap::new();
    let mut index = ServiceIndex::new();
    let current: Vec<&NhnDocument> = docs.iter().copied().filter(|d| d.current).collect();
    let reference = [Locale::En, Locale::Zh, Locale::Ko, Locale::Ja]
        .into_iter()
        .find_map(|l| current.iter().find(|d| d.locale == Some(l)).copied());
    let ref_sections = reference
        .map(|d| sections(d, overrides))
        .unwrap_or_default();
    let ref_keys: Vec<String> = ref_sections.iter().map(|s| slug(&s.title)).collect();
    if let Some(r) = reference {
        for (s, key) in ref_sections.iter().zip(&ref_keys) {
            if let Some(l) = r.locale {
                services
                    .entry(key.clone())
                    .or_default()
                    .insert(l, s.title.clone());
            }
            index.insert((r.path.clone(), s.title.clone()), key.clone());
        }
    }
    for doc in &current {
        if Some(doc.path.as_str()) == reference.map(|r| r.path.as_str()) {
            continue;
        }
        let mut taken = BTreeSet::new();
        for (pos, s) in sections(doc, overrides).into_iter().enumerate() {
            // Most shared IDs, then the smallest union; ties (sections listing the same IDs, like
            // RDS for MySQL and MariaDB) go to an English section not yet matched, then the same
            // title, then the nearest position.
            let best = ref_sections
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let inter = s.ids.intersection(&r.ids).count();
                    (inter > 0).then(|| {
                        let union = s.ids.union(&r.ids).count();
                        (
                            std::cmp::Reverse(inter),
                            union,
                            taken.contains(&i),
                            r.title != s.title,
                            i.abs_diff(pos),
                            i,
                        )
                    })
                })
                .min();
            let key = match best {
                Some((.., i)) => {
                    taken.insert(i);
                    ref_keys[i].clone()
                }
                None => {
                    diags.push(
                        Diagnostic::raise(
                            SourceRef::new(doc.path.clone(), s.line),
                            "nhn/unmatched-section",
                            format!(
                                "the section {:?} shares no event ID with any section of {}; it is catalogued as its own service",
                                s.title,
                                reference.map_or("the reference list", |r| r.path.as_str())
                            ),
                        )
                        .subject(s.title.clone()),
                    );
                    slug(&s.title)
                }
            };
            if let Some(l) = doc.locale {
                services
                    .entry(key.clone())
                    .or_default()
                    .entry(l)
                    .or_insert(s.title.clone());
            }
            index.insert((doc.path.clone(), s.title), key);
        }
    }
    // Older revisions: service names map to the current services by title.
    let mut list: Vec<NhnService> = services
        .iter()
        .map(|(k, names)| NhnService {
            key: k.clone(),
            names: names.clone(),
            variant: String::new(),
        })
        .collect();
    for doc in docs.iter().filter(|d| !d.current) {
        let mut seen = BTreeSet::new();
        for r in &doc.records {
            let Some(title) = &r.service else { continue };
            if !seen.insert(title.clone()) {
                continue;
            }
            let key = match service_key(&list, doc.locale, title) {
                Some(k) => k,
                None => {
                    let key = slug(title);
                    diags.push(
                        Diagnostic::raise(
                            SourceRef::new(doc.path.clone(), r.line),
                            "nhn/unknown-service",
                            format!(
                                "the service {title:?} is the title of no section of the current lists; catalogued under key {key:?}"
                            ),
                        )
                        .subject(title.clone()),
                    );
                    let mut names = BTreeMap::new();
                    if let Some(l) = doc.locale {
                        names.insert(l, title.clone());
                    }
                    list.push(NhnService {
                        key: key.clone(),
                        names,
                        variant: String::new(),
                    });
                    list.sort_by(|a, b| a.key.cmp(&b.key));
                    key
                }
            };
            index.insert((doc.path.clone(), title.clone()), key);
        }
    }
    (list, index)
}

/// The service key of a record, as built.
pub fn record_service(
    index_services: &[NhnService],
    doc: &NhnDocument,
    r: &Record,
) -> Option<String> {
    r.service
        .as_deref()
        .and_then(|t| service_key(index_services, doc.locale, t))
}

#[derive(Default)]
struct Acc {
    services: BTreeSet<String>,
    names: BTreeMap<Locale, String>,
    old_names: BTreeMap<Locale, String>,
    sources: BTreeSet<SourceRef>,
    current: bool,
}

/// Whether `s` contains Hangul syllables or jamo.
pub(crate) fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'))
}

/// Whether `s` contains Japanese script: kana (hiragana, katakana, half-width katakana) or kanji.
pub(crate) fn has_kana_or_kanji(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c,
            '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}'
            | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
    })
}

/// Why a locale's name is not a translation, if it is not: `in Hangul` (a non-Korean name with
/// Hangul), `without kana or kanji` (a ja name in Latin script only, like `Create Instance`),
/// `equal to the en name` (a zh name copied from en).
pub fn why_untranslated(locale: Locale, names: &BTreeMap<Locale, String>) -> Option<&'static str> {
    let name = names.get(&locale)?;
    if locale == Locale::Zh && names.get(&Locale::En) == Some(name) {
        Some("equal to the en name")
    } else if locale != Locale::Ko && has_hangul(name) {
        Some("in Hangul")
    } else if locale == Locale::Ja && !has_kana_or_kanji(name) {
        Some("without kana or kanji")
    } else {
        None
    }
}

/// An event as the lists name it, with its locale markers worked out from `names`: the locales
/// that hold the Korean name untranslated, and those that name it not at all. The rest (dates,
/// sources, meaning, variant) is left to building, the history and the merge.
pub fn event(
    id: String,
    services: Vec<String>,
    names: BTreeMap<Locale, String>,
    status: Status,
) -> NhnEvent {
    NhnEvent {
        untranslated: untranslated(&names),
        missing: Locale::ALL
            .into_iter()
            .filter(|l| !names.contains_key(l))
            .collect(),
        id,
        services,
        names,
        status,
        ..Default::default()
    }
}

/// Locales whose name is not a translation (see [`why_untranslated`]).
pub fn untranslated(names: &BTreeMap<Locale, String>) -> Vec<Locale> {
    names
        .keys()
        .copied()
        .filter(|l| why_untranslated(*l, names).is_some())
        .collect()
}

/// How a row of an ID-less list (seed 000's `|이벤트|서비스|`) is tied to an event ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdlessMatch {
    /// The row stands where the reference list (the next older revision with IDs) has a row of
    /// the same name and service: that row's ID.
    Same(String),
    /// The row stands, between rows that match, where the reference list has one row of the same
    /// service under another name (`reference` is that row): its ID, by place.
    Place {
        /// The ID of the reference list's row.
        id: String,
        /// The reference list's name for it.
        name: String,
        /// The reference list's row.
        reference: SourceRef,
    },
    /// Not aligned (no reference list, or a stretch of another length): the one ID of that name
    /// and service in the lists with IDs of the same locale.
    Name(String),
    /// Several IDs share its name and service (by name), sorted.
    Ambiguous(Vec<String>),
    /// Nothing ties it to an ID. `in_place` are the IDs of its service the reference lists in its
    /// place (a stretch of another length than the ID-less list's, so not paired), as a hint.
    Unmatched {
        /// The reference's IDs of the same service between the matched rows around it, sorted.
        in_place: Vec<String>,
    },
}

impl IdlessMatch {
    /// The event ID the row was read as, when one.
    pub fn id(&self) -> Option<&str> {
        match self {
            IdlessMatch::Same(id) | IdlessMatch::Name(id) | IdlessMatch::Place { id, .. } => {
                Some(id)
            }
            IdlessMatch::Ambiguous(_) | IdlessMatch::Unmatched { .. } => None,
        }
    }
}

/// A row of an ID-less list and what it was tied to.
#[derive(Debug, Clone)]
pub struct IdlessRow<'a> {
    /// The ID-less document.
    pub doc: &'a NhnDocument,
    /// Its row.
    pub record: &'a Record,
    /// The event ID (or IDs) it stands for.
    pub matched: IdlessMatch,
}

/// (locale, service key, name) -> the event IDs of that name in the lists with IDs.
type NameIndex<'a> = BTreeMap<(Option<Locale>, Option<String>, String), BTreeSet<&'a str>>;

/// Ties every row of the ID-less lists among `docs` to event IDs.
///
/// An ID-less list is aligned row by row with its *reference*: the next older revision with IDs
/// of the same locale (seed 000 with seed 001). Rows with the same service and name are matched
/// in order (longest common subsequence), so a name listed twice (`프로젝트 멤버 삭제`) or a name
/// a later list gives to another ID too (`인스턴스 종료`, also `instance_action.shelve` since 2023)
/// is the ID the reference has in that place. Between matched rows, a stretch of the ID-less list
/// is paired in order with a stretch of the reference of the same length and services (`인스턴스
/// 인터페이스 변경` twice where the reference has `interface.create` and `interface.delete`).
/// Other rows (no reference, or a stretch of another length: `이미지 공유 변경` where the reference
/// has `이미지 공유 추가` and `이미지 공유 삭제`) are matched by name and service among all lists with
/// IDs of the same locale, never by a guess.
pub fn resolve_idless<'a>(
    docs: &[&'a NhnDocument],
    services: &[NhnService],
    overrides: &NhnOverrides,
) -> Vec<IdlessRow<'a>> {
    let docs = in_order(docs);
    let with_ids: Vec<&NhnDocument> = docs.iter().copied().filter(|d| d.has_ids()).collect();
    let key = |d: &NhnDocument, r: &Record| (record_service(services, d, r), r.name.clone());
    let mut by_name = NameIndex::new();
    for d in &with_ids {
        for r in &d.records {
            if let Some(id) = &r.event_id {
                let (svc, name) = key(d, r);
                by_name
                    .entry((d.locale, svc, name))
                    .or_default()
                    .insert(corrected(id, overrides));
            }
        }
    }
    let by_name_of = |d: &NhnDocument, r: &Record| -> IdlessMatch {
        let (svc, name) = key(d, r);
        let ids: Vec<String> = by_name
            .get(&(d.locale, svc, name))
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect();
        match ids.len() {
            0 => IdlessMatch::Unmatched {
                in_place: Vec::new(),
            },
            1 => IdlessMatch::Name(ids[0].clone()),
            _ => IdlessMatch::Ambiguous(ids),
        }
    };
    let mut out = Vec::new();
    for doc in docs.iter().copied().filter(|d| !d.has_ids()) {
        let rows: Vec<&Record> = doc.records.iter().collect();
        let reference = with_ids
            .iter()
            .copied()
            .filter(|r| {
                !r.current
                    && r.locale == doc.locale
                    && r.revision > doc.revision
                    && doc.revision.is_some()
            })
            .min_by_key(|r| (r.revision, r.path.clone()));
        let Some(reference) = reference else {
            out.extend(rows.iter().map(|r| IdlessRow {
                doc,
                record: r,
                matched: by_name_of(doc, r),
            }));
            continue;
        };
        let refs: Vec<&Record> = reference
            .records
            .iter()
            .filter(|r| r.event_id.is_some())
            .collect();
        let a: Vec<_> = rows.iter().map(|r| key(doc, r)).collect();
        let b: Vec<_> = refs.iter().map(|r| key(reference, r)).collect();
        let id_of =
            |r: &Record| corrected(r.event_id.as_deref().unwrap_or_default(), overrides).to_owned();
        // Anchors: the longest common subsequence of (service, name), then the ends.
        let mut anchors = lcs(&a, &b);
        anchors.push((a.len(), b.len()));
        let mut matched: Vec<IdlessMatch> = vec![
            IdlessMatch::Unmatched {
                in_place: Vec::new()
            };
            rows.len()
        ];
        let (mut i0, mut j0) = (0, 0);
        for (i1, j1) in anchors {
            let (gap_a, gap_b) = (i0..i1, j0..j1);
            let paired = gap_a.len() == gap_b.len()
                && gap_a
                    .clone()
                    .zip(gap_b.clone())
                    .all(|(i, j)| a[i].0 == b[j].0);
            for (k, i) in gap_a.clone().enumerate() {
                matched[i] = if paired {
                    let r = refs[j0 + k];
                    IdlessMatch::Place {
                        id: id_of(r),
                        name: r.name.clone(),
                        reference: SourceRef::new(reference.path.clone(), r.line),
                    }
                } else {
                    // Stretches of other lengths are not paired: by name, else unmatched, saying
                    // what the reference lists in its place.
                    let mut in_place: Vec<String> = gap_b
                        .clone()
                        .filter(|&j| b[j].0 == a[i].0)
                        .map(|j| id_of(refs[j]))
                        .collect();
                    in_place.sort();
                    in_place.dedup();
                    match by_name_of(doc, rows[i]) {
                        IdlessMatch::Unmatched { .. } => IdlessMatch::Unmatched { in_place },
                        m => m,
                    }
                };
            }
            if i1 < a.len() {
                matched[i1] = IdlessMatch::Same(id_of(refs[j1]));
            }
            (i0, j0) = (i1 + 1, j1 + 1);
        }
        out.extend(
            rows.into_iter()
                .zip(matched)
                .map(|(record, matched)| IdlessRow {
                    doc,
                    record,
                    matched,
                }),
        );
    }
    out
}

/// The index pairs of a longest common subsequence of `a` and `b`, in order.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // len[i][j]: LCS length of a[i..] and b[j..].
    let mut len = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Merges NHN documents into the NHN catalogue, applying `overrides`.
pub fn build(
    docs: &[&NhnDocument],
    overrides: &NhnOverrides,
    diags: &mut Vec<Diagnostic>,
) -> NhnCatalog {
    let docs = in_order(docs);
    let (services, index) = build_services(&docs, overrides, diags);
    let any_current = docs.iter().any(|d| d.current);
    if !any_current && docs.iter().any(|d| d.has_ids()) {
        let first = docs
            .iter()
            .find(|d| d.has_ids())
            .map_or("", |d| d.path.as_str());
        diags.push(Diagnostic::raise(
            SourceRef::new(first, 1),
            "nhn/no-current-list",
            "no current event list (`<locale>/event-list.md`) was read; every ID is catalogued as listed",
        ));
    }
    let mut events: BTreeMap<String, Acc> = BTreeMap::new();
    for doc in &docs {
        for r in &doc.records {
            let Some(raw_id) = &r.event_id else { continue };
            let id = corrected(raw_id, overrides);
            let acc = events.entry(id.to_owned()).or_default();
            if let Some(t) = &r.service
                && let Some(k) = index.get(&(doc.path.clone(), t.clone()))
            {
                acc.services.insert(k.clone());
            }
            acc.sources.insert(SourceRef::new(doc.path.clone(), r.line));
            let name = r.name.clone();
            if let Some(l) = doc.locale.filter(|_| !name.is_empty()) {
                if doc.current {
                    acc.current = true;
                    acc.names.entry(l).or_insert(name);
                } else {
                    acc.old_names.insert(l, name);
                }
            } else if doc.current {
                acc.current = true;
            }
        }
    }
    // A row of an ID-less list that stands for one ID is one more place that lists it.
    for row in resolve_idless(&docs, &services, overrides) {
        if let Some(acc) = row.matched.id().and_then(|id| events.get_mut(id)) {
            acc.sources
                .insert(SourceRef::new(row.doc.path.clone(), row.record.line));
        }
    }
    let events = events
        .into_iter()
        .map(|(id, acc)| {
            let listed = acc.current || !any_current;
            let names = if acc.current {
                acc.names
            } else {
                acc.old_names
            };
            let status = if listed {
                Status::Listed
            } else {
                Status::Retired
            };
            NhnEvent {
                sources: acc.sources.into_iter().collect(),
                ..event(id, acc.services.into_iter().collect(), names, status)
            }
        })
        .collect();
    NhnCatalog {
        services,
        events,
        ..Default::default()
    }
}

/// `nhn/unused-override`: overrides whose `from` is not `used`: read by this import, or the
/// subject of a finding the catalogue keeps from an earlier import (the history's malformed IDs
/// stay findings at the revision that had them, so their overrides stay in use).
pub fn unused_overrides(overrides: &NhnOverrides, used: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    overrides
        .ids
        .iter()
        .filter(|o| !used(&o.from))
        .map(|o| {
            Diagnostic::raise(
                SourceRef::new("catalog/nhn/overrides.yaml", 1),
                "nhn/unused-override",
                format!(
                    "the override of {:?} matches no event ID read (fixed upstream?); delete it",
                    o.from
                ),
            )
            .subject(o.from.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hand::IdOverride;
    use trail_sources::SourceDoc;

    fn read(path: &str, text: &str) -> NhnDocument {
        trail_sources::nhn::read(&SourceDoc {
            path: path.into(),
            text: text.into(),
        })
        .unwrap()
    }

    #[test]
    fn sections_match_by_ids_and_older_ids_are_retired() {
        let en = read(
            "nhn/en/event-list.md",
            "### Console\n\n|Event|Event ID|\n|---|---|\n|Login|event_id.iam.login|\n\n### Log &amp; Crash Search\n\n|Event|Event ID|\n|---|---|\n|Upload|event_id.lnc.up|\n",
        );
        // ko sections in the other order: matched by IDs, not position.
        let ko = read(
            "nhn/ko/event-list.md",
            "### Log &amp; Crash Search\n\n|이벤트|이벤트 ID|\n|---|---|\n|업로드|event_id.lnc.up|\n\n### 콘솔\n\n|이벤트|이벤트 ID|\n|---|---|\n|로그인|event_id.iam.login|\n",
        );
        let old = read(
            "seeds/001_x.txt",
            "|이벤트|이벤트 ID|서비스|\n|---|---|---|\n|로그인|event_id.iam.login|콘솔|\n|옛것|email_id.old|콘솔|\n",
        );
        let overrides = NhnOverrides {
            ids: vec![IdOverride {
                from: "email_id.old".into(),
                to: "event_id.old".into(),
                reason: "r".into(),
            }],
            ..Default::default()
        };
        let mut diags = Vec::new();
        let cat = build(&[&old, &ko, &en], &overrides, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<&str> = cat.services.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["console", "log-crash-search"]);
        assert_eq!(cat.services[0].names[&Locale::Ko], "콘솔");
        let login = cat.event("event_id.iam.login").unwrap();
        assert_eq!(login.status, Status::Listed);
        assert_eq!(login.names[&Locale::Ko], "로그인");
        assert_eq!(login.missing, [Locale::Ja, Locale::Zh]);
        assert_eq!(login.sources.len(), 3);
        let old = cat.event("event_id.old").unwrap();
        assert_eq!(
            (old.status, old.services.as_slice()),
            (Status::Retired, ["console".to_string()].as_slice())
        );
    }

    #[test]
    fn order_of_documents_does_not_matter_and_unmatched_sections_are_reported() {
        let en = read(
            "nhn/en/event-list.md",
            "### Console\n\n|Event|Event ID|\n|---|---|\n|Login|event_id.iam.login|\n",
        );
        let ko = read(
            "nhn/ko/event-list.md",
            "### 콘솔\n\n|이벤트|이벤트 ID|\n|---|---|\n|로그인|event_id.iam.login|\n\n### 새 서비스\n\n|이벤트|이벤트 ID|\n|---|---|\n|생성|event_id.new.create|\n",
        );
        let (mut d1, mut d2) = (Vec::new(), Vec::new());
        let a = build(&[&en, &ko], &NhnOverrides::default(), &mut d1);
        let b = build(&[&ko, &en], &NhnOverrides::default(), &mut d2);
        assert_eq!(a, b);
        assert_eq!(d1, d2);
        assert_eq!(d1.len(), 1);
        assert_eq!(
            (d1[0].code.as_str(), d1[0].at.to_string()),
            ("nhn/unmatched-section", "nhn/ko/event-list.md:7".into())
        );
        assert_eq!(
            a.service("새-서비스").unwrap().names[&Locale::Ko],
            "새 서비스",
            "kept under its own slug"
        );
    }

    #[test]
    fn without_a_current_list_every_id_is_listed() {
        let old = read(
            "seeds/001_x.txt",
            "|이벤트|이벤트 ID|서비스|\n|---|---|---|\n|로그인|event_id.iam.login|콘솔|\n",
        );
        let mut diags = Vec::new();
        let cat = build(&[&old], &NhnOverrides::default(), &mut diags);
        assert_eq!(cat.events[0].status, Status::Listed);
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nhn/unknown-service", "nhn/no-current-list"]);
    }

    /// Seed 000 (2019, no IDs) against seed 001: names listed twice and a name a later list also
    /// gives to another ID are read in order; a row whose stretch differs in length stays open.
    #[test]
    fn an_idless_list_is_aligned_with_the_next_list_with_ids() {
        let row = |n: &str, id: &str, s: &str| format!("|{n}|{id}|{s}|\n");
        let old = read(
            "seeds/000_x.txt",
            &format!(
                "|이벤트|서비스|\n|---|---|\n{}",
                [
                    "이미지 삭제",
                    "이미지 공유 변경",
                    "인스턴스 종료",
                    "인스턴스 인터페이스 변경",
                    "인스턴스 인터페이스 변경",
                    "키페어 생성"
                ]
                .map(|n| format!("|{n}|기본 인프라 서비스|\n"))
                .concat()
            ),
        );
        let ids = [
            ("이미지 삭제", "event_id.iaas.image.delete"),
            ("이미지 공유 추가", "event_id.iaas.image_member.create"),
            ("이미지 공유 삭제", "event_id.iaas.image_member.delete"),
            ("인스턴스 종료", "event_id.iaas.instance_action.stop"),
            ("인스턴스 인터페이스 추가", "event_id.iaas.interface.create"),
            ("인스턴스 인터페이스 삭제", "event_id.iaas.interface.delete"),
            ("키페어 생성", "event_id.iaas.keypair.create"),
        ];
        let next = read(
            "seeds/001_x.txt",
            &format!(
                "|이벤트|이벤트 ID|서비스|\n|---|---|---|\n{}",
                ids.map(|(n, id)| row(n, id, "기본 인프라 서비스")).concat()
            ),
        );
        // The current list (2023 on) gives `인스턴스 종료` to shelve as well.
        let current = read(
            "nhn/ko/event-list.md",
            "### 기본 인프라 서비스\n\n|이벤트|이벤트 ID|\n|---|---|\n|인스턴스 종료|event_id.iaas.instance_action.shelve|\n|인스턴스 종료|event_id.iaas.instance_action.stop|\n",
        );
        let docs = [&current, &next, &old];
        let cat = build(&docs, &NhnOverrides::default(), &mut Vec::new());
        let got: Vec<(u32, IdlessMatch)> =
            resolve_idless(&docs, &cat.services, &NhnOverrides::default())
                .into_iter()
                .map(|r| (r.record.line, r.matched))
                .collect();
        let place = |id: &str, name: &str, line: u32| IdlessMatch::Place {
            id: id.into(),
            name: name.into(),
            reference: SourceRef::new("seeds/001_x.txt", line),
        };
        assert_eq!(
            got,
            [
                (3, IdlessMatch::Same("event_id.iaas.image.delete".into())),
                (
                    4,
                    IdlessMatch::Unmatched {
                        in_place: vec![
                            "event_id.iaas.image_member.create".into(),
                            "event_id.iaas.image_member.delete".into()
                        ]
                    }
                ),
                (
                    5,
                    IdlessMatch::Same("event_id.iaas.instance_action.stop".into())
                ),
                (
                    6,
                    place(
                        "event_id.iaas.interface.create",
                        "인스턴스 인터페이스 추가",
                        7
                    )
                ),
                (
                    7,
                    place(
                        "event_id.iaas.interface.delete",
                        "인스턴스 인터페이스 삭제",
                        8
                    )
                ),
                (8, IdlessMatch::Same("event_id.iaas.keypair.create".into())),
            ]
        );
        // The entries cite the rows that resolve to them.
        let cites = |id: &str| {
            cat.event(id)
                .unwrap()
                .sources
                .iter()
                .filter(|s| s.path.starts_with("seeds/000"))
                .map(|s| s.line)
                .collect::<Vec<_>>()
        };
        assert_eq!(cites("event_id.iaas.interface.delete"), [7]);
        assert_eq!(cites("event_id.iaas.instance_action.stop"), [5]);
        assert!(cites("event_id.iaas.instance_action.shelve").is_empty());
        assert!(cites("event_id.iaas.image_member.create").is_empty());
        // Without the list with IDs, by name alone: `인스턴스 종료` names two IDs.
        let docs = [&current, &old];
        let cat = build(&docs, &NhnOverrides::default(), &mut Vec::new());
        let by_name = resolve_idless(&docs, &cat.services, &NhnOverrides::default());
        assert_eq!(
            by_name[2].matched,
            IdlessMatch::Ambiguous(vec![
                "event_id.iaas.instance_action.shelve".into(),
                "event_id.iaas.instance_action.stop".into()
            ])
        );
    }

    #[test]
    fn untranslated_names() {
        let names: BTreeMap<Locale, String> = [
            (Locale::Ko, "노드"),
            (Locale::En, "Node"),
            (Locale::Ja, "GATEWAY 노드"),
            (Locale::Zh, "Node"),
        ]
        .into_iter()
        .map(|(l, n)| (l, n.to_string()))
        .collect();
        assert_eq!(untranslated(&names), [Locale::Ja, Locale::Zh]);
        // A ja name in Latin script only is untranslated, like a zh name equal to en's; kana or
        // kanji anywhere make it Japanese.
        let names = |ja: &str| -> BTreeMap<Locale, String> {
            [(Locale::En, "Create Instance"), (Locale::Ja, ja)]
                .into_iter()
                .map(|(l, n)| (l, n.to_string()))
                .collect()
        };
        assert_eq!(
            why_untranslated(Locale::Ja, &names("Create Instance")),
            Some("without kana or kanji")
        );
        assert_eq!(
            why_untranslated(Locale::Ja, &names("NAS Storage")),
            Some("without kana or kanji")
        );
        assert_eq!(
            why_untranslated(Locale::Ja, &names("インスタンス作成")),
            None
        );
        assert_eq!(why_untranslated(Locale::Ja, &names("NAS暗号化")), None);
        assert_eq!(why_untranslated(Locale::Ja, &names("ｲﾝｽﾀﾝｽ")), None);
        assert_eq!(why_untranslated(Locale::En, &names("x")), None);
    }
}

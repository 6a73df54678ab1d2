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
//!   is `untranslated` when a non-Korean name contains Hangul, or the zh name equals the en
//!   name; a locale without a name is `missing`.

use std::collections::{BTreeMap, BTreeSet};

use trail_sources::nhn::{NhnDocument, Record};
use trail_sources::{Diagnostic, Locale, Severity, SourceRef};

use crate::model::hand::NhnOverrides;
use crate::model::nhn::slug;
use crate::model::{NhnCatalog, NhnEvent, NhnService, Status};

/// The ID a cleaned ID is catalogued as: the override's `to` when one names it, else itself.
pub fn corrected<'a>(id: &'a str, overrides: &'a NhnOverrides) -> &'a str {
    overrides.ids.iter().find(|o| o.from == id).map_or(id, |o| o.to.as_str())
}

/// Documents in a stable order: current lists by locale (the standard list before the
/// editions), then older revisions by revision and path.
pub fn in_order<'a>(docs: &[&'a NhnDocument]) -> Vec<&'a NhnDocument> {
    let mut v = docs.to_vec();
    let key = |d: &NhnDocument| (!d.current, d.locale, d.edition.as_deref() != Some("standard"), d.revision, d.path.clone());
    v.sort_by_key(|d| key(d));
    v
}

/// The key of the service titled `title`: same-locale title, then any-locale title, then slug.
pub fn service_key(services: &[NhnService], locale: Option<Locale>, title: &str) -> Option<String> {
    if let Some(l) = locale {
        if let Some(s) = services.iter().find(|s| s.names.get(&l).map(String::as_str) == Some(title)) {
            return Some(s.key.clone());
        }
    }
    if let Some(s) = services.iter().find(|s| s.names.values().any(|n| n == title)) {
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
                let line = doc.headings.iter().find(|h| &h.text == title).map_or(r.line, |h| h.line);
                out.push(Section { title: title.clone(), line, ids: BTreeSet::new() });
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
    let ref_sections = reference.map(|d| sections(d, overrides)).unwrap_or_default();
    let ref_keys: Vec<String> = ref_sections.iter().map(|s| slug(&s.title)).collect();
    if let Some(r) = reference {
        for (s, key) in ref_sections.iter().zip(&ref_keys) {
            if let Some(l) = r.locale {
                services.entry(key.clone()).or_default().insert(l, s.title.clone());
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
                        (std::cmp::Reverse(inter), union, taken.contains(&i), r.title != s.title, i.abs_diff(pos), i)
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
                        Diagnostic::new(
                            SourceRef::new(doc.path.clone(), s.line),
                            "nhn/unmatched-section",
                            Severity::Warning,
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
                services.entry(key.clone()).or_default().entry(l).or_insert(s.title.clone());
            }
            index.insert((doc.path.clone(), s.title), key);
        }
    }
    // Older revisions: service names map to the current services by title.
    let mut list: Vec<NhnService> =
        services.iter().map(|(k, names)| NhnService { key: k.clone(), names: names.clone() }).collect();
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
                        Diagnostic::new(
                            SourceRef::new(doc.path.clone(), r.line),
                            "nhn/unknown-service",
                            Severity::Warning,
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
                    list.push(NhnService { key: key.clone(), names });
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
pub fn record_service(index_services: &[NhnService], doc: &NhnDocument, r: &Record) -> Option<String> {
    r.service.as_deref().and_then(|t| service_key(index_services, doc.locale, t))
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
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'))
}

/// Locales whose name is not a translation: a non-Korean name with Hangul, a zh name equal to en's.
pub fn untranslated(names: &BTreeMap<Locale, String>) -> Vec<Locale> {
    let mut out = Vec::new();
    for (l, n) in names {
        let hangul = *l != Locale::Ko && has_hangul(n);
        let copied = *l == Locale::Zh && names.get(&Locale::En) == Some(n);
        if hangul || copied {
            out.push(*l);
        }
    }
    out
}

/// Merges NHN documents into the NHN catalogue, applying `overrides`.
pub fn build(docs: &[&NhnDocument], overrides: &NhnOverrides, diags: &mut Vec<Diagnostic>) -> NhnCatalog {
    let docs = in_order(docs);
    let (services, index) = build_services(&docs, overrides, diags);
    let any_current = docs.iter().any(|d| d.current);
    if !any_current && docs.iter().any(|d| d.has_ids()) {
        let first = docs.iter().find(|d| d.has_ids()).map_or("", |d| d.path.as_str());
        diags.push(Diagnostic::new(
            SourceRef::new(first, 1),
            "nhn/no-current-list",
            Severity::Info,
            "no current event list (`<locale>/event-list.md`) was read; every ID is catalogued as listed",
        ));
    }
    let mut events: BTreeMap<String, Acc> = BTreeMap::new();
    for doc in &docs {
        for r in &doc.records {
            let Some(raw_id) = &r.event_id else { continue };
            let id = corrected(raw_id, overrides);
            let acc = events.entry(id.to_owned()).or_default();
            if let Some(t) = &r.service {
                if let Some(k) = index.get(&(doc.path.clone(), t.clone())) {
                    acc.services.insert(k.clone());
                }
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
    let events = events
        .into_iter()
        .map(|(id, acc)| {
            let listed = acc.current || !any_current;
            let names = if acc.current { acc.names } else { acc.old_names };
            NhnEvent {
                untranslated: untranslated(&names),
                missing: Locale::ALL.into_iter().filter(|l| !names.contains_key(l)).collect(),
                id,
                services: acc.services.into_iter().collect(),
                names,
                status: if listed { Status::Listed } else { Status::Retired },
                sources: acc.sources.into_iter().collect(),
                ..Default::default()
            }
        })
        .collect();
    NhnCatalog { services, events, ..Default::default() }
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
            Diagnostic::new(
                SourceRef::new("catalog/nhn/overrides.yaml", 1),
                "nhn/unused-override",
                Severity::Warning,
                format!("the override of {:?} matches no event ID read (fixed upstream?); delete it", o.from),
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
        trail_sources::nhn::read(&SourceDoc { path: path.into(), text: text.into() }).unwrap()
    }

    #[test]
    fn sections_match_by_ids_and_older_ids_are_retired() {
        let en = read("nhn/en/event-list.md", "### Console\n\n|Event|Event ID|\n|---|---|\n|Login|event_id.iam.login|\n\n### Log &amp; Crash Search\n\n|Event|Event ID|\n|---|---|\n|Upload|event_id.lnc.up|\n");
        // ko sections in the other order: matched by IDs, not position.
        let ko = read("nhn/ko/event-list.md", "### Log &amp; Crash Search\n\n|이벤트|이벤트 ID|\n|---|---|\n|업로드|event_id.lnc.up|\n\n### 콘솔\n\n|이벤트|이벤트 ID|\n|---|---|\n|로그인|event_id.iam.login|\n");
        let old = read("seeds/001_x.txt", "|이벤트|이벤트 ID|서비스|\n|---|---|---|\n|로그인|event_id.iam.login|콘솔|\n|옛것|email_id.old|콘솔|\n");
        let overrides = NhnOverrides {
            ids: vec![IdOverride { from: "email_id.old".into(), to: "event_id.old".into(), reason: "r".into() }],
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
        assert_eq!((old.status, old.services.as_slice()), (Status::Retired, ["console".to_string()].as_slice()));
    }

    #[test]
    fn order_of_documents_does_not_matter_and_unmatched_sections_are_reported() {
        let en = read("nhn/en/event-list.md", "### Console\n\n|Event|Event ID|\n|---|---|\n|Login|event_id.iam.login|\n");
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
        assert_eq!((d1[0].code.as_str(), d1[0].at.to_string()), ("nhn/unmatched-section", "nhn/ko/event-list.md:7".into()));
        assert_eq!(a.service("새-서비스").unwrap().names[&Locale::Ko], "새 서비스", "kept under its own slug");
    }

    #[test]
    fn without_a_current_list_every_id_is_listed() {
        let old = read("seeds/001_x.txt", "|이벤트|이벤트 ID|서비스|\n|---|---|---|\n|로그인|event_id.iam.login|콘솔|\n");
        let mut diags = Vec::new();
        let cat = build(&[&old], &NhnOverrides::default(), &mut diags);
        assert_eq!(cat.events[0].status, Status::Listed);
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nhn/unknown-service", "nhn/no-current-list"]);
    }

    #[test]
    fn untranslated_names() {
        let names: BTreeMap<Locale, String> =
            [(Locale::Ko, "노드"), (Locale::En, "Node"), (Locale::Ja, "GATEWAY 노드"), (Locale::Zh, "Node")]
                .into_iter()
                .map(|(l, n)| (l, n.to_string()))
                .collect();
        assert_eq!(untranslated(&names), [Locale::Ja, Locale::Zh]);
    }
}

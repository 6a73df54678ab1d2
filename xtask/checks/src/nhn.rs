//! Cross-checks for the NHN part of the catalogue.
//!
//! They look at the documents' records (for file:line) and at the built catalogue. The
//! subject of a finding is the event ID as catalogued (after `overrides.yaml`), or the raw
//! cleaned ID for malformed IDs, the event name for findings about ID-less overview rows, or the
//! service key for `nhn/untranslated` (one finding per locale and service).

use std::collections::{BTreeMap, BTreeSet};

use trail_catalog::Catalog;
use trail_catalog::build::nhn::{corrected, in_order, record_service};
use trail_catalog::model::roles::NhnAccessRule;
use trail_catalog::model::{Coverage, NhnEvent, Status};
use trail_sources::nhn::NhnDocument;
use trail_sources::{Diagnostic, Extracted, Locale, Severity, SourceRef};

/// Every `nhn/…` code, from reading, building and cross-checking: (code, default severity, meaning).
pub const CODES: &[(&str, Severity, &str)] = &[
    // Reading a document (trail-sources).
    ("nhn/extra-cells", Severity::Warning, "a row has more cells than its table's header; the extra cells are ignored, as GitHub does"),
    ("nhn/missing-cells", Severity::Warning, "a row has fewer cells than its table's header; the missing cells are read as empty, as GitHub does"),
    ("nhn/swapped-cells", Severity::Warning, "a row's event ID stands in the name column and its name in the ID column; read by content"),
    ("nhn/empty-id", Severity::Error, "a row's event ID cell is empty; the row is not read"),
    ("nhn/unknown-table", Severity::Warning, "a table whose header is no known layout (event name plus event ID or service column); its rows are not read"),
    ("nhn/unknown-column", Severity::Warning, "a column that is no event name, ID or service; ignored"),
    ("nhn/stray-row", Severity::Warning, "a line that looks like a table row outside any table (delimiter row not matching the header?); not read"),
    ("nhn/no-service", Severity::Warning, "a table without a service column and without a `###` heading above it"),
    ("nhn/empty-name", Severity::Warning, "a row's event name cell is empty"),
    ("nhn/empty-service", Severity::Warning, "a row's service cell is empty"),
    ("nhn/no-locale", Severity::Warning, "neither the path nor the header words say which locale the document is in"),
    ("nhn/id-control-char", Severity::Warning, "a control character (raw or as an entity such as `&#8;`) removed from an event ID"),
    ("nhn/id-entity", Severity::Warning, "an HTML entity inside an event ID, decoded"),
    ("nhn/id-whitespace", Severity::Warning, "whitespace removed from inside an event ID"),
    ("nhn/name-control-char", Severity::Warning, "a control character removed from an event name"),
    ("nhn/name-entity", Severity::Info, "an HTML entity in an event name, decoded (`&#39;` -> `'`)"),
    ("nhn/heading-entity", Severity::Info, "an HTML entity in a service heading, decoded (`Log &amp; Crash Search`)"),
    // Building the catalogue (trail-catalog).
    ("nhn/unmatched-section", Severity::Warning, "a section of a locale's current list shares no event ID with any English section"),
    ("nhn/unknown-service", Severity::Warning, "an older revision names a service that is no section title of the current lists"),
    ("nhn/unused-override", Severity::Warning, "an override names an ID no document has (fixed upstream?); delete it"),
    ("nhn/no-current-list", Severity::Info, "no current `<locale>/event-list.md` was read; every ID is catalogued as listed"),
    // Reading the docs repository's history (import --git).
    ("nhn/history-empty-list", Severity::Warning, "a revision of an event list lists no event ID (emptied, `test`, an `<iframe>`); the list keeps its previous state"),
    ("nhn/history-idless-list", Severity::Info, "a revision of an event list names events without IDs (the 2019 layout); no ID is dated from it"),
    ("nhn/history-wrong-locale", Severity::Warning, "a revision of an event list holds another locale's text; not read, the list keeps its previous state"),
    ("nhn/history-dropped-block", Severity::Warning, "a revision drops a block of IDs of which at least half come back later; those count as listed all along"),
    // Cross-checks (this module).
    ("nhn/malformed-id", Severity::Error, "an event ID that is not `event_id(.segment)+` with segments of [A-Za-z0-9_-] (wrong prefix, trailing dot, empty segment, stray characters, `event_id.` twice); info once overrides.yaml corrects it"),
    ("nhn/conflicting-names", Severity::Warning, "one document gives the same event ID two different names"),
    ("nhn/duplicate-row", Severity::Warning, "one section of a document lists the same event ID twice"),
    ("nhn/shared-name", Severity::Warning, "one name is given to several event IDs in one service (or, in an ID-less list, twice)"),
    ("nhn/overview-unmatched", Severity::Warning, "a row of an ID-less list whose name and service match no event ID of the same locale"),
    ("nhn/overview-ambiguous", Severity::Warning, "a row of an ID-less list whose name and service match several event IDs"),
    ("nhn/missing-locale", Severity::Warning, "a listed event ID absent from a locale's current list"),
    ("nhn/untranslated", Severity::Info, "names of one service in one locale that are not translations (Hangul in a non-Korean name, a zh name equal to the en name); subject is the service key, one finding per locale and service"),
    ("nhn/renamed", Severity::Info, "an older revision names an event differently from the current list of its locale"),
    ("nhn/retired", Severity::Info, "an event ID of an older revision no longer in the current lists (kept, marked retired)"),
    ("nhn/multi-service", Severity::Info, "an event ID listed under several services (rds_for_mysql under MySQL and MariaDB)"),
    ("nhn/access-changed", Severity::Info, "an older overview revision states another rule of who may use CloudTrail (the 2019 one: OWNER, ADMIN, LOG_VIEWER) than the current one (members with CloudTrail permissions); the current rule is catalogued, the older kept as history"),
];

pub use trail_catalog::model::nhn::well_formed;

/// Appends this module's findings to `out`.
pub fn check(docs: &[Extracted], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let docs: Vec<&NhnDocument> =
        docs.iter().filter_map(|d| if let Extracted::Nhn(d) = d { Some(d) } else { None }).collect();
    let docs = in_order(&docs);
    for doc in &docs {
        malformed_ids(doc, catalog, out);
        within_document(doc, catalog, out);
    }
    overview(&docs, catalog, out);
    renamed(&docs, catalog, out);
    per_event(&docs, catalog, out);
    access_changed(catalog, out);
}

/// Who may use CloudTrail changed between overview revisions: one finding per earlier rule, at
/// the current statement, naming both.
fn access_changed(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let roles = &catalog.roles.nhn;
    let Some(now) = &roles.access else { return };
    let Some(here) = now.sources.first() else { return };
    let who = |rule: &NhnAccessRule| match rule {
        NhnAccessRule::Permission => "organization members with CloudTrail permissions".to_owned(),
        NhnAccessRule::Roles { roles } => format!("only the organization roles {}", roles.join(", ")),
    };
    let places = |s: &[SourceRef]| s.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    for old in &roles.history {
        out.push(
            Diagnostic::new(
                here.clone(),
                "nhn/access-changed",
                Severity::Info,
                format!(
                    "the current overview says CloudTrail is for {} ({}); an earlier revision said {} ({}): \
                     the current rule is catalogued, the earlier one kept as history",
                    who(&now.rule),
                    places(&now.sources),
                    who(&old.rule),
                    places(&old.sources)
                ),
            )
            .subject("access"),
        );
    }
}

fn at(doc: &NhnDocument, line: u32) -> SourceRef {
    SourceRef::new(doc.path.clone(), line)
}

fn malformed_ids(doc: &NhnDocument, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for r in &doc.records {
        let Some(id) = &r.event_id else { continue };
        let Err(why) = well_formed(id) else { continue };
        let d = malformed(id, &why, at(doc, r.line), &catalog.hand.nhn_overrides);
        out.push(d.raw(r.raw_event_id.clone().unwrap_or_else(|| id.clone())));
    }
}

/// `nhn/malformed-id` for the history: each raw ID once, at the first revision that has it.
pub fn malformed_first_rows(
    first_rows: &BTreeMap<String, (SourceRef, Option<String>)>,
    overrides: &trail_catalog::model::hand::NhnOverrides,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, (at, raw)) in first_rows {
        let Err(why) = well_formed(id) else { continue };
        out.push(malformed(id, &why, at.clone(), overrides).raw(raw.clone().unwrap_or_else(|| id.clone())));
    }
    out
}

fn malformed(id: &str, why: &str, at: SourceRef, overrides: &trail_catalog::model::hand::NhnOverrides) -> Diagnostic {
    let to = corrected(id, overrides);
    let d = if to != id {
        Diagnostic::new(at, "nhn/malformed-id", Severity::Info, format!("malformed event ID: {why}; catalogued as {to:?} per overrides.yaml"))
    } else {
        Diagnostic::new(
            at,
            "nhn/malformed-id",
            Severity::Error,
            format!("malformed event ID: {why}; correct it in catalog/nhn/overrides.yaml (from: {id:?}) or waive it"),
        )
    };
    d.subject(id.to_owned())
}

/// Duplicate rows, conflicting names and shared names inside one document.
fn within_document(doc: &NhnDocument, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let overrides = &catalog.hand.nhn_overrides;
    // ID -> (first line, first name); (service, ID) -> first line.
    let mut first: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
    let mut rows: BTreeMap<(Option<&str>, &str), u32> = BTreeMap::new();
    // (service, name) -> ID -> first line; ID-less: (service, name) -> first line.
    let mut by_name: BTreeMap<(Option<&str>, &str), BTreeMap<&str, u32>> = BTreeMap::new();
    let mut idless: BTreeMap<(Option<&str>, &str), u32> = BTreeMap::new();
    for r in &doc.records {
        let service = r.service.as_deref();
        let Some(raw) = &r.event_id else {
            match idless.get(&(service, r.name.as_str())) {
                Some(line) => out.push(
                    Diagnostic::new(
                        at(doc, r.line),
                        "nhn/shared-name",
                        Severity::Warning,
                        format!(
                            "the ID-less list gives {:?} twice under {:?} (also line {line}): two events share one name",
                            r.name,
                            service.unwrap_or("-")
                        ),
                    )
                    .subject(r.name.clone()),
                ),
                None => {
                    idless.insert((service, r.name.as_str()), r.line);
                }
            }
            continue;
        };
        let id = corrected(raw, overrides);
        if let Some(line) = rows.get(&(service, id)) {
            out.push(
                Diagnostic::new(
                    at(doc, r.line),
                    "nhn/duplicate-row",
                    Severity::Warning,
                    format!("the same event ID as line {line} in the same section; the catalogue keeps one entry"),
                )
                .subject(id.to_owned()),
            );
        } else {
            rows.insert((service, id), r.line);
        }
        match first.get(id) {
            Some((line, name)) if *name != r.name && !r.name.is_empty() && !name.is_empty() => out.push(
                Diagnostic::new(
                    at(doc, r.line),
                    "nhn/conflicting-names",
                    Severity::Warning,
                    format!("named {:?} here but {name:?} at line {line}; the catalogue keeps the first", r.name),
                )
                .subject(id.to_owned()),
            ),
            Some(_) => {}
            None => {
                first.insert(id, (r.line, r.name.as_str()));
            }
        }
        if !r.name.is_empty() {
            by_name.entry((service, r.name.as_str())).or_default().entry(id).or_insert(r.line);
        }
    }
    for ((service, name), ids) in by_name {
        if ids.len() < 2 {
            continue;
        }
        let all: Vec<&str> = ids.keys().copied().collect();
        for (id, line) in &ids {
            let others: Vec<&str> = all.iter().copied().filter(|o| o != id).collect();
            out.push(
                Diagnostic::new(
                    at(doc, *line),
                    "nhn/shared-name",
                    Severity::Warning,
                    format!(
                        "the name {name:?} is also given to {} under {:?}; a user cannot tell them apart by name",
                        others.join(", "),
                        service.unwrap_or("-")
                    ),
                )
                .subject((*id).to_owned()),
            );
        }
    }
}

/// (locale, service key, name) -> the IDs of that name.
type NameIndex<'a> = BTreeMap<(Option<Locale>, Option<String>, &'a str), BTreeSet<&'a str>>;

/// Reconciles each ID-less overview row with the IDs of the same locale, by name and service.
fn overview(docs: &[&NhnDocument], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let services = &catalog.nhn.services;
    let overrides = &catalog.hand.nhn_overrides;
    let mut by_name = NameIndex::new();
    for doc in docs.iter().filter(|d| d.has_ids()) {
        for r in &doc.records {
            if let Some(id) = &r.event_id {
                by_name
                    .entry((doc.locale, record_service(services, doc, r), r.name.as_str()))
                    .or_default()
                    .insert(corrected(id, overrides));
            }
        }
    }
    for doc in docs.iter().filter(|d| !d.has_ids()) {
        for r in &doc.records {
            let key = record_service(services, doc, r);
            let svc = key.clone().unwrap_or_else(|| "-".into());
            let ids = by_name.get(&(doc.locale, key, r.name.as_str()));
            let d = match ids.map(|s| s.len()).unwrap_or(0) {
                1 => continue,
                0 => Diagnostic::new(
                    at(doc, r.line),
                    "nhn/overview-unmatched",
                    Severity::Warning,
                    format!("no event ID of service {svc} is named {:?} in any list of the same locale", r.name),
                ),
                _ => {
                    let list: Vec<&str> = ids.into_iter().flatten().copied().collect();
                    Diagnostic::new(
                        at(doc, r.line),
                        "nhn/overview-ambiguous",
                        Severity::Warning,
                        format!("{:?} names several event IDs of service {svc}: {}", r.name, list.join(", ")),
                    )
                }
            };
            out.push(d.subject(r.name.clone()));
        }
    }
}

/// Older revisions' names that differ from the current list of the same locale.
fn renamed(docs: &[&NhnDocument], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let overrides = &catalog.hand.nhn_overrides;
    for doc in docs.iter().filter(|d| !d.current) {
        let Some(locale) = doc.locale else { continue };
        for r in &doc.records {
            let Some(raw) = &r.event_id else { continue };
            let id = corrected(raw, overrides);
            let Some(e) = catalog.nhn.event(id) else { continue };
            if e.status != Status::Listed {
                continue;
            }
            let Some(now) = e.names.get(&locale) else { continue };
            if *now != r.name {
                out.push(
                    Diagnostic::new(
                        at(doc, r.line),
                        "nhn/renamed",
                        Severity::Info,
                        format!("named {:?} here; the current {locale} list names it {now:?}", r.name),
                    )
                    .subject(id.to_owned()),
                );
            }
        }
    }
}

/// The place an event was read from in `locale`'s current list, else its first source.
fn source_in(e: &NhnEvent, current: &BTreeMap<Locale, &str>, locale: Option<Locale>) -> SourceRef {
    let path = locale.and_then(|l| current.get(&l).copied());
    e.sources
        .iter()
        .find(|s| Some(s.path.as_str()) == path)
        .or(e.sources.first())
        .cloned()
        .unwrap_or_else(|| SourceRef::new("catalog/nhn/events", 1))
}

/// Missing locales, untranslated names, retired IDs, IDs under several services.
fn per_event(docs: &[&NhnDocument], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let current: BTreeMap<Locale, &str> =
        docs.iter().filter(|d| d.current).filter_map(|d| Some((d.locale?, d.path.as_str()))).collect();
    for e in &catalog.nhn.events {
        let first_current = || source_in(e, &current, current.keys().next().copied());
        match e.status {
            Status::Retired => out.push(
                Diagnostic::new(
                    e.sources.first().cloned().unwrap_or_else(first_current),
                    "nhn/retired",
                    Severity::Info,
                    "only in an older revision, no longer in the current lists; kept and marked retired",
                )
                .subject(e.id.clone()),
            ),
            Status::Listed => {
                for l in e.missing.iter().filter(|l| current.contains_key(l)) {
                    out.push(
                        Diagnostic::new(
                            first_current(),
                            "nhn/missing-locale",
                            Severity::Warning,
                            format!("not in the {l} list ({})", current[l]),
                        )
                        .subject(e.id.clone()),
                    );
                }
            }
        }
        if e.services.len() > 1 {
            out.push(
                Diagnostic::new(
                    first_current(),
                    "nhn/multi-service",
                    Severity::Info,
                    format!("listed under {} services: {}", e.services.len(), e.services.join(", ")),
                )
                .subject(e.id.clone()),
            );
        }
    }
    untranslated(&current, catalog, out);
}

/// Untranslated names, one finding per locale and service (each event's `untranslated` marker
/// names the locales; a finding per event would drown the report: zh alone has ~1,900).
fn untranslated(current: &BTreeMap<Locale, &str>, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    // (locale, service) -> (events of the service, untranslated events)
    let mut groups: BTreeMap<(Locale, &str), (usize, Vec<&NhnEvent>)> = BTreeMap::new();
    for e in catalog.nhn.events.iter().filter(|e| e.status == Status::Listed) {
        let service = e.services.first().map_or("-", String::as_str);
        for l in Locale::ALL {
            let g = groups.entry((l, service)).or_default();
            g.0 += 1;
            if e.untranslated.contains(&l) {
                g.1.push(e);
            }
        }
    }
    for ((l, service), (total, events)) in groups {
        let Some(first) = events.first() else { continue };
        let copied = events
            .iter()
            .filter(|e| l == Locale::Zh && e.names.get(&Locale::En).is_some_and(|en| e.names.get(&l) == Some(en)))
            .count();
        let hangul = events.len() - copied;
        let mut why = Vec::new();
        if hangul > 0 {
            why.push(format!("{hangul} in Hangul"));
        }
        if copied > 0 {
            why.push(format!("{copied} equal to the en name"));
        }
        let examples: Vec<&str> = events.iter().take(3).map(|e| e.id.as_str()).collect();
        let more = if events.len() > 3 { format!(" and {} more", events.len() - 3) } else { String::new() };
        out.push(
            Diagnostic::new(
                source_in(first, current, Some(l)),
                "nhn/untranslated",
                Severity::Info,
                format!(
                    "{} of {total} {l} names of service {service} are not translated ({}): {}{more}; \
                     see each event's `untranslated` marker",
                    events.len(),
                    why.join(", "),
                    examples.join(", ")
                ),
            )
            .subject(service.to_owned()),
        );
    }
}

/// Per-locale coverage of the NHN event names, over listed events.
pub fn coverage(catalog: &Catalog) -> Vec<Coverage> {
    let listed: Vec<&NhnEvent> = catalog.nhn.events.iter().filter(|e| e.status == Status::Listed).collect();
    if listed.is_empty() {
        return Vec::new();
    }
    Locale::ALL
        .into_iter()
        .map(|l| Coverage {
            locale: l,
            events: listed.len() as u32,
            named: listed.iter().filter(|e| e.names.contains_key(&l)).count() as u32,
            untranslated: listed.iter().filter(|e| e.untranslated.contains(&l)).count() as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_ids() {
        assert!(well_formed("event_id.iaas.instance.create").is_ok());
        assert!(well_formed("event_id.rds.createChartLayout").is_ok());
        assert!(well_formed("event_id.x.apply-cancel").is_ok());
        assert!(well_formed("email_id.email.file_download").unwrap_err().contains("prefix `email_id`"));
        assert!(well_formed("event_id.a.").unwrap_err().contains("ends with a dot"));
        assert!(well_formed("event_id.a..b").unwrap_err().contains("empty segment"));
        assert!(well_formed("event_id.a.?b").unwrap_err().contains("'?'"));
        assert!(well_formed("event_id").is_err());
    }

    #[test]
    fn every_code_is_documented_once() {
        let codes: BTreeSet<&str> = CODES.iter().map(|c| c.0).collect();
        assert_eq!(codes.len(), CODES.len());
        assert!(CODES.iter().all(|c| c.0.starts_with("nhn/")));
    }
}

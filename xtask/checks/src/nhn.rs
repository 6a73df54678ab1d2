//! Cross-checks for the NHN part of the catalogue.
//!
//! They look at the documents' records (for file:line) and at the built catalogue. The
//! subject of a finding is the event ID as catalogued (after `overrides.yaml`), or the raw
//! cleaned ID for malformed IDs, the event name for findings about ID-less overview rows, or the
//! service key for `nhn/untranslated` (one finding per locale and service).

use std::collections::BTreeMap;

use trail_catalog::Catalog;
use trail_catalog::build::nhn::{
    IdlessMatch, corrected, in_order, record_service, resolve_idless, why_untranslated,
};
use trail_catalog::model::roles::NhnAccessRule;
use trail_catalog::model::{Coverage, NhnEvent, Status};
use trail_sources::nhn::NhnDocument;
use trail_sources::{Diagnostic, Extracted, Locale, Severity, SourceRef};

pub use trail_catalog::model::nhn::well_formed;

/// Appends this module's findings to `out`.
pub fn check(docs: &[Extracted], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let docs: Vec<&NhnDocument> = docs.iter().filter_map(Extracted::nhn).collect();
    let docs = in_order(&docs);
    for doc in &docs {
        malformed_ids(doc, catalog, out);
        within_document(doc, catalog, out);
        suspicious_names(doc, catalog, out);
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
    let Some(here) = now.sources.first() else {
        return;
    };
    let who = |rule: &NhnAccessRule| match rule {
        NhnAccessRule::Permission => "organization members with CloudTrail permissions".to_owned(),
        NhnAccessRule::Roles { roles } => {
            format!("only the organization roles {}", roles.join(", "))
        }
    };
    let places = |s: &[SourceRef]| {
        s.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    for old in &roles.history {
        out.push(
            Diagnostic::raise(
                here.clone(),
                "nhn/access-changed",
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
        out.push(
            malformed(id, &why, at.clone(), overrides)
                .raw(raw.clone().unwrap_or_else(|| id.clone())),
        );
    }
    out
}

fn malformed(
    id: &str,
    why: &str,
    at: SourceRef,
    overrides: &trail_catalog::model::hand::NhnOverrides,
) -> Diagnostic {
    let to = corrected(id, overrides);
    let d = if to != id {
        Diagnostic::new(
            at,
            "nhn/malformed-id",
            Severity::Info,
            format!("malformed event ID: {why}; catalogued as {to:?} per overrides.yaml"),
        )
    } else {
        Diagnostic::raise(
            at,
            "nhn/malformed-id",
            format!(
                "malformed event ID: {why}; correct it in catalog/nhn/overrides.yaml (from: {id:?}) or waive it"
            ),
        )
    };
    d.subject(id.to_owned())
}

/// Names that are no names: an event ID standing as the name, a stray `=` at either end.
fn suspicious_names(doc: &NhnDocument, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for r in &doc.records {
        let subject = match &r.event_id {
            Some(raw) => corrected(raw, &catalog.hand.nhn_overrides).to_owned(),
            None => r.name.clone(),
        };
        let name = r.name.trim();
        if looks_like_an_id(name) {
            let what = if Some(name) == r.event_id.as_deref() || name == subject {
                "its own event ID"
            } else {
                "an event ID"
            };
            out.push(
                Diagnostic::raise(
                    at(doc, r.line),
                    "nhn/name-is-id",
                    format!(
                        "the event name is {what}, {name:?}: the name is missing in this locale"
                    ),
                )
                .subject(subject.clone())
                .raw(r.name.clone()),
            );
        }
        if name.starts_with('=') || name.ends_with('=') {
            out.push(
                Diagnostic::raise(
                    at(doc, r.line),
                    "nhn/stray-equals",
                    format!(
                        "the event name {name:?} {} with `=`: a stray character (and a formula when a spreadsheet opens the CSV)",
                        if name.starts_with('=') { "starts" } else { "ends" }
                    ),
                )
                .subject(subject)
                .raw(r.name.clone()),
            );
        }
    }
}

/// Whether a name is an event ID: one word starting `event_id.`.
fn looks_like_an_id(name: &str) -> bool {
    name.len() > "event_id.".len()
        && name.starts_with("event_id.")
        && !name.contains(char::is_whitespace)
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
                    Diagnostic::raise(
                        at(doc, r.line),
                        "nhn/shared-name",
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
                Diagnostic::raise(
                    at(doc, r.line),
                    "nhn/duplicate-row",
                    format!("the same event ID as line {line} in the same section; the catalogue keeps one entry"),
                )
                .subject(id.to_owned()),
            );
        } else {
            rows.insert((service, id), r.line);
        }
        match first.get(id) {
            Some((line, name)) if *name != r.name && !r.name.is_empty() && !name.is_empty() => out.push(
                Diagnostic::raise(
                    at(doc, r.line),
                    "nhn/conflicting-names",
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
            by_name
                .entry((service, r.name.as_str()))
                .or_default()
                .entry(id)
                .or_insert(r.line);
        }
    }
    // Said once per group of IDs sharing a name: at the first row, naming the others.
    for ((service, name), ids) in by_name {
        let Some((line, id, others)) = crate::said_once(ids, |id| (*id).to_owned()) else {
            continue;
        };
        out.push(
            Diagnostic::raise(
                at(doc, line),
                "nhn/shared-name",
                format!(
                    "the name {name:?} is also given to {others} under {:?}; a user cannot tell them apart by name",
                    service.unwrap_or("-")
                ),
            )
            .subject(id.to_owned()),
        );
    }
}

/// Reconciles each ID-less overview row with the event IDs: aligned with the next older list with
/// IDs, then by name and service (see [`resolve_idless`]). Only rows that stay unresolved are
/// warnings; a row read by its place under another name is a note.
fn overview(docs: &[&NhnDocument], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for row in resolve_idless(docs, &catalog.nhn.services, &catalog.hand.nhn_overrides) {
        let (doc, r) = (row.doc, row.record);
        let svc = record_service(&catalog.nhn.services, doc, r).unwrap_or_else(|| "-".into());
        let d = match row.matched {
            IdlessMatch::Same(_) | IdlessMatch::Name(_) => continue,
            IdlessMatch::Place { id, name, reference } => Diagnostic::raise(
                at(doc, r.line),
                "nhn/overview-aligned",
                format!(
                    "{:?} stands where {reference} lists {id} as {name:?} (the rows around both match); read as {id}",
                    r.name
                ),
            )
            .subject(id),
            IdlessMatch::Unmatched { in_place } => Diagnostic::raise(
                at(doc, r.line),
                "nhn/overview-unmatched",
                format!(
                    "no event ID of service {svc} is named {:?} in any list of the same locale{}",
                    r.name,
                    if in_place.is_empty() {
                        String::new()
                    } else {
                        format!("; in its place the next list with IDs has {} (not paired: the stretches differ in length)", in_place.join(", "))
                    }
                ),
            )
            .subject(r.name.clone()),
            IdlessMatch::Ambiguous(ids) => Diagnostic::raise(
                at(doc, r.line),
                "nhn/overview-ambiguous",
                format!("{:?} names several event IDs of service {svc}: {}", r.name, ids.join(", ")),
            )
            .subject(r.name.clone()),
        };
        out.push(d);
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
            let Some(e) = catalog.nhn.event(id) else {
                continue;
            };
            if e.status != Status::Listed {
                continue;
            }
            let Some(now) = e.names.get(&locale) else {
                continue;
            };
            if *now != r.name {
                out.push(
                    Diagnostic::raise(
                        at(doc, r.line),
                        "nhn/renamed",
                        format!(
                            "named {:?} here; the current {locale} list names it {now:?}",
                            r.name
                        ),
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
    // Per locale, its current standard list (`event-list.md`), else an edition's.
    let mut current: BTreeMap<Locale, &str> = BTreeMap::new();
    for d in docs.iter().filter(|d| d.current) {
        let Some(locale) = d.locale else { continue };
        if d.edition.as_deref() == Some(trail_catalog::model::nhn::ListKey::STANDARD)
            || !current.contains_key(&locale)
        {
            current.insert(locale, d.path.as_str());
        }
    }
    let standard = StandardIds::new(docs, catalog);
    for e in &catalog.nhn.events {
        let first_current = || source_in(e, &current, current.keys().next().copied());
        match e.status {
            Status::Retired => out.push(
                Diagnostic::raise(
                    e.sources.first().cloned().unwrap_or_else(first_current),
                    "nhn/retired",
                    "only in an older revision, no longer in the current lists; kept and marked retired",
                )
                .subject(e.id.clone()),
            ),
            // An ID only an edition lists (gov, ncgn, …) is missing from no standard list.
            Status::Listed if !standard.lists(e) => {}
            Status::Listed => {
                for l in e.missing.iter().filter(|l| current.contains_key(l)) {
                    out.push(
                        Diagnostic::raise(
                            first_current(),
                            "nhn/missing-locale",
                            format!("not in the {l} list ({})", current[l]),
                        )
                        .subject(e.id.clone()),
                    );
                }
            }
        }
        if e.services.len() > 1 {
            out.push(
                Diagnostic::raise(
                    first_current(),
                    "nhn/multi-service",
                    format!(
                        "listed under {} services: {}",
                        e.services.len(),
                        e.services.join(", ")
                    ),
                )
                .subject(e.id.clone()),
            );
        }
    }
    untranslated(&current, catalog, out);
}

/// The IDs the current standard lists (`<locale>/event-list.md`) name, when any was read.
struct StandardIds<'a>(Option<std::collections::BTreeSet<&'a str>>);

impl<'a> StandardIds<'a> {
    fn new(docs: &[&'a NhnDocument], catalog: &'a Catalog) -> Self {
        let lists: Vec<&&NhnDocument> = docs
            .iter()
            .filter(|d| d.current && d.edition.as_deref() == Some("standard"))
            .collect();
        let overrides = &catalog.hand.nhn_overrides;
        StandardIds((!lists.is_empty()).then(|| {
            lists
                .iter()
                .flat_map(|d| &d.records)
                .filter_map(|r| r.event_id.as_deref())
                .map(|id| corrected(id, overrides))
                .collect()
        }))
    }

    /// Whether a standard list names `e`: by the lists read, else by its recorded editions (an
    /// entry from before editions were recorded has none and is the standard list's).
    fn lists(&self, e: &NhnEvent) -> bool {
        match &self.0 {
            Some(ids) => ids.contains(e.id.as_str()),
            None => {
                e.editions.is_empty()
                    || e.editions
                        .iter()
                        .any(|ed| ed == trail_catalog::model::ListKey::STANDARD)
            }
        }
    }
}

/// Untranslated names, one finding per locale and service (each event's `untranslated` marker
/// names the locales; a finding per event would drown the report: zh alone has ~1,900).
fn untranslated(current: &BTreeMap<Locale, &str>, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    // (locale, service) -> (events of the service, untranslated events)
    let mut groups: BTreeMap<(Locale, &str), (usize, Vec<&NhnEvent>)> = BTreeMap::new();
    for e in catalog
        .nhn
        .events
        .iter()
        .filter(|e| e.status == Status::Listed)
    {
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
        let Some(first) = events.first() else {
            continue;
        };
        // Reasons in a fixed order, each with its count: "12 in Hangul, 3 without kana or kanji".
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for e in &events {
            let why = why_untranslated(l, &e.names).unwrap_or("marked untranslated");
            match reasons.iter_mut().find(|(w, _)| *w == why) {
                Some((_, n)) => *n += 1,
                None => reasons.push((why, 1)),
            }
        }
        reasons.sort();
        let why: Vec<String> = reasons.iter().map(|(w, n)| format!("{n} {w}")).collect();
        let examples: Vec<&str> = events.iter().take(3).map(|e| e.id.as_str()).collect();
        let more = if events.len() > 3 {
            format!(" and {} more", events.len() - 3)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::raise(
                source_in(first, current, Some(l)),
                "nhn/untranslated",
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
    let listed: Vec<&NhnEvent> = catalog
        .nhn
        .events
        .iter()
        .filter(|e| e.status == Status::Listed)
        .collect();
    if listed.is_empty() {
        return Vec::new();
    }
    Locale::ALL
        .into_iter()
        .map(|l| Coverage {
            locale: l,
            events: listed.len() as u32,
            named: listed.iter().filter(|e| e.names.contains_key(&l)).count() as u32,
            untranslated: listed
                .iter()
                .filter(|e| e.untranslated.contains(&l))
                .count() as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_ids_or_end_in_equals_are_findings() {
        let text = "### G\n\n|Event|Event ID|\n|---|---|\n|event_id.g.a|event_id.g.a|\n|Set key=|event_id.g.b|\n|=1+1|event_id.g.c|\n|a = b|event_id.g.d|\n|event_id.g.a|event_id.g.e|\n";
        let doc = trail_sources::nhn::read(&trail_sources::SourceDoc {
            path: "nhn/en/event-list.md".into(),
            text: text.into(),
        })
        .unwrap();
        let mut out = Vec::new();
        suspicious_names(&doc, &Catalog::default(), &mut out);
        let found: Vec<(u32, &str, &str)> = out
            .iter()
            .map(|d| {
                (
                    d.at.line,
                    d.code.as_str(),
                    d.subject.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (5, "nhn/name-is-id", "event_id.g.a"),
                (6, "nhn/stray-equals", "event_id.g.b"),
                (7, "nhn/stray-equals", "event_id.g.c"),
                (9, "nhn/name-is-id", "event_id.g.e"),
            ]
        );
        assert!(
            out[0].message.contains("its own event ID"),
            "{}",
            out[0].message
        );
        assert!(
            out[3].message.contains("is an event ID"),
            "{}",
            out[3].message
        );
    }

    /// An edition's list (`event-list-ppp.md`) sorts before the standard one (`event-list.md`),
    /// and both are current: a finding about an ID points at the standard list, so that reading
    /// the same lists from two folders says it once.
    #[test]
    fn findings_about_an_id_point_at_the_standard_list() {
        let list = |path: &str| {
            let text = "### G\n\n|Event|Event ID|\n|---|---|\n|A|event_id.g.a|\n";
            trail_sources::nhn::read(&trail_sources::SourceDoc {
                path: path.into(),
                text: text.into(),
            })
            .unwrap()
        };
        let (edition, standard) = (list("ko/event-list-ppp.md"), list("ko/event-list.md"));
        assert!(edition.current && standard.current);
        let mut catalog = Catalog::default();
        catalog.nhn.events.push(NhnEvent {
            id: "event_id.g.a".into(),
            services: vec!["g".into(), "h".into()],
            sources: vec![
                SourceRef::new("ko/event-list-ppp.md", 5),
                SourceRef::new("ko/event-list.md", 5),
            ],
            ..Default::default()
        });
        for docs in [[&edition, &standard], [&standard, &edition]] {
            let mut out = Vec::new();
            per_event(&docs, &catalog, &mut out);
            let multi: Vec<String> = out
                .iter()
                .filter(|d| d.code == "nhn/multi-service")
                .map(|d| d.at.to_string())
                .collect();
            assert_eq!(multi, ["ko/event-list.md:5"]);
        }
    }

    #[test]
    fn well_formed_ids() {
        assert!(well_formed("event_id.iaas.instance.create").is_ok());
        assert!(well_formed("event_id.rds.createChartLayout").is_ok());
        assert!(well_formed("event_id.x.apply-cancel").is_ok());
        assert!(
            well_formed("email_id.email.file_download")
                .unwrap_err()
                .contains("prefix `email_id`")
        );
        assert!(
            well_formed("event_id.a.")
                .unwrap_err()
                .contains("ends with a dot")
        );
        assert!(
            well_formed("event_id.a..b")
                .unwrap_err()
                .contains("empty segment")
        );
        assert!(well_formed("event_id.a.?b").unwrap_err().contains("'?'"));
        assert!(well_formed("event_id").is_err());
    }
}

/// What is wrong with an ID that is no event, if anything: only a namespace, the prefix of
/// other IDs (`event_id.iaas`: a truncated ID), or a test row (a segment `test…`/`tst…` ending in
/// digits, or a name starting `테스트`/`test`).
pub fn junk_id(e: &NhnEvent, ids: &[&str]) -> Option<String> {
    let segments: Vec<&str> = e.id.split('.').collect();
    let namespace = format!("{}.", e.id);
    if segments.len() <= 2 && ids.iter().any(|i| i.starts_with(&namespace)) {
        return Some(format!(
            "a namespace alone, the prefix of other IDs (`{namespace}…`): a truncated ID"
        ));
    }
    let test_segment = segments[1..].iter().any(|s| {
        let s = s.to_ascii_lowercase();
        (s.starts_with("test") || s.starts_with("tst")) && s.ends_with(|c: char| c.is_ascii_digit())
    });
    let test_name = e.names.values().any(|n| {
        let n = n.trim().to_lowercase();
        n.starts_with("테스트") || n.starts_with("test")
    });
    (test_segment && test_name).then(|| "a test row (its ID and its name say test)".to_owned())
}

/// `nhn/junk-id` over the catalogue: one finding per ID that is no event, at the first place it
/// was read; a note once `overrides.yaml` excludes it (or corrects it: then it is no entry).
pub fn junk_ids(catalog: &Catalog) -> Vec<Diagnostic> {
    let ids: Vec<&str> = catalog.nhn.events.iter().map(|e| e.id.as_str()).collect();
    let overrides = &catalog.hand.nhn_overrides;
    let mut out = Vec::new();
    for e in &catalog.nhn.events {
        let Some(why) = junk_id(e, &ids) else {
            continue;
        };
        let at = e
            .sources
            .first()
            .cloned()
            .unwrap_or_else(|| SourceRef::new("catalog/nhn/events", 1));
        let names: Vec<String> = e.names.iter().map(|(l, n)| format!("{l}: {n:?}")).collect();
        let (severity, then) = match overrides.excluded(&e.id) {
            Some(_) => (
                Severity::Info,
                "excluded from the generated outputs per overrides.yaml; the catalogue keeps it"
                    .to_owned(),
            ),
            None => (
                Severity::Warning,
                "correct it (ids) or exclude it (exclude) in catalog/nhn/overrides.yaml".to_owned(),
            ),
        };
        out.push(
            Diagnostic::new(
                at,
                "nhn/junk-id",
                severity,
                format!("no event: {why} ({}); {then}", names.join(", ")),
            )
            .subject(e.id.clone()),
        );
    }
    out
}

/// `nhn/unused-override` for each exclusion of `overrides.yaml` whose ID the catalogue does
/// not have (a typo, or an ID corrected into another): it keeps nothing out.
pub fn unused_exclusions(catalog: &Catalog) -> Vec<Diagnostic> {
    catalog
        .hand
        .nhn_overrides
        .exclude
        .iter()
        .filter(|x| catalog.nhn.event(&x.id).is_none())
        .map(|x| {
            Diagnostic::raise(
                SourceRef::new("catalog/nhn/overrides.yaml", 1),
                "nhn/unused-override",
                "this exclusion names an ID the catalogue does not have; it keeps nothing out: correct or delete it",
            )
            .subject(x.id.clone())
        })
        .collect()
}

/// Letters and digits of a title, lowercased: `System Monitoring(CloudTrail)` ->
/// `systemmonitoringcloudtrail`.
fn letters(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether an older revision's service title that no current section has is junk, and why: no
/// service at all (`null`, `none`), or a misspelling of a current section's title (the same
/// letters once spaces and punctuation go, one's letters the start of the other's, or at most
/// two letters apart), naming that section's key.
pub fn junk_service(services: &[trail_catalog::model::NhnService], title: &str) -> Option<String> {
    let t = letters(title);
    if t.is_empty() || matches!(t.as_str(), "null" | "none" | "nil" | "undefined") {
        return Some(format!("{title:?} names no service"));
    }
    services.iter().find_map(|s| {
        let near = s.names.values().any(|n| {
            let n = letters(n);
            n != t
                && n.len().min(t.len()) >= 8
                && (n.starts_with(&t)
                    || t.starts_with(&n)
                    || crate::kakao::edit_distance(&n, &t) <= 2)
        });
        near.then(|| format!("{title:?} misspells the service {:?}", s.key))
    })
}

#[cfg(test)]
mod junk_tests {
    use super::*;
    use trail_catalog::model::NhnService;

    fn event(id: &str, ko: &str) -> NhnEvent {
        NhnEvent {
            id: id.into(),
            names: BTreeMap::from([(Locale::Ko, ko.to_owned())]),
            ..Default::default()
        }
    }

    #[test]
    fn a_truncated_id_and_a_test_row_are_junk_and_real_ids_are_not() {
        let ids = [
            "event_id.iaas",
            "event_id.iaas.vpc.create_end",
            "event_id.tstprd01.test03",
        ];
        assert!(
            junk_id(&event(ids[0], "VPC 생성 완료"), &ids).is_some_and(|w| w.contains("truncated"))
        );
        assert!(junk_id(&event(ids[2], "테스트03"), &ids).is_some_and(|w| w.contains("test row")));
        assert_eq!(junk_id(&event(ids[1], "VPC 생성 완료"), &ids), None);
        // A real event about tests is no test row: its name does not say test.
        assert!(
            junk_id(
                &event("event_id.gamebase.test1.create", "테스트 단말기 등록"),
                &ids
            )
            .is_some(),
            "name and segment both say test"
        );
        assert_eq!(
            junk_id(
                &event("event_id.gamebase.test1.create", "단말기 등록"),
                &ids
            ),
            None
        );
    }

    #[test]
    fn misspelt_and_null_service_titles_are_junk() {
        let service = |key: &str, title: &str| NhnService {
            key: key.into(),
            names: BTreeMap::from([(Locale::En, title.to_owned())]),
            variant: String::new(),
        };
        let services = [
            service("secure-key-manager", "Secure Key Manager"),
            service(
                "system-monitoring-cloudtrail",
                "System Monitoring(CloudTrail)",
            ),
            service("word-suggestion", "Word Suggestion"),
        ];
        let why = |t: &str| junk_service(&services, t);
        assert!(why("Secure Key Manger").is_some_and(|w| w.contains("secure-key-manager")));
        assert!(
            why("SystemMonitoring").is_some_and(|w| w.contains("system-monitoring-cloudtrail"))
        );
        assert!(why("null").is_some_and(|w| w.contains("no service")));
        assert_eq!(
            why("Pose Estimation"),
            None,
            "a retired service is no misspelling"
        );
        assert_eq!(why("Word Suggestion"), None, "a title of its own");
    }
}

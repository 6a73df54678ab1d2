//! The model of `docs/nhn/<locale>.md`: the NHN events of one locale (ko, en, ja, zh), written in
//! that locale (the fixed words in [`crate::Labels`]), a section per service.
//!
//! It only formats what the catalogue says: which name an event shows and how its markers read
//! come from the catalogue's fallback ([`NhnEvent::display_name`]); the one order of its own is the
//! page's reading order, sections by the title the reader sees.

use std::collections::BTreeMap;

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::model::{NhnEvent, Status};

use super::{Section, locale_name, meaning_cell};
use crate::Labels;
use crate::md::{Anchors, Md, Table, md_cell};

/// The model of `docs/nhn/<locale>.md`.
#[derive(Serialize)]
pub(crate) struct NhnPage {
    stamp: String,
    /// The page's language tag.
    lang: &'static str,
    title: Md,
    other_locales: Md,
    summary: Md,
    markers: Md,
    services_heading: Md,
    services: Vec<Section>,
}

/// The name cell of an event on the `locale` page, with its markers in that locale.
fn nhn_name_cell(e: &NhnEvent, locale: Locale) -> Md {
    let labels = Labels::of(locale);
    let missing = e.missing.contains(&locale);
    match e.display_name(locale) {
        Some((from, name)) if from == locale => {
            let cell = Md::text(name);
            if e.untranslated.contains(&locale) {
                cell.push(Md::markup(format!(" *({})*", labels.untranslated)))
            } else {
                cell
            }
        }
        Some((from, name)) => Md::text(name).push(Md::markup(format!(
            " *({})*",
            labels.fallback_note(locale, missing, from)
        ))),
        None => Md::markup(format!("*({})*", labels.no_name_note(locale, missing))),
    }
}

/// The notes cell of an event: retired (with the date it was removed, when known) and the
/// editions other than `standard` whose lists name it. Empty for a plain listed event.
fn nhn_notes_cell(e: &NhnEvent, labels: &Labels) -> Md {
    let mut parts = Vec::new();
    if e.status == Status::Retired {
        let mut retired = format!("**{}**", labels.retired);
        if let Some(seen) = &e.removed {
            retired.push(' ');
            retired.push_str(&md_cell(&seen.date));
        }
        parts.push(Md::markup(retired));
    }
    let editions: Vec<&str> = e
        .editions
        .iter()
        .map(String::as_str)
        .filter(|ed| *ed != trail_catalog::model::nhn::ListKey::STANDARD)
        .collect();
    if !editions.is_empty() {
        parts.push(
            Md::markup(format!("*{}*: ", labels.editions)).push(Md::text(&editions.join(", "))),
        );
    }
    let mut cell = Md::default();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            cell = cell.push(Md::markup("<br>"));
        }
        cell = cell.push(part);
    }
    cell
}

/// The NHN page of `locale`: every event, in a section per service, with its markers.
pub(crate) fn nhn_page(catalog: &Catalog, locale: Locale, stamp: &str) -> NhnPage {
    let labels = Labels::of(locale);
    // Group events by service key; keys without a services.yaml entry still get a section
    // (titled by the key, marked), and events without any service get their own.
    let mut by_service: BTreeMap<&str, Vec<&NhnEvent>> = BTreeMap::new();
    for e in &catalog.nhn.events {
        if e.services.is_empty() {
            by_service.entry("").or_default().push(e);
        }
        for s in &e.services {
            by_service.entry(s.as_str()).or_default().push(e);
        }
    }
    for s in &catalog.nhn.services {
        by_service.entry(s.key.as_str()).or_default();
    }
    // Anchors come from the keys, in key order, so they are the same on every locale's page.
    let mut anchors = Anchors::default();
    let mut services: Vec<(u8, String, Section)> = by_service
        .into_iter()
        // Each service's events come by ID, each once: the catalogue's events are sorted by ID and
        // an event's services have no repeats (`Catalog::sort`).
        .map(|(key, events)| {
            // (order group, sort title, shown title, note): known services first, by the title
            // the reader sees; then services the catalogue does not know; then no service.
            let (group, sort_title, title, title_note) = match catalog.nhn.service(key) {
                Some(s) => match s.display_name(locale) {
                    Some((from, t)) if from == locale => (0, t, Md::text(t), Md::default()),
                    Some((from, t)) => (
                        0,
                        t,
                        Md::text(t),
                        Md::markup(format!(" *({})*", labels.title_note(locale, from))),
                    ),
                    None => (
                        0,
                        key,
                        Md::text(key),
                        Md::markup(format!(" *({})*", labels.no_title_anywhere)),
                    ),
                },
                None if key.is_empty() => (
                    2,
                    "",
                    Md::markup(labels.no_service),
                    Md::markup(format!(" *({})*", labels.no_service_note)),
                ),
                None => (
                    1,
                    key,
                    Md::text(key),
                    Md::markup(format!(" *({})*", labels.unknown_service_note)),
                ),
            };
            let rows = events
                .iter()
                .map(|e| {
                    [
                        nhn_name_cell(e, locale),
                        Md::code(&e.id),
                        meaning_cell(e.meaning.as_ref()),
                        nhn_notes_cell(e, labels),
                    ]
                })
                .collect();
            let section = Section {
                anchor: anchors.get("svc", if key.is_empty() { "none" } else { key }),
                title,
                title_note,
                count: events.len(),
                table: Table::new(labels.header, rows),
            };
            (group, sort_title.to_lowercase(), section)
        })
        .collect();
    // Stable sort: equal titles keep key order.
    services.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let services = services.into_iter().map(|(_, _, s)| s).collect();
    let others: Vec<Md> = Locale::ALL
        .iter()
        .filter(|l| **l != locale)
        .map(|l| Md::link(locale_name(*l), &format!("{}.md", l.code())))
        .collect();
    let mut other_locales = Md::markup(format!("{} ", labels.other_locales));
    for (i, link) in others.into_iter().enumerate() {
        if i > 0 {
            other_locales = other_locales.push(Md::markup(" · "));
        }
        other_locales = other_locales.push(link);
    }
    other_locales = other_locales
        .push(Md::markup(" · "))
        .push(Md::link(labels.all_pages, "../index.md"));
    let events = &catalog.nhn.events;
    let retired = events
        .iter()
        .filter(|e| e.status == Status::Retired)
        .count();
    let named = events
        .iter()
        .filter(|e| e.names.contains_key(&locale))
        .count();
    let summary = Md::markup(md_cell(&labels.summary(
        locale,
        events.len(),
        events.len() - retired,
        retired,
        catalog.nhn.services.len(),
        named,
    )));
    NhnPage {
        stamp: stamp.to_owned(),
        lang: labels.lang,
        title: Md::markup(format!(
            "{}: {}",
            labels.title,
            md_cell(locale_name(locale))
        )),
        other_locales,
        summary,
        markers: Md::markup(labels.markers),
        services_heading: Md::markup(labels.services),
        services,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit;
    use trail_catalog::hash::Stamp;

    #[test]
    fn events_of_unknown_or_no_service_still_get_a_marked_section() {
        use trail_catalog::model::NhnEvent;
        let event = |id: &str, services: &[&str]| NhnEvent {
            id: id.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            names: BTreeMap::from([(Locale::Ko, "이름".to_string())]),
            untranslated: vec![],
            missing: vec![],
            status: Status::Listed,
            sources: vec![],
            ..Default::default()
        };
        let mut catalog = Catalog::default();
        catalog.nhn.events = vec![event("event_id.a", &["ghost"]), event("event_id.b", &[])];
        let stamp = Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:00".into(),
        };
        let en = &emit(&catalog, &stamp)["docs/nhn/en.md"];
        assert!(
            en.contains("### No service *(events listed under no service)*"),
            "{en}"
        );
        assert!(
            en.contains("### ghost *(service not in the catalogue's services)*"),
            "{en}"
        );
        // No notes in the table: the notes column is left out.
        assert!(
            en.contains("| 이름 *(no English name; Korean name)* | `event_id.b` |\n"),
            "{en}"
        );
        let ja = &emit(&catalog, &stamp)["docs/nhn/ja.md"];
        assert!(
            ja.contains("### サービスなし *(サービスなしで掲載されたイベント)*"),
            "{ja}"
        );
        assert!(
            ja.contains("| 이름 *(日本語名なし; 韓国語名)* | `event_id.b` |\n"),
            "{ja}"
        );
    }

    #[test]
    fn retired_events_show_the_removal_date_and_other_editions_are_named() {
        use trail_catalog::model::{NhnEvent, Seen};
        let e = NhnEvent {
            id: "event_id.a".into(),
            status: Status::Retired,
            removed: Some(Seen {
                date: "2024-05-01".into(),
                commit: None,
            }),
            editions: vec!["gov".into(), "standard".into()],
            ..Default::default()
        };
        assert_eq!(
            nhn_notes_cell(&e, Labels::of(Locale::En)).as_str(),
            "**retired** 2024-05-01<br>*editions*: gov"
        );
        assert_eq!(
            nhn_notes_cell(&e, Labels::of(Locale::Ko)).as_str(),
            "**폐기** 2024-05-01<br>*에디션*: gov"
        );
        let plain = NhnEvent {
            editions: vec!["standard".into()],
            ..Default::default()
        };
        assert!(nhn_notes_cell(&plain, Labels::of(Locale::En)).is_empty());
    }
}

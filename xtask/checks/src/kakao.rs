//! Cross-checks for the KakaoCloud part of the catalogue.
//!
//! They look at the pages' records (for file:line) and at the built catalogue. The
//! subject of an event finding is the event key as read from the page
//! (`slug(service)/slug(resource type)/slug(name)`), the one overrides and waivers name.

use std::collections::{BTreeMap, BTreeSet};

use trail_catalog::Catalog;
use trail_catalog::build::kakao::{in_revision_order, key};
use trail_sources::kakao::KakaoDocument;
use trail_sources::{Diagnostic, Extracted, Severity, SourceRef};

/// Appends this module's findings to `out`.
pub fn check(docs: &[Extracted], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let pages: Vec<&KakaoDocument> = docs
        .iter()
        .filter_map(|d| {
            if let Extracted::Kakao(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    let pages = in_revision_order(&pages);
    let corrected: BTreeSet<&str> = catalog
        .hand
        .kakao_overrides
        .names
        .iter()
        .map(|o| o.key.as_str())
        .collect();
    for page in &pages {
        duplicate_rows(page, out);
        shared_descriptions(page, out);
        near_misses(page, &corrected, out);
        casing(page, &corrected, out);
    }
    event_changes(&pages, out);
    role_changes(catalog, out);
    versions(&pages, out);
}

fn at(page: &KakaoDocument, line: u32) -> SourceRef {
    SourceRef::new(page.path.clone(), line)
}

/// Events of one service that a page describes with the same words: a reader of the page
/// cannot tell what sets them apart. Said once per group, at its first row.
fn shared_descriptions(page: &KakaoDocument, out: &mut Vec<Diagnostic>) {
    // (service, description) -> event key -> first line
    let mut groups: BTreeMap<(&str, &str), BTreeMap<String, u32>> = BTreeMap::new();
    for r in &page.records {
        let Some(d) = r.description.as_deref().filter(|d| !d.trim().is_empty()) else {
            continue;
        };
        groups
            .entry((r.service.as_str(), d))
            .or_default()
            .entry(key(&r.service, &r.resource_type, &r.name))
            .or_insert(r.line);
    }
    for ((service, description), keys) in groups {
        let Some((line, first, others)) = crate::said_once(keys, |k| format!("`{k}`")) else {
            continue;
        };
        out.push(
            Diagnostic::raise(
                at(page, line),
                "kakao/shared-description",
                format!(
                    "the description {description:?} is also given to {others} of {service}; a reader cannot tell the events apart by it"
                ),
            )
            .subject(first),
        );
    }
}

fn duplicate_rows(page: &KakaoDocument, out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<String, u32> = BTreeMap::new();
    for r in &page.records {
        let k = key(&r.service, &r.resource_type, &r.name);
        match first.get(&k) {
            Some(line) => out.push(
                Diagnostic::raise(
                    at(page, r.line),
                    "kakao/duplicate-row",
                    format!("the same event as line {line}; the catalogue keeps one entry with both places"),
                )
                .subject(k),
            ),
            None => {
                first.insert(k, r.line);
            }
        }
    }
}

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The largest edit distance that counts as a near miss of `word`: 1 from 4 characters, 2 from 8.
fn tolerance(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn near_misses(page: &KakaoDocument, corrected: &BTreeSet<&str>, out: &mut Vec<Diagnostic>) {
    for r in &page.records {
        let rt = r.resource_type.to_lowercase();
        let n = rt.split_whitespace().count();
        let words: Vec<&str> = r.name.split_whitespace().collect();
        if n == 0 || words.len() < n {
            continue;
        }
        let hit = words.windows(n).map(|w| w.join(" ")).find(|w| {
            let d = edit_distance(&w.to_lowercase(), &rt);
            d >= 1 && d <= tolerance(&rt)
        });
        let Some(hit) = hit else { continue };
        let k = key(&r.service, &r.resource_type, &r.name);
        let fixed = corrected.contains(k.as_str());
        out.push(
            Diagnostic::new(
                at(page, r.line),
                "kakao/near-miss-name",
                if fixed { Severity::Info } else { Severity::Warning },
                if fixed {
                    format!("`{hit}` in the name is a near miss of the resource type `{}`; corrected in overrides.yaml", r.resource_type)
                } else {
                    format!(
                        "`{hit}` in the name is a near miss of the resource type `{}`: a typo? correct it in \
                         catalog/kakao/overrides.yaml",
                        r.resource_type
                    )
                },
            )
            .subject(k)
            .raw(r.name.clone()),
        );
    }
}

fn casing(page: &KakaoDocument, corrected: &BTreeSet<&str>, out: &mut Vec<Diagnostic>) {
    // service -> lowercase word -> form -> rows using it
    let mut forms: BTreeMap<&str, BTreeMap<String, BTreeMap<&str, Vec<usize>>>> = BTreeMap::new();
    for (i, r) in page.records.iter().enumerate() {
        for word in r
            .name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let rows = forms
                .entry(&r.service)
                .or_default()
                .entry(word.to_lowercase())
                .or_default()
                .entry(word)
                .or_default();
            if rows.last() != Some(&i) {
                rows.push(i);
            }
        }
    }
    for (service, words) in forms {
        for by_form in words.values().filter(|f| f.len() > 1) {
            // The usual form: most rows; on a tie, the one that sorts first (capitalised).
            let usual = by_form
                .iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
                .map(|(f, _)| *f);
            let Some(usual) = usual else { continue };
            for (form, rows) in by_form.iter().filter(|(f, _)| **f != usual) {
                for &i in rows {
                    let r = &page.records[i];
                    let k = key(&r.service, &r.resource_type, &r.name);
                    let fixed = corrected.contains(k.as_str());
                    out.push(
                        Diagnostic::new(
                            at(page, r.line),
                            "kakao/inconsistent-casing",
                            if fixed {
                                Severity::Info
                            } else {
                                Severity::Warning
                            },
                            format!(
                                "`{form}` here, `{usual}` in {} other {service} event name(s){}",
                                by_form[usual].len(),
                                if fixed {
                                    "; corrected in overrides.yaml"
                                } else {
                                    "; correct it in catalog/kakao/overrides.yaml"
                                }
                            ),
                        )
                        .subject(k)
                        .raw(r.name.clone()),
                    );
                }
            }
        }
    }
}

/// Events present in one revision with events but not in the next one (pages without event tables are not compared).
fn event_changes(pages: &[&KakaoDocument], out: &mut Vec<Diagnostic>) {
    let with_events: Vec<&&KakaoDocument> =
        pages.iter().filter(|p| !p.records.is_empty()).collect();
    let keyed = |p: &KakaoDocument| -> BTreeMap<String, u32> {
        let mut m = BTreeMap::new();
        for r in &p.records {
            m.entry(key(&r.service, &r.resource_type, &r.name))
                .or_insert(r.line);
        }
        m
    };
    for pair in with_events.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ka, kb) = (keyed(a), keyed(b));
        for (k, line) in &ka {
            if !kb.contains_key(k) {
                out.push(
                    Diagnostic::raise(
                        at(a, *line),
                        "kakao/event-changed",
                        format!(
                            "listed here but not in the later revision {}; the catalogue keeps it",
                            b.path
                        ),
                    )
                    .subject(k.clone()),
                );
            }
        }
        for (k, line) in &kb {
            if !ka.contains_key(k) {
                out.push(
                    Diagnostic::raise(
                        at(b, *line),
                        "kakao/event-changed",
                        format!(
                            "new in this revision: not in the earlier revision {}",
                            a.path
                        ),
                    )
                    .subject(k.clone()),
                );
            }
        }
    }
}

fn scopes(s: &[trail_catalog::model::Scope]) -> String {
    if s.is_empty() {
        return "no events".into();
    }
    s.iter()
        .map(|s| format!("{} events", s.as_str()))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// What a revision says a role may view held with a project role: `with`, or the same as alone
/// (`alone`) when it says nothing more.
fn with_project_role(
    with: &[trail_catalog::model::Scope],
    alone: &[trail_catalog::model::Scope],
) -> String {
    if with.is_empty() {
        format!("the same ({})", scopes(alone))
    } else {
        scopes(with)
    }
}

fn role_changes(catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for c in &catalog.roles.kakao.changes {
        let Some(place) = c.later_source.clone().or_else(|| c.earlier_source.clone()) else {
            continue;
        };
        let earlier = c
            .earlier_source
            .as_ref()
            .map(|s| s.path.as_str())
            .unwrap_or("the earlier revision");
        let later = c
            .later_source
            .as_ref()
            .map(|s| s.path.as_str())
            .unwrap_or("the later revision");
        let message = match (&c.earlier, &c.later) {
            (Some(e), None) => format!(
                "role `{}` may view {} in {earlier} but is not named in the later revision; the later revision \
                 wins, so the rule is dropped",
                c.role,
                scopes(e)
            ),
            (None, Some(l)) => format!(
                "role `{}` is new in {later} (may view {}); the earlier revision did not name it",
                c.role,
                scopes(l)
            ),
            (Some(e), Some(l)) if e != l => format!(
                "role `{}` may view {} in {earlier} but {} in {later}; the later revision wins",
                c.role,
                scopes(e),
                scopes(l)
            ),
            (Some(e), Some(_)) => format!(
                "role `{}` may view {} in both revisions; held with a project role, {} in \
                 {earlier} but {} in {later}; the later revision wins",
                c.role,
                scopes(e),
                with_project_role(&c.earlier_with_project_role, e),
                with_project_role(&c.later_with_project_role, e)
            ),
            (None, None) => continue,
        };
        out.push(Diagnostic::raise(place, "kakao/role-changed", message).subject(c.role.clone()));
    }
}

fn versions(pages: &[&KakaoDocument], out: &mut Vec<Diagnostic>) {
    let known: BTreeSet<&str> = pages
        .iter()
        .flat_map(|p| &p.records)
        .flat_map(|r| r.resource_type.split(','))
        .map(str::trim)
        .collect();
    for page in pages {
        for v in &page.versions {
            if !known.contains(v.resource_type.as_str()) {
                out.push(
                    Diagnostic::raise(
                        at(page, v.line),
                        "kakao/unknown-versioned-type",
                        format!(
                            "the versions table names `{}`, which no event's resource type lists",
                            v.resource_type
                        ),
                    )
                    .subject(v.resource_type.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, description: &str, line: u32) -> trail_sources::kakao::Record {
        trail_sources::kakao::Record {
            scope: trail_sources::kakao::Scope::Organization,
            service: "Billing".into(),
            resource_type: "Invoice".into(),
            name: name.into(),
            description: Some(description.into()),
            line,
            split: trail_sources::kakao::Split::Hints,
            stray_spaces: false,
        }
    }

    #[test]
    fn two_events_sharing_a_description_are_said_once() {
        let page = KakaoDocument {
            path: "page.txt".into(),
            records: vec![
                row("Invoice Project View", "View invoice by project", 67),
                row("Invoice Project Detail View", "View invoice by project", 70),
                row(
                    "Invoice Project Document View",
                    "Download invoice by project",
                    71,
                ),
            ],
            ..Default::default()
        };
        let mut out = Vec::new();
        shared_descriptions(&page, &mut out);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(
            (
                out[0].code.as_str(),
                out[0].at.line,
                out[0].subject.as_deref()
            ),
            (
                "kakao/shared-description",
                67,
                Some("billing/invoice/invoice-project-view")
            )
        );
        assert!(
            out[0]
                .message
                .contains("`billing/invoice/invoice-project-detail-view` (line 70)"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("heath check", "health check"), 1);
        assert_eq!(edit_distance("nodepool", "nodepool"), 0);
        assert_eq!(edit_distance("instanse", "instance"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}

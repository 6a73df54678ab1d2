//! Merging one observation of the NHN event lists, or of the KakaoCloud pages, into the
//! catalogue: nothing is ever dropped.
//!
//! # Rules
//!
//! * **Authority.** An observation speaks only for the lists it contains, and for a list only
//!   when it is at least as new as that list's latest observation in the catalogue
//!   ([`NhnCatalog::lists`]). Such a list is *authoritative* in this merge.
//! * **Listed or retired.** An ID is listed when an authoritative list names it, or when, by
//!   the catalogue, it is listed in a list this merge has no authority over (its `editions`
//!   and `missing` locales say which). An ID that was listed and no longer is becomes retired
//!   with `removed` set (to the history's exact revision when the observation knows it, else to
//!   the observation's date). An ID the catalogue has and the observation does not is kept.
//! * **Names, services, editions** of an ID an authoritative list names come from the
//!   observation; a name that differs from the catalogue's is a rename dated by the
//!   observation. Otherwise they stay as they were; undated older revisions (the seeds) only
//!   fill names a retired ID lacks.
//! * **Dates.** `first_listed` is the earliest known; renames are the union of both sides.
//!   A date an observation without history gave (a folder, `--date`: no commit) only bounds
//!   when something happened (it was so by then); a history whose head reaches that date knows
//!   the exact revision, which replaces the bound ([`refines`]): a `removed` bound becomes the
//!   revision the history removed the ID at, and a rename the history dates is dated by it,
//!   not also by the bound. A fuller history only ever makes the catalogue more exact.
//! * **Provenance.** Places the observation re-read replace the old places of the same
//!   documents; all others stay.

use std::collections::{BTreeMap, BTreeSet};

use crate::Locale;
use crate::model::{
    KakaoCatalog, KakaoEvent, ListKey, ListObservation, NameChange, NhnCatalog, NhnEvent,
    NhnService, Scope, Seen, Status,
};

/// One observation of NHN lists, built from documents (a folder or the git history).
pub struct NhnObservation<'a> {
    /// The events and services as this observation alone says.
    pub catalog: NhnCatalog,
    /// When it was made (`None` for undated older revisions only).
    pub seen: Option<Seen>,
    /// The lists it contains, and per event ID the lists that name it.
    pub presence: BTreeMap<String, BTreeSet<ListKey>>,
    /// Whether a provenance path belongs to the documents this observation re-read.
    pub owns: &'a dyn Fn(&str) -> bool,
}

fn earliest(a: &Option<Seen>, b: &Option<Seen>) -> Option<Seen> {
    match (a, b) {
        (Some(x), Some(y)) => Some(
            if (&y.date, y.commit.is_none()) < (&x.date, x.commit.is_none()) {
                y.clone()
            } else {
                x.clone()
            },
        ),
        (x, y) => x.clone().or_else(|| y.clone()),
    }
}

fn latest(a: &Option<Seen>, b: &Option<Seen>) -> Option<Seen> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.date > x.date {
            y.clone()
        } else {
            x.clone()
        }),
        (x, y) => x.clone().or_else(|| y.clone()),
    }
}

/// Whether `exact`, a revision of a history whose head is `head`, refines `bound`, a date an
/// observation without history gave: the bound says "by then"; the history reaches that date
/// and knows the revision, on or before it.
fn refines(bound: &Seen, exact: &Seen, head: Option<&Seen>) -> bool {
    bound.commit.is_none()
        && exact.commit.is_some()
        && exact.date <= bound.date
        && head.is_some_and(|h| h.commit.is_some() && h.date >= bound.date)
}

/// Whether the catalogue's rename `r` gives way to the history's account `n` of the same ID
/// (a history whose head is `head`): the history dates the same change exactly ([`refines`]),
/// or `r` is dated by a revision the history reaches, while it listed the ID, and records no
/// such change, and both of `r`'s names are names the history gives the ID in that locale (a
/// name of a later observation taken for an earlier one by a shorter history; no name is lost).
fn superseded(r: &NameChange, n: &NhnEvent, head: Option<&Seen>) -> bool {
    let same_change = |x: &NameChange| x.locale == r.locale && x.to == r.to;
    if n.renames
        .iter()
        .any(|x| same_change(x) && refines(&r.seen, &x.seen, head))
    {
        return true;
    }
    let reaches = head.is_some_and(|h| h.commit.is_some() && r.seen.date <= h.date);
    let listed_then = n
        .first_listed
        .as_ref()
        .is_some_and(|f| f.commit.is_some() && f.date <= r.seen.date);
    let known = |name: &str| {
        n.names.get(&r.locale).is_some_and(|x| x == name)
            || n.renames
                .iter()
                .any(|x| x.locale == r.locale && (x.from == name || x.to == name))
    };
    reaches
        && listed_then
        && r.seen.commit.is_some()
        && !n.renames.iter().any(|x| same_change(x) && x.from == r.from)
        && known(&r.from)
        && known(&r.to)
}

/// The editions an entry of the catalogue is listed in (`standard` for entries from before
/// editions were recorded).
fn editions_of(e: &NhnEvent) -> Vec<String> {
    if e.status != Status::Listed {
        return Vec::new();
    }
    if e.editions.is_empty() {
        vec![ListKey::STANDARD.to_owned()]
    } else {
        e.editions.clone()
    }
}

/// The editions through which `e` stays listed in lists outside `authority`.
fn listed_elsewhere(e: &NhnEvent, authority: &BTreeSet<ListKey>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for ed in editions_of(e) {
        let locales: Vec<Locale> = if ed == ListKey::STANDARD {
            Locale::ALL
                .into_iter()
                .filter(|l| !e.missing.contains(l))
                .collect()
        } else {
            Locale::ALL.to_vec()
        };
        let outside = locales.iter().any(|l| {
            !authority.contains(&ListKey {
                locale: *l,
                edition: ed.clone(),
            })
        });
        // An edition list is one locale's (today always ko): outside means no locale of it is authoritative.
        let edition_outside = ed == ListKey::STANDARD || !authority.iter().any(|k| k.edition == ed);
        if outside && edition_outside {
            out.insert(ed);
        }
    }
    out
}

/// Merges `obs` into `prev`.
pub fn merge(prev: &NhnCatalog, obs: NhnObservation<'_>) -> NhnCatalog {
    let prev_seen: BTreeMap<&ListKey, &Seen> =
        prev.lists.iter().map(|l| (&l.list, &l.seen)).collect();
    let mut obs_lists: BTreeMap<ListKey, u32> = BTreeMap::new();
    for lists in obs.presence.values() {
        for l in lists {
            *obs_lists.entry(l.clone()).or_default() += 1;
        }
    }
    let authority: BTreeSet<ListKey> = match &obs.seen {
        Some(seen) => obs_lists
            .keys()
            .filter(|l| prev_seen.get(l).is_none_or(|p| seen.date >= p.date))
            .cloned()
            .collect(),
        None => BTreeSet::new(),
    };
    // A list the observation holds but has no authority over: the catalogue's newer observation.
    let newer_than_obs: Option<Seen> = obs_lists
        .keys()
        .filter(|l| !authority.contains(*l))
        .filter_map(|l| prev_seen.get(l).map(|s| (*s).clone()))
        .min();

    let old: BTreeMap<&str, &NhnEvent> = prev.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let new: BTreeMap<&str, &NhnEvent> = obs
        .catalog
        .events
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut events = Vec::with_capacity(ids.len());
    for id in ids {
        let (o, n) = (old.get(id).copied(), new.get(id).copied());
        let fresh: BTreeSet<String> = obs
            .presence
            .get(id)
            .into_iter()
            .flatten()
            .filter(|l| authority.contains(*l))
            .map(|l| l.edition.clone())
            .collect();
        let fresh_locales: BTreeSet<Locale> = obs
            .presence
            .get(id)
            .into_iter()
            .flatten()
            .filter(|l| authority.contains(*l))
            .map(|l| l.locale)
            .collect();
        let elsewhere = o
            .map(|o| listed_elsewhere(o, &authority))
            .unwrap_or_default();
        let listed = !fresh.is_empty() || !elsewhere.is_empty();
        let mut e = match (o, n) {
            (Some(o), _) => o.clone(),
            (None, Some(n)) => n.clone(),
            (None, None) => unreachable!("every ID comes from one side"),
        };
        if let (Some(o), Some(n)) = (o, n) {
            e.first_listed = earliest(&o.first_listed, &n.first_listed);
            let dated = n.first_listed.is_some() || n.removed.is_some();
            for (l, name) in &n.names {
                let fresh_name = fresh_locales.contains(l);
                match o.names.get(l) {
                    Some(before) if before != name && fresh_name => {
                        if let Some(seen) = &obs.seen {
                            let already = n
                                .renames
                                .iter()
                                .chain(&e.renames)
                                .any(|r| r.locale == *l && r.from == *before && r.to == *name);
                            if !already {
                                e.renames.push(crate::model::NameChange {
                                    seen: seen.clone(),
                                    locale: *l,
                                    from: before.clone(),
                                    to: name.clone(),
                                });
                            }
                        }
                        e.names.insert(*l, name.clone());
                    }
                    // A name the catalogue has stays, unless this observation lists the ID in that
                    // locale, or both sides know it only as retired and this side is dated (the
                    // history's last listing, not an undated older revision).
                    Some(_) => {
                        let newer_retired =
                            dated && o.status == Status::Retired && n.status == Status::Retired;
                        if fresh_name || newer_retired {
                            e.names.insert(*l, name.clone());
                        }
                    }
                    None => {
                        e.names.insert(*l, name.clone());
                    }
                }
            }
            if !fresh.is_empty() && !n.services.is_empty() {
                e.services = n.services.clone();
            }
            e.renames.retain(|r| !superseded(r, n, obs.seen.as_ref()));
            e.renames.extend(n.renames.iter().cloned());
            e.renames.sort();
            e.renames.dedup();
        }
        if let Some(n) = n {
            let mut sources: BTreeSet<_> = e
                .sources
                .iter()
                .filter(|s| !(obs.owns)(&s.path))
                .cloned()
                .collect();
            sources.extend(n.sources.iter().cloned());
            e.sources = sources.into_iter().collect();
        }
        let was_listed = o.is_some_and(|o| o.status == Status::Listed);
        if listed {
            e.status = Status::Listed;
            e.removed = None;
            let mut eds: BTreeSet<String> = fresh;
            eds.extend(elsewhere);
            e.editions = eds.into_iter().collect();
        } else {
            e.editions = Vec::new();
            e.status = Status::Retired;
            let n_removed = n.and_then(|n| n.removed.clone());
            e.removed = match (was_listed, o) {
                // Listed until now: removed by this observation (its history knows the revision).
                (true, _) => n_removed.or_else(|| obs.seen.clone()),
                // Retired before: the later removal, unless this history refines a bound.
                (false, Some(o)) => match (&o.removed, &n_removed) {
                    (Some(bound), Some(exact)) if refines(bound, exact, obs.seen.as_ref()) => {
                        n_removed.clone()
                    }
                    _ => latest(&o.removed, &n_removed),
                },
                // New here and retired: the history's revision, or the newer observation of a list
                // that named it here and no longer does.
                (false, None) => {
                    let listed_here = n.is_some_and(|n| n.status == Status::Listed);
                    if listed_here {
                        newer_than_obs.clone().or(n_removed)
                    } else {
                        n_removed
                    }
                }
            };
        }
        // A listed ID is missing in the locales whose standard list does not name it (by this
        // observation where it has authority, else as the catalogue had it); a retired one in
        // the locales it has no name in.
        e.missing = if e.status == Status::Listed {
            let named_in = obs.presence.get(id);
            Locale::ALL
                .into_iter()
                .filter(|l| {
                    let key = ListKey {
                        locale: *l,
                        edition: ListKey::STANDARD.to_owned(),
                    };
                    if authority.contains(&key) {
                        !named_in.is_some_and(|p| p.contains(&key))
                    } else {
                        o.is_none_or(|o| o.status != Status::Listed || o.missing.contains(l))
                    }
                })
                .collect()
        } else {
            Locale::ALL
                .into_iter()
                .filter(|l| !e.names.contains_key(l))
                .collect()
        };
        e.untranslated = crate::build::nhn::untranslated(&e.names);
        events.push(e);
    }

    let mut services: BTreeMap<String, NhnService> = prev
        .services
        .iter()
        .map(|s| (s.key.clone(), s.clone()))
        .collect();
    for s in &obs.catalog.services {
        let entry = services.entry(s.key.clone()).or_insert_with(|| NhnService {
            key: s.key.clone(),
            names: BTreeMap::new(),
            variant: s.variant.clone(),
        });
        for (l, name) in &s.names {
            entry.names.insert(*l, name.clone());
        }
    }
    let mut lists: BTreeMap<ListKey, ListObservation> = prev
        .lists
        .iter()
        .map(|l| (l.list.clone(), l.clone()))
        .collect();
    if let Some(seen) = &obs.seen {
        for (key, count) in obs_lists {
            if authority.contains(&key) {
                lists.insert(
                    key.clone(),
                    ListObservation {
                        list: key,
                        seen: seen.clone(),
                        ids: count,
                    },
                );
            }
        }
    }
    NhnCatalog {
        services: services.into_values().collect(),
        events,
        lists: lists.into_values().collect(),
    }
}

/// The catalogue's KakaoCloud events, each with the key today's rule gives it (computed once:
/// matching compares every previous event with every current one).
pub fn rekeyed(previous: &[KakaoEvent]) -> Vec<(&KakaoEvent, String)> {
    previous
        .iter()
        .map(|p| {
            (
                p,
                crate::build::kakao::key(&p.service, &p.resource_type, &p.name.en),
            )
        })
        .collect()
}

/// Whether `current`, read from the pages now, is the event the catalogue holds as `previous`
/// (with its key under today's rule, see [`rekeyed`]): the same key, a key one of them keeps as
/// an alias of the other, or the key the previous event's service, resource type and name give
/// today (its key lost a version).
pub fn same_kakao_event((previous, rekeyed): &(&KakaoEvent, String), current: &KakaoEvent) -> bool {
    previous.key == current.key
        || current.aliases.contains(&previous.key)
        || previous.aliases.contains(&current.key)
        || *rekeyed == current.key
}

/// Merges the events read from the KakaoCloud pages (`obs`) into the catalogue's (`prev`).
///
/// The pages speak for the scopes they list events of (organization, project). An event they
/// list is theirs, as read now (and listed again if it was retired). A previous event of such a
/// scope that they no longer list is kept, retired as of `seen`; one already retired keeps its
/// date. Events of a scope the pages do not list are kept as they are. The versions table is the
/// pages'. Variants and aliases are carried over later, by [`crate::naming::carry_variants`].
///
/// Errors, naming the first such event, when an event must be retired and `seen` is `None`:
/// a retirement needs its date.
pub fn merge_kakao(
    prev: &KakaoCatalog,
    obs: KakaoCatalog,
    seen: Option<&Seen>,
) -> Result<KakaoCatalog, String> {
    let authority: BTreeSet<Scope> = obs.events.iter().map(|e| e.scope).collect();
    let mut events = obs.events;
    let listed = events.len();
    let mut undated = Vec::new();
    for previous in rekeyed(&prev.events) {
        // Only the pages' events can be this one; those kept before them are other events.
        if events[..listed]
            .iter()
            .any(|e| same_kakao_event(&previous, e))
        {
            continue;
        }
        let p = previous.0;
        let mut kept = p.clone();
        if authority.contains(&p.scope) && kept.removed.is_none() {
            match seen {
                Some(seen) => kept.removed = Some(seen.clone()),
                None => undated.push(p.key.clone()),
            }
        }
        events.push(kept);
    }
    if let Some(first) = undated.first() {
        return Err(format!(
            "{} KakaoCloud event(s) the catalogue lists are no longer on the pages (first: `{first}`); \
             they are kept as retired, which needs the date the pages were published or fetched",
            undated.len()
        ));
    }
    events.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(KakaoCatalog {
        events,
        versions: obs.versions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kakao::KakaoName;

    fn event(key: &str, scope: Scope, removed: Option<&str>) -> KakaoEvent {
        let parts: Vec<&str> = key.split('/').collect();
        KakaoEvent {
            key: key.into(),
            aliases: vec![],
            variant: String::new(),
            scope,
            service: parts[0].into(),
            resource_type: parts[1].into(),
            name: KakaoName {
                en: parts[2].into(),
                ko: None,
            },
            former_names: vec![],
            description: None,
            meaning: None,
            reclassified: Vec::new(),
            sources: vec![],
            removed: removed.map(|d| Seen {
                date: d.into(),
                commit: None,
            }),
        }
    }

    fn catalog(events: Vec<KakaoEvent>) -> KakaoCatalog {
        KakaoCatalog {
            events,
            versions: vec![],
        }
    }

    fn removed(c: &KakaoCatalog) -> Vec<(&str, Option<&str>)> {
        c.events
            .iter()
            .map(|e| (e.key.as_str(), e.removed.as_ref().map(|s| s.date.as_str())))
            .collect()
    }

    fn seen(date: &str, commit: Option<&str>) -> Seen {
        Seen {
            date: date.into(),
            commit: commit.map(Into::into),
        }
    }

    fn rename(at: Seen, from: &str, to: &str) -> NameChange {
        NameChange {
            seen: at,
            locale: Locale::Ko,
            from: from.into(),
            to: to.into(),
        }
    }

    /// A shorter history once took the name a later snapshot gave for the older one and
    /// recorded a change back to it at its head; the fuller history, which reaches that head and
    /// knows both names, never shows that change, so its account replaces it.
    #[test]
    fn a_fuller_history_replaces_a_rename_it_never_saw() {
        let (old_name, new_name) = ("Drain", "Drain Flow");
        let first = seen("2024-07-01", Some("aaa"));
        let partial_head = seen("2025-06-02", Some("bbb"));
        let exact = seen("2025-07-15", Some("ccc"));
        let head = seen("2026-03-23", Some("ddd"));
        let id = "event_id.dataflow.flow.drain";
        let mut before = NhnEvent {
            id: id.into(),
            names: BTreeMap::from([(Locale::Ko, new_name.to_owned())]),
            first_listed: Some(first.clone()),
            ..Default::default()
        };
        before.renames = vec![
            rename(partial_head, new_name, old_name),
            rename(seen("2026-03-23", None), old_name, new_name),
        ];
        let mut history = before.clone();
        history.renames = vec![rename(exact.clone(), old_name, new_name)];
        let key = ListKey {
            locale: Locale::Ko,
            edition: ListKey::STANDARD.into(),
        };
        let prev = NhnCatalog {
            events: vec![before],
            ..Default::default()
        };
        let merged = merge(
            &prev,
            NhnObservation {
                catalog: NhnCatalog {
                    events: vec![history],
                    ..Default::default()
                },
                seen: Some(head),
                presence: BTreeMap::from([(id.to_owned(), BTreeSet::from([key]))]),
                owns: &|_| false,
            },
        );
        assert_eq!(
            merged.events[0].renames,
            [rename(exact, old_name, new_name)],
            "one change, at its revision"
        );
        assert_eq!(merged.events[0].first_listed, Some(first));
    }

    #[test]
    fn an_event_the_pages_drop_is_retired_with_the_date_and_comes_back_when_listed_again() {
        let day = Seen {
            date: "2026-12-01".into(),
            commit: None,
        };
        let prev = catalog(vec![
            event("vm/disk/create", Scope::Project, None),
            event("vm/disk/delete", Scope::Project, None),
        ]);
        let next = merge_kakao(
            &prev,
            catalog(vec![event("vm/disk/create", Scope::Project, None)]),
            Some(&day),
        )
        .unwrap();
        assert_eq!(
            removed(&next),
            [
                ("vm/disk/create", None),
                ("vm/disk/delete", Some("2026-12-01"))
            ]
        );
        // Dropped again later: it keeps the first date.
        let later = Seen {
            date: "2027-01-01".into(),
            commit: None,
        };
        let again = merge_kakao(
            &next,
            catalog(vec![event("vm/disk/create", Scope::Project, None)]),
            Some(&later),
        )
        .unwrap();
        assert_eq!(removed(&again), removed(&next));
        // Listed again: no longer retired.
        let back = catalog(vec![
            event("vm/disk/create", Scope::Project, None),
            event("vm/disk/delete", Scope::Project, None),
        ]);
        let relisted = merge_kakao(&again, back, Some(&later)).unwrap();
        assert_eq!(
            removed(&relisted),
            [("vm/disk/create", None), ("vm/disk/delete", None)]
        );
    }

    #[test]
    fn pages_speak_only_for_the_scopes_they_list() {
        let day = Seen {
            date: "2026-12-01".into(),
            commit: None,
        };
        let prev = catalog(vec![
            event("iam/user/invite", Scope::Organization, None),
            event("vm/disk/create", Scope::Project, None),
        ]);
        let next = merge_kakao(
            &prev,
            catalog(vec![event("vm/disk/create", Scope::Project, None)]),
            Some(&day),
        )
        .unwrap();
        assert_eq!(
            removed(&next),
            [("iam/user/invite", None), ("vm/disk/create", None)]
        );
    }

    #[test]
    fn a_retired_event_is_never_taken_for_another_one_the_pages_dropped() {
        // Two previous events that the rekeying rule would tie together: only what the pages
        // list can stand for a previous event, so both are kept.
        let day = Seen {
            date: "2026-12-01".into(),
            commit: None,
        };
        let mut versioned = event("kf/hpt-1-0-0/create", Scope::Project, None);
        versioned.resource_type = "HPT 1.0.0".into();
        let prev = catalog(vec![
            event("kf/hpt/create", Scope::Project, None),
            versioned,
            event("vm/disk/create", Scope::Project, None),
        ]);
        let next = merge_kakao(
            &prev,
            catalog(vec![event("vm/disk/create", Scope::Project, None)]),
            Some(&day),
        )
        .unwrap();
        assert_eq!(
            removed(&next),
            [
                ("kf/hpt-1-0-0/create", Some("2026-12-01")),
                ("kf/hpt/create", Some("2026-12-01")),
                ("vm/disk/create", None)
            ]
        );
    }

    #[test]
    fn a_renamed_key_is_the_same_event_and_a_retirement_needs_a_date() {
        let prev = catalog(vec![
            event("kf/hpt-1-0-0/create", Scope::Project, None),
            event("vm/disk/delete", Scope::Project, None),
        ]);
        let mut renamed = event("kf/hpt/create", Scope::Project, None);
        renamed.aliases = vec!["kf/hpt-1-0-0/create".into()];
        let obs = catalog(vec![
            renamed.clone(),
            event("vm/disk/delete", Scope::Project, None),
        ]);
        let next = merge_kakao(&prev, obs, None).unwrap();
        assert_eq!(
            removed(&next),
            [("kf/hpt/create", None), ("vm/disk/delete", None)]
        );
        let err = merge_kakao(&prev, catalog(vec![renamed]), None).unwrap_err();
        assert!(
            err.contains("`vm/disk/delete`") && err.contains("date"),
            "{err}"
        );
    }
}

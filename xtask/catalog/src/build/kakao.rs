//! KakaoCloud: events, versions and role rules from every page revision.
//!
//! * **Order.** Pages are taken in revision order: the revision number from the file name
//!   (`003_…` is 3; see [`trail_sources::revision_of`]), then the path. Later wins.
//! * **Events.** One per key `slug(service)/slug(resource type)/slug(name)`. Rows with the
//!   same key merge (all their places kept in `sources`; the cross-checks report duplicate
//!   rows). A differing description or scope is reported; the first one read is kept.
//! * **Overrides.** `catalog/kakao/overrides.yaml` corrects a name by its key as read; the
//!   event is then keyed by the corrected name, so the key survives an upstream fix.
//! * **Versions.** One entry per resource type; a later page's row replaces an earlier one.
//! * **Roles.** The rules are those of the latest page that states any (role grants from its
//!   prose and its role tables); a grant that holds only with a project role (an organization
//!   role held with one) gives `with_project_role`. `changes` lists every role whose scopes
//!   (`may_view`) differ between consecutive such pages.

use std::collections::BTreeMap;

use trail_sources::kakao::KakaoDocument;
use trail_sources::{Diagnostic, SourceRef};

use crate::model::hand::KakaoOverrides;
use crate::model::kakao::{KakaoName, ResourceVersions};
use crate::model::nhn::slug;
use crate::model::roles::{KakaoRoles, RoleChange, RoleKind, RoleRule};
use crate::model::{KakaoCatalog, KakaoEvent, Scope};

/// The catalogue key of an event: `slug(service)/slug(resource type)/slug(name)`, with a version
/// at the end of the resource type left out (see [`unversioned`]), so that the key survives a
/// version bump upstream.
pub fn key(service: &str, resource_type: &str, name: &str) -> String {
    format!(
        "{}/{}/{}",
        slug(service),
        slug(unversioned(resource_type)),
        slug(name)
    )
}

/// The key as it was before keys left out versions: `slug(service)/slug(resource type)/slug(name)`.
/// Kept as an alias when it differs from [`key`], so that old keys still resolve.
pub(crate) fn versioned_key(service: &str, resource_type: &str, name: &str) -> String {
    format!("{}/{}/{}", slug(service), slug(resource_type), slug(name))
}

/// `resource_type` without trailing version words: `Essential+HPT+ServingAPI 1.0.0` ->
/// `Essential+HPT+ServingAPI`, `Kubeflow v1.2` -> `Kubeflow`. A version word is digits with at
/// least one `.` between them, optionally after a `v`; a resource type that is only a version is
/// kept as it is.
pub(crate) fn unversioned(resource_type: &str) -> &str {
    let is_version = |w: &str| {
        let w = w.strip_prefix(['v', 'V']).unwrap_or(w);
        w.contains('.')
            && w.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut rest = resource_type.trim_end();
    while let Some((head, last)) = rest.rsplit_once(char::is_whitespace) {
        if !is_version(last) || head.trim_end().is_empty() {
            break;
        }
        rest = head.trim_end();
    }
    rest
}

/// The pages in revision order (revision number, then path); pages without a number first.
pub fn in_revision_order<'a>(docs: &[&'a KakaoDocument]) -> Vec<&'a KakaoDocument> {
    let mut docs = docs.to_vec();
    docs.sort_by(|a, b| (a.revision, &a.path).cmp(&(b.revision, &b.path)));
    docs
}

/// Merges KakaoCloud pages into events and role rules, applying `overrides`.
pub fn build(
    docs: &[&KakaoDocument],
    overrides: &KakaoOverrides,
    diags: &mut Vec<Diagnostic>,
) -> (KakaoCatalog, KakaoRoles) {
    let docs = in_revision_order(docs);
    let mut events: BTreeMap<String, KakaoEvent> = BTreeMap::new();
    let mut versions: BTreeMap<String, ResourceVersions> = BTreeMap::new();
    for doc in &docs {
        for r in &doc.records {
            let at = SourceRef::new(doc.path.clone(), r.line);
            let k = key(&r.service, &r.resource_type, &r.name);
            let old = versioned_key(&r.service, &r.resource_type, &r.name);
            match events.get_mut(&k) {
                None => {
                    events.insert(
                        k.clone(),
                        KakaoEvent {
                            aliases: if old != k { vec![old] } else { Vec::new() },
                            variant: String::new(),
                            key: k,
                            scope: r.scope,
                            service: r.service.clone(),
                            resource_type: r.resource_type.clone(),
                            name: KakaoName {
                                en: r.name.clone(),
                                ko: None,
                            },
                            former_names: vec![],
                            description: r.description.clone(),
                            meaning: None,
                            reclassified: Vec::new(),
                            sources: vec![at],
                            removed: None,
                        },
                    );
                }
                Some(e) => {
                    if e.scope != r.scope {
                        diags.push(
                            Diagnostic::raise(
                                at.clone(),
                                "kakao/conflicting-scope",
                                format!(
                                    "listed as a {} event here but as a {} event at {}; the first is kept",
                                    r.scope.as_str(),
                                    e.scope.as_str(),
                                    e.sources[0]
                                ),
                            )
                            .subject(&e.key),
                        );
                    }
                    match (&e.description, &r.description) {
                        (Some(a), Some(b)) if a != b => diags.push(
                            Diagnostic::raise(
                                at.clone(),
                                "kakao/conflicting-description",
                                format!(
                                    "described as `{b}` here but as `{a}` at {}; the first is kept",
                                    e.sources[0]
                                ),
                            )
                            .subject(&e.key),
                        ),
                        (None, Some(b)) => e.description = Some(b.clone()),
                        _ => {}
                    }
                    if old != e.key && !e.aliases.contains(&old) {
                        e.aliases.push(old);
                    }
                    e.sources.push(at);
                }
            }
        }
        for v in &doc.versions {
            versions.insert(
                v.resource_type.clone(),
                ResourceVersions {
                    resource_type: v.resource_type.clone(),
                    versions: v.versions.clone(),
                    source: SourceRef::new(doc.path.clone(), v.line),
                },
            );
        }
    }
    apply_overrides(&mut events, overrides, diags);
    let mut events: Vec<KakaoEvent> = events.into_values().collect();
    for e in &mut events {
        e.sources.sort();
        e.sources.dedup();
        e.aliases.sort();
        e.aliases.dedup();
        e.aliases.retain(|a| *a != e.key);
    }
    events.sort_by(|a, b| a.key.cmp(&b.key));
    let catalog = KakaoCatalog {
        events,
        versions: versions.into_values().collect(),
    };
    (catalog, roles(&docs))
}

fn apply_overrides(
    events: &mut BTreeMap<String, KakaoEvent>,
    overrides: &KakaoOverrides,
    diags: &mut Vec<Diagnostic>,
) {
    let at = SourceRef::new("catalog/kakao/overrides.yaml", 1);
    for o in &overrides.names {
        let Some(mut e) = events.remove(&o.key) else {
            diags.push(
                Diagnostic::raise(
                    at.clone(),
                    "kakao/unused-override",
                    "no event has this key as read; the page may have been fixed: delete the override",
                )
                .subject(&o.key),
            );
            continue;
        };
        // The page's spelling and key still resolve to the corrected event.
        if e.name.en != o.en {
            e.former_names
                .push(std::mem::replace(&mut e.name.en, o.en.clone()));
        }
        e.key = key(&e.service, &e.resource_type, &o.en);
        e.aliases.push(o.key.clone());
        let new_alias = versioned_key(&e.service, &e.resource_type, &o.en);
        if new_alias != e.key {
            e.aliases.push(new_alias);
        }
        e.aliases.retain(|a| *a != e.key);
        match events.get_mut(&e.key) {
            Some(existing) => {
                diags.push(
                    Diagnostic::raise(
                        e.sources[0].clone(),
                        "kakao/override-merged",
                        format!(
                            "the corrected name `{}` is already an event; the two are merged",
                            o.en
                        ),
                    )
                    .subject(&e.key),
                );
                existing.sources.extend(e.sources);
                existing.aliases.extend(e.aliases);
                existing.aliases.sort();
                existing.aliases.dedup();
                existing.former_names.extend(e.former_names);
                existing.former_names.sort();
                existing.former_names.dedup();
                if existing.description.is_none() {
                    existing.description = e.description;
                }
            }
            None => {
                e.aliases.sort();
                e.aliases.dedup();
                events.insert(e.key.clone(), e);
            }
        }
    }
}

/// One page's grants: role -> (scopes, first place stated, scopes held with a project role).
type Grants = BTreeMap<(RoleKind, String), (Vec<Scope>, SourceRef, Vec<Scope>)>;

fn grants(doc: &KakaoDocument) -> Grants {
    let mut out: Grants = BTreeMap::new();
    for g in &doc.role_grants {
        let entry = out.entry((g.kind, g.role.clone())).or_insert_with(|| {
            (
                Vec::new(),
                SourceRef::new(doc.path.clone(), g.line),
                Vec::new(),
            )
        });
        let scopes = match g.held_with {
            None => &mut entry.0,
            Some(RoleKind::Project) => &mut entry.2,
            // Held with another organization role: not a case the catalogue models; the page
            // has never said so.
            Some(RoleKind::Organization) => continue,
        };
        scopes.extend(g.scopes.iter().copied());
        scopes.sort();
        scopes.dedup();
    }
    // With a project role, a role also sees what it sees alone; said only where it adds scopes.
    for (_, (alone, _, with)) in out.iter_mut() {
        with.extend(alone.iter().copied());
        with.sort();
        with.dedup();
        if with == alone {
            with.clear();
        }
    }
    out
}

/// Role rules from the pages (already in revision order): the latest stating page wins.
fn roles(docs: &[&KakaoDocument]) -> KakaoRoles {
    let revisions: Vec<Grants> = docs
        .iter()
        .map(|d| grants(d))
        .filter(|g| !g.is_empty())
        .collect();
    let Some(latest) = revisions.last() else {
        return KakaoRoles::default();
    };
    let rules = latest
        .iter()
        .map(|((kind, role), (scopes, at, with))| RoleRule {
            role: role.clone(),
            variant: String::new(),
            kind: *kind,
            may_view: scopes.clone(),
            with_project_role: with.clone(),
            source: at.clone(),
        })
        .collect();
    let mut changes = Vec::new();
    for pair in revisions.windows(2) {
        let (earlier, later) = (&pair[0], &pair[1]);
        let mut keys: Vec<&(RoleKind, String)> = earlier.keys().chain(later.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let (e, l) = (earlier.get(k), later.get(k));
            // What a revision says: the scopes alone, and with a project role.
            if e.map(|x| (&x.0, &x.2)) == l.map(|x| (&x.0, &x.2)) {
                continue;
            }
            changes.push(RoleChange {
                role: k.1.clone(),
                kind: k.0,
                earlier: e.map(|x| x.0.clone()),
                later: l.map(|x| x.0.clone()),
                earlier_with_project_role: e.map(|x| x.2.clone()).unwrap_or_default(),
                later_with_project_role: l.map(|x| x.2.clone()).unwrap_or_default(),
                earlier_source: e.map(|x| x.1.clone()),
                later_source: l.map(|x| x.1.clone()),
            });
        }
    }
    changes.sort_by(|a, b| (a.kind, &a.role).cmp(&(b.kind, &b.role)));
    KakaoRoles { rules, changes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hand::NameOverride;
    use trail_sources::kakao::{self as src, Record, RoleGrant, Split};

    fn rec(name: &str, line: u32) -> Record {
        Record {
            scope: src::Scope::Project,
            service: "Load Balancing".into(),
            resource_type: "Health Check".into(),
            name: name.into(),
            description: None,
            line,
            split: Split::Hints,
            stray_spaces: false,
        }
    }

    /// A page revision that says only who may view what.
    fn roles_page(path: &str, revision: u32, role_grants: Vec<RoleGrant>) -> KakaoDocument {
        KakaoDocument {
            path: path.into(),
            revision: Some(revision),
            role_grants,
            ..Default::default()
        }
    }

    fn grant(role: &str, kind: src::RoleKind, scopes: &[src::Scope], line: u32) -> RoleGrant {
        RoleGrant {
            role: role.into(),
            kind,
            scopes: scopes.to_vec(),
            held_with: None,
            via: src::Via::Statement,
            line,
        }
    }

    #[test]
    fn overrides_rekey_and_merge_duplicates() {
        let doc = KakaoDocument {
            path: "002_a.txt".into(),
            revision: Some(2),
            records: vec![
                rec("Heath Check Create", 1),
                rec("Health Check Delete", 2),
                rec("Health Check Delete", 3),
            ],
            ..Default::default()
        };
        let overrides = KakaoOverrides {
            names: vec![
                NameOverride {
                    key: "load-balancing/health-check/heath-check-create".into(),
                    en: "Health Check Create".into(),
                    reason: "typo".into(),
                },
                NameOverride {
                    key: "x/y/z".into(),
                    en: "Z".into(),
                    reason: "stale".into(),
                },
            ],
        };
        let mut diags = Vec::new();
        let (cat, _) = build(&[&doc], &overrides, &mut diags);
        let keys: Vec<&str> = cat.events.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "load-balancing/health-check/health-check-create",
                "load-balancing/health-check/health-check-delete"
            ]
        );
        assert_eq!(cat.events[0].name.en, "Health Check Create");
        assert_eq!(cat.events[1].sources.len(), 2);
        assert_eq!(
            diags.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            ["kakao/unused-override"]
        );
    }

    #[test]
    fn keys_leave_out_versions_and_keep_the_versioned_key_as_an_alias() {
        assert_eq!(
            unversioned("Essential+HPT+ServingAPI 1.0.0"),
            "Essential+HPT+ServingAPI"
        );
        assert_eq!(unversioned("Kubeflow v1.2 2.0"), "Kubeflow");
        assert_eq!(unversioned("Block Storage"), "Block Storage");
        assert_eq!(unversioned("1.0.0"), "1.0.0");
        assert_eq!(unversioned("Hadoop 3"), "Hadoop 3");
        let mut a = rec("Kubeflow Create", 1);
        a.resource_type = "Essential HPT 1.0.0".into();
        let mut b = rec("Kubeflow Create", 2);
        b.resource_type = "Essential HPT 1.1.0".into();
        let doc = KakaoDocument {
            path: "002_a.txt".into(),
            revision: Some(2),
            records: vec![a, b],
            ..Default::default()
        };
        let (cat, _) = build(&[&doc], &KakaoOverrides::default(), &mut Vec::new());
        assert_eq!(cat.events.len(), 1);
        assert_eq!(
            cat.events[0].key,
            "load-balancing/essential-hpt/kubeflow-create"
        );
        assert_eq!(
            cat.events[0].aliases,
            [
                "load-balancing/essential-hpt-1-0-0/kubeflow-create",
                "load-balancing/essential-hpt-1-1-0/kubeflow-create"
            ]
        );
    }

    #[test]
    fn the_later_revision_wins_and_changes_are_recorded() {
        use src::{RoleKind::*, Scope as S};
        // Given in the wrong order on purpose: the revision number decides.
        let later = roles_page(
            "b/003_x.txt",
            3,
            vec![
                grant("Trail Viewer", Organization, &[S::Organization], 5),
                grant("Project Admin", Project, &[S::Project], 6),
            ],
        );
        let earlier = roles_page(
            "z/002_x.txt",
            2,
            vec![
                grant("Trail Viewer", Organization, &[S::Organization], 9),
                grant("Org Owner", Organization, &[S::Organization], 9),
            ],
        );
        let (_, roles) = build(
            &[&later, &earlier],
            &KakaoOverrides::default(),
            &mut Vec::new(),
        );
        let rules: Vec<&str> = roles.rules.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(rules, ["Trail Viewer", "Project Admin"]);
        assert_eq!(roles.rules[0].source.to_string(), "b/003_x.txt:5");
        let changes: Vec<(&str, bool, bool)> = roles
            .changes
            .iter()
            .map(|c| (c.role.as_str(), c.earlier.is_some(), c.later.is_some()))
            .collect();
        assert_eq!(
            changes,
            [("Org Owner", true, false), ("Project Admin", false, true)]
        );
    }

    #[test]
    fn a_grant_held_with_a_project_role_is_with_project_role_not_may_view() {
        use src::{RoleKind::*, Scope as S};
        let held = |mut g: RoleGrant| {
            g.held_with = Some(Project);
            g.via = src::Via::Marks;
            g
        };
        let doc = roles_page(
            "003_x.txt",
            3,
            vec![
                grant("Trail Viewer", Organization, &[S::Organization], 5),
                held(grant(
                    "Trail Viewer",
                    Organization,
                    &[S::Organization, S::Project],
                    9,
                )),
                // A table row that says no more than the role sees alone adds nothing.
                held(grant(
                    "Organization Admin",
                    Organization,
                    &[S::Organization],
                    9,
                )),
                grant("Organization Admin", Organization, &[S::Organization], 5),
                grant("Project Admin", Project, &[S::Project], 6),
            ],
        );
        let (_, roles) = build(&[&doc], &KakaoOverrides::default(), &mut Vec::new());
        let rule = |role: &str, kind, may_view: &[S], with: &[S], line| RoleRule {
            role: role.into(),
            variant: String::new(),
            kind,
            may_view: may_view.to_vec(),
            with_project_role: with.to_vec(),
            source: SourceRef::new("003_x.txt", line),
        };
        let org = [S::Organization];
        assert_eq!(
            roles.rules,
            [
                rule("Organization Admin", Organization, &org, &[], 9),
                rule(
                    "Trail Viewer",
                    Organization,
                    &org,
                    &[S::Organization, S::Project],
                    5
                ),
                rule("Project Admin", Project, &[S::Project], &[], 6),
            ]
        );
    }

    #[test]
    fn a_revision_that_adds_what_a_role_sees_with_a_project_role_is_a_change() {
        use src::{RoleKind::*, Scope as S};
        let earlier = roles_page(
            "002_x.txt",
            2,
            vec![
                grant("Trail Viewer", Organization, &[S::Organization], 5),
                grant("Project Admin", Project, &[S::Project], 6),
            ],
        );
        let mut with = grant(
            "Trail Viewer",
            Organization,
            &[S::Organization, S::Project],
            9,
        );
        with.held_with = Some(Project);
        let later = roles_page(
            "003_x.txt",
            3,
            vec![
                grant("Trail Viewer", Organization, &[S::Organization], 5),
                with,
                grant("Project Admin", Project, &[S::Project], 6),
            ],
        );
        let (_, roles) = build(
            &[&earlier, &later],
            &KakaoOverrides::default(),
            &mut Vec::new(),
        );
        // Project Admin says the same in both: no change. Trail Viewer sees the same alone, more
        // with a project role.
        assert_eq!(roles.changes.len(), 1, "{:?}", roles.changes);
        let c = &roles.changes[0];
        assert_eq!(c.role, "Trail Viewer");
        assert_eq!(c.earlier.as_deref(), Some(&[S::Organization][..]));
        assert_eq!(c.later, c.earlier);
        assert!(c.earlier_with_project_role.is_empty());
        assert_eq!(c.later_with_project_role, [S::Organization, S::Project]);
    }
}

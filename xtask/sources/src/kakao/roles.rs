//! Who may view what: statements in the prose ("Viewable only by IAM roles: Organization
//! Admin, ..."), sentences about "the following" roles that qualify the next role table, and one
//! grant per role of each role table, from its marks or, where the form lost them, from the prose.
//! The same pass over the sentences notes a retention period.
//!
//! It reads the prose and role tables that `text` or `blocks` gathered, never the page itself;
//! roles are known only through the hints. It knows nothing of the catalogue.

use std::collections::{BTreeMap, BTreeSet};

use super::reader::Reader;
use super::{RoleCondition, RoleGrant, RoleHint, RoleKind, Scope, Via};
use crate::Severity;

/// A piece of prose that may say who can view events: its text, the scope of the concept row it
/// belongs to (a bullet under `Organization event`), and its line.
#[derive(Debug, Clone)]
pub(crate) struct Prose {
    pub(crate) text: String,
    pub(crate) context: Option<Scope>,
    pub(crate) line: u32,
}

/// The scope a concept row is about, from its first words (`Organization Event...`).
pub(crate) fn concept_scope(text: &str) -> Option<Scope> {
    let lower = text.to_lowercase();
    if lower.starts_with("organization event") {
        Some(Scope::Organization)
    } else if lower.starts_with("project event") {
        Some(Scope::Project)
    } else {
        None
    }
}

/// The scope a role table's permission row is about (`View organization events`).
fn permission_scope(permission: &str) -> Option<Scope> {
    let lower = permission.to_lowercase();
    if lower.contains("organization event") {
        Some(Scope::Organization)
    } else if lower.contains("project event") {
        Some(Scope::Project)
    } else {
        None
    }
}

/// A grant sentence: (roles named, whether it says "all members of the project", scopes, line, sentence).
type Statement = (Vec<String>, bool, Vec<Scope>, u32, String);

impl Reader<'_> {
    /// Reads who may view what from the page's prose.
    pub(crate) fn read_roles(&mut self, prose: &[Prose]) {
        let mut grants: Vec<Statement> = Vec::new();
        for p in prose {
            self.statements(&p.text, p.context, p.line, &mut grants);
        }
        // "All members of the project" are the members of every project role, whether or not
        // the page names that role.
        let project_roles: Vec<&RoleHint> = self
            .hints
            .roles
            .iter()
            .filter(|h| h.kind == RoleKind::Project)
            .collect();
        for (roles, all_members, scopes, line, raw) in grants {
            let mut roles: Vec<String> = roles;
            if all_members {
                let expanded: Vec<String> = project_roles.iter().map(|h| h.name.clone()).collect();
                self.diag(
                    line,
                    "kakao/project-members",
                    Severity::Info,
                    format!(
                        "\"all members of the project\" is read as every project role: {}",
                        if expanded.is_empty() {
                            "none".to_owned()
                        } else {
                            expanded.join(", ")
                        }
                    ),
                    &raw,
                );
                roles.extend(expanded);
            }
            let mut seen = BTreeSet::new();
            for role in roles {
                if !seen.insert(role.clone()) {
                    continue;
                }
                let Some(h) = self.hints.role(&role) else {
                    continue;
                };
                self.doc.role_grants.push(RoleGrant {
                    role,
                    kind: h.kind,
                    scopes: scopes.clone(),
                    held_with: None,
                    via: Via::Statement,
                    line,
                });
            }
        }
    }

    /// Finds grant statements in one line of prose.
    fn statements(
        &mut self,
        text: &str,
        context: Option<Scope>,
        line: u32,
        grants: &mut Vec<Statement>,
    ) {
        for sentence in text.split(". ") {
            let lower = sentence.to_lowercase();
            if let Some(days) = retention_days(&lower) {
                self.diag(
                    line,
                    "kakao/retention",
                    Severity::Info,
                    format!(
                        "the page says events are kept for {days} days; the catalogue does not record retention"
                    ),
                    sentence.trim(),
                );
            }
            if !["queryable", "viewable", "can view", "can also view"]
                .iter()
                .any(|w| lower.contains(w))
            {
                continue;
            }
            let mut scopes = BTreeSet::new();
            if lower.contains("organization event") {
                scopes.insert(Scope::Organization);
            }
            if lower.contains("project event") {
                scopes.insert(Scope::Project);
            }
            // "both project and organization events" names two scopes with one noun.
            if lower.contains("project and organization event")
                || lower.contains("organization and project event")
            {
                scopes.extend([Scope::Organization, Scope::Project]);
            }
            if scopes.is_empty() {
                scopes.extend(context);
            }
            let mut roles: Vec<(usize, String)> = Vec::new();
            // Every written form (names and aliases), longest first, so `Organization Admin` is not
            // also read as a shorter name inside it.
            let mut forms: Vec<(&str, &RoleHint)> = self
                .hints
                .roles
                .iter()
                .flat_map(|h| {
                    std::iter::once(h.name.as_str())
                        .chain(h.aliases.iter().map(String::as_str))
                        .map(move |f| (f, h))
                })
                .filter(|(f, _)| !f.is_empty())
                .collect();
            forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
            let mut taken = vec![false; sentence.len()];
            for (form, h) in forms {
                let mut from = 0;
                while let Some(pos) = sentence[from..].find(form) {
                    let at = from + pos;
                    let end = at + form.len();
                    from = end;
                    let word_end = sentence[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if word_end && !taken[at..end].iter().any(|&x| x) {
                        taken[at..end].iter_mut().for_each(|x| *x = true);
                        roles.push((at, h.name.clone()));
                        if form != h.name {
                            self.diag(
                                line,
                                "kakao/role-alias",
                                Severity::Info,
                                format!("`{form}` is read as the role `{}` (an alias in catalog/kakao/hints.yaml)", h.name),
                                sentence.trim(),
                            );
                        }
                    }
                }
            }
            roles.sort();
            let roles: Vec<String> = roles.into_iter().map(|(_, r)| r).collect();
            let all_members = [
                "all members of the project",
                "all users within the project",
                "all users of the project",
            ]
            .iter()
            .any(|p| lower.contains(p));
            if !scopes.is_empty()
                && roles.is_empty()
                && !all_members
                && lower.contains("the following")
            {
                // "Users with a project role who also hold the following organization roles can
                // view both project and organization events": about the next role table's roles.
                let held_with = if !lower.contains("also hold") {
                    None
                } else if lower.contains("with a project role") {
                    Some(RoleKind::Project)
                } else if lower.contains("with an organization role") {
                    Some(RoleKind::Organization)
                } else {
                    None
                };
                self.conditions.push((
                    RoleCondition {
                        scopes: scopes.into_iter().collect(),
                        held_with,
                        line,
                    },
                    sentence.trim().to_owned(),
                ));
                continue;
            }
            if scopes.is_empty() || (roles.is_empty() && !all_members) {
                self.diag(
                    line,
                    "kakao/unresolved-role-statement",
                    Severity::Info,
                    "a sentence about who may view events that names no known role or no scope; not used".into(),
                    sentence.trim(),
                );
                continue;
            }
            grants.push((
                roles,
                all_members,
                scopes.into_iter().collect(),
                line,
                sentence.trim().to_owned(),
            ));
        }
    }

    /// Grants from the role tables: each role's marks where the form keeps them (checked against
    /// the prose), else what the prose says of the role; a sentence about "the following" roles
    /// gives the next table's scopes and condition.
    pub(crate) fn table_grants(&mut self) {
        for (c, sentence) in std::mem::take(&mut self.conditions) {
            match self.doc.role_tables.iter_mut().find(|t| t.line > c.line) {
                Some(t) if t.condition.is_none() => t.condition = Some(c),
                _ => self.diag(
                    c.line,
                    "kakao/unresolved-role-statement",
                    Severity::Info,
                    "a sentence about \"the following\" roles with no role table after it; not used".into(),
                    &sentence,
                ),
            }
        }
        // What the prose statements say of each role, unconditionally.
        let mut stated: BTreeMap<String, BTreeSet<Scope>> = BTreeMap::new();
        for g in &self.doc.role_grants {
            stated
                .entry(g.role.clone())
                .or_default()
                .extend(g.scopes.iter().copied());
        }
        let mut grants = Vec::new();
        let mut disagree = Vec::new();
        for t in &self.doc.role_tables {
            for (j, role) in t.roles.iter().enumerate() {
                let Some(h) = self.hints.role(role) else {
                    continue;
                };
                let expected: Option<BTreeSet<Scope>> = match &t.condition {
                    Some(c) => Some(c.scopes.iter().copied().collect()),
                    None => stated.get(&h.name).cloned(),
                };
                let (scopes, via) = match &t.marks {
                    Some(marks) => {
                        let marked: BTreeSet<Scope> = t
                            .permissions
                            .iter()
                            .zip(marks)
                            .filter(|(_, m)| m.get(j) == Some(&true))
                            .filter_map(|(p, _)| permission_scope(p))
                            .collect();
                        if let Some(e) = expected.as_ref().filter(|e| **e != marked) {
                            let names = |s: &BTreeSet<Scope>| {
                                s.iter()
                                    .map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" and ")
                            };
                            disagree.push((
                                t.line,
                                format!(
                                    "the marks give role `{}` {} events, the prose {} events; the marks are used",
                                    h.name,
                                    names(&marked),
                                    names(e)
                                ),
                            ));
                        }
                        (marked, Via::Marks)
                    }
                    None => (expected.unwrap_or_default(), Via::TableProse),
                };
                if scopes.is_empty() {
                    continue;
                }
                grants.push(RoleGrant {
                    role: h.name.clone(),
                    kind: h.kind,
                    scopes: scopes.into_iter().collect(),
                    held_with: t.condition.as_ref().and_then(|c| c.held_with),
                    via,
                    line: t.line,
                });
            }
        }
        for (line, message) in disagree {
            self.diag(
                line,
                "kakao/role-marks-disagree",
                Severity::Warning,
                message,
                "",
            );
        }
        self.doc.role_grants.extend(grants);
    }
}

/// The number of days a sentence says events are kept (`Events are retained for 90 days`), if it says so.
fn retention_days(lower: &str) -> Option<u32> {
    if ![
        "retain",
        "retention",
        "stored for",
        "kept for",
        "keep",
        "store",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        w[1].trim_end_matches(['.', ',', ')'])
            .strip_prefix("day")
            .and(w[0].trim_start_matches('(').parse().ok())
    })
}

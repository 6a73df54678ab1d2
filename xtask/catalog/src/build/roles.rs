//! Who may use NHN CloudTrail, from every revision of the overview.
//!
//! The current overview (`<locale>/overview.md`) says CloudTrail is for organization members with
//! CloudTrail permissions; the 2019 one (seed 000) named three roles. The newest revision that
//! says anything is the rule in force; what older revisions said differently is history.

use std::collections::BTreeMap;

use trail_sources::nhn::NhnDocument;
use trail_sources::{Locale, SourceRef};

use crate::model::roles::{NhnAccess, NhnAccessRule, NhnRoles};

/// One statement of who may use the service: rule, locale, sentence, where.
type Statement = (NhnAccessRule, Option<Locale>, Option<String>, SourceRef);

/// How new a document is: current pages (no revision number) first, then higher revisions.
fn age(d: &NhnDocument) -> (bool, std::cmp::Reverse<u32>) {
    (
        d.revision.is_some(),
        std::cmp::Reverse(d.revision.unwrap_or(0)),
    )
}

/// The access rule in force, its history, and whether the user console has the service.
pub fn nhn(docs: &[&NhnDocument]) -> NhnRoles {
    let mut docs: Vec<&NhnDocument> = docs.to_vec();
    docs.sort_by(|a, b| (age(a), a.locale, &a.path).cmp(&(age(b), b.locale, &b.path)));
    // Statements per revision, newest first: (rule, locale, sentence, where).
    let mut by_age: BTreeMap<(bool, std::cmp::Reverse<u32>), Vec<Statement>> = BTreeMap::new();
    let mut out = NhnRoles::default();
    let mut have_console = false;
    for d in &docs {
        let statements = by_age.entry(age(d)).or_default();
        for m in &d.permission_mentions {
            statements.push((
                NhnAccessRule::Permission,
                d.locale,
                Some(m.text.clone()),
                SourceRef::new(&d.path, m.line),
            ));
        }
        for m in &d.role_mentions {
            statements.push((
                NhnAccessRule::Roles {
                    roles: m.roles.clone(),
                },
                d.locale,
                None,
                SourceRef::new(&d.path, m.line),
            ));
        }
        if let (false, Some(c)) = (have_console, d.user_console) {
            out.user_console = c.available;
            out.sources.push(SourceRef::new(&d.path, c.line));
            have_console = true;
        }
    }
    let mut rules: Vec<NhnAccess> = Vec::new();
    for statements in by_age.into_values() {
        for (rule, locale, text, at) in statements {
            // A revision that repeats the rule in force adds its places; a different rule is history.
            let entry = match rules.iter_mut().find(|r| r.rule == rule) {
                Some(r) => r,
                None => {
                    rules.push(NhnAccess {
                        rule,
                        statements: BTreeMap::new(),
                        sources: Vec::new(),
                    });
                    rules.last_mut().expect("just pushed")
                }
            };
            if let (Some(l), Some(t)) = (locale, text) {
                entry.statements.entry(l).or_insert(t);
            }
            entry.sources.push(at);
        }
    }
    for r in &mut rules {
        r.sources.sort();
        r.sources.dedup();
    }
    let mut rules = rules.into_iter();
    out.access = rules.next();
    out.history = rules.collect();
    out.sources.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use trail_sources::nhn::{PermissionMention, RoleMention};

    fn doc(path: &str, revision: Option<u32>) -> NhnDocument {
        NhnDocument {
            path: path.into(),
            locale: Locale::from_path(path),
            revision,
            ..Default::default()
        }
    }

    #[test]
    fn the_current_overview_wins_and_the_2019_roles_are_history() {
        let mut old = doc("seeds/000_x.txt", Some(0));
        old.role_mentions.push(RoleMention {
            roles: vec!["OWNER".into(), "ADMIN".into()],
            line: 12,
        });
        let mut ko = doc("nhn/ko/overview.md", None);
        ko.permission_mentions.push(PermissionMention {
            text: "CloudTrail 권한을 가진 멤버만".into(),
            line: 12,
        });
        let mut en = doc("nhn/en/overview.md", None);
        en.permission_mentions.push(PermissionMention {
            text: "members with CloudTrail permissions".into(),
            line: 11,
        });
        let roles = nhn(&[&old, &ko, &en]);
        let access = roles.access.unwrap();
        assert_eq!(access.rule, NhnAccessRule::Permission);
        assert_eq!(access.statements.len(), 2);
        assert_eq!(
            access.sources,
            [
                SourceRef::new("nhn/en/overview.md", 11),
                SourceRef::new("nhn/ko/overview.md", 12)
            ]
        );
        assert_eq!(roles.history.len(), 1);
        assert_eq!(
            roles.history[0].rule,
            NhnAccessRule::Roles {
                roles: vec!["OWNER".into(), "ADMIN".into()]
            }
        );
        // Only the old revision: its roles are the rule in force, with no history.
        let roles = nhn(&[&old]);
        assert!(matches!(
            roles.access.unwrap().rule,
            NhnAccessRule::Roles { .. }
        ));
        assert!(roles.history.is_empty());
    }
}

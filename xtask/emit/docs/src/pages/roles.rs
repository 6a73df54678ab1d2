//! The model of `docs/roles.md`: who may view the events with each provider, and the IAM
//! permission of NHN's search API.
//!
//! It only formats the role rules and changes the catalogue holds, in its order (`Catalog::sort`).

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::model::kakao::Scope;
use trail_catalog::model::localized;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule, RoleKind};

use crate::md::{Md, Table};

/// The model of `docs/roles.md`.
#[derive(Serialize)]
pub(crate) struct RolesPage {
    stamp: String,
    nhn: Table,
    nhn_notes: Md,
    kakao: Table,
    kakao_changes: Table,
}

/// The scopes a role may view in one revision; a revision without the role reads as `none`, in
/// italics.
fn scopes_cell(scopes: &Option<Vec<Scope>>, none: &'static str) -> Md {
    match scopes {
        None => Md::markup(format!("*({none})*")),
        Some(s) if s.is_empty() => Md::markup("nothing"),
        Some(s) => Md::markup(s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

/// A revision's scopes for a role, and what it may view held with a project role where the
/// revision says more.
fn with_cell(alone: Md, with: &[Scope]) -> Md {
    if with.is_empty() {
        return alone;
    }
    let with = with
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    alone.push(Md::markup(format!("; with a project role: {with}")))
}

/// A role kind as the page words it.
fn kind_str(kind: RoleKind) -> &'static str {
    match kind {
        RoleKind::Organization => "organization",
        RoleKind::Project => "project",
    }
}

/// The roles page: NHN's access rule and search API permission, KakaoCloud's role matrix.
pub(crate) fn roles_page(catalog: &Catalog, stamp: &str) -> RolesPage {
    let nhn_roles = &catalog.roles.nhn;
    let sources =
        |refs: &mut dyn Iterator<Item = String>| Md::text(&refs.collect::<Vec<_>>().join(", "));
    let who = |a: &NhnAccess| match &a.rule {
        NhnAccessRule::Permission => Md::markup("organization members with CloudTrail permissions"),
        NhnAccessRule::Roles { roles } => {
            Md::markup("only the organization roles ").push(Md::text(&roles.join(", ")))
        }
    };
    let statement = |a: &NhnAccess| {
        localized::shown(&a.statements)
            .map(Md::text)
            .unwrap_or_default()
    };
    let nhn = Table::new(
        ["Overview", "Who may use CloudTrail", "As stated", "Source"],
        nhn_roles
            .access
            .iter()
            .map(|a| (Md::markup("current"), a))
            .chain(
                nhn_roles
                    .history
                    .iter()
                    .map(|a| (Md::markup("earlier, no longer in force"), a)),
            )
            .map(|(when, a)| {
                [
                    when,
                    who(a),
                    statement(a),
                    sources(&mut a.sources.iter().map(|s| s.to_string())),
                ]
            })
            .collect(),
    );
    let mut notes = Md::markup("Search API v2.0: needs the IAM permission ");
    notes = notes.push(match &nhn_roles.api_permission {
        Some(p) => Md::text(p),
        None => Md::markup("*(not documented)*"),
    });
    notes = notes.push(Md::markup(
        " (the guide states the permission only; it names no role). User console: ",
    ));
    notes = notes.push(Md::markup(if nhn_roles.user_console {
        "available, as the newest overview that mentions it says."
    } else {
        "not available, as the newest overview that mentions it says."
    }));
    notes = notes
        .push(Md::markup(" Sources: "))
        .push(if nhn_roles.sources.is_empty() {
            Md::markup("*(none)*")
        } else {
            sources(&mut nhn_roles.sources.iter().map(|s| s.to_string()))
        });
    // Rules and changes by kind, then role, as the catalogue keeps them (`Catalog::sort`).
    let rules = &catalog.roles.kakao.rules;
    // ✓ alone; "✓ with a project role" where the page grants the scope only to a user who also
    // holds a project role; — otherwise.
    let tick = |r: &trail_catalog::model::roles::RoleRule, scope: Scope| {
        Md::markup(if r.may_view.contains(&scope) {
            "✓"
        } else if r.with_project_role.contains(&scope) {
            "✓ with a project role"
        } else {
            "—"
        })
    };
    let kakao = Table::new(
        [
            "Role",
            "Kind",
            "Organization events",
            "Project events",
            "Source",
        ],
        rules
            .iter()
            .map(|r| {
                [
                    Md::text(&r.role),
                    Md::markup(kind_str(r.kind)),
                    tick(r, Scope::Organization),
                    tick(r, Scope::Project),
                    Md::code(&r.source.to_string()),
                ]
            })
            .collect(),
    );
    let changes = &catalog.roles.kakao.changes;
    // A revision's cell: what it says, then where (the table stays four columns wide, so it
    // fits the page at desktop width).
    let revision = |scopes: Md, with: &[Scope], at: &Option<trail_catalog::SourceRef>| {
        let said = with_cell(scopes, with);
        match at {
            Some(r) => said
                .push(Md::markup(" <br>"))
                .push(Md::code(&r.to_string())),
            None => said,
        }
    };
    let kakao_changes = Table::new(
        ["Role", "Kind", "Earlier revision", "Later revision"],
        changes
            .iter()
            .map(|c| {
                [
                    Md::text(&c.role),
                    Md::markup(kind_str(c.kind)),
                    revision(
                        scopes_cell(&c.earlier, "not named"),
                        &c.earlier_with_project_role,
                        &c.earlier_source,
                    ),
                    revision(
                        scopes_cell(&c.later, "dropped"),
                        &c.later_with_project_role,
                        &c.later_source,
                    ),
                ]
            })
            .collect(),
    );
    RolesPage {
        stamp: stamp.to_owned(),
        nhn,
        nhn_notes: notes,
        kakao,
        kakao_changes,
    }
}

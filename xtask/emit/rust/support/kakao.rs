// Constant behaviour of the `kakao` module, written by hand: `cargo xtask gen` copies this file
// into the generated crate as `src/kakao/meta.rs` below the stamp (this block of `//` lines is
// left out). It reads the tables that the generated `src/kakao.rs` (its parent) defines.
//! Scopes, role kinds and the metadata accessors of [`Event`] and [`Role`], over the generated tables.

use core::cmp::Ordering;

use crate::support::cmp_ignore_ascii_case;

use super::{
    EVENT_BY_SERVICE_NAME, EVENT_DESCRIPTIONS, EVENT_NAMES_EN, EVENT_NAMES_KO, EVENT_REMOVED,
    EVENT_RESOURCE_TYPES,
};
use super::{
    EVENT_MEANINGS, EVENT_SCOPES, EVENT_SERVICES, Event, ROLE_KINDS, ROLE_VIEWS,
    ROLE_VIEWS_WITH_PROJECT_ROLE, Role,
};

/// Which event list an event belongs to, and so who may view it.
///
/// ```
/// use cloud_trail_events::kakao::{Event, Scope};
/// let scope: Scope = "organization".parse()?;
/// let organization_events = Event::ALL.iter().filter(|e| e.scope() == scope).count();
/// assert!(organization_events <= Event::ALL.len());
/// # Ok::<(), cloud_trail_events::kakao::ParseScopeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// Events of organization-wide services.
    Organization,
    /// Events of project-wide services.
    Project,
    /// Never made: being `#[non_exhaustive]`, it keeps downstream code from casting the enum to
    /// a number, so that the order of the variants is no part of the API.
    #[doc(hidden)]
    #[non_exhaustive]
    __Uncastable,
}

const SCOPE_ALL: [Scope; 2] = [Scope::Organization, Scope::Project];
static SCOPE_KEYS: [&str; 2] = ["organization", "project"];
crate::support::key_enum!(
    Scope,
    "scope (`organization` or `project`)",
    module: "kakao",
    error: ParseScopeError,
    all: SCOPE_ALL,
    keys: SCOPE_KEYS,
);

impl Scope {
    /// The scope whose key is exactly `key`.
    #[deprecated(
        since = "3.0.0",
        note = "use `Scope::lookup` or `str::parse`, as on every enum of the crate"
    )]
    pub fn from_key(key: &str) -> Option<Scope> {
        Scope::lookup(key)
    }
}

/// Whether a role is an organization role or a project role.
///
/// ```
/// use cloud_trail_events::kakao::{Role, RoleKind};
/// for role in Role::ALL {
///     assert!(matches!(role.kind(), RoleKind::Organization | RoleKind::Project));
/// }
/// assert_eq!(RoleKind::Project.as_str(), "project");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoleKind {
    /// An organization role.
    Organization,
    /// A project role.
    Project,
    /// Never made: being `#[non_exhaustive]`, it keeps downstream code from casting the enum to
    /// a number, so that the order of the variants is no part of the API.
    #[doc(hidden)]
    #[non_exhaustive]
    __Uncastable,
}

const ROLE_KIND_ALL: [RoleKind; 2] = [RoleKind::Organization, RoleKind::Project];
static ROLE_KIND_KEYS: [&str; 2] = ["organization", "project"];
crate::support::key_enum!(
    RoleKind,
    "role kind (`organization` or `project`)",
    module: "kakao",
    error: ParseRoleKindError,
    all: ROLE_KIND_ALL,
    keys: ROLE_KIND_KEYS,
);

impl Event {
    /// Organization or project event.
    pub fn scope(self) -> Scope {
        EVENT_SCOPES[self as usize]
    }

    /// The service, as the page writes it, e.g. `Virtual Machine`.
    pub fn service(self) -> &'static str {
        EVENT_SERVICES[self as usize]
    }

    /// The resource type, as the page writes it, e.g. `Block Storage` (with its version, if the
    /// page gives one; the key leaves it out).
    pub fn resource_type(self) -> &'static str {
        EVENT_RESOURCE_TYPES[self as usize]
    }

    /// The English name as published (typos kept unless an override corrects them).
    pub fn name(self) -> &'static str {
        EVENT_NAMES_EN[self as usize]
    }

    /// The Korean name, when a Korean page was imported.
    pub fn name_ko(self) -> Option<&'static str> {
        EVENT_NAMES_KO[self as usize]
    }

    /// The page's description, where its table has a Description column.
    pub fn description(self) -> Option<&'static str> {
        EVENT_DESCRIPTIONS[self as usize]
    }

    /// Whether the pages no longer list the event. A retired event keeps its variant, and its
    /// key still parses, so that older logs still resolve.
    pub fn is_retired(self) -> bool {
        EVENT_REMOVED[self as usize].is_some()
    }

    /// For a retired event, the date (`YYYY-MM-DD`) of the first import whose pages no longer
    /// listed it; `None` for a listed event.
    pub fn removed(self) -> Option<&'static str> {
        EVENT_REMOVED[self as usize]
    }

    /// What the event means: the kind of resource it acts on (English snake_case, from its
    /// name: `volume` for `Volume Create`; [`Event::resource_type`] is the page's column), the
    /// action, and the OCSF class and activity.
    pub fn meaning(self) -> crate::ocsf::Meaning {
        EVENT_MEANINGS[self as usize]
    }

    crate::ocsf::meaning_accessors!();

    /// The events whose service and English name equal `service` and `name` ignoring ASCII case,
    /// as a range of the table sorted that way.
    fn by_service_and_name(
        service: &str,
        name: &str,
    ) -> &'static [(&'static str, &'static str, Event)] {
        let cmp = |&(s, n, _): &(&str, &str, Event)| {
            cmp_ignore_ascii_case(s, service).then_with(|| cmp_ignore_ascii_case(n, name))
        };
        let start = EVENT_BY_SERVICE_NAME.partition_point(|e| cmp(e) == Ordering::Less);
        let end =
            start + EVENT_BY_SERVICE_NAME[start..].partition_point(|e| cmp(e) == Ordering::Equal);
        &EVENT_BY_SERVICE_NAME[start..end]
    }

    /// The event a Cloud Trail log record names by its service and event name (what KakaoCloud
    /// logs carry), exactly as the page writes them: `from_service_and_name("Virtual Machine",
    /// "Instance Create")`. Binary search; `None` for an unknown pair. Should two events of a
    /// service share a name (two resource types, or a retired event and the one that replaced
    /// it), a listed event is returned before a retired one, then the first in key order. A
    /// name the page spells wrongly and the catalogue corrects (`"Heath Check Create"`) finds
    /// the corrected event too.
    pub fn from_service_and_name(service: &str, name: &str) -> Option<Event> {
        Self::by_service_and_name(service, name)
            .iter()
            .find(|(s, n, _)| *s == service && *n == name)
            .map(|e| e.2)
    }

    /// As [`Event::from_service_and_name`], ignoring ASCII case in both (`virtual machine`,
    /// `INSTANCE CREATE`); an exact match wins over one that differs in case.
    pub fn from_service_and_name_ignore_case(service: &str, name: &str) -> Option<Event> {
        let found = Self::by_service_and_name(service, name);
        found
            .iter()
            .find(|(s, n, _)| *s == service && *n == name)
            .or(found.first())
            .map(|e| e.2)
    }
}

impl Role {
    /// The role whose name is exactly `name`.
    #[deprecated(
        since = "3.0.0",
        note = "use `Role::lookup` or `str::parse`, as on every enum of the crate"
    )]
    pub fn from_name(name: &str) -> Option<Role> {
        Role::lookup(name)
    }

    /// Organization or project role.
    pub fn kind(self) -> RoleKind {
        ROLE_KINDS[self as usize]
    }

    /// Whether this role may view events of `scope`.
    pub fn may_view(self, scope: Scope) -> bool {
        ROLE_VIEWS[self as usize] & (1 << scope as u8) != 0
    }

    /// Whether a user holding this role and also a project role may view events of `scope`:
    /// the page says an organization role held with a project role sees both scopes
    /// (`Role::TrailViewer.may_view_with_project_role(Scope::Project)`); for a project role,
    /// the same as [`Role::may_view`].
    pub fn may_view_with_project_role(self, scope: Scope) -> bool {
        ROLE_VIEWS_WITH_PROJECT_ROLE[self as usize] & (1 << scope as u8) != 0
    }
}

/// A row of the page's resource type -> versions table ([`RESOURCE_VERSIONS`](super::RESOURCE_VERSIONS)).
///
/// ```
/// use cloud_trail_events::kakao::RESOURCE_VERSIONS;
/// for row in RESOURCE_VERSIONS {
///     assert!(!row.resource_type.is_empty());
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceVersions {
    /// The resource type, e.g. `Hadoop HDE`.
    pub resource_type: &'static str,
    /// Its versions as listed, in page order.
    pub versions: &'static [&'static str],
}

// Constant behaviour of the `kakao` module, written by hand: `cargo xtask gen` copies this file
// into the generated crate as `src/kakao/meta.rs` below the stamp (this block of `//` lines is
// left out). It reads the tables that the generated `src/kakao.rs` (its parent) defines.
//! Scopes, role kinds and the metadata accessors of [`Event`] and [`Role`], over the generated tables.

use core::cmp::Ordering;
use core::fmt;

use super::{
    EVENT_BY_SERVICE_NAME, EVENT_DESCRIPTIONS, EVENT_NAMES_EN, EVENT_NAMES_KO, EVENT_REMOVED,
    EVENT_RESOURCE_TYPES,
};
use super::{
    EVENT_SCOPES, EVENT_SERVICES, Event, ROLE_KINDS, ROLE_VIEWS, ROLE_VIEWS_WITH_PROJECT_ROLE, Role,
};

/// Which event list an event belongs to, and so who may view it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Events of organization-wide services.
    Organization,
    /// Events of project-wide services.
    Project,
}

const SCOPE_ALL: [Scope; 2] = [Scope::Organization, Scope::Project];
static SCOPE_KEYS: [&str; 2] = ["organization", "project"];
crate::support::key_enum!(
    Scope,
    "scope (`organization` or `project`)",
    from_key,
    SCOPE_ALL,
    SCOPE_KEYS
);

/// Whether a role is an organization role or a project role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleKind {
    /// An organization role.
    Organization,
    /// A project role.
    Project,
}

/// ASCII case-insensitive order of two strings (other characters compare as they are).
fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

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
    /// it), a listed event is returned before a retired one, then the first in key order.
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

/// A row of the page's resource type -> versions table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceVersions {
    /// The resource type, e.g. `Hadoop HDE`.
    pub resource_type: &'static str,
    /// Its versions as listed, in page order.
    pub versions: &'static [&'static str],
}

// Constant behaviour of the `nhn` module, written by hand: `cargo xtask gen` copies this file
// into the generated crate as `src/nhn/meta.rs` below the stamp (this block of `//` lines is left
// out). It reads the tables that the generated `src/nhn/mod.rs` (its parent) defines.
//! Locales and the metadata accessors of [`EventId`] and [`Service`], over the generated tables.

use super::{
    EVENT_ID_EDITIONS, EVENT_ID_FIRST_LISTED, EVENT_ID_FLAGS, EVENT_ID_NAMES, EVENT_ID_REMOVED,
};
use super::{EVENT_ID_MEANINGS, EVENT_ID_SERVICES, EventId, SERVICE_NAMES, Service};
use super::{LOCALE_COLUMNS, RETIRED, UNTRANSLATED};

/// A documentation locale of NHN Cloud.
///
/// ```
/// use cloud_trail_events::nhn::{EventId, Locale};
/// let locale: Locale = "ja".parse()?;
/// assert_eq!(locale, Locale::Ja);
/// assert_eq!(Locale::lookup_ignore_ascii_case("EN"), Some(Locale::En));
/// let id = EventId::ALL[0];
/// let _name: Option<&str> = id.name(locale);
/// # Ok::<(), cloud_trail_events::nhn::ParseLocaleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Locale {
    /// Korean, the vendor's source language.
    Ko,
    /// English.
    En,
    /// Japanese.
    Ja,
    /// Chinese (simplified).
    Zh,
    /// Never made: being `#[non_exhaustive]`, it keeps downstream code from casting the enum to
    /// a number, so that the order of the variants is no part of the API.
    #[doc(hidden)]
    #[non_exhaustive]
    __Uncastable,
}

const LOCALE_ALL: [Locale; 4] = [Locale::Ko, Locale::En, Locale::Ja, Locale::Zh];
static LOCALE_KEYS: [&str; 4] = ["ko", "en", "ja", "zh"];
crate::support::key_enum!(
    Locale,
    "locale code (`ko`, `en`, `ja`, `zh`)",
    module: "nhn",
    error: ParseLocaleError,
    all: LOCALE_ALL,
    keys: LOCALE_KEYS,
);

// The generated tables have one column per locale, in the order `LOCALE_COLUMNS` names; a
// locale's column is its discriminant (`locale as usize`), which this proves when it compiles.
const _: () = {
    let mut i = 0;
    while i < LOCALE_COLUMNS.len() {
        assert!(
            LOCALE_COLUMNS[i] as usize == i,
            "the generated tables' locale columns are in `Locale` order"
        );
        i += 1;
    }
};

impl Locale {
    /// The lowercase code: `ko`, `en`, `ja`, `zh` (the same as [`Locale::as_str`]).
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// The locale whose code is exactly `code`.
    #[deprecated(
        since = "3.0.0",
        note = "use `Locale::lookup` or `str::parse`, as on every enum of the crate"
    )]
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::lookup(code)
    }
}

impl Service {
    /// The event IDs listed under this service (retired ones included), in key order.
    ///
    /// ```
    /// use cloud_trail_events::nhn::EventId;
    /// let id = EventId::ALL[0];
    /// let service = id.services()[0];
    /// assert!(service.events().any(|e| e == id));
    /// ```
    pub fn events(self) -> impl Iterator<Item = EventId> {
        EventId::ALL
            .iter()
            .copied()
            .filter(move |e| e.services().contains(&self))
    }

    /// The service whose key is exactly `key`.
    #[deprecated(
        since = "3.0.0",
        note = "use `Service::lookup` or `str::parse`, as on every enum of the crate"
    )]
    pub fn from_key(key: &str) -> Option<Service> {
        Service::lookup(key)
    }

    /// The section heading in `locale`, if that locale's event list has it.
    pub fn name(self, locale: Locale) -> Option<&'static str> {
        SERVICE_NAMES[self as usize][locale as usize]
    }
}

impl EventId {
    /// The event's name in `locale` as the vendor publishes it; `None` when that locale's
    /// event list does not give this ID. See [`EventId::is_untranslated`].
    pub fn name(self, locale: Locale) -> Option<&'static str> {
        EVENT_ID_NAMES[self as usize][locale as usize]
    }

    /// Whether the name in `locale` is not a translation (for example a zh name that is
    /// the English one).
    pub fn is_untranslated(self, locale: Locale) -> bool {
        EVENT_ID_FLAGS[self as usize] & UNTRANSLATED[locale as usize] != 0
    }

    /// The services the event is listed under (one or more), in key order.
    pub fn services(self) -> &'static [Service] {
        EVENT_ID_SERVICES[self as usize]
    }

    /// Whether the ID is only in older revisions of the event list. Retired IDs are kept
    /// so that old logs still resolve: [`EventId::ALL`] holds every ID ever listed.
    pub fn is_retired(self) -> bool {
        EVENT_ID_FLAGS[self as usize] & RETIRED != 0
    }

    /// The date (`YYYY-MM-DD`) at which an event list first named the ID; `None` when that is
    /// not known (an ID read only from undated older revisions).
    pub fn first_listed(self) -> Option<&'static str> {
        EVENT_ID_FIRST_LISTED[self as usize]
    }

    /// For a retired ID, the date (`YYYY-MM-DD`) at which it stopped being listed; `None` for a
    /// listed ID, or when the date is not known.
    pub fn removed(self) -> Option<&'static str> {
        EVENT_ID_REMOVED[self as usize]
    }

    /// The editions of the event list that name the ID now (`standard` for the public list,
    /// others such as `gov` for `event-list-gov.md`), sorted; empty for a retired ID, or when
    /// the catalogue does not record editions.
    pub fn editions(self) -> &'static [&'static str] {
        EVENT_ID_EDITIONS[self as usize]
    }

    /// What the event means: resource type, action, OCSF class and activity.
    pub fn meaning(self) -> crate::ocsf::Meaning {
        EVENT_ID_MEANINGS[self as usize]
    }

    /// The kind of resource the event acts on, English snake_case (`instance`).
    pub fn resource_type(self) -> &'static str {
        self.meaning().resource_type
    }

    crate::ocsf::meaning_accessors!();
}

/// Who may use NHN CloudTrail.
///
/// ```
/// use cloud_trail_events::nhn::{ACCESS, Access};
/// match ACCESS {
///     Some(Access::Permission) => { /* ask IAM */ }
///     Some(rule) => assert!(rule.allows_role("LOG_VIEWER").is_some()),
///     None => {}
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Access {
    /// Organization members with CloudTrail permissions; the v2.0 search API needs
    /// [`API_PERMISSION`](super::API_PERMISSION).
    Permission,
    /// Only these organization roles, as the console writes them (e.g. `LOG_VIEWER`).
    Roles(&'static [&'static str]),
}

impl Access {
    /// Whether a member with organization role `role` may use CloudTrail under this rule:
    /// `Some` for a rule by roles (exact match), `None` for the rule by permission, where
    /// the role alone does not tell.
    pub fn allows_role(self, role: &str) -> Option<bool> {
        match self {
            Access::Permission => None,
            Access::Roles(roles) => Some(roles.contains(&role)),
        }
    }
}

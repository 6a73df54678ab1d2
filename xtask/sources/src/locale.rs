//! The four locales NHN Cloud publishes its documentation in.

use serde::{Deserialize, Serialize};

/// A documentation locale. Ordered ko, en, ja, zh everywhere (the vendor's own order).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Korean, the vendor's source language.
    Ko,
    /// English.
    En,
    /// Japanese.
    Ja,
    /// Chinese (simplified).
    Zh,
}

impl Locale {
    /// Every locale, in catalogue order.
    pub const ALL: [Locale; 4] = [Locale::Ko, Locale::En, Locale::Ja, Locale::Zh];

    /// The lowercase code used in paths and files (`ko`, `en`, `ja`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
            Locale::Ja => "ja",
            Locale::Zh => "zh",
        }
    }

    /// Parses a locale code as used in paths (`ko`, `en`, `ja`, `zh`).
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The locale named by a path component such as `nhn/ko/event-list.md`, if any.
    pub fn from_path(path: &str) -> Option<Locale> {
        path.split(['/', '\\']).find_map(Locale::from_code)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

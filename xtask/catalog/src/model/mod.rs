//! The catalogue model: what `catalog/` holds, provider by provider.
//!
//! Every collection is kept sorted by its key so that serialisation is stable.

pub mod api;
pub mod api_shape;
pub mod hand;
pub mod kakao;
pub mod localized;
pub mod meaning;
pub mod nhn;
pub mod roles;

use serde::{Deserialize, Serialize};
use trail_sources::Diagnostic;

pub use api::ApiSpec;
pub use hand::{HandWritten, Waiver};
pub use kakao::{KakaoCatalog, KakaoEvent, Scope};
pub use meaning::{DecidedBy, Meaning, Reclassification};
pub use nhn::{
    ListKey, ListObservation, NameChange, NhnCatalog, NhnEvent, NhnService, Seen, Status,
};
pub use roles::Roles;

/// The whole catalogue, as loaded from or written to `catalog/`.
///
/// Its order is the model's, not the files': [`crate::io::load`] puts it in order with
/// [`Catalog::sort`], so the outputs read events, services, versions, rules and coverage in the
/// order the fields document and never sort them again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// NHN CloudTrail services and events (`catalog/nhn/`).
    pub nhn: NhnCatalog,
    /// KakaoCloud Cloud Trail events (`catalog/kakao/`).
    pub kakao: KakaoCatalog,
    /// Who may view what, for both providers (`catalog/roles.yaml`).
    pub roles: Roles,
    /// The NHN CloudTrail search API, from the API guide (`catalog/nhn/api.yaml`).
    pub api: ApiSpec,
    /// Everything the importer and the cross-checks found (`catalog/findings.yaml`), sorted.
    pub findings: Findings,
    /// Hand-written files: overrides, waivers, hints. Import reads them and never writes them.
    pub hand: HandWritten,
}

impl Catalog {
    /// Puts in order what the outputs read in order: NHN events by ID, each event's services and
    /// untranslated locales sorted without repeats, KakaoCloud events by key and its versions
    /// table by resource type, KakaoCloud role rules and changes by kind then role, coverage by
    /// locale. [`crate::io::load`] calls it, so a loaded catalogue is in this order whatever the
    /// order of its files; emitters rely on it and do not sort these again.
    pub fn sort(&mut self) {
        self.nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
        for e in &mut self.nhn.events {
            e.services.sort();
            e.services.dedup();
            e.untranslated.sort();
            e.untranslated.dedup();
        }
        self.kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
        self.kakao
            .versions
            .sort_by(|a, b| a.resource_type.cmp(&b.resource_type));
        let rules = &mut self.roles.kakao;
        rules
            .rules
            .sort_by(|a, b| (a.kind, &a.role).cmp(&(b.kind, &b.role)));
        rules
            .changes
            .sort_by(|a, b| (a.kind, &a.role).cmp(&(b.kind, &b.role)));
        self.findings.coverage.sort_by_key(|c| c.locale);
    }
}

/// The findings file: every diagnostic from the last import, sorted, plus coverage figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Per-locale coverage of the NHN event names.
    #[serde(default)]
    pub coverage: Vec<Coverage>,
    /// Every finding, sorted by place, then code.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// How many NHN events have a name in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The locale.
    pub locale: trail_sources::Locale,
    /// Listed (not retired) events in the catalogue.
    pub events: u32,
    /// Of those, how many have a name in this locale.
    pub named: u32,
    /// Of the named, how many are marked untranslated.
    pub untranslated: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use trail_sources::Locale;

    #[test]
    fn sort_puts_what_outputs_read_in_the_model_order() {
        let event = |id: &str, services: &[&str], untranslated: Vec<Locale>| NhnEvent {
            id: id.into(),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
            untranslated,
            ..Default::default()
        };
        let coverage = |locale| Coverage {
            locale,
            events: 1,
            named: 1,
            untranslated: 0,
        };
        let mut catalog = Catalog::default();
        catalog.nhn.events = vec![
            event(
                "event_id.b",
                &["svc-b", "svc-a", "svc-b"],
                vec![Locale::Zh, Locale::En],
            ),
            event("event_id.a", &["svc-a"], vec![]),
        ];
        catalog.findings.coverage = vec![coverage(Locale::Zh), coverage(Locale::Ko)];
        catalog.sort();
        let ids: Vec<&str> = catalog.nhn.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["event_id.a", "event_id.b"]);
        assert_eq!(catalog.nhn.events[1].services, ["svc-a", "svc-b"]);
        assert_eq!(catalog.nhn.events[1].untranslated, [Locale::En, Locale::Zh]);
        let locales: Vec<Locale> = catalog.findings.coverage.iter().map(|c| c.locale).collect();
        assert_eq!(locales, [Locale::Ko, Locale::Zh]);
    }
}

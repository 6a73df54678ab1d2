//! What the generated outputs show of the catalogue: every entry, less those a hand-written
//! decision keeps out (`exclude` in `nhn/overrides.yaml`: a truncated ID, a test row), plus the
//! forms the vendor docs wrote that an override corrects, which still resolve to their event.
//! The catalogue itself keeps everything; `cargo xtask gen` hands the emitters
//! [`Catalog::published`].

use crate::Catalog;

impl Catalog {
    /// The catalogue as the generated outputs show it: without the NHN event IDs that
    /// `overrides.yaml` excludes.
    pub fn published(&self) -> Catalog {
        let mut out = self.clone();
        let overrides = &self.hand.nhn_overrides;
        out.nhn
            .events
            .retain(|e| overrides.excluded(&e.id).is_none());
        out
    }

    /// The NHN event IDs the docs wrote that an override corrects, with the catalogued ID each
    /// resolves to, sorted: `(evnet_id.short_url.url_disable, event_id.short_url.url_disable)`.
    /// Only corrections to an event of this catalogue (as published) are given.
    pub fn corrected_nhn_ids(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .hand
            .nhn_overrides
            .ids
            .iter()
            .filter(|o| o.from != o.to && self.nhn.event(&o.to).is_some())
            .map(|o| (o.from.as_str(), o.to.as_str()))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

impl crate::model::KakaoEvent {
    /// The page's spellings that an override corrects ([`Self::former_names`]), each with the key
    /// it gives (the event's own key when only the case differs), so that outputs keyed by
    /// name or key still find the event.
    pub fn former_forms(&self) -> impl Iterator<Item = (&str, String)> + '_ {
        self.former_names.iter().map(|n| {
            (
                n.as_str(),
                crate::build::kakao::key(&self.service, &self.resource_type, n),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Catalog;
    use crate::model::NhnEvent;
    use crate::model::hand::{Exclusion, IdOverride};

    #[test]
    fn outputs_leave_out_excluded_ids_and_resolve_corrected_ones() {
        let mut c = Catalog::default();
        for id in ["event_id.a.b", "event_id.iaas", "event_id.x.y"] {
            c.nhn.events.push(NhnEvent {
                id: id.into(),
                ..Default::default()
            });
        }
        c.hand.nhn_overrides.exclude = vec![Exclusion {
            id: "event_id.iaas".into(),
            reason: "truncated".into(),
        }];
        let fix = |from: &str, to: &str| IdOverride {
            from: from.into(),
            to: to.into(),
            reason: "typo".into(),
        };
        c.hand.nhn_overrides.ids = vec![
            fix("evnet_id.x.y", "event_id.x.y"),
            fix("event_id.iaas.", "event_id.iaas"),
        ];
        let p = c.published();
        let ids: Vec<&str> = p.nhn.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["event_id.a.b", "event_id.x.y"]);
        assert_eq!(c.nhn.events.len(), 3, "the catalogue keeps it");
        assert_eq!(
            p.corrected_nhn_ids(),
            [("evnet_id.x.y", "event_id.x.y")],
            "no form resolves to an excluded ID"
        );
    }
}

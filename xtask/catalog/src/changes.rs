//! What changed upstream, per date: the NHN event IDs added, removed and renamed.
//!
//! Derived from the catalogue alone (each entry's `first_listed`, `removed` and `renames`), so
//! `cargo xtask changes` and the generated docs page agree and need no access to the vendor's
//! history. Accidents in the history (an emptied list, a list in another locale's text, a block
//! of IDs dropped and restored) were already filtered out by the import and are findings, not
//! changes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Locale;
use crate::model::{NhnCatalog, Seen};

/// Everything that changed on one date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangeDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The upstream commits of that date the changes were seen at, sorted (empty for folder imports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commits: Vec<String>,
    /// Event IDs first listed on this date, sorted.
    pub added: Vec<String>,
    /// Event IDs no list names since this date (now retired), sorted.
    pub removed: Vec<String>,
    /// Name changes of this date, sorted by ID then locale.
    pub renamed: Vec<Renamed>,
    /// Changes of meaning (resource type, action, OCSF class or activity) an import of this
    /// date recorded, for NHN IDs and KakaoCloud keys, sorted by subject.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reclassified: Vec<Reclassified>,
}

/// One change of an event's meaning.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reclassified {
    /// The NHN event ID or the KakaoCloud event key.
    pub id: String,
    /// The meaning before.
    pub from: crate::model::Meaning,
    /// The meaning after.
    pub to: crate::model::Meaning,
}

/// One name change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Renamed {
    /// The event ID.
    pub id: String,
    /// The locale whose list changed the name.
    pub locale: Locale,
    /// The name before.
    pub from: String,
    /// The name after.
    pub to: String,
}

impl ChangeDay {
    /// How many changes the day holds.
    pub fn len(&self) -> usize {
        self.added.len() + self.removed.len() + self.renamed.len() + self.reclassified.len()
    }

    /// Whether the day holds no change.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The changes of every date on or after `since` (`YYYY-MM-DD`; all when `None`), newest first.
pub fn changes(nhn: &NhnCatalog, since: Option<&str>) -> Vec<ChangeDay> {
    let mut days: BTreeMap<String, ChangeDay> = BTreeMap::new();
    let keep = |s: &Seen| since.is_none_or(|d| s.date.as_str() >= d);
    fn day<'a>(days: &'a mut BTreeMap<String, ChangeDay>, s: &Seen) -> &'a mut ChangeDay {
        let d = days.entry(s.date.clone()).or_insert_with(|| ChangeDay {
            date: s.date.clone(),
            ..Default::default()
        });
        if let Some(c) = &s.commit
            && !d.commits.contains(c)
        {
            d.commits.push(c.clone());
        }
        d
    }
    for e in &nhn.events {
        if let Some(s) = e.first_listed.as_ref().filter(|s| keep(s)) {
            day(&mut days, s).added.push(e.id.clone());
        }
        if let Some(s) = e.removed.as_ref().filter(|s| keep(s)) {
            day(&mut days, s).removed.push(e.id.clone());
        }
        for r in e.renames.iter().filter(|r| keep(&r.seen)) {
            day(&mut days, &r.seen).renamed.push(Renamed {
                id: e.id.clone(),
                locale: r.locale,
                from: r.from.clone(),
                to: r.to.clone(),
            });
        }
        for r in e.reclassified.iter().filter(|r| keep(&r.seen)) {
            day(&mut days, &r.seen).reclassified.push(Reclassified {
                id: e.id.clone(),
                from: r.from.clone(),
                to: r.to.clone(),
            });
        }
    }
    let mut out: Vec<ChangeDay> = days.into_values().collect();
    for d in &mut out {
        d.commits.sort();
        d.added.sort();
        d.removed.sort();
        d.renamed.sort();
        d.reclassified.sort();
    }
    out.reverse();
    out
}

/// Adds the KakaoCloud events' changes of meaning on or after `since` to `days` (newest first).
pub fn add_kakao_reclassified(
    days: &mut Vec<ChangeDay>,
    kakao: &crate::model::KakaoCatalog,
    since: Option<&str>,
) {
    for e in &kakao.events {
        for r in e
            .reclassified
            .iter()
            .filter(|r| since.is_none_or(|d| r.seen.date.as_str() >= d))
        {
            let entry = Reclassified {
                id: e.key.clone(),
                from: r.from.clone(),
                to: r.to.clone(),
            };
            match days.iter_mut().find(|d| d.date == r.seen.date) {
                Some(d) => d.reclassified.push(entry),
                None => days.push(ChangeDay {
                    date: r.seen.date.clone(),
                    reclassified: vec![entry],
                    ..Default::default()
                }),
            }
        }
    }
    for d in days.iter_mut() {
        d.reclassified.sort();
    }
    days.sort_by(|a, b| b.date.cmp(&a.date));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NameChange, NhnEvent, Status};

    fn seen(date: &str) -> Seen {
        Seen {
            date: date.into(),
            commit: Some(format!("c{date}")),
        }
    }

    #[test]
    fn days_are_newest_first_and_since_cuts_older_ones() {
        let nhn = NhnCatalog {
            events: vec![
                NhnEvent {
                    id: "event_id.a".into(),
                    first_listed: Some(seen("2020-01-01")),
                    ..Default::default()
                },
                NhnEvent {
                    id: "event_id.b".into(),
                    status: Status::Retired,
                    first_listed: Some(seen("2020-01-01")),
                    removed: Some(seen("2021-05-05")),
                    renames: vec![NameChange {
                        seen: seen("2021-01-01"),
                        locale: Locale::Ko,
                        from: "가".into(),
                        to: "나".into(),
                    }],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let all = changes(&nhn, None);
        let dates: Vec<&str> = all.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(dates, ["2021-05-05", "2021-01-01", "2020-01-01"]);
        assert_eq!(all[2].added, ["event_id.a", "event_id.b"]);
        assert_eq!(all[0].removed, ["event_id.b"]);
        assert_eq!(all[1].renamed[0].to, "나");
        assert_eq!(all[1].commits, ["c2021-01-01"]);
        let recent = changes(&nhn, Some("2021-01-01"));
        assert_eq!(recent.len(), 2);
    }
}

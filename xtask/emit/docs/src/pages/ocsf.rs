//! The model of `docs/ocsf.md`: how many events of each provider each OCSF class and activity
//! has, and every Authentication and Account Change event.
//!
//! It only formats the meanings the catalogue holds (classified at import): the counts are counted
//! here, and the one order of its own is the page's reading order, by class and activity.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use trail_catalog::Catalog;

use crate::md::{Md, Table};

/// The model of `docs/ocsf.md`.
#[derive(Serialize)]
pub(crate) struct OcsfPage {
    stamp: String,
    activities: Table,
    accounts: Option<Table>,
}

/// The OCSF summary: events per class and activity and provider, and every Authentication and
/// Account Change event.
pub(crate) fn ocsf_page(catalog: &Catalog, stamp: &str) -> OcsfPage {
    use trail_catalog::classify::{activity_name, class};
    use trail_catalog::model::Meaning;
    let all: Vec<(&str, &str, &Meaning)> = catalog
        .nhn
        .events
        .iter()
        .filter_map(|e| Some(("NHN", e.id.as_str(), e.meaning.as_ref()?)))
        .chain(
            catalog
                .kakao
                .events
                .iter()
                .filter_map(|e| Some(("KakaoCloud", e.key.as_str(), e.meaning.as_ref()?))),
        )
        .collect();
    // (class, activity) -> (NHN count, KakaoCloud count, actions)
    let mut by: BTreeMap<(u32, u32), (usize, usize, BTreeSet<&str>)> = BTreeMap::new();
    for (provider, _, m) in &all {
        let slot = by.entry((m.class_uid, m.activity_id)).or_default();
        if *provider == "NHN" {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
        slot.2.insert(m.action.as_str());
    }
    let class_cell = |uid: u32| {
        Md::text(&format!(
            "{uid} {}",
            class(uid).map(|c| c.name).unwrap_or("(unknown class)")
        ))
    };
    let activity_cell = |c: u32, a: u32| {
        Md::text(&format!(
            "{a} {}",
            activity_name(c, a).unwrap_or("(unknown activity)")
        ))
    };
    let activities = Table::new(
        [
            "Class",
            "Activity",
            "NHN event IDs",
            "KakaoCloud events",
            "Actions",
        ],
        by.iter()
            .map(|((c, a), (nhn, kakao, actions))| {
                [
                    class_cell(*c),
                    activity_cell(*c, *a),
                    Md::markup(nhn.to_string()),
                    Md::markup(kakao.to_string()),
                    Md::text(&actions.iter().copied().collect::<Vec<_>>().join(", ")),
                ]
            })
            .collect(),
    );
    let mut accounts: Vec<&(&str, &str, &Meaning)> = all
        .iter()
        .filter(|(_, _, m)| m.class_uid != trail_catalog::classify::API_ACTIVITY)
        .collect();
    // By class and activity, then provider and ID: the table's order, not the catalogue's.
    accounts.sort_by_key(|(p, id, m)| (m.class_uid, m.activity_id, *p, *id));
    let accounts = (!accounts.is_empty()).then(|| {
        Table::new(
            [
                "Class",
                "Activity",
                "Provider",
                "Event",
                "Resource type",
                "Action",
            ],
            accounts
                .iter()
                .map(|(p, id, m)| {
                    [
                        class_cell(m.class_uid),
                        activity_cell(m.class_uid, m.activity_id),
                        Md::markup(*p),
                        Md::code(id),
                        Md::code(&m.resource_type),
                        Md::text(&m.action),
                    ]
                })
                .collect(),
        )
    });
    OcsfPage {
        stamp: stamp.to_owned(),
        activities,
        accounts,
    }
}

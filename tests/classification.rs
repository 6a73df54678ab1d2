//! The classification judged by hand: `tests/fixtures/classification/labels.csv` holds events of
//! both clouds labelled by reading their names (resource type, action, OCSF class and activity;
//! see the README, "What every event means"), stratified over the services, every sign-in,
//! sign-out and account or credential event included. The committed catalogue must agree with
//! every label; a disagreement is fixed in the rules or with an override, never by relabelling to
//! what the rules say. Run with `cargo test -p xtask --test classification`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::workspace;
use trail_catalog::model::Meaning;

#[derive(Debug, serde::Deserialize)]
struct Label {
    id: String,
    resource_type: String,
    action: String,
    class_uid: u32,
    activity_id: u32,
    #[allow(dead_code)]
    note: String,
}

fn labels() -> Vec<Label> {
    let path = workspace().join("tests/fixtures/classification/labels.csv");
    csv::Reader::from_path(&path)
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn catalogue() -> trail_catalog::Catalog {
    trail_catalog::io::load(&workspace().join("catalog")).unwrap()
}

/// Every event's stored meaning, by NHN event ID or KakaoCloud key.
fn meanings(c: &trail_catalog::Catalog) -> BTreeMap<&str, (&Meaning, &str)> {
    let nhn = c
        .nhn
        .events
        .iter()
        .map(|e| (e.id.as_str(), (e.meaning.as_ref().unwrap(), "nhn")));
    let kakao = c
        .kakao
        .events
        .iter()
        .map(|e| (e.key.as_str(), (e.meaning.as_ref().unwrap(), "kakao")));
    nhn.chain(kakao).collect()
}

#[test]
fn the_catalogue_agrees_with_every_hand_label() {
    let c = catalogue();
    let all = meanings(&c);
    let mut wrong = Vec::new();
    for l in labels() {
        let Some((m, _)) = all.get(l.id.as_str()) else {
            wrong.push(format!("{}: no such event in the catalogue", l.id));
            continue;
        };
        let got = (
            m.resource_type.as_str(),
            m.action.as_str(),
            m.class_uid,
            m.activity_id,
        );
        let want = (
            l.resource_type.as_str(),
            l.action.as_str(),
            l.class_uid,
            l.activity_id,
        );
        if got != want {
            wrong.push(format!(
                "{}: labelled {}/{} {} {}, catalogued {}/{} {} {} (by {:?})",
                l.id, want.0, want.1, want.2, want.3, got.0, got.1, got.2, got.3, m.by
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of the hand labels disagree with catalog/ (fix the rules in xtask/catalog/src/classify.rs \
         or add an override to catalog/classification.yaml, then run the README's import):\n  {}",
        wrong.len(),
        wrong.join("\n  ")
    );
}

#[test]
fn the_sample_is_stratified_and_holds_every_sign_in_and_account_event() {
    let c = catalogue();
    let all = meanings(&c);
    let labels = labels();
    let ids: BTreeSet<&str> = labels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids.len(), labels.len(), "an event is labelled twice");
    assert!(labels.len() >= 300, "a few hundred labels");
    // Both clouds, every KakaoCloud service, and most NHN namespaces.
    let kakao_services: BTreeSet<&str> =
        c.kakao.events.iter().map(|e| e.service.as_str()).collect();
    let labelled_kakao: BTreeSet<&str> = c
        .kakao
        .events
        .iter()
        .filter(|e| ids.contains(e.key.as_str()))
        .map(|e| e.service.as_str())
        .collect();
    assert_eq!(
        labelled_kakao, kakao_services,
        "every KakaoCloud service is sampled"
    );
    let ns = |id: &str| trail_catalog::io::nhn_namespace(id);
    let namespaces: BTreeSet<String> = c.nhn.events.iter().map(|e| ns(&e.id)).collect();
    let labelled_ns: BTreeSet<String> = ids
        .iter()
        .filter(|i| i.starts_with("event_id."))
        .map(|i| ns(i))
        .collect();
    let missing: Vec<&String> = namespaces.difference(&labelled_ns).collect();
    assert!(
        missing.len() * 10 <= namespaces.len(),
        "the NHN sample misses more than a tenth of the namespaces: {missing:?}"
    );
    // Every event the catalogue calls a sign-in, a sign-out or an account change is labelled.
    let unlabelled: Vec<&str> = all
        .iter()
        .filter(|(_, (m, _))| m.class_uid != trail_catalog::classify::API_ACTIVITY)
        .map(|(id, _)| *id)
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(
        unlabelled.is_empty(),
        "Authentication and Account Change events without a hand label: {unlabelled:?}"
    );
    // And every label of those classes is one the catalogue has too (checked above), so both
    // directions hold: no sign-in is hidden in API Activity among the labelled events.
}

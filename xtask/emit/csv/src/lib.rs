//! Stage 4: SIEM lookup tables in `generated/csv`.
//!
//! ```text
//! csv/nhn-events.csv     one row per NHN event ID
//! csv/kakao-events.csv   one row per KakaoCloud event key
//! csv/README.md          the stamp and the column reference
//! ```
//!
//! The format, chosen for SIEM lookup tables (Splunk, Elastic, Sentinel watchlists):
//!
//! * RFC 4180: comma-separated, fields quoted only when needed (a comma, a quote, CR or LF inside;
//!   quotes doubled), records ended by **CRLF** as the RFC says (`csv::Terminator::CRLF`; every
//!   reader accepts it, and values containing a bare LF stay inside their quotes).
//! * UTF-8 **without** a byte-order mark: a BOM would become part of the first header name (`id`)
//!   in most SIEM lookup loaders. Spreadsheet users import the file as UTF-8 explicitly.
//! * One header row, always present (even with no rows), then rows sorted by ID or key.
//! * Values are written verbatim, so the file reads back to exactly the catalogue's values. They
//!   are not defused for spreadsheets: a name starting with `=` stays as it is.
//! * CSV has no comments, so the [`Stamp`] goes in the sibling `csv/README.md`, and the CSV files
//!   stay pure RFC 4180.
//!
//! What it may not touch: it sees only the [`Catalog`] it is given (never a document nor a file
//! of `catalog/`), formats what the catalogue model decides (names, order, variant names) without
//! deciding again, and writes nothing: it returns the files, which the CLI writes.

use serde::{Deserialize, Serialize};
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::{Seen, Status};
use trail_catalog::{Catalog, Locale};

/// The separator between several values in one field (`services`, `untranslated`). Service keys
/// and locale codes never contain it (service keys are slugs of ASCII letters, digits and `-`).
pub(crate) const LIST_SEPARATOR: &str = ";";

/// One row of `nhn-events.csv`; its fields, in order, are the file's columns (see [`header`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct NhnRow {
    /// The event ID, e.g. `event_id.iaas.instance.create`.
    pub id: String,
    /// The keys of the services it is listed under, sorted, joined with `;`.
    pub services: String,
    /// The Korean name; empty when the Korean list does not name the event.
    pub name_ko: String,
    /// The English name; empty when there is none.
    pub name_en: String,
    /// The Japanese name; empty when there is none.
    pub name_ja: String,
    /// The Chinese name; empty when there is none.
    pub name_zh: String,
    /// Locale codes whose name is not a translation, joined with `;` (e.g. `zh`); empty if none.
    pub untranslated: String,
    /// `true` when the ID is only in older revisions of the upstream list.
    pub retired: bool,
    /// `YYYY-MM-DD` at which a list first named the ID; empty when not known.
    pub first_listed: String,
    /// For a retired ID, `YYYY-MM-DD` at which it stopped being listed; empty otherwise or when not known.
    pub removed: String,
    /// The editions whose lists name it now (`standard`, `gov`, ...), sorted, joined with `;`.
    pub editions: String,
    /// The kind of resource it acts on, snake_case (`instance`); see the README's "What every
    /// event means".
    pub resource_type: String,
    /// The verb (`create`, `modify`, `login`, ...).
    pub action: String,
    /// The OCSF class: 3001 Account Change, 3002 Authentication or 6003 API Activity.
    pub ocsf_class_uid: Option<u32>,
    /// The OCSF activity of that class.
    pub ocsf_activity_id: Option<u32>,
    /// Empty for a catalogued ID; for an ID the docs wrote that `overrides.yaml` corrects
    /// (`evnet_id.short_url.url_disable`), the catalogued ID it means, whose values the row gives.
    pub same_as: String,
}

/// One row of `kakao-events.csv`; its fields, in order, are the file's columns (see [`header`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct KakaoRow {
    /// The catalogue's stable key, `service/resource-type/name` slugs.
    pub key: String,
    /// `organization` or `project`.
    pub scope: String,
    /// The service, e.g. `Virtual Machine`.
    pub service: String,
    /// The resource type, e.g. `Block Storage`.
    pub resource_type: String,
    /// The English event name as published.
    pub name_en: String,
    /// The Korean event name; empty when none is known.
    pub name_ko: String,
    /// The page's description; empty when its table has none.
    pub description: String,
    /// What a log record carries, as one join field: `service` and `name_en` joined with
    /// [`SERVICE_EVENT_SEPARATOR`], e.g. `Virtual Machine|Instance Create`.
    pub service_event: String,
    /// Former keys that resolve to this event (keys that held a version), joined with `;`.
    pub aliases: String,
    /// Whether the pages no longer list the event (kept so that old logs resolve).
    pub retired: bool,
    /// For a retired event, `YYYY-MM-DD` of the first import whose pages no longer listed it;
    /// empty otherwise.
    pub removed: String,
    /// The verb (`create`, `modify`, `login`, ...); see the README's "What every event means".
    pub action: String,
    /// The OCSF class: 3001 Account Change, 3002 Authentication or 6003 API Activity.
    pub ocsf_class_uid: Option<u32>,
    /// The OCSF activity of that class.
    pub ocsf_activity_id: Option<u32>,
    /// Empty for a catalogued event; for a name the page spells wrongly and `overrides.yaml`
    /// corrects (`Heath Check Create`), the key of the event it means, whose values the row gives.
    pub same_as: String,
}

/// Joins service and event name in the `service_event` column. Neither vendor value holds it.
pub(crate) const SERVICE_EVENT_SEPARATOR: &str = "|";

/// A date column: the observation's date, or empty.
fn date(seen: &Option<Seen>) -> String {
    seen.as_ref().map(|s| s.date.clone()).unwrap_or_default()
}

/// `(resource_type, action)` of a meaning, empty when there is none.
fn meaning_of(m: &Option<trail_catalog::model::Meaning>) -> (String, String) {
    m.as_ref()
        .map(|m| (m.resource_type.clone(), m.action.clone()))
        .unwrap_or_default()
}

/// The rows of `nhn-events.csv`, sorted by ID.
pub(crate) fn nhn_rows(catalog: &Catalog) -> Vec<NhnRow> {
    let name = |e: &trail_catalog::model::NhnEvent, l: Locale| {
        e.names.get(&l).cloned().unwrap_or_default()
    };
    let mut rows: Vec<NhnRow> = catalog
        .nhn
        .events
        .iter()
        .map(|e| {
            // Services and untranslated locales come sorted, without repeats (`Catalog::sort`).
            NhnRow {
                id: e.id.clone(),
                services: e.services.join(LIST_SEPARATOR),
                name_ko: name(e, Locale::Ko),
                name_en: name(e, Locale::En),
                name_ja: name(e, Locale::Ja),
                name_zh: name(e, Locale::Zh),
                untranslated: e
                    .untranslated
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
                retired: e.status == Status::Retired,
                first_listed: date(&e.first_listed),
                removed: date(&e.removed),
                editions: e.editions.join(LIST_SEPARATOR),
                resource_type: meaning_of(&e.meaning).0,
                action: meaning_of(&e.meaning).1,
                ocsf_class_uid: e.meaning.as_ref().map(|m| m.class_uid),
                ocsf_activity_id: e.meaning.as_ref().map(|m| m.activity_id),
                same_as: String::new(),
            }
        })
        .collect();
    // Each form the docs wrote that an override corrects: the corrected ID's row, under that form.
    let corrected: Vec<NhnRow> = catalog
        .corrected_nhn_ids()
        .into_iter()
        .filter_map(|(from, to)| {
            let row = rows.iter().find(|r| r.id == to)?;
            Some(NhnRow {
                id: from.to_owned(),
                same_as: to.to_owned(),
                ..row.clone()
            })
        })
        .collect();
    // The catalogue's rows come by ID; the corrected forms go in among them.
    rows.extend(corrected);
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

/// The rows of `kakao-events.csv`, sorted by key.
pub(crate) fn kakao_rows(catalog: &Catalog) -> Vec<KakaoRow> {
    let service_event =
        |service: &str, name: &str| format!("{service}{SERVICE_EVENT_SEPARATOR}{name}");
    let mut rows: Vec<KakaoRow> = Vec::new();
    for e in &catalog.kakao.events {
        let row = KakaoRow {
            key: e.key.clone(),
            scope: e.scope.as_str().to_owned(),
            service: e.service.clone(),
            resource_type: e.resource_type.clone(),
            name_en: e.name.en.clone(),
            name_ko: e.name.ko.clone().unwrap_or_default(),
            description: e.description.clone().unwrap_or_default(),
            service_event: service_event(&e.service, &e.name.en),
            aliases: e.aliases.join(LIST_SEPARATOR),
            retired: e.is_retired(),
            removed: date(&e.removed),
            action: meaning_of(&e.meaning).1,
            ocsf_class_uid: e.meaning.as_ref().map(|m| m.class_uid),
            ocsf_activity_id: e.meaning.as_ref().map(|m| m.activity_id),
            same_as: String::new(),
        };
        // Each spelling of the page that an override corrects: the event's row under that name,
        // keyed as the page's name gives it, pointing at the event.
        for (former, key) in e.former_forms() {
            rows.push(KakaoRow {
                key,
                name_en: former.to_owned(),
                service_event: service_event(&e.service, former),
                same_as: e.key.clone(),
                ..row.clone()
            });
        }
        rows.push(row);
    }
    // By key, the event's own row before a spelling's that differs only in case (same key).
    rows.sort_by(|a, b| (&a.key, &a.same_as).cmp(&(&b.key, &b.same_as)));
    rows
}

/// The columns of a row type: its field names in order, as serde names them (the row types are
/// the one list of each file's columns).
fn header<R: Serialize + Default>() -> csv::StringRecord {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(R::default())
        .expect("flat rows always serialise");
    let bytes = w.into_inner().expect("writing to memory");
    csv::Reader::from_reader(bytes.as_slice())
        .headers()
        .expect("the writer wrote a header")
        .clone()
}

/// Writes the header of `R` and the rows as RFC 4180 CSV with CRLF record ends; the header even
/// when there are no rows.
fn to_csv<R: Serialize + Default>(rows: &[R]) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and the row types are flat structs of strings and booleans.
    w.write_record(&header::<R>()).expect("writing to memory");
    for row in rows {
        w.serialize(row).expect("flat rows always serialise");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the catalogue's strings are UTF-8")
}

/// The files this emitter writes, relative to `generated/` (all below `csv/`).
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Tree {
    let mut tree = Tree::new();
    tree.insert("csv/nhn-events.csv".into(), to_csv(&nhn_rows(catalog)));
    tree.insert("csv/kakao-events.csv".into(), to_csv(&kakao_rows(catalog)));
    tree.insert("csv/README.md".into(), readme(stamp));
    tree
}

/// The `csv/README.md` text: the stamp (which the CSV files cannot carry) and the column reference.
fn readme(stamp: &Stamp) -> String {
    let mut comment = stamp.lines().join(" ");
    while comment.contains("--") {
        comment = comment.replace("--", "- -");
    }
    format!("<!-- {comment} -->\n\n{}", README_BODY)
}

const README_BODY: &str = "\
# CSV lookup tables

These files are generated from `catalog/` by `cargo xtask gen` (see the comment above for the
catalogue hash they were made from); CSV has no comments, so the stamp lives here. Columns are
only ever appended, so lookups that name columns by position keep working.

Format: RFC 4180, UTF-8 without a byte-order mark, CRLF record ends, one header row, fields quoted
only when needed. Rows are sorted by the first column. Values are verbatim catalogue values (a value
may contain a comma, a quote or a line break, inside quotes). Several values in one field are joined
with `;`. An empty field means the value is not known.

## nhn-events.csv

One row per NHN Cloud CloudTrail event ID, listed or retired, and one per ID the docs wrote
wrongly (`same_as`).

| column | meaning |
| --- | --- |
| `id` | the event ID, e.g. `event_id.iaas.instance.create` |
| `services` | keys of the services it is listed under, `;`-joined |
| `name_ko`, `name_en`, `name_ja`, `name_zh` | the name in each locale; empty when that locale gives none |
| `untranslated` | locales whose name is not a translation (e.g. an English name on the Chinese list), `;`-joined |
| `retired` | `true` when the ID is only in older revisions of the upstream list (kept so that old logs resolve) |
| `first_listed` | `YYYY-MM-DD` at which an event list first named the ID; empty when not known |
| `removed` | for a retired ID, `YYYY-MM-DD` at which it stopped being listed; empty when listed or not known |
| `editions` | the editions of the event list that name it now (`standard`, `gov`, ...), `;`-joined; empty for a retired ID |
| `resource_type` | the kind of resource the event acts on, English snake_case (`instance`, `security_group_rule`) |
| `action` | what it did, a verb of a fixed vocabulary (`create`, `modify`, `delete`, `login`, `start`, ...) |
| `ocsf_class_uid` | its OCSF 1.x class: `3002` Authentication, `3001` Account Change, `6003` API Activity |
| `ocsf_activity_id` | its OCSF activity in that class (6003: `1` Create, `2` Read, `3` Update, `4` Delete, `99` Other; 3002: `1` Logon, `2` Logoff; 3001: `1` Create, `2` Enable, `3` Password Change, `4` Password Reset, `5` Disable, `6` Delete, `7` Attach Policy, `8` Detach Policy, `12` Unlock, `99` Other) |
| `same_as` | empty for a catalogued ID; for an ID the docs wrote wrongly and the catalogue corrects (`evnet_id.short_url.url_disable`), the ID it means: the row repeats that ID's values, so that a log carrying the documented form still finds them |

## kakao-events.csv

One row per KakaoCloud Cloud Trail event, listed or retired, and one per event name the page
spells wrongly (`same_as`).

| column | meaning |
| --- | --- |
| `key` | the catalogue's stable key, `service/resource-type/name` (slugs; a version at the end of the resource type is left out, so the key survives a version bump) |
| `scope` | `organization` or `project`: which event list it is in, and so who may view it |
| `service`, `resource_type` | as on the KakaoCloud page |
| `name_en` | the English event name as published |
| `name_ko` | the Korean name, when known |
| `description` | the page's description, when its table has one |
| `service_event` | `service` and `name_en` joined with a vertical bar (U+007C), e.g. `Virtual Machine` + `Instance Create`: the join field for log records, which carry the service and the event name rather than a key |
| `aliases` | former keys of the event (keys that held a version), `;`-joined, so that data keyed by them still joins |
| `retired` | `true` when the pages no longer list the event (kept so that old logs resolve) |
| `removed` | for a retired event, `YYYY-MM-DD` of the first import whose pages no longer listed it; empty when listed |
| `action`, `ocsf_class_uid`, `ocsf_activity_id` | as in `nhn-events.csv`; the event's resource type is the page's, in `resource_type` |
| `same_as` | empty for a catalogued event; for a name the page spells wrongly and the catalogue corrects (`Load Balancing` + `Heath Check Create`), the key of the event it means: the row repeats that event's values under the page's name and the key that name gives (the event's own key when only the case differs, as for `Create cluster Request`) |

To join KakaoCloud log records, build the same field from the record and match it against
`service_event`, e.g. in Splunk `eval service_event=service.\"|\".event_name | lookup kakao-events.csv
service_event OUTPUT key scope` (add `case_sensitive_match = false` to the lookup definition to
ignore case, as `Event::from_service_and_name_ignore_case` does in the Rust crate). Two rows
share a `service_event` when two resource types of a service, or a retired event and a listed
one, have the same event name; `retired` tells them apart (the Rust crate returns the listed
event first).
";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use trail_catalog::model::kakao::{KakaoEvent, KakaoName};
    use trail_catalog::model::{NhnEvent, Scope};

    fn catalog() -> Catalog {
        let mut c = Catalog::default();
        c.nhn.events.push(NhnEvent {
            id: "event_id.b".into(),
            services: vec!["svc-b".into(), "svc-a".into()],
            names: BTreeMap::from([
                (Locale::Ko, "이름, \"따옴표\"\n둘째".into()),
                (Locale::Zh, "=1+1".into()),
            ]),
            untranslated: vec![Locale::Zh],
            missing: vec![Locale::En, Locale::Ja],
            status: Status::Retired,
            sources: vec![],
            removed: Some(Seen {
                date: "2021-05-06".into(),
                commit: None,
            }),
            ..Default::default()
        });
        c.nhn.events.push(NhnEvent {
            id: "event_id.a".into(),
            services: vec!["svc-a".into()],
            names: BTreeMap::from([(Locale::En, "A".into())]),
            untranslated: vec![],
            missing: vec![],
            status: Status::Listed,
            sources: vec![],
            first_listed: Some(Seen {
                date: "2020-01-02".into(),
                commit: Some("abc".into()),
            }),
            editions: vec!["gov".into(), "standard".into()],
            meaning: Some(trail_catalog::model::Meaning {
                resource_type: "instance".into(),
                action: "create".into(),
                class_uid: 6003,
                activity_id: 1,
                by: trail_catalog::model::DecidedBy::Id,
            }),
            ..Default::default()
        });
        c.kakao.events.push(KakaoEvent {
            key: "s/r/n".into(),
            scope: Scope::Project,
            service: "S".into(),
            resource_type: "R".into(),
            name: KakaoName {
                en: "N".into(),
                ko: None,
            },
            aliases: vec!["s/r-1-0/n".into()],
            variant: String::new(),
            former_names: vec!["Nn".into()],
            description: Some("d, \"q\"".into()),
            meaning: None,
            reclassified: Vec::new(),
            sources: vec![],
            removed: None,
        });
        c.kakao.events.push(KakaoEvent {
            key: "s/r/old".into(),
            scope: Scope::Organization,
            service: "S".into(),
            resource_type: "R".into(),
            name: KakaoName {
                en: "Old".into(),
                ko: Some("옛".into()),
            },
            aliases: vec![],
            variant: String::new(),
            former_names: vec![],
            description: None,
            meaning: None,
            reclassified: Vec::new(),
            sources: vec![],
            removed: Some(Seen {
                date: "2026-12-01".into(),
                commit: None,
            }),
        });
        c.hand.nhn_overrides.ids = vec![trail_catalog::model::hand::IdOverride {
            from: "evnet_id.a".into(),
            to: "event_id.a".into(),
            reason: "typo".into(),
        }];
        // As loaded: in the model's order.
        c.sort();
        c
    }

    fn stamp() -> Stamp {
        Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:0000000000000000".into(),
        }
    }

    #[test]
    fn csv_is_rfc4180_with_crlf_sorted_and_quoted_only_when_needed() {
        let tree = emit(&catalog(), &stamp());
        insta::assert_snapshot!(tree["csv/nhn-events.csv"].replace("\r\n", "␍␊\n"), @r#"
        id,services,name_ko,name_en,name_ja,name_zh,untranslated,retired,first_listed,removed,editions,resource_type,action,ocsf_class_uid,ocsf_activity_id,same_as␍␊
        event_id.a,svc-a,,A,,,,false,2020-01-02,,gov;standard,instance,create,6003,1,␍␊
        event_id.b,svc-a;svc-b,"이름, ""따옴표""
        둘째",,,=1+1,zh,true,,2021-05-06,,,,,,␍␊
        evnet_id.a,svc-a,,A,,,,false,2020-01-02,,gov;standard,instance,create,6003,1,event_id.a␍␊
        "#);
        assert!(
            !tree["csv/nhn-events.csv"].starts_with('\u{feff}'),
            "no BOM"
        );
        assert_eq!(
            tree["csv/kakao-events.csv"],
            "key,scope,service,resource_type,name_en,name_ko,description,service_event,aliases,retired,removed,action,ocsf_class_uid,ocsf_activity_id,same_as\r\n\
             s/r/n,project,S,R,N,,\"d, \"\"q\"\"\",S|N,s/r-1-0/n,false,,,,,\r\n\
             s/r/nn,project,S,R,Nn,,\"d, \"\"q\"\"\",S|Nn,s/r-1-0/n,false,,,,,s/r/n\r\n\
             s/r/old,organization,S,R,Old,옛,,S|Old,,true,2026-12-01,,,,\r\n"
        );
    }

    #[test]
    fn empty_catalogue_still_has_headers_and_the_stamp_is_in_the_readme() {
        let tree = emit(&Catalog::default(), &stamp());
        assert_eq!(
            tree["csv/nhn-events.csv"],
            "id,services,name_ko,name_en,name_ja,name_zh,untranslated,retired,first_listed,removed,\
             editions,resource_type,action,ocsf_class_uid,ocsf_activity_id,same_as\r\n"
        );
        assert_eq!(
            tree["csv/kakao-events.csv"],
            "key,scope,service,resource_type,name_en,name_ko,description,service_event,aliases,\
             retired,removed,action,ocsf_class_uid,ocsf_activity_id,same_as\r\n"
        );
        let readme = &tree["csv/README.md"];
        assert!(readme.starts_with(
            "<!-- @generated by `cargo xtask gen` from catalog/ (sha256:0000000000000000)."
        ));
        // The README's column tables name every column, in order.
        for (file, header) in [
            ("nhn-events.csv", header::<NhnRow>()),
            ("kakao-events.csv", header::<KakaoRow>()),
        ] {
            let section = readme.split(&format!("## {file}\n")).nth(1).unwrap();
            let documented: Vec<&str> = section
                .lines()
                .take_while(|l| !l.starts_with("## "))
                .filter(|l| l.starts_with("| `"))
                .flat_map(|l| l.split(" | ").next().unwrap().split(", "))
                .map(|c| c.trim_start_matches("| ").trim_matches('`'))
                .collect();
            assert_eq!(documented, header.iter().collect::<Vec<_>>(), "{file}");
        }
    }
}

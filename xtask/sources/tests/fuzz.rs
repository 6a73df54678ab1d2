//! Fuzzing the readers: arbitrary text made of the pieces vendor documents are made of (pipes,
//! delimiter rows, headings, entities, Hangul, glued KakaoCloud cells, HTML tags, JSON, every kind
//! of line end) never makes a reader panic; every record's line is a line of the document, and every
//! diagnostic quotes one line at most.

use proptest::prelude::*;
use trail_sources::kakao::{Hints, RoleHint, RoleKind, ServiceHint};
use trail_sources::{DocKind, Extracted, ReadContext, SourceDoc, extract};

/// Pieces of text, each a likely trouble-maker for some reader.
const PIECES: &[&str] = &[
    "|",
    "||",
    "| --- |",
    "|---|---|",
    ":--",
    "\\|",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\r\r",
    "# ",
    "### ",
    "### Console",
    "|이벤트|이벤트 ID|",
    "|이벤트|서비스|",
    "|Event|Event ID|Service|",
    "|Method|URI|",
    "|Key|Type|Required|Description|",
    "|Key|Value|",
    "**[Request Body]**",
    "**[HEADER]**",
    "/cloud-trail/v1.0/search",
    "POST",
    "event_id.",
    "event_id.iam.login",
    "iaas",
    ".",
    "_id.",
    "&#8;",
    "&#9;",
    "&amp;",
    "&#x1F;",
    "&#0;",
    "&",
    ";",
    "\u{8}",
    "\u{0}",
    "\u{FEFF}",
    "인스턴스 생성",
    "콘솔",
    "イベント",
    "事件",
    "가",
    "O",
    "X",
    "=",
    "=1+1",
    "```",
    "```json\n{\n  // c\n  \"a\": 1\n}\n```",
    "{",
    "}",
    "\"",
    "- ",
    "* ",
    "1. ",
    "<br>",
    "<iframe>",
    "Organization events",
    "Project events",
    "ServiceResource typeProject event name",
    "Service NameResource TypeProject Event NameDescription",
    "Resource typeVersions",
    "Hadoop HDE1.0.0, 1.1.0",
    "Virtual MachineInstanceInstance Create",
    "Virtual MachineInstance TemplateInstance Template Create",
    "IAMDomainConsole Login",
    "PermissionOrganization AdminTrail Viewer",
    "Trail Viewer can view organization events.",
    "Cloud Trail",
    "KakaoCloud",
    "CloudTrail",
    "aB",
    "Ab",
    "x",
    // KakaoCloud pages as markdown and saved HTML.
    "| Service | Resource type | Organization event name |",
    "| IAM | Domain | Console Login |",
    "| Permission | Trail Viewer |",
    "| View project events | ✓ |",
    "| Resource type | Versions |",
    "| Field | Description |",
    "✓",
    "&#10003;",
    "&#x110000;",
    "&#99999999999;",
    "<!DOCTYPE html>",
    "<html>",
    "<table>",
    "</table>",
    "<thead>",
    "<tr>",
    "</tr>",
    "<th>",
    "<td>",
    "</td>",
    "<td>Permission</td>",
    "<th>Service</th><th>Resource type</th><th>Project event name</th>",
    "<h2>",
    "</h2>",
    "<p>",
    "<li>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<style",
    "<!--",
    "-->",
    "<img alt=\"✓\">",
    "<a href='>'>",
    "<",
    ">",
    "</",
    "Users with a project role who also hold the following organization roles can view both project and organization events.",
    "Events are retained for 90 days.",
    "FieldDescription",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|parts| parts.concat())
}

fn ctx() -> ReadContext {
    ReadContext {
        kakao_hints: Hints {
            services: vec![
                ServiceHint {
                    name: "Virtual Machine".into(),
                    resource_types: vec!["Instance".into(), "Block Storage".into()],
                },
                ServiceHint {
                    name: "IAM".into(),
                    resource_types: vec!["Domain".into()],
                },
                ServiceHint {
                    name: "".into(),
                    resource_types: vec!["".into()],
                },
            ],
            roles: vec![RoleHint {
                name: "Trail Viewer".into(),
                kind: RoleKind::Organization,
                aliases: vec!["Viewer".into()],
            }],
        },
    }
}

/// The lines of `text` as CommonMark counts them (`\n`, `\r\n`, lone `\r`).
fn line_count(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    ends as u32 + 1
}

/// The 1-based lines of everything a reader returned.
fn lines_of(read: &Extracted) -> Vec<u32> {
    let mut out: Vec<u32> = read.diagnostics().iter().map(|d| d.at.line).collect();
    match read {
        Extracted::Nhn(d) => {
            out.extend(d.records.iter().map(|r| r.line));
            out.extend(d.headings.iter().map(|h| h.line));
        }
        Extracted::Kakao(d) => {
            out.extend(d.records.iter().map(|r| r.line));
            out.extend(d.versions.iter().map(|r| r.line));
            out.extend(d.role_grants.iter().map(|r| r.line));
        }
        Extracted::ApiGuide(d) => {
            out.extend(d.records.iter().map(|r| r.line));
            out.extend(d.examples.iter().map(|e| e.line));
            out.extend(d.notes.iter().map(|n| n.line));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_and_stay_inside_the_document(text in text()) {
        let doc = SourceDoc { path: "fuzz.md".into(), text: text.clone() };
        let lines = line_count(&text);
        for kind in [DocKind::Nhn, DocKind::Kakao, DocKind::ApiGuide] {
            // An error (nothing to read, markdown for the KakaoCloud reader) is a fine answer.
            let Ok(read) = extract(&doc, kind, &ctx()) else { continue };
            for line in lines_of(&read) {
                prop_assert!((1..=lines).contains(&line), "{kind:?}: line {line} of a {lines}-line document");
            }
            for d in read.diagnostics() {
                let raw = d.raw.as_deref().unwrap_or_default();
                prop_assert!(!raw.contains(['\n', '\r']), "{kind:?}: raw of more than one line: {d}");
                prop_assert!(raw.chars().count() <= trail_sources::diag::MAX_RAW_CHARS + 1, "{kind:?}: {d}");
            }
        }
        let _ = trail_sources::detect_kind(&doc);
    }
}

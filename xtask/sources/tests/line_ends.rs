//! A line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark: every reader gives the same
//! records, on the same lines, with the same diagnostics, whichever line ends a document uses.

use trail_sources::kakao::{Hints, RoleHint, RoleKind, ServiceHint};
use trail_sources::{DocKind, ReadContext, SourceDoc, detect_kind, extract};

/// The same text with its `\n` line ends written as `\r`, `\r\n`, and a mix of all three.
fn variants(lf: &str) -> [(&'static str, String); 3] {
    let mut mixed = String::new();
    for (i, line) in lf.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n');
        mixed.push_str(body.unwrap_or(line));
        if body.is_some() {
            mixed.push_str(["\r", "\r\n", "\n"][i % 3]);
        }
    }
    [
        ("CR", lf.replace('\n', "\r")),
        ("CRLF", lf.replace('\n', "\r\n")),
        ("mixed", mixed),
    ]
}

fn hints() -> Hints {
    Hints {
        services: vec![
            ServiceHint {
                name: "Virtual Machine".into(),
                resource_types: vec!["Instance".into(), "Block Storage".into()],
            },
            ServiceHint {
                name: "IAM".into(),
                resource_types: vec!["Domain".into(), "Project".into()],
            },
        ],
        roles: vec![RoleHint {
            name: "Trail Viewer".into(),
            kind: RoleKind::Organization,
            aliases: vec![],
        }],
    }
}

/// Reads `text` as `kind` in every line-end variant and checks it reads as the LF text does.
fn reads_the_same(path: &str, lf: &str, kind: DocKind) -> String {
    let ctx = ReadContext {
        kakao_hints: hints(),
    };
    let read = |text: &str| {
        let doc = SourceDoc {
            path: path.into(),
            text: text.into(),
        };
        assert_eq!(
            detect_kind(&doc).unwrap(),
            kind,
            "{path}: detected as {kind:?}"
        );
        format!("{:#?}", extract(&doc, kind, &ctx).unwrap())
    };
    let want = read(lf);
    for (what, text) in variants(lf) {
        assert_eq!(
            read(&text),
            want,
            "{path} with {what} line ends reads differently from LF"
        );
    }
    want
}

const NHN: &str = "## CloudTrail\n\
\n\
### Console\n\
\n\
|Event|Event ID|\n\
|---|---|\n\
|Login|event_id.iam.login|\n\
|Start|event_id.g.&#8;start|\n\
|Broken|event_id.g.broken|extra|\n\
\n\
|Event|Event ID|\n\
|---|\n\
|Stray|event_id.g.stray|\n\
\n\
### Log &amp; Crash Search\n\
\n\
|Event|Event ID|\n\
|---|---|\n\
|Upload|event_id.lnc.up|\n";

const KAKAO: &str = "Cloud Trail key concepts for KakaoCloud\n\
\n\
Organization events\n\
\n\
ServiceResource typeOrganization event name\n\
IAMDomainConsole Login\n\
IAMProjectProject Create\n\
\n\
Project events\n\
\n\
Service NameResource TypeProject Event NameDescription\n\
Virtual MachineInstanceInstance CreateCreates an instance\n\
Virtual MachineBlock StorageVolume DeleteDeletes a volume\n\
Quantum ComputerQubitQubit Flip\n\
\n\
- Organization events are viewable by the Trail Viewer.\n";

const API: &str = "### 1. Event 조회(1.0)\n\
\n\
|Method|URI|\n\
|---|---|\n\
|POST|/cloud-trail/v1.0/appkeys/{appKey}/events/search|\n\
\n\
**[Request Body]**\n\
\n\
```json\n\
{\n\
  // the page\n\
  \"page\": { \"limit\": 10 }\n\
}\n\
```\n\
\n\
|Key|Type|Required|Description|\n\
|---|---|---|---|\n\
|page.limit|Integer|O|rows per page|\n\
|page.sort|String|maybe|order|\n\
|page.extra|String|X|a|b|\n";

/// Reads `text` in every variant as the LF text reads, and finds each of `want` in the read (its
/// records on their lines, its diagnostics: the reads are not empty).
fn reads_the_same_with(path: &str, lf: &str, kind: DocKind, want: &[&str]) {
    let got = reads_the_same(path, lf, kind);
    for w in want {
        assert!(got.contains(w), "{w} in {got}");
    }
}

#[test]
fn nhn_lists_read_the_same_with_any_line_ends() {
    let want = [
        "line: 7",
        "line: 8",
        "line: 9",
        "line: 19",
        "nhn/stray-row",
        "nhn/extra-cells",
        "\"|Stray|event_id.g.stray|\"",
    ];
    reads_the_same_with("nhn/en/event-list.md", NHN, DocKind::Nhn, &want);
}

#[test]
fn kakao_pages_read_the_same_with_any_line_ends() {
    let want = [
        "line: 6",
        "line: 7",
        "line: 12",
        "line: 13",
        "kakao/unknown-service",
        "Trail Viewer",
    ];
    reads_the_same_with("kakao/key-concepts.txt", KAKAO, DocKind::Kakao, &want);
}

#[test]
fn api_guides_read_the_same_with_any_line_ends() {
    let want = [
        "line: 5",
        "line: 18",
        "line: 19",
        "line: 20",
        "api/bad-required",
        "api/cell-count",
        "// the page\\n",
    ];
    reads_the_same_with("nhn/ko/api-guide.md", API, DocKind::ApiGuide, &want);
}

/// The project's own fixtures, larger: an API guide, NHN lists of every layout.
#[test]
fn the_fixtures_read_the_same_with_any_line_ends() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    for (rel, kind) in [
        ("api/ko-guide.md", DocKind::ApiGuide),
        ("api/en-guide.md", DocKind::ApiGuide),
        ("api/old-guide.md", DocKind::ApiGuide),
        ("nhn/sources/seeds/000_overview.txt", DocKind::Nhn),
        ("nhn/sources/seeds/001_event-list.txt", DocKind::Nhn),
        ("nhn/quirks/bad-rows.md", DocKind::Nhn),
        ("nhn/quirks/entity-control-in-id.md", DocKind::Nhn),
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        reads_the_same(rel, &text, kind);
    }
}

/// A CR-only document used to read as one line: one record at most, and every diagnostic quoted
/// the whole file. A diagnostic's raw is one line, whatever the line ends.
#[test]
fn a_diagnostic_quotes_one_line_at_most() {
    let ctx = ReadContext {
        kakao_hints: hints(),
    };
    for (path, lf, kind) in [
        ("a.md", NHN, DocKind::Nhn),
        ("k.txt", KAKAO, DocKind::Kakao),
        ("g.md", API, DocKind::ApiGuide),
    ] {
        for (what, text) in variants(lf) {
            let doc = SourceDoc {
                path: path.into(),
                text,
            };
            let got = extract(&doc, kind, &ctx).unwrap();
            assert!(!got.diagnostics().is_empty(), "{path}");
            for d in got.diagnostics() {
                let raw = d.raw.as_deref().unwrap_or_default();
                assert!(
                    !raw.contains(['\n', '\r']) && raw.chars().count() <= 301,
                    "{path} ({what}): {d}"
                );
            }
        }
    }
}

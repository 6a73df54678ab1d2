//! The registry of diagnostic codes: every code any stage raises, with its severity and
//! meaning, declared once.
//!
//! A code is stable: waivers in `catalog/*/waivers.yaml` name it, and it never changes meaning
//! once released. A stage raises a code with [`Diagnostic::raise`](crate::Diagnostic::raise),
//! which takes the severity from here; only a code's documented other severity (`adjusted`) is
//! written at the raise site. Every stage raises only codes listed here (a test scans the
//! workspace's sources for code literals), and the README's table of codes is written from [`CODES`] by
//! [`readme_table`] (`cargo test -p trail-sources readme` fails when it is out of date; run it with
//! `UPDATE_README=1` to rewrite the table).

use crate::Severity;

/// One diagnostic code: its name, severity and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, namespaced by provider or stage: `nhn/malformed-id`, `import/skipped`.
    pub code: &'static str,
    /// The severity it is raised with.
    pub severity: Severity,
    /// The other severity it takes in a documented case (`nhn/malformed-id` is info once
    /// `overrides.yaml` corrects the ID), if any.
    pub adjusted: Option<Severity>,
    /// One line: what the finding means, as the README's table says it.
    pub meaning: &'static str,
}

impl CodeInfo {
    /// Whether a diagnostic of this code may have `severity`.
    pub fn allows(&self, severity: Severity) -> bool {
        self.severity == severity || self.adjusted == Some(severity)
    }

    /// The README's group of the code: the part before the `/`.
    pub fn group(&self) -> &'static str {
        self.code.split('/').next().unwrap_or_default()
    }
}

const fn code(code: &'static str, severity: Severity, meaning: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity,
        adjusted: None,
        meaning,
    }
}

const fn code_or(
    code: &'static str,
    severity: Severity,
    adjusted: Severity,
    meaning: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        severity,
        adjusted: Some(adjusted),
        meaning,
    }
}

use Severity::{Error, Info, Warning};

/// Every diagnostic code, grouped (`import`, `nhn`, `kakao`, `api`) in the README's order.
pub const CODES: &[CodeInfo] = &[
    // Importing (the xtask CLI).
    code(
        "import/skipped",
        Info,
        "a document below `--sources` that holds nothing to import (no CloudTrail document, prose only, or tables without an event column)",
    ),
    code(
        "nhn/extra-cells",
        Warning,
        "a row has more cells than its table's header; the extra cells are ignored, as GitHub does",
    ),
    code(
        "nhn/missing-cells",
        Warning,
        "a row has fewer cells than its table's header; the missing cells are read as empty, as GitHub does",
    ),
    code(
        "nhn/swapped-cells",
        Warning,
        "a row's event ID stands in the name column and its name in the ID column; read by content",
    ),
    code(
        "nhn/empty-id",
        Error,
        "a row's event ID cell is empty; the row is not read",
    ),
    code(
        "nhn/unknown-table",
        Warning,
        "a table whose header is no known layout (event name plus event ID or service column); its rows are not read",
    ),
    code(
        "nhn/unknown-column",
        Warning,
        "a column that is no event name, ID or service; ignored",
    ),
    code(
        "nhn/stray-row",
        Warning,
        "a line that looks like a table row outside any table (delimiter row not matching the header?); not read",
    ),
    code(
        "nhn/no-service",
        Warning,
        "a table without a service column and without a `###` heading above it",
    ),
    code(
        "nhn/empty-name",
        Warning,
        "a row's event name cell is empty",
    ),
    code(
        "nhn/empty-service",
        Warning,
        "a row's service cell is empty",
    ),
    code(
        "nhn/no-locale",
        Warning,
        "neither the path nor the header words say which locale the document is in",
    ),
    code(
        "nhn/id-control-char",
        Warning,
        "a control character removed from an event ID, raw or written as an entity (`&#8;`); one finding names both",
    ),
    code(
        "nhn/id-entity",
        Warning,
        "an HTML entity inside an event ID, decoded (an entity for a control character is `nhn/id-control-char`)",
    ),
    code(
        "nhn/id-whitespace",
        Warning,
        "whitespace removed from inside an event ID",
    ),
    code(
        "nhn/name-control-char",
        Warning,
        "a control character removed from an event name, raw or written as an entity; one finding names both",
    ),
    code(
        "nhn/name-entity",
        Info,
        "an HTML entity in an event name, decoded (`&#39;` -> `'`; an entity for a control character is `nhn/name-control-char`)",
    ),
    code(
        "nhn/heading-entity",
        Info,
        "an HTML entity in a service heading, decoded (`Log &amp; Crash Search`)",
    ),
    code(
        "nhn/unmatched-section",
        Warning,
        "a section of a locale's current list shares no event ID with any English section",
    ),
    code(
        "nhn/unknown-service",
        Warning,
        "an older revision names a service that is no section title of the current lists",
    ),
    code_or(
        "nhn/junk-service",
        Warning,
        Info,
        "an older revision names a service that is no service (`null`) or misspells a current section's title (`Secure Key Manger`, `SystemMonitoring`); info once overrides.yaml corrects it (`services`)",
    ),
    code_or(
        "nhn/junk-id",
        Warning,
        Info,
        "an event ID that is no event: a namespace alone, the prefix of other IDs (`event_id.iaas`, truncated), or a test row (`event_id.tstprd01.test03`, 테스트03); info once overrides.yaml excludes it from the generated outputs (`exclude`; the catalogue keeps it)",
    ),
    code(
        "nhn/unused-override",
        Warning,
        "an override names an ID no document has (fixed upstream?); delete it",
    ),
    code(
        "nhn/no-current-list",
        Info,
        "no current `<locale>/event-list.md` was read; every ID is catalogued as listed",
    ),
    code(
        "nhn/history-empty-list",
        Warning,
        "a revision of an event list lists no event ID (emptied, `test`, an `<iframe>`); the list keeps its previous state",
    ),
    code(
        "nhn/history-idless-list",
        Info,
        "a revision of an event list names events without IDs (the 2019 layout); no ID is dated from it",
    ),
    code(
        "nhn/history-wrong-locale",
        Warning,
        "a revision of an event list holds another locale's text; not read, the list keeps its previous state",
    ),
    code(
        "nhn/history-dropped-block",
        Warning,
        "a revision drops a block of IDs of which at least half come back later; those count as listed all along",
    ),
    code_or(
        "nhn/malformed-id",
        Error,
        Info,
        "an event ID that is not `event_id(.segment)+` with segments of [A-Za-z0-9_-] (wrong prefix, trailing dot, empty segment, stray characters, `event_id.` twice); info once overrides.yaml corrects it",
    ),
    code(
        "nhn/conflicting-names",
        Warning,
        "one document gives the same event ID two different names",
    ),
    code(
        "nhn/duplicate-row",
        Warning,
        "one section of a document lists the same event ID twice",
    ),
    code(
        "nhn/shared-name",
        Warning,
        "one name is given to several event IDs in one service (or, in an ID-less list, twice)",
    ),
    code(
        "nhn/name-is-id",
        Warning,
        "an event name that is an event ID (`event_id.iaas.port_route.create` as the name): the translation is missing",
    ),
    code(
        "nhn/stray-equals",
        Warning,
        "an event name that starts or ends with `=` (`설정=`, `=1+1`): a stray character, and a formula in a spreadsheet",
    ),
    code(
        "nhn/overview-unmatched",
        Warning,
        "a row of an ID-less list that neither its place in the list nor its name and service tie to any event ID of the same locale",
    ),
    code(
        "nhn/overview-ambiguous",
        Warning,
        "a row of an ID-less list that its place in the list and its name leave between several event IDs",
    ),
    code(
        "nhn/overview-aligned",
        Info,
        "a row of an ID-less list read as an event ID by its place, aligned row by row with the next list with IDs, though that list names the event differently",
    ),
    code(
        "nhn/missing-locale",
        Warning,
        "a listed event ID absent from a locale's current list",
    ),
    code(
        "nhn/untranslated",
        Info,
        "names of one service in one locale that are not translations (Hangul in a non-Korean name, a ja name with neither kana nor kanji, a zh name equal to the en name); subject is the service key, one finding per locale and service",
    ),
    code(
        "nhn/renamed",
        Info,
        "an older revision names an event differently from the current list of its locale",
    ),
    code(
        "nhn/retired",
        Info,
        "an event ID of an older revision no longer in the current lists (kept, marked retired)",
    ),
    code(
        "nhn/access-changed",
        Info,
        "an older overview revision states another rule of who may use CloudTrail (the 2019 one: OWNER, ADMIN, LOG_VIEWER) than the current one (members with CloudTrail permissions); the current rule is catalogued, the older kept as history",
    ),
    code(
        "nhn/multi-service",
        Info,
        "an event ID listed under several services (rds_for_mysql under MySQL and MariaDB)",
    ),
    code(
        "kakao/unknown-service",
        Error,
        "a table row starts with no service in hints.yaml; the row is skipped",
    ),
    code(
        "kakao/unknown-resource-type",
        Error,
        "a row's service is known but no known resource type of it follows; the row is skipped",
    ),
    code(
        "kakao/empty-name",
        Error,
        "nothing is left for the event name after service and resource type; the row is skipped",
    ),
    code(
        "kakao/unsplit-description",
        Error,
        "in a 4-column table, name and description do not meet at exactly one lowercase-uppercase boundary; the row is skipped",
    ),
    code(
        "kakao/scope-mismatch",
        Error,
        "a table header names the other scope than its section; the header wins",
    ),
    code(
        "kakao/no-scope",
        Error,
        "an event table outside both event sections whose header names no scope; its rows are skipped",
    ),
    code(
        "kakao/bad-versions-row",
        Error,
        "a row of the versions table is not `resource type` + comma list of versions; skipped",
    ),
    code(
        "kakao/glued-name",
        Error,
        "a 3-column row whose event name has a lowercase letter glued to an uppercase one: the hints split it wrongly; the message names the resource type to add to hints.yaml; the row is skipped",
    ),
    code(
        "kakao/heading-mismatch",
        Warning,
        "a row's service differs from the sub-heading above its table",
    ),
    code(
        "kakao/unrecognised-line",
        Warning,
        "a line in an events section that is no header, row, sub-heading or sentence",
    ),
    code(
        "kakao/unknown-role",
        Warning,
        "a role table names a role not in hints.yaml",
    ),
    code(
        "kakao/role-kind-mismatch",
        Warning,
        "a role is under the other kind's heading than hints.yaml gives it",
    ),
    code(
        "kakao/stray-spaces",
        Info,
        "spaces between glued cells were skipped",
    ),
    code(
        "kakao/headerless-table",
        Info,
        "a table without a header line, found by its first row splitting with the hints",
    ),
    code(
        "kakao/versions-table",
        Info,
        "the resource type -> versions table, read as such (not events)",
    ),
    code(
        "kakao/role-marks-lost",
        Info,
        "a role table whose check marks are lost; roles come from the prose",
    ),
    code(
        "kakao/role-marks-disagree",
        Warning,
        "a role table's check marks (markdown, HTML) give a role other scopes than the prose (or the sentence qualifying the table) says; the marks are used",
    ),
    code(
        "kakao/unknown-role-mark",
        Warning,
        "a role table cell is neither a check mark (✓) nor empty; read as no mark",
    ),
    code(
        "kakao/no-event-tables",
        Info,
        "a page revision without event tables: it retires no event; its roles and other facts are read",
    ),
    code(
        "kakao/retention",
        Info,
        "the page says how many days events are kept; reported, not catalogued",
    ),
    code(
        "kakao/event-log-fields",
        Info,
        "a table of the JSON event log's fields (not events); reported with its fields, not catalogued",
    ),
    code(
        "kakao/event-example",
        Info,
        "an example event log record (JSON); reported, not catalogued",
    ),
    code(
        "kakao/project-members",
        Info,
        "\"all members of the project\" read as every project role (hints.yaml), named on the page or not",
    ),
    code(
        "kakao/role-alias",
        Info,
        "a role written under an alias from hints.yaml (`Org Admin`) is read as its name (`Organization Admin`)",
    ),
    code(
        "kakao/unresolved-role-statement",
        Info,
        "a sentence about viewing events that names no known role or scope; not used",
    ),
    code(
        "kakao/conflicting-scope",
        Error,
        "the same event key is listed as an organization and as a project event",
    ),
    code(
        "kakao/conflicting-description",
        Warning,
        "the same event key has two descriptions; the first is kept",
    ),
    code(
        "kakao/unused-override",
        Warning,
        "an override names a key no page has (fixed upstream?); delete it",
    ),
    code(
        "kakao/override-merged",
        Info,
        "an override's corrected name is already an event; the two were merged",
    ),
    code(
        "kakao/shared-description",
        Warning,
        "two events of a service share one description on a page (`Invoice Project View` and `Invoice Project Detail View`: `View invoice by project`); said once, at the first",
    ),
    code(
        "kakao/duplicate-row",
        Warning,
        "a page lists the same event (same key) twice; the catalogue keeps one",
    ),
    code_or(
        "kakao/near-miss-name",
        Warning,
        Info,
        "an event name contains a near-miss (edit distance 1-2) of its resource type, e.g. `Heath Check` under `Health Check`; info once an override corrects it",
    ),
    code_or(
        "kakao/inconsistent-casing",
        Warning,
        Info,
        "a word is capitalised differently across one service's event names (`nodepool` vs `Nodepool`); info once an override corrects it",
    ),
    code(
        "kakao/event-changed",
        Warning,
        "an event is in one revision of the event list but not in the next",
    ),
    code(
        "kakao/role-changed",
        Warning,
        "a role's viewable scopes differ between page revisions (the later one wins)",
    ),
    code(
        "kakao/unknown-versioned-type",
        Warning,
        "the versions table names a resource type no event has",
    ),
    code(
        "api/bad-required",
        Warning,
        "a request table's Required cell is not O/X (or yes/no); required left unknown",
    ),
    code(
        "api/cell-count",
        Warning,
        "a table row has more or fewer cells than its header",
    ),
    code(
        "api/duplicate-row",
        Warning,
        "a key is listed twice in one table",
    ),
    code(
        "api/empty-key",
        Warning,
        "a table row without a key; not read",
    ),
    code(
        "api/example-not-json",
        Warning,
        "a JSON example does not parse even with its comments removed; kept verbatim only",
    ),
    code(
        "api/member-type-spelling",
        Warning,
        "the guide writes the NHN Cloud member type `TOAST` in its request example but `NHN Cloud` in its table and rules; both are accepted",
    ),
    code(
        "api/integer-or-string",
        Info,
        "the table documents an integer that the example shows as a string (`targetMembers.userCode`); the schema and the types accept either",
    ),
    code(
        "api/key-case",
        Warning,
        "the table spells a key with other case than the example (`UserId` vs `userId`)",
    ),
    code(
        "api/key-typo",
        Warning,
        "the table misspells a key the example has (`sort.emtpy` vs `sort.empty`)",
    ),
    code(
        "api/locale-endpoint",
        Warning,
        "two locales give a different method or URI for the same version",
    ),
    code(
        "api/locale-example",
        Warning,
        "two locales' JSON examples differ in shape (a field missing, or of another type)",
    ),
    code(
        "api/locale-guessed",
        Info,
        "a guide's path names no locale; it was read from its script and treated as an older revision",
    ),
    code(
        "api/locale-missing-field",
        Warning,
        "one locale's table lists a field another locale's does not",
    ),
    code(
        "api/locale-missing-table",
        Warning,
        "one locale's guide has a field table (for a version, or the common response) another's lacks entirely",
    ),
    code(
        "api/locale-param",
        Warning,
        "two locales list different headers, path variables or permissions for the same version",
    ),
    code(
        "api/locale-required",
        Warning,
        "two locales' request tables disagree on whether a field is required",
    ),
    code(
        "api/locale-type",
        Warning,
        "two locales' tables give a field different types",
    ),
    code(
        "api/missing-required",
        Warning,
        "a request table's Required cell is empty",
    ),
    code("api/missing-type", Warning, "a table's Type cell is empty"),
    code(
        "api/no-version",
        Warning,
        "a section has API tables but no version in its heading or URI",
    ),
    code(
        "api/not-in-example",
        Warning,
        "the table lists a field the JSON example does not show",
    ),
    code(
        "api/not-in-table",
        Warning,
        "the JSON example shows a field no table lists",
    ),
    code(
        "api/placeholder-example",
        Info,
        "an example gives a placeholder (`\"memberType\": \"string\"`) where the field takes one of its documented values; the document shows the first of them instead",
    ),
    code(
        "api/required-with-default",
        Info,
        "a request field marked required that the guide also gives a default (`page.limit`); it is optional, the server's default applies",
    ),
    code(
        "api/response-nullable",
        Info,
        "the guide does not say which response fields may be absent or `null` (the examples show different sets); every response field is optional and nullable",
    ),
    code(
        "api/revision-differs",
        Info,
        "an older revision of a guide lists a field differently (or not at all) than the current guide",
    ),
    code(
        "api/shape-from-other-version",
        Info,
        "no example of a version shows a response field another version's does (v1.0's paging object); the guides show one response body, so it is kept",
    ),
    code(
        "api/string-or-object",
        Info,
        "the locales' examples show a field as a string in some and an object in others (`pageable`); the schema is `oneOf` a string and the object",
    ),
    code(
        "api/timestamp-format",
        Info,
        "a `Date` field shown with an offset without a colon (`+0000`): not RFC 3339 `date-time`; the schema gives a pattern accepting both forms",
    ),
    code(
        "api/type-mismatch",
        Warning,
        "the table's type is not what the JSON example shows (`Object` shown as a string or an array, `Integer` as a string)",
    ),
    code_or(
        "api/unknown-table",
        Warning,
        Info,
        "a table whose header is none the reader knows, or a Key|Value table outside HEADER/Path Variable",
    ),
    code(
        "api/unknown-type",
        Warning,
        "a table's type is not a type name the reader knows",
    ),
    code(
        "api/unparsed-note",
        Info,
        "a bullet under a request body names request fields but states no rule the builder recognises",
    ),
    code(
        "api/unplaced-example",
        Info,
        "a code block outside a request or response body; not read as an example",
    ),
    code(
        "api/version-mismatch",
        Warning,
        "a section's heading and its endpoint URI name different versions",
    ),
    code(
        "classify/unplaced",
        Warning,
        "an event in whose ID and names the classification rules find no verb, and that no override in catalog/classification.yaml places; catalogued with action `unknown`, OCSF activity 0 (Unknown)",
    ),
    code(
        "classify/unused-override",
        Warning,
        "an override in catalog/classification.yaml names no NHN event ID or KakaoCloud event key of the catalogue; delete or correct it",
    ),
    code(
        "classify/redundant-override",
        Info,
        "an override in catalog/classification.yaml says what the rules already say; delete it",
    ),
];

/// The registry entry of `code`, if it is one.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

/// Whether `code` is a registered diagnostic code (waivers may name only these).
pub fn is_known(code: &str) -> bool {
    lookup(code).is_some()
}

/// The groups of [`CODES`] with the README's heading of each (none for `import`).
const GROUPS: &[(&str, Option<&str>)] = &[
    ("import", None),
    ("nhn", Some("NHN")),
    ("kakao", Some("KakaoCloud")),
    ("api", Some("Search API")),
    ("classify", Some("Classification")),
];

/// The README's tables of codes (markdown), one per group, written from [`CODES`].
pub fn readme_table() -> String {
    let mut out = String::new();
    for (group, title) in GROUPS {
        if let Some(t) = title {
            out.push_str(&format!("\n**{t}**\n\n"));
        }
        out.push_str("| code | severity | meaning |\n| --- | --- | --- |\n");
        for c in CODES.iter().filter(|c| c.group() == *group) {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.code,
                c.severity,
                c.meaning.replace('|', "\\|")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    const BEGIN: &str = "<!-- codes:begin -->";
    const END: &str = "<!-- codes:end -->";

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn codes_are_unique_namespaced_and_explained() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} is declared twice", c.code);
            assert!(
                GROUPS.iter().any(|(g, _)| *g == c.group()),
                "{} has no known group",
                c.code
            );
            let name = &c.code[c.group().len() + 1..];
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{}",
                c.code
            );
            assert!(
                !c.meaning.is_empty() && !c.meaning.contains('\n'),
                "{}",
                c.code
            );
            assert_ne!(c.adjusted, Some(c.severity), "{}", c.code);
        }
        assert_eq!(
            lookup("nhn/malformed-id").map(|c| c.severity),
            Some(Severity::Error)
        );
        assert!(lookup("nhn/malformed-id").unwrap().allows(Severity::Info));
        assert!(is_known("import/skipped") && !is_known("nhn/no-such-code") && !is_known("nhn/"));
    }

    /// The README's table of codes is written from [`CODES`]: this fails when it is not, and
    /// rewrites it when run with `UPDATE_README=1`.
    #[test]
    fn readme_table_is_generated_from_the_registry() {
        let path = workspace().join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme
            .find(BEGIN)
            .expect("README.md has the codes:begin marker")
            + BEGIN.len();
        let end = readme
            .find(END)
            .expect("README.md has the codes:end marker");
        let want = format!("\n{}\n", readme_table().trim());
        if readme[start..end] == want {
            return;
        }
        if std::env::var_os("UPDATE_README").is_some() {
            let text = format!("{}{want}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, text).unwrap();
            panic!(
                "README.md's table of codes was rewritten from trail_sources::codes::CODES; review and commit it"
            );
        }
        panic!(
            "README.md's table of codes is not what trail_sources::codes::CODES gives; run \
             `UPDATE_README=1 cargo test -p trail-sources readme_table` and commit README.md"
        );
    }

    /// Every `.rs` file of the workspace's pipeline crates, `xtask/` (not the integration tests,
    /// whose fixtures name made-up codes on purpose, as unused waivers).
    fn rust_sources() -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        let mut stack = vec![workspace().join("xtask")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if name != "target" && !name.starts_with('.') {
                        stack.push(path);
                    }
                } else if name.ends_with(".rs") {
                    out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    /// The code literals of a Rust source (`"nhn/malformed-id"`), each with the severity written
    /// right after it (`"nhn/empty-id", Severity::Error`), if any.
    fn code_literals(text: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let Some((group, _)) = GROUPS
                .iter()
                .find(|(g, _)| rest.starts_with(&format!("{g}/")))
            else {
                continue;
            };
            let len = group.len()
                + 1
                + rest[group.len() + 1..]
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .unwrap_or(0);
            // A path such as "nhn/ko/event-list.md" or "nhn/en" (a locale folder) is no code.
            if len <= group.len() + 3 || !rest[len..].starts_with('"') {
                continue;
            }
            let after = rest[len + 1..]
                .trim_start()
                .strip_prefix(',')
                .map(str::trim_start);
            let severity = after
                .and_then(|a| a.strip_prefix("Severity::"))
                .map(|a| a.chars().take_while(char::is_ascii_alphanumeric).collect());
            out.push((rest[..len].to_owned(), severity));
        }
        out
    }

    #[test]
    fn every_code_the_sources_raise_is_registered_with_its_severity() {
        let files = rust_sources();
        assert!(files.len() > 20, "the workspace's sources are found");
        let mut used = std::collections::BTreeSet::new();
        for (path, text) in &files {
            if path.ends_with("sources/src/codes.rs") {
                continue;
            }
            // The catalogue's folders of event files, the only literals shaped like codes that are not.
            for (code, severity) in code_literals(text)
                .into_iter()
                .filter(|(c, _)| !["nhn/events", "kakao/events"].contains(&c.as_str()))
            {
                let info = lookup(&code).unwrap_or_else(|| {
                    panic!(
                        "{}: `{code}` is not in trail_sources::codes::CODES",
                        path.display()
                    )
                });
                if let Some(s) = severity {
                    let ok = [Severity::Error, Severity::Warning, Severity::Info]
                        .into_iter()
                        .any(|x| format!("{x:?}") == s && info.allows(x));
                    assert!(
                        ok,
                        "{}: `{code}` is raised as {s}, the registry says {}",
                        path.display(),
                        info.severity
                    );
                }
                used.insert(code);
            }
        }
        let unused: Vec<&str> = CODES
            .iter()
            .map(|c| c.code)
            .filter(|c| !used.contains(*c))
            .collect();
        assert!(
            unused.is_empty(),
            "registered but raised nowhere: {unused:?}"
        );
    }

    /// The committed catalogue's findings (what `import` wrote from the real documents) use only
    /// registered codes, each with a severity the registry allows.
    #[test]
    fn the_committed_findings_use_registered_codes() {
        let text = std::fs::read_to_string(workspace().join("catalog/findings.yaml")).unwrap();
        let mut code: Option<&str> = None;
        let mut n = 0;
        for line in text.lines() {
            if let Some(c) = line.trim_start_matches("- ").trim().strip_prefix("code: ") {
                code = Some(c);
            } else if let (Some(c), Some(s)) = (code, line.trim().strip_prefix("severity: ")) {
                let info = lookup(c)
                    .unwrap_or_else(|| panic!("catalog/findings.yaml: `{c}` is not registered"));
                let severity = [Error, Warning, Info]
                    .into_iter()
                    .find(|x| x.as_str() == s)
                    .expect("a severity");
                assert!(
                    info.allows(severity),
                    "catalog/findings.yaml: `{c}` as {s}, registered as {}",
                    info.severity
                );
                code = None;
                n += 1;
            }
        }
        assert!(n > 100, "the committed findings are read ({n})");
    }

    #[test]
    fn code_literals_are_found_and_paths_are_not() {
        let text = r#"Diagnostic::new(at, "nhn/empty-id", Severity::Error, "x"); read("nhn/ko/event-list.md"); ("api/x-y", "z")"#;
        assert_eq!(
            code_literals(text),
            [
                ("nhn/empty-id".to_owned(), Some("Error".to_owned())),
                ("api/x-y".to_owned(), None)
            ]
        );
    }
}

//! Which table a header starts: an event table (its column titles, the scope its event-name column
//! names, whether it has a Description column), the versions table or the event log's fields table;
//! and what a version number looks like. A header is taken glued (page text) or with its cells
//! joined (markdown, HTML); spaces and case do not count.
//!
//! Pure functions of one line: no reader state, no diagnostics, no hints, no catalogue.

use super::Scope;

/// Column titles a glued event-table header is made of (lowercase, spaces removed).
const COLUMNS: &[(&str, Column)] = &[
    ("servicename", Column::Service),
    ("service", Column::Service),
    ("resourcetype", Column::ResourceType),
    (
        "organizationeventname",
        Column::Name(Some(Scope::Organization)),
    ),
    ("projecteventname", Column::Name(Some(Scope::Project))),
    ("eventname", Column::Name(None)),
    ("description", Column::Description),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Service,
    ResourceType,
    Name(Option<Scope>),
    Description,
}

/// A parsed event-table header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// The scope its event-name column names, if it names one.
    pub(crate) scope: Option<Scope>,
    /// Whether it has a Description column (four columns, not three).
    pub(crate) description: bool,
}

/// Parses a glued event-table header made only of known column titles.
pub(crate) fn parse_header(line: &str) -> Option<Header> {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut rest = key.as_str();
    let mut columns = Vec::new();
    while !rest.is_empty() {
        let (title, col) = COLUMNS.iter().find(|(title, _)| rest.starts_with(title))?;
        columns.push(*col);
        rest = &rest[title.len()..];
    }
    let name_scope = columns.iter().find_map(|c| {
        if let Column::Name(s) = c {
            Some(*s)
        } else {
            None
        }
    })?;
    let expected_len = if columns.contains(&Column::Description) {
        4
    } else {
        3
    };
    let ok = columns.len() == expected_len
        && columns[0] == Column::Service
        && columns[1] == Column::ResourceType
        && matches!(columns[2], Column::Name(_));
    ok.then_some(Header {
        scope: name_scope,
        description: expected_len == 4,
    })
}

/// A header of the `Resource type / Versions` table, glued or in cells.
pub(crate) fn is_versions_header(line: &str) -> bool {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    key == "resourcetypeversions"
}

/// A header of the event log's fields table (`Field | Description`, `Key | Type | Description`),
/// glued or in cells.
pub(crate) fn is_fields_header(line: &str) -> bool {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    [
        "fielddescription",
        "fieldnamedescription",
        "fieldtypedescription",
        "fieldnametypedescription",
        "keytypedescription",
        "keydescription",
        "fieldvaluedescription",
    ]
    .contains(&key.as_str())
}

/// A version number: digits with dots between (`1.0.0`).
pub(crate) fn is_version(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_table_headers() {
        assert_eq!(
            parse_header("ServiceResource typeProject event name"),
            Some(Header {
                scope: Some(Scope::Project),
                description: false
            })
        );
        assert_eq!(
            parse_header("Service NameResource TypeProject Event NameDescription"),
            Some(Header {
                scope: Some(Scope::Project),
                description: true
            })
        );
        assert_eq!(parse_header("Key ConceptDescription"), None);
        assert_eq!(parse_header("Service"), None);
    }
}

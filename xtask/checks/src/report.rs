//! The check report: findings with the waivers that cover them.

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::model::{Coverage, Waiver};
use trail_sources::{Diagnostic, Severity};

/// One finding and, if acknowledged, the waiver that covers it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry<'a> {
    /// The finding.
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
    /// The waiver's reason, when a waiver covers the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<&'a str>,
}

/// What `cargo xtask check` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    /// Counts by severity, waived ones excluded.
    pub summary: Summary,
    /// Per-locale coverage of NHN event names.
    pub coverage: &'a [Coverage],
    /// Every finding, in catalogue order.
    pub findings: Vec<Entry<'a>>,
    /// Waivers that cover no finding: stale, and worth deleting.
    pub unused_waivers: Vec<&'a Waiver>,
}

/// Unwaived findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Unwaived errors: `check` fails when this is not zero.
    pub errors: usize,
    /// Unwaived warnings.
    pub warnings: usize,
    /// Unwaived notes.
    pub infos: usize,
    /// Findings covered by a waiver.
    pub waived: usize,
}

/// Builds the report from the catalogue's findings and its waivers files.
pub fn report(catalog: &Catalog) -> Report<'_> {
    let waivers: Vec<&Waiver> = catalog
        .hand
        .nhn_waivers
        .waivers
        .iter()
        .chain(&catalog.hand.kakao_waivers.waivers)
        .collect();
    let mut used = vec![false; waivers.len()];
    let mut summary = Summary::default();
    let findings = catalog
        .findings
        .diagnostics
        .iter()
        .map(|d| {
            let waiver = waivers.iter().position(|w| w.covers(d));
            if let Some(i) = waiver {
                used[i] = true;
                summary.waived += 1;
            } else {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
            Entry {
                diagnostic: d,
                waived: waiver.map(|i| waivers[i].reason.as_str()),
            }
        })
        .collect();
    let unused_waivers = waivers
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(w, _)| *w)
        .collect();
    Report {
        summary,
        coverage: &catalog.findings.coverage,
        findings,
        unused_waivers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trail_catalog::model::hand::Waivers;
    use trail_sources::SourceRef;

    #[test]
    fn waived_errors_do_not_count() {
        let mut catalog = Catalog::default();
        let d = |code: &str, subject: &str| {
            Diagnostic::new(SourceRef::new("a.md", 1), code, Severity::Error, "m").subject(subject)
        };
        catalog.findings.diagnostics = vec![d("nhn/x", "a"), d("nhn/x", "b"), d("nhn/y", "a")];
        catalog.hand.nhn_waivers = Waivers {
            waivers: vec![
                Waiver {
                    code: "nhn/x".into(),
                    subject: Some("a".into()),
                    reason: "known".into(),
                },
                Waiver {
                    code: "nhn/z".into(),
                    subject: None,
                    reason: "stale".into(),
                },
            ],
        };
        let r = report(&catalog);
        assert_eq!(
            r.summary,
            Summary {
                errors: 2,
                warnings: 0,
                infos: 0,
                waived: 1
            }
        );
        assert_eq!(r.findings[0].waived, Some("known"));
        assert_eq!(r.unused_waivers.len(), 1);
        assert_eq!(r.unused_waivers[0].code, "nhn/z");
    }
}

//! The model of `docs/report.md`: the cross-check report's coverage, and its findings by
//! severity and code (each group collapsed).
//!
//! It only formats what [`trail_checks::report::report`] found and waived; grouping the findings
//! by severity and code is the page's layout, not a judgement of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::plural;
use crate::md::{Anchors, Md, Table};

/// The model of `docs/report.md`.
#[derive(Serialize)]
pub(crate) struct ReportPage {
    stamp: String,
    summary: Md,
    coverage: Table,
    by_code: Table,
    groups: Vec<FindingGroup>,
    unused_waivers: Table,
}

/// The findings of one code and severity: a heading and a collapsed table.
#[derive(Serialize)]
struct FindingGroup {
    anchor: String,
    code: Md,
    severity: &'static str,
    count: usize,
    waived: usize,
    table: Table,
}

/// The report page: coverage per locale, findings by severity and code, unused waivers.
pub(crate) fn report_page(report: &trail_checks::report::Report<'_>, stamp: &str) -> ReportPage {
    let s = report.summary;
    let summary = Md::markup(format!(
        "{}: {}, {}, {} not waived; {} waived.",
        plural(report.findings.len(), "finding"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "note"),
        s.waived
    ));
    // By locale, as the catalogue keeps it (`Catalog::sort`).
    let coverage = Table::new(
        [
            "Locale",
            "Listed events",
            "Named",
            "Named %",
            "Untranslated",
        ],
        report
            .coverage
            .iter()
            .map(|c| {
                let pct = if c.events == 0 {
                    0.0
                } else {
                    100.0 * f64::from(c.named) / f64::from(c.events)
                };
                [
                    Md::markup(c.locale.code()),
                    Md::markup(c.events.to_string()),
                    Md::markup(c.named.to_string()),
                    Md::markup(format!("{pct:.1}%")),
                    Md::markup(c.untranslated.to_string()),
                ]
            })
            .collect(),
    );
    // (severity, code) -> findings: errors first, then warnings, then notes; by code within.
    let mut groups: BTreeMap<
        (trail_catalog::Severity, &str),
        Vec<&trail_checks::report::Entry<'_>>,
    > = BTreeMap::new();
    for e in &report.findings {
        groups
            .entry((e.diagnostic.severity, e.diagnostic.code.as_str()))
            .or_default()
            .push(e);
    }
    let mut anchors = Anchors::default();
    let groups: Vec<FindingGroup> = groups
        .into_iter()
        .map(|((severity, code), entries)| {
            let waived = entries.iter().filter(|e| e.waived.is_some()).count();
            let table = Table::new(
                ["Where", "Subject", "Message", "Waived"],
                entries
                    .iter()
                    .map(|e| {
                        let d = e.diagnostic;
                        [
                            Md::code(&d.at.to_string()),
                            d.subject.as_deref().map(Md::code).unwrap_or_default(),
                            Md::text(&d.message),
                            match e.waived {
                                Some(reason) => Md::markup("**waived**: ").push(Md::text(reason)),
                                None => Md::default(),
                            },
                        ]
                    })
                    .collect(),
            );
            FindingGroup {
                anchor: anchors.get("f", &format!("{code} {}", severity.as_str())),
                code: Md::text(code),
                severity: severity.as_str(),
                count: entries.len(),
                waived,
                table,
            }
        })
        .collect();
    let by_code = Table::new(
        ["Severity", "Code", "Findings", "Waived"],
        groups
            .iter()
            .map(|g| {
                [
                    Md::markup(g.severity),
                    Md::markup(format!("[{}](#{})", g.code.as_str(), g.anchor)),
                    Md::markup(g.count.to_string()),
                    Md::markup(g.waived.to_string()),
                ]
            })
            .collect(),
    );
    let unused_waivers = Table::new(
        ["Code", "Subject", "Reason"],
        report
            .unused_waivers
            .iter()
            .map(|w| {
                [
                    Md::text(&w.code),
                    w.subject
                        .as_deref()
                        .map(Md::text)
                        .unwrap_or_else(|| Md::markup("*(every subject)*")),
                    Md::text(&w.reason),
                ]
            })
            .collect(),
    );
    ReportPage {
        stamp: stamp.to_owned(),
        summary,
        coverage,
        by_code,
        groups,
        unused_waivers,
    }
}

//! The page models: one module per generated page, each a serializable struct of [`Md`] and
//! [`Table`] values that its template in `templates/docs/` prints as it is, and the function that
//! builds it from the catalogue.
//!
//! A page model only formats what the catalogue (or the cross-check report) says: it picks the
//! fields a page shows, words them and lays them out. It decides nothing the catalogue model should
//! own, and keeps the catalogue's order (`Catalog::sort`) unless a comment names the page's own
//! reading order (a section per service by its title, a table by class and activity). It escapes
//! nothing by hand: every cell goes through [`crate::md`].
//!
//! This module holds what several pages share: the [`Section`] of one service's table, the meaning
//! cell, the name of a language and English plurals.

use serde::Serialize;
use trail_catalog::Locale;

use crate::md::{Md, Table};

pub(crate) mod changes;
pub(crate) mod index;
pub(crate) mod kakao;
pub(crate) mod nhn;
pub(crate) mod ocsf;
pub(crate) mod report;
pub(crate) mod roles;

/// A service's section of a page: a heading with an anchor, and the table of its events (a service
/// on an NHN locale page, a service of one scope on the KakaoCloud page).
#[derive(Serialize)]
struct Section {
    anchor: String,
    title: Md,
    title_note: Md,
    count: usize,
    table: Table,
}

/// The meaning of an event in a table cell: the resource type, the action and the OCSF class and
/// activity numbers (`instance` create, 6003/1); the names of the numbers are on `ocsf.md`. The
/// space before the line break keeps the action and the numbers two words for a reader's copy and
/// for the site's search (the break alone would glue them: `create6003/1`).
fn meaning_cell(m: Option<&trail_catalog::model::Meaning>) -> Md {
    match m {
        Some(m) => Md::code(&m.resource_type)
            .push(Md::markup(" "))
            .push(Md::text(&m.action))
            .push(Md::markup(" <br>"))
            .push(Md::text(&format!("{}/{}", m.class_uid, m.activity_id))),
        None => Md::default(),
    }
}

/// A language's own name, with its code.
pub(crate) fn locale_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Ko => "한국어 (ko)",
        Locale::En => "English (en)",
        Locale::Ja => "日本語 (ja)",
        Locale::Zh => "中文 (zh)",
    }
}

/// `1 service`, `2 services`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

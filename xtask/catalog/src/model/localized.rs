//! Texts given per locale (event and service names, descriptions, statements), and the one rule
//! for which of them an output shows when the locale it wants gives none.

use std::collections::BTreeMap;

use trail_sources::Locale;

/// The order in which a text missing in the wanted locale is taken from another: English, then
/// Korean (the vendor's source language), then Japanese, then Chinese.
pub const FALLBACK: [Locale; 4] = [Locale::En, Locale::Ko, Locale::Ja, Locale::Zh];

/// The text of `want`, else the first of [`FALLBACK`] that `texts` gives, with the locale it
/// comes from (`want` itself when it gives one); `None` when no locale gives a text.
pub fn pick(texts: &BTreeMap<Locale, String>, want: Locale) -> Option<(Locale, &str)> {
    std::iter::once(want)
        .chain(FALLBACK)
        .find_map(|l| texts.get(&l).map(|t| (l, t.as_str())))
}

/// The text to show where one text stands for all locales: [`pick`] wanting English.
pub fn shown(texts: &BTreeMap<Locale, String>) -> Option<&str> {
    pick(texts, Locale::En).map(|(_, t)| t)
}

impl super::NhnEvent {
    /// The event's name to show in `want`: its own, else another locale's by [`FALLBACK`], with
    /// the locale it comes from; `None` when no locale names it.
    pub fn display_name(&self, want: Locale) -> Option<(Locale, &str)> {
        pick(&self.names, want)
    }
}

impl super::NhnService {
    /// The service's title to show in `want`: its own, else another locale's by [`FALLBACK`],
    /// with the locale it comes from; `None` when no locale titles it.
    pub fn display_name(&self, want: Locale) -> Option<(Locale, &str)> {
        pick(&self.names, want)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pairs: &[(Locale, &str)]) -> BTreeMap<Locale, String> {
        pairs.iter().map(|(l, t)| (*l, (*t).to_owned())).collect()
    }

    #[test]
    fn the_wanted_locale_first_then_english_korean_japanese_chinese() {
        let all = texts(&[
            (Locale::Ko, "이름"),
            (Locale::En, "Name"),
            (Locale::Ja, "名前"),
            (Locale::Zh, "名称"),
        ]);
        assert_eq!(pick(&all, Locale::Ja), Some((Locale::Ja, "名前")));
        assert_eq!(shown(&all), Some("Name"));
        let no_en = texts(&[
            (Locale::Zh, "名称"),
            (Locale::Ja, "名前"),
            (Locale::Ko, "이름"),
        ]);
        assert_eq!(pick(&no_en, Locale::En), Some((Locale::Ko, "이름")));
        let only_cjk = texts(&[(Locale::Zh, "名称"), (Locale::Ja, "名前")]);
        assert_eq!(pick(&only_cjk, Locale::Ko), Some((Locale::Ja, "名前")));
        assert_eq!(shown(&texts(&[(Locale::Zh, "名称")])), Some("名称"));
        assert_eq!(pick(&BTreeMap::new(), Locale::Ko), None);
    }
}

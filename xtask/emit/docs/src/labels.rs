//! The fixed text of the NHN locale pages, in each locale: every word a reader of the Korean,
//! Japanese or Chinese page sees is in that page's language (catalogue text aside).

use trail_catalog::Locale;

/// The labels of one locale's NHN page.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// The BCP 47 language tag the page declares (`lang="..."`).
    pub lang: &'static str,
    /// The page title, before the language's name.
    pub title: &'static str,
    /// "Other locales:".
    pub other_locales: &'static str,
    /// The link text to the index.
    pub all_pages: &'static str,
    /// The "Services" heading.
    pub services: &'static str,
    /// The explanation of the markers, a markdown list (fixed text, no catalogue data).
    pub markers: &'static str,
    /// Table header: name, event ID, meaning (resource type, action, OCSF class/activity), notes.
    pub header: [&'static str; 4],
    /// The marker of a retired event.
    pub retired: &'static str,
    /// The marker of a name that is no translation.
    pub untranslated: &'static str,
    /// Before the editions an event is listed in (other than `standard`).
    pub editions: &'static str,
    /// The title of the section of events without a service.
    pub no_service: &'static str,
    /// Note on that section.
    pub no_service_note: &'static str,
    /// Note on a section whose key is not in services.yaml.
    pub unknown_service_note: &'static str,
    /// Note on a section with a title in no locale.
    pub no_title_anywhere: &'static str,
    /// A name in no locale.
    pub no_name_anywhere: &'static str,
    /// The language names in this locale, for ko, en, ja, zh.
    names: [&'static str; 4],
    /// `(not in the {this} list; {from} name)` and friends: templates with `{this}`/`{from}`.
    not_listed: &'static str,
    no_name: &'static str,
    fallback: &'static str,
    no_title: &'static str,
    summary: &'static str,
}

impl Labels {
    /// The labels of `locale`'s page.
    pub fn of(locale: Locale) -> &'static Labels {
        match locale {
            Locale::Ko => &KO,
            Locale::En => &EN,
            Locale::Ja => &JA,
            Locale::Zh => &ZH,
        }
    }

    /// The name of `locale` in this page's language.
    pub fn language(&self, locale: Locale) -> &'static str {
        self.names[match locale {
            Locale::Ko => 0,
            Locale::En => 1,
            Locale::Ja => 2,
            Locale::Zh => 3,
        }]
    }

    /// Why an event has no name on this page, with the locale whose name is shown instead:
    /// `missing` when this locale's list does not give the ID at all.
    pub fn fallback_note(&self, this: Locale, missing: bool, from: Locale) -> String {
        let why = if missing {
            self.not_listed
        } else {
            self.no_name
        };
        self.fallback
            .replace("{why}", why)
            .replace("{this}", self.language(this))
            .replace("{from}", self.language(from))
    }

    /// Why there is no name at all: the reason alone.
    pub fn no_name_note(&self, this: Locale, missing: bool) -> String {
        let why = if missing {
            self.not_listed
        } else {
            self.no_name
        };
        format!(
            "{}; {}",
            why.replace("{this}", self.language(this)),
            self.no_name_anywhere
        )
    }

    /// Note on a service title shown in another locale.
    pub fn title_note(&self, this: Locale, from: Locale) -> String {
        self.no_title
            .replace("{this}", self.language(this))
            .replace("{from}", self.language(from))
    }

    /// The page summary line.
    pub fn summary(
        &self,
        this: Locale,
        ids: usize,
        listed: usize,
        retired: usize,
        services: usize,
        named: usize,
    ) -> String {
        self.summary
            .replace("{ids}", &ids.to_string())
            .replace("{listed}", &listed.to_string())
            .replace("{retired}", &retired.to_string())
            .replace("{services}", &services.to_string())
            .replace("{named}", &named.to_string())
            .replace("{this}", self.language(this))
    }
}

const EN: Labels = Labels {
    lang: "en",
    title: "NHN Cloud CloudTrail events",
    other_locales: "Other locales:",
    all_pages: "all pages",
    services: "Services",
    markers: "- **retired**: the ID is only in older revisions of the upstream event list (kept so that old \
logs still resolve); the date is when it was last removed, where known.\n\
- *(untranslated)*: the English name is not a translation (for example a Korean name).\n\
- *(not in the English list)*: the English event list does not give the ID; the name shown \
comes from the language named.\n\
- *editions*: the editions of the event list, other than the standard one, that list the ID.",
    header: ["Name", "Event ID", "Meaning", "Notes"],
    retired: "retired",
    untranslated: "untranslated",
    editions: "editions",
    no_service: "No service",
    no_service_note: "events listed under no service",
    unknown_service_note: "service not in the catalogue's services",
    no_title_anywhere: "no title in any language",
    no_name_anywhere: "no name in any language",
    names: ["Korean", "English", "Japanese", "Chinese"],
    not_listed: "not in the {this} list",
    no_name: "no {this} name",
    fallback: "{why}; {from} name",
    no_title: "no {this} title; {from} shown",
    summary: "{ids} event IDs ({listed} listed, {retired} retired) in {services} services; {named} named in {this}.",
};

const KO: Labels = Labels {
    lang: "ko",
    title: "NHN Cloud CloudTrail 이벤트",
    other_locales: "다른 언어:",
    all_pages: "전체 페이지",
    services: "서비스",
    markers: "- **폐기**: 이전 버전의 이벤트 목록에만 있는 ID입니다(이전 로그를 해석할 수 있도록 유지). \
날짜는 알려진 경우 마지막으로 목록에서 제거된 날입니다.\n\
- *(번역 안 됨)*: 한국어 이름이 번역이 아닙니다.\n\
- *(한국어 목록에 없음)*: 한국어 이벤트 목록에 해당 ID가 없어, 괄호 안에 적은 언어의 이름을 표시합니다.\n\
- *에디션*: 표준 목록 외에 해당 ID를 싣고 있는 이벤트 목록의 에디션입니다.",
    header: ["이름", "이벤트 ID", "의미", "비고"],
    retired: "폐기",
    untranslated: "번역 안 됨",
    editions: "에디션",
    no_service: "서비스 없음",
    no_service_note: "서비스 없이 나열된 이벤트",
    unknown_service_note: "카탈로그의 서비스 목록에 없는 서비스",
    no_title_anywhere: "어느 언어에도 제목 없음",
    no_name_anywhere: "어느 언어에도 이름 없음",
    names: ["한국어", "영어", "일본어", "중국어"],
    not_listed: "{this} 목록에 없음",
    no_name: "{this} 이름 없음",
    fallback: "{why}; {from} 이름",
    no_title: "{this} 제목 없음; {from} 제목 표시",
    summary: "이벤트 ID {ids}개(현재 목록 {listed}개, 폐기 {retired}개), 서비스 {services}개. {this} 이름이 있는 이벤트 {named}개.",
};

const JA: Labels = Labels {
    lang: "ja",
    title: "NHN Cloud CloudTrail イベント",
    other_locales: "他の言語:",
    all_pages: "すべてのページ",
    services: "サービス",
    markers: "- **廃止**: 以前の版のイベント一覧にのみ載っているIDです(古いログを解決できるよう残しています)。\
日付は、分かる場合に最後に一覧から削除された日です。\n\
- *(未翻訳)*: 日本語名が翻訳ではありません。\n\
- *(日本語の一覧にない)*: 日本語のイベント一覧にそのIDがないため、括弧内の言語の名前を表示しています。\n\
- *エディション*: 標準以外でそのIDを載せているイベント一覧のエディションです。",
    header: ["名前", "イベントID", "意味", "備考"],
    retired: "廃止",
    untranslated: "未翻訳",
    editions: "エディション",
    no_service: "サービスなし",
    no_service_note: "サービスなしで掲載されたイベント",
    unknown_service_note: "カタログのサービス一覧にないサービス",
    no_title_anywhere: "どの言語にもタイトルなし",
    no_name_anywhere: "どの言語にも名前なし",
    names: ["韓国語", "英語", "日本語", "中国語"],
    not_listed: "{this}の一覧にない",
    no_name: "{this}名なし",
    fallback: "{why}; {from}名",
    no_title: "{this}のタイトルなし; {from}を表示",
    summary: "イベントID {ids}件(掲載中 {listed}件、廃止 {retired}件)、サービス {services}件。{this}名があるイベント {named}件。",
};

const ZH: Labels = Labels {
    lang: "zh",
    title: "NHN Cloud CloudTrail 事件",
    other_locales: "其他语言:",
    all_pages: "所有页面",
    services: "服务",
    markers: "- **已停用**: 该 ID 只出现在旧版事件列表中(保留是为了仍能解析旧日志);日期为已知时最后一次从列表中删除的日期。\n\
- *(未翻译)*: 中文名称不是译文(例如与英文名称相同)。\n\
- *(不在中文列表中)*: 中文事件列表没有该 ID,显示的是括号中所注语言的名称。\n\
- *版本*: 除标准版之外列有该 ID 的事件列表版本。",
    header: ["名称", "事件 ID", "含义", "备注"],
    retired: "已停用",
    untranslated: "未翻译",
    editions: "版本",
    no_service: "无服务",
    no_service_note: "未归入任何服务的事件",
    unknown_service_note: "不在目录服务列表中的服务",
    no_title_anywhere: "任何语言都没有标题",
    no_name_anywhere: "任何语言都没有名称",
    names: ["韩语", "英语", "日语", "中文"],
    not_listed: "不在{this}列表中",
    no_name: "无{this}名称",
    fallback: "{why}; {from}名称",
    no_title: "无{this}标题; 显示{from}标题",
    summary: "共 {ids} 个事件 ID(当前列出 {listed} 个,已停用 {retired} 个),{services} 个服务;其中 {named} 个有{this}名称。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_its_own_labels() {
        for l in Locale::ALL {
            let labels = Labels::of(l);
            assert_eq!(labels.lang, l.code());
            if l != Locale::En {
                for text in [
                    labels.services,
                    labels.header[0],
                    labels.retired,
                    labels.untranslated,
                ] {
                    assert!(!text.is_ascii(), "{l}: {text} is English");
                }
            }
        }
    }
}

//! `src/nhn/mod.rs`: locales, services, event IDs and access rules of NHN CloudTrail.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::model::Status;
use trail_catalog::model::localized;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule};

use crate::keyed::{self, Keyed};
use crate::{doc, doc_code, doc_raw, doc_text, ident, uncastable};

/// The columns of the generated tables of names, one per locale in catalogue order; the crate
/// gets the same list as `LOCALE_COLUMNS`, which its hand-written `Locale` checks at compile time.
const LOCALES: [Locale; 4] = Locale::ALL;

/// Bit of `EVENT_ID_FLAGS`: the ID is retired (the crate gets it as `RETIRED`).
const RETIRED: u8 = 1;

/// Bit of `EVENT_ID_FLAGS`: the name in the locale of column `column` is untranslated (the crate
/// gets these as `UNTRANSLATED`).
fn untranslated(column: usize) -> u8 {
    2 << column
}

/// `Some("text")` or `None`.
pub(crate) fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

/// A small enum with a key per variant (`variants[i]` is the name of `keys[i]`'s): the enum (ending with the hidden [`uncastable`]
/// variant), its tables and a call of the support module's `key_enum!` (`ALL`, `as_str`, a
/// linear `lookup`, the parse error `Parse{ty}Error`, the conversions and serde).
///
/// `module` is the type's module in the crate (`nhn`), for the examples; `docs[i]`, when
/// given, is the text of variant `i`'s doc comment (made inert), else `The {what} {key}.`.
pub(crate) fn small_enum(
    ty: &str,
    what: &str,
    module: &str,
    doc_attr: TokenStream,
    keys: &[&str],
    variants: &[&str],
    docs: &[String],
) -> (TokenStream, Vec<proc_macro2::Ident>) {
    let ty_i = ident(ty);
    let variants: Vec<proc_macro2::Ident> = variants.iter().map(|s| ident(s)).collect();
    let docs = keys.iter().enumerate().map(|(i, k)| match docs.get(i) {
        Some(text) => doc(text),
        None => doc(&format!("The {what} {k}.")),
    });
    let n = Literal::usize_unsuffixed(keys.len());
    let upper = crate::keyed::to_screaming(ty);
    let all_tab = quote::format_ident!("{upper}_ALL");
    let keys_tab = quote::format_ident!("{upper}_KEYS");
    let err = quote::format_ident!("Parse{ty}Error");
    let hidden = uncastable();
    let code = quote! {
        #doc_attr
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ty_i {
            #( #docs #variants, )*
            #hidden
        }

        const #all_tab: [#ty_i; #n] = [#(#ty_i::#variants),*];
        static #keys_tab: [&str; #n] = [#(#keys),*];
        crate::support::key_enum!(#ty_i, #what, module: #module, error: #err, all: #all_tab, keys: #keys_tab);
    };
    (code, variants)
}

/// The file's code.
pub(crate) fn tokens(catalog: &Catalog) -> Result<TokenStream, String> {
    let nhn = &catalog.nhn;

    // Services.
    let service_keys: Vec<&str> = nhn.services.iter().map(|s| s.key.as_str()).collect();
    let (service_code, service_variants) = small_enum(
        "Service",
        "service",
        "nhn",
        quote! {
            /// A service section of the NHN CloudTrail event list. `as_str` gives its stable key
            /// (the English section title, slugged); [`Service::name`] the title per locale.
            ///
            /// ```
            /// use cloud_trail_events::nhn::{Locale, Service};
            /// let first = Service::ALL[0];
            /// assert_eq!(first.as_str().parse::<Service>(), Ok(first));
            /// let _title: Option<&str> = first.name(Locale::En);
            /// for id in first.events() {
            ///     assert!(id.services().contains(&first));
            /// }
            /// ```
        },
        &service_keys,
        &nhn.services
            .iter()
            .map(|s| s.variant.as_str())
            .collect::<Vec<_>>(),
        &nhn.services
            .iter()
            .map(|s| match s.display_name(Locale::En).map(|(_, t)| t) {
                Some(t) => format!("{t} (key {})", s.key),
                None => format!("Key {}", s.key),
            })
            .collect::<Vec<_>>(),
    );
    let service_names = nhn.services.iter().map(|s| {
        let per = LOCALES
            .iter()
            .map(|l| opt_str(s.names.get(l).map(String::as_str)));
        quote! { [#(#per),*] }
    });
    let ns = Literal::usize_unsuffixed(nhn.services.len());

    // Events.
    let keys: Vec<&str> = nhn.events.iter().map(|e| e.id.as_str()).collect();
    let variant_docs: Vec<TokenStream> = nhn
        .events
        .iter()
        .map(|e| {
            let name = |l: Locale| {
                e.names
                    .get(&l)
                    .map(|s| doc_text(s))
                    .unwrap_or_else(|| "\\-".into())
            };
            let first = format!(" {} / {}", name(Locale::Ko), name(Locale::En));
            let id = format!(" ID: {}", doc_code(&e.id));
            let retired = (e.status == Status::Retired)
                .then(|| doc_raw("Retired: only in older revisions of the event list."));
            quote! { #[doc = #first] #[doc = ""] #[doc = #id] #retired }
        })
        .collect();
    let (event_code, _variants) = keyed::tokens(&Keyed {
        ty: "EventId",
        what: "NHN CloudTrail event ID",
        keys: keys.clone(),
        variants: nhn.events.iter().map(|e| e.variant.as_str()).collect(),
        // The forms the docs wrote that overrides.yaml corrects still parse, to the corrected ID.
        aliases: catalog
            .corrected_nhn_ids()
            .into_iter()
            .filter_map(|(from, to)| Some((from, keys.binary_search(&to).ok()?)))
            .collect(),
        variant_docs,
        enum_doc: quote! {
            /// An NHN CloudTrail event ID the catalogue knows, e.g. `event_id.iaas.instance.create`.
            ///
            /// One variant per ID, named from the ID (`IaasInstanceCreate`); each variant's docs give
            /// its Korean and English names. New IDs appear upstream all the time: the enum is
            /// `#[non_exhaustive]`, and data that may hold IDs this version does not know should use
            /// [`AnyEventId`]. Parsing is strict and exact: see [`EventId::lookup`]. An ID the
            /// docs misspelt (`evnet_id.short_url.url_disable`) parses to the event it means; see
            /// [`EventId::aliases`].
            ///
            /// ```
            /// use cloud_trail_events::nhn::{EventId, Locale};
            /// for id in EventId::ALL.iter().filter(|id| !id.is_retired()).take(3) {
            ///     let _ko: Option<&str> = id.name(Locale::Ko);
            ///     assert_eq!(id.as_str().parse::<EventId>(), Ok(*id));
            /// }
            /// // Store or send the key, never a number: the key is what the logs carry.
            /// let key: &'static str = EventId::ALL[0].into();
            /// assert_eq!(EventId::lookup(key), Some(EventId::ALL[0]));
            /// ```
        },
        err_ty: "ParseEventIdError",
        any_ty: "AnyEventId",
        module: "nhn",
    })?;
    let n = Literal::usize_unsuffixed(keys.len());
    let columns = LOCALES.iter().map(|l| {
        let v = ident(match l {
            Locale::Ko => "Ko",
            Locale::En => "En",
            Locale::Ja => "Ja",
            Locale::Zh => "Zh",
        });
        quote! { Locale::#v }
    });
    let retired = Literal::u8_unsuffixed(RETIRED);
    let untranslated_bits = (0..LOCALES.len()).map(|i| Literal::u8_unsuffixed(untranslated(i)));
    let event_names = nhn.events.iter().map(|e| {
        let per = LOCALES
            .iter()
            .map(|l| opt_str(e.names.get(l).map(String::as_str)));
        quote! { [#(#per),*] }
    });
    let event_services = nhn.events.iter().map(|e| {
        let vs = e
            .services
            .iter()
            .filter_map(|k| service_keys.iter().position(|s| s == k))
            .map(|i| &service_variants[i]);
        quote! { &[#(Service::#vs),*] }
    });
    let date =
        |s: &Option<trail_catalog::model::Seen>| opt_str(s.as_ref().map(|s| s.date.as_str()));
    let first_listed = nhn.events.iter().map(|e| date(&e.first_listed));
    let removed = nhn.events.iter().map(|e| date(&e.removed));
    let editions = nhn.events.iter().map(|e| {
        let eds = &e.editions;
        quote! { &[#(#eds),*] }
    });
    let meanings = nhn
        .events
        .iter()
        .map(|e| crate::meaning_tokens(e.meaning.as_ref()));
    let event_flags = nhn.events.iter().map(|e| {
        let mut f: u8 = if e.status == Status::Retired {
            RETIRED
        } else {
            0
        };
        for (i, l) in LOCALES.iter().enumerate() {
            if e.untranslated.contains(l) {
                f |= untranslated(i);
            }
        }
        Literal::u8_unsuffixed(f)
    });

    // Who may use the service: the rule in force and the former ones.
    let roles = &catalog.roles.nhn;
    let access_expr = |a: &NhnAccess| match &a.rule {
        NhnAccessRule::Permission => quote! { Access::Permission },
        NhnAccessRule::Roles { roles } => quote! { Access::Roles(&[#(#roles),*]) },
    };
    let access = match &roles.access {
        Some(a) => {
            let e = access_expr(a);
            quote! { Some(#e) }
        }
        None => quote! { None },
    };
    // The docs say what the rule is, not where it was read (the places are in the catalogue and
    // its report, which a user of the crate does not have).
    let access_doc = quote! {
        /// Who may use CloudTrail, as the newest overview of the service says it; `None` when the
        /// overview states no rule.
        ///
        /// ```
        /// use cloud_trail_events::nhn::{ACCESS, Access};
        /// if let Some(Access::Roles(roles)) = ACCESS {
        ///     assert!(!roles.is_empty());
        /// }
        /// ```
    };
    let statement = opt_str(
        roles
            .access
            .as_ref()
            .and_then(|a| localized::shown(&a.statements)),
    );
    let former: Vec<TokenStream> = roles.history.iter().map(access_expr).collect();
    let former_doc = doc_raw(
        "What older revisions of the overview said instead, newest first; no longer in force.",
    );
    // The data's date: the newest observation of any event list (and its upstream commit, when
    // the import read it from git).
    let newest = nhn
        .lists
        .iter()
        .max_by(|a, b| (&a.seen.date, &a.seen.commit).cmp(&(&b.seen.date, &b.seen.commit)));
    let data_date = opt_str(newest.map(|l| l.seen.date.as_str()));
    let data_commit = opt_str(newest.and_then(|l| l.seen.commit.as_deref()));
    let permission = opt_str(roles.api_permission.as_deref());
    let user_console = roles.user_console;

    Ok(quote! {
        //! NHN Cloud CloudTrail: event IDs with their names and services, who may use the service
        //! ([`ACCESS`], and the rules it replaced), and the search API types in [`api`].
        //!
        //! ```
        //! use cloud_trail_events::nhn::{EventId, Locale, Service};
        //! // What a log line's `eventId` is, by service.
        //! let service = Service::ALL[0];
        //! for id in service.events().filter(|id| !id.is_retired()) {
        //!     let _english = id.name(Locale::En).unwrap_or(id.as_str());
        //! }
        //! // Unknown IDs are an error strictly, or kept with `AnyEventId` (feature `alloc`).
        //! assert!("event_id.from.the.future".parse::<EventId>().is_err());
        //! ```

        #[cfg(feature = "alloc")]
        #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
        pub mod api;
        mod meta;

        pub use meta::{Access, Locale, ParseLocaleError};

        #service_code

        /// The locale of each column of `SERVICE_NAMES`, `EVENT_ID_NAMES` and `UNTRANSLATED`.
        const LOCALE_COLUMNS: [Locale; 4] = [#(#columns),*];
        /// Bit of `EVENT_ID_FLAGS`: the ID is retired.
        const RETIRED: u8 = #retired;
        /// Bits of `EVENT_ID_FLAGS`, per locale column: the name in that locale is untranslated.
        const UNTRANSLATED: [u8; 4] = [#(#untranslated_bits),*];

        static SERVICE_NAMES: [[Option<&str>; 4]; #ns] = [#(#service_names),*];

        #event_code

        static EVENT_ID_NAMES: [[Option<&str>; 4]; #n] = [#(#event_names),*];
        static EVENT_ID_SERVICES: [&[Service]; #n] = [#(#event_services),*];
        /// `RETIRED` and `UNTRANSLATED` bits.
        static EVENT_ID_FLAGS: [u8; #n] = [#(#event_flags),*];

        static EVENT_ID_FIRST_LISTED: [Option<&str>; #n] = [#(#first_listed),*];
        static EVENT_ID_REMOVED: [Option<&str>; #n] = [#(#removed),*];
        static EVENT_ID_EDITIONS: [&[&str]; #n] = [#(#editions),*];
        static EVENT_ID_MEANINGS: [crate::ocsf::Meaning; #n] = [#(#meanings),*];

        #access_doc
        pub const ACCESS: Option<Access> = #access;

        /// The sentence stating [`ACCESS`] (English, else Korean), if the overview has one.
        pub const ACCESS_STATEMENT: Option<&str> = #statement;

        #former_doc
        pub const FORMER_ACCESS: &[Access] = &[#(#former),*];

        /// The date (`YYYY-MM-DD`) of the newest NHN event list this version of the crate holds,
        /// like chrono-tz's `IANA_TZDB_VERSION`: an event ID listed after it is unknown here
        /// (use [`AnyEventId`] for data). `None` only for an empty catalogue.
        ///
        /// ```
        /// if let Some(date) = cloud_trail_events::nhn::DATA_DATE {
        ///     assert_eq!(date.len(), "2026-03-23".len());
        /// }
        /// ```
        pub const DATA_DATE: Option<&str> = #data_date;

        /// The commit of the vendor's documentation repository that list was read from, when
        /// it was read from the repository's history; `None` when it was read from a copy of the
        /// published documents (then [`DATA_DATE`] is the date of that copy).
        pub const DATA_COMMIT: Option<&str> = #data_commit;

        /// The IAM permission the v2.0 search API needs, if the guide names one.
        pub const API_PERMISSION: Option<&str> = #permission;

        /// Whether CloudTrail is available from the user console (the overview says it is not:
        /// only from the organization console).
        pub const USER_CONSOLE: bool = #user_console;
    })
}

//! `src/nhn/mod.rs`: locales, services, event IDs and access rules of NHN CloudTrail.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::SourceRef;
use trail_catalog::model::Status;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule};

use crate::keyed::{self, Keyed};
use crate::{doc, doc_code, doc_raw, doc_text, ident};

const LOCALES: [Locale; 4] = [Locale::Ko, Locale::En, Locale::Ja, Locale::Zh];

/// `Some("text")` or `None`.
pub(crate) fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

/// A small enum with a key per variant: the enum, its tables and a call of the support module's
/// `key_enum!` (`ALL`, `as_str`, a linear `from_key`, Display and serde).
///
/// `from_fn` names the parsing function (`from_key`, `from_name`).
/// `docs[i]`, when given, is the text of variant `i`'s doc comment (made inert), else `what key`.
/// `a:1, b:2`: the places a fact was read.
fn sources_text(sources: &[SourceRef]) -> String {
    sources
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn small_enum(
    ty: &str,
    what: &str,
    doc_attr: TokenStream,
    keys: &[&str],
    docs: &[String],
    from_fn: &str,
) -> (TokenStream, Vec<proc_macro2::Ident>) {
    let ty_i = ident(ty);
    let variants: Vec<proc_macro2::Ident> = trail_catalog::naming::idents(keys, "")
        .iter()
        .map(|s| ident(s))
        .collect();
    let docs = keys.iter().enumerate().map(|(i, k)| match docs.get(i) {
        Some(text) => doc(text),
        None => doc(&format!("The {what} {k}.")),
    });
    let n = Literal::usize_unsuffixed(keys.len());
    let upper = ty.to_uppercase();
    let all_tab = quote::format_ident!("{upper}_ALL");
    let keys_tab = quote::format_ident!("{upper}_KEYS");
    let from_i = ident(from_fn);
    let code = quote! {
        #doc_attr
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #ty_i {
            #( #docs #variants, )*
        }

        const #all_tab: [#ty_i; #n] = [#(#ty_i::#variants),*];
        static #keys_tab: [&str; #n] = [#(#keys),*];
        crate::support::key_enum!(#ty_i, #what, #from_i, #all_tab, #keys_tab);
    };
    (code, variants)
}

/// The file's code.
pub fn tokens(catalog: &Catalog) -> TokenStream {
    let nhn = &catalog.nhn;

    // Services.
    let service_keys: Vec<&str> = nhn.services.iter().map(|s| s.key.as_str()).collect();
    let (service_code, service_variants) = small_enum(
        "Service",
        "service",
        doc_raw(
            "A service section of the NHN CloudTrail event list. `as_str` gives its stable key.",
        ),
        &service_keys,
        &nhn.services
            .iter()
            .map(|s| {
                let title = [Locale::En, Locale::Ko, Locale::Ja, Locale::Zh]
                    .iter()
                    .find_map(|l| s.names.get(l));
                match title {
                    Some(t) => format!("{t} (key {})", s.key),
                    None => format!("Key {}", s.key),
                }
            })
            .collect::<Vec<_>>(),
        "from_key",
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
        },
        err_ty: "ParseEventIdError",
        any_ty: "AnyEventId",
    });
    let n = Literal::usize_unsuffixed(keys.len());
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
    let event_flags = nhn.events.iter().map(|e| {
        let mut f: u8 = if e.status == Status::Retired { 1 } else { 0 };
        for (i, l) in LOCALES.iter().enumerate() {
            if e.untranslated.contains(l) {
                f |= 2 << i;
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
    let access_doc = doc_raw(&format!(
        "Who may use CloudTrail, as the newest overview says it{}.",
        roles
            .access
            .as_ref()
            .map(|a| format!(" ({})", sources_text(&a.sources)))
            .unwrap_or_default()
    ));
    let statement = opt_str(
        roles
            .access
            .as_ref()
            .and_then(|a| {
                a.statements
                    .get(&Locale::En)
                    .or_else(|| a.statements.get(&Locale::Ko))
            })
            .map(String::as_str),
    );
    let former: Vec<TokenStream> = roles.history.iter().map(access_expr).collect();
    let former_doc = doc_raw(&format!(
        "What older overview revisions said instead, newest first; no longer in force{}.",
        if roles.history.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                roles
                    .history
                    .iter()
                    .map(|h| sources_text(&h.sources))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        }
    ));
    let permission = opt_str(roles.api_permission.as_deref());
    let user_console = roles.user_console;

    quote! {
        //! NHN Cloud CloudTrail: event IDs with their names and services, who may use the service
        //! ([`ACCESS`], and the rules it replaced), and the search API types in [`api`].

        use core::fmt;
        use core::str::FromStr;

        #[cfg(feature = "alloc")]
        pub mod api;
        mod meta;

        pub use meta::{Access, Locale};

        #service_code

        static SERVICE_NAMES: [[Option<&str>; 4]; #ns] = [#(#service_names),*];

        #event_code

        static EVENT_ID_NAMES: [[Option<&str>; 4]; #n] = [#(#event_names),*];
        static EVENT_ID_SERVICES: [&[Service]; #n] = [#(#event_services),*];
        /// Bit 0: retired; bit 1 + locale: that locale's name is untranslated.
        static EVENT_ID_FLAGS: [u8; #n] = [#(#event_flags),*];

        static EVENT_ID_FIRST_LISTED: [Option<&str>; #n] = [#(#first_listed),*];
        static EVENT_ID_REMOVED: [Option<&str>; #n] = [#(#removed),*];
        static EVENT_ID_EDITIONS: [&[&str]; #n] = [#(#editions),*];

        #access_doc
        pub const ACCESS: Option<Access> = #access;

        /// The sentence stating [`ACCESS`] (English, else Korean), if the overview has one.
        pub const ACCESS_STATEMENT: Option<&str> = #statement;

        #former_doc
        pub const FORMER_ACCESS: &[Access] = &[#(#former),*];

        /// The IAM permission the v2.0 search API needs, if the guide names one.
        pub const API_PERMISSION: Option<&str> = #permission;

        /// Whether CloudTrail is available from the user console (the overview says it is not:
        /// only from the organization console).
        pub const USER_CONSOLE: bool = #user_console;
    }
}

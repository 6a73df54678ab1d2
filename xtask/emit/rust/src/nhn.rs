//! `src/nhn/mod.rs`: locales, services, event IDs and access rules of NHN CloudTrail.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::SourceRef;
use trail_catalog::model::Status;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule};

use crate::keyed::{self, Keyed};
use crate::{doc, doc_code, doc_raw, doc_text, ident, names};

const LOCALES: [Locale; 4] = [Locale::Ko, Locale::En, Locale::Ja, Locale::Zh];

/// `Some("text")` or `None`.
pub(crate) fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

/// A small enum with a key per variant, `ALL`, `as_str`, a linear `from_key`, Display and serde.
///
/// `from_fn` names the parsing function (`from_key`, `from_name`).
/// `docs[i]`, when given, is the text of variant `i`'s doc comment (made inert), else `what key`.
/// `a:1, b:2`: the places a fact was read.
fn sources_text(sources: &[SourceRef]) -> String {
    sources.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
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
    let from_i = ident(from_fn);
    let variants: Vec<proc_macro2::Ident> = names::idents(keys, "").iter().map(|s| ident(s)).collect();
    let docs = keys.iter().enumerate().map(|(i, k)| match docs.get(i) {
        Some(text) => doc(text),
        None => doc(&format!("The {what} {k}.")),
    });
    let n = Literal::usize_unsuffixed(keys.len());
    let as_str_body = if keys.is_empty() {
        quote! { match self {} }
    } else {
        quote! { [#(#keys),*][self as usize] }
    };
    let _ = n;
    let expecting = format!("a known {what}");
    let from_doc = doc_raw(&format!("The variant for exactly `{}`, if any.", "key"));
    let code = quote! {
        #doc_attr
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #ty_i {
            #( #docs #variants, )*
        }

        impl #ty_i {
            /// Every variant, in key order.
            pub const ALL: &'static [#ty_i] = &[#(#ty_i::#variants),*];

            /// The key as the catalogue and the vendor write it.
            pub fn as_str(self) -> &'static str {
                #as_str_body
            }

            #from_doc
            pub fn #from_i(key: &str) -> Option<#ty_i> {
                Self::ALL.iter().copied().find(|v| v.as_str() == key)
            }
        }

        impl fmt::Display for #ty_i {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for #ty_i {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #ty_i {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<#ty_i, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = #ty_i;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<#ty_i, E> {
                        #ty_i::#from_i(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }
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
        doc_raw("A service section of the NHN CloudTrail event list. `as_str` gives its stable key."),
        &service_keys,
        &nhn
            .services
            .iter()
            .map(|s| {
                let title = [Locale::En, Locale::Ko, Locale::Ja, Locale::Zh].iter().find_map(|l| s.names.get(l));
                match title {
                    Some(t) => format!("{t} (key {})", s.key),
                    None => format!("Key {}", s.key),
                }
            })
            .collect::<Vec<_>>(),
        "from_key",
    );
    let service_names = nhn.services.iter().map(|s| {
        let per = LOCALES.iter().map(|l| opt_str(s.names.get(l).map(String::as_str)));
        quote! { [#(#per),*] }
    });
    let ns = Literal::usize_unsuffixed(nhn.services.len());

    // Events.
    let keys: Vec<&str> = nhn.events.iter().map(|e| e.id.as_str()).collect();
    let variant_docs: Vec<TokenStream> = nhn
        .events
        .iter()
        .map(|e| {
            let name = |l: Locale| e.names.get(&l).map(|s| doc_text(s)).unwrap_or_else(|| "\\-".into());
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
        prefix: "event_id.",
        variant_docs,
        enum_doc: quote! {
            /// An NHN CloudTrail event ID the catalogue knows, e.g. `event_id.iaas.instance.create`.
            ///
            /// One variant per ID, named from the ID (`IaasInstanceCreate`); each variant's docs give
            /// its Korean and English names. New IDs appear upstream all the time: the enum is
            /// `#[non_exhaustive]`, and data that may hold IDs this version does not know should use
            /// [`AnyEventId`]. Parsing is strict and exact: see [`EventId::lookup`].
        },
        err_ty: "ParseEventIdError",
        any_ty: "AnyEventId",
    });
    let n = Literal::usize_unsuffixed(keys.len());
    let event_names = nhn.events.iter().map(|e| {
        let per = LOCALES.iter().map(|l| opt_str(e.names.get(l).map(String::as_str)));
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
        roles.access.as_ref().map(|a| format!(" ({})", sources_text(&a.sources))).unwrap_or_default()
    ));
    let statement = opt_str(
        roles.access.as_ref().and_then(|a| a.statements.get(&Locale::En).or_else(|| a.statements.get(&Locale::Ko))).map(String::as_str),
    );
    let former: Vec<TokenStream> = roles.history.iter().map(access_expr).collect();
    let former_doc = doc_raw(&format!(
        "What older overview revisions said instead, newest first; no longer in force{}.",
        if roles.history.is_empty() {
            String::new()
        } else {
            format!(" ({})", roles.history.iter().map(|h| sources_text(&h.sources)).collect::<Vec<_>>().join("; "))
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

        /// A documentation locale of NHN Cloud.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Locale {
            /// Korean, the vendor's source language.
            Ko,
            /// English.
            En,
            /// Japanese.
            Ja,
            /// Chinese (simplified).
            Zh,
        }

        impl Locale {
            /// Every locale, in the vendor's order.
            pub const ALL: [Locale; 4] = [Locale::Ko, Locale::En, Locale::Ja, Locale::Zh];

            /// The lowercase code: `ko`, `en`, `ja`, `zh`.
            pub fn code(self) -> &'static str {
                ["ko", "en", "ja", "zh"][self as usize]
            }

            /// The locale with this lowercase code, if any.
            pub fn from_code(code: &str) -> Option<Locale> {
                Locale::ALL.iter().copied().find(|l| l.code() == code)
            }
        }

        impl fmt::Display for Locale {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for Locale {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for Locale {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Locale, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = Locale;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("one of ko, en, ja, zh")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Locale, E> {
                        Locale::from_code(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }

        #service_code

        static SERVICE_NAMES: [[Option<&str>; 4]; #ns] = [#(#service_names),*];

        impl Service {
            /// The section heading in `locale`, if that locale's event list has it.
            pub fn name(self, locale: Locale) -> Option<&'static str> {
                SERVICE_NAMES[Service::ALL.iter().position(|s| *s == self).unwrap_or(0)][locale as usize]
            }
        }

        #event_code

        static EVENT_ID_NAMES: [[Option<&str>; 4]; #n] = [#(#event_names),*];
        static EVENT_ID_SERVICES: [&[Service]; #n] = [#(#event_services),*];
        /// Bit 0: retired; bit 1 + locale: that locale's name is untranslated.
        static EVENT_ID_FLAGS: [u8; #n] = [#(#event_flags),*];

        impl EventId {
            /// The event's name in `locale` as the vendor publishes it; `None` when that locale's
            /// event list does not give this ID. See [`EventId::is_untranslated`].
            pub fn name(self, locale: Locale) -> Option<&'static str> {
                EVENT_ID_NAMES[self.index()][locale as usize]
            }

            /// Whether the name in `locale` is not a translation (for example a zh name that is
            /// the English one).
            pub fn is_untranslated(self, locale: Locale) -> bool {
                EVENT_ID_FLAGS[self.index()] & (2 << locale as u8) != 0
            }

            /// The services the event is listed under (one or more), in key order.
            pub fn services(self) -> &'static [Service] {
                EVENT_ID_SERVICES[self.index()]
            }

            /// Whether the ID is only in older revisions of the event list. Retired IDs are kept
            /// so that old logs still resolve.
            pub fn is_retired(self) -> bool {
                EVENT_ID_FLAGS[self.index()] & 1 != 0
            }
        }

        /// Who may use NHN CloudTrail.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Access {
            /// Organization members with CloudTrail permissions; the v2.0 search API needs
            /// [`API_PERMISSION`].
            Permission,
            /// Only these organization roles, as the console writes them (e.g. `LOG_VIEWER`).
            Roles(&'static [&'static str]),
        }

        impl Access {
            /// Whether a member with organization role `role` may use CloudTrail under this rule:
            /// `Some` for a rule by roles (exact match), `None` for the rule by permission, where
            /// the role alone does not tell.
            pub fn allows_role(self, role: &str) -> Option<bool> {
                match self {
                    Access::Permission => None,
                    Access::Roles(roles) => Some(roles.contains(&role)),
                }
            }
        }

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

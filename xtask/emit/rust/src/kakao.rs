//! `src/kakao.rs`: KakaoCloud Cloud Trail events, scopes and roles.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::model::Scope;
use trail_catalog::model::roles::RoleKind;

use crate::keyed::{self, Keyed};
use crate::nhn::{opt_str, small_enum};
use crate::{doc_code, doc_raw, doc_text};

fn scope(s: Scope) -> TokenStream {
    match s {
        Scope::Organization => quote! { Scope::Organization },
        Scope::Project => quote! { Scope::Project },
    }
}

/// The file's code.
pub fn tokens(catalog: &Catalog) -> TokenStream {
    let kakao = &catalog.kakao;
    let keys: Vec<&str> = kakao.events.iter().map(|e| e.key.as_str()).collect();
    let variant_docs: Vec<TokenStream> = kakao
        .events
        .iter()
        .map(|e| {
            let first = format!(" {}", doc_text(&e.name.en));
            let where_ = format!(
                " {} event of {} / {}. Key: {}",
                match e.scope {
                    Scope::Organization => "Organization",
                    Scope::Project => "Project",
                },
                doc_text(&e.service),
                doc_text(&e.resource_type),
                doc_code(&e.key)
            );
            quote! { #[doc = #first] #[doc = ""] #[doc = #where_] }
        })
        .collect();
    let (event_code, _) = keyed::tokens(&Keyed {
        ty: "Event",
        what: "KakaoCloud Cloud Trail event key",
        keys: keys.clone(),
        prefix: "",
        variant_docs,
        enum_doc: quote! {
            /// A KakaoCloud Cloud Trail event the catalogue knows.
            ///
            /// Its key (`as_str`) is `service/resource-type/event-name`, each part slugged, e.g.
            /// `virtual-machine/block-storage/volume-create`; the page has no event IDs. One variant
            /// per event, named from the key.
        },
        err_ty: "ParseEventError",
        any_ty: "AnyEvent",
    });
    let n = Literal::usize_unsuffixed(keys.len());
    let scopes = kakao.events.iter().map(|e| scope(e.scope));
    let services = kakao.events.iter().map(|e| e.service.as_str());
    let resource_types = kakao.events.iter().map(|e| e.resource_type.as_str());
    let names_en = kakao.events.iter().map(|e| e.name.en.as_str());
    let names_ko = kakao.events.iter().map(|e| opt_str(e.name.ko.as_deref()));
    let descriptions = kakao.events.iter().map(|e| opt_str(e.description.as_deref()));

    let rules = &catalog.roles.kakao.rules;
    let role_keys: Vec<&str> = rules.iter().map(|r| r.role.as_str()).collect();
    let (role_code, _) = small_enum(
        "Role",
        "role",
        doc_raw(
            "A KakaoCloud IAM role named by the Cloud Trail page, with the event scopes it may view \
             (the latest page revision's rules). `as_str` gives the name as the page writes it.",
        ),
        &role_keys,
        &[],
        "from_name",
    );
    let nr = Literal::usize_unsuffixed(rules.len());
    let role_kinds = rules.iter().map(|r| match r.kind {
        RoleKind::Organization => quote! { RoleKind::Organization },
        RoleKind::Project => quote! { RoleKind::Project },
    });
    let role_views = rules.iter().map(|r| {
        let bits: u8 = r.may_view.iter().map(|s| 1u8 << (*s as u8)).fold(0, |a, b| a | b);
        Literal::u8_unsuffixed(bits)
    });
    let versions = kakao.versions.iter().map(|v| {
        let rt = v.resource_type.as_str();
        let vs = &v.versions;
        quote! { ResourceVersions { resource_type: #rt, versions: &[#(#vs),*] } }
    });

    quote! {
        //! KakaoCloud Cloud Trail: organization and project events, and which roles may view them.

        use core::fmt;
        use core::str::FromStr;

        /// Which event list an event belongs to, and so who may view it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Scope {
            /// Events of organization-wide services.
            Organization,
            /// Events of project-wide services.
            Project,
        }

        impl Scope {
            /// Both scopes.
            pub const ALL: [Scope; 2] = [Scope::Organization, Scope::Project];

            /// `organization` or `project`.
            pub fn as_str(self) -> &'static str {
                ["organization", "project"][self as usize]
            }
        }

        impl fmt::Display for Scope {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for Scope {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for Scope {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = Scope;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("organization or project")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scope, E> {
                        Scope::ALL.iter().copied().find(|s| s.as_str() == v)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }

        /// Whether a role is an organization role or a project role.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RoleKind {
            /// An organization role.
            Organization,
            /// A project role.
            Project,
        }

        #event_code

        static EVENT_SCOPES: [Scope; #n] = [#(#scopes),*];
        static EVENT_SERVICES: [&str; #n] = [#(#services),*];
        static EVENT_RESOURCE_TYPES: [&str; #n] = [#(#resource_types),*];
        static EVENT_NAMES_EN: [&str; #n] = [#(#names_en),*];
        static EVENT_NAMES_KO: [Option<&str>; #n] = [#(#names_ko),*];
        static EVENT_DESCRIPTIONS: [Option<&str>; #n] = [#(#descriptions),*];

        impl Event {
            /// Organization or project event.
            pub fn scope(self) -> Scope {
                EVENT_SCOPES[self.index()]
            }

            /// The service, as the page writes it, e.g. `Virtual Machine`.
            pub fn service(self) -> &'static str {
                EVENT_SERVICES[self.index()]
            }

            /// The resource type, as the page writes it, e.g. `Block Storage`.
            pub fn resource_type(self) -> &'static str {
                EVENT_RESOURCE_TYPES[self.index()]
            }

            /// The English name as published (typos kept unless an override corrects them).
            pub fn name(self) -> &'static str {
                EVENT_NAMES_EN[self.index()]
            }

            /// The Korean name, when a Korean page was imported.
            pub fn name_ko(self) -> Option<&'static str> {
                EVENT_NAMES_KO[self.index()]
            }

            /// The page's description, where its table has a Description column.
            pub fn description(self) -> Option<&'static str> {
                EVENT_DESCRIPTIONS[self.index()]
            }
        }

        #role_code

        static ROLE_KINDS: [RoleKind; #nr] = [#(#role_kinds),*];
        /// Bit per scope (`1 << Scope as u8`) the role may view.
        static ROLE_VIEWS: [u8; #nr] = [#(#role_views),*];

        impl Role {
            fn position(self) -> usize {
                Role::ALL.iter().position(|r| *r == self).unwrap_or(0)
            }

            /// Organization or project role.
            pub fn kind(self) -> RoleKind {
                ROLE_KINDS[self.position()]
            }

            /// Whether this role may view events of `scope`.
            pub fn may_view(self, scope: Scope) -> bool {
                ROLE_VIEWS[self.position()] & (1 << scope as u8) != 0
            }
        }

        /// A row of the page's resource type -> versions table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct ResourceVersions {
            /// The resource type, e.g. `Hadoop HDE`.
            pub resource_type: &'static str,
            /// Its versions as listed, in page order.
            pub versions: &'static [&'static str],
        }

        /// The page's resource type -> versions table, sorted by resource type.
        pub static RESOURCE_VERSIONS: &[ResourceVersions] = &[#(#versions),*];
    }
}

//! `src/kakao.rs`: KakaoCloud Cloud Trail events, scopes and roles.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::model::Scope;
use trail_catalog::model::roles::RoleKind;

use crate::keyed::{self, Keyed};
use crate::nhn::{opt_str, small_enum};
use crate::{doc_code, doc_raw, doc_text, ident};

fn scope(s: Scope) -> TokenStream {
    match s {
        Scope::Organization => quote! { Scope::Organization },
        Scope::Project => quote! { Scope::Project },
    }
}

/// The file's code.
pub(crate) fn tokens(catalog: &Catalog) -> Result<TokenStream, String> {
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
            let retired = e.removed.as_ref().map(|r| {
                doc_raw(&format!(
                    "Retired: the pages stopped listing it (as of {}); its key still resolves.",
                    r.date
                ))
            });
            quote! { #[doc = #first] #[doc = ""] #[doc = #where_] #retired }
        })
        .collect();
    let (event_code, _) = keyed::tokens(&Keyed {
        ty: "Event",
        what: "KakaoCloud Cloud Trail event key",
        keys: keys.clone(),
        variants: kakao.events.iter().map(|e| e.variant.as_str()).collect(),
        aliases: kakao
            .events
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a.as_str(), i)))
            .collect(),
        variant_docs,
        enum_doc: quote! {
            /// A KakaoCloud Cloud Trail event the catalogue knows.
            ///
            /// Its key (`as_str`) is `service/resource-type/event-name`, each part slugged, e.g.
            /// `virtual-machine/block-storage/volume-create`; the page has no event IDs. A version at
            /// the end of the resource type is left out of the key, so that it survives a version
            /// bump; keys that held one still resolve (see [`Event::aliases`]). Logs carry the
            /// service and the event name: see [`Event::from_service_and_name`]. One variant per
            /// event, named once from the key when it first appeared and never renamed.
            ///
            /// ```
            /// use cloud_trail_events::kakao::{Event, Scope};
            /// let first = Event::ALL[0];
            /// // A log record carries the service and the event name.
            /// let found = Event::from_service_and_name(first.service(), first.name());
            /// assert!(found.is_some());
            /// let _visible_to_project_roles = first.scope() == Scope::Project;
            /// assert_eq!(first.as_str().parse::<Event>(), Ok(first));
            /// ```
        },
        err_ty: "ParseEventError",
        any_ty: "AnyEvent",
        module: "kakao",
    })?;
    let n = Literal::usize_unsuffixed(keys.len());
    let mut by_name: Vec<(&str, &str, bool, &str)> = kakao
        .events
        .iter()
        .flat_map(|e| {
            // The name as the catalogue gives it, then the page's spellings an override corrects.
            std::iter::once(&e.name.en)
                .chain(&e.former_names)
                .map(move |n| {
                    (
                        e.service.as_str(),
                        n.as_str(),
                        e.is_retired(),
                        e.variant.as_str(),
                    )
                })
        })
        .collect();
    // The order `Event::from_service_and_name` searches: ASCII case folded, then listed events
    // before retired ones (a name the pages moved to a new key finds the listed event first),
    // then key order.
    by_name.sort_by_cached_key(|(s, n, retired, _)| {
        (s.to_ascii_lowercase(), n.to_ascii_lowercase(), *retired)
    });
    let n_by_name = Literal::usize_unsuffixed(by_name.len());
    let by_service_name = by_name.iter().map(|(s, n, _, v)| {
        let v = ident(v);
        quote! { (#s, #n, Event::#v) }
    });
    let scopes = kakao.events.iter().map(|e| scope(e.scope));
    let services = kakao.events.iter().map(|e| e.service.as_str());
    let resource_types = kakao.events.iter().map(|e| e.resource_type.as_str());
    let names_en = kakao.events.iter().map(|e| e.name.en.as_str());
    let names_ko = kakao.events.iter().map(|e| opt_str(e.name.ko.as_deref()));
    let descriptions = kakao
        .events
        .iter()
        .map(|e| opt_str(e.description.as_deref()));
    let meanings = kakao
        .events
        .iter()
        .map(|e| crate::meaning_tokens(e.meaning.as_ref()));
    let removed = kakao
        .events
        .iter()
        .map(|e| opt_str(e.removed.as_ref().map(|r| r.date.as_str())));

    let rules = &catalog.roles.kakao.rules;
    let role_keys: Vec<&str> = rules.iter().map(|r| r.role.as_str()).collect();
    let (role_code, _) = small_enum(
        "Role",
        "role",
        "kakao",
        quote! {
            /// A KakaoCloud IAM role named by the Cloud Trail page, with the event scopes it may
            /// view (the latest page revision's rules). `as_str` gives the name as the page writes
            /// it; [`Role::ALL`] lists the organization roles, then the project roles, each kind by name.
            ///
            /// ```
            /// use cloud_trail_events::kakao::{Role, Scope};
            /// for role in Role::ALL {
            ///     let _may_view_project_events: bool = role.may_view(Scope::Project);
            ///     assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
            /// }
            /// ```
        },
        &role_keys,
        &rules.iter().map(|r| r.variant.as_str()).collect::<Vec<_>>(),
        &[],
    );
    let nr = Literal::usize_unsuffixed(rules.len());
    let role_kinds = rules.iter().map(|r| match r.kind {
        RoleKind::Organization => quote! { RoleKind::Organization },
        RoleKind::Project => quote! { RoleKind::Project },
    });
    let bits = |scopes: &[Scope]| {
        Literal::u8_unsuffixed(
            scopes
                .iter()
                .map(|s| 1u8 << (*s as u8))
                .fold(0, |a, b| a | b),
        )
    };
    let role_views = rules.iter().map(|r| bits(&r.may_view));
    // With a project role: what the page says for that case, else what the role sees alone.
    let role_views_with_project = rules.iter().map(|r| {
        if r.with_project_role.is_empty() {
            bits(&r.may_view)
        } else {
            bits(&r.with_project_role)
        }
    });
    let versions = kakao.versions.iter().map(|v| {
        let rt = v.resource_type.as_str();
        let vs = &v.versions;
        quote! { ResourceVersions { resource_type: #rt, versions: &[#(#vs),*] } }
    });

    Ok(quote! {
        //! KakaoCloud Cloud Trail: organization and project events, and which roles may view them.
        //!
        //! ```
        //! use cloud_trail_events::kakao::{Event, Role};
        //! let event = Event::ALL[0];
        //! let viewers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.may_view(event.scope())).collect();
        //! assert!(viewers.iter().all(|r| r.may_view(event.scope())));
        //! ```

        mod meta;

        pub use meta::{ParseRoleKindError, ParseScopeError, ResourceVersions, RoleKind, Scope};

        #event_code

        static EVENT_SCOPES: [Scope; #n] = [#(#scopes),*];
        static EVENT_SERVICES: [&str; #n] = [#(#services),*];
        static EVENT_RESOURCE_TYPES: [&str; #n] = [#(#resource_types),*];
        static EVENT_NAMES_EN: [&str; #n] = [#(#names_en),*];
        static EVENT_NAMES_KO: [Option<&str>; #n] = [#(#names_ko),*];
        static EVENT_DESCRIPTIONS: [Option<&str>; #n] = [#(#descriptions),*];
        /// The date the pages stopped listing the event (`YYYY-MM-DD`), for a retired one.
        static EVENT_REMOVED: [Option<&str>; #n] = [#(#removed),*];
        static EVENT_MEANINGS: [crate::ocsf::Meaning; #n] = [#(#meanings),*];

        /// `(service, English name, event)`, sorted by service and name ignoring ASCII case.
        static EVENT_BY_SERVICE_NAME: [(&str, &str, Event); #n_by_name] = [#(#by_service_name),*];

        #role_code

        static ROLE_KINDS: [RoleKind; #nr] = [#(#role_kinds),*];
        /// Bit per scope (`1 << Scope as u8`) the role may view.
        static ROLE_VIEWS: [u8; #nr] = [#(#role_views),*];
        /// Bit per scope the role may view when the user also holds a project role.
        static ROLE_VIEWS_WITH_PROJECT_ROLE: [u8; #nr] = [#(#role_views_with_project),*];

        /// The page's resource type -> versions table, sorted by resource type.
        pub static RESOURCE_VERSIONS: &[ResourceVersions] = &[#(#versions),*];
    })
}

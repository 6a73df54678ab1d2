//! A string-keyed enum: one variant per key, static tables, perfect-hash lookup, strict and
//! lenient parsing, hand-written serde. Used for `nhn::EventId` and `kakao::Event`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::{doc_raw, ident, names, phash};

/// What to generate.
pub struct Keyed<'a> {
    /// The enum's name, e.g. `EventId`.
    pub ty: &'a str,
    /// What a key is, for docs and messages, e.g. `NHN CloudTrail event ID`.
    pub what: &'a str,
    /// The keys, sorted and distinct; variant `i` has key `keys[i]`.
    pub keys: Vec<&'a str>,
    /// Prefix dropped from keys when naming variants (`event_id.`).
    pub prefix: &'a str,
    /// Doc attributes per variant.
    pub variant_docs: Vec<TokenStream>,
    /// Doc attributes of the enum.
    pub enum_doc: TokenStream,
    /// The strict parse error's name, e.g. `ParseEventIdError`.
    pub err_ty: &'a str,
    /// The lenient type's name, e.g. `AnyEventId`.
    pub any_ty: &'a str,
}

/// The generated items, and the variant identifiers (in key order) for metadata impls.
pub fn tokens(k: &Keyed) -> (TokenStream, Vec<proc_macro2::Ident>) {
    let n = k.keys.len();
    let ty = ident(k.ty);
    let err = ident(k.err_ty);
    let any = ident(k.any_ty);
    let upper = to_screaming(k.ty);
    let keys_tab = format_ident!("{upper}_KEYS");
    let names_tab = format_ident!("{upper}_VARIANTS");
    let disps_tab = format_ident!("{upper}_DISPS");
    let slots_tab = format_ident!("{upper}_SLOTS");
    let seed_c = format_ident!("{upper}_SEED");
    let bits_c = format_ident!("{upper}_BITS");

    let names = names::idents(&k.keys, k.prefix);
    let variants: Vec<proc_macro2::Ident> = names.iter().map(|s| ident(s)).collect();
    let docs = &k.variant_docs;
    let keys = &k.keys;
    let variant_strs: Vec<String> = names.iter().map(|v| format!("{}::{v}", k.ty)).collect();
    let what = k.what;

    let table = phash::build(&k.keys);
    let (phash_items, lookup_body) = match &table {
        Some(t) => {
            let seed = Literal::u64_suffixed(t.seed);
            let bits = Literal::u32_suffixed(t.bits);
            let disps = t.disps.iter().map(|&d| Literal::u32_unsuffixed(d));
            let slots = t.slots.iter().map(|&s| Literal::u16_unsuffixed(s));
            let hash_fn = ident(if t.sampled { "hash_sampled" } else { "hash" });
            let nd = Literal::usize_unsuffixed(t.disps.len());
            let ns = Literal::usize_unsuffixed(t.slots.len());
            (
                quote! {
                    const #seed_c: u64 = #seed;
                    const #bits_c: u32 = #bits;
                    static #disps_tab: [u32; #nd] = [#(#disps),*];
                    static #slots_tab: [u16; #ns] = [#(#slots),*];
                },
                quote! {
                    let h = crate::phash::#hash_fn(key.as_bytes(), #seed_c);
                    let d = #disps_tab[crate::phash::bucket(h, #disps_tab.len())];
                    let i = #slots_tab[crate::phash::slot(h, d, #bits_c)] as usize;
                    match (Self::ALL.get(i), #keys_tab.get(i)) {
                        (Some(&v), Some(&k)) if k == key => Some(v),
                        _ => None,
                    }
                },
            )
        }
        None => {
            let msg = format!(
                "cargo xtask gen: no perfect hash for the {n} keys of {} (at most {} keys are supported)",
                k.ty,
                phash::MAX_KEYS
            );
            (quote! { compile_error!(#msg); }, quote! { let _ = key; None })
        }
    };
    let (repr, index_body) = if n == 0 {
        (quote! {}, quote! { match self {} })
    } else {
        (quote! { #[repr(u16)] }, quote! { self as usize })
    };
    let enum_doc = &k.enum_doc;
    let err_doc = doc_raw(&format!(
        "The error of strictly parsing a string that is not a known {what}. It carries the rejected \
         input: with the `alloc` feature all of it; without, its first {HEAD} bytes (cut at a character \
         boundary) and its length, so that it needs no allocation and still satisfies `FromStr`'s \
         `'static` error type."
    ));
    let any_doc = doc_raw(&format!(
        "A {what} as found in data: a known one, or an unknown one kept byte-for-byte. Build it with \
         [`{}::new`], `parse` or serde (never fails), so that `Unknown` only ever holds a key the \
         catalogue does not know; [`{}::as_str`] gives back exactly the input. Needs `alloc`.",
        k.any_ty, k.any_ty
    ));
    let lookup_doc = doc_raw(
        "The variant whose key is exactly `key`, if any (no trimming, no case folding). One hash, \
         two table reads and one string comparison.",
    );
    let expecting = format!("a known {what}");
    let unknown_msg = format!("unknown {what} ");
    let head = Literal::usize_unsuffixed(HEAD);
    let n_lit = Literal::usize_unsuffixed(n);

    let code = quote! {
        #enum_doc
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #[allow(non_camel_case_types)]
        #repr
        pub enum #ty {
            #( #docs #variants, )*
        }

        static #keys_tab: [&str; #n_lit] = [#(#keys),*];
        static #names_tab: [&str; #n_lit] = [#(#variant_strs),*];
        #phash_items

        impl #ty {
            /// Every variant, in key order (`ALL[i] as usize == i`).
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            #[inline]
            fn index(self) -> usize {
                #index_body
            }

            /// The key, exactly as the vendor publishes it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                #keys_tab[self.index()]
            }

            #lookup_doc
            #[inline]
            pub fn lookup(key: &str) -> Option<#ty> {
                #lookup_body
            }
        }

        impl fmt::Debug for #ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(#names_tab[self.index()])
            }
        }

        impl fmt::Display for #ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for #ty {
            type Err = #err;
            /// Strict: only a known key, exactly.
            fn from_str(s: &str) -> Result<#ty, #err> {
                #ty::lookup(s).ok_or_else(|| #err::new(s))
            }
        }

        #err_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #err {
            #[cfg(feature = "alloc")]
            input: alloc::boxed::Box<str>,
            #[cfg(not(feature = "alloc"))]
            head: [u8; #head],
            #[cfg(not(feature = "alloc"))]
            head_len: u8,
            len: usize,
        }

        impl #err {
            /// The error for rejected input `input`.
            pub fn new(input: &str) -> #err {
                #[cfg(feature = "alloc")]
                {
                    #err { input: input.into(), len: input.len() }
                }
                #[cfg(not(feature = "alloc"))]
                {
                    let mut cut = input.len().min(#head);
                    while !input.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let mut head = [0u8; #head];
                    head[..cut].copy_from_slice(&input.as_bytes()[..cut]);
                    #err { head, head_len: cut as u8, len: input.len() }
                }
            }

            /// The rejected input: all of it with `alloc`, else its first bytes (see [`Self::is_truncated`]).
            pub fn input(&self) -> &str {
                #[cfg(feature = "alloc")]
                {
                    &self.input
                }
                #[cfg(not(feature = "alloc"))]
                {
                    core::str::from_utf8(&self.head[..self.head_len as usize]).unwrap_or("")
                }
            }

            /// The length in bytes of the whole rejected input.
            pub fn input_len(&self) -> usize {
                self.len
            }

            /// Whether [`Self::input`] is shorter than the rejected input (only without `alloc`).
            pub fn is_truncated(&self) -> bool {
                self.input().len() < self.len
            }
        }

        impl fmt::Display for #err {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(#unknown_msg)?;
                fmt::Debug::fmt(self.input(), f)?;
                if self.is_truncated() {
                    write!(f, "... ({} bytes)", self.len)?;
                }
                Ok(())
            }
        }

        impl core::error::Error for #err {}

        #any_doc
        #[cfg(feature = "alloc")]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #any {
            /// A key the catalogue knows.
            Known(#ty),
            /// A key the catalogue does not know, exactly as found.
            Unknown(alloc::boxed::Box<str>),
        }

        #[cfg(feature = "alloc")]
        impl #any {
            /// Classifies `key`: known if it is exactly a known key, else kept as it is.
            pub fn new(key: &str) -> #any {
                match #ty::lookup(key) {
                    Some(v) => #any::Known(v),
                    None => #any::Unknown(key.into()),
                }
            }

            /// The key, byte-for-byte as it was found.
            pub fn as_str(&self) -> &str {
                match self {
                    #any::Known(v) => v.as_str(),
                    #any::Unknown(s) => s,
                }
            }

            /// The known variant, if it is one.
            pub fn known(&self) -> Option<#ty> {
                match self {
                    #any::Known(v) => Some(*v),
                    #any::Unknown(_) => None,
                }
            }
        }

        #[cfg(feature = "alloc")]
        impl From<#ty> for #any {
            fn from(v: #ty) -> #any {
                #any::Known(v)
            }
        }

        #[cfg(feature = "alloc")]
        impl From<&str> for #any {
            fn from(s: &str) -> #any {
                #any::new(s)
            }
        }

        #[cfg(feature = "alloc")]
        impl FromStr for #any {
            type Err = core::convert::Infallible;
            fn from_str(s: &str) -> Result<#any, Self::Err> {
                Ok(#any::new(s))
            }
        }

        #[cfg(feature = "alloc")]
        impl fmt::Display for #any {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for #ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<#ty, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = #ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<#ty, E> {
                        #ty::lookup(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for #any {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #any {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<#any, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = #any;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<#any, E> {
                        Ok(#any::new(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: alloc::string::String) -> Result<#any, E> {
                        Ok(match #ty::lookup(&v) {
                            Some(k) => #any::Known(k),
                            None => #any::Unknown(v.into_boxed_str()),
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
    (code, variants)
}

/// Bytes of rejected input an error keeps without `alloc`.
const HEAD: usize = 48;

/// `EventId` -> `EVENT_ID`.
fn to_screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

//! A string-keyed enum: the enum, its static tables (keys, variant names, former keys, the
//! perfect hash) and one call of the support module's `keyed_enum!`, which holds all behaviour
//! (lookup, strict and lenient parsing, serde). Used for `nhn::EventId` and `kakao::Event`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::{ident, phash};

/// What to generate.
pub struct Keyed<'a> {
    /// The enum's name, e.g. `EventId`.
    pub ty: &'a str,
    /// What a key is, for docs and messages, e.g. `NHN CloudTrail event ID`.
    pub what: &'a str,
    /// The keys, sorted and distinct; variant `i` has key `keys[i]`.
    pub keys: Vec<&'a str>,
    /// The variant names pinned in the catalogue, `variants[i]` for `keys[i]`.
    pub variants: Vec<&'a str>,
    /// Doc attributes per variant.
    pub variant_docs: Vec<TokenStream>,
    /// Doc attributes of the enum.
    pub enum_doc: TokenStream,
    /// Former keys that still resolve: `(alias, index of the key it resolves to)`.
    pub aliases: Vec<(&'a str, usize)>,
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
    let blob_tab = format_ident!("{upper}_BLOB");
    let seed_c = format_ident!("{upper}_SEED");
    let bits_c = format_ident!("{upper}_BITS");

    let names = &k.variants;
    let variants: Vec<proc_macro2::Ident> = names.iter().map(|s| ident(s)).collect();
    let docs = &k.variant_docs;
    let keys = &k.keys;
    let variant_strs: Vec<String> = names.iter().map(|v| format!("{}::{v}", k.ty)).collect();
    let what = k.what;

    let table = phash::build(&k.keys);
    let phash_items = match &table {
        Some(t) => {
            let seed = Literal::u64_suffixed(t.seed);
            let bits = Literal::u32_suffixed(t.bits);
            let disps = t.disps.iter().map(|&d| Literal::u32_unsuffixed(d));
            let slots = slot_entries(&t.slots, &k.keys).into_iter().map(Literal::u64_unsuffixed);
            let nd = Literal::usize_unsuffixed(t.disps.len());
            let ns = Literal::usize_unsuffixed(t.slots.len());
            quote! {
                const #seed_c: u64 = #seed;
                const #bits_c: u32 = #bits;
                static #disps_tab: [u32; #nd] = [#(#disps),*];
                static #slots_tab: [u64; #ns] = [#(#slots),*];
            }
        }
        None => {
            let msg = format!(
                "{} {n} keys of {} (at most {} keys are supported)",
                crate::NO_PERFECT_HASH,
                k.ty,
                phash::MAX_KEYS
            );
            let empty = Literal::u64_unsuffixed(EMPTY);
            quote! {
                compile_error!(#msg);
                const #seed_c: u64 = 0;
                const #bits_c: u32 = 1;
                static #disps_tab: [u32; 1] = [0];
                static #slots_tab: [u64; 2] = [#empty, #empty];
            }
        }
    };
    let repr = if n == 0 { quote! {} } else { quote! { #[repr(u16)] } };
    let enum_doc = &k.enum_doc;
    let n_lit = Literal::usize_unsuffixed(n);

    let aliases_tab = format_ident!("{upper}_ALIASES");
    let all_tab = format_ident!("{upper}_ALL");
    let mut aliases: Vec<(&str, &proc_macro2::Ident)> =
        k.aliases.iter().map(|&(alias, i)| (alias, &variants[i])).collect();
    aliases.sort();
    let na = Literal::usize_unsuffixed(aliases.len());
    let alias_rows = aliases.iter().map(|(a, v)| quote! { (#a, #ty::#v) });
    let hash_fn = ident(match &table {
        Some(t) if !t.sampled => "hash",
        _ => "hash_sampled",
    });
    let lit = |s: &str| Literal::string(s);
    let blob = lit(&k.keys.concat());
    let what_lit = lit(what);
    let code = quote! {
        #enum_doc
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #[allow(non_camel_case_types)]
        #repr
        pub enum #ty {
            #( #docs #variants, )*
        }

        const #all_tab: [#ty; #n_lit] = [#(#ty::#variants),*];
        static #keys_tab: [&str; #n_lit] = [#(#keys),*];
        static #blob_tab: &[u8] = #blob.as_bytes();
        static #names_tab: [&str; #n_lit] = [#(#variant_strs),*];
        static #aliases_tab: [(&str, #ty); #na] = [#(#alias_rows),*];
        #phash_items

        crate::support::keyed_enum!(
            #ty, what: #what_lit, error: #err, any: #any,
            all: #all_tab, keys: #keys_tab, variants: #names_tab, aliases: #aliases_tab,
            hash: #hash_fn, seed: #seed_c, bits: #bits_c, disps: #disps_tab, slots: #slots_tab, blob: #blob_tab,
        );
    };
    (code, variants)
}

/// The value of an empty slot: a key length no key has (see [`slot_entries`]).
const EMPTY: u64 = 0xFFFF << 16;

/// Per slot of the perfect hash, everything a lookup needs in one word: the key's offset in the
/// blob of all keys (bits 32..64), its length (16..32) and the variant (0..16); [`EMPTY`] for an
/// empty slot. One read then leads straight to the key's bytes, which sit together in the blob.
fn slot_entries(slots: &[u16], keys: &[&str]) -> Vec<u64> {
    let mut offsets = Vec::with_capacity(keys.len());
    let mut at = 0u64;
    for k in keys {
        offsets.push(at);
        at += k.len() as u64;
    }
    assert!(at <= u32::MAX as u64 && keys.iter().all(|k| k.len() < 0xFFFF), "keys fit a slot entry");
    slots
        .iter()
        .map(|&s| match s {
            u16::MAX => EMPTY,
            i => (offsets[i as usize] << 32) | ((keys[i as usize].len() as u64) << 16) | i as u64,
        })
        .collect()
}

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

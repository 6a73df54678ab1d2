//! A string-keyed enum: the enum, its static tables (keys, variant names, former keys, the
//! perfect hash) and one call of the support module's `keyed_enum!`, which holds all behaviour
//! (lookup, strict and lenient parsing, serde). Used for `nhn::EventId` and `kakao::Event`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::{ident, phash, uncastable};

/// What to generate.
pub(crate) struct Keyed<'a> {
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
    /// The type's module in the crate, e.g. `nhn`, for the examples.
    pub module: &'a str,
}

/// The generated items, and the variant identifiers (in key order) for metadata impls; an error
/// (one line naming the enum, the key and what to do) when the keys cannot get a lookup table.
pub(crate) fn tokens(k: &Keyed) -> Result<(TokenStream, Vec<proc_macro2::Ident>), String> {
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
    let variant_strs = names;
    let what = k.what;

    let blob = Blob::new(&k.keys);
    blob.fits(k)?;
    let table = phash::build(&k.keys).ok_or_else(|| {
        format!(
            "{}: no perfect hash found for its {n} keys (at most {} are supported): report this \
             as a bug of the generator, with the catalogue",
            k.ty,
            phash::MAX_KEYS
        )
    })?;
    let phash_items = {
        let seed = Literal::u64_suffixed(table.seed);
        let bits = Literal::u32_suffixed(table.bits);
        let disps = table.disps.iter().map(|&d| Literal::u32_unsuffixed(d));
        let slots = blob
            .slot_entries(&table.slots, &k.keys)
            .into_iter()
            .map(Literal::u32_unsuffixed);
        let nd = Literal::usize_unsuffixed(table.disps.len());
        let ns = Literal::usize_unsuffixed(table.slots.len());
        quote! {
            const #seed_c: u64 = #seed;
            const #bits_c: u32 = #bits;
            static #disps_tab: [u32; #nd] = [#(#disps),*];
            static #slots_tab: [u32; #ns] = [#(#slots),*];
        }
    };
    let enum_doc = &k.enum_doc;
    let n_lit = Literal::usize_unsuffixed(n);

    let aliases_tab = format_ident!("{upper}_ALIASES");
    let alias_lengths_tab = format_ident!("{upper}_ALIAS_LENGTHS");
    // Bit `len` is set when some former key is `len` bytes long (every key and former key is
    // at most MAX_KEY_LEN bytes, see `Blob::fits`): a miss of another length never searches the
    // former keys.
    let mut alias_lengths = [0u64; 4];
    for (alias, _) in &k.aliases {
        alias_lengths[alias.len() >> 6] |= 1 << (alias.len() & 63);
    }
    let alias_lengths = alias_lengths.map(Literal::u64_unsuffixed);
    let all_tab = format_ident!("{upper}_ALL");
    let mut aliases: Vec<(&str, &proc_macro2::Ident)> = k
        .aliases
        .iter()
        .map(|&(alias, i)| (alias, &variants[i]))
        .collect();
    aliases.sort();
    let na = Literal::usize_unsuffixed(aliases.len());
    let alias_rows = aliases.iter().map(|(a, v)| quote! { (#a, #ty::#v) });
    let hash_fn = ident(if table.sampled {
        "hash_sampled"
    } else {
        "hash"
    });
    let lit = |s: &str| Literal::string(s);
    let blob_lit = Literal::byte_string(&blob.bytes);
    let from_index_arms = variants.iter().enumerate().map(|(i, v)| {
        let i = Literal::u16_unsuffixed(i as u16);
        quote! { #i => Some(#ty::#v), }
    });
    let what_lit = lit(what);
    let module_lit = lit(k.module);
    let folded_tab = format_ident!("{upper}_FOLDED");
    let folded = folded_order(&k.keys)
        .into_iter()
        .map(Literal::u16_unsuffixed);
    let hidden = uncastable();
    let code = quote! {
        #enum_doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[allow(non_camel_case_types)]
        pub enum #ty {
            #( #docs #variants, )*
            #hidden
        }

        const #all_tab: [#ty; #n_lit] = [#(#ty::#variants),*];
        static #keys_tab: [&str; #n_lit] = [#(#keys),*];
        static #blob_tab: &[u8] = #blob_lit;
        static #names_tab: [&str; #n_lit] = [#(#variant_strs),*];
        static #aliases_tab: [(&str, #ty); #na] = [#(#alias_rows),*];
        static #alias_lengths_tab: [u64; 4] = [#(#alias_lengths),*];
        static #folded_tab: [u16; #n_lit] = [#(#folded),*];
        #phash_items

        impl #ty {
            /// The variant whose discriminant is `i`: a `match` the compiler turns into one range
            /// check, so that a lookup reads no table to make its variant.
            #[inline(always)]
            fn from_index(i: u16) -> Option<#ty> {
                match i {
                    #(#from_index_arms)*
                    _ => None,
                }
            }
        }

        crate::support::keyed_enum!(
            #ty, what: #what_lit, module: #module_lit, error: #err, any: #any,
            all: #all_tab, keys: #keys_tab, variants: #names_tab, aliases: #aliases_tab,
            alias_lengths: #alias_lengths_tab, folded: #folded_tab,
            hash: #hash_fn, seed: #seed_c, bits: #bits_c, disps: #disps_tab, slots: #slots_tab, blob: #blob_tab,
        );
    };
    Ok((code, variants))
}

/// The value of an empty slot: length 255 at an offset past any blob, so that no input matches.
const EMPTY: u32 = u32::MAX;

/// The longest key a slot entry can describe (its length is 8 bits; 255 marks an empty slot).
pub(crate) const MAX_KEY_LEN: usize = 254;

/// The largest blob a slot entry can point into (its offset is 24 bits).
pub(crate) const MAX_BLOB_LEN: usize = 1 << 24;

/// Every key followed by its index (two bytes, little-endian): `bytes[at..at + len]` is key `i`
/// and `bytes[at + len..at + len + 2]` is `i`, so that one read fetches the bytes to compare and
/// the variant together.
struct Blob {
    bytes: Vec<u8>,
    /// Where each key starts in `bytes`.
    offsets: Vec<usize>,
}

impl Blob {
    fn new(keys: &[&str]) -> Blob {
        let mut bytes = Vec::with_capacity(keys.iter().map(|k| k.len() + 2).sum());
        let mut offsets = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            offsets.push(bytes.len());
            bytes.extend_from_slice(k.as_bytes());
            bytes.extend_from_slice(&(i as u16).to_le_bytes());
        }
        Blob { bytes, offsets }
    }

    /// Whether slot entries can describe these keys: each at most [`MAX_KEY_LEN`] bytes, the
    /// blob under [`MAX_BLOB_LEN`]; else what is wrong and what to do.
    fn fits(&self, k: &Keyed) -> Result<(), String> {
        let mut all = k.keys.iter().chain(k.aliases.iter().map(|(a, _)| a));
        if let Some(key) = all.find(|key| key.len() > MAX_KEY_LEN) {
            return Err(format!(
                "{} `{key}`: the key is {} bytes, longer than the {MAX_KEY_LEN} a lookup table \
                 supports: correct the key in catalog/ (an override), then run `cargo xtask gen`",
                k.ty,
                key.len()
            ));
        }
        if self.bytes.len() >= MAX_BLOB_LEN {
            return Err(format!(
                "{}: its {} keys take {} bytes, more than the {} MiB a lookup table supports: \
                 report this as a bug of the generator, with the catalogue",
                k.ty,
                k.keys.len(),
                self.bytes.len(),
                MAX_BLOB_LEN >> 20
            ));
        }
        Ok(())
    }

    /// Per slot of the perfect hash, everything a lookup needs in four bytes (half of what a
    /// `u64` entry took, so that twice as many slots stay in the L1 cache): the key's offset in
    /// the blob (bits 8..32) and its length (bits 0..8); [`EMPTY`] for an empty slot. Only
    /// called when the keys [`fit`](Blob::fits).
    fn slot_entries(&self, slots: &[u16], keys: &[&str]) -> Vec<u32> {
        slots
            .iter()
            .map(|&s| match s {
                u16::MAX => EMPTY,
                i => ((self.offsets[i as usize] as u32) << 8) | keys[i as usize].len() as u32,
            })
            .collect()
    }
}

/// The indices of `keys` sorted as `lookup_ignore_ascii_case` searches them: by the keys with
/// ASCII letters lowercased, then by the keys themselves.
fn folded_order(keys: &[&str]) -> Vec<u16> {
    let mut order: Vec<u16> = (0..keys.len() as u16).collect();
    order.sort_by_cached_key(|&i| {
        let k = keys[i as usize];
        (k.to_ascii_lowercase(), k)
    });
    order
}

/// `EventId` -> `EVENT_ID`.
pub(crate) fn to_screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_slot_entry_points_at_its_key_and_the_index_after_it() {
        let keys = ["a", "event_id.iaas.instance.create", "zz\u{00e9}"];
        let t = phash::build(&keys).unwrap();
        let blob = Blob::new(&keys);
        let entries = blob.slot_entries(&t.slots, &keys);
        let blob = &blob.bytes;
        let mut seen = 0;
        for (&s, &e) in t.slots.iter().zip(&entries) {
            if s == u16::MAX {
                assert_eq!(e, EMPTY);
                continue;
            }
            let (at, len) = ((e >> 8) as usize, (e & 0xFF) as usize);
            assert_eq!(&blob[at..at + len], keys[s as usize].as_bytes());
            assert_eq!(u16::from_le_bytes([blob[at + len], blob[at + len + 1]]), s);
            seen += 1;
        }
        assert_eq!(seen, keys.len());
    }

    #[test]
    fn keys_too_long_for_a_slot_entry_are_an_error_naming_the_key() {
        let longest = "k".repeat(MAX_KEY_LEN);
        let over = "k".repeat(MAX_KEY_LEN + 1);
        let keyed = |keys: Vec<&str>| {
            let n = keys.len();
            let names: Vec<String> = (0..n).map(|i| format!("K{i}")).collect();
            let k = Keyed {
                ty: "Big",
                what: "key",
                keys,
                variants: names.iter().map(String::as_str).collect(),
                variant_docs: vec![TokenStream::new(); n],
                enum_doc: TokenStream::new(),
                aliases: vec![],
                err_ty: "ParseBigError",
                any_ty: "AnyBig",
                module: "big",
            };
            tokens(&k).map(|(code, _)| code.to_string())
        };
        assert!(keyed(vec![&longest]).is_ok());
        let err = keyed(vec![&over]).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "Big `{over}`: the key is {} bytes",
                MAX_KEY_LEN + 1
            )) && err.contains("correct the key in catalog/"),
            "{err}"
        );
    }
}

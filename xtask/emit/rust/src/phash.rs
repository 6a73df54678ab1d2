//! A perfect hash over the catalogue's keys, found at generation time (hash and displace).
//!
//! Lookup in the generated crate is: one cheap seeded hash over the key's bytes (8 bytes
//! per step), one displacement read for the key's bucket, one slot read, and one final
//! string compare. The hash function here and the one written into the generated crate
//! (`tokens`) must stay identical: the generated crate's tests parse every known key.
//!
//! The search is deterministic: seeds are tried in a fixed order, buckets are placed
//! largest first (ties by bucket number), displacements from 0 upwards.

use proc_macro2::TokenStream;
use quote::quote;

#[path = "phash_fns.rs"]
mod fns;
use fns::{K2, K3};
pub use fns::{bucket, hash, hash_sampled, slot};

/// A perfect hash table: every key has its own slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Whether lookups use [`hash_sampled`] (else [`hash`]).
    pub sampled: bool,
    /// The hash seed.
    pub seed: u64,
    /// log2 of the number of slots (at least 1).
    pub bits: u32,
    /// One displacement per bucket.
    pub disps: Vec<u32>,
    /// Per slot, the index of the key in it, or `u16::MAX` for an empty slot.
    pub slots: Vec<u16>,
}

/// The most keys a table can hold (slot entries are `u16`, `u16::MAX` marks an empty slot).
pub(crate) const MAX_KEYS: usize = u16::MAX as usize - 1;

/// Finds a perfect hash for `keys` (distinct), or `None` if there are too many keys or no
/// seed in the search range works (never seen in practice: the load factor is kept <= 0.9).
pub fn build(keys: &[&str]) -> Option<Table> {
    let n = keys.len();
    if n > MAX_KEYS {
        return None;
    }
    let mut bits = 1;
    while (1usize << bits) * 9 < n * 10 {
        bits += 1;
    }
    let m = 1usize << bits;
    let nb = (n / 4).max(1);
    // The sampled hash can only separate keys whose sampled words differ (see
    // `fns::sampled_words`): the length, bytes 8..16, the middle 8 bytes, the last 16 bytes (the
    // first 8 of them combined with 8 bytes at the probe). The probe is the seed's top byte: the
    // first position (from 8) at which the words tell every key apart; keys under 16 bytes are
    // hashed whole.
    let distinct_at = |probe: usize| {
        let mut samples: Vec<[u64; 5]> = keys
            .iter()
            .map(|k| k.as_bytes())
            .filter(|b| b.len() >= 16)
            .map(|b| fns::sampled_words(b, probe as u64))
            .collect();
        samples.sort_unstable();
        samples.windows(2).all(|w| w[0] != w[1])
    };
    let probe = (8..=255usize).find(|&p| distinct_at(p));
    for sampled in [true, false] {
        let top = match (sampled, probe) {
            (true, Some(p)) => (p as u64) << 56,
            (true, None) => continue,
            (false, _) => 0,
        };
        for attempt in 0..256u64 {
            let seed = (attempt.wrapping_mul(K2) ^ K3) & !(0xFF << 56) | top;
            if let Some(t) = try_seed(keys, sampled, seed, bits, m, nb) {
                return Some(t);
            }
        }
    }
    None
}

fn try_seed(
    keys: &[&str],
    sampled: bool,
    seed: u64,
    bits: u32,
    m: usize,
    nb: usize,
) -> Option<Table> {
    let f = if sampled { hash_sampled } else { hash };
    let hashes: Vec<u64> = keys.iter().map(|k| f(k.as_bytes(), seed)).collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); nb];
    for (i, &h) in hashes.iter().enumerate() {
        buckets[bucket(h, nb)].push(i);
    }
    let mut order: Vec<usize> = (0..nb).collect();
    order.sort_by(|&a, &b| buckets[b].len().cmp(&buckets[a].len()).then(a.cmp(&b)));
    let mut slots = vec![u16::MAX; m];
    let mut disps = vec![0u32; nb];
    let mut taken: Vec<usize> = Vec::new();
    for b in order {
        if buckets[b].is_empty() {
            continue;
        }
        let mut placed = false;
        'd: for d in 0..(1u32 << 16) {
            taken.clear();
            for &i in &buckets[b] {
                let s = slot(hashes[i], d, bits);
                if slots[s] != u16::MAX || taken.contains(&s) {
                    continue 'd;
                }
                taken.push(s);
            }
            for (&i, &s) in buckets[b].iter().zip(&taken) {
                slots[s] = i as u16;
            }
            disps[b] = d;
            placed = true;
            break;
        }
        if !placed {
            return None;
        }
    }
    Some(Table {
        sampled,
        seed,
        bits,
        disps,
        slots,
    })
}

/// The generated crate's `phash` module: the same hash, bucket and slot functions.
pub(crate) fn tokens() -> TokenStream {
    let file: syn::File =
        syn::parse_str(include_str!("phash_fns.rs")).expect("phash_fns.rs is valid Rust");
    quote! { #file }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_gets_its_own_slot_and_lookups_find_it() {
        let owned: Vec<String> = (0..2300)
            .map(|i| format!("event_id.svc{}.thing_{}.create", i % 37, i))
            .collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let t = build(&keys).expect("a table");
        assert_eq!(t.slots.len(), 4096);
        assert!(t.sampled);
        for (i, k) in keys.iter().enumerate() {
            let h = hash_sampled(k.as_bytes(), t.seed);
            let s = slot(h, t.disps[bucket(h, t.disps.len())], t.bits);
            assert_eq!(t.slots[s] as usize, i, "{k}");
        }
        assert_eq!(
            t.slots.iter().filter(|&&s| s != u16::MAX).count(),
            keys.len()
        );
        assert_eq!(build(&keys), Some(t), "deterministic");
    }

    #[test]
    fn tiny_and_empty_key_sets_work() {
        assert_eq!(build(&[]).unwrap().slots, [u16::MAX, u16::MAX]);
        let t = build(&["a"]).unwrap();
        assert_eq!(t.slots.iter().filter(|&&s| s == 0).count(), 1);
        let short = ["", "a", "ab", "abc", "abcd", "abcdefg"];
        assert!(build(&short).is_some());
    }

    #[test]
    fn keys_the_sample_cannot_separate_use_the_full_hash() {
        // Same length, same bytes 8..16, middle and last 16 bytes: only the start differs.
        let keys = [
            "aaaaaaaa12345678mid.dle.0123456789abcdef",
            "bbbbbbbb12345678mid.dle.0123456789abcdef",
        ];
        let t = build(&keys).unwrap();
        assert!(!t.sampled);
        let h: Vec<usize> = keys
            .iter()
            .map(|k| {
                let h = hash(k.as_bytes(), t.seed);
                slot(h, t.disps[bucket(h, t.disps.len())], t.bits)
            })
            .collect();
        assert_ne!(h[0], h[1]);
    }
}

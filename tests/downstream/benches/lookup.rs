//! Strict parsing of event IDs: the generated perfect hash vs `std::collections::HashMap` vs
//! `phf::Map`, over every known ID plus one unknown look-alike per ID (same length, last byte
//! changed, so that it shares the whole prefix with a known ID).
//!
//! ```text
//! cargo xtask gen && cargo bench -p downstream --bench lookup
//! ```
//!
//! The `phf::Map` is built at bench time with `phf_generator` (what `phf_codegen` and `phf_map!`
//! do at build time) from the generated IDs, since `phf_map!` needs literal keys; its lookup code
//! is the same as for a compile-time map: SipHash-1-3 of the key, displacement, string compare.
//! Each benchmark runs over all inputs and uses every variant found (the sum of their
//! discriminants); divan reports the time per batch and the throughput.

use std::collections::HashMap;

use cloud_trail_events::nhn::EventId;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// Every known ID, then one look-alike per ID that the catalogue does not know.
fn inputs() -> Vec<String> {
    let mut out: Vec<String> = EventId::ALL.iter().map(|id| id.as_str().to_string()).collect();
    for id in EventId::ALL {
        let mut s = id.as_str().as_bytes().to_vec();
        let last = s.len() - 1;
        s[last] = if s[last] == b'x' { b'y' } else { b'x' };
        let s = String::from_utf8(s).unwrap_or_else(|_| format!("{}x", id.as_str()));
        if EventId::lookup(&s).is_none() {
            out.push(s);
        }
    }
    out
}

#[divan::bench]
fn generated_lookup(b: Bencher) {
    let inputs = inputs();
    b.counter(ItemsCount::new(inputs.len())).bench(|| {
        inputs.iter().filter_map(|s| EventId::lookup(black_box(s.as_str()))).map(|id| id as usize).sum::<usize>()
    });
}

/// `str::parse`: the same lookup, plus building the error (a `Box<str>` copy) for unknown IDs.
#[divan::bench]
fn generated_from_str(b: Bencher) {
    let inputs = inputs();
    b.counter(ItemsCount::new(inputs.len())).bench(|| {
        inputs.iter().filter_map(|s| black_box(s.as_str()).parse::<EventId>().ok()).map(|id| id as usize).sum::<usize>()
    });
}

#[divan::bench]
fn std_hash_map(b: Bencher) {
    let inputs = inputs();
    let map: HashMap<&'static str, EventId> = EventId::ALL.iter().map(|id| (id.as_str(), *id)).collect();
    b.counter(ItemsCount::new(inputs.len())).bench(|| {
        inputs.iter().filter_map(|s| map.get(black_box(s.as_str())).copied()).map(|id| id as usize).sum::<usize>()
    });
}

#[divan::bench]
fn phf_map(b: Bencher) {
    let inputs = inputs();
    let keys: Vec<&'static str> = EventId::ALL.iter().map(|id| id.as_str()).collect();
    let state = phf_generator::generate_hash(&keys);
    let entries: Vec<(&'static str, EventId)> = state.map.iter().map(|&i| (keys[i], EventId::ALL[i])).collect();
    let map: phf::Map<&'static str, EventId> = phf::Map {
        key: state.key,
        disps: Vec::leak(state.disps),
        entries: Vec::leak(entries),
    };
    assert!(keys.iter().all(|k| map.get(k).is_some_and(|id| id.as_str() == *k)));
    b.counter(ItemsCount::new(inputs.len())).bench(|| {
        inputs.iter().filter_map(|s| map.get(black_box(s.as_str())).copied()).map(|id| id as usize).sum::<usize>()
    });
}

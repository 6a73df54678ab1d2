//! Strict parsing of event IDs: the generated perfect hash vs `std::collections::HashMap` vs
//! `phf::Map`, over every known ID plus unknown look-alikes (same length, last byte changed, so
//! that each shares the whole prefix with a known ID) making up 10 % of the inputs, shuffled.
//!
//! ```text
//! cargo xtask gen && cargo bench -p downstream --features bench --bench lookup
//! ```
//!
//! The `phf::Map` is built at bench time with `phf_generator` (what `phf_codegen` and `phf_map!`
//! do at build time) from the generated IDs, since `phf_map!` needs literal keys; its lookup code
//! is the same as for a compile-time map: SipHash-1-3 of the key, displacement, string compare.
//! Each benchmark runs over all inputs and uses every variant found (through `black_box`);
//! divan reports the time per batch and the throughput.

use std::collections::HashMap;

use cloud_trail_events::nhn::EventId;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// One unknown look-alike of `id`: same length, last byte changed, so that it shares the whole
/// prefix with a known ID (the case a hash table must compare strings for).
fn lookalike(id: &str) -> String {
    let mut s = id.as_bytes().to_vec();
    let last = s.len() - 1;
    s[last] = if s[last] == b'x' { b'y' } else { b'x' };
    String::from_utf8(s).unwrap_or_else(|_| format!("{id}x"))
}

/// What a log stream looks like: every known ID once, plus unknown look-alikes making up 10 % of
/// the inputs (of every ninth ID), in a fixed pseudo-random order, so that consecutive lookups
/// touch unrelated table slots and the branch on known/unknown is unpredictable.
fn inputs() -> Vec<String> {
    let mut out: Vec<String> = EventId::ALL
        .iter()
        .map(|id| id.as_str().to_string())
        .collect();
    for id in EventId::ALL.iter().step_by(9) {
        let s = lookalike(id.as_str());
        assert!(EventId::lookup(&s).is_none(), "{s} is known");
        out.push(s);
    }
    // Fisher-Yates with a fixed xorshift64 sequence: the same order every run, no extra crate.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

/// The work every benchmark does per input, so that the results are used: a known ID is passed
/// through `black_box` and counts 1 (the enum cannot be cast to its discriminant any more), an
/// unknown input counts its length.
#[inline(always)]
fn sum(inputs: &[String], find: impl Fn(&str) -> Option<EventId>) -> usize {
    inputs
        .iter()
        .map(|s| match find(black_box(s.as_str())) {
            Some(id) => {
                black_box(id);
                1
            }
            None => s.len(),
        })
        .sum()
}

#[divan::bench]
fn generated_lookup(b: Bencher) {
    let inputs = inputs();
    b.counter(ItemsCount::new(inputs.len()))
        .bench(|| sum(&inputs, EventId::lookup));
}

/// Strict parsing as a user writes it to keep the known IDs: `str::parse::<EventId>().ok()`.
#[divan::bench]
fn generated_from_str(b: Bencher) {
    let inputs = inputs();
    b.counter(ItemsCount::new(inputs.len()))
        .bench(|| sum(&inputs, |s| s.parse::<EventId>().ok()));
}

/// Strict parsing that also reads every error: the error (no allocation: 96 bytes of input and
/// the length) is built, moved through `black_box` and asked for the input's length.
#[divan::bench]
fn generated_from_str_errors_read(b: Bencher) {
    let inputs = inputs();
    b.counter(ItemsCount::new(inputs.len())).bench(|| {
        inputs
            .iter()
            .map(|s| match black_box(s.as_str()).parse::<EventId>() {
                Ok(id) => {
                    black_box(id);
                    1
                }
                Err(e) => black_box(e).input_len(),
            })
            .sum::<usize>()
    });
}

/// `std::collections::HashMap<&str, EventId>::get` (SipHash-1-3), the same work as
/// `generated_from_str`.
#[divan::bench]
fn std_hash_map(b: Bencher) {
    let inputs = inputs();
    let map: HashMap<&'static str, EventId> =
        EventId::ALL.iter().map(|id| (id.as_str(), *id)).collect();
    b.counter(ItemsCount::new(inputs.len()))
        .bench(|| sum(&inputs, |s| map.get(s).copied()));
}

#[divan::bench]
fn phf_map(b: Bencher) {
    let inputs = inputs();
    let keys: Vec<&'static str> = EventId::ALL.iter().map(|id| id.as_str()).collect();
    let state = phf_generator::generate_hash(&keys);
    let entries: Vec<(&'static str, EventId)> = state
        .map
        .iter()
        .map(|&i| (keys[i], EventId::ALL[i]))
        .collect();
    let map: phf::Map<&'static str, EventId> = phf::Map {
        key: state.key,
        disps: Vec::leak(state.disps),
        entries: Vec::leak(entries),
    };
    assert!(
        keys.iter()
            .all(|k| map.get(k).is_some_and(|id| id.as_str() == *k))
    );
    b.counter(ItemsCount::new(inputs.len()))
        .bench(|| sum(&inputs, |s| map.get(s).copied()));
}

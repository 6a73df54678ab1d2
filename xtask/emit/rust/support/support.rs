// Behaviour shared by every generated enum, written by hand: `cargo xtask gen` copies this file
// into the generated crate as `src/support.rs` below the stamp (this block of `//` lines is left
// out). The generated modules hold only tables and calls of the macros here, so a catalogue
// change touches data, never code. Keep it self-contained: `crate::` paths only to `phash`.
//! Behaviour shared by every generated enum: parse errors that never allocate, the opaque
//! [`UnknownKey`], and the macros the generated modules call with their tables.

#![allow(unused_macros, unused_imports)]

use core::fmt;

/// Bytes of rejected input a parse error keeps (longer input is cut at a character boundary);
/// the longest catalogue key is shorter.
pub(crate) const HEAD: usize = 96;

/// The rejected input of a strict parse, kept without allocating: its first [`HEAD`] bytes and
/// its length in bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Rejected {
    head: [u8; HEAD],
    head_len: u8,
    len: usize,
}

impl Rejected {
    #[inline(always)]
    pub(crate) fn new(input: &str) -> Rejected {
        // Nothing here can panic (every index is checked by a condition or a `get`), so that
        // the compiler drops the whole error when the caller discards it (`parse().ok()`).
        let bytes = input.as_bytes();
        // A character boundary is at most 3 bytes back from the cut.
        let mut cut = bytes.len().min(HEAD);
        for _ in 0..3 {
            match bytes.get(cut) {
                Some(&b) if (b as i8) < -0x40 => cut -= 1,
                _ => break,
            }
        }
        let kept = bytes.get(..cut).unwrap_or_default();
        // Whole 16-byte pieces, then the last 16 bytes (overlapping the piece before): no
        // byte-by-byte loop, so rejecting unknown input stays a few nanoseconds.
        let mut head = [0u8; HEAD];
        if kept.len() >= 16 {
            for (to, from) in head.chunks_exact_mut(16).zip(kept.chunks_exact(16)) {
                to.copy_from_slice(from);
            }
            let tail = kept.len() - 16;
            if let (Some(to), Some(from)) = (head.get_mut(tail..tail + 16), kept.get(tail..)) {
                to.copy_from_slice(from);
            }
        } else {
            for (h, b) in head.iter_mut().zip(kept) {
                *h = *b;
            }
        }
        Rejected {
            head,
            head_len: kept.len() as u8,
            len: input.len(),
        }
    }

    pub(crate) fn input(&self) -> &str {
        core::str::from_utf8(&self.head[..self.head_len as usize]).unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn fmt_with(&self, what: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(what)?;
        fmt::Debug::fmt(self.input(), f)?;
        if self.input().len() < self.len {
            write!(f, "... ({} bytes)", self.len)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rejected")
            .field("input", &self.input())
            .field("len", &self.len)
            .finish()
    }
}

/// A key the catalogue does not know, kept byte for byte: the payload of the lenient types'
/// `Unknown` variant ([`crate::nhn::AnyEventId`], [`crate::kakao::AnyEvent`]).
///
/// Only this crate makes one, and only for a key that is no known key, so that two lenient
/// values are equal exactly when their keys are: `AnyEventId::new(s)` is the one way to hold `s`.
/// Read it with [`UnknownKey::as_str`]. Needs `alloc`.
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownKey(alloc::boxed::Box<str>);

#[cfg(feature = "alloc")]
impl UnknownKey {
    pub(crate) fn new(key: alloc::boxed::Box<str>) -> UnknownKey {
        UnknownKey(key)
    }

    /// The key, exactly as it was found.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "alloc")]
impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Display` and serde (as the key string) for an enum with `as_str` and a parsing function
/// `$from(&str) -> Option<Self>`.
macro_rules! as_key_string {
    ($ty:ident, $what:literal, $from:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a known ", $what))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::$from(v)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use as_key_string;

/// Key strings, `Display` and serde for an enum whose variants have keys.
///
/// `key_enum!(Ty, "what", from_fn, ALL_TABLE, KEYS_TABLE)`: `ALL_TABLE` lists the variants in
/// discriminant order, `KEYS_TABLE[i]` is the key of variant `i`; `from_fn` is a linear search
/// (for enums of a few variants).
macro_rules! key_enum {
    ($ty:ident, $what:literal, $from:ident, $all:ident, $keys:ident) => {
        impl $ty {
            /// Every variant, in key order.
            pub const ALL: &'static [$ty] = &$all;

            /// The key as the catalogue and the vendor write it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                $keys[self as usize]
            }

            #[doc = concat!("The ", $what, " whose key is exactly `key`, if any.")]
            pub fn $from(key: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == key)
            }
        }

        crate::support::as_key_string!($ty, $what, $from);
    };
}
pub(crate) use key_enum;

/// Everything of a string-keyed event enum but its tables: `ALL`, `as_str`, perfect-hash
/// `lookup` (with former keys as aliases), `Debug`/`Display`/`FromStr`, the strict parse error,
/// the lenient type and serde.
///
/// The generated module defines the enum (one variant per key, discriminants `0..n`) and the
/// tables named in the call: `all` (the variants in order), `keys` (`keys[i]` is variant `i`'s
/// key), `variants` (`"Ty::Name"` per variant, for `Debug`), `aliases` (`(former key, variant)`
/// sorted by former key), and the perfect hash's `hash` function name, `seed`, `bits`, `disps`
/// and `slots` (see `phash`). `blob` holds every key followed by its variant's index (two bytes,
/// little-endian); a slot is one `u32`, the offset of its key in `blob` (bits 8..32) and the key's
/// length (bits 0..8), or `u32::MAX` when empty. The enum also has a generated
/// `from_index(u16) -> Option<Self>` (a `match` that compiles to a range check).
macro_rules! keyed_enum {
    (
        $ty:ident, what: $what:literal, error: $err:ident, any: $any:ident,
        all: $all:ident, keys: $keys:ident, variants: $variants:ident, aliases: $aliases:ident,
        hash: $hash:ident, seed: $seed:ident, bits: $bits:ident, disps: $disps:ident, slots: $slots:ident, blob: $blob:ident $(,)?
    ) => {
        impl $ty {
            /// Every variant, in key order (`ALL[i] as usize == i`).
            pub const ALL: &'static [$ty] = &$all;

            #[inline]
            fn index(self) -> usize {
                self as usize
            }

            /// The key, exactly as the vendor publishes it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                $keys[self.index()]
            }

            /// The variant whose key is exactly `key` (no trimming, no case folding), or whose
            /// former key it is (see [`Self::aliases`]), if any. One hash, two small table reads
            /// (a displacement, then a 4-byte slot) and one read of the key's bytes, which the
            /// variant's index follows; a miss also looks in the (usually empty) table of former
            /// keys.
            #[inline(always)]
            pub fn lookup(key: &str) -> Option<$ty> {
                match Self::lookup_key(key) {
                    None if !$aliases.is_empty() => Self::lookup_alias(key),
                    found => found,
                }
            }

            /// The variant whose key is exactly `key`, through the perfect hash.
            #[inline(always)]
            fn lookup_key(key: &str) -> Option<$ty> {
                let h = crate::phash::$hash(key.as_bytes(), $seed);
                let d = $disps[crate::phash::bucket(h, $disps.len())];
                let e = $slots[crate::phash::slot(h, d, $bits)];
                let (at, len) = ((e >> 8) as usize, (e & 0xFF) as usize);
                if len != key.len() {
                    return None;
                }
                let (stored, index) = $blob.get(at..at + len + 2)?.split_at(len);
                if stored != key.as_bytes() {
                    return None;
                }
                $ty::from_index(u16::from_le_bytes([index[0], index[1]]))
            }

            #[cold]
            fn lookup_alias(key: &str) -> Option<$ty> {
                $aliases.binary_search_by(|(a, _)| (*a).cmp(key)).ok().map(|i| $aliases[i].1)
            }

            /// Former keys of this variant that still resolve to it (a key that embedded a
            /// version, a key from before a correction), sorted; usually none.
            pub fn aliases(self) -> impl Iterator<Item = &'static str> {
                $aliases.iter().filter(move |(_, v)| *v == self).map(|(a, _)| *a)
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($variants[self.index()])
            }
        }

        crate::support::as_key_string!($ty, $what, lookup);

        impl FromStr for $ty {
            type Err = $err;
            /// Strict: only a known key (or former key), exactly. Never allocates.
            #[inline(always)]
            fn from_str(s: &str) -> Result<$ty, $err> {
                match $ty::lookup(s) {
                    Some(v) => Ok(v),
                    None => Err($err::new(s)),
                }
            }
        }

        #[doc = concat!("The error of strictly parsing a string that is not a known ", $what, ".")]
        ///
        /// It carries the rejected input without allocating: its first 96 bytes (cut at a
        /// character boundary; every catalogue key is shorter) and its length, so that a stream
        /// of unknown input costs no heap traffic.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $err {
            rejected: crate::support::Rejected,
        }

        impl $err {
            /// The error for rejected input `input`.
            #[inline(always)]
            pub fn new(input: &str) -> $err {
                $err { rejected: crate::support::Rejected::new(input) }
            }

            /// The rejected input, or its first 96 bytes when it is longer (see [`Self::is_truncated`]).
            pub fn input(&self) -> &str {
                self.rejected.input()
            }

            /// The length in bytes of the whole rejected input.
            pub fn input_len(&self) -> usize {
                self.rejected.len()
            }

            /// Whether [`Self::input`] is shorter than the rejected input.
            pub fn is_truncated(&self) -> bool {
                self.input().len() < self.input_len()
            }
        }

        impl fmt::Display for $err {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.rejected.fmt_with(concat!("unknown ", $what, " "), f)
            }
        }

        impl core::error::Error for $err {}

        #[doc = concat!("A ", $what, " as found in data: a known one, or an unknown one kept byte for byte.")]
        ///
        #[doc = concat!("Build it with [`", stringify!($any), "::new`], `parse`, `From<&str>` or serde (never fails):")]
        /// `Unknown` only ever holds a key the catalogue does not know, and its payload cannot be
        /// built by hand, so equal keys always give equal values. `as_str` gives back exactly the
        /// input. Needs `alloc`.
        #[cfg(feature = "alloc")]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $any {
            /// A key the catalogue knows.
            Known($ty),
            /// A key the catalogue does not know, exactly as found.
            Unknown(crate::support::UnknownKey),
        }

        #[cfg(feature = "alloc")]
        impl $any {
            /// Classifies `key`: known if it is exactly a known key, else kept as it is.
            pub fn new(key: &str) -> $any {
                match $ty::lookup(key) {
                    Some(v) => $any::Known(v),
                    None => $any::Unknown(crate::support::UnknownKey::new(key.into())),
                }
            }

            /// The key, byte for byte as it was found.
            pub fn as_str(&self) -> &str {
                match self {
                    $any::Known(v) => v.as_str(),
                    $any::Unknown(s) => s.as_str(),
                }
            }

            /// The known variant, if it is one.
            pub fn known(&self) -> Option<$ty> {
                match self {
                    $any::Known(v) => Some(*v),
                    $any::Unknown(_) => None,
                }
            }
        }

        #[cfg(feature = "alloc")]
        impl From<$ty> for $any {
            fn from(v: $ty) -> $any {
                $any::Known(v)
            }
        }

        #[cfg(feature = "alloc")]
        impl From<&str> for $any {
            fn from(s: &str) -> $any {
                $any::new(s)
            }
        }

        #[cfg(feature = "alloc")]
        impl FromStr for $any {
            type Err = core::convert::Infallible;
            fn from_str(s: &str) -> Result<$any, Self::Err> {
                Ok($any::new(s))
            }
        }

        #[cfg(feature = "alloc")]
        impl fmt::Display for $any {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $any {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $any {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$any, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $any;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$any, E> {
                        Ok($any::new(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: alloc::string::String) -> Result<$any, E> {
                        Ok(match $ty::lookup(&v) {
                            Some(k) => $any::Known(k),
                            None => $any::Unknown(crate::support::UnknownKey::new(v.into_boxed_str())),
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use keyed_enum;

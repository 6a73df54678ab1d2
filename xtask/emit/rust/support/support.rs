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
///
/// ```
/// use cloud_trail_events::nhn::AnyEventId;
/// if let AnyEventId::Unknown(key) = AnyEventId::new("event_id.not.yet.known") {
///     assert_eq!(key.as_str(), "event_id.not.yet.known");
/// }
/// ```
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

/// ASCII case-insensitive order of two strings (other bytes compare as they are): the order of
/// the tables that `lookup_ignore_ascii_case` searches.
pub(crate) fn cmp_ignore_ascii_case(a: &str, b: &str) -> core::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The error type of strictly parsing a key: it keeps the rejected input without allocating.
macro_rules! parse_error {
    ($ty:ident, $err:ident, $what:literal, $module:literal) => {
        #[doc = concat!("The error of strictly parsing a string that is not a known ", $what, ".")]
        ///
        /// It carries the rejected input without allocating: its first 96 bytes (cut at a
        /// character boundary; every key is shorter) and its length, so that a stream of unknown
        /// input costs no heap traffic.
        ///
        /// ```
        #[doc = concat!("use cloud_trail_events::", $module, "::", stringify!($ty), ";")]
        #[doc = concat!("let err = \"no such key\".parse::<", stringify!($ty), ">().unwrap_err();")]
        /// assert_eq!(err.input(), "no such key");
        /// assert!(!err.is_truncated());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $err {
            rejected: crate::support::Rejected,
        }

        impl $err {
            /// The error for rejected input `input`.
            #[inline(always)]
            pub fn new(input: &str) -> $err {
                $err {
                    rejected: crate::support::Rejected::new(input),
                }
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

        impl core::fmt::Display for $err {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.rejected.fmt_with(concat!("unknown ", $what, " "), f)
            }
        }

        impl core::error::Error for $err {}
    };
}
pub(crate) use parse_error;

/// The conversions every keyed enum has, with one naming scheme: `Display`, `FromStr` and
/// `TryFrom<&str>` (strict, through `lookup`), `AsRef<str>`, `From<Ty> for &'static str`,
/// `PartialEq` with `str` and `&str` both ways, `Ord` as the order of `ALL`, and serde as the
/// key string. Needs `as_str` and
/// `lookup(&str) -> Option<Self>` on the type.
macro_rules! key_conversions {
    ($ty:ident, $what:literal, $err:ident) => {
        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::str::FromStr for $ty {
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

        impl TryFrom<&str> for $ty {
            type Error = $err;
            /// The same as `str::parse`.
            #[inline(always)]
            fn try_from(s: &str) -> Result<$ty, $err> {
                s.parse()
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl From<$ty> for &'static str {
            fn from(v: $ty) -> &'static str {
                v.as_str()
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$ty> for str {
            fn eq(&self, other: &$ty) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$ty> for &str {
            fn eq(&self, other: &$ty) -> bool {
                *self == other.as_str()
            }
        }

        /// The order of [`ALL`](Self::ALL). Written by hand, not derived: a variant
        /// added anywhere keeps the order of the others, and no declaration order is promised.
        impl Ord for $ty {
            fn cmp(&self, other: &$ty) -> core::cmp::Ordering {
                (*self as usize).cmp(&(*other as usize))
            }
        }

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &$ty) -> Option<core::cmp::Ordering> {
                Some(self.cmp(other))
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
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(concat!("a known ", $what))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::lookup(v)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use key_conversions;

/// A small enum whose variants have keys: `ALL`, `const fn as_str`, a linear `lookup` and
/// `lookup_ignore_ascii_case`, the strict parse error and [`key_conversions!`].
///
/// `key_enum!(Ty, "what", module: "nhn", error: ParseTyError, all: ALL_TABLE, keys:
/// KEYS_TABLE)`: `ALL_TABLE` lists the variants in declaration order, `KEYS_TABLE[i]` is the key
/// of variant `i`; `module` is the type's module in the crate, for the examples. The enum has one
/// hidden `#[non_exhaustive]` variant more, never made, so that downstream code cannot cast it
/// to a number.
macro_rules! key_enum {
    ($ty:ident, $what:literal, module: $module:literal, error: $err:ident, all: $all:ident, keys: $keys:ident $(,)?) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &$all;

            /// The key as the vendor writes it: what `Display`, `AsRef<str>` and serde give.
            ///
            /// ```
            #[doc = concat!("use cloud_trail_events::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("for v in ", stringify!($ty), "::ALL {")]
            #[doc = concat!("    assert_eq!(v.as_str().parse::<", stringify!($ty), ">(), Ok(*v));")]
            ///     assert!(*v == v.as_str() && v.as_str() == *v);
            /// }
            /// ```
            #[inline]
            pub const fn as_str(self) -> &'static str {
                $keys[self as usize]
            }

            #[doc = concat!("The ", $what, " whose key is exactly `key`, if any (what `parse` and `TryFrom` use).")]
            pub fn lookup(key: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == key)
            }

            /// As [`Self::lookup`], ignoring ASCII case (`EN`, `Organization`); an exact match wins.
            pub fn lookup_ignore_ascii_case(key: &str) -> Option<$ty> {
                Self::lookup(key)
                    .or_else(|| Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(key)))
            }
        }

        crate::support::parse_error!($ty, $err, $what, $module);
        crate::support::key_conversions!($ty, $what, $err);
    };
}
pub(crate) use key_enum;

/// Everything of a string-keyed event enum but its tables: `ALL`, `as_str`, perfect-hash
/// `lookup` (with former keys as aliases), `lookup_ignore_ascii_case`, `Debug`, the strict parse
/// error, [`key_conversions!`] and the lenient type.
///
/// The generated module defines the enum (one variant per key, and one hidden
/// `#[non_exhaustive]` variant that is never made, so that downstream code cannot cast the enum
/// to a number) and the tables named in the call: `all` (the variants in order), `keys`
/// (`keys[i]` is variant `i`'s key), `variants` (variant `i`'s name, for `Debug`), `aliases`
/// (`(former key, variant)` sorted by former key), `folded` (the indices of the keys sorted by
/// [`cmp_ignore_ascii_case`], then byte order), and the perfect hash's `hash` function name,
/// `seed`, `bits`, `disps` and `slots` (see `phash`). `blob` holds every key followed by its
/// variant's index (two bytes, little-endian); a slot is one `u32`, the offset of its key in
/// `blob` (bits 8..32) and the key's length (bits 0..8), or `u32::MAX` when empty. The enum also
/// has a generated `from_index(u16) -> Option<Self>` (a `match` that compiles to a range check).
/// `module` is the type's module in the crate, for the examples.
macro_rules! keyed_enum {
    (
        $ty:ident, what: $what:literal, module: $module:literal, error: $err:ident, any: $any:ident,
        all: $all:ident, keys: $keys:ident, variants: $variants:ident, aliases: $aliases:ident,
        alias_lengths: $alias_lengths:ident, folded: $folded:ident,
        hash: $hash:ident, seed: $seed:ident, bits: $bits:ident, disps: $disps:ident, slots: $slots:ident, blob: $blob:ident $(,)?
    ) => {
        impl $ty {
            /// Every variant, in key order (byte order of [`Self::as_str`]).
            pub const ALL: &'static [$ty] = &$all;

            #[inline]
            const fn index(self) -> usize {
                self as usize
            }

            /// The key, exactly as the vendor publishes it.
            ///
            /// ```
            #[doc = concat!("use cloud_trail_events::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("let first = ", stringify!($ty), "::ALL[0];")]
            /// let key: &'static str = first.as_str();
            /// assert_eq!(key, first.to_string());
            /// assert!(first == key && key == first);
            /// ```
            #[inline]
            pub const fn as_str(self) -> &'static str {
                $keys[self.index()]
            }

            /// The variant whose key is exactly `key` (no trimming, no case folding), or whose
            /// former key it is (see [`Self::aliases`]), if any: what `parse` and `TryFrom` use.
            /// One hash, two small table reads (a displacement, then a 4-byte slot) and one read
            /// of the key's bytes, which the variant's index follows; a miss of the length of a
            /// former key also looks in the (usually empty) table of former keys.
            ///
            /// ```
            #[doc = concat!("use cloud_trail_events::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("let first = ", stringify!($ty), "::ALL[0];")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::lookup(first.as_str()), Some(first));")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::lookup(\"no such key\"), None);")]
            /// ```
            #[inline(always)]
            pub fn lookup(key: &str) -> Option<$ty> {
                match Self::lookup_key(key) {
                    // A bit per length some former key has: most misses end here.
                    None if key.len() < 256
                        && ($alias_lengths[key.len() >> 6] >> (key.len() & 63)) & 1 == 1 =>
                    {
                        Self::lookup_alias(key)
                    }
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

            /// As [`Self::lookup`], ignoring ASCII case: an exact match wins, then the first key
            /// (or former key) equal to `key` ignoring ASCII case. A binary search when the exact
            /// lookup misses.
            ///
            /// ```
            #[doc = concat!("use cloud_trail_events::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("let first = ", stringify!($ty), "::ALL[0];")]
            /// let shouted = first.as_str().to_ascii_uppercase();
            #[doc = concat!("assert_eq!(", stringify!($ty), "::lookup_ignore_ascii_case(&shouted), Some(first));")]
            /// ```
            pub fn lookup_ignore_ascii_case(key: &str) -> Option<$ty> {
                if let Some(v) = Self::lookup(key) {
                    return Some(v);
                }
                let cmp = |&i: &u16| crate::support::cmp_ignore_ascii_case($keys[i as usize], key);
                let at = $folded.partition_point(|i| cmp(i) == core::cmp::Ordering::Less);
                match $folded.get(at) {
                    Some(&i) if $keys[i as usize].eq_ignore_ascii_case(key) => $ty::from_index(i),
                    _ => $aliases.iter().find(|(a, _)| a.eq_ignore_ascii_case(key)).map(|(_, v)| *v),
                }
            }

            /// Former keys of this variant that still resolve to it (a key that embedded a
            /// version, a key from before a correction), sorted; usually none.
            pub fn aliases(self) -> impl Iterator<Item = &'static str> {
                $aliases.iter().filter(move |(_, v)| *v == self).map(|(a, _)| *a)
            }
        }

        /// The variant's name, as `#[derive(Debug)]` writes it for the crate's other enums.
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str($variants[self.index()])
            }
        }

        crate::support::parse_error!($ty, $err, $what, $module);
        crate::support::key_conversions!($ty, $what, $err);

        #[doc = concat!("A ", $what, " as found in data: a known one, or an unknown one kept byte for byte.")]
        ///
        #[doc = concat!("Build it with [`", stringify!($any), "::new`], `parse`, `From<&str>`, `From<String>` or serde (never fails):")]
        /// `Unknown` only ever holds a key the catalogue does not know, and its payload cannot be
        /// built by hand, so equal keys always give equal values. `as_str` gives back exactly the
        /// input.
        ///
        /// ```
        #[doc = concat!("use cloud_trail_events::", $module, "::{", stringify!($ty), ", ", stringify!($any), "};")]
        #[doc = concat!("let first = ", stringify!($ty), "::ALL[0];")]
        #[doc = concat!("assert_eq!(", stringify!($any), "::new(first.as_str()).known(), Some(first));")]
        #[doc = concat!("let unknown = ", stringify!($any), "::from(String::from(\"not.yet.known\"));")]
        /// assert_eq!(unknown.known(), None);
        /// assert_eq!(unknown.as_ref(), "not.yet.known");
        /// ```
        #[cfg(feature = "alloc")]
        #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
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

        /// Keeps the string's allocation for an unknown key.
        #[cfg(feature = "alloc")]
        impl From<alloc::string::String> for $any {
            fn from(s: alloc::string::String) -> $any {
                match $ty::lookup(&s) {
                    Some(k) => $any::Known(k),
                    None => $any::Unknown(crate::support::UnknownKey::new(s.into_boxed_str())),
                }
            }
        }

        #[cfg(feature = "alloc")]
        impl AsRef<str> for $any {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #[cfg(feature = "alloc")]
        impl core::str::FromStr for $any {
            type Err = core::convert::Infallible;
            fn from_str(s: &str) -> Result<$any, Self::Err> {
                Ok($any::new(s))
            }
        }

        #[cfg(feature = "alloc")]
        impl core::fmt::Display for $any {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
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
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$any, E> {
                        Ok($any::new(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: alloc::string::String) -> Result<$any, E> {
                        Ok($any::from(v))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use keyed_enum;

//! Integration tests: kakao (placeholder).

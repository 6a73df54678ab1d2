//! Integration tests: nhn (placeholder).

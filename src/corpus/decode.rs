//! Turning file bytes into UTF-8 text: UTF-8 with or without BOM, UTF-16
//! with BOM, and legacy single-byte encodings (Windows-1252/Latin-1).

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes bytes, or `None` when they are not text (binary).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let _ = bytes;
    todo!("decode::decode")
}

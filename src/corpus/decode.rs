//! Turning file bytes into UTF-8 text: UTF-8 with or without BOM, UTF-16
//! with BOM, and legacy single-byte encodings (Windows-1252/Latin-1).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The encoding name reported for UTF-8 that starts with a byte order mark.
pub const UTF_8_BOM: &str = "UTF-8 (BOM)";

/// How much of a file the encoding detector and the binary check look at:
/// enough to meet the umlauts of a long article, bounded for huge files.
const SNIFF_BYTES: usize = 1 << 20;

/// A decoded text whose sample has more than one control character in this
/// many characters is binary. Tabs, line ends, form feeds and ESC (terminal
/// escapes in logs and scrapes) do not count.
const CONTROL_SHARE_DENOMINATOR: usize = 10;

/// File signatures of formats that are never articles, caught even when the
/// file is too short to contain the NUL bytes that usually give them away.
const BINARY_SIGNATURES: [&[u8]; 6] =
    [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04"];

/// Decodes bytes, or `None` when they are not text (binary).
///
/// A BOM decides the encoding (UTF-8, UTF-16LE, UTF-16BE) and is not part of
/// the text. Without one, valid UTF-8 is UTF-8; anything else is guessed by
/// chardetng among legacy encodings (for German and English news that is
/// Windows-1252). UTF-16 without a BOM is full of NUL bytes and reads as
/// binary.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    // Text in a BOM-less encoding never contains NUL; binaries nearly always do.
    if Encoding::for_bom(bytes).is_none() && memchr::memchr(0, bytes).is_some() {
        return None;
    }
    decode_records(bytes).filter(|decoded| !looks_binary(&decoded.text))
}

/// Decodes a file of records, one a line (JSON Lines), without judging
/// the file as a whole by its content: a NUL or control bytes make only
/// their own record binary, for the caller to find with [`looks_binary`]
/// line by line. `None` only for a file that starts like a known binary
/// format. The encoding is found as for [`decode`].
pub fn decode_records(bytes: &[u8]) -> Option<Decoded> {
    if BINARY_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return None;
    }
    Some(match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            let name = if encoding == UTF_8 { UTF_8_BOM } else { encoding.name() };
            Decoded { text: text.into_owned(), encoding: name }
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Decoded { text: text.to_owned(), encoding: UTF_8.name() },
            Err(_) => decode_legacy(bytes),
        },
    })
}

/// Decodes bytes in a known encoding (one a web page declares, say),
/// without BOM handling: the caller has found none.
pub fn decode_as(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: encoding.name() }
}

/// Decodes bytes that are not UTF-8 in the legacy encoding chardetng guesses.
fn decode_legacy(bytes: &[u8]) -> Decoded {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    // Our corpora are German and English: a Western hint keeps short samples
    // (`äöüß„“` alone reads as Greek) on Windows-1252, while text that is
    // clearly Cyrillic, Greek or Central European still gets its own encoding.
    decode_as(bytes, detector.guess(Some(b"de"), Utf8Detection::Deny))
}

/// Whether decoded text is really binary: NUL characters (possible after
/// UTF-16 decoding) or a high share of control characters near the start.
pub fn looks_binary(text: &str) -> bool {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut chars = 0;
    let mut controls = 0;
    for c in sample.chars() {
        chars += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\x0c' | '\x1b' => {}
            c if c.is_control() => controls += 1,
            _ => {}
        }
    }
    controls * CONTROL_SHARE_DENOMINATOR > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(bytes).expect("text, not binary");
        (d.text, d.encoding)
    }

    #[test]
    fn plain_utf8() {
        assert_eq!(decoded("Grüße „Zitat“".as_bytes()), ("Grüße „Zitat“".to_owned(), "UTF-8"));
    }

    #[test]
    fn utf8_bom_is_stripped_and_named() {
        assert_eq!(decoded(b"\xef\xbb\xbfHallo"), ("Hallo".to_owned(), "UTF-8 (BOM)"));
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("Bürger äußern".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decoded(&bytes), ("Bürger äußern".to_owned(), "UTF-16LE"));
    }

    #[test]
    fn utf16be_with_bom() {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend("Öl".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decoded(&bytes), ("Öl".to_owned(), "UTF-16BE"));
    }

    #[test]
    fn windows_1252_umlauts_and_german_quotes() {
        assert_eq!(decoded(b"\xe4\xf6\xfc\xdf\x84\x93"), ("äöüß„“".to_owned(), "windows-1252"));
    }

    #[test]
    fn windows_1252_sentence() {
        let bytes = b"Die Gespr\xe4che in M\xfcnchen \x84dauern an\x93, sagte der Sprecher am Donnerstag. Gr\xfc\xdfe.";
        assert_eq!(
            decoded(bytes),
            (
                "Die Gespräche in München „dauern an“, sagte der Sprecher am Donnerstag. Grüße.".to_owned(),
                "windows-1252"
            )
        );
    }

    #[test]
    fn clearly_cyrillic_text_is_not_forced_to_windows_1252() {
        let text = "Переговоры продолжаются, сообщил представитель министерства в четверг.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decoded(&bytes), (text.to_owned(), "windows-1251"));
    }

    #[test]
    fn binaries_are_none() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
        assert_eq!(decode(png), None);
        assert_eq!(decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), None);
        // The start of a .DS_Store file.
        assert_eq!(decode(b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00"), None);
        assert_eq!(decode(b"\x01\x02\x03\x04abc\x05\x06"), None);
    }

    #[test]
    fn utf16_with_nul_characters_is_binary() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend([0u16, 1, 0, 65].iter().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&bytes), None);
    }

    #[test]
    fn escapes_and_line_ends_do_not_make_text_binary() {
        assert_eq!(decoded(b"\x1b[31mRED\x1b[0m\r\n\tx\x0c"), ("\x1b[31mRED\x1b[0m\r\n\tx\x0c".to_owned(), "UTF-8"));
    }

    #[test]
    fn records_decode_around_a_nul_that_makes_the_whole_binary() {
        let bytes = "{\"text\": \"Grüße\"}\n{\"text\": \"a\0b\"}\n".as_bytes();
        assert_eq!(decode(bytes), None);
        let records = decode_records(bytes).expect("decodes");
        assert_eq!(records.encoding, "UTF-8");
        let binary: Vec<bool> = records.text.lines().map(looks_binary).collect();
        assert_eq!(binary, [false, true]);
        assert_eq!(decode_records(b"%PDF-1.7\n"), None);
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decoded(b""), (String::new(), "UTF-8"));
    }
}

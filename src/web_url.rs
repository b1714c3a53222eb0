//! Urls from outside (front matter, JSON Lines) that dossier hands to a
//! browser or puts in a sheet a browser renders: only plain web addresses.

/// `text` when it is an `http` or `https` URL with a host, as written:
/// the scheme is matched without regard to case (RFC 3986) but nothing is
/// trimmed or repaired. Anything else (`javascript:`, `file:`, an option
/// such as `--gpu-launcher=…`, leading spaces) is `None`. Whitespace,
/// control and invisible characters, quotes, angle brackets, backticks and
/// backslashes are refused anywhere: a real URL percent-encodes them.
pub fn web_url(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let host_ends = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let refused =
        |c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`' | '\\') || crate::display::hazard(c).is_some();
    (host_ends > 0 && !text.chars().any(refused)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::web_url;

    #[test]
    fn web_addresses_pass_as_written() {
        for url in ["https://example.org/talks?a=1&b=2#top", "http://example.org", "HTTPS://ok", "HtTp://x/y"] {
            assert_eq!(web_url(url), Some(url));
        }
        assert_eq!(web_url("https://example.org/Gespräche"), Some("https://example.org/Gespräche"));
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "--gpu-launcher=x",
            "-https://example.org",
            "javascript:alert(1)",
            "javascript://%0aalert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            " http://x",
            "http://x ",
            "http:///path",
            "https://",
            "http:example.org",
            "http://exa mple.org",
            "http://example.org/\u{1b}[2J",
            "http://example.org/\u{202e}gpj",
            "http://example.org/\"onmouseover=\"x",
            "http://example.org/<script>",
            "ftp://example.org",
            "",
        ] {
            assert_eq!(web_url(url), None, "{url:?}");
        }
    }
}

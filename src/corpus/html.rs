//! Saved web pages: the main text of a news page without its navigation,
//! scripts and furniture, and what the page states about itself (title,
//! date, url, language, outlet, authors), each value with the element it
//! came from. Parsed by scraper (html5ever), never by hand.

use super::decode::{self, Decoded, UTF_8_BOM};
use super::source::StatedMeta;
use encoding_rs::{Encoding, UTF_8};
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// A page read: what it states and its main text, one paragraph a line
/// with blank lines between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub meta: StatedMeta,
    pub body: String,
}

/// How far into a page its `<meta charset>` is looked for: browsers look
/// at the first 1024 bytes; a little more forgives a long `<head>`.
const CHARSET_PREFIX_BYTES: usize = 4096;

/// Decodes a page: a BOM or valid UTF-8 is trusted; other bytes are
/// decoded as the page declares (`<meta charset>` or `http-equiv`), else
/// in the encoding guessed as for any text. `None` for binary content.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let guessed = decode::decode(bytes)?;
    let trusted = [UTF_8.name(), UTF_8_BOM, "UTF-16LE", "UTF-16BE"];
    if trusted.contains(&guessed.encoding) {
        return Some(guessed);
    }
    let mut end = guessed.text.len().min(CHARSET_PREFIX_BYTES);
    while !guessed.text.is_char_boundary(end) {
        end -= 1;
    }
    match declared_encoding(&guessed.text[..end]) {
        // A page that claims UTF-8 but is not, or claims UTF-16 in bytes
        // that hold no NUL, is decoded as guessed.
        Some(declared)
            if declared.name() != guessed.encoding && declared.is_ascii_compatible() && declared != UTF_8 =>
        {
            Some(decode::decode_as(bytes, declared))
        }
        _ => Some(guessed),
    }
}

/// The encoding a page's head declares.
fn declared_encoding(head: &str) -> Option<&'static Encoding> {
    static CHARSET: LazyLock<Selector> = LazyLock::new(|| selector("meta[charset], meta[http-equiv][content]"));
    let page = Html::parse_document(head);
    page.select(&CHARSET).find_map(|meta| {
        let label = match meta.attr("charset") {
            Some(label) => label,
            // `text/html; charset=windows-1252`
            None if meta.attr("http-equiv")?.eq_ignore_ascii_case("content-type") => {
                let content = meta.attr("content")?;
                let at = content.to_ascii_lowercase().find("charset=")?;
                content[at + "charset=".len()..].split(';').next()?.trim_matches(['"', '\'', ' '])
            }
            None => return None,
        };
        Encoding::for_label(label.trim().as_bytes())
    })
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|error| panic!("a fixed selector parses: {css}: {error}"))
}

/// Most work the HTML tree builder may be given, counted as the sum of
/// the open elements at each start tag: the builder checks them at every
/// tag, so a page nested 100,000 deep would take minutes. A real page
/// costs a few million at most. A page over it is read by its text alone.
pub const MAX_TREE_WORK: u64 = 50_000_000;

/// Reads a decoded page. `problem` says when it was too deeply nested to
/// read as a tree.
pub fn read(html: &str) -> (Page, Option<String>) {
    let (work, text_alone) = scan_tokens(html);
    if work > MAX_TREE_WORK {
        let problem = "elements nested too deeply to read as a page; read as its text alone".to_owned();
        return (Page { meta: StatedMeta::default(), body: text_alone }, Some(problem));
    }
    let page = Html::parse_document(html);
    let mut meta = stated(&page);
    let (body, time) = main_text(content_root(&page));
    if meta.date.is_none()
        && let Some(time) = time
    {
        meta.date = Some(time);
        meta.origins.date = Some("<time datetime>");
    }
    (Page { meta, body }, None)
}

/// What the page states about itself in its head (and `<html lang>`):
/// the first of each field's sources that gives a value.
fn stated(page: &Html) -> StatedMeta {
    static SOURCES: LazyLock<Vec<(Stated, Selector, &'static str)>> = LazyLock::new(|| {
        let meta = |property: &str| selector(&format!("meta[property=\"{property}\"], meta[name=\"{property}\"]"));
        vec![
            (Stated::Title, meta("og:title"), "<meta property=\"og:title\">"),
            (Stated::Title, selector("title"), "<title>"),
            (Stated::Date, meta("article:published_time"), "<meta property=\"article:published_time\">"),
            (Stated::Url, meta("og:url"), "<meta property=\"og:url\">"),
            (Stated::Url, selector("link[rel=\"canonical\"]"), "<link rel=\"canonical\">"),
            (Stated::Source, meta("og:site_name"), "<meta property=\"og:site_name\">"),
            (Stated::Lang, selector("html[lang]"), "<html lang>"),
            (Stated::Author, selector("meta[name=\"author\"]"), "<meta name=\"author\">"),
        ]
    });
    let mut meta = StatedMeta::default();
    for (field, selector, origin) in SOURCES.iter() {
        let Some(value) = page.select(selector).find_map(|element| value_of(element, *field)) else { continue };
        let (slot, origin_slot) = match field {
            Stated::Title => (&mut meta.title, &mut meta.origins.title),
            Stated::Date => (&mut meta.date, &mut meta.origins.date),
            Stated::Url => (&mut meta.url, &mut meta.origins.url),
            Stated::Source => (&mut meta.source, &mut meta.origins.source),
            Stated::Lang => (&mut meta.lang, &mut meta.origins.lang),
            Stated::Author => {
                meta.authors.push(value);
                continue;
            }
        };
        if slot.is_none() {
            *slot = Some(value);
            *origin_slot = Some(origin);
        }
    }
    meta
}

/// A field a page states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    Title,
    Date,
    Url,
    Source,
    Lang,
    Author,
}

/// The value an element gives: `content`, `href` or `lang`, or the text
/// of `<title>`; `None` when blank.
fn value_of(element: ElementRef<'_>, field: Stated) -> Option<String> {
    let value = match (element.value().name(), field) {
        ("meta", _) => element.attr("content")?.to_owned(),
        ("link", _) => element.attr("href")?.to_owned(),
        (_, Stated::Lang) => element.attr("lang")?.to_owned(),
        _ => element.text().collect(),
    };
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(value)
}

/// Where the article is: the `<article>` with the most text (a page may
/// hold teasers as articles too), else `<main>`, else the body.
fn content_root(page: &Html) -> ElementRef<'_> {
    static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
    static MAIN: LazyLock<Selector> = LazyLock::new(|| selector("main, [role=\"main\"]"));
    static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
    // Counting every article's text is quadratic in their nesting; the
    // first few are the candidates.
    let text_length = |element: &ElementRef| element.text().map(str::len).sum::<usize>();
    let article = page.select(&ARTICLE).take(16).max_by_key(|a| (text_length(a), std::cmp::Reverse(a.id())));
    article
        .or_else(|| page.select(&MAIN).next())
        .or_else(|| page.select(&BODY).next())
        .unwrap_or_else(|| page.root_element())
}

/// Elements that are never article text: code, styling, navigation,
/// forms, embedded media, page furniture.
const DROPPED: [&str; 24] = [
    "script", "style", "noscript", "template", "head", "nav", "aside", "footer", "form", "button", "select",
    "textarea", "input", "label", "iframe", "svg", "math", "canvas", "object", "embed", "audio", "video", "dialog",
    "menu",
];

/// Elements that end a line of text.
const BLOCKS: [&str; 34] = [
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "br",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 9] =
    ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"];

/// Words in a class or id that mark page furniture (`cookie-banner`,
/// `share-tools`, `related_posts`, `article-tags`: the topic links under a
/// story).
const FURNITURE_WORDS: [&str; 24] = [
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "share",
    "sharing",
    "social",
    "related",
    "comments",
    "advert",
    "advertisement",
    "ads",
    "promo",
    "paywall",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "sidebar",
    "nav",
    "navbar",
    "navigation",
    "tags",
    "topics",
];

/// Whether an element (and all it holds) is left out of the text. A
/// `<header>` is kept inside an article, where it holds the headline.
fn is_dropped(element: &scraper::node::Element, in_article: bool) -> bool {
    let name = element.name();
    if DROPPED.contains(&name) || (name == "header" && !in_article) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || element.attr("role").is_some_and(|role| FURNITURE_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)))
    {
        return true;
    }
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names.flat_map(str::split_whitespace).any(|token| {
        let token = token.to_ascii_lowercase();
        // Glued words (`cookieBanner`) are caught for the clearest marks.
        ["cookie", "consent", "gdpr"].iter().any(|mark| token.contains(mark))
            || token.split(['-', '_']).any(|word| FURNITURE_WORDS.contains(&word))
    })
}

/// The text below `root`, a paragraph a line with blank lines between,
/// and the first `<time datetime>` in it. The tree is walked without
/// recursion, so no nesting can exhaust the stack.
fn main_text(root: ElementRef<'_>) -> (String, Option<String>) {
    let mut text = TextBuilder::default();
    let mut time = None;
    // The element whose subtree is being skipped, if any.
    let mut skipping = None;
    let mut articles = 0usize;
    let mut pre = 0usize;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(chunk) => text.push(chunk, pre > 0),
                    Node::Element(element) => {
                        if is_dropped(element, articles > 0 || node.id() == root.id()) {
                            skipping = Some(node.id());
                            continue;
                        }
                        match element.name() {
                            "article" => articles += 1,
                            "pre" => pre += 1,
                            "td" | "th" => text.space(),
                            "time" if time.is_none() => {
                                time = element
                                    .attr("datetime")
                                    .map(str::trim)
                                    .filter(|t| !t.is_empty())
                                    .map(str::to_owned);
                            }
                            _ => {}
                        }
                        if BLOCKS.contains(&element.name()) {
                            text.end_line();
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    match element.name() {
                        "article" => articles = articles.saturating_sub(1),
                        "pre" => pre = pre.saturating_sub(1),
                        _ => {}
                    }
                    if BLOCKS.contains(&element.name()) {
                        text.end_line();
                    }
                }
            }
        }
    }
    (text.finish(), time)
}

/// Text gathered line by line: whitespace collapsed as a browser shows it,
/// except in `<pre>`.
#[derive(Default)]
pub(crate) struct TextBuilder {
    out: String,
    line: String,
    /// Whitespace met since the last character of the line.
    space: bool,
}

impl TextBuilder {
    fn push(&mut self, chunk: &str, preformatted: bool) {
        for c in chunk.chars() {
            if preformatted && c == '\n' {
                self.end_line();
            } else if c.is_whitespace() && !preformatted {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn end_line(&mut self) {
        let line = self.line.trim_end();
        if !line.trim_start().is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(line);
        }
        self.line.clear();
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.end_line();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// Elements whose content is not text to read.
const RAW: [&str; 6] = ["script", "style", "noscript", "template", "title", "textarea"];

/// One linear pass of html5ever's tokenizer (the tree builder's
/// quadratic worst case aside): the work a tree would take (see
/// [`MAX_TREE_WORK`]), and the page's text without scripts and styles.
fn scan_tokens(html: &str) -> (u64, String) {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::{Cell, RefCell};

    #[derive(Default)]
    struct Scan {
        depth: Cell<u64>,
        work: Cell<u64>,
        /// Inside a raw element (script, style): its text is skipped.
        raw: Cell<bool>,
        text: RefCell<TextBuilder>,
    }
    impl TokenSink for Scan {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::TagToken(Tag { kind, name, self_closing, .. }) => {
                    let name: &str = &name;
                    if BLOCKS.contains(&name) {
                        self.text.borrow_mut().end_line();
                    }
                    // Elements that close themselves or cannot hold others
                    // never deepen the tree.
                    let nests = !self_closing
                        && !matches!(
                            name,
                            "area"
                                | "base"
                                | "br"
                                | "col"
                                | "embed"
                                | "hr"
                                | "img"
                                | "input"
                                | "link"
                                | "meta"
                                | "source"
                                | "track"
                                | "wbr"
                                | "p"
                                | "li"
                                | "dt"
                                | "dd"
                                | "option"
                                | "tr"
                                | "td"
                                | "th"
                        );
                    match kind {
                        TagKind::StartTag => {
                            self.work.set(self.work.get().saturating_add(self.depth.get()));
                            if nests {
                                self.depth.set(self.depth.get() + 1);
                            }
                            if RAW.contains(&name) {
                                self.raw.set(true);
                                let kind = if name == "script" { RawKind::ScriptData } else { RawKind::Rawtext };
                                return TokenSinkResult::RawData(kind);
                            }
                        }
                        TagKind::EndTag => {
                            if nests {
                                self.depth.set(self.depth.get().saturating_sub(1));
                            }
                            self.raw.set(false);
                        }
                    }
                }
                Token::CharacterTokens(chunk) if !self.raw.get() => self.text.borrow_mut().push(&chunk, false),
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Scan::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let Scan { work, text, .. } = tokenizer.sink;
    (work.get(), text.into_inner().finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Provenance};

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="de-DE"><head>
<meta charset="windows-1250">
<title>Gespräche in Ossel vertagt | Nordlicht Rundschau</title>
<meta property="og:title" content="Gespräche in Ossel vertagt">
<meta property="og:site_name" content="Nordlicht Rundschau">
<meta property="og:url" content="https://example.org/nordlicht/ossel-vertagt">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<style>body { color: red }</style><script>var tracking = "Wrocław";</script>
</head><body>
<header><a href="/">Nordlicht Rundschau</a><nav><ul><li>Politik</li><li>Welt</li></ul></nav></header>
<div class="cookie-banner">Wir verwenden Cookies. <button>Akzeptieren</button></div>
<main><article>
<header><h1>Gespräche in Ossel vertagt</h1><time datetime="2024-03-04">4. März</time></header>
<p>Die Gespräche über die   Grenzmission
wurden am Montag vertagt.</p>
<div class="share-tools">Teilen auf X</div>
<p>Ein Sprecher sagte, man treffe sich <em>im April</em> wieder.<br>Bis dahin ruhe alles.</p>
<aside>Mehr zum Thema: Anderes</aside>
<pre>Zeile 1
  Zeile 2</pre>
</article>
<article class="teaser"><h2>Kurz</h2></article>
</main>
<footer>© Nordlicht</footer>
</body></html>"#;

    #[test]
    fn a_saved_news_page_gives_its_main_text_and_stated_metadata() {
        let (page, problem) = read(PAGE);
        assert_eq!(problem, None);
        assert_eq!(
            page.body,
            "Gespräche in Ossel vertagt\n\n4. März\n\nDie Gespräche über die Grenzmission wurden am Montag vertagt.\n\n\
             Ein Sprecher sagte, man treffe sich im April wieder.\n\nBis dahin ruhe alles.\n\n\
             Zeile 1\n\n  Zeile 2\n"
        );
        let meta = &page.meta;
        assert_eq!(meta.title.as_deref(), Some("Gespräche in Ossel vertagt"));
        assert_eq!(meta.origins.title, Some("<meta property=\"og:title\">"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-05T09:30:00+01:00"));
        assert_eq!(meta.origins.date, Some("<meta property=\"article:published_time\">"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/nordlicht/ossel-vertagt"));
        assert_eq!(meta.source.as_deref(), Some("Nordlicht Rundschau"));
        assert_eq!((meta.lang.as_deref(), meta.origins.lang), (Some("de-DE"), Some("<html lang>")));
    }

    #[test]
    fn without_head_metadata_the_title_tag_and_the_first_time_in_the_article_are_stated() {
        let html = "<html><head><title> Talks resume </title></head><body><nav><time datetime=\"2020-01-01\">x</time></nav>\
                    <p>Talks resumed <time datetime=\"2024-01-27\">on Saturday</time>.</p></body></html>";
        let (page, _) = read(html);
        assert_eq!((page.meta.title.as_deref(), page.meta.origins.title), (Some("Talks resume"), Some("<title>")));
        assert_eq!((page.meta.date.as_deref(), page.meta.origins.date), (Some("2024-01-27"), Some("<time datetime>")));
        assert_eq!(page.body, "Talks resumed on Saturday.\n");
    }

    #[test]
    fn the_declared_charset_decodes_a_legacy_page() {
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\">\
                          </head><body><p>Wroc"
            .to_vec();
        bytes.extend_from_slice(b"\xb3aw \xe8eka</p></body></html>");
        let decoded = decode(&bytes).expect("text");
        assert_eq!(decoded.encoding, "windows-1250");
        assert_eq!(read(&decoded.text).0.body, "Wrocław čeka\n");
        // Valid UTF-8 is trusted over a claim.
        let utf8 = "<meta charset=\"windows-1252\"><p>Grüße</p>";
        assert_eq!(decode(utf8.as_bytes()).map(|d| d.encoding), Some("UTF-8"));
    }

    #[test]
    fn hostile_pages_end_quickly_and_leave_no_escape_bytes() {
        let deep = format!("<title>t</title>{}deep text{}", "<div>".repeat(200_000), "</div>".repeat(200_000));
        let start = std::time::Instant::now();
        let (page, problem) = read(&deep);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        assert_eq!(page.body, "deep text\n");
        assert!(problem.is_some());
        let scripts = format!("<p>kept</p>{}", "<script>if (a < b) { x = '</p>' }</script>".repeat(50_000));
        assert_eq!(read(&scripts).0.body, "kept\n");

        let dir = tempfile::tempdir().expect("temp dir");
        let hostile = "<html lang=\"en\"><head><title>Evil\u{1b}]0;pwned\u{7} title</title></head><body>\
                       <p>Body \u{1b}[2J&#27;[31mred &#x202e;text</p></body></html>";
        std::fs::write(dir.path().join("page.html"), hostile).expect("write");
        std::fs::write(dir.path().join("saved.htm"), PAGE).expect("write");
        let corpus = Corpus::load(dir.path()).expect("loads");
        let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["page.html", "saved.htm"]);
        let evil = &corpus.articles[0];
        assert_eq!(evil.title(), "Evil title");
        assert!(!evil.text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{:?}", evil.text);
        let saved = &corpus.articles[1];
        assert_eq!(saved.title(), "Gespräche in Ossel vertagt");
        let date = saved.date.as_ref().expect("a stated date");
        assert_eq!((date.provenance, date.shown()), (Provenance::Stated, "2024-03-05".to_owned()));
        assert_eq!(
            date.reasoning,
            "stated in the file as `<meta property=\"article:published_time\">`: 2024-03-05T09:30:00+01:00"
        );
        assert_eq!(saved.source(), Some("Nordlicht Rundschau"));
    }
}

//! Copying to the clipboard (`Y`): what the analyst points at, as plain
//! text, through the terminal (OSC 52), so it works over ssh. The reader
//! copies the selection, else the claim under the cursor with its source,
//! else the cursor sentence; the list and timeline copy the article's url;
//! the recurring view copies the highlighted sentence with its source.

use super::app::{App, Effect, Focus, Overlay};
use crate::corpus::Article;
use crate::display::without_hazards;
use std::ops::Range;

impl App {
    /// The text to copy here, or why there is none.
    pub(super) fn copy(&mut self) -> Vec<Effect> {
        match self.clipboard_text() {
            Ok((what, text)) => {
                let text = without_hazards(&text).into_owned();
                self.message = Some(format!("copied {what} ({} characters)", text.chars().count()));
                vec![Effect::Copy(text)]
            }
            Err(why) => {
                self.message = Some(why);
                Vec::new()
            }
        }
    }

    /// What is copied here, described for the status line, and its text.
    fn clipboard_text(&self) -> Result<(&'static str, String), String> {
        if let Some(Overlay::Recurring(view)) = &self.overlay {
            let similar = view.matches.get(view.selected).ok_or("nothing highlighted")?;
            return Ok(("the sentence with its source", self.quoted(similar.article, similar.span.clone())));
        }
        match (&self.reader, self.focus) {
            (Some(reader), Focus::Reader) => {
                let article = &self.articles[reader.article];
                if let Some(selection) = &reader.selection {
                    return Ok(("the selection", article.text[selection.clone()].to_string()));
                }
                let sentence = article.detail().sentence(reader.sentence).ok_or("no sentence here")?;
                match self.claim_overlapping(reader.article, &sentence) {
                    Some((_, claim)) => Ok(("the claim with its source", self.quoted(reader.article, claim))),
                    None => Ok(("the sentence", article.text[sentence].trim().to_string())),
                }
            }
            _ => {
                let index = self.current_article().ok_or("no article selected")?;
                let url = self.articles[index].meta().url.clone();
                url.map(|url| ("the article's url", url)).ok_or_else(|| {
                    "this article has no url to copy · in the reader Y copies the sentence or selection".to_string()
                })
            }
        }
    }

    /// A quote of `span` of an article, with where it is from.
    fn quoted(&self, index: usize, span: Range<usize>) -> String {
        let article = &self.articles[index];
        format!("“{}”\n— {}", article.text[span].trim(), citation(article))
    }
}

/// Where an article is from: title, source, date and url (or its file).
fn citation(article: &Article) -> String {
    let mut parts = vec![article.title().to_string()];
    parts.extend(article.source().map(str::to_string));
    parts.extend(article.date.as_ref().and_then(|d| d.value).map(|v| v.to_string()));
    parts.push(match &article.meta().url {
        Some(url) => url.clone(),
        None => article.path().display().to_string(),
    });
    parts.join(", ")
}

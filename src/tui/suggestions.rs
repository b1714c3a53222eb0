//! Suggested links and recurring claims in the TUI: the reader offers the
//! machine's link suggestions under the real links (accept, reject, take a
//! suggested date), and a view of the sentences across the corpus that
//! say the same thing, where numbers that differ stand side by side.

use super::app::{App, Focus, Overlay};
use crate::annotations::{Anchor, Claim, Endpoint, Link, LinkOrigin, RecordId};
use crate::corpus::dates::DateValue;
use crate::suggest::{Direction, Fingerprint, SentenceIndex, SimilarSentence, SuggestedKind, Suggestion, Suggestions};
use rayon::prelude::*;
use std::fmt;
use std::ops::Range;

/// The kind of link between two statements of one claim.
const SAME_CLAIM: &str = "same-claim";
/// How many similar sentences the recurring-claim view lists.
const RECURRING_LIMIT: usize = 50;
/// Suggestion rows the reader's panel shows at most; `e` scrolls through the rest.
const PANEL_ROWS: usize = 4;

/// What the background thread found once the corpus was in.
pub struct Found {
    /// With the fingerprints, one per article in the order of `App::articles`.
    pub suggestions: Suggestions,
    pub sentences: SentenceIndex,
}

impl Found {
    /// Suggestions and the sentence index from the articles' fingerprints.
    pub fn from_fingerprints(prints: Vec<Fingerprint>) -> Found {
        let suggestions = Suggestions::from_fingerprints(prints);
        let sentences = suggestions.sentence_index();
        Found { suggestions, sentences }
    }

    /// The same, straight from loaded articles (tests, small corpora).
    pub fn of_articles(articles: &[crate::corpus::Article]) -> Found {
        Found::from_fingerprints(articles.par_iter().map(Fingerprint::of).collect())
    }

    /// Sentences similar to `span` of the article at `article`.
    fn similar(&self, article: usize, span: Range<usize>) -> Vec<SimilarSentence> {
        self.sentences.similar(self.suggestions.fingerprints(), article, span, RECURRING_LIMIT)
    }
}

impl fmt::Debug for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Found {{ {:?} }}", self.suggestions)
    }
}

/// The suggestions side of the app.
#[derive(Debug, Default)]
pub struct SuggestState {
    /// `None` while the background thread is still looking.
    pub found: Option<Box<Found>>,
    /// Set when a background thread was started to look.
    pub looking: bool,
    /// Why the background thread found nothing (it failed).
    pub failed: Option<String>,
    /// The highlighted suggestion of `article`.
    pub selected: usize,
    pub article: Option<usize>,
}

/// The reader's suggestions for one frame.
#[derive(Debug)]
pub struct SuggestionsHere {
    /// Unsettled, best first.
    pub list: Vec<Suggestion>,
    /// The highlighted one (0 when there are none).
    pub selected: usize,
    /// A date on offer for an undated article, and the article it is from.
    pub date: Option<(DateValue, usize)>,
}

impl SuggestionsHere {
    /// Where the highlighted suggestion's evidence sits in the reader's text.
    pub fn evidence(&self) -> Vec<Range<usize>> {
        let Some(suggestion) = self.list.get(self.selected) else { return Vec::new() };
        suggestion.evidence.iter().flat_map(|e| e.from_spans.iter().cloned()).collect()
    }

    /// How many suggestion rows the reader's panel shows in at most `room`
    /// lines: `None` when it shows no panel (only the date on offer, if any).
    /// The panel is a line of keys, the rows, the evidence line, the date.
    pub fn panel_rows(&self, room: usize) -> Option<usize> {
        if room < 3 || self.list.is_empty() {
            return None;
        }
        Some((room - 2 - usize::from(self.date.is_some())).min(PANEL_ROWS).min(self.list.len()))
    }

    /// Lines the panel takes in at most `room`.
    pub fn panel_height(&self, room: usize) -> usize {
        let date = usize::from(self.date.is_some());
        match self.panel_rows(room) {
            None => date.min(room),
            Some(rows) => 2 + rows + date,
        }
    }
}

/// The recurring-claim view: sentences across the corpus similar to one.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurring {
    /// The article and span the view started from.
    pub article: usize,
    pub span: Range<usize>,
    pub matches: Vec<SimilarSentence>,
    pub selected: usize,
}

impl App {
    /// Takes in what the background thread found.
    pub fn suggestions_found(&mut self, found: Found) {
        self.suggest.found = Some(Box::new(found));
    }

    /// The reader's article's suggestions the analyst has not settled
    /// (accepted, rejected or linked otherwise), best first.
    pub fn suggestions_here(&self) -> Vec<Suggestion> {
        let (Some(found), Some(reader)) = (&self.suggest.found, &self.reader) else { return Vec::new() };
        let mut suggestions = found.suggestions.for_article(&self.articles[reader.article].id);
        suggestions.retain(|s| !s.is_settled(&self.notes.annotations));
        suggestions
    }

    /// The reader's suggestions as a frame shows them, worked out once
    /// (each works out its evidence).
    pub fn suggestions_view(&self) -> SuggestionsHere {
        let list = self.suggestions_here();
        let selected = self.selected_of(list.len());
        let date = self.suggested_date_among(&list);
        SuggestionsHere { list, selected, date }
    }

    /// Which of `suggestions_here` is highlighted.
    pub fn selected_suggestion(&self) -> usize {
        self.selected_of(self.suggestions_here().len())
    }

    /// The highlighted one of `count` suggestions of the reader's article.
    fn selected_of(&self, count: usize) -> usize {
        let here = self.reader.as_ref().map(|r| r.article);
        if count == 0 || here != self.suggest.article { 0 } else { self.suggest.selected % count }
    }

    /// A publication date for an undated article: the date of an article
    /// it is suggested to be a translation or duplicate of.
    pub fn suggested_date_here(&self) -> Option<(DateValue, usize)> {
        self.suggested_date_among(&self.suggestions_here())
    }

    /// The same among these suggestions of the reader's article. Links the
    /// analyst made or accepted come first, so accepting the translation
    /// before taking its date loses nothing.
    fn suggested_date_among(&self, suggestions: &[Suggestion]) -> Option<(DateValue, usize)> {
        let reader = self.reader.as_ref()?;
        // Offered while the date is only the machine's, and not taken yet.
        let article = &self.articles[reader.article];
        let follows = self.notes.annotations.article(article.id.as_str()).is_some_and(|n| n.date_from.is_some());
        if follows || article.date.as_ref().is_some_and(|d| !d.is_inferred()) {
            return None;
        }
        let twin =
            |kind: &str| kind == SuggestedKind::TranslationOf.as_str() || kind == SuggestedKind::Duplicate.as_str();
        let linked =
            self.links_here().into_iter().filter(|(link, _)| twin(&link.kind)).filter_map(|(_, end)| match end {
                Endpoint::Article(id) => self.article_index(&id),
                Endpoint::Claim(_) => None,
            });
        let suggested =
            suggestions.iter().filter(|s| twin(s.kind.as_str())).filter_map(|s| self.article_index(s.to.as_str()));
        linked
            .chain(suggested)
            .find_map(|other| self.articles[other].date.as_ref().and_then(|d| Some((d.value?, other))))
    }

    /// Why there are no suggestions to act on yet: `doing` is still under
    /// way in the background, or it failed.
    pub(super) fn not_found_yet(&self, doing: &str) -> String {
        match &self.suggest.failed {
            Some(why) => format!("no suggested links: {why}"),
            None => format!("still {doing} in the background…"),
        }
    }

    /// Why there is nothing to act on, or the current suggestion.
    fn current_suggestion(&mut self) -> Option<Suggestion> {
        if self.suggest.found.is_none() {
            self.message = Some(self.not_found_yet("looking for suggested links"));
            return None;
        }
        let suggestions = self.suggestions_here();
        let at = self.selected_of(suggestions.len());
        let suggestion = suggestions.into_iter().nth(at);
        if suggestion.is_none() {
            self.message = Some("no suggested links for this article".to_string());
        }
        suggestion
    }

    pub(super) fn step_suggestion(&mut self) {
        let count = self.suggestions_here().len();
        if count == 0 {
            self.message = Some("no suggested links for this article".to_string());
            return;
        }
        self.suggest.selected = (self.selected_of(count) + 1) % count;
        self.suggest.article = self.reader.as_ref().map(|r| r.article);
    }

    pub(super) fn accept_suggestion(&mut self) {
        let Some(suggestion) = self.current_suggestion() else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let link = suggestion.to_link();
        // An even pair is stored as suggested from here; the analyst hears
        // so first, as titles would push it off the status line.
        let twins = matches!(suggestion.kind, SuggestedKind::TranslationOf | SuggestedKind::Duplicate);
        let message = if twins && suggestion.direction == Direction::Undecided {
            format!("linked {}, direction undecided (the evidence is even): F flips it · u undoes", link.kind)
        } else {
            format!(
                "linked {} —{}→ {} (suggested) · u undoes",
                self.describe(&link.from),
                link.kind,
                self.describe(&link.to)
            )
        };
        self.commit("accept suggestion", |notes| notes.links.push(link));
        self.message = Some(message);
    }

    /// Turns the current article's latest article link around: the
    /// evidence may have been even, or wrong. One undo step.
    pub(super) fn flip_link(&mut self) {
        let Some(index) = self.current_article() else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let here = Endpoint::Article(self.articles[index].id.as_str().to_string());
        let links = &self.notes.annotations.links;
        let Some(at) = links.iter().rposition(|l| l.from == here || l.to == here) else {
            self.message = Some("this article has no links to flip".to_string());
            return;
        };
        self.commit("flip link", |notes| {
            let link = &mut notes.links[at];
            std::mem::swap(&mut link.from, &mut link.to);
        });
        let link = &self.notes.annotations.links[at];
        let (arrow, other) = if link.from == here { ("→", &link.to) } else { ("←", &link.from) };
        self.message = Some(format!("flipped: this {arrow} {} {arrow} {} · u undoes", link.kind, self.describe(other)));
    }

    pub(super) fn reject_suggestion(&mut self) {
        let Some(suggestion) = self.current_suggestion() else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let rejection = suggestion.rejection();
        self.commit("reject suggestion", |notes| notes.rejected.push(rejection));
        self.message = Some(format!(
            "{} {} will not be suggested again · u undoes",
            suggestion.kind.as_str(),
            self.describe(&Endpoint::Article(suggestion.to.0.clone()))
        ));
    }

    /// Sets the undated article's date to the one suggested, saying where
    /// it came from; its relative mentions re-resolve against it.
    pub(super) fn accept_suggested_date(&mut self) {
        let Some((date, from)) = self.suggested_date_here() else {
            self.message = Some("no date suggested: the article is dated, or nothing it translates is".to_string());
            return;
        };
        let Some(index) = self.reader.as_ref().map(|r| r.article) else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let id = self.articles[index].id.as_str().to_string();
        let twin = self.articles[from].id.as_str().to_string();
        self.commit("take suggested date", |notes| {
            let note = notes.article_mut(&id);
            note.date = None;
            note.date_provenance = None;
            note.date_from = Some(twin.clone());
        });
        self.message = Some(format!("dated ~{date}, as {twin}, and follows its corrections · u undoes"));
    }

    /// Opens the view of sentences across the corpus similar to the
    /// selection, the claim under the cursor or the cursor sentence.
    pub(super) fn show_recurring(&mut self) {
        let Some((article, span)) = self.cursor_span() else {
            self.message = Some("no sentence here".to_string());
            return;
        };
        let Some(found) = &self.suggest.found else {
            self.message = Some(self.not_found_yet("indexing sentences"));
            return;
        };
        let matches = found.similar(article, span.clone());
        if matches.is_empty() {
            self.message = Some("no similar sentence elsewhere in the corpus".to_string());
            return;
        }
        self.overlay = Some(Overlay::Recurring(Box::new(Recurring { article, span, matches, selected: 0 })));
    }

    /// What the reader points at: the selection, else the claim under the
    /// cursor, else the cursor sentence.
    fn cursor_span(&self) -> Option<(usize, Range<usize>)> {
        let reader = self.reader.as_ref().filter(|_| self.focus == Focus::Reader)?;
        if let Some(selection) = &reader.selection {
            return Some((reader.article, selection.clone()));
        }
        let sentence = self.articles[reader.article].detail().sentence(reader.sentence)?;
        let claim = self.claim_overlapping(reader.article, &sentence).map(|(_, span)| span);
        Some((reader.article, claim.unwrap_or(sentence)))
    }

    /// The first placed claim of an article that overlaps `span`.
    pub(super) fn claim_overlapping(&self, article: usize, span: &Range<usize>) -> Option<(RecordId, Range<usize>)> {
        self.placed_claims(article)
            .into_iter()
            .find(|(_, s)| s.start < span.end && span.start < s.end)
            .map(|(claim, s)| (claim.id.clone(), s))
    }

    /// Links the view's sentence and the highlighted match as the same
    /// claim, tagging either as a claim first where it is not one yet (the
    /// new claim takes the other's tags and verdict). One undo step.
    pub(super) fn link_same_claim(&mut self, view: &Recurring) {
        if self.refuse_if_read_only() {
            return;
        }
        let target = &view.matches[view.selected];
        let here = self.claim_overlapping(view.article, &view.span).map(|(id, _)| id);
        let there = self.claim_overlapping(target.article, &target.span).map(|(id, _)| id);
        let template = here.as_ref().or(there.as_ref()).and_then(|id| self.notes.annotations.claim(id)).cloned();
        let mut new_claims = Vec::new();
        let mut claim_for = |existing: Option<RecordId>, article: usize, span: Range<usize>| match existing {
            Some(id) => id,
            None => {
                let claim = self.new_claim_like(article, span, template.as_ref());
                let id = claim.id.clone();
                new_claims.push(claim);
                id
            }
        };
        if self.linked_as_same_claim(view, target) {
            self.message = Some("these two are already linked as the same claim".to_string());
            return;
        }
        let from = claim_for(here, view.article, view.span.clone());
        let to = claim_for(there, target.article, target.span.clone());
        let link = Link {
            id: RecordId::new(),
            from: Endpoint::Claim(from),
            to: Endpoint::Claim(to),
            kind: SAME_CLAIM.to_string(),
            note: String::new(),
            origin: LinkOrigin::Suggested,
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        };
        let made = made_without_the_form(&new_claims);
        self.commit("link same claim", |notes| {
            notes.claims.extend(new_claims);
            notes.links.push(link);
        });
        let title = self.articles[target.article].title().to_string();
        self.message = Some(format!("linked as the same claim as in “{title}”{made} · u undoes"));
    }

    /// Whether the view's sentence and `similar` are claims linked as the same claim.
    pub fn linked_as_same_claim(&self, view: &Recurring, similar: &SimilarSentence) -> bool {
        let ends =
            (self.claim_overlapping(view.article, &view.span), self.claim_overlapping(similar.article, &similar.span));
        let (Some((here, _)), Some((there, _))) = ends else { return false };
        let (here, there) = (Endpoint::Claim(here), Endpoint::Claim(there));
        self.notes
            .annotations
            .links
            .iter()
            .any(|l| l.kind == SAME_CLAIM && ((l.from == here && l.to == there) || (l.from == there && l.to == here)))
    }

    /// A claim on `span` with the template's tags and verdict, and the
    /// speaker the sentence itself names.
    fn new_claim_like(&self, article: usize, span: Range<usize>, template: Option<&Claim>) -> Claim {
        let text = &self.articles[article];
        let default_verdict = self.settings.verdicts.first().cloned().unwrap_or_else(|| "unverified".to_string());
        Claim {
            id: RecordId::new(),
            anchor: Anchor::new(text.id.as_str(), &text.text, span.clone()),
            tags: template.map(|c| c.tags.clone()).unwrap_or_default(),
            speaker: crate::annotations::attribution::speaker(&text.text[span]),
            summary: None,
            verdict: template.map_or(default_verdict, |c| c.verdict.clone()),
            about: None,
            note: String::new(),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        }
    }

    /// Similar sentences elsewhere whose numbers differ from this claim's.
    pub fn number_conflicts(&self, claim: &Claim) -> Vec<SimilarSentence> {
        let (Some(found), Some(article), Some(span)) =
            (&self.suggest.found, self.article_index(&claim.anchor.article), self.claim_span(claim))
        else {
            return Vec::new();
        };
        let mut similar = found.similar(article, span);
        similar.retain(|s| !s.differing.is_empty());
        similar
    }

    /// For the claims view: ` · ≠ 3,000 here, 2.500 in “title”` when
    /// similar sentences elsewhere give other numbers, else empty.
    pub(super) fn conflict_summary(&self, claim: &Claim) -> String {
        let conflicts = self.number_conflicts(claim);
        let Some(first) = conflicts.first() else { return String::new() };
        let difference = &first.differing[0];
        let more = match conflicts.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        format!(
            " · ≠ {} here, {} in “{}”{more}",
            difference.here,
            difference.there,
            crate::display::truncate(self.articles[first.article].title(), 40)
        )
    }
}

/// For the status line: the claims `l` made without showing the form, with
/// the speaker each was given, so the analyst can check them (`c` edits).
fn made_without_the_form(claims: &[Claim]) -> String {
    if claims.is_empty() {
        return String::new();
    }
    let speakers: Vec<String> = claims
        .iter()
        .map(|claim| match &claim.speaker {
            Some(speaker) => format!("speaker “{}”", crate::display::truncate(speaker, 30)),
            None => "no speaker".to_string(),
        })
        .collect();
    let count = match claims.len() {
        1 => "1 claim".to_string(),
        n => format!("{n} claims"),
    };
    format!(" · {count} made without the form ({}) · c edits", speakers.join(", "))
}

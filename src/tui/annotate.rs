//! Annotating from the TUI: selecting and tagging claims, correcting an
//! article's date, title and source, linking, undo and redo. These are
//! `App` methods kept apart from navigation so each file has one job.

use super::action::Action;
use super::app::{App, Effect, Focus, Overlay, Prompt};
use super::claim_form::{ClaimFields, ClaimForm, split_tags};
use super::picker::{Choice, Picker, Purpose};
use super::selection::{Adjust, adjust};
use crate::annotations::export::ExportFormat;
use crate::annotations::reanchor::{Placement, reanchor};
use crate::annotations::{Anchor, Annotations, Claim, Endpoint, Link, LinkOrigin, RecordId, attribution};
use crate::corpus::dates::{DateValue, parse_stated};
use crate::corpus::{Article, ArticleId, Provenance, PublicationDate};
use crate::display::{one_line, truncate};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// An article field the analyst corrects through the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleField {
    Date,
    Title,
    Source,
    Tags,
}

impl ArticleField {
    /// The prompt's label.
    pub fn label(self) -> &'static str {
        match self {
            ArticleField::Date => "date (2024-02-08, 2024-02 or 2024; empty: the machine's guess):",
            ArticleField::Title => "title (empty: the machine's):",
            ArticleField::Source => "source (empty: the machine's):",
            ArticleField::Tags => "article tags (comma-separated):",
        }
    }
}

/// What the machine made of an article before the analyst corrected it,
/// so a correction can be undone or cleared.
#[derive(Debug, Clone)]
pub struct MachineView {
    title: String,
    title_derived: bool,
    source: Option<String>,
    date: Option<PublicationDate>,
}

impl MachineView {
    fn of(article: &Article) -> MachineView {
        MachineView {
            title: article.title.text.clone(),
            title_derived: article.title.derived,
            source: article.meta().source.clone(),
            date: article.date.clone(),
        }
    }
}

impl App {
    /// The article the analyst is on: the reader's when it has focus,
    /// else the list's selection.
    pub fn current_article(&self) -> Option<usize> {
        match (&self.reader, self.focus) {
            (Some(reader), Focus::Reader) => Some(reader.article),
            _ => self.list.selected_article(),
        }
    }

    /// The index of the article with this id.
    pub fn article_index(&self, id: &str) -> Option<usize> {
        self.article_ids.get(id).copied()
    }

    /// The configured verdicts.
    pub fn verdicts(&self) -> Vec<String> {
        self.settings.verdicts.clone()
    }

    /// Places the claims whose anchor is new since `before` and forgets
    /// the placements of claims that are gone.
    fn place_changed_claims(&mut self, before: &Annotations) {
        let anchors: HashMap<&RecordId, &Anchor> = before.claims.iter().map(|c| (&c.id, &c.anchor)).collect();
        let now: HashSet<&RecordId> = self.notes.annotations.claims.iter().map(|c| &c.id).collect();
        self.placements.retain(|id, _| now.contains(id));
        for claim in &self.notes.annotations.claims {
            if anchors.get(&claim.id) == Some(&&claim.anchor) {
                continue;
            }
            match self.article_ids.get(claim.anchor.article.as_str()) {
                Some(&index) => {
                    let placement = reanchor(&claim.anchor, &self.articles[index].text);
                    self.placements.insert(claim.id.clone(), placement);
                }
                None => {
                    self.placements.remove(&claim.id);
                }
            }
        }
    }

    /// Re-anchors the claims of articles from index `first` on against
    /// their current text (articles arrive in batches while loading).
    pub(super) fn place_claims(&mut self, first: usize) {
        for claim in &self.notes.annotations.claims {
            if let Some(index) = self.article_index(&claim.anchor.article).filter(|&i| i >= first) {
                let placement = reanchor(&claim.anchor, &self.articles[index].text);
                self.placements.insert(claim.id.clone(), placement);
            }
        }
    }

    /// Where a claim sits in its article's current text, if it can be
    /// placed with confidence.
    pub fn claim_span(&self, claim: &Claim) -> Option<Range<usize>> {
        let article = &self.articles[self.article_index(&claim.anchor.article)?];
        let span = claim.anchor.span();
        if article.text.get(span.clone()) == Some(claim.anchor.quote.as_str()) {
            return Some(span);
        }
        self.placements.get(&claim.id)?.span(&claim.anchor)
    }

    /// Why a claim cannot be placed (an orphan), if it cannot.
    pub fn orphan_reason(&self, claim: &Claim) -> Option<String> {
        if self.claim_span(claim).is_some() {
            return None;
        }
        Some(match self.placements.get(&claim.id) {
            Some(Placement::Orphan { reason }) => reason.to_string(),
            _ if self.article_index(&claim.anchor.article).is_none() => "article not found".to_string(),
            _ => "not placed".to_string(),
        })
    }

    /// Claims of the article at `index` that can be placed, with their spans, in text order.
    pub fn placed_claims(&self, index: usize) -> Vec<(&Claim, Range<usize>)> {
        let id = self.articles[index].id.as_str();
        let mut claims: Vec<_> =
            self.notes.annotations.claims_in(id).filter_map(|c| self.claim_span(c).map(|s| (c, s))).collect();
        claims.sort_by_key(|(_, span)| span.start);
        claims
    }

    /// The claim overlapping the reader's cursor sentence.
    fn claim_at_cursor(&self) -> Option<RecordId> {
        let reader = self.reader.as_ref()?;
        let sentence = *self.articles[reader.article].detail().sentences.get(reader.sentence)?;
        let claims = self.placed_claims(reader.article);
        let overlapping = claims.iter().find(|(_, span)| span.start < sentence.end() && sentence.start() < span.end);
        overlapping.map(|(claim, _)| claim.id.clone())
    }

    pub(super) fn toggle_selection(&mut self) {
        let Some(reader) = &mut self.reader else { return };
        reader.selection = match reader.selection {
            Some(_) => None,
            None => self.articles[reader.article].detail().sentence(reader.sentence),
        };
    }

    pub(super) fn adjust_selection(&mut self, how: Adjust) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else { return };
        let article = &self.articles[reader.article];
        let Some(span) = reader.selection.clone().or_else(|| article.detail().sentence(reader.sentence)) else {
            return;
        };
        let span = adjust(&article.text, &article.detail().sentences, span, how);
        reader.reveal(span.clone(), height);
        reader.selection = Some(span);
    }

    /// Opens the claim form: for the claim under the cursor (editing it),
    /// else for the selection or the cursor sentence.
    pub(super) fn tag_claim(&mut self) {
        let Some(reader) = &self.reader else { return };
        let index = reader.article;
        let known_tags = self.known_tags();
        if reader.selection.is_none()
            && let Some(id) = self.claim_at_cursor()
            && let Some(claim) = self.notes.annotations.claim(&id)
        {
            self.overlay =
                Some(Overlay::ClaimForm(Box::new(ClaimForm::editing(claim, index, self.verdicts(), known_tags))));
            return;
        }
        if self.read_only.is_some() {
            self.message = self.read_only.clone();
            return;
        }
        let article = &self.articles[index];
        let Some(span) = reader.selection.clone().or_else(|| article.detail().sentence(reader.sentence)) else {
            self.message = Some("no sentence here to tag".to_string());
            return;
        };
        let fields =
            prefill(article, span.clone(), self.settings.verdicts.first().map_or("unverified", String::as_str));
        let quote = article.text[span.clone()].to_string();
        let form = ClaimForm::new(index, span, &quote, fields, self.verdicts(), known_tags);
        self.overlay = Some(Overlay::ClaimForm(Box::new(form)));
    }

    /// Every tag used so far on claims and articles, sorted, for completion.
    fn known_tags(&self) -> Vec<String> {
        let notes = &self.notes.annotations;
        let mut tags: Vec<String> = notes
            .claims
            .iter()
            .flat_map(|c| c.tags.iter())
            .chain(notes.articles.iter().flat_map(|a| a.tags.iter()))
            .cloned()
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }

    /// Changes the open claim form; says where `action` works when none is open.
    pub(super) fn on_form(&mut self, action: Action, change: impl FnOnce(&mut ClaimForm)) {
        match &mut self.overlay {
            Some(Overlay::ClaimForm(form)) => change(form),
            _ => self.message = Some(format!("{} works in the claim form", action.name())),
        }
    }

    /// Saves the claim form's claim, unless a field is refused (the form
    /// then says why).
    pub(super) fn save_form(&mut self) {
        let Some(Overlay::ClaimForm(form)) = &mut self.overlay else {
            self.message = Some("SaveForm works in the claim form".to_string());
            return;
        };
        if let Some(fields) = form.submit() {
            let (claim, article, span) = (form.claim.clone(), form.article, form.span.clone());
            self.overlay = None;
            self.save_claim(claim, article, span, fields);
        }
    }

    /// Asks the event loop to open the form's note in `$EDITOR`.
    pub(super) fn edit_note(&mut self) -> Vec<Effect> {
        match &self.overlay {
            Some(Overlay::ClaimForm(form)) => vec![Effect::EditNote(form.note_text())],
            _ => {
                self.message = Some("EditNote works in the claim form".to_string());
                Vec::new()
            }
        }
    }

    /// Takes the note written in `$EDITOR` into the open form (`Err`: why
    /// the editor gave nothing back).
    pub fn note_edited(&mut self, note: Result<String, String>) {
        match (note, &mut self.overlay) {
            (Ok(note), Some(Overlay::ClaimForm(form))) => {
                form.set_note(&note);
                self.message = Some("note taken from the editor · Ctrl-S saves the claim".to_string());
            }
            (Ok(_), _) => self.message = Some("the claim form was closed: the note is dropped".to_string()),
            (Err(why), _) => self.message = Some(why),
        }
    }

    fn save_claim(&mut self, existing: Option<RecordId>, index: usize, span: Range<usize>, fields: ClaimFields) {
        if self.read_only.is_some() {
            self.message = self.read_only.clone();
            return;
        }
        let article = &self.articles[index];
        let apply = |claim: &mut Claim| {
            claim.tags = fields.tags.clone();
            claim.speaker = fields.speaker.clone();
            claim.summary = fields.summary.clone();
            claim.verdict = fields.verdict.clone();
            claim.about = fields.about.clone();
            claim.note = fields.note.clone();
        };
        match existing {
            Some(id) => {
                self.commit("edit claim", |notes| {
                    if let Some(claim) = notes.claim_mut(&id) {
                        apply(claim);
                    }
                });
                self.message = Some("claim updated · u undoes".to_string());
            }
            None => {
                let mut claim = Claim {
                    id: RecordId::new(),
                    anchor: Anchor::new(article.id.as_str(), &article.text, span),
                    tags: vec![],
                    speaker: None,
                    summary: None,
                    verdict: String::new(),
                    about: None,
                    note: String::new(),
                    created: None,
                    modified: None,
                    creator: None,
                    conflicts: vec![],
                };
                apply(&mut claim);
                self.commit("tag claim", |notes| notes.claims.push(claim));
                self.message = Some("claim tagged · u undoes · C lists all claims".to_string());
            }
        }
        if let Some(reader) = &mut self.reader {
            reader.selection = None;
        }
    }

    pub(super) fn delete_claim(&mut self) {
        let Some(id) = self.claim_at_cursor() else {
            self.message = Some("no claim under the cursor".to_string());
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        self.commit("delete claim", |notes| {
            notes.claims.retain(|c| c.id != id);
            let end = Endpoint::Claim(id.clone());
            notes.links.retain(|l| l.from != end && l.to != end);
        });
        self.message = Some("claim deleted · u undoes".to_string());
    }

    pub(super) fn step_claim(&mut self, forward: bool) {
        let height = self.reader_height();
        let Some(reader) = &self.reader else { return };
        let index = reader.article;
        let here = self.articles[index].detail().sentences.get(reader.sentence).map_or(0, |s| s.start());
        let spans: Vec<Range<usize>> = self.placed_claims(index).into_iter().map(|(_, s)| s).collect();
        let target =
            if forward { spans.iter().find(|s| s.start > here) } else { spans.iter().rev().find(|s| s.start < here) };
        let Some(target) = target.cloned() else {
            self.message = Some(format!("no {} claim in this article", if forward { "later" } else { "earlier" }));
            return;
        };
        if let Some(reader) = &mut self.reader {
            reader.place_cursor_at(&self.articles[index], target.start);
            reader.reveal(target, height);
        }
    }

    /// Says why nothing can be changed, when the annotation file is read-only.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        if self.read_only.is_some() {
            self.message = self.read_only.clone();
        }
        self.read_only.is_some()
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        let before = self.notes.annotations.clone();
        let done = if undo { self.notes.undo() } else { self.notes.redo() };
        self.message = Some(match done {
            Some(what) => format!("{}: {what}", if undo { "undone" } else { "redone" }),
            None => format!("nothing to {}", if undo { "undo" } else { "redo" }),
        });
        self.sync_derived(&before);
    }

    /// The one way the annotations change: applies `edit` (described for
    /// undo), then brings up to date what derives from them (corrected
    /// articles, the timeline, claim placements and counts).
    pub(super) fn commit(&mut self, what: &str, edit: impl FnOnce(&mut Annotations)) {
        let before = self.notes.annotations.clone();
        self.notes.change(what, edit);
        self.sync_derived(&before);
    }

    /// Brings what derives from the annotations up to date after they
    /// changed from `before`: the placements of claims added, moved or
    /// dropped, article corrections wherever they differ, then the
    /// timeline, the counts, the list and the reader.
    fn sync_derived(&mut self, before: &Annotations) {
        self.place_changed_claims(before);
        let after = &self.notes.annotations;
        let mut ids: Vec<&str> = before.articles.iter().chain(&after.articles).map(|a| a.article.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let changed: Vec<usize> = ids
            .into_iter()
            .filter(|id| before.article(id) != after.article(id))
            .filter_map(|id| self.article_index(id))
            .collect();
        for index in changed {
            self.apply_corrections(index);
        }
        self.after_corrections();
    }

    pub(super) fn open_article_prompt(&mut self, field: ArticleField) {
        let Some(index) = self.current_article() else {
            self.message = Some("no article selected".to_string());
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let article = &self.articles[index];
        let note = self.notes.annotations.article(article.id.as_str());
        self.field_input = match field {
            ArticleField::Date => {
                article.date.as_ref().and_then(|d| d.value).map(|v| v.to_string()).unwrap_or_default()
            }
            ArticleField::Title => article.title().to_string(),
            ArticleField::Source => article.source().unwrap_or_default().to_string(),
            ArticleField::Tags => note.map(|n| n.tags.join(", ")).unwrap_or_default(),
        };
        self.prompt = Some(Prompt::Article { field, article: index });
    }

    /// Applies what the analyst typed into an article prompt.
    pub(super) fn submit_article_field(&mut self, field: ArticleField, index: usize) {
        let input = self.field_input.trim().to_string();
        let id = self.articles[index].id.as_str().to_string();
        let value = (!input.is_empty()).then(|| input.clone());
        match field {
            ArticleField::Date => {
                let parsed = parse_stated(&input);
                if value.is_some() && parsed.is_none() {
                    self.message = Some(format!("“{input}” is not a date: write 2024-02-08, 2024-02 or 2024"));
                    return;
                }
                let canonical = parsed.map(|d| d.to_string());
                self.commit("set date", |notes| {
                    let note = notes.article_mut(&id);
                    note.date = canonical;
                    note.date_provenance = None;
                    note.date_from = None;
                });
            }
            ArticleField::Title => {
                let machine = self.machine.get(&index).map_or(self.articles[index].title(), |m| &m.title);
                let value = value.filter(|v| v != machine);
                self.commit("correct title", |notes| notes.article_mut(&id).title = value);
            }
            ArticleField::Source => self.commit("set source", |notes| notes.article_mut(&id).source = value),
            ArticleField::Tags => {
                let tags = split_tags(&input);
                self.commit("article tags", |notes| notes.article_mut(&id).tags = tags);
            }
        }
        self.message = Some(format!(
            "{} saved · u undoes",
            match field {
                ArticleField::Date => "date",
                ArticleField::Title => "title",
                ArticleField::Source => "source",
                ArticleField::Tags => "tags",
            }
        ));
    }

    /// Shows the analyst's corrections of the article at `index` over what
    /// the machine found (kept aside to come back to), and again for the
    /// articles that take its date (`y`), so they follow it.
    pub(super) fn apply_corrections(&mut self, index: usize) {
        self.apply_own_corrections(index);
        let id = self.articles[index].id.as_str();
        let followers: Vec<usize> = (self.notes.annotations.articles.iter())
            .filter(|note| note.date_from.as_deref() == Some(id) && note.article != id)
            .filter_map(|note| self.article_index(&note.article))
            .collect();
        for follower in followers {
            self.apply_own_corrections(follower);
        }
    }

    fn apply_own_corrections(&mut self, index: usize) {
        let id = self.articles[index].id.as_str();
        let note = self.notes.annotations.article(id).cloned();
        let corrects = note
            .as_ref()
            .is_some_and(|n| n.date.is_some() || n.date_from.is_some() || n.title.is_some() || n.source.is_some());
        if !corrects && !self.machine.contains_key(&index) {
            return;
        }
        // The twin's date as shown now, its own corrections included.
        let followed = note.as_ref().and_then(|n| {
            let twin = n.date_from.as_deref().filter(|twin| *twin != id)?;
            PublicationDate::taken_from(twin, self.articles[self.article_index(twin)?].date.as_ref()?)
        });
        // As `articles_mut`, borrowing the articles alone (`machine` is written too).
        let article = &mut std::sync::Arc::make_mut(&mut self.articles)[index];
        let machine = self.machine.entry(index).or_insert_with(|| MachineView::of(article)).clone();
        let note = note.unwrap_or_else(|| crate::annotations::ArticleNote::new(article.id.as_str()));
        article.title.text = note.title.clone().unwrap_or(machine.title);
        article.title.derived = note.title.is_none() && machine.title_derived;
        article.meta_mut().source = note.source.clone().or(machine.source);
        let date = match note.date.as_deref().and_then(parse_stated) {
            Some(value) => Some(PublicationDate::given(
                value,
                Provenance::Analyst,
                note.date_provenance.clone().unwrap_or_else(|| "set by the analyst".to_string()),
            )),
            None => followed.or(machine.date),
        };
        if date != article.date {
            self.set_article_date(index, date);
        }
        self.list.update_article(index, &self.articles[index]);
        self.timeline_stale = true;
    }

    /// Sets the date of the article at `index`. Its partial and relative
    /// mentions resolve anew, and the timeline's count of mentioned dates
    /// follows them.
    fn set_article_date(&mut self, index: usize, date: Option<PublicationDate>) {
        let mentioned = |article: &Article| -> Vec<DateValue> {
            article.detail().mentions.iter().filter_map(|m| m.value).collect()
        };
        let before = mentioned(&self.articles[index]);
        self.articles_mut()[index].set_date(date);
        self.timeline.recount(&before, &mentioned(&self.articles[index]));
    }

    /// Takes in the dates the corpus gives articles (their kin's, found
    /// after the load): the machine's date of each, shown unless the
    /// analyst set one.
    pub fn corpus_dates_found(&mut self, dates: Vec<(ArticleId, PublicationDate)>) {
        for (id, date) in dates {
            let Some(&index) = self.article_ids.get(id.as_str()) else { continue };
            match self.machine.get_mut(&index) {
                Some(machine) => machine.date = Some(date),
                None => self.set_article_date(index, Some(date)),
            }
            self.apply_corrections(index);
            self.timeline_stale = true;
        }
        self.after_corrections();
    }

    /// Redraws what corrections touch: the timeline, the list, the reader.
    pub(super) fn after_corrections(&mut self) {
        if std::mem::take(&mut self.timeline_stale) {
            self.timeline.reload(&self.articles);
        }
        self.refresh_counts();
        if let Some(reader) = &mut self.reader {
            let index = reader.article;
            reader.relayout(&self.articles[index], reader.width, self.reader_prefs);
        }
    }

    /// Puts the typed note on the link just made (nothing when empty).
    pub(super) fn submit_link_note(&mut self) {
        let note = self.field_input.trim().to_string();
        let Some(id) = self.noted_link.take() else { return };
        if !note.is_empty() {
            self.commit("link note", |notes| {
                if let Some(link) = notes.links.iter_mut().find(|l| l.id == id) {
                    link.note = note;
                }
            });
        }
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(index) = self.current_article() else {
            self.message = Some("no article selected".to_string());
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let id = self.articles[index].id.as_str().to_string();
        let read = !self.notes.annotations.article(&id).is_some_and(|n| n.read);
        self.commit(if read { "mark read" } else { "mark unread" }, |notes| notes.article_mut(&id).read = read);
        self.message = Some(format!("marked {}", if read { "read" } else { "unread" }));
    }

    /// The link end the analyst is on: the claim under the reader's
    /// cursor, else the current article.
    fn current_end(&self) -> Option<Endpoint> {
        if self.focus == Focus::Reader
            && let Some(id) = self.claim_at_cursor()
        {
            return Some(Endpoint::Claim(id));
        }
        self.current_article().map(|i| Endpoint::Article(self.articles[i].id.as_str().to_string()))
    }

    /// A short description of a link end.
    pub fn describe(&self, end: &Endpoint) -> String {
        match end {
            Endpoint::Article(id) => match self.article_index(id) {
                Some(i) => format!("“{}”", self.articles[i].title()),
                None => format!("missing article {id}"),
            },
            Endpoint::Claim(id) => match self.notes.annotations.claim(id) {
                Some(claim) => format!("claim “{}”", truncate(&one_line(&claim.anchor.quote), 50)),
                None => format!("missing claim {id}"),
            },
        }
    }

    /// The article of the marked link end (`m`), itself or its claim's.
    pub fn marked_article(&self) -> Option<usize> {
        let id = match self.marked.as_ref()? {
            Endpoint::Article(id) => id.as_str(),
            Endpoint::Claim(claim) => self.notes.annotations.claim(claim)?.anchor.article.as_str(),
        };
        self.article_index(id)
    }

    pub(super) fn mark(&mut self) {
        let Some(end) = self.current_end() else {
            self.message = Some("no article selected".to_string());
            return;
        };
        self.message = Some(format!("marked {} · go to another and press l to link", self.describe(&end)));
        self.marked = Some(end);
    }

    /// Links with the marked end, or opens a picker of articles; in the
    /// recurring view, links its sentence with the highlighted one.
    pub(super) fn link(&mut self) {
        if let Some(Overlay::Recurring(view)) = &self.overlay {
            let view = (**view).clone();
            return self.link_same_claim(&view);
        }
        if self.refuse_if_read_only() {
            return;
        }
        let Some(here) = self.current_end() else {
            self.message = Some("no article selected".to_string());
            return;
        };
        match self.marked.clone() {
            Some(marked) if marked != here => self.pick_link_kind(here, marked),
            _ => {
                let Some(from) = self.current_article() else { return };
                let choices = self
                    .articles
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != from)
                    .map(|(_, a)| Choice {
                        label: a.title().to_string(),
                        detail: format!("{} · {}", a.lang.lang, a.id),
                    })
                    .collect();
                let title = format!("Link “{}” with… (type to search)", self.articles[from].title());
                self.overlay = Some(Overlay::Picker(Picker::new(&title, choices, Purpose::LinkTarget { from })));
            }
        }
    }

    fn pick_link_kind(&mut self, from: Endpoint, to: Endpoint) {
        let both_claims = matches!((&from, &to), (Endpoint::Claim(_), Endpoint::Claim(_)));
        let kinds =
            if both_claims { &self.settings.claim_link_kinds } else { &self.settings.article_link_kinds }.clone();
        let choices = kinds.iter().map(|k| Choice { label: k.clone(), detail: String::new() }).collect();
        let title = format!("Link kind: {} → {}", self.describe(&from), self.describe(&to));
        self.overlay = Some(Overlay::Picker(Picker::new(&title, choices, Purpose::LinkKind { from, to, kinds })));
    }

    /// Acts on the picker's choice.
    pub(super) fn picked(&mut self, purpose: Purpose, choice: usize) -> Vec<Effect> {
        match purpose {
            Purpose::LinkTarget { from } => {
                // Choices skip the article itself.
                let to = if choice >= from { choice + 1 } else { choice };
                let end = |i: usize| Endpoint::Article(self.articles[i].id.as_str().to_string());
                self.pick_link_kind(end(from), end(to));
            }
            Purpose::LinkKind { from, to, kinds } => {
                let kind = kinds[choice].clone();
                let message = format!("linked {} —{kind}→ {}", self.describe(&from), self.describe(&to));
                let id = RecordId::new();
                let link = Link {
                    id: id.clone(),
                    from,
                    to,
                    kind,
                    note: String::new(),
                    origin: LinkOrigin::Manual,
                    created: None,
                    modified: None,
                    creator: None,
                    conflicts: vec![],
                };
                self.commit("link", |notes| notes.links.push(link));
                self.marked = None;
                self.message = Some(message + " · u undoes");
                self.noted_link = Some(id);
                self.field_input.clear();
                self.prompt = Some(Prompt::LinkNote);
            }
            Purpose::FollowLink { targets } => self.jump_to(&targets[choice]),
            Purpose::Claims { ids } => self.jump_to(&Endpoint::Claim(ids[choice].clone())),
            Purpose::Export { formats } => return vec![Effect::Export(formats[choice])],
        }
        Vec::new()
    }

    pub(super) fn choose_export(&mut self) {
        let formats = ExportFormat::ALL.to_vec();
        let choices = formats
            .iter()
            .map(|f| Choice { label: f.description().to_string(), detail: f.default_file_name().to_string() })
            .collect();
        let title = "Export the annotations (written next to the annotation file)";
        self.overlay = Some(Overlay::Picker(Picker::new(title, choices, Purpose::Export { formats })));
    }

    /// The current article's links, each with the end on the other side.
    pub fn links_here(&self) -> Vec<(&Link, Endpoint)> {
        let Some(index) = self.current_article() else { return Vec::new() };
        let id = self.articles[index].id.as_str();
        let mine = |end: &Endpoint| match end {
            Endpoint::Article(a) => a == id,
            Endpoint::Claim(c) => self.notes.annotations.claim(c).is_some_and(|c| c.anchor.article == id),
        };
        self.notes
            .annotations
            .links_of(id)
            .map(|link| (link, if mine(&link.from) { link.to.clone() } else { link.from.clone() }))
            .collect()
    }

    pub(super) fn follow_link(&mut self) {
        let links = self.links_here();
        match links.len() {
            0 => self.message = Some("this article has no links · m marks, l links".to_string()),
            1 => {
                let target = links[0].1.clone();
                self.jump_to(&target);
            }
            _ => {
                let choices = links
                    .iter()
                    .map(|(l, other)| Choice { label: l.kind.clone(), detail: self.describe(other) })
                    .collect();
                let targets = links.into_iter().map(|(_, other)| other).collect();
                self.overlay =
                    Some(Overlay::Picker(Picker::new("Follow a link", choices, Purpose::FollowLink { targets })));
            }
        }
    }

    /// Opens an article (and puts the cursor on a claim) in the reader,
    /// remembering where the analyst was for `JumpBack`.
    pub fn jump_to(&mut self, end: &Endpoint) {
        let (article_id, claim) = match end {
            Endpoint::Article(id) => (id.clone(), None),
            Endpoint::Claim(id) => match self.notes.annotations.claim(id) {
                Some(claim) => (claim.anchor.article.clone(), Some(claim.clone())),
                None => {
                    self.message = Some(format!("claim {id} no longer exists"));
                    return;
                }
            },
        };
        let Some(index) = self.article_index(&article_id) else {
            self.message = Some(format!("article {article_id} is not in the corpus"));
            return;
        };
        let span = claim.as_ref().and_then(|claim| self.claim_span(claim));
        self.jump_to_span(index, span.clone().unwrap_or(0..0));
        if let Some(claim) = claim.filter(|_| span.is_none()) {
            let quote = one_line(&claim.anchor.quote);
            self.message = Some(format!("the claim's text is no longer in the article: “{quote}”"));
        }
    }

    /// Opens an article with the cursor on `span` (the top for an empty
    /// span at 0), remembering where the analyst was for `JumpBack`.
    pub(super) fn jump_to_span(&mut self, index: usize, span: Range<usize>) {
        if let Some(here) = self.current_article() {
            self.jumps.push(here);
        }
        self.show_article(index);
        if span.is_empty() {
            return;
        }
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            reader.place_cursor_at(&self.articles[index], span.start);
            reader.reveal(span, height);
        }
    }

    pub(super) fn jump_back(&mut self) {
        match self.jumps.pop() {
            Some(index) => self.show_article(index),
            None => self.message = Some("nowhere to jump back to".to_string()),
        }
    }

    /// The claims view: all claims, the orphans, or the claims whose
    /// numbers differ in similar sentences elsewhere.
    pub(super) fn show_claims(&mut self, shown: ClaimsShown) {
        if shown == ClaimsShown::ConflictingNumbers && self.suggest.found.is_none() {
            self.message = Some(self.not_found_yet("indexing sentences"));
            return;
        }
        if shown == ClaimsShown::ConflictingNumbers && self.explain_no_conflicts() {
            return;
        }
        let notes = &self.notes.annotations;
        let conflicts: Vec<(&Claim, String)> = notes.claims.iter().map(|c| (c, self.conflict_summary(c))).collect();
        let mut claims: Vec<(&Claim, String)> = conflicts
            .into_iter()
            .filter(|(c, conflict)| match shown {
                ClaimsShown::All => true,
                ClaimsShown::Orphans => self.orphan_reason(c).is_some(),
                ClaimsShown::ConflictingNumbers => !conflict.is_empty(),
            })
            .collect();
        claims.sort_by_key(|(c, _)| (self.article_index(&c.anchor.article), c.anchor.byte_start));
        let orphans = shown == ClaimsShown::Orphans;
        let choices = claims
            .iter()
            .map(|(c, conflict)| {
                let placed = match self.orphan_reason(c) {
                    Some(reason) if orphans => format!("[{reason}] "),
                    Some(_) => "[orphan] ".to_string(),
                    None => String::new(),
                };
                let tags = if c.tags.is_empty() { String::new() } else { format!(" #{}", c.tags.join(" #")) };
                let speaker = c.speaker.as_deref().map(|s| format!(" · {s}")).unwrap_or_default();
                Choice {
                    label: format!("{placed}{}{tags}{speaker}{conflict} · {}", c.verdict, one_line(&c.anchor.quote)),
                    detail: self
                        .article_index(&c.anchor.article)
                        .map_or(c.anchor.article.clone(), |i| self.articles[i].title().to_string()),
                }
            })
            .collect();
        let ids = claims.iter().map(|(c, _)| c.id.clone()).collect();
        let title = match shown {
            ClaimsShown::Orphans => format!(
                "Orphaned claims ({}) · their text is gone from the article · Enter opens the article",
                claims.len()
            ),
            ClaimsShown::All => {
                format!("Claims ({}) · type to search tag, verdict, speaker, text, ≠ · Enter jumps", claims.len())
            }
            ClaimsShown::ConflictingNumbers => format!(
                "Claims whose numbers differ elsewhere ({}) · * in the reader compares · Enter jumps",
                claims.len()
            ),
        };
        self.overlay = Some(Overlay::Picker(Picker::new(&title, choices, Purpose::Claims { ids })));
    }

    /// Instead of an empty conflicts view: why it is empty, and the
    /// sentence-level view (`*`), which needs no claim. Returns whether it
    /// explained.
    fn explain_no_conflicts(&mut self) -> bool {
        let claims = &self.notes.annotations.claims;
        if claims.iter().any(|c| !self.conflict_summary(c).is_empty()) {
            return false;
        }
        let why = match claims.len() {
            0 => "no claims yet to compare (c tags one)".to_string(),
            1 => "your one claim has no figure that differs in a similar sentence elsewhere".to_string(),
            n => format!("none of your {n} claims has a figure that differs in a similar sentence elsewhere"),
        };
        self.show_recurring();
        self.message = Some(match &self.overlay {
            Some(Overlay::Recurring(_)) => format!("{why}; here is the cursor sentence told elsewhere (*)"),
            _ => format!("{why}; * in the reader finds any sentence told elsewhere"),
        });
        true
    }

    /// Takes in the merge of our annotations with changes made to the
    /// file by someone else, re-applying what changed.
    pub fn adopt_merged(&mut self, merged: Annotations) {
        let before = self.notes.annotations.clone();
        self.notes.adopt_merged(merged);
        self.sync_derived(&before);
    }

    /// A save failed: say why, and let autosave try again after a pause.
    pub fn save_failed(&mut self, why: String) {
        self.message = Some(why);
        self.notes.retry_later();
    }

    /// Recounts annotations per article and shows them in the list.
    pub(super) fn refresh_counts(&mut self) {
        self.recount_annotations();
        self.refresh_list();
    }

    /// Counts claims and links per article, for the list.
    pub(super) fn recount_annotations(&mut self) {
        self.annotation_counts.clear();
        for claim in &self.notes.annotations.claims {
            if let Some(i) = self.article_index(&claim.anchor.article) {
                *self.annotation_counts.entry(i).or_default() += 1;
            }
        }
        for link in &self.notes.annotations.links {
            for end in [&link.from, &link.to] {
                if let Endpoint::Article(id) = end
                    && let Some(i) = self.article_index(id)
                {
                    *self.annotation_counts.entry(i).or_default() += 1;
                }
            }
        }
    }
}

/// Which claims the claims view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClaimsShown {
    All,
    Orphans,
    ConflictingNumbers,
}

/// What the text itself says about a claim on `span`: the speaker of its
/// sentence and the first dated mention inside it.
fn prefill(article: &Article, span: Range<usize>, verdict: &str) -> ClaimFields {
    let sentences = &article.detail().sentences;
    let sentence = sentences.iter().find(|s| s.contains(span.start)).map_or(span.clone(), |s| s.range());
    let speaker = attribution::speaker(&article.text[sentence.start..span.end.max(sentence.end)]);
    let about = article
        .detail()
        .mentions
        .iter()
        .filter(|m| m.span.start() >= span.start && m.span.end() <= span.end)
        .find_map(|m| m.value.map(|v| v.to_string()));
    ClaimFields { tags: vec![], speaker, summary: None, verdict: verdict.to_string(), about, note: String::new() }
}

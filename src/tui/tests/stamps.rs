//! Who and when (issue 14, item 4): records made or changed in the reader
//! carry `created`, `modified` and `creator`.

use super::{press, sample_app, type_keys, type_text};
use crate::annotations::stamp::parse;
use crate::tui::action::Action;
use crate::tui::app::App;

const ENGLISH: &str = "wire/012_7f3a9c1e.txt";
const UNDATED: &str = "wire/088_3b6f1c40.txt";

fn reading(id: &str, analyst: &str) -> App {
    let mut app = sample_app(160, 45);
    app.notes.analyst = analyst.to_string();
    let index = app.article_index(id).expect("article in the sample corpus");
    app.show_article(index);
    app
}

fn save_form(app: &mut App) {
    press(app, "<C-s>");
}

#[test]
fn a_tagged_claim_carries_its_creator_and_times_and_an_edit_moves_modified_only() {
    let mut app = reading(ENGLISH, "Ana Ruiz");
    app.update(Action::NextSentence);
    app.update(Action::TagClaim);
    save_form(&mut app);
    let claim = app.notes.annotations.claims[0].clone();
    assert_eq!(claim.creator.as_deref(), Some("Ana Ruiz"));
    let created = claim.created.as_deref().and_then(parse).expect("created is RFC 3339");
    assert_eq!(claim.modified, claim.created);
    assert!((chrono::Utc::now() - created).num_seconds().abs() < 60, "created now");

    // Another analyst edits it a second later: modified moves, the making stays.
    app.notes.analyst = "Jonas Weiß".to_string();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    app.update(Action::TagClaim);
    press(&mut app, "<S-Tab>");
    type_keys(&mut app, "x");
    save_form(&mut app);
    let edited = &app.notes.annotations.claims[0];
    assert_eq!(edited.note, "x");
    assert_eq!((edited.created.as_deref(), edited.creator.as_deref()), (claim.created.as_deref(), Some("Ana Ruiz")));
    assert!(edited.modified.as_deref().and_then(parse) > Some(created), "{:?}", edited.modified);
}

#[test]
fn a_date_correction_carries_who_and_when() {
    let mut app = reading(UNDATED, "Ana Ruiz");
    app.update(Action::SetDate);
    type_text(&mut app, "2023-05-04");
    app.update(Action::Submit);
    let note = app.notes.annotations.article(UNDATED).expect("a note");
    assert_eq!(note.date.as_deref(), Some("2023-05-04"));
    assert_eq!(note.creator.as_deref(), Some("Ana Ruiz"));
    assert!(note.created.as_deref().and_then(parse).is_some());
}

#[test]
fn a_link_carries_who_and_when() {
    let mut app = reading(ENGLISH, "Ana Ruiz");
    app.update(Action::Mark);
    let other = app.article_index(UNDATED).expect("article");
    app.show_article(other);
    app.update(Action::Link);
    app.update(Action::Submit);
    let link = app.notes.annotations.links.first().expect("a link");
    assert_eq!(link.creator.as_deref(), Some("Ana Ruiz"));
    assert!(link.modified.as_deref().and_then(parse).is_some());
}

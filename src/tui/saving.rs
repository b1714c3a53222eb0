//! Between the app and the annotation file: load it at start, save it
//! when asked, shortly after each change and on the way out, and report
//! what happened in the status line.

use super::app::App;
use crate::annotations::export::{self, ExportFormat};
use crate::annotations::store::{Backup, ReadOnly, SaveOutcome, Store, StoreError, write_file, write_rescue};
use std::path::Path;
use std::time::Instant;

/// Opens the annotation file and hands its content to the app. A file
/// that is locked or does not parse opens read-only, with the reason.
pub fn open(app: &mut App, path: &Path) -> Result<Store, StoreError> {
    let store = Store::open(path)?;
    let read_only = store.read_only().map(|reason| format!("{}: {reason}", path.display()));
    // Why the annotations cannot be changed is the first thing to read.
    app.message = read_only.clone();
    app.set_annotations(store.annotations().clone(), read_only);
    if let Some(notice) = store.notice() {
        app.message = Some(notice.to_string());
    }
    Ok(store)
}

/// Saves when changes wait and the analyst has paused; returns whether
/// anything happened that the screen should show.
pub fn autosave(app: &mut App, store: &mut Store) -> bool {
    if app.read_only.is_some() || !app.notes.autosave_due(Instant::now()) {
        return false;
    }
    save(app, store, false);
    true
}

/// Saves now. `explicit` saves also say so in the status line.
pub fn save(app: &mut App, store: &mut Store, explicit: bool) {
    match store.save(&app.notes.annotations) {
        Ok(SaveOutcome::Saved | SaveOutcome::Unchanged) => {
            if explicit {
                app.message = Some(format!("saved {}", store.path().display()));
            }
            app.saved();
        }
        Ok(SaveOutcome::Merged { annotations, conflicts }) => {
            app.adopt_merged(annotations);
            app.message = Some(match conflicts {
                0 => "the file changed on disk: merged both versions and saved".to_string(),
                n => {
                    format!("the file changed on disk: merged, {n} conflicting edits kept both values (C lists claims)")
                }
            });
            app.saved();
        }
        Ok(SaveOutcome::RecoveredEmptied { records }) => {
            app.message = Some(format!(
                "{} was emptied on disk by another program; your {} kept and saved",
                store.path().display(),
                match records {
                    1 => "record was".to_string(),
                    n => format!("{n} records were"),
                }
            ));
            app.saved();
        }
        Err(error) => {
            if let StoreError::LockLost { .. } | StoreError::ReadOnly { .. } = error {
                app.read_only = Some(error.to_string());
            }
            app.save_failed(format!("not saved: {error}"));
            // A window that can no longer save can still quit: its changes
            // go to a file of their own.
            if app.quitting() && store.read_only().is_some() {
                rescue(app, store);
            }
        }
    }
}

/// On the way out (quit, SIGTERM, a closed terminal): saves what is not on
/// disk yet, and rescues it when the file cannot take it: nobody is left
/// to ask.
pub fn on_exit(app: &mut App, store: &mut Store) {
    if app.notes.unsaved() && app.read_only.is_none() {
        save(app, store, false);
    }
    if app.notes.unsaved() {
        rescue(app, store);
    }
    // Not even rescued: at least the terminal says why.
    if app.notes.unsaved() {
        app.farewell = app.message.clone();
    }
}

/// Writes every annotation of a window that cannot save (another dossier
/// took its file over) to a rescue file beside the file, and quits saying
/// where. When even that fails, the quit question stays, with the reason.
fn rescue(app: &mut App, store: &Store) {
    match write_rescue(store.path(), &app.notes.annotations) {
        Ok(rescue) => app.quit_after_rescue(format!(
            "could not save to {}. Your annotations, unsaved changes included, are in {} \
             (open it with --annotations, or merge it in with `dossier merge`)",
            store.path().display(),
            rescue.display()
        )),
        Err(error) => app.message = Some(format!("not saved, and no rescue file either: {error}")),
    }
}

/// Writes an export next to the annotation file and says where.
pub fn export(app: &mut App, store: &Store, format: ExportFormat) {
    let folder = store.path().parent().unwrap_or(Path::new("."));
    let path = folder.join(format.default_file_name());
    let mut bytes = Vec::new();
    let source = export::ExportSource {
        root: &app.root,
        name: &app.corpus_name,
        articles: &app.articles,
        settings: &app.settings,
    };
    let written = export::export(format, source, &app.notes.annotations, &mut bytes)
        .map_err(|e| e.to_string())
        .and_then(|orphans| write_file(&path, &bytes, Backup::Skip).map(|()| orphans).map_err(|e| e.to_string()));
    app.message = Some(match written {
        Ok(0) => format!("exported {} to {}", format.name(), path.display()),
        Ok(orphans) => format!(
            "exported {} to {} · {orphans} orphaned claim(s) listed apart (O shows them)",
            format.name(),
            path.display()
        ),
        Err(error) => format!("export failed: {error}"),
    });
}

/// Takes the lock from another dossier, when the analyst asks to.
pub fn take_over(app: &mut App, store: &mut Store) {
    match store.take_over() {
        Ok(()) => {
            app.read_only = None;
            app.message = Some("took over the annotation file: edits are saved here now".to_string());
        }
        Err(error) => app.message = Some(format!("cannot take over: {error}")),
    }
    if let Some(ReadOnly::Unparsable(_)) = store.read_only() {
        app.message = Some(format!("cannot take over: {}", app.read_only.clone().unwrap_or_default()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_emptied_on_disk_is_said_and_our_records_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut app = App::new(dir.path().to_path_buf(), false, true);
        let mut store = open(&mut app, &path).unwrap();
        app.notes.annotations.article_mut("a.txt").read = true;
        save(&mut app, &mut store, false);
        std::fs::write(&path, "").unwrap();
        app.notes.annotations.article_mut("b.txt").read = true;
        save(&mut app, &mut store, false);
        let message = app.message.clone().unwrap_or_default();
        assert_eq!(
            message,
            format!("{} was emptied on disk by another program; your 2 records were kept and saved", path.display())
        );
        assert_eq!(store.annotations(), &app.notes.annotations);
    }
}

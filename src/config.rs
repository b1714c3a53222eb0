//! The analyst's settings: `config.ron` in dossier's config folder (or the
//! file `$DOSSIER_CONFIG` names). Today it holds the vocabularies an
//! analyst's team agrees on: verdicts and link kinds.

use crate::annotations::model::{DEFAULT_ARTICLE_LINK_KINDS, DEFAULT_CLAIM_LINK_KINDS, DEFAULT_VERDICTS};
use serde::Deserialize;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that names another settings file.
pub const CONFIG_ENV: &str = "DOSSIER_CONFIG";

/// A file in dossier's config folder: the path `env` gives when set and
/// not empty, else `file_name` in the platform's config folder.
pub fn config_file(env: Option<OsString>, file_name: &str) -> Option<PathBuf> {
    match env {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => directories::ProjectDirs::from("org", "dossier", "dossier").map(|dirs| dirs.config_dir().join(file_name)),
    }
}

/// The settings; every field may be left out of the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Verdicts offered in the claim form, the first one the default.
    pub verdicts: Vec<String>,
    /// Kinds of links between articles.
    pub article_link_kinds: Vec<String>,
    /// Kinds of links between claims.
    pub claim_link_kinds: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        Settings {
            verdicts: owned(DEFAULT_VERDICTS),
            article_link_kinds: owned(DEFAULT_ARTICLE_LINK_KINDS),
            claim_link_kinds: owned(DEFAULT_CLAIM_LINK_KINDS),
        }
    }
}

/// A settings file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{path}: cannot read settings: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: `{field}` is empty; leave it out to use the defaults")]
    Empty { path: PathBuf, field: &'static str },
}

impl Settings {
    /// The user's settings: the defaults when there is no file.
    pub fn load() -> Result<Settings, SettingsError> {
        match config_file(std::env::var_os(CONFIG_ENV), "config.ron") {
            Some(path) if path.exists() => Settings::read(&path),
            _ => Ok(Settings::default()),
        }
    }

    /// Reads a settings file.
    pub fn read(path: &Path) -> Result<Settings, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read { path: path.into(), source })?;
        Settings::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings = ron::from_str(text).map_err(|e| SettingsError::Syntax {
            path: path.into(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        for (field, list) in [
            ("verdicts", &settings.verdicts),
            ("article_link_kinds", &settings.article_link_kinds),
            ("claim_link_kinds", &settings.claim_link_kinds),
        ] {
            if list.is_empty() {
                return Err(SettingsError::Empty { path: path.into(), field });
            }
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_left_out_keep_their_defaults() {
        let settings = Settings::parse("(verdicts: [\"true\", \"false\"])", Path::new("c.ron")).unwrap();
        assert_eq!(settings.verdicts, vec!["true", "false"]);
        assert_eq!(settings.article_link_kinds, Settings::default().article_link_kinds);
    }

    #[test]
    fn a_typo_in_a_field_name_is_an_error_with_its_position() {
        let err = Settings::parse("(\n  verdict: [\"x\"],\n)", Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().starts_with("c.ron:2:"), "{err}");
        assert!(err.to_string().contains("verdict"), "{err}");
    }

    #[test]
    fn an_empty_list_is_refused() {
        let err = Settings::parse("(claim_link_kinds: [])", Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().contains("claim_link_kinds"), "{err}");
    }

    #[test]
    fn the_environment_names_the_file() {
        assert_eq!(config_file(Some("x/y.ron".into()), "config.ron"), Some(PathBuf::from("x/y.ron")));
        let default = config_file(None, "config.ron");
        assert!(default.is_none_or(|p| p.ends_with("config.ron")));
    }
}

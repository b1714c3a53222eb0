//! The analyst's settings: `config.ron` in dossier's config folder (or the
//! file `$DOSSIER_CONFIG` names). Today it holds the vocabularies an
//! analyst's team agrees on (verdicts and link kinds) and the analyst's
//! name that records carry.

use crate::annotations::model::{DEFAULT_ARTICLE_LINK_KINDS, DEFAULT_CLAIM_LINK_KINDS, DEFAULT_VERDICTS};
use serde::Deserialize;
use std::collections::BTreeMap;
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

/// dossier's cache folder: where the claim note written in `$EDITOR` lives
/// while the editor has it.
pub fn cache_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "dossier", "dossier").map(|dirs| dirs.cache_dir().to_path_buf())
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
    /// The analyst's name as records carry it (`creator`); when left out,
    /// git's `user.name` in the corpus's repository, else the login name.
    pub analyst: Option<String>,
    /// Who publishes the ClaimReview export, where, and on what scale.
    pub claim_review: ClaimReviewSettings,
}

/// The ClaimReview export's publisher and rating scale (`claim_review:
/// (publisher: "…", review_url: "…", ratings: {"false": 1, …})`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimReviewSettings {
    /// The organisation that publishes the fact checks (`author`).
    pub publisher: Option<String>,
    /// Where the fact checks are published: a claim's review is this url
    /// followed by the claim's id (`url`).
    pub review_url: Option<String>,
    /// The least and most true rating (`worstRating`, `bestRating`).
    pub worst_rating: u32,
    pub best_rating: u32,
    /// Each verdict's place on that scale (`ratingValue`); a verdict left
    /// out gets no number, only its name.
    pub ratings: BTreeMap<String, u32>,
}

impl Default for ClaimReviewSettings {
    /// Google's suggested scale, 1 (false) to 5 (true), over the default
    /// verdicts.
    fn default() -> Self {
        let ratings = [("false", 1), ("misleading", 2), ("disputed", 3), ("supported", 5)];
        ClaimReviewSettings {
            publisher: None,
            review_url: None,
            worst_rating: 1,
            best_rating: 5,
            ratings: ratings.into_iter().map(|(verdict, value)| (verdict.to_string(), value)).collect(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        Settings {
            verdicts: owned(DEFAULT_VERDICTS),
            article_link_kinds: owned(DEFAULT_ARTICLE_LINK_KINDS),
            claim_link_kinds: owned(DEFAULT_CLAIM_LINK_KINDS),
            analyst: None,
            claim_review: ClaimReviewSettings::default(),
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
    #[error("{path}: claim_review: {message}")]
    Rating { path: PathBuf, message: String },
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
        let review = &settings.claim_review;
        let (worst, best) = (review.worst_rating, review.best_rating);
        let rating_error = |message: String| Err(SettingsError::Rating { path: path.into(), message });
        if worst >= best {
            return rating_error(format!("worst_rating ({worst}) must be below best_rating ({best})"));
        }
        if let Some((verdict, value)) = review.ratings.iter().find(|(_, v)| !(worst..=best).contains(*v)) {
            return rating_error(format!("the rating of “{verdict}” ({value}) is outside {worst}..={best}"));
        }
        Ok(settings)
    }
    /// Who is annotating `corpus`: the configured name, else git's
    /// `user.name` there, else the login name, else `unknown`.
    pub fn analyst_name(&self, corpus: &Path) -> String {
        let login = ["USER", "LOGNAME", "USERNAME"].into_iter().find_map(|var| std::env::var(var).ok());
        [self.analyst.clone(), git_user_name(corpus), login]
            .into_iter()
            .flatten()
            .map(|name| name.trim().to_string())
            .find(|name| !name.is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    }
}

/// `git config user.name` as seen from `folder` (its repository's setting,
/// else the global one); `None` without git or a name. Reading config runs
/// nothing from the repository.
fn git_user_name(folder: &Path) -> Option<String> {
    let output =
        std::process::Command::new("git").arg("-C").arg(folder).args(["config", "--get", "user.name"]).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
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
    fn the_claim_review_section_keeps_defaults_for_what_it_leaves_out() {
        let text = "(claim_review: (publisher: Some(\"Faktencheck Nord\"), ratings: {\"falsch\": 1, \"stimmt\": 5}))";
        let review = Settings::parse(text, Path::new("c.ron")).unwrap().claim_review;
        assert_eq!(review.publisher.as_deref(), Some("Faktencheck Nord"));
        assert_eq!((review.worst_rating, review.best_rating), (1, 5));
        assert_eq!(review.ratings.get("stimmt"), Some(&5));
        assert_eq!(review.review_url, None);
        assert_eq!(Settings::default().claim_review.ratings.get("false"), Some(&1));
    }

    #[test]
    fn a_rating_outside_the_scale_is_refused() {
        let err = Settings::parse("(claim_review: (ratings: {\"true\": 7}))", Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().contains("“true” (7) is outside 1..=5"), "{err}");
        let err = Settings::parse("(claim_review: (worst_rating: 5, best_rating: 1))", Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().contains("must be below"), "{err}");
    }

    #[test]
    fn the_configured_analyst_comes_first() {
        let settings = Settings::parse("(analyst: Some(\"Ana Ruiz\"))", Path::new("c.ron")).unwrap();
        assert_eq!(settings.analyst_name(Path::new(".")), "Ana Ruiz");
    }

    #[test]
    fn without_a_configured_name_git_names_the_analyst_in_the_corpus_repository() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| std::process::Command::new("git").arg("-C").arg(dir.path()).args(args).output();
        if git(&["init", "-q"]).is_err() {
            return; // no git on this machine: the login name is used, tested below
        }
        git(&["config", "user.name", "Jonas Weiß"]).unwrap();
        assert_eq!(Settings::default().analyst_name(dir.path()), "Jonas Weiß");
    }

    #[test]
    fn without_config_or_git_the_login_name_or_a_placeholder_is_used() {
        // A folder outside any repository: git gives its global name, if any.
        let dir = tempfile::tempdir().unwrap();
        let name = Settings::default().analyst_name(dir.path());
        let login = ["USER", "LOGNAME", "USERNAME"].into_iter().find_map(|var| std::env::var(var).ok());
        let global_git = std::process::Command::new("git")
            .args(["config", "--global", "--get", "user.name"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        let expected = global_git.or(login).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        assert_eq!(name, expected.unwrap_or_else(|| "unknown".to_string()));
    }

    #[test]
    fn the_environment_names_the_file() {
        assert_eq!(config_file(Some("x/y.ron".into()), "config.ron"), Some(PathBuf::from("x/y.ron")));
        let default = config_file(None, "config.ron");
        assert!(default.is_none_or(|p| p.ends_with("config.ron")));
    }
}

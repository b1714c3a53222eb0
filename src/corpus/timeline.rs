//! The timeline model: articles and date mentions bucketed by period.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if dossier::cli::is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // The message may name a file or quote a record from outside.
            eprintln!("dossier: {}", dossier::display::escape_for_terminal_keeping_lines(&format!("{error:#}")));
            error.downcast_ref::<dossier::cli::ExitError>().map_or(ExitCode::FAILURE, |e| ExitCode::from(e.code))
        }
    }
}

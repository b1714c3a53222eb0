use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dossier: {error:#}");
            ExitCode::FAILURE
        }
    }
}

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dossier: {error:#}");
            error.downcast_ref::<dossier::cli::ExitError>().map_or(ExitCode::FAILURE, |e| ExitCode::from(e.code))
        }
    }
}

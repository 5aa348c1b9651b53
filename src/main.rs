//! `prongsai`: builds a Thai local government's procurement disclosure site.

mod build;
mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}

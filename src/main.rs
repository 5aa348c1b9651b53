//! `prongsai`: builds a Thai local government's procurement disclosure site.

mod build;
mod cli;
mod serve;

fn main() -> std::process::ExitCode {
    cli::run()
}

//! `prongsai`: builds a Thai local government's procurement disclosure site.

mod build;
mod cli;
mod egp_fetch;
mod init;
mod scaffold;
mod serve;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}

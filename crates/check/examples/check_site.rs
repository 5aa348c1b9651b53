//! Checks a site root and prints the report: `cargo run -p prongsai_check --example check_site -- <root> <as-of YYYY-MM-DD (CE)> [human|json|github]`.
//! A development aid until the CLI's `check` command is wired; it times load and check separately.

use prongsai_check::{CheckOptions, Format, check, render_report};
use prongsai_model::Date;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map_or(".", String::as_str));
    let as_of = args
        .get(1)
        .and_then(|s| {
            let mut it = s.split('-').map(str::parse::<i32>);
            match (it.next(), it.next(), it.next()) {
                (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => {
                    Date::from_ce(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
                }
                _ => None,
            }
        })
        .unwrap_or_else(|| {
            eprintln!("usage: check_site <root> <as-of YYYY-MM-DD> [human|json|github]");
            std::process::exit(2)
        });
    let format: Format = args
        .get(2)
        .map_or(Ok(Format::Human), |s| s.parse())
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
    let config = match prongsai_check::checks_of(&prongsai_config::load(&root).0) {
        (config, None) => config,
        (_, Some(d)) => {
            eprintln!("{d}");
            std::process::exit(1)
        }
    };
    let t0 = Instant::now();
    let loaded = prongsai_load::load(&root);
    let t1 = Instant::now();
    let mut opts = CheckOptions::new(as_of);
    opts.config = config;
    opts.base_url = "https://www.muangluang.go.th".into();
    opts.criteria_dir = Some(root.join("criteria"));
    let report = check(&loaded.data, &[], &opts);
    let t2 = Instant::now();
    let mut all = loaded.diagnostics;
    all.extend(report.diagnostics);
    prongsai_model::sort_diagnostics(&mut all);
    print!("{}", render_report(&all, format, false));
    eprintln!("load {:?}, check {:?}", t1 - t0, t2 - t1);
}

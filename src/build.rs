//! The build pipeline as one plain function: load → check → render → write. It returns
//! diagnostics instead of printing, so `check`, `serve` and tests can reuse it.

use prongsai_model::{Date, Diagnostic, Location, sort_diagnostics};
use prongsai_render::{RenderInput, render_site};
use prongsai_write::{MarkerInfo, WriteError, write_site};
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` in site.yaml.
    pub base_url: Option<String>,
    pub as_of: Option<Date>,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Warnings and notes; a successful build has no errors.
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug)]
pub enum BuildFailure {
    /// The input has errors (exit 1). Every error of the build is listed, in report order.
    Input(Vec<Diagnostic>),
    /// Usage or environment (exit 2): an output folder that is not ours, a disk error.
    Internal(String),
}

pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    if !opts.root.is_dir() {
        return Err(BuildFailure::Internal(format!(
            "ไม่พบโฟลเดอร์ของเว็บไซต์ {} — ใช้ --root ชี้ไปยังโฟลเดอร์ที่มี site.yaml\nsite root {} is not a folder; pass --root with the folder holding site.yaml",
            opts.root.display(),
            opts.root.display()
        )));
    }
    // Pages and procurement data are independent: load them side by side.
    let (content, data) = rayon::join(
        || prongsai_content::load(&opts.root),
        || prongsai_load::load(&opts.root),
    );
    let mut diagnostics = content.diagnostics;
    diagnostics.extend(data.diagnostics);
    let site = content.site;
    let data = data.data;

    let base_url = match &opts.base_url {
        Some(url) => url.trim().trim_end_matches('/').to_owned(),
        None => site.config.base_url.clone(),
    };
    let title = site
        .config
        .title
        .clone()
        .or_else(|| {
            data.agency
                .as_ref()
                .map(|a| a.name.clone())
                .filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "prongsai".to_owned());

    let rendered = render_site(&RenderInput {
        root: &opts.root,
        site: &site,
        data: &data,
        title: &title,
        base_url: &base_url,
        as_of: opts.as_of,
    });
    diagnostics.extend(rendered.diagnostics);
    sort_diagnostics(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildFailure::Input(diagnostics));
    }

    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == prongsai_model::Severity::Warning)
        .count();
    let marker = MarkerInfo {
        warnings,
        ita_index: Vec::new(),
    };
    match write_site(&opts.out, rendered.files, &marker) {
        Ok(report) => Ok(BuildReport {
            diagnostics,
            files: report.files,
            bytes: report.bytes,
        }),
        Err(WriteError::Invalid(problems)) => {
            // Two pages claiming one URL is an input error like any other.
            diagnostics.extend(problems.iter().map(|p| {
                let (file, en) = match p {
                    prongsai_write::PathProblem::Escapes { source, .. } => {
                        (source.clone(), p.to_string())
                    }
                    prongsai_write::PathProblem::Duplicate { second, .. } => {
                        (second.clone(), p.to_string())
                    }
                    prongsai_write::PathProblem::FileIsFolder { inner_source, .. } => {
                        (inner_source.clone(), p.to_string())
                    }
                };
                let (th, en) = en
                    .split_once("\n    ")
                    .map_or((en.clone(), en.clone()), |(a, b)| {
                        (a.to_owned(), b.to_owned())
                    });
                let th = th
                    .strip_prefix(&format!("{file}: "))
                    .unwrap_or(&th)
                    .to_owned();
                Diagnostic::error("C160", th, en).at(Location::file(file))
            }));
            sort_diagnostics(&mut diagnostics);
            Err(BuildFailure::Input(diagnostics))
        }
        Err(e) => Err(BuildFailure::Internal(e.to_string())),
    }
}

//! `prongsai serve`: builds the site in memory (the output folder is never written), serves it on
//! 127.0.0.1, watches the site root and rebuilds only what a change touches, and reloads open
//! pages through Server-Sent Events.
//!
//! - [`Builder`] owns the loaded inputs and the render cache. A changed month file or plan.csv is
//!   re-read alone and patched into the loaded data; a content change reloads `content/`; any
//!   other data change reloads `procurement-data/`; a theme or site.yaml change re-renders
//!   everything. The render cache then re-produces only the outputs whose inputs differ.
//! - [`Server`] holds the last good site and the status of the last build behind one mutex; the
//!   HTTP side only ever reads them. A failed build leaves the last good site in place and shows
//!   its diagnostics as an overlay on every page.

mod http;

use crate::build::{BuildFailure, Inputs, check_loaded, load_inputs, render_checked};
use prongsai_load::DataFile;
use prongsai_model::{Date, Diagnostic, Disclosure, Severity, sort_diagnostics};
use prongsai_render::RenderCache;
use prongsai_text::escape_html;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The site as served: output path → bytes exactly as `build` would write them.
pub type Files = Arc<HashMap<String, Bytes>>;

/// One served file. A `Vec` rather than `[u8]` behind the `Arc`, so a rendered file is served
/// without copying it (`Arc<[u8]>` copied the whole site, megabytes, on every rebuild).
pub type Bytes = Arc<Vec<u8>>;

/// What one (re)build produced.
pub struct Outcome {
    /// `Ok` with the whole site, or the diagnostics that stopped it.
    pub result: Result<BTreeMap<String, Bytes>, Vec<Diagnostic>>,
    /// Warnings and notes of a successful build (errors are in `result`).
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Outputs the render cache had to produce anew (procurement pages, downloads, search).
    pub produced: usize,
    pub reused: usize,
    /// Where the time went: reading, checking, rendering, finishing (the served file map).
    pub phases: Vec<(&'static str, Duration)>,
}

/// What kind of reload a changed path needs.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// site.yaml or the theme: everything is re-rendered.
    Everything,
    Content,
    /// One month file or plan that was there before and still is.
    DataFile(String),
    Data,
    /// Read afresh by every check anyway (ITA criteria).
    Checks,
    Ignored,
}

/// Loads, checks and renders a site root, keeping what it can between builds.
pub struct Builder {
    root: PathBuf,
    as_of: Date,
    ita_year: Option<i32>,
    inputs: Inputs,
    /// Every file under `procurement-data/` at the last full data load: only these can be
    /// patched one by one, since a new or removed file changes the folder walk itself.
    data_files: BTreeSet<String>,
    cache: RenderCache,
}

impl Builder {
    /// Loads everything; call [`Builder::build`] for the first site.
    pub fn new(root: &Path, as_of: Date, ita_year: Option<i32>) -> Builder {
        Builder {
            root: root.to_path_buf(),
            as_of,
            ita_year,
            inputs: {
                let mut inputs = load_inputs(root);
                prongsai_model::open_years(&mut inputs.data.data, as_of);
                inputs
            },
            data_files: data_files(root),
            cache: RenderCache::default(),
        }
    }

    /// Applies changed paths (relative to the root, with `/`) and builds.
    pub fn rebuild(&mut self, changed: &[String]) -> Outcome {
        let start = Instant::now();
        let changes: Vec<Change> = changed.iter().map(|p| self.classify(p)).collect();
        if changes.contains(&Change::Everything) {
            self.cache = RenderCache::default();
        }
        if changes
            .iter()
            .any(|c| matches!(c, Change::Everything | Change::Content))
        {
            self.inputs.content = prongsai_content::load(&self.root);
        }
        if changes.contains(&Change::Data) {
            self.inputs.data = prongsai_load::load(&self.root);
            prongsai_model::open_years(&mut self.inputs.data.data, self.as_of);
            self.data_files = data_files(&self.root);
        } else {
            for change in &changes {
                if let Change::DataFile(rel) = change {
                    self.patch_data_file(rel);
                }
            }
        }
        self.build_from(start)
    }

    /// Builds from the inputs as they are.
    pub fn build(&mut self) -> Outcome {
        self.build_from(Instant::now())
    }

    fn build_from(&mut self, start: Instant) -> Outcome {
        let mut phases = vec![("read", start.elapsed())];
        let mut mark = Instant::now();
        let mut lap = |name: &'static str| {
            phases.push((name, mark.elapsed()));
            mark = Instant::now();
        };
        let checks = check_loaded(&self.root, &self.inputs, None, self.as_of, self.ita_year);
        lap("check");
        let rendered = render_checked(
            &self.root,
            &self.inputs.content.site,
            &self.inputs.data.data,
            checks,
            self.as_of,
            &mut self.cache,
        );
        let stats = self.cache.last_stats();
        lap("render");
        let (result, warnings) = match rendered {
            Err(BuildFailure::Input(diags)) => (Err(diags), Vec::new()),
            Err(BuildFailure::Internal(message)) => (
                Err(vec![Diagnostic::error(
                    prongsai_model::codes::S100.code,
                    message.clone(),
                    message,
                )]),
                Vec::new(),
            ),
            // `render_checked` has validated the output paths: a problem would be an error.
            Ok(rendered) => (Ok(Self::finish(rendered.files)), rendered.diagnostics),
        };
        lap("finish");
        Outcome {
            result,
            warnings,
            elapsed: start.elapsed(),
            produced: stats.produced,
            reused: stats.reused,
            phases,
        }
    }

    /// The site as served: the bytes `build` would write, shared between requests.
    fn finish(files: Vec<prongsai_write::OutputFile>) -> BTreeMap<String, Bytes> {
        files
            .into_iter()
            .map(|f| (f.path, Arc::new(f.bytes)))
            .collect()
    }

    fn classify(&self, rel: &str) -> Change {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        // Editors' swap and backup files come and go around every save.
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            return Change::Ignored;
        }
        if rel == prongsai_content::SITE_FILE || rel == "themes" || rel.starts_with("themes/") {
            return Change::Everything;
        }
        if rel == "content" || rel.starts_with("content/") {
            return Change::Content;
        }
        if rel.starts_with("criteria/") {
            return Change::Checks;
        }
        if rel == prongsai_load::DATA_DIR {
            return Change::Data;
        }
        // The loader's own folder grammar decides what a data path is, as in a full load.
        match prongsai_load::classify(rel, self.root.join(rel).is_dir()) {
            None => Change::Ignored,
            Some(DataFile::Ignored) => Change::Ignored,
            Some(DataFile::Plan(_) | DataFile::Month(..))
                if self.data_files.contains(rel) && self.root.join(rel).is_file() =>
            {
                Change::DataFile(rel.to_owned())
            }
            Some(_) => Change::Data,
        }
    }

    /// Re-reads one month file or plan into the loaded data, replacing its diagnostics.
    fn patch_data_file(&mut self, rel: &str) {
        let loaded = &mut self.inputs.data;
        let (fy, ym) = match prongsai_load::classify(rel, false) {
            Some(DataFile::Plan(fy)) => (Some(fy), None),
            Some(DataFile::Month(fy, ym)) => (Some(fy), Some(ym)),
            _ => (None, None),
        };
        let Some(year) = fy.and_then(|fy| loaded.data.years.get_mut(&fy)) else {
            // The folder walk did not make this a fiscal year: only a full load says what it is.
            *loaded = prongsai_load::load(&self.root);
            prongsai_model::open_years(&mut loaded.data, self.as_of);
            return;
        };
        // A file that exists but cannot be read is a load error, not also a gap (as in a full load).
        let mark = |year: &mut prongsai_model::FiscalYear, what: Disclosure, readable: bool| {
            if readable {
                year.unreadable.remove(&what);
            } else {
                year.unreadable.insert(what);
            }
        };
        // The files whose diagnostics the reload replaces: a month given in two layouts is read
        // (and reported on) as one.
        let mut replaced: Vec<String> = vec![rel.to_owned()];
        let diags = if ym.is_none() {
            let (plan, diags) = prongsai_load::load_plan_file(&self.root, rel);
            mark(year, Disclosure::Plan, plan.is_some());
            year.plan = plan;
            diags
        } else {
            let (month, diags) = prongsai_load::load_month_file(&self.root, rel);
            if let Some(ym) = ym {
                mark(year, Disclosure::Month(ym), month.is_some());
                if let Some(old) = year.months.remove(&ym) {
                    replaced.extend(old.files().map(|f| f.path.clone()));
                }
            }
            year.months.retain(|_, m| m.files().all(|f| f.path != rel));
            if let Some(m) = month {
                replaced.extend(m.files().map(|f| f.path.clone()));
                year.months.insert(m.month, m);
            }
            // The month's new records are joined with e-GP's contracts, as a full load joins them,
            // and what its layouts still lack is said after that, as a full load says it.
            let mut diags = diags;
            if let Some(ym) = ym {
                prongsai_load::rejoin_egp(&mut loaded.data, ym);
                if let Some(y) = fy.and_then(|fy| loaded.data.years.get(&fy))
                    && let Some(m) = y.months.get(&ym)
                {
                    diags.extend(prongsai_load::month_notes(m, y.egp.is_some()));
                }
            }
            diags
        };
        loaded.diagnostics.retain(|d| {
            d.location
                .as_ref()
                .is_none_or(|l| !replaced.contains(&l.file))
        });
        loaded.diagnostics.extend(diags);
        sort_diagnostics(&mut loaded.diagnostics);
    }
}

/// Every file under `<root>/procurement-data/`, relative to the root.
fn data_files(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.join("procurement-data")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(rel) = relative(root, &path) {
                out.insert(rel);
            }
        }
    }
    out
}

/// `path` relative to `root`, with `/`; `None` outside the root.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The status of the last build, as `/__prongsai/status` returns it and the overlay shows it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Status {
    /// Counts every build attempt.
    pub generation: u64,
    /// The attempt whose site is being served; pages reload when it moves on.
    pub site_generation: u64,
    pub ok: bool,
    pub files: usize,
    pub build_ms: f64,
    pub produced: usize,
    pub reused: usize,
    /// Milliseconds per phase of the build.
    pub phases_ms: Vec<(&'static str, f64)>,
    /// The errors of a failed build, or the warnings of a good one.
    pub diagnostics: Vec<Diagnostic>,
    /// The overlay HTML of a failed build (escaped), for the page script to show.
    pub overlay: Option<String>,
}

/// What the HTTP side reads: the last good site and the status of the last build.
#[derive(Default)]
struct Published {
    files: Files,
    status: Status,
}

/// The running server's shared state; the build loop writes it, connections read it.
#[derive(Default)]
pub struct Server {
    published: Mutex<Published>,
    /// Signalled after every build, for the event streams.
    built: Condvar,
}

impl Server {
    fn lock(&self) -> std::sync::MutexGuard<'_, Published> {
        // A panicking connection thread cannot leave `Published` half-updated: it only reads.
        self.published
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn snapshot(&self) -> (Files, Status) {
        let p = self.lock();
        (p.files.clone(), p.status.clone())
    }

    /// Publishes a build: a good one replaces the site, a failed one only the status.
    pub fn publish(&self, outcome: Outcome) -> Status {
        let mut p = self.lock();
        let generation = p.status.generation + 1;
        let mut status = Status {
            generation,
            build_ms: outcome.elapsed.as_secs_f64() * 1000.0,
            produced: outcome.produced,
            reused: outcome.reused,
            phases_ms: outcome
                .phases
                .iter()
                .map(|(name, d)| (*name, d.as_secs_f64() * 1000.0))
                .collect(),
            ..Status::default()
        };
        match outcome.result {
            Ok(files) => {
                status.ok = true;
                status.site_generation = generation;
                status.files = files.len();
                status.diagnostics = outcome.warnings;
                p.files = Arc::new(files.into_iter().collect());
            }
            Err(diags) => {
                status.site_generation = p.status.site_generation;
                status.files = p.files.len();
                status.overlay = Some(overlay_html(&diags));
                status.diagnostics = diags;
            }
        }
        p.status = status.clone();
        drop(p);
        self.built.notify_all();
        status
    }

    /// Waits until a build newer than `generation` is published, or `timeout` passes.
    fn wait_newer(&self, generation: u64, timeout: Duration) -> Status {
        let guard = self.lock();
        let (guard, _) = self
            .built
            .wait_timeout_while(guard, timeout, |p| p.status.generation <= generation)
            .unwrap_or_else(PoisonError::into_inner);
        guard.status.clone()
    }
}

/// The error overlay: every diagnostic with file:line:column, Thai and English, all escaped.
pub fn overlay_html(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut html = String::from(
        "<div id=\"prongsai-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,27,.95);color:#fafafa;font:16px/1.6 Sarabun,system-ui,sans-serif;padding:1.5rem 2rem\">",
    );
    html.push_str(&format!(
        "<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\">ปิด / close</button><h2 style=\"margin-top:0\">สร้างเว็บไซต์ไม่สำเร็จ: พบข้อผิดพลาด {errors} รายการ<br><small>Build failed: {errors} error(s)</small></h2><p>หน้าที่อยู่ด้านหลังเป็นผลลัพธ์ล่าสุดที่สร้างสำเร็จ แก้ไขไฟล์แล้วบันทึก หน้านี้จะโหลดใหม่เอง<br>Underneath is the last good build. Fix the files and save; this page reloads by itself.</p><ol>"
    ));
    for d in diags {
        let place = d
            .location
            .as_ref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        let colour = match d.severity {
            Severity::Error => "#fca5a5",
            _ => "#fde68a",
        };
        html.push_str(&format!(
            "<li style=\"margin-bottom:1rem\"><code style=\"color:{colour}\">{}{}[{}]</code><div lang=\"th\" style=\"white-space:pre-wrap\">{}</div><div lang=\"en\" style=\"white-space:pre-wrap;opacity:.85\">{}</div></li>",
            escape_html(&place),
            escape_html(&d.severity.to_string()),
            escape_html(&d.code),
            escape_html(&d.message_th),
            escape_html(&d.message_en),
        ));
    }
    html.push_str("</ol></div>");
    html
}

/// How long the files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(40);

/// Whether a watch event can change what a build reads (opening or reading a file cannot).
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    match kind {
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// `prongsai serve`'s settings.
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub as_of: Date,
    pub ita_year: Option<i32>,
}

/// Runs until the process is stopped; returns only when it cannot start.
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    let root = opts.root.canonicalize().map_err(|e| {
        format!(
            "ไม่พบโฟลเดอร์ของเว็บไซต์ {0} ({e}) — ใช้ --root ชี้ไปยังโฟลเดอร์ที่มี site.yaml\nsite root {0} not found ({e}); pass --root with the folder holding site.yaml",
            opts.root.display()
        )
    })?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| {
        format!(
            "เปิดพอร์ต {0} ไม่ได้ ({e}) — ใช้ --port เลือกพอร์ตอื่น หรือ --port 0 ให้เลือกเอง\ncannot listen on 127.0.0.1:{0} ({e}); pick another --port, or --port 0 for a free one",
            opts.port
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("ไม่ทราบที่อยู่ของเซิร์ฟเวอร์ ({e})\ncannot read the server address ({e})"))?;
    println!(
        "เปิดดูเว็บไซต์ได้ที่ http://{addr}/ (กด Ctrl+C เพื่อหยุด)\nserving at http://{addr}/ (Ctrl+C to stop)"
    );

    // Watch before the first build, so an edit made while it runs is not missed.
    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        match event {
            // Reading a file is an event too, and every build reads them all: only changes count.
            Ok(e) if is_change(&e.kind) => {
                for path in e.paths {
                    let _ = tx.send(path);
                }
            }
            Ok(_) => {}
            Err(e) => eprintln!("การเฝ้าดูไฟล์ผิดพลาด: {e}\nwatch error: {e}"),
        }
    })
    .map_err(|e| format!("เฝ้าดูการแก้ไขไฟล์ไม่ได้ ({e})\ncannot watch the site files ({e})"))?;
    {
        use notify::{RecursiveMode, Watcher as _};
        // The root itself only for site.yaml (editors replace it by renaming, which a watch on the
        // file alone would lose) and for the folders appearing.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("เฝ้าดูโฟลเดอร์ไม่ได้ ({e})\ncannot watch the site root ({e})"))?;
        for dir in ["content", "themes", "procurement-data", "criteria"] {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| {
                        format!("เฝ้าดูโฟลเดอร์ {dir}/ ไม่ได้ ({e})\ncannot watch {dir}/ ({e})")
                    })?;
            }
        }
    }

    let server = Arc::new(Server::default());
    let mut builder = Builder::new(&root, opts.as_of, opts.ita_year);
    log(&server.publish(builder.build()), "built", "สร้างเว็บไซต์");
    {
        let server = server.clone();
        std::thread::spawn(move || http::accept(&listener, &server));
    }

    while let Ok(first) = rx.recv() {
        // One save is several events (truncate, write, close; or write a temp file and rename):
        // gather until the files have been quiet for a moment, then build once.
        let mut changed = BTreeSet::new();
        changed.extend(relative(&root, &first));
        while let Ok(more) = rx.recv_timeout(QUIET) {
            changed.extend(relative(&root, &more));
        }
        let changed: Vec<String> = changed.into_iter().collect();
        if changed
            .iter()
            .all(|p| builder.classify(p) == Change::Ignored)
        {
            continue;
        }
        for p in &changed {
            println!("แก้ไข / changed: {p}");
        }
        log(
            &server.publish(builder.rebuild(&changed)),
            "rebuilt",
            "สร้างใหม่",
        );
    }
    // Keeps the watcher alive for as long as events are awaited.
    drop(watcher);
    Ok(())
}

fn log(status: &Status, what_en: &str, what_th: &str) {
    if status.ok {
        for d in &status.diagnostics {
            eprintln!("{d}");
        }
        let phases: Vec<String> = status
            .phases_ms
            .iter()
            .map(|(name, ms)| format!("{name} {ms:.0}"))
            .collect();
        println!(
            "{what_th}เสร็จใน {:.0} ms ({} ไฟล์, ผลิตใหม่ {} ส่วน ใช้ของเดิม {} ส่วน)\n{what_en} in {:.0} ms ({} files; {} outputs re-produced, {} reused; ms: {})",
            status.build_ms,
            status.files,
            status.produced,
            status.reused,
            status.build_ms,
            status.files,
            status.produced,
            status.reused,
            phases.join(", ")
        );
    } else {
        for d in &status.diagnostics {
            eprintln!("{d}");
        }
        let errors = status.diagnostics.iter().filter(|d| d.is_error()).count();
        println!(
            "สร้างไม่สำเร็จ: พบข้อผิดพลาด {errors} รายการ — ยังแสดงเว็บไซต์ที่สร้างสำเร็จครั้งล่าสุด\nbuild failed: {errors} error(s); still serving the last good site"
        );
    }
}

#[cfg(test)]
mod tests;

//! Write stage: the one choke point through which every byte of a site reaches the disk.
//!
//! The whole site is written into a temporary folder beside the output, and only once every
//! file is there is it swapped in. A failed build therefore never leaves a half-written site
//! for the deploy script to publish: the previous output stays exactly as it was.

mod compact;

pub use compact::compact;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The file every successful build writes last; the deploy script refuses a site without it.
pub const MARKER: &str = "prongsai-build.json";

/// One file of the site, as the render stage produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/`, e.g. `news/index.html`.
    pub path: String,
    /// Exactly the bytes to write (HTML is already [`compact`]ed).
    pub bytes: Vec<u8>,
    /// What produced the file (a content file, a theme file, a generator), for error messages.
    pub source: String,
}

impl OutputFile {
    /// A page, [`compact`]ed right away: in the renderer's parallel workers, and once, so `build`
    /// and `serve` hold exactly the bytes that are published.
    pub fn html(
        path: impl Into<String>,
        html: impl AsRef<[u8]>,
        source: impl Into<String>,
    ) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: compact(html.as_ref()),
            source: source.into(),
        }
    }

    pub fn raw(path: impl Into<String>, bytes: Vec<u8>, source: impl Into<String>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
            source: source.into(),
        }
    }
}

/// What the marker records besides what the writer counts itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkerInfo {
    pub warnings: usize,
    /// Output paths of the ITA evidence indexes, e.g. `ita/2569/index.html`.
    pub ita_index: Vec<String>,
}

#[derive(Serialize)]
struct Marker<'a> {
    generator: &'static str,
    version: &'static str,
    ok: bool,
    errors: usize,
    warnings: usize,
    files: usize,
    ita_index: &'a [String],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written, the marker included.
    pub files: usize,
    pub bytes: u64,
}

/// Why nothing was written. In every case the previous output is untouched.
#[derive(Debug)]
pub enum WriteError {
    /// The file list itself is wrong: paths escaping the output, duplicates. All are listed.
    Invalid(Vec<PathProblem>),
    /// The output folder exists, is not empty and was not made by prongsai: replacing it could
    /// delete someone's files (think `--out ~`).
    NotOurs(PathBuf),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathProblem {
    /// Absolute, empty, or containing `..` / `.`: the file would land outside the output.
    Escapes { path: String, source: String },
    /// Two sources want the same output path.
    Duplicate {
        path: String,
        first: String,
        second: String,
    },
    /// One source wants a file where another needs a folder (`a` and `a/b.html`).
    FileIsFolder {
        file: String,
        file_source: String,
        inner: String,
        inner_source: String,
    },
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathProblem::Escapes { path, source } => write!(
                f,
                "{source}: เส้นทางไฟล์ผลลัพธ์ \"{path}\" ออกนอกโฟลเดอร์ผลลัพธ์ — แก้ slug หรือชื่อไฟล์ให้ไม่มี \"..\" หรือ \"/\" นำหน้า\n    output path \"{path}\" escapes the output folder; fix the slug or file name (no \"..\", no leading \"/\")"
            ),
            PathProblem::Duplicate {
                path,
                first,
                second,
            } => write!(
                f,
                "{second}: ไฟล์ผลลัพธ์ \"{path}\" ซ้ำกับที่สร้างจาก {first} — เปลี่ยน slug ของหน้าใดหน้าหนึ่ง\n    output path \"{path}\" is also produced by {first}; give one of them a different slug"
            ),
            PathProblem::FileIsFolder {
                file,
                file_source,
                inner,
                inner_source,
            } => write!(
                f,
                "{inner_source}: \"{inner}\" ต้องใช้ \"{file}\" เป็นโฟลเดอร์ แต่ {file_source} สร้างเป็นไฟล์ — เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง\n    \"{inner}\" needs \"{file}\" to be a folder but {file_source} writes it as a file; rename one of them"
            ),
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
            WriteError::NotOurs(path) => write!(
                f,
                "{}: โฟลเดอร์นี้มีไฟล์อยู่แล้วและไม่ได้สร้างโดย prongsai จึงไม่เขียนทับ — ใช้ --out ชี้ไปยังโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง\n    the folder is not empty and has no {MARKER}, so prongsai will not replace it; pass --out with a new or empty folder",
                path.display()
            ),
            WriteError::Io { path, error } => write!(
                f,
                "{}: เขียนไฟล์ไม่สำเร็จ ({error}) — ตรวจสอบสิทธิ์การเขียนและพื้นที่ว่างของดิสก์\n    could not write ({error}); check permissions and free disk space",
                path.display()
            ),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Checks every path before anything touches the disk, so all problems are reported together.
/// Duplicates are reported against the first file of `files` with that path.
pub fn validate(files: &[OutputFile]) -> Vec<PathProblem> {
    check_paths(files.iter().map(|f| (f.path.as_str(), f.source.as_str())))
}

/// [`validate`] over `(path, source)` pairs, in the order given.
fn check_paths<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<PathProblem> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (path, source) in entries {
        if let Some(problem) = unsafe_path(path, source) {
            problems.push(problem);
            continue;
        }
        if let Some(first) = seen.insert(path, source) {
            problems.push(PathProblem::Duplicate {
                path: path.to_owned(),
                first: first.to_owned(),
                second: source.to_owned(),
            });
            // Keep the first source as the one later duplicates are reported against.
            seen.insert(path, first);
        }
    }
    // In sorted order a folder's contents follow it directly, so one pass finds `a` vs `a/…`.
    let sorted: Vec<(&str, &str)> = seen.into_iter().collect();
    for (i, (path, source)) in sorted.iter().enumerate() {
        for (inner, inner_source) in &sorted[i + 1..] {
            if !inner.starts_with(path) {
                break;
            }
            if inner.as_bytes().get(path.len()) == Some(&b'/') {
                problems.push(PathProblem::FileIsFolder {
                    file: (*path).to_owned(),
                    file_source: (*source).to_owned(),
                    inner: (*inner).to_owned(),
                    inner_source: (*inner_source).to_owned(),
                });
            }
        }
    }
    problems
}

/// A path that must never reach the disk: outside the output, or the build marker's own.
fn unsafe_path(path: &str, source: &str) -> Option<PathProblem> {
    if !is_safe_relative(path) {
        return Some(PathProblem::Escapes {
            path: path.to_owned(),
            source: source.to_owned(),
        });
    }
    (path == MARKER).then(|| PathProblem::Duplicate {
        path: path.to_owned(),
        first: "prongsai".to_owned(),
        second: source.to_owned(),
    })
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && !path.ends_with('/')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !path
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == "..")
}

/// Where the render stage puts each file the moment it exists.
///
/// A large site never has to be held in memory whole: [`Staging`] writes each file as it
/// arrives, [`Collect`] keeps them (for `serve` and tests).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile);
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Collect {
    files: Mutex<Vec<OutputFile>>,
}

impl Collect {
    /// The files in a fixed order (by path, then source), whatever order they arrived in from
    /// parallel producers, so everything downstream — duplicate reports included — is
    /// deterministic.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| (&a.path, &a.source).cmp(&(&b.path, &b.source)));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        lock(&self.files).push(file);
    }
}

/// A poisoned lock only means another producer panicked; the list itself is still whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The folders a staged write uses, all beside the output so the final renames stay on one
/// file system.
struct Folders {
    out: PathBuf,
    tmp: PathBuf,
    backup: PathBuf,
}

/// A site being written: each file goes into a temporary folder beside the output as soon as
/// it is [put](Sink::put), and [`Staging::finish`] swaps the folder in only if every path was
/// valid and every write succeeded. Dropped unfinished, it removes the temporary folder, so the
/// previous output is never touched by a failed build.
pub struct Staging {
    /// `None` for a dry run, which only checks paths.
    folders: Option<Folders>,
    /// `(path, source)` of every file put, for the checks that need all of them.
    seen: Mutex<Vec<(String, String)>>,
    /// The first write that failed; later files are not written.
    failed: Mutex<Option<WriteError>>,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Staging {
    /// Prepares the temporary folder for `out`, refusing an output folder prongsai did not make.
    pub fn begin(out: &Path) -> Result<Staging, WriteError> {
        if out.exists() && !is_replaceable(out).map_err(io_err(out))? {
            return Err(WriteError::NotOurs(out.to_path_buf()));
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_owned());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let pid = std::process::id();
        let tmp = parent.join(format!("{name}.prongsai-tmp-{pid}"));
        let backup = parent.join(format!("{name}.prongsai-old-{pid}"));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
        }
        fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
        let mut staging = Staging::dry_run();
        staging.folders = Some(Folders {
            out: out.to_path_buf(),
            tmp,
            backup,
        });
        Ok(staging)
    }

    /// Checks the paths of what is put and writes nothing: for a build that has already failed
    /// but should still report every problem it has.
    pub fn dry_run() -> Staging {
        Staging {
            folders: None,
            seen: Mutex::default(),
            failed: Mutex::default(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Every problem with the paths put so far, in a fixed order.
    pub fn path_problems(&self) -> Vec<PathProblem> {
        let mut seen = lock(&self.seen).clone();
        // Parallel producers put files in any order; sorting makes the report deterministic.
        seen.sort();
        check_paths(seen.iter().map(|(p, s)| (p.as_str(), s.as_str())))
    }

    /// Writes the marker and swaps the finished site in.
    pub fn finish(mut self, marker: &MarkerInfo) -> Result<WriteReport, WriteError> {
        let problems = self.path_problems();
        if !problems.is_empty() {
            return Err(WriteError::Invalid(problems));
        }
        if let Some(error) = lock(&self.failed).take() {
            return Err(error);
        }
        let Some(folders) = self.folders.take() else {
            return Ok(WriteReport { files: 0, bytes: 0 });
        };
        let count = self.files.load(Ordering::Relaxed) + 1;
        let result = write_marker(&folders.tmp, count, marker).and_then(|marker_bytes| {
            swap(&folders.out, &folders.tmp, &folders.backup)?;
            Ok(WriteReport {
                files: count,
                bytes: self.bytes.load(Ordering::Relaxed) + marker_bytes,
            })
        });
        if result.is_err() {
            // Best effort: the error being returned matters more than a leftover temp folder.
            let _ = fs::remove_dir_all(&folders.tmp);
        }
        result
    }

    fn write(&self, tmp: &Path, file: OutputFile) -> Result<(), WriteError> {
        let dest = tmp.join(&file.path);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        fs::write(&dest, &file.bytes).map_err(io_err(&dest))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        // A path that escapes the output is never written; it is reported by `path_problems`.
        let unsafe_path = unsafe_path(&file.path, &file.source).is_some();
        lock(&self.seen).push((file.path.clone(), file.source.clone()));
        let Some(folders) = &self.folders else {
            return;
        };
        if unsafe_path || lock(&self.failed).is_some() {
            return;
        }
        if let Err(e) = self.write(&folders.tmp, file) {
            lock(&self.failed).get_or_insert(e);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(folders) = &self.folders {
            // Unfinished: the build failed, and the previous output must stay exactly as it was.
            let _ = fs::remove_dir_all(&folders.tmp);
        }
    }
}

fn is_replaceable(out: &Path) -> io::Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    Ok(fs::read_dir(out)?.next().is_none())
}

/// The marker, last of all files; returns its size.
fn write_marker(tmp: &Path, files: usize, marker: &MarkerInfo) -> Result<u64, WriteError> {
    let json = serde_json::to_vec_pretty(&Marker {
        generator: "prongsai",
        version: env!("CARGO_PKG_VERSION"),
        ok: true,
        errors: 0,
        warnings: marker.warnings,
        files,
        ita_index: &marker.ita_index,
    })
    .map_err(|e| io_err(tmp)(io::Error::other(e)))?;
    let dest = tmp.join(MARKER);
    fs::write(&dest, &json).map_err(io_err(&dest))?;
    Ok(json.len() as u64)
}

/// Two renames, so the output is missing only for the instant between them; if the second
/// fails the first is undone.
fn swap(out: &Path, tmp: &Path, backup: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return fs::rename(tmp, out).map_err(io_err(out));
    }
    if backup.exists() {
        fs::remove_dir_all(backup).map_err(io_err(backup))?;
    }
    fs::rename(out, backup).map_err(io_err(out))?;
    if let Err(error) = fs::rename(tmp, out) {
        let _ = fs::rename(backup, out);
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            error,
        });
    }
    // The new site is in place; a leftover backup is untidy but harmless.
    let _ = fs::remove_dir_all(backup);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// A whole file list through one staging, as a build does it.
    fn write_site(
        out: &Path,
        files: Vec<OutputFile>,
        marker: &MarkerInfo,
    ) -> Result<WriteReport, WriteError> {
        let problems = validate(&files);
        if !problems.is_empty() {
            return Err(WriteError::Invalid(problems));
        }
        let staging = Staging::begin(out)?;
        files.into_par_iter().for_each(|f| staging.put(f));
        staging.finish(marker)
    }

    fn page(path: &str, source: &str) -> OutputFile {
        OutputFile::html(path, "<p>x</p>", source)
    }

    fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, fs::read(&p).unwrap());
                }
            }
        }
        out
    }

    #[test]
    fn rejects_escaping_paths() {
        for bad in [
            "../x.html",
            "/etc/x",
            "a/../../x",
            "",
            "a//b",
            "a/./b",
            "a\\b",
            "dir/",
            "C:x",
        ] {
            let problems = validate(&[page(bad, "content/x.md")]);
            assert!(
                matches!(problems.as_slice(), [PathProblem::Escapes { .. }]),
                "{bad:?} accepted"
            );
        }
        assert!(validate(&[page("a/b/index.html", "s")]).is_empty());
    }

    #[test]
    fn duplicates_name_both_sources() {
        let problems = validate(&[
            page("news/index.html", "content/news/_index.md"),
            page("news/index.html", "content/news.md"),
        ]);
        assert_eq!(problems.len(), 1);
        let text = problems[0].to_string();
        assert!(
            text.contains("content/news/_index.md") && text.contains("content/news.md"),
            "{text}"
        );
    }

    #[test]
    fn file_versus_folder_conflict() {
        let problems = validate(&[
            page("a", "one"),
            page("a/b.html", "two"),
            page("ab", "three"),
        ]);
        assert_eq!(problems.len(), 1);
        assert!(
            matches!(&problems[0], PathProblem::FileIsFolder { file, inner, .. } if file == "a" && inner == "a/b.html")
        );
    }

    #[test]
    fn marker_path_is_reserved() {
        assert_eq!(validate(&[page(MARKER, "theme")]).len(), 1);
    }

    #[test]
    fn writes_swaps_and_marks() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = vec![
            OutputFile::html(
                "index.html",
                "<html>\n  <body>\n    <p>สวัสดี</p>\n  </body>\n</html>\n",
                "a",
            ),
            OutputFile::raw("css/site.css", b"body{}".to_vec(), "b"),
        ];
        let report = write_site(
            &out,
            files,
            &MarkerInfo {
                warnings: 2,
                ita_index: vec!["ita/2569/index.html".into()],
            },
        )
        .unwrap();
        assert_eq!(report.files, 3);
        let tree = read_tree(&out);
        let html = String::from_utf8(tree["index.html"].clone()).unwrap();
        assert!(
            html.contains("<p>สวัสดี</p>") && !html.contains("\n  "),
            "{html}"
        );
        let marker: serde_json::Value = serde_json::from_slice(&tree[MARKER]).unwrap();
        assert_eq!(marker["ok"], true);
        assert_eq!(marker["warnings"], 2);
        assert_eq!(marker["files"], 3);
        assert_eq!(marker["ita_index"][0], "ita/2569/index.html");
        // A second build replaces the first entirely and leaves nothing beside it.
        write_site(&out, vec![page("other.html", "c")], &MarkerInfo::default()).unwrap();
        let tree = read_tree(&out);
        assert!(tree.contains_key("other.html") && !tree.contains_key("index.html"));
        let siblings: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(siblings.len(), 1);
    }

    #[test]
    fn invalid_input_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![page("index.html", "a")], &MarkerInfo::default()).unwrap();
        let before = read_tree(&out);
        let err = write_site(
            &out,
            vec![page("x.html", "a"), page("x.html", "b")],
            &MarkerInfo::default(),
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Invalid(_)));
        assert_eq!(read_tree(&out), before);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_folder_that_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), b"precious").unwrap();
        let err = write_site(
            dir.path(),
            vec![page("index.html", "a")],
            &MarkerInfo::default(),
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::NotOurs(_)));
        assert_eq!(
            fs::read(dir.path().join("thesis.docx")).unwrap(),
            b"precious"
        );
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        write_site(
            &empty,
            vec![page("index.html", "a")],
            &MarkerInfo::default(),
        )
        .unwrap();
    }

    #[test]
    fn staged_files_appear_only_on_finish() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![page("old.html", "a")], &MarkerInfo::default()).unwrap();
        let before = read_tree(&out);
        let staging = Staging::begin(&out).unwrap();
        staging.put(page("a/index.html", "x"));
        staging.put(OutputFile::raw("b.txt", b"b".to_vec(), "y"));
        // Written already, but beside the output: the site being served is still the old one.
        assert_eq!(read_tree(&out), before);
        let report = staging.finish(&MarkerInfo::default()).unwrap();
        assert_eq!(report.files, 3);
        let tree = read_tree(&out);
        assert_eq!(tree.len(), 3);
        assert_eq!(tree["b.txt"], b"b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_staging_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![page("index.html", "a")], &MarkerInfo::default()).unwrap();
        let before = read_tree(&out);
        let staging = Staging::begin(&out).unwrap();
        staging.put(page("index.html", "new"));
        drop(staging);
        assert_eq!(read_tree(&out), before);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn staged_problems_are_reported_in_a_fixed_order_and_nothing_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site").join("public");
        let staging = Staging::begin(&out).unwrap();
        staging.put(page("x.html", "second.md"));
        staging.put(page("../escape.html", "evil.md"));
        staging.put(page("x.html", "first.md"));
        let err = staging.finish(&MarkerInfo::default()).unwrap_err();
        let WriteError::Invalid(problems) = err else {
            panic!("{err:?}")
        };
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(matches!(&problems[0], PathProblem::Escapes { .. }));
        assert!(
            matches!(&problems[1], PathProblem::Duplicate { first, second, .. } if first == "first.md" && second == "second.md"),
            "{problems:?}"
        );
        assert!(!dir.path().join("site/escape.html").exists());
        assert!(!out.exists());
        assert_eq!(fs::read_dir(dir.path().join("site")).unwrap().count(), 0);
    }

    #[test]
    fn a_dry_run_checks_paths_and_writes_nothing() {
        let staging = Staging::dry_run();
        staging.put(page("a", "one"));
        staging.put(page("a/b.html", "two"));
        assert_eq!(staging.path_problems().len(), 1);
        assert!(staging.finish(&MarkerInfo::default()).is_err());
        let ok = Staging::dry_run();
        ok.put(page("a.html", "one"));
        assert_eq!(ok.finish(&MarkerInfo::default()).unwrap().files, 0);
    }

    #[test]
    fn collect_orders_files_whatever_order_they_came_in() {
        let c = Collect::default();
        rayon::scope(|s| {
            for i in (0..50).rev() {
                let c = &c;
                s.spawn(move |_| c.put(page(&format!("p{i:02}.html"), "s")));
            }
        });
        let paths: Vec<String> = c.into_files().into_iter().map(|f| f.path).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 50);
    }

    #[test]
    fn html_keeps_pre_and_closing_tags() {
        let html = "<!doctype html><html><head><title>t</title></head><body><pre>a\n   b</pre><p>x</p></body></html>";
        let out = String::from_utf8(OutputFile::html("a.html", html, "t").bytes).unwrap();
        assert!(out.contains("<pre>a\n   b</pre>"), "{out}");
        assert!(out.contains("</p>") && out.contains("</body>"), "{out}");
    }
}

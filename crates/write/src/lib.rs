//! Write stage: the one choke point through which every byte of a site reaches the disk.
//!
//! The whole site is written into a temporary folder beside the output, and only once every
//! file is there is it swapped in. A failed build therefore never leaves a half-written site
//! for the deploy script to publish: the previous output stays exactly as it was.

use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every successful build writes last; the deploy script refuses a site without it.
pub const MARKER: &str = "prongsai-build.json";

/// One file of the site, as the render stage produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/`, e.g. `news/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// HTML is minified on the way out; everything else is written as given.
    pub minify: bool,
    /// What produced the file (a content file, a theme file, a generator), for error messages.
    pub source: String,
}

impl OutputFile {
    pub fn html(path: impl Into<String>, html: String, source: impl Into<String>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.into_bytes(),
            minify: true,
            source: source.into(),
        }
    }

    /// HTML minified right away, for producers of many pages: holding every page unminified
    /// until the write stage doubled a large site's peak memory. Same minifier, same bytes.
    pub fn html_minified(
        path: impl Into<String>,
        html: String,
        source: impl Into<String>,
    ) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: minify(html.as_bytes()),
            minify: false,
            source: source.into(),
        }
    }

    pub fn raw(path: impl Into<String>, bytes: Vec<u8>, source: impl Into<String>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
            minify: false,
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
pub fn validate(files: &[OutputFile]) -> Vec<PathProblem> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for file in files {
        if !is_safe_relative(&file.path) {
            problems.push(PathProblem::Escapes {
                path: file.path.clone(),
                source: file.source.clone(),
            });
            continue;
        }
        if file.path == MARKER {
            problems.push(PathProblem::Duplicate {
                path: file.path.clone(),
                first: "prongsai".to_owned(),
                second: file.source.clone(),
            });
            continue;
        }
        if let Some(first) = seen.insert(&file.path, &file.source) {
            problems.push(PathProblem::Duplicate {
                path: file.path.clone(),
                first: first.to_owned(),
                second: file.source.clone(),
            });
            // Keep the first source as the one later duplicates are reported against.
            seen.insert(&file.path, first);
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

/// Conservative settings: closing tags and `<html>`/`<head>` stay (older phone browsers and
/// screen readers cope better), attribute quoting stays compliant, `<pre>` is never touched.
///
/// Public so `prongsai serve` serves exactly the bytes a build writes.
pub fn minify(bytes: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    // Inline scripts are rare in the theme and a JS minifier bug would break the page silently.
    cfg.minify_js = false;
    minify_html::minify(bytes, &cfg)
}

/// Writes the site into `out`, replacing what was there only if every file was written.
///
/// `prongsai-build.json` is written last into the temporary folder, so a site is complete
/// exactly when it has the marker.
pub fn write_site(
    out: &Path,
    files: Vec<OutputFile>,
    marker: &MarkerInfo,
) -> Result<WriteReport, WriteError> {
    let problems = validate(&files);
    if !problems.is_empty() {
        return Err(WriteError::Invalid(problems));
    }
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
    let result = fill(&tmp, files, marker).and_then(|report| {
        swap(out, &tmp, &backup)?;
        Ok(report)
    });
    if result.is_err() {
        // Best effort: the error being returned matters more than a leftover temp folder.
        let _ = fs::remove_dir_all(&tmp);
    }
    result
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

fn fill(
    tmp: &Path,
    files: Vec<OutputFile>,
    marker: &MarkerInfo,
) -> Result<WriteReport, WriteError> {
    fs::create_dir_all(tmp).map_err(io_err(tmp))?;
    let count = files.len() + 1;
    let bytes: u64 = files
        .into_par_iter()
        .map(|file| {
            let dest = tmp.join(&file.path);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            let data = if file.minify {
                minify(&file.bytes)
            } else {
                file.bytes
            };
            fs::write(&dest, &data).map_err(io_err(&dest))?;
            Ok(data.len() as u64)
        })
        .collect::<Result<Vec<u64>, WriteError>>()?
        .into_iter()
        .sum();
    let json = serde_json::to_vec_pretty(&Marker {
        generator: "prongsai",
        version: env!("CARGO_PKG_VERSION"),
        ok: true,
        errors: 0,
        warnings: marker.warnings,
        files: count,
        ita_index: &marker.ita_index,
    })
    .map_err(|e| io_err(tmp)(io::Error::other(e)))?;
    let dest = tmp.join(MARKER);
    fs::write(&dest, &json).map_err(io_err(&dest))?;
    Ok(WriteReport {
        files: count,
        bytes: bytes + json.len() as u64,
    })
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

    fn page(path: &str, source: &str) -> OutputFile {
        OutputFile::html(path, "<p>x</p>".to_owned(), source)
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
                "<html>\n  <body>\n    <p>สวัสดี</p>\n  </body>\n</html>\n".to_owned(),
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
    fn minify_keeps_pre_and_closing_tags() {
        let html = "<!doctype html><html><head><title>t</title></head><body><pre>a\n   b</pre><p>x</p></body></html>";
        let out = String::from_utf8(minify(html.as_bytes())).unwrap();
        assert!(out.contains("<pre>a\n   b</pre>"), "{out}");
        assert!(out.contains("</p>") && out.contains("</body>"), "{out}");
    }
}

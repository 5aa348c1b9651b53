//! The theme: the embedded default, overridden file by file by `themes/<name>/` in the site root.

use prongsai_model::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

/// One theme file and where it came from (for error messages and duplicate reports).
#[derive(Clone, Debug)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `themes/default/templates/page.html (embedded)` or the site root relative path.
    pub origin: String,
}

#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// Relative to the theme folder, e.g. `templates/page.html`, `static/css/site.css`.
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    pub fn embedded() -> Theme {
        let files = EMBEDDED
            .iter()
            .map(|(rel, bytes)| {
                (
                    (*rel).to_owned(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        origin: format!("themes/default/{rel} (embedded)"),
                    },
                )
            })
            .collect();
        Theme { files }
    }

    /// The embedded theme with `<root>/themes/<name>/` laid over it.
    pub fn load(root: &Path, name: &str) -> (Theme, Vec<Diagnostic>) {
        let mut theme = Theme::embedded();
        let mut diags = Vec::new();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                diags.push(
                    Diagnostic::error(
                        prongsai_model::codes::C140.code,
                        format!("ไม่พบโฟลเดอร์ธีม themes/{name}/ — สร้างโฟลเดอร์นี้ หรือลบบรรทัด theme: ใน site.yaml เพื่อใช้ธีม default"),
                        format!("theme folder themes/{name}/ not found; create it, or remove theme: from site.yaml to use the default theme"),
                    )
                    .at(Location::file(prongsai_content::SITE_FILE)),
                );
            }
            return (theme, diags);
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(unreadable(&format!("themes/{name}"), &e.to_string()));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            let origin = format!("themes/{name}/{rel}");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    theme.files.insert(rel, ThemeFile { bytes, origin });
                }
                Err(e) => diags.push(unreadable(&origin, &e.to_string())),
            }
        }
        (theme, diags)
    }

    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(rel, f)| rel.strip_prefix("templates/").map(|n| (n, f)))
    }

    pub fn statics(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(rel, f)| rel.strip_prefix("static/").map(|n| (n, f)))
    }
}

fn unreadable(path: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        prongsai_model::codes::C130.code,
        format!("อ่านไฟล์ไม่ได้ ({why}) — ตรวจสอบสิทธิ์การอ่านไฟล์"),
        format!("cannot read the file ({why}); check its permissions"),
    )
    .at(Location::file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_the_base_templates_and_fonts() {
        let t = Theme::embedded();
        for name in [
            "base.html",
            "index.html",
            "section.html",
            "page.html",
            "404.html",
        ] {
            assert!(t.templates().any(|(n, _)| n == name), "{name} missing");
        }
        assert!(
            t.statics()
                .any(|(n, _)| n == "fonts/sarabun-thai-400-normal.woff2")
        );
        assert!(t.statics().any(|(n, _)| n == "fonts/OFL.txt"));
    }

    #[test]
    fn site_files_override_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("themes/civic/templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join("page.html"), "mine").unwrap();
        let (theme, d) = Theme::load(dir.path(), "civic");
        assert!(d.is_empty());
        assert_eq!(theme.files["templates/page.html"].bytes, b"mine");
        assert_eq!(
            theme.files["templates/page.html"].origin,
            "themes/civic/templates/page.html"
        );
        assert!(
            theme.files["templates/base.html"]
                .origin
                .ends_with("(embedded)")
        );
        let (_, d) = Theme::load(dir.path(), "missing");
        assert_eq!(d[0].code, "C140");
    }
}

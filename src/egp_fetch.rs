//! `prongsai egp fetch [FY]`: downloads the agency's contracts of a fiscal year from the CGD
//! contract API (กรมบัญชีกลาง, data.go.th's govspending service) into
//! `procurement-data/<FY>/egp/egp-<FY>.json`, where `build` and `check` read them beside the
//! month files. The only command that uses the network: `build` and `check` never do.
//!
//! The API key comes from the environment (`PRONGSAI_EGP_API_KEY`; in GitHub, the repository
//! secret `EGP_API_KEY`), never from a file in the repository. The service's address can be
//! replaced (`PRONGSAI_EGP_API_URL`), which the tests do with a server on 127.0.0.1.
//!
//! HTTP goes through `curl`, which every GitHub runner and Windows 10 or later has: the tree has
//! no TLS stack, and adding one (rustls with ring or aws-lc) for one command would more than
//! double the crates compiled. The key is handed to curl on its standard input, so it never
//! appears in a process list.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// The environment variable holding the API key.
pub const KEY_VAR: &str = "PRONGSAI_EGP_API_KEY";
/// The environment variable that replaces the API's address.
pub const URL_VAR: &str = "PRONGSAI_EGP_API_URL";
/// The CGD contract API (the older opend.data.go.th address is often 404).
pub const DEFAULT_URL: &str = "https://govspending.data.go.th/api/service/cgdcontract";
/// Projects asked for per request: the API's own examples use 500.
const PAGE: usize = 500;
/// A bound on the pages of one agency's year: 100,000 projects is far beyond any agency.
const MAX_PAGES: usize = 200;

/// What went wrong, in Thai and English, and whether it is the input (1) or the use (2).
struct Failure {
    th: String,
    en: String,
    code: u8,
}

pub fn fetch(root: &Path, fy: i32) -> ExitCode {
    match run(root, fy) {
        Ok((path, projects, contracts)) => {
            println!(
                "เขียน {path} แล้ว: {projects} โครงการ {contracts} สัญญา\nwrote {path}: {projects} projects, {contracts} contracts"
            );
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}\n{}", f.th, f.en);
            ExitCode::from(f.code)
        }
    }
}

fn usage(th: String, en: String) -> Failure {
    Failure { th, en, code: 2 }
}

fn failed(th: String, en: String) -> Failure {
    Failure { th, en, code: 1 }
}

fn run(root: &Path, fy: i32) -> Result<(String, usize, usize), Failure> {
    let (agency, diags) = prongsai_load::load_agency(root);
    let Some(agency) = agency else {
        let why: Vec<String> = diags.iter().map(ToString::to_string).collect();
        return Err(usage(
            format!("อ่าน procurement-data/agency.yaml ไม่ได้: {}", why.join("; ")),
            format!(
                "cannot read procurement-data/agency.yaml: {}",
                why.join("; ")
            ),
        ));
    };
    let Some(code) = agency
        .egp_department_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    else {
        return Err(usage(
            "agency.yaml ไม่มี egp_department_code (รหัสหน่วยงานในระบบ e-GP): ใส่รหัสก่อน เช่น egp_department_code: \"6330903\"".to_owned(),
            "agency.yaml has no egp_department_code (the agency's e-GP department code): add it first, e.g. egp_department_code: \"6330903\"".to_owned(),
        ));
    };
    let key = std::env::var(KEY_VAR).unwrap_or_default();
    if key.trim().is_empty() {
        return Err(usage(
            format!(
                "ไม่มีคีย์ API ของ data.go.th: ตั้งตัวแปร {KEY_VAR} (ใน GitHub ให้เพิ่ม secret ชื่อ EGP_API_KEY)"
            ),
            format!(
                "no data.go.th API key: set {KEY_VAR} (in GitHub, add the repository secret EGP_API_KEY)"
            ),
        ));
    }
    let base = std::env::var(URL_VAR)
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_owned());
    let mut projects: Vec<serde_json::Value> = Vec::new();
    for page in 0..MAX_PAGES {
        let offset = page * PAGE;
        let query = format!(
            "year={fy}&dept_code={}&limit={PAGE}&offset={offset}",
            encode(code)
        );
        let body = get(&format!("{base}?{query}&api-key={}", encode(key.trim())))
            .map_err(|(th, en)| failed(th, en))?;
        let json: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
            failed(
                format!("คำตอบของ e-GP ไม่ใช่ JSON ({e}): ลองใหม่ภายหลัง"),
                format!("e-GP's answer is not JSON ({e}): try again later"),
            )
        })?;
        let Some(serde_json::Value::Array(batch)) = json.get("result").cloned() else {
            return Err(failed(
                "คำตอบของ e-GP ไม่มีรายการ (result): ตรวจคีย์ API และรหัสหน่วยงาน".to_owned(),
                "e-GP's answer has no result list: check the API key and the department code"
                    .to_owned(),
            ));
        };
        let n = batch.len();
        projects.extend(batch);
        if n < PAGE {
            break;
        }
    }
    let contracts: usize = projects
        .iter()
        .map(|p| {
            p.get("contract")
                .and_then(|c| c.as_array())
                .map_or(0, Vec::len)
        })
        .sum();
    let count = projects.len();
    // The department code first: the loader then knows every project is the agency's without
    // matching names (it reads the file as a stream).
    let doc = serde_json::json!({
        "dept_code": code,
        "year": fy,
        "source": base,
        "result": projects,
    });
    let mut text = serde_json::to_string_pretty(&ordered(&doc)).unwrap_or_default();
    text.push('\n');
    let rel = format!("{}/{fy}/egp/egp-{fy}.json", prongsai_load::DATA_DIR);
    let path = root.join(&rel);
    let write = || -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(root);
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".egp-{fy}.json.tmp"));
        std::fs::write(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        usage(
            format!("เขียน {rel} ไม่ได้ ({e})"),
            format!("cannot write {rel} ({e})"),
        )
    })?;
    Ok((rel, count, contracts))
}

/// serde_json's maps sort their keys; the file keeps `dept_code` before `result`, where the
/// loader reads it before the projects.
fn ordered(doc: &serde_json::Value) -> impl serde::Serialize + '_ {
    struct Ordered<'a>(&'a serde_json::Value);
    impl serde::Serialize for Ordered<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(None)?;
            for k in ["dept_code", "year", "source", "result"] {
                if let Some(v) = self.0.get(k) {
                    m.serialize_entry(k, v)?;
                }
            }
            m.end()
        }
    }
    Ordered(doc)
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// One GET through curl, the address (with the key) on curl's standard input.
fn get(url: &str) -> Result<Vec<u8>, (String, String)> {
    let mut child = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--fail",
            "--location",
            "--max-time",
            "300",
            "--retry",
            "3",
            "--config",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            (
                format!("เรียกโปรแกรม curl ไม่ได้ ({e}): ติดตั้ง curl ก่อน"),
                format!("cannot run curl ({e}): install it first"),
            )
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let escaped = url.replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(stdin, "url = \"{escaped}\"");
    }
    let out = child.wait_with_output().map_err(|e| {
        (
            format!("ดาวน์โหลดไม่สำเร็จ ({e})"),
            format!("the download failed ({e})"),
        )
    })?;
    if !out.status.success() {
        // curl's message names the host and the HTTP status, never the key (it is in the query
        // curl does not print).
        let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err((
            format!("ดาวน์โหลดจาก e-GP ไม่สำเร็จ: {why}"),
            format!("the download from e-GP failed: {why}"),
        ));
    }
    Ok(out.stdout)
}

//! `prongsai egp fetch`: against a server this test starts on 127.0.0.1 (never the real API),
//! with the API's address replaced through PRONGSAI_EGP_API_URL. Two pages of projects become
//! one file the loader reads as the agency's contracts; the key travels only in the request.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::mpsc;

fn site(code: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("procurement-data");
    std::fs::create_dir_all(&data).expect("data folder");
    let mut yaml = String::from(
        "name: องค์การบริหารส่วนตำบลเมืองหลวง\nshort_name: อบต.เมืองหลวง\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: ห้วยทับทัน\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://www.muangluang.go.th\n",
    );
    if let Some(c) = code {
        yaml.push_str(&format!("egp_department_code: \"{c}\"\n"));
    }
    std::fs::write(data.join("agency.yaml"), yaml).expect("agency.yaml");
    dir
}

fn project(i: usize) -> String {
    format!(
        r#"{{"project_id":"67{:02}9{:06}","project_name":"โครงการ {i}","dept_name":"ชื่อที่ e-GP ใช้","province":"ศรีสะเกษ","transaction_date":"10 ต.ค. 67","sum_price_agree":"1,000.00","contract":[{{"winner":"ร้าน {i}","contract_no":"{i}/2568","contract_date":"10 ต.ค. 67","price_agree":1000}}]}}"#,
        10, i
    )
}

/// Serves `pages` (one answer per request, in order) and reports each request line.
fn serve(pages: Vec<String>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for body in pages {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
            }
            let _ = tx.send(request.trim().to_owned());
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (format!("http://{addr}/api/service/cgdcontract"), rx)
}

fn fetch(root: &std::path::Path, url: &str, key: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["egp", "fetch", "2568", "--root"])
        .arg(root)
        .env("PRONGSAI_EGP_API_KEY", key)
        .env("PRONGSAI_EGP_API_URL", url)
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("run prongsai")
}

#[test]
fn pages_of_projects_become_one_file_the_loader_reads_as_the_agencys() {
    let dir = site(Some("6330903"));
    // A full first page (500 projects) asks for the next; a short one ends.
    let first: Vec<String> = (1..=500).map(project).collect();
    let second: Vec<String> = (501..=502).map(project).collect();
    let (url, requests) = serve(vec![
        format!(r#"{{"result":[{}]}}"#, first.join(",")),
        format!(r#"{{"result":[{}]}}"#, second.join(",")),
    ]);
    let out = fetch(dir.path(), &url, "k3y-ไม่บอกใคร");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("502 projects, 502 contracts"), "{stdout}");
    let r1 = requests.recv().expect("first request");
    let r2 = requests.recv().expect("second request");
    for (r, offset) in [(&r1, 0), (&r2, 500)] {
        assert!(
            r.starts_with(
                "GET /api/service/cgdcontract?year=2568&dept_code=6330903&limit=500&offset="
            ),
            "{r}"
        );
        assert!(r.contains(&format!("offset={offset}&")), "{r}");
        assert!(
            r.contains("api-key=k3y%2D%E0%B9%84"),
            "the key is sent, encoded: {r}"
        );
    }
    let rel = "procurement-data/2568/egp/egp-2568.json";
    let text = std::fs::read_to_string(dir.path().join(rel)).expect("file written");
    assert!(
        text.starts_with("{\n  \"dept_code\": \"6330903\""),
        "{}",
        &text[..80]
    );
    assert!(
        !text.contains("k3y"),
        "the key is never written to the file"
    );
    // The file is the agency's by its department code, whatever e-GP calls the agency.
    let loaded = prongsai_load::load(dir.path());
    let egp = loaded.data.years[&2568].egp.as_ref().expect("egp read");
    assert_eq!(egp.contracts.len(), 502);
    assert!(
        !loaded.diagnostics.iter().any(|d| d.code.starts_with("P16")),
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn without_a_department_code_or_a_key_it_says_what_to_set() {
    let dir = site(None);
    let out = fetch(dir.path(), "http://127.0.0.1:9/", "k");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("egp_department_code"));
    let dir = site(Some("6330903"));
    let out = fetch(dir.path(), "http://127.0.0.1:9/", "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("EGP_API_KEY"));
}

#[test]
fn a_failing_server_is_reported_and_nothing_is_written() {
    let dir = site(Some("6330903"));
    let (url, _requests) = serve(vec!["not json".to_owned()]);
    let out = fetch(dir.path(), &url, "k");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not JSON"));
    assert!(!dir.path().join("procurement-data/2568/egp").exists());
}

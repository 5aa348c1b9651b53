//! docs/site-config.md and docs/security.md document site.yaml by hand; these tests fail when a
//! key or a default there drifts from this crate.

use prongsai_config::{KNOWN_KEYS, Limits, SiteConfig};

fn doc(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/");
    std::fs::read_to_string(format!("{path}{name}")).expect("docs page")
}

/// The example site.yaml of docs/site-config.md: its first YAML block.
fn example() -> String {
    let page = doc("site-config.md");
    let start = page.find("```yaml\n").expect("a yaml block") + 8;
    let len = page[start..].find("```").expect("its end");
    page[start..start + len].to_owned()
}

/// `key: value` of a line of the example, without its comment.
fn value_of(example: &str, key: &str) -> Option<String> {
    example.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(key)?.strip_prefix(':')?;
        Some(rest.split(" #").next().unwrap_or(rest).trim().to_owned())
    })
}

#[test]
fn the_example_names_every_top_level_key() {
    let example = example();
    for key in KNOWN_KEYS {
        assert!(
            example.lines().any(|l| l.starts_with(&format!("{key}:"))),
            "docs/site-config.md's example lacks `{key}:`"
        );
    }
}

#[test]
fn the_example_shows_the_defaults() {
    let example = example();
    let d = SiteConfig::default();
    assert_eq!(
        value_of(&example, "language").as_deref(),
        Some(d.language.as_str())
    );
    assert_eq!(
        value_of(&example, "theme").as_deref(),
        Some(d.theme.as_str())
    );
    assert_eq!(
        value_of(&example, "thai_digits"),
        Some(d.thai_digits.to_string())
    );
    assert_eq!(value_of(&example, "raw_html").as_deref(), Some("sanitize"));
    let limits = format!(
        "limits: {{ max_file_mb: {}, max_cell_kb: {}, max_rows: {} }}\n",
        value_of(&example, "max_file_mb").unwrap_or_default(),
        value_of(&example, "max_cell_kb").unwrap_or_default(),
        value_of(&example, "max_rows").unwrap_or_default(),
    );
    let (parsed, diags) = prongsai_config::parse(&limits);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(parsed.limits, Limits::default(), "{limits}");
}

#[test]
fn the_size_limits_table_shows_the_defaults() {
    let page = doc("security.md");
    let row = |key: &str| {
        page.lines()
            .find(|l| l.starts_with(&format!("| `{key}`")))
            .and_then(|l| l.split('|').nth(2))
            .map(|c| c.trim().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(
        row("max_file_mb"),
        format!("{} MB", prongsai_config::DEFAULT_MAX_FILE_MB)
    );
    assert_eq!(
        row("max_cell_kb"),
        format!("{} KiB", prongsai_config::DEFAULT_MAX_CELL_KB)
    );
    assert_eq!(
        row("max_rows").replace(',', ""),
        prongsai_config::DEFAULT_MAX_ROWS.to_string()
    );
    let example = page
        .lines()
        .find(|l| l.starts_with("All in site.yaml"))
        .expect("the example line");
    let yaml = example
        .split('`')
        .nth(1)
        .expect("the example in backquotes");
    let (parsed, diags) = prongsai_config::parse(yaml);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(parsed.limits, Limits::default(), "{yaml}");
}

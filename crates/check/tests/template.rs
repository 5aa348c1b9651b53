//! themes/default/templates/ita.html renders the serialised ItaEvaluation: every item, its status
//! and its absolute URLs, in an accessible table.

use prongsai_check::{CheckOptions, PageRef, check};
use prongsai_model::Date;
use std::path::PathBuf;

#[test]
fn ita_page_renders_items_and_urls() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let templates = root.join("themes/default/templates");
    let read = |name: &str| std::fs::read_to_string(templates.join(name)).expect("template");
    // A stand-in base with the blocks the theme's base.html defines, so this test does not depend
    // on the rest of the site context.
    let base = "<title>{% block title %}{% endblock title %}</title><meta name=\"description\" content=\"{% block description %}{% endblock description %}\">{% block content %}{% endblock content %}";
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(vec![
        ("base.html", base.to_owned()),
        ("ita.html", read("ita.html")),
    ])
    .expect("templates parse");

    let loaded = prongsai_load::load(&root);
    let mut opts = CheckOptions::new(Date::from_be(2569, 11, 1).expect("date"));
    opts.base_url = "https://www.muangluang.go.th".into();
    let pages = vec![PageRef {
        url_path: "/about/".into(),
        title: "โครงสร้าง".into(),
        ita: vec!["O1".into()],
        ..PageRef::default()
    }];
    let report = check(&loaded.data, &pages, &opts);
    let eval = report
        .ita
        .iter()
        .find(|e| e.assessment_year == 2568)
        .expect("2568");
    let mut ctx = tera::Context::new();
    ctx.insert("ita", eval);
    ctx.insert("site", &serde_json::json!({"title": "อบต.เมืองหลวง"}));
    let html = tera.render("ita.html", &ctx).expect("renders");
    assert!(html.contains("<caption id=\"ita-caption\">"));
    assert!(html.contains("<th scope=\"row\" data-label=\"ข้อ\">O12</th>"));
    assert!(html.contains("https://www.muangluang.go.th/procurement/2568/months/2567-10/"));
    assert!(html.contains("https://www.muangluang.go.th/about/"));
    assert!(html.contains("embedded:ita-2568.yaml"));
    assert!(html.contains("status-missing"));
    assert!(html.contains("href=\"/ita/2568/evidence.csv\""));
    assert!(html.contains("href=\"/ita/2568/evidence.json\""));
    // An item without evidence says, for the public, what is missing; how to add it (front
    // matter, site.yaml, commands) is for staff, in `check --ita` and the CI job summary.
    assert!(
        html.contains("หน่วยงานยังไม่ได้ระบุหน้าเว็บที่เผยแพร่ข้อมูลของข้อนี้"),
        "{html}"
    );
    for staff in [
        "front matter",
        "site.yaml",
        "ita: [",
        "ita: [&quot;",
        "prongsai new",
        "วิธีเพิ่ม",
    ] {
        assert!(
            !html.contains(staff),
            "staff how-to on the public page: {staff}"
        );
    }
    // Every cell names its column for the phone layout, where each item is a card.
    assert_eq!(
        html.matches("data-label=\"ผลการตรวจ\"").count(),
        eval.items.len()
    );
    assert_eq!(html.matches("<tr id=\"item-").count(), eval.items.len());
}

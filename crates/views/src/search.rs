use crate::{Options, PageView};
use prongsai_model::{Data, Procurement};
use prongsai_search::SearchDoc;
use rayon::prelude::*;

/// The search page is as new as the procurement data it finds (the newest of any year).
pub fn search_page(data: &Data, opts: &crate::Options) -> PageView {
    let page = PageView::new(
        "/search/".to_owned(),
        "search.html",
        "ค้นหา".into(),
        "ค้นหารายการจัดซื้อจัดจ้าง ผู้ประกอบการ และหน้าเว็บ".into(),
        serde_json::json!({ "has_data": !data.years.is_empty() }),
    );
    match crate::dates::data_updated(data, opts.as_of) {
        Some(d) => page.updated(d),
        None => page,
    }
}

/// Search documents for every procurement page, each indexed by what its page shows (the
/// strings of its view, [`view_text`]). The order breaks the reader's ties: the specific pages
/// first (suppliers, then records newest first), then each year's overview, plan, months and
/// annual report (newest year first), then the indexes of years and suppliers. Content pages
/// are added, before these, by the render stage.
pub fn search_docs(data: &Data, opts: &Options) -> Vec<SearchDoc> {
    let closing = crate::closing_pages(data, opts);
    let (supplier_index, suppliers): (Vec<PageView>, Vec<PageView>) = closing
        .into_iter()
        .filter(|p| p.template != "search.html")
        .partition(|p| p.template == "suppliers.html");
    let mut docs: Vec<SearchDoc> = suppliers.par_iter().map(page_doc).collect();

    let mut records: Vec<&Procurement> = data.records().collect();
    records.sort_by(|a, b| b.month.cmp(&a.month).then(a.seq.cmp(&b.seq)));
    docs.par_extend(records.par_iter().map(|r| record_doc(data, r, opts)));

    let years: Vec<_> = data.years.values().rev().collect();
    let per_year: Vec<Vec<SearchDoc>> = years
        .par_iter()
        .map(|fy| crate::year_pages(fy, opts).iter().map(page_doc).collect())
        .collect();
    docs.extend(per_year.into_iter().flatten());
    docs.extend(crate::index_pages(data, opts).iter().map(page_doc));
    docs.extend(supplier_index.iter().map(page_doc));
    docs
}

/// What a page type is called on its badge.
fn kind(template: &str) -> &'static str {
    match template {
        "procurement-record.html" => "รายการจัดซื้อจัดจ้าง",
        "supplier.html" | "suppliers.html" => "ผู้ประกอบการ",
        "procurement-month.html" => "ผลการจัดซื้อจัดจ้างรายเดือน",
        "procurement-plan.html" => "แผนการจัดซื้อจัดจ้าง",
        "procurement-annual.html" => "รายงานประจำปี",
        _ => "การจัดซื้อจัดจ้าง",
    }
}

fn page_doc(p: &PageView) -> SearchDoc {
    let mut text = String::new();
    view_text(&p.context, &mut text);
    let keys = match p.template {
        "supplier.html" => p
            .context
            .get_from_path("tin")
            .and_then(tera::Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    };
    SearchDoc {
        url: p.url.clone(),
        title: p.title.clone(),
        kind: kind(p.template).into(),
        meta: p.description.clone(),
        text,
        keys,
    }
}

/// A record's page, with the line a reader scans results by (month, method, amount, winner)
/// and its keys: the e-GP number, the contract number and the amounts as its page prints them.
fn record_doc(data: &Data, r: &Procurement, opts: &Options) -> SearchDoc {
    let f = opts.fmt;
    let view = crate::record_page(data, r, opts);
    let mut text = String::new();
    view_text(&view.context, &mut text);
    let winner = r.winner.as_deref().unwrap_or("");
    let mut keys = String::new();
    for part in [
        r.egp_project_no.as_ref().map(|n| n.as_str().to_owned()),
        r.contract_no.clone(),
        Some(f.money(r.budget)),
        r.reference_price.map(|m| f.money(m)),
        r.agreed_price.map(|m| f.money(m)),
    ]
    .into_iter()
    .flatten()
    {
        keys.push_str(&part);
        keys.push(' ');
    }
    SearchDoc {
        url: view.url,
        title: view.title,
        kind: kind(view.template).into(),
        meta: format!(
            "{} · {} · {}{}",
            f.month_short(r.month),
            r.method.canonical(),
            f.money_opt(r.agreed_price.or(Some(r.budget))),
            if winner.is_empty() {
                String::new()
            } else {
                format!(" · {winner}")
            }
        ),
        text,
        keys,
    }
}

/// The text a page shows of its view: every string of it, in key order, except addresses and
/// keys that only link or sort (`url`, `…_url`, `…_key`, `anchor`, `id`), the names of the data
/// files a record came from (no one searches by them, and a month kept as a workbook or as a
/// CSV file must index alike) and the aliases of its fields not given; charts (SVG) without
/// their tags.
pub fn view_text(v: &tera::Value, out: &mut String) {
    if let Some(s) = v.as_str() {
        if s.contains('<') {
            out.push_str(&prongsai_text::strip_tags(s));
        } else {
            out.push_str(s);
        }
        out.push(' ');
    } else if let Some(items) = v.as_array() {
        for item in items {
            view_text(item, out);
        }
    } else if let Some(map) = v.as_map() {
        let mut entries: Vec<(&str, &tera::Value)> = map
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
            .filter(|(k, _)| {
                !(*k == "url"
                    || *k == "source_file"
                    || *k == "sources"
                    || *k == "not_given"
                    || *k == "anchor"
                    || *k == "id"
                    || k.ends_with("_url")
                    || k.ends_with("_key"))
            })
            .collect();
        entries.sort_unstable_by_key(|(k, _)| *k);
        for (_, v) in entries {
            view_text(v, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_text_keeps_what_is_shown() {
        let v = tera::Value::from_serializable(&serde_json::json!({
            "title": "ถนน",
            "url": "/x/",
            "plan_url": "/p/",
            "expected_key": "2568-10",
            "rows": [{ "budget": "1,000.00", "anchor": "p-1" }],
            "chart": "<svg><text>ต.ค.</text></svg>",
            "count_n": 3,
        }));
        let mut out = String::new();
        view_text(&v, &mut out);
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>(),
            ["ต.ค.", "1,000.00", "ถนน"]
        );
    }
}

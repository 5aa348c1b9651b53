use crate::{PageView, urls};
use prongsai_model::{Data, suppliers};
use prongsai_search::SearchDoc;

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

/// Search documents for the procurement data: suppliers first, then records newest first, so the
/// reader's index order is a sensible ranking. Content pages are added by the render stage.
pub fn search_docs(data: &Data, fmt: crate::Fmt) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for s in suppliers(data.records()) {
        let count = s.records.len();
        docs.push(SearchDoc {
            url: urls::supplier(&s.key),
            title: s.name.clone(),
            kind: "ผู้ประกอบการ".into(),
            meta: format!("{} รายการ", fmt.int(count as i64)),
            text: s
                .tin
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
        });
    }
    let mut records: Vec<_> = data.records().collect();
    records.sort_by(|a, b| b.month.cmp(&a.month).then(a.seq.cmp(&b.seq)));
    for r in records {
        let winner = r.winner.as_deref().unwrap_or("");
        let mut text = String::new();
        for part in [
            winner,
            r.egp_project_no.as_ref().map(|n| n.as_str()).unwrap_or(""),
            r.plan_id.as_deref().unwrap_or(""),
            r.contract_no.as_deref().unwrap_or(""),
            r.budget_source.as_deref().unwrap_or(""),
        ] {
            text.push_str(part);
            text.push(' ');
        }
        docs.push(SearchDoc {
            url: urls::record(r),
            title: r.title.clone(),
            kind: "รายการจัดซื้อจัดจ้าง".into(),
            meta: format!(
                "{} · {} · {}{}",
                fmt.month_short(r.month),
                r.method.canonical(),
                fmt.money_opt(r.agreed_price.or(Some(r.budget))),
                if winner.is_empty() {
                    String::new()
                } else {
                    format!(" · {winner}")
                }
            ),
            text,
        });
    }
    docs
}

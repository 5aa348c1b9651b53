//! Accessible SVG charts drawn at build time.
//!
//! Charts are plain SVG strings: no script, no chart library in the browser, so they render on
//! a cheap phone with JavaScript off and print cleanly. Each chart carries a `<title>` and a
//! `<desc>` and is meant to sit next to a table with the same numbers (the text alternative).
//! Bars are horizontal because Thai labels are long and phones are narrow.

// SVG text and attribute values take the HTML escaper's entities.
use prongsai_text::escape_html;
use std::fmt::Write as _;

/// One bar: a label, its value (for the bar's length) and the text shown beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub display: String,
}

/// One column of a column chart: a short label under it (e.g. a month) and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub label: String,
    pub value: f64,
    pub display: String,
}

/// Colours chosen for WCAG 2.1 AA contrast (≥ 3:1 for graphics against white, 4.5:1 for text).
const BAR_FILL: &str = "#1d5fa8";
const TEXT_FILL: &str = "#1f2328";
const MUTED_FILL: &str = "#57606a";
const GRID: &str = "#d0d7de";

/// A horizontal bar chart: one row per bar, label above the bar, value at its end.
///
/// `id` must be unique in the page: it ties the SVG to its title and description for screen readers.
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    // A narrow viewBox: on a 360 px phone the chart scales by about 0.9, so 15-unit text stays
    // readable; each row is label, then value, then a full-width bar, so long Thai labels and
    // amounts never collide with the bar.
    const WIDTH: f64 = 360.0;
    const ROW: f64 = 64.0;
    const BAR_H: f64 = 14.0;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = (bars.len().max(1) as f64) * ROW + 4.0;
    let id = escape_html(id);
    let mut svg = String::with_capacity(256 + bars.len() * 320);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(title),
        escape_html(desc)
    );
    if bars.is_empty() {
        let _ = write!(
            svg,
            r#"<text x="0" y="24" fill="{MUTED_FILL}" font-size="15">ไม่มีข้อมูล</text>"#
        );
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW;
        let len = if max > 0.0 {
            (bar.value.max(0.0) / max) * WIDTH
        } else {
            0.0
        };
        // A zero value still gets a hairline so the row does not look missing.
        let len = if bar.value > 0.0 { len.max(2.0) } else { 1.0 };
        let _ = write!(
            svg,
            r#"<g class="bar"><text x="0" y="{ly}" fill="{TEXT_FILL}" font-size="15">{label}</text><text x="0" y="{vy}" fill="{MUTED_FILL}" font-size="14">{display}</text><rect x="0" y="{by}" width="{len:.1}" height="{BAR_H}" rx="2" fill="{BAR_FILL}" data-value="{value}"/></g>"#,
            ly = y + 16.0,
            vy = y + 34.0,
            by = y + 42.0,
            label = escape_html(&bar.label),
            value = bar.value,
            display = escape_html(&bar.display),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A column chart for a series over time, e.g. the twelve months of a fiscal year.
pub fn column_chart(id: &str, title: &str, desc: &str, columns: &[Column]) -> String {
    const WIDTH: f64 = 360.0;
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 8.0;
    const BOTTOM: f64 = 28.0;
    const LEFT: f64 = 4.0;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = columns.iter().map(|c| c.value).fold(0.0_f64, f64::max);
    let n = columns.len().max(1) as f64;
    let slot = (WIDTH - LEFT) / n;
    let col_w = (slot * 0.62).max(2.0);
    let id = escape_html(id);
    let mut svg = String::with_capacity(256 + columns.len() * 360);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{GRID}" stroke-width="1"/>"#,
        escape_html(title),
        escape_html(desc),
        base = TOP + plot_h,
    );
    for (i, col) in columns.iter().enumerate() {
        let h = if max > 0.0 {
            col.value.max(0.0) / max * plot_h
        } else {
            0.0
        };
        let x = LEFT + i as f64 * slot + (slot - col_w) / 2.0;
        let cx = LEFT + i as f64 * slot + slot / 2.0;
        let _ = write!(
            svg,
            r#"<g class="column"><title>{label}: {display}</title><rect x="{x:.1}" y="{y:.1}" width="{col_w:.1}" height="{h:.1}" fill="{BAR_FILL}" data-value="{value}"/><text x="{cx:.1}" y="{ty:.1}" fill="{TEXT_FILL}" font-size="12" text-anchor="middle">{label}</text></g>"#,
            label = escape_html(&col.label),
            display = escape_html(&col.display),
            y = TOP + plot_h - h,
            value = col.value,
            ty = HEIGHT - BOTTOM + 18.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        vec![
            Bar {
                label: "วิธีเฉพาะเจาะจง".into(),
                value: 1200.5,
                display: "1,200.50 บาท".into(),
            },
            Bar {
                label: "e-bidding <&>".into(),
                value: 2401.0,
                display: "2,401.00 บาท".into(),
            },
            Bar {
                label: "ศูนย์".into(),
                value: 0.0,
                display: "0.00 บาท".into(),
            },
        ]
    }

    #[test]
    fn bar_chart_is_well_formed_and_scaled() {
        let svg = bar_chart("m", "มูลค่าตามวิธี", "desc", &bars());
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let rects: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .collect();
        assert_eq!(rects.len(), 3);
        let widths: Vec<f64> = rects
            .iter()
            .map(|r| r.attribute("width").unwrap().parse().unwrap())
            .collect();
        // The largest value spans the plot; the others are proportional.
        assert_eq!(widths[1], 360.0);
        assert!((widths[0] - 360.0 * 1200.5 / 2401.0).abs() < 0.1);
        assert_eq!(rects[0].attribute("data-value"), Some("1200.5"));
        assert!(svg.contains("e-bidding &lt;&amp;&gt;"));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("มูลค่าตามวิธี"));
    }

    #[test]
    fn column_chart_is_well_formed() {
        let cols: Vec<Column> = (1..=12)
            .map(|m| Column {
                label: format!("{m}"),
                value: f64::from(m),
                display: format!("{m}"),
            })
            .collect();
        let svg = column_chart("c", "t", "d", &cols);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let rects: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .collect();
        assert_eq!(rects.len(), 12);
        let last: f64 = rects[11].attribute("height").unwrap().parse().unwrap();
        assert_eq!(last, 164.0);
    }

    #[test]
    fn empty_chart_says_so() {
        let svg = bar_chart("e", "t", "d", &[]);
        assert!(roxmltree::Document::parse(&svg).is_ok());
        assert!(svg.contains("ไม่มีข้อมูล"));
    }
}

#![no_main]
//! The whole month-file path (encoding detection, CSV, headers, every cell parser) on arbitrary
//! bytes: it must never panic, and every diagnostic must point into the file it was given.
use libfuzzer_sys::fuzz_target;
use prongsai_model::YearMonth;

const PATH: &str = "procurement-data/2568/months/2567-10.csv";

fuzz_target!(|bytes: &[u8]| {
    let (file, diags) = prongsai_load::parse_month_bytes(PATH, YearMonth::new(2567, 10), bytes);
    for d in &diags {
        assert_eq!(d.location.as_ref().map(|l| l.file.as_str()), Some(PATH));
        assert!(!d.message_th.is_empty() && !d.message_en.is_empty());
    }
    if let Some(file) = file {
        for r in &file.records {
            assert!(r.line >= 2, "a record cannot start on the header line");
            if let (Some(p), false) = (r.agreed_price, r.is_cancelled()) {
                assert!(p.satang() >= 0);
            }
        }
    }
});

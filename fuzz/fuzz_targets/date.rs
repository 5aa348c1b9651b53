#![no_main]
//! `values::parse_date` must never panic; an accepted date must be a real BE date that its own
//! Thai rendering parses back to.
use libfuzzer_sys::fuzz_target;
use prongsai_load::values::parse_date;

fuzz_target!(|text: &str| {
    if let Ok(d) = parse_date(text) {
        assert_eq!(parse_date(&d.thai_short()).ok(), Some(d), "{text:?}");
        assert_eq!(parse_date(&d.thai_long()).ok(), Some(d), "{text:?}");
    }
});

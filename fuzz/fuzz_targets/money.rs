#![no_main]
//! `values::parse_money` must never panic; whatever it accepts must print and parse back to itself.
use libfuzzer_sys::fuzz_target;
use prongsai_load::values::parse_money;

fuzz_target!(|text: &str| {
    if let Ok(m) = parse_money(text) {
        assert!(m.satang() >= 0, "accepted a negative amount from {text:?}");
        assert_eq!(parse_money(&m.to_string()).ok(), Some(m), "Display round trip of {text:?}");
        assert_eq!(parse_money(&m.plain()).ok(), Some(m), "plain round trip of {text:?}");
    }
});

#![no_main]
//! `values::parse_tin` must never panic, and accept only 13 digits with a valid check digit.
use libfuzzer_sys::fuzz_target;
use prongsai_load::values::parse_tin;
use prongsai_model::tin_check_digit;

fuzz_target!(|text: &str| {
    if let Ok(tin) = parse_tin(text) {
        let s = tin.as_str();
        assert_eq!(s.len(), 13);
        assert_eq!(tin_check_digit(&s[..12]), Some(s.as_bytes()[12] - b'0'));
    }
});

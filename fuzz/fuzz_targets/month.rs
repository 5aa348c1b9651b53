#![no_main]
//! `values::parse_month` must never panic, and what it accepts must be valid.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = prongsai_load::values::parse_month(text);
});

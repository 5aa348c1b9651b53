#![no_main]
//! Front matter of a content page: arbitrary text must give diagnostics, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for d in prongsai_content::front_matter_diagnostics(text, "content/x.md") {
        assert!(!d.message_th.is_empty());
    }
});

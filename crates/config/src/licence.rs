//! Open-data licences `data_license:` in site.yaml may name. One table, so the catalogue page,
//! the thai_gdc catalogue (`license_id`) and OCDS (`license`, a URL) cannot disagree.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Licence {
    /// SPDX identifier, the form site.yaml is documented with.
    pub spdx: &'static str,
    /// CKAN / thai_gdc `license_id` (GD Catalog, data.go.th).
    pub gdc_id: &'static str,
    pub name: &'static str,
    pub url: &'static str,
}

pub const LICENCES: [Licence; 6] = [
    Licence {
        spdx: "CC-BY-4.0",
        gdc_id: "cc-by",
        name: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        spdx: "CC-BY-SA-4.0",
        gdc_id: "cc-by-sa",
        name: "Creative Commons Attribution-ShareAlike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    Licence {
        spdx: "CC0-1.0",
        gdc_id: "cc-zero",
        name: "Creative Commons Zero 1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    Licence {
        spdx: "ODC-By-1.0",
        gdc_id: "odc-by",
        name: "Open Data Commons Attribution License 1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
    },
    Licence {
        spdx: "ODbL-1.0",
        gdc_id: "odc-odbl",
        name: "Open Data Commons Open Database License 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    Licence {
        spdx: "PDDL-1.0",
        gdc_id: "odc-pddl",
        name: "Open Data Commons Public Domain Dedication and License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
];

/// By SPDX id, thai_gdc id or licence URL, ignoring case and a trailing `/`.
pub fn find_licence(key: &str) -> Option<&'static Licence> {
    let key = key.trim().trim_end_matches('/');
    LICENCES.iter().find(|l| {
        key.eq_ignore_ascii_case(l.spdx)
            || key.eq_ignore_ascii_case(l.gdc_id)
            || key.eq_ignore_ascii_case(l.url.trim_end_matches('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_finds_the_same_licence() {
        let by = find_licence("CC-BY-4.0").unwrap();
        assert_eq!(find_licence("cc-by"), Some(by));
        assert_eq!(
            find_licence("https://creativecommons.org/licenses/by/4.0"),
            Some(by)
        );
        assert_eq!(find_licence("CC-BY"), Some(by));
        assert!(find_licence("MIT").is_none());
        assert!(find_licence("").is_none());
    }
}

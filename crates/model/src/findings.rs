//! The findings about conduct a row carries by itself that are more often a typing slip than a
//! fact: agreed price above the budget (C304), วิธีเฉพาะเจาะจง above 500,000 บาท without a
//! มาตรา 56 ground (C305), a record above 500,000 บาท not linked to the plan (C306).
//!
//! One owner for each test, because three stages ask it: the check rules (an error until the
//! row is corrected or confirmed with a คำชี้แจง), the record page (which rule the published
//! explanation answers) and the OCDS release (the same, for data users).

use crate::codes::{self, Code};
use crate::{Field, Method, Money, Procurement};

/// The วิธีเฉพาะเจาะจง limit of มาตรา 56 (2)(ข) and the plan threshold: fixed by law.
pub const LAW_LIMIT: Money = Money::from_baht(500_000);

/// C304: the agreed price is above the budget.
pub fn above_budget(p: &Procurement) -> bool {
    p.agreed_price.is_some_and(|agreed| agreed > p.budget)
}

/// C305: วิธีเฉพาะเจาะจง with a budget above 500,000 บาท and no มาตรา 56 ground written. Not
/// asked of a record whose files have no column for the ground (the สขร.1 form, the ITA list).
pub fn specific_without_ground(p: &Procurement) -> bool {
    p.method == Method::Specific
        && p.budget > LAW_LIMIT
        && p.given(Field::LegalGround)
        && p.legal_ground().is_none()
        && !p.is_cancelled()
}

/// C306: a budget above 500,000 บาท and no รหัสแผน. Not asked of a record whose files have no
/// รหัสแผน column (the สขร.1 form, the ITA list).
pub fn unplanned(p: &Procurement) -> bool {
    p.given(Field::PlanId) && p.plan_id().is_none() && p.budget > LAW_LIMIT && !p.is_cancelled()
}

/// Every such finding of the row, in code order: what its คำชี้แจง answers.
pub fn confirmable(p: &Procurement) -> Vec<&'static Code> {
    [
        (above_budget(p), &codes::C304),
        (specific_without_ground(p), &codes::C305),
        (unplanned(p), &codes::C306),
    ]
    .into_iter()
    .filter_map(|(found, code)| found.then_some(code))
    .collect()
}

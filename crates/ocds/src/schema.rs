//! The subset of the OCDS 1.1 release package that prongsai fills, as serialisable structs.
//!
//! Structs rather than `serde_json::Value` so the key order in `ocds.json` is the order written
//! here (OCDS documentation order) and stays the same from build to build: `Value` maps sort
//! keys alphabetically, or follow insertion order only with a crate-wide feature flag.
//! Optional members are skipped rather than written as `null`, because the schema rejects
//! `null` for most of them and publishers are asked to omit what they do not know.

use prongsai_model::Money;
use serde::Serialize;

/// The OCDS schema version this crate writes, as `major.minor`.
pub const OCDS_VERSION: &str = "1.1";

/// The Bid statistics and details extension (v1.1.5) that `bids` needs; every package lists it.
pub const BIDS_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReleasePackage {
    pub uri: String,
    pub version: &'static str,
    pub extensions: Vec<&'static str>,
    pub published_date: String,
    pub publisher: Publisher,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication_policy: Option<String>,
    pub releases: Vec<Release>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Publisher {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// Values of the closed `releaseTag` codelist that prongsai uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tag {
    Planning,
    Tender,
    TenderCancellation,
    Award,
    Contract,
    ContractTermination,
    /// Only on a record's `compiledRelease`.
    Compiled,
}

impl Tag {
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Planning => "planning",
            Tag::Tender => "tender",
            Tag::TenderCancellation => "tenderCancellation",
            Tag::Award => "award",
            Tag::Contract => "contract",
            Tag::ContractTermination => "contractTermination",
            Tag::Compiled => "compiled",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub ocid: String,
    pub id: String,
    pub date: String,
    pub tag: Vec<Tag>,
    /// Always `tender`: the only value of the closed `initiationType` codelist.
    pub initiation_type: &'static str,
    /// ISO 639-1 code of the free text (titles, names): Thai.
    pub language: &'static str,
    pub parties: Vec<Organization>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<OrganizationReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<Planning>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tender: Option<Tender>,
    /// The bids extension's section: each bid of the bid list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bids: Option<Bids>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_processes: Vec<RelatedProcess>,
}

/// A link from a procurement process to the planning process of its plan line.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedProcess {
    pub id: String,
    /// Codes of the open `relatedProcess` codelist: prongsai writes `planning`.
    pub relationship: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `ocid` (the `relatedProcessScheme` codelist): `identifier` is an ocid in the same data.
    pub scheme: &'static str,
    pub identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// The bids extension's `bids` object; prongsai publishes the details, from which any
/// statistic follows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bids {
    pub details: Vec<Bid>,
}

/// Values of the closed `bidStatus` codelist that a bid list can state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BidStatus {
    Valid,
    Disqualified,
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bid {
    pub id: String,
    /// When the bid was received: the day the bid list gives, at 00:00 in Thailand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub status: BidStatus,
    pub tenderers: Vec<OrganizationReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// `ocds-records.json`: one record per contracting process, each with its compiled release.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordPackage {
    pub uri: String,
    pub version: &'static str,
    pub extensions: Vec<&'static str>,
    pub published_date: String,
    pub publisher: Publisher,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication_policy: Option<String>,
    /// The release package the records' releases are in.
    pub packages: Vec<String>,
    pub records: Vec<Record>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub ocid: String,
    pub releases: Vec<LinkedRelease>,
    pub compiled_release: Release,
}

/// A release in the release package, by its URL (`<package uri>#<release id>`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkedRelease {
    pub url: String,
    pub date: String,
    pub tag: Vec<Tag>,
}

/// Values of the open `partyRole` codelist that prongsai uses, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PartyRole {
    Buyer,
    ProcuringEntity,
    Supplier,
    Tenderer,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub name: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub additional_identifiers: Vec<Identifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_point: Option<ContactPoint>,
    pub roles: Vec<PartyRole>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    pub scheme: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub country_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPoint {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrganizationReference {
    pub id: String,
    pub name: String,
}

/// An amount in Thai baht: `Money` serialises as a JSON number of baht.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Value {
    pub amount: Money,
    pub currency: &'static str,
}

impl Value {
    pub fn thb(amount: Money) -> Value {
        Value {
            amount,
            currency: "THB",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Planning {
    pub budget: Budget,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Left out when no file of the record gives the budget source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub amount: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(rename = "projectID", skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// Values of the closed `tenderStatus` codelist that prongsai uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TenderStatus {
    Planning,
    Complete,
    Cancelled,
}

/// The closed `method` codelist, less `direct` (see the crate README for why).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProcurementMethod {
    Open,
    Selective,
    Limited,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tender {
    pub id: String,
    pub title: String,
    /// Left out when no file of the record gives the status (the สขร.1 form has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TenderStatus>,
    pub procuring_entity: OrganizationReference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub procurement_method: ProcurementMethod,
    pub procurement_method_details: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procurement_method_rationale: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tender_period: Option<Period>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tenderers: Vec<OrganizationReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_tenderers: Option<u32>,
    /// The agency's คำชี้แจง, and where values came from another publisher (e-GP's contract
    /// data, `<FY>/egp/`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
}

/// What is bought, classified: prongsai knows one item per row, with its UNSPSC code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub description: String,
    pub classification: Classification,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Classification {
    /// `UNSPSC`, from the open `itemClassificationScheme` codelist.
    pub scheme: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A document of the process: the agency's คำชี้แจง (its text in `description`, its place on
/// the record page in `url`), or the citation of e-GP's contract data for the values taken from
/// it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    pub language: &'static str,
}

/// The closed `awardStatus` codelist, less `unsuccessful` (a สขร.1 row always names a winner).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AwardStatus {
    Pending,
    Active,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Left out when no file of the record gives the status (the สขร.1 form has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<AwardStatus>,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppliers: Vec<OrganizationReference>,
    /// The items awarded: the tender's, since a สขร.1 row awards everything to one supplier.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// The bids extension's link to the winning bid in `bids.details`.
    #[serde(rename = "relatedBid", skip_serializing_if = "Option::is_none")]
    pub related_bid: Option<String>,
}

/// The closed `contractStatus` codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContractStatus {
    Pending,
    Active,
    Cancelled,
    Terminated,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    #[serde(rename = "awardID")]
    pub award_id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Left out when no file of the record gives the status (the สขร.1 form has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ContractStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_signed: Option<String>,
}

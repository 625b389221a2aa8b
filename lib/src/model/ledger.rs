//! The ledger a council shares with others (`tenderscore ledger`): one line per supplier and
//! question of an evaluated tender, holding facts only: identities, answers to questions that
//! are not free text, evidence hashes and their standing, and which kinds of panel decision
//! were made. Never free text, comments, justifications or decision reasons.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the line format. A reader refuses a line of a later version rather than
/// guessing at fields it does not know.
pub const LEDGER_VERSION: u32 = 1;

/// One line of a ledger (JSON Lines): what one supplier answered to one question of one
/// tender, and how its evidence stood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerLine {
    /// The line format's version (1).
    pub ledger: u32,
    /// The buying organisation, as the tender names it.
    pub buyer: String,
    /// The tender's id.
    pub tender: String,
    /// The tender's as-of date (YYYY-MM-DD): the day the evidence was judged at.
    pub as_of: String,
    /// The scoring rules version the tender was evaluated under.
    pub rules: u32,
    /// The tenderscore version that wrote the line.
    pub tool: String,
    /// The supplier's display name.
    pub supplier: String,
    /// The registered names the supplier gave.
    #[serde(default)]
    pub legal_names: Vec<String>,
    /// The supplier's company number (Companies House or another register's), when given.
    #[serde(default)]
    pub company_number: Option<String>,
    /// `rubric@version`, as the tender cites it.
    pub rubric: String,
    /// The question's id in that rubric.
    pub question: String,
    /// The answer as the tool shows it (`yes`, `no`, a choice's value, a level, a number,
    /// `n/a`); null when unanswered and for a free-text question, whose text never leaves the
    /// council.
    #[serde(default)]
    pub answer: Option<String>,
    /// Whether the question was answered at all (true for a free-text answer too).
    pub answered: bool,
    /// The evidence items cited, in the response's order.
    #[serde(default)]
    pub evidence: Vec<LedgerEvidence>,
    /// The kinds of panel decision in force on this answer (`confirm_evidence`,
    /// `reject_evidence`, `resolve_contradiction`, `resolve_shared_evidence`); the reasons
    /// stay with the council.
    #[serde(default)]
    pub decisions: Vec<crate::model::decision::DecisionKind>,
    /// The line's identities as they are compared, so a reader can find the lines that concern
    /// its suppliers without parsing the rest; a reader checks them against the fields above.
    pub keys: LineKeys,
}

/// A line's identities in the form they are compared in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineKeys {
    /// The company number: letters and digits, upper case, leading zeros dropped.
    #[serde(default)]
    pub company: Option<String>,
    /// The display and legal names: lower case words, company forms dropped, look-alike
    /// letters from other scripts folded.
    #[serde(default)]
    pub names: Vec<String>,
    /// The certificate numbers cited: letters and digits, lower case.
    #[serde(default)]
    pub certificates: Vec<String>,
}

/// One evidence item on a ledger line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerEvidence {
    /// SHA-256 of the file (64 hex digits); null when the file was missing or unreadable.
    pub sha256: Option<String>,
    /// The evidence kind (`certificate`, `audit_report`, …).
    pub kind: crate::model::rubric::EvidenceKind,
    /// Whether its text could be read and checked (scoring rules 2); null under rules 1.
    #[serde(default)]
    pub content: Option<crate::model::response::Content>,
    /// The certificate number cited, when one was.
    #[serde(default)]
    pub certificate: Option<String>,
    /// The verifier named, without any note after it.
    #[serde(default)]
    pub verifier: Option<String>,
    /// How the item stood once checked and decided on.
    pub status: ItemStatus,
    /// What the buyer's certificate register said of the certificate number (empty when no
    /// number was looked up).
    #[serde(default)]
    pub register: Vec<RegisterFinding>,
}

/// How one evidence item stood at the end of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// The panel rejected it (`reject_evidence`).
    Rejected,
    /// Invalid at the as-of date: expired, too old, missing, or listed as withdrawn or
    /// another's in the certificate register.
    Invalid,
    /// Scoring rules 2: it does not bear out the claim, or could not be read, and the panel
    /// has not confirmed it.
    Unconfirmed,
    /// The panel read it and confirmed it (`confirm_evidence`).
    Confirmed,
    /// Third-party verified (a register match, or a named verifier found in the document).
    Verified,
    /// Valid and attached.
    Attached,
}

impl ItemStatus {
    /// Whether another council would want to hear of it.
    pub fn is_adverse(self) -> bool {
        matches!(
            self,
            ItemStatus::Rejected | ItemStatus::Invalid | ItemStatus::Unconfirmed
        )
    }
}

/// What the buyer's certificate register said of a certificate number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegisterFinding {
    /// Listed as valid.
    Valid,
    /// Not in the register.
    NotListed,
    Withdrawn,
    Suspended,
    /// Listed as expired, or past the expiry date the register gives.
    Expired,
    /// Listed with another status that is not `valid`.
    OtherStatus,
    /// Listed for another holder.
    AnotherHolder,
}

impl RegisterFinding {
    /// Whether another council would want to hear of it.
    pub fn is_adverse(self) -> bool {
        !matches!(self, RegisterFinding::Valid | RegisterFinding::NotListed)
    }

    /// The finding for a register status as the certification body writes it.
    pub fn of_status(status: &str) -> RegisterFinding {
        match status.trim().to_ascii_lowercase().as_str() {
            "valid" => RegisterFinding::Valid,
            "withdrawn" => RegisterFinding::Withdrawn,
            "suspended" => RegisterFinding::Suspended,
            "expired" => RegisterFinding::Expired,
            _ => RegisterFinding::OtherStatus,
        }
    }

    /// In words, for a flag.
    pub fn words(self) -> &'static str {
        match self {
            RegisterFinding::Valid => "valid",
            RegisterFinding::NotListed => "not in the certificate register",
            RegisterFinding::Withdrawn => "withdrawn",
            RegisterFinding::Suspended => "suspended",
            RegisterFinding::Expired => "expired",
            RegisterFinding::OtherStatus => "not valid",
            RegisterFinding::AnotherHolder => "held by another company",
        }
    }
}

crate::display_as_serde!(ItemStatus, RegisterFinding);

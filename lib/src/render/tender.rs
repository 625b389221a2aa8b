//! A new, commented `tender.toml`, as `init` writes it.

/// A TOML basic string, escaped by TOML's rules (a control character in an id or title must
/// not produce a file that `check` then rejects).
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

pub fn tender_toml(id: &str, title: &str, risk: &str, as_of: &str, award: bool) -> String {
    let id = toml_string(id);
    let title = toml_string(title);
    let mut text = format!(
        r#"# A tender for tenderscore. Every line is explained; see docs/formats.md for more.
id = {id}                  # the tender's reference; responses may quote it as `tender:`
title = {title}
buyer = "Example Council"
risk = "{risk}"                    # low | medium | high: which questions apply, and where
                                   # third-party verification of evidence is needed
as_of = {as_of}              # the evaluation date: evidence is valid or stale as of this day
# deadline = 2026-09-20            # the submission deadline: evidence issued after it is invalid
# methodology_url = "https://example.gov.uk/methodology"  # where the evaluation
                                   # methodology is published, quoted in summaries
submissions = "submissions"        # one folder per supplier, each with response.yaml

# The rubrics used, each at an exact version (a tender never floats to a newer one), and
# how each counts. An award criterion (the default) assesses the tender and is summed into
# the total with its weight (weights need not add up to 100); a condition of participation
# assesses the supplier and is pass/fail: its gates and min_rubric apply, it is not summed.
[[rubrics]]
use = "aime@1.2.0"                 # AI conditions of participation (AIME-informed): pass/fail
stage = "participation"
min = 0                            # its pass/fail conditions decide, not a score
# exclude = ["AIME-8.1", "AIME-8.2"]  # conditions this tender leaves out (say, no personal data)

[[rubrics]]
use = "psed@1.2.0"                 # equality due diligence (Equality Act 2010 s.149)
weight = 25

[[rubrics]]
use = "gdpr@1.2.0"                 # UK GDPR / DPA 2018 due diligence
weight = 30
# weights = {{ "GDPR-8" = 2 }}       # question weight overrides

[[rubrics]]
use = "contract@1.2.0"             # data, contract and lock-in safeguards
weight = 30

[[rubrics]]
use = "social-value@1.2.0"         # social value through this contract (Social Value Act 2012)
weight = 15
# min = 40                         # a minimum for this rubric alone, if the council publishes one

[scoring]
rules = 2                          # scoring rules: 2 reads each evidence file and checks the
                                   # claims against it (1 takes them on trust)
unevidenced_credit = 0.5           # share of a claim's score kept without valid evidence
unverified_credit = 0.75           # share kept when verification is needed but absent
min_total = 60                     # a supplier below this total fails
# min_rubric = 40                  # a supplier below this in any one rubric fails; left out,
                                   # there is no per-rubric minimum (set `min` on a rubric)
marks_scale = 5                    # evaluators mark free-text answers 0..marks_scale
max_mark_spread = 2                # a wider spread between evaluators needs a moderated mark

# [evidence]
# verifiers = ["BSI", "LRQA"]      # only these count as third-party verifiers (verifiers.csv
                                   # beside this file may list more); a certificate register
                                   # may sit beside it as certificates.csv

# [summary]
# disclose_winning_price = false   # give the winner's whole-life cost in other suppliers'
                                   # assessment summaries (its scores are always given)
"#
    );
    if award {
        text.push_str(AWARD);
    }
    text
}

/// The commented `[award]` table `init --award` adds.
const AWARD: &str = r#"
# Price and the most advantageous tender (Procurement Act 2023 s.19): quality and price are
# weighed together. Each supplier adds submissions/<folder>/price.yaml (`tenderscore
# template THIS-FOLDER --price` writes a blank one).
[award]
quality_weight = 70
price_weight = 30
quality_threshold = 60             # below this quality total: no price score, and the tender fails
price_method = "lowest"            # lowest | linear | budget
# budget = 600000                  # whole-life cost ceiling; above it a tender fails
years = 4                          # contract years, for the whole-life cost
abnormally_low = 0.7               # flag a cost below this share of the median of the others
# abnormally_low_estimate = 500000 # and below this share of the council's own estimate

[[award.costs]]
id = "implementation"
label = "Implementation and data migration"   # paid once

[[award.costs]]
id = "licence"
label = "Licence and support"
per_year = true                    # paid every year
"#;

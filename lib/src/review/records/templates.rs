//! The three records' templates, field by field, and which of the built-in rubrics' questions
//! (versions 1.1.0 and 1.2.0) inform each field. This is the one table `tenderscore records`
//! drafts from and docs/records.md prints: to change what a field draws on, change it here.
//!
//! A question id listed here that the tender does not ask is skipped when drafting, so one
//! table serves both rubric versions (AIME-1.3 is asked by aime 1.0.0 and 1.1.0, not 1.2.0;
//! PSED-17 only by 1.2.0). A question whose subject changed between editions is placed by
//! edition (`Src::QIn`).

use serde::Serialize;

/// The built-in rubrics and editions whose question ids this table places. A question of any
/// other rubric (a council's own, even one reusing an id such as GDPR-4) is not placed: its id
/// says nothing certain about its subject.
pub const BUILT_IN: &[&str] = &["aime", "contract", "gdpr", "psed", "social-value"];
pub const EDITIONS: &[&str] = &["1.0.0", "1.1.0", "1.2.0"];

/// Whether `r` is one of the built-in rubrics this table was written for.
pub fn placed(r: &crate::model::rubric::Rubric) -> bool {
    BUILT_IN.contains(&r.id.as_str()) && EDITIONS.contains(&r.version.as_str())
}

/// Which record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Dpia,
    Eqia,
    Atrs,
}

impl RecordKind {
    pub const ALL: [RecordKind; 3] = [RecordKind::Dpia, RecordKind::Eqia, RecordKind::Atrs];

    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Dpia => "dpia",
            RecordKind::Eqia => "eqia",
            RecordKind::Atrs => "atrs",
        }
    }

    pub fn template(self) -> &'static Template {
        match self {
            RecordKind::Dpia => &DPIA,
            RecordKind::Eqia => &EQIA,
            RecordKind::Atrs => &ATRS,
        }
    }
}

/// Where a field's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// The supplier's answer to this question, with its evidence (skipped when the tender
    /// does not ask it).
    Q(&'static str),
    /// As `Q`, but only when the rubric asking it is one of these versions: for a question
    /// whose subject changed between editions (CONTRACT-14 asked for live references in 1.1.0
    /// and about acceptance testing in 1.2.0).
    QIn(&'static str, &'static [&'static str]),
    /// A fact of the tender (tender.toml).
    Tender(TenderFact),
    /// A fact the supplier's response states about the supplier.
    Supplier(SupplierFact),
    /// The risks drawn from the evaluation's findings on this record's questions.
    Risks,
    /// Where the supplier's testing and monitoring evidence names this protected
    /// characteristic (any of the words, whole words, case-folded).
    Names(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenderFact {
    Title,
    Buyer,
    RiskTier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierFact {
    Name,
    CompanyNumber,
    /// That a supplier outside the council is involved: always true of a tender.
    Involved,
}

/// One field of a template.
#[derive(Debug)]
pub struct FieldSpec {
    /// The template's field name (ATRS) or this tool's stable key (DPIA, EqIA): the JSON key.
    pub key: &'static str,
    pub label: &'static str,
    /// What the template asks for here, in a sentence.
    pub asks: &'static str,
    pub from: &'static [Src],
    /// What only the council can write here; `None` when the tender can fill the field.
    pub council: Option<&'static str>,
}

#[derive(Debug)]
pub struct SectionSpec {
    pub key: &'static str,
    pub title: &'static str,
    pub fields: &'static [FieldSpec],
}

#[derive(Debug)]
pub struct Template {
    pub kind: RecordKind,
    pub title: &'static str,
    /// The template followed, with its version and where it is published.
    pub follows: &'static str,
    pub sections: &'static [SectionSpec],
}

impl Template {
    /// The questions this record draws on, in template order, each once.
    pub fn questions(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for f in self.sections.iter().flat_map(|s| s.fields) {
            for src in f.from {
                if let Src::Q(id) | Src::QIn(id, _) = src {
                    if !out.contains(id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }
}

const fn field(
    key: &'static str,
    label: &'static str,
    asks: &'static str,
    from: &'static [Src],
    council: Option<&'static str>,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        asks,
        from,
        council,
    }
}

use Src::{Risks, Q};

const SIGN: &[Src] = &[];

// ---- DPIA: the ICO's sample DPIA template, seven steps ----

pub static DPIA: Template = Template {
    kind: RecordKind::Dpia,
    title: "Data protection impact assessment",
    follows: "the seven steps of the ICO's sample DPIA template (UK GDPR Article 35; the ICO's \"Sample DPIA template\", 20180209, from its guidance \"How do we do a DPIA?\" on ico.org.uk)",
    sections: &[
        SectionSpec {
            key: "step_1_need",
            title: "Step 1: Identify the need for a DPIA",
            fields: &[
                field("aims", "What the project aims to achieve and the type of processing", "Explain broadly what the project aims to achieve and what type of processing it involves.", &[Src::Tender(TenderFact::Title), Src::Tender(TenderFact::Buyer), Q("GDPR-24"), Q("GDPR-1")], Some("the project's aims in the council's words, and the screening that found a DPIA is needed")),
                field("why_needed", "Why a DPIA is needed", "Summarise why you identified the need for a DPIA.", &[Src::Tender(TenderFact::RiskTier), Q("GDPR-5"), Q("GDPR-8"), Q("GDPR-24")], Some("the council's reasons, with reference to the screening criteria")),
            ],
        },
        SectionSpec {
            key: "step_2_processing",
            title: "Step 2: Describe the processing",
            fields: &[
                field("nature", "Nature of the processing", "How you will collect, use, store and delete data; the source of the data; who it is shared with; data flows; types of processing that are likely high risk.", &[Q("GDPR-4"), Q("GDPR-1"), Q("GDPR-2"), Q("GDPR-3"), Q("CONTRACT-8"), Q("GDPR-16"), Q("GDPR-17"), Q("GDPR-18"), Q("AIME-1.1")], Some("how the council will collect the data and share it, and a data-flow diagram")),
                field("scope", "Scope of the processing", "The nature of the data, special category or criminal offence data, how much data, how often, how long it is kept, how many individuals, the geographical area.", &[Q("GDPR-5"), Q("GDPR-21"), Q("GDPR-18"), Q("GDPR-16")], Some("the volume of data, the number of individuals and the area covered")),
                field("context", "Context of the processing", "The council's relationship with the individuals, their control and expectations, children or other vulnerable groups, prior concerns, the state of technology, approved codes or certification schemes.", &[Q("PSED-1"), Q("GDPR-6"), Q("GDPR-13"), Q("GDPR-14"), Q("GDPR-22"), Q("AIME-8.2")], Some("the council's relationship with the people concerned and what they would expect")),
                field("purposes", "Purposes of the processing", "What you want to achieve, the intended effect on individuals, the benefits of the processing.", &[Q("GDPR-3"), Q("GDPR-2"), Q("PSED-12"), Q("GDPR-24")], Some("the council's purposes and the intended effect on individuals")),
            ],
        },
        SectionSpec {
            key: "step_3_consultation",
            title: "Step 3: Consultation process",
            fields: &[
                field("consultation", "Consultation", "How you will consult individuals or their representatives, who else within the organisation to involve, processors, information security or other experts.", &[Q("PSED-3"), Q("GDPR-7"), Q("AIME-8.1")], Some("whom the council consults (the DPO, residents or their representatives, information security) and when")),
            ],
        },
        SectionSpec {
            key: "step_4_necessity",
            title: "Step 4: Assess necessity and proportionality",
            fields: &[
                field("lawful_basis", "Lawful basis", "The lawful basis for processing, and the condition for any special category or criminal offence data.", &[Q("GDPR-4"), Q("GDPR-5")], Some("the lawful basis and conditions: the council decides them; the supplier's answers are input only")),
                field("necessity", "Necessity and data minimisation", "Does the processing achieve the purpose; is there another way; how will you ensure data quality and data minimisation.", &[Q("GDPR-21"), Q("GDPR-20"), Q("CONTRACT-15"), Src::QIn("CONTRACT-14", &["1.2.0"])], Some("whether the processing is necessary and proportionate")),
                field("function_creep", "Preventing function creep", "How will you prevent function creep?", &[Q("GDPR-3"), Q("GDPR-2"), Q("CONTRACT-9"), Q("CONTRACT-23")], None),
                field("information_and_rights", "Information to individuals and their rights", "What information you give individuals and how you help them exercise their rights, including over automated decisions.", &[Q("GDPR-6"), Q("GDPR-23"), Q("GDPR-12"), Q("GDPR-9"), Q("GDPR-8")], Some("the council's privacy notice and how it will handle requests")),
                field("processors", "Processors", "What measures ensure processors comply.", &[Q("GDPR-10"), Q("GDPR-11"), Q("CONTRACT-8"), Q("CONTRACT-9"), Q("GDPR-19")], None),
                field("transfers", "International transfers", "How you safeguard any international transfers.", &[Q("GDPR-16"), Q("GDPR-17")], None),
            ],
        },
        SectionSpec {
            key: "step_5_risks",
            title: "Step 5: Identify and assess risks",
            fields: &[
                field("risks", "Risks to individuals", "The source of risk and the nature of potential impact on individuals, each with the likelihood of harm (remote, possible or probable), its severity (minimal, significant or severe) and the overall risk (low, medium or high).", &[Risks], Some("the likelihood, severity and overall risk of each, and any risk the council identifies itself")),
            ],
        },
        SectionSpec {
            key: "step_6_measures",
            title: "Step 6: Identify measures to reduce risk",
            fields: &[
                field("supplier_measures", "Measures the supplier offers", "Options to reduce or eliminate the risks identified as medium or high.", &[Q("GDPR-13"), Q("GDPR-14"), Q("GDPR-15"), Q("AIME-8.2"), Q("GDPR-8"), Q("GDPR-9"), Q("GDPR-20"), Q("GDPR-21"), Q("GDPR-18"), Q("CONTRACT-6"), Q("CONTRACT-20")], Some("the measures the council adopts")),
                field("effect_on_risk", "Effect on risk", "For each measure: whether the risk is eliminated, reduced or accepted.", SIGN, Some("the effect of each measure on each risk")),
                field("residual_risk", "Residual risk", "For each risk: low, medium or high after the measures.", SIGN, Some("the residual risk")),
                field("measure_approved", "Measure approved", "For each measure: yes or no.", SIGN, Some("whether each measure is approved")),
            ],
        },
        SectionSpec {
            key: "step_7_sign_off",
            title: "Step 7: Sign off and record outcomes",
            fields: &[
                field("measures_approved_by", "Measures approved by", "Name, position and date; integrate actions back into the project plan.", SIGN, Some("name, position and date")),
                field("residual_risks_approved_by", "Residual risks approved by", "Name, position and date; if accepting any residual high risk, consult the ICO before going ahead.", SIGN, Some("name, position and date")),
                field("dpo_advice_provided", "DPO advice provided", "Name and date; the DPO should advise on compliance, the measures and whether processing can proceed.", SIGN, Some("the DPO's name and the date of the advice")),
                field("dpo_advice_summary", "Summary of DPO advice", "What the DPO advised.", SIGN, Some("the DPO's advice")),
                field("dpo_advice_accepted_or_overruled_by", "DPO advice accepted or overruled by", "Name and date; if overruled, the reasons.", SIGN, Some("name, date and, if overruled, the reasons")),
                field("consultation_responses_reviewed_by", "Consultation responses reviewed by", "Name and date; if the decision departs from individuals' views, the reasons.", SIGN, Some("name and date")),
                field("kept_under_review_by", "This DPIA will be kept under review by", "The name of whoever is responsible; the DPO should also review ongoing compliance.", &[Q("CONTRACT-9"), Q("CONTRACT-11")], Some("who keeps the DPIA under review, and when it is next reviewed")),
            ],
        },
    ],
};

// ---- EqIA: the nine protected characteristics and the three aims of s.149(1) ----

/// The questions whose evidence is searched for each protected characteristic's name: the
/// supplier's testing and monitoring.
pub const TESTING_AND_MONITORING: &[&str] = &[
    "PSED-4", "PSED-6", "PSED-5", "PSED-15", "PSED-16", "PSED-17", "PSED-10", "AIME-3.3",
    "AIME-3.1",
];

macro_rules! characteristic {
    ($key:literal, $label:literal, $words:expr, $extra:expr) => {
        field(
            $key,
            $label,
            "What the supplier's testing and monitoring evidence shows, and does not show, for people with this characteristic; the likely effect, positive or negative; mitigations.",
            $words,
            $extra,
        )
    };
}

pub static EQIA: Template = Template {
    kind: RecordKind::Eqia,
    title: "Equality impact assessment",
    follows: "the Public Sector Equality Duty (Equality Act 2010 s.149): the nine protected characteristics of s.4 and the three aims of s.149(1), as the EHRC's guidance on AI and the duty asks them to be considered",
    sections: &[
        SectionSpec {
            key: "proposal",
            title: "The proposal",
            fields: &[
                field("proposal", "What is proposed", "The system being bought, for what service, by whom.", &[Src::Tender(TenderFact::Title), Src::Tender(TenderFact::Buyer), Src::Supplier(SupplierFact::Name)], Some("the service, its users and the decision the system informs, in the council's words")),
                field("affected", "Who the system affects", "Residents, service users and staff the system touches, and how each group might be affected.", &[Q("PSED-1"), Q("AIME-3.1")], Some("the council's own knowledge of who uses the service")),
                field("equality_evidence", "Equality evidence", "The equality evidence gathered, and the gaps in it.", &[Q("PSED-2"), Q("PSED-3"), Q("AIME-6.1"), Q("AIME-6.2")], Some("the council's own data, research and what service users and equality groups said")),
            ],
        },
        SectionSpec {
            key: "testing_and_monitoring",
            title: "The supplier's testing and monitoring",
            fields: &[
                field("testing", "Fairness and bias testing", "What was tested, by whom, with what result.", &[Q("PSED-4"), Q("PSED-6"), Q("PSED-5"), Q("PSED-15"), Q("PSED-16"), Q("AIME-3.3")], None),
                field("monitoring", "Monitoring once live", "How outcomes by group will be measured and reported.", &[Q("PSED-17"), Q("PSED-10"), Q("PSED-11"), Q("CONTRACT-11")], None),
            ],
        },
        SectionSpec {
            key: "protected_characteristics",
            title: "Protected characteristics (Equality Act 2010 s.4)",
            fields: &[
                characteristic!("age", "Age", &[Src::Names(&["age", "aged", "ages", "age group", "age groups", "age band", "age bands", "older people", "older adults", "younger people", "young people", "pensioners"])], Some("the likely effect on people of different ages")),
                characteristic!("disability", "Disability", &[Src::Names(&["disability", "disabilities", "disabled people", "disabled person", "disabled residents", "disabled users", "disabled adults", "impairment", "impairments", "deaf", "blind", "learning difficulties", "neurodivergent"]), Q("PSED-9")], Some("the likely effect on disabled people")),
                characteristic!("gender_reassignment", "Gender reassignment", &[Src::Names(&["gender reassignment", "transgender", "trans people", "trans person", "gender identity", "non-binary"])], Some("the likely effect on people with this characteristic")),
                characteristic!("marriage_and_civil_partnership", "Marriage and civil partnership", &[Src::Names(&["marriage", "married", "marital status", "civil partnership", "civil partners"])], Some("the likely effect (the duty's first aim only, and only as to employment: s.149(7) leaves this characteristic out of the other two)")),
                characteristic!("pregnancy_and_maternity", "Pregnancy and maternity", &[Src::Names(&["pregnancy", "pregnant", "maternity"])], Some("the likely effect on people with this characteristic")),
                characteristic!("race", "Race", &[Src::Names(&["race", "racial", "ethnic", "ethnicity", "ethnic group", "ethnic groups", "ethnic minority", "nationality", "national origin"])], Some("the likely effect on people of different races and ethnic groups")),
                characteristic!("religion_or_belief", "Religion or belief", &[Src::Names(&["religion", "religions", "religious", "religion or belief", "faith groups", "faith communities"])], Some("the likely effect on people of different religions or beliefs")),
                characteristic!("sex", "Sex", &[Src::Names(&["sex", "gender", "male", "female", "women", "men"])], Some("the likely effect on women and men")),
                characteristic!("sexual_orientation", "Sexual orientation", &[Src::Names(&["sexual orientation", "lgbt", "lgbt+", "lgbtq", "lgbtq+", "lgb", "gay", "lesbian", "bisexual"])], Some("the likely effect on people of different sexual orientations")),
                field("proxies", "Proxies for protected characteristics", "Inputs that could stand in for a protected characteristic.", &[Q("PSED-5")], Some("which proxies matter in this service")),
            ],
        },
        SectionSpec {
            key: "aims",
            title: "The three aims of the general duty (s.149(1))",
            fields: &[
                field("eliminate_discrimination", "(a) Eliminate discrimination, harassment and victimisation", "Evidence bearing on unlawful discrimination, harassment and victimisation.", &[Q("PSED-4"), Q("PSED-5"), Q("PSED-15"), Q("PSED-16"), Q("PSED-13"), Q("PSED-14")], Some("the council's consideration of this aim")),
                field("advance_equality_of_opportunity", "(b) Advance equality of opportunity", "Evidence bearing on removing disadvantage, meeting different needs and encouraging participation.", &[Q("PSED-9"), Q("PSED-12"), Q("PSED-8"), Q("SV-6")], Some("the council's consideration of this aim")),
                field("foster_good_relations", "(c) Foster good relations", "Evidence bearing on tackling prejudice and promoting understanding.", &[Q("PSED-3"), Q("PSED-14")], Some("the council's consideration of this aim")),
            ],
        },
        SectionSpec {
            key: "risks_and_mitigations",
            title: "Risks, mitigations and monitoring",
            fields: &[
                field("risks", "Risks and gaps found in the evaluation", "Findings on the equality questions that the council should weigh.", &[Risks], Some("the weight the council gives each, and any risk it identifies itself")),
                field("mitigations", "Mitigations the supplier offers", "What can be changed if a risk to a protected group is found.", &[Q("PSED-8"), Q("PSED-10"), Q("PSED-11"), Q("PSED-13"), Q("GDPR-8"), Q("CONTRACT-13")], Some("the mitigations the council adopts")),
                field("monitoring_plan", "Monitoring and review", "How the council will monitor the effect once live, and when it will review this assessment.", &[Q("PSED-17"), Q("CONTRACT-11")], Some("who monitors, how often, and when this assessment is reviewed")),
            ],
        },
        SectionSpec {
            key: "sign_off",
            title: "Decision and sign-off",
            fields: &[
                field("decision", "Outcome of the assessment", "Whether to proceed, adjust, continue with justification or stop.", SIGN, Some("the council's decision and its reasons")),
                field("approved_by", "Approved by", "Name, position and date.", SIGN, Some("name, position and date")),
            ],
        },
    ],
};

// ---- ATRS: Algorithmic Transparency Recording Standard, template v3.0 ----

pub static ATRS: Template = Template {
    kind: RecordKind::Atrs,
    title: "Algorithmic Transparency Recording Standard record",
    follows: "the Algorithmic Transparency Recording Standard template v3.0 (March 2024; field names from template_table.md in github.com/co-cddo/algorithmic-transparency-recording-standard). Version 4.0 (May 2025) renames \"external supplier\" to \"third party\" and reorders some Tier 2 fields; its field names are not published in machine-readable form, so the v3.0 names are used",
    sections: &[
        SectionSpec {
            key: "metadata",
            title: "Title information",
            fields: &[
                field("title", "Title", "The name used to identify the tool; the record's title.", &[], Some("the name the council uses for the tool")),
                field("organisation_name", "Organisation name", "The body that completed the record and is responsible for the tool.", &[Src::Tender(TenderFact::Buyer)], None),
                field("phase", "Phase", "The phase the tool is in.", &[], Some("pre-deployment, beta, production or retired")),
                field("region", "Region", "The region over which the tool affects the public.", &[], Some("the region")),
                field("one_sentence_description", "One sentence description", "One sentence describing the tool.", &[Src::Tender(TenderFact::Title)], Some("one sentence in plain English")),
            ],
        },
        SectionSpec {
            key: "tier_1",
            title: "Tier 1",
            fields: &[
                field("name", "Name", "The name used to identify the tool.", &[Q("AIME-1.1")], Some("the name the council uses for the tool")),
                field("description", "Description", "A basic overview of the tool's purpose: how it is used and why.", &[Src::Tender(TenderFact::Title), Q("GDPR-24")], Some("a plain-English overview for the public")),
                field("website_url", "Website URL", "A page with more information about the tool.", &[], Some("the URL")),
                field("contact_email", "Contact email", "Email of the responsible team.", &[], Some("a team mailbox")),
            ],
        },
        SectionSpec {
            key: "tier_2_owner_and_responsibility",
            title: "Tier 2: 2.1 Owner and responsibility",
            fields: &[
                field("organisation_or_department", "Organisation or department", "The body responsible for the use of the tool.", &[Src::Tender(TenderFact::Buyer)], None),
                field("team", "Team", "The team responsible.", &[], Some("the team")),
                field("senior_responsible_owner", "Senior responsible owner", "Name and role of the senior responsible owner.", &[], Some("name and role")),
                field("external_supplier_involvement", "External supplier involvement", "Whether external suppliers developed or operate the tool.", &[Src::Supplier(SupplierFact::Involved)], None),
                field("external_supplier", "External supplier", "The organisation contracted to develop all or part of the tool.", &[Src::Supplier(SupplierFact::Name), Q("CONTRACT-8")], None),
                field("companies_house_number", "Companies House number", "The supplier's Companies House number.", &[Src::Supplier(SupplierFact::CompanyNumber)], None),
                field("external_supplier_role", "External supplier role", "The supplier's role, each relationship where several companies are involved.", &[Q("GDPR-1"), Q("CONTRACT-8")], None),
                field("procurement_procedure_type", "Procurement procedure type", "The procurement procedure used for the contract.", &[], Some("the procedure (for example the competitive flexible or open procedure under the Procurement Act 2023)")),
                field("data_access_terms", "Data access terms", "The terms of the supplier's access to the council's data.", &[Q("GDPR-1"), Q("GDPR-2"), Q("GDPR-3"), Q("GDPR-10"), Q("GDPR-11"), Q("GDPR-16"), Q("GDPR-17"), Q("GDPR-18"), Q("CONTRACT-1")], Some("the terms as signed")),
            ],
        },
        SectionSpec {
            key: "tier_2_description_and_rationale",
            title: "Tier 2: 2.2 Description and rationale",
            fields: &[
                field("detailed_description", "Detailed description", "How the tool works, in more detail than Tier 1.", &[Q("GDPR-4"), Q("AIME-1.1")], Some("the description in the council's words")),
                field("scope", "Scope", "What the tool is designed for, and what it is not.", &[Q("GDPR-24")], Some("the scenarios the council uses it for")),
                field("benefit", "Benefit", "The expected benefits and why the tool is used.", &[Q("PSED-12"), Q("CONTRACT-10"), Src::QIn("CONTRACT-14", &["1.0.0", "1.1.0"])], Some("the council's justification")),
                field("previous_process", "Previous process", "How decisions were made before the tool.", &[], Some("the previous process")),
                field("alternatives_considered", "Alternatives considered", "Other approaches considered and why this one was chosen.", &[], Some("the alternatives and the reasons")),
            ],
        },
        SectionSpec {
            key: "tier_2_decision_making_process",
            title: "Tier 2: 2.3 Decision-making process",
            fields: &[
                field("process_integration", "Process integration", "How the tool fits into the wider decision-making process.", &[Q("GDPR-24"), Q("CONTRACT-21")], Some("the process as the council runs it")),
                field("provided_information", "Provided information", "What the tool gives the decision maker, and in what form.", &[Q("GDPR-23"), Q("GDPR-24")], None),
                field("frequency_and_scale_of_usage", "Frequency and scale of usage", "How often and at what scale the tool is used.", &[], Some("the expected volumes")),
                field("human_decisions_and_review", "Human decisions and review", "What people decide, and how they review the tool's output.", &[Q("GDPR-8"), Q("GDPR-9")], Some("how council staff review outputs in practice")),
                field("required_training", "Required training", "Training for those who deploy or use the tool.", &[Q("CONTRACT-22")], None),
                field("appeals_and_review", "Appeals and review", "How the public can challenge or appeal.", &[Q("GDPR-9"), Q("PSED-14")], Some("the council's own complaints and review route")),
            ],
        },
        SectionSpec {
            key: "tier_2_tool_specification",
            title: "Tier 2: 2.4.1 Tool specification",
            fields: &[
                field("system_architecture", "System architecture", "A high-level description of the architecture.", &[Q("GDPR-4"), Q("CONTRACT-21"), Q("CONTRACT-8")], None),
                field("phase", "Phase", "The phase the tool is in.", &[], Some("the phase")),
                field("maintenance", "Maintenance", "How and how often the tool is maintained and reviewed, by the supplier or the council.", &[Q("CONTRACT-9"), Q("CONTRACT-11"), Q("AIME-1.3")], None),
                field("models", "Models", "The models the tool uses.", &[Q("AIME-1.1"), Q("CONTRACT-8")], None),
            ],
        },
        SectionSpec {
            key: "tier_2_model_specification",
            title: "Tier 2: 2.4.2 Model specification",
            fields: &[
                field("model_name", "Model name", "The model's name.", &[Q("AIME-1.1")], None),
                field("model_version", "Model version", "The model's version.", &[Q("AIME-1.1")], None),
                field("model_task", "Model task", "What the model does.", &[Q("GDPR-24")], None),
                field("model_input", "Model input", "What goes into the model.", &[Q("GDPR-4")], None),
                field("model_output", "Model output", "What comes out of the model.", &[Q("GDPR-23")], None),
                field("model_architecture", "Model architecture", "The type of model.", &[Q("AIME-1.1")], None),
                field("model_performance", "Model performance", "Performance metrics and thresholds, including how it performs for different groups.", &[Q("GDPR-20"), Q("PSED-4"), Q("PSED-6"), Src::QIn("CONTRACT-14", &["1.2.0"]), Q("CONTRACT-15")], None),
                field("datasets", "Datasets", "The datasets used to develop the model.", &[Q("AIME-6.1"), Q("CONTRACT-3"), Q("PSED-2")], None),
                field("dataset_purposes", "Dataset purposes", "How each dataset was used: training, validation or testing.", &[Q("AIME-6.1"), Q("AIME-6.2")], None),
            ],
        },
        SectionSpec {
            key: "tier_2_data_specification",
            title: "Tier 2: 2.4.3 Data specification",
            fields: &[
                field("source_data_name", "Source data name", "The names of the datasets.", &[Q("AIME-6.1")], None),
                field("data_modality", "Data modality", "The kind of data: text, tabular, images.", &[Q("GDPR-4")], None),
                field("data_description", "Data description", "What the data captures.", &[Q("GDPR-4"), Q("GDPR-5")], None),
                field("data_quantities", "Data quantities", "How much data, and the training, validation and test split.", &[], Some("the quantities, from the supplier if needed")),
                field("sensitive_attributes", "Sensitive attributes", "Personal data, protected characteristics and proxies in the data.", &[Q("GDPR-5"), Q("PSED-5")], None),
                field("data_completeness_and_representativeness", "Data completeness and representativeness", "Missing data, and how well the data represents the people the tool is used on.", &[Q("PSED-2"), Q("AIME-6.2")], None),
                field("source_data_url", "Source data URL", "Where the data can be found, if it is open.", &[], Some("the URL, if the data is open")),
                field("data_collection", "Data collection", "Why and how the data was first collected, and whether it suits this use.", &[Q("AIME-6.1"), Q("CONTRACT-3")], None),
                field("data_cleaning", "Data cleaning", "Pre-processing or cleaning, by the supplier or the council.", &[Q("GDPR-21")], Some("any cleaning the council does")),
                field("data_sharing_agreements", "Data sharing agreements", "The agreements in place.", &[Q("GDPR-10"), Q("GDPR-11")], Some("the agreements as signed")),
                field("data_access_and_storage", "Data access and storage", "Who can reach the data, how long it is kept, and the security and privacy protections.", &[Q("GDPR-13"), Q("GDPR-16"), Q("GDPR-18"), Q("GDPR-21"), Q("GDPR-19")], None),
            ],
        },
        SectionSpec {
            key: "tier_2_risks_mitigations_and_impact_assessments",
            title: "Tier 2: 2.5 Risks, mitigations and impact assessments",
            fields: &[
                field("impact_assessment", "Impact assessment", "The impact assessments done (DPIA, EqIA and others), with dates and summaries.", &[Q("GDPR-7"), Q("PSED-7"), Q("AIME-8.1")], Some("the council's own DPIA and EqIA: names, dates, summaries and links")),
                field("risks_and_mitigations", "Risks and mitigations", "The risks identified and how each is mitigated.", &[Risks, Q("PSED-8"), Q("GDPR-14")], Some("the council's assessment of each risk and the mitigation it relies on")),
            ],
        },
    ],
};

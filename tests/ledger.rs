//! `ledger` and `--ledger` (docs/ledger.md): what a council shares, and what another council's
//! ledger makes the panel ask. The cross-check flags; it never changes a score.

mod common;
use common::*;
use serde_json::Value;

/// A rules 2 tender on the test rubric, bought by `buyer` as `id`.
fn tender(buyer: &str, id: &str) -> Tender {
    let toml = toml(
        "medium",
        "[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n",
    )
    .replace("id = \"T-001\"", &format!("id = \"{id}\""))
    .replace("buyer = \"Test Council\"", &format!("buyer = \"{buyer}\""));
    Tender::new(&toml)
}

/// A response from `name` (company `number`, when given) answering T-3 with `t3`, citing the
/// policy `policy.txt` (issued `issued`) for T-1, with the free text `text` for T-5.
fn response(name: &str, number: Option<&str>, t3: &str, issued: &str, text: &str) -> String {
    let number = number
        .map(|n| format!("company_number: \"{n}\"\n"))
        .unwrap_or_default();
    format!(
        "supplier: {name}\n{number}answers:\n  T-1:\n    answer: 3\n    comment: Our adopted policy, see the board minute of March.\n    evidence:\n      - {{file: policy.txt, kind: policy, issued: {issued}}}\n  T-2:\n    answer: yes\n    evidence:\n      - {{file: terms.txt, kind: contract_clause}}\n  T-3:\n    answer: {t3}\n  T-5:\n    answer: \"{text}\"\n"
    )
}

fn supplier(t: &Tender, folder: &str, yaml: &str, policy: &str) {
    t.response(folder, yaml);
    t.file(&format!("submissions/{folder}/policy.txt"), policy);
    t.file(
        &format!("submissions/{folder}/terms.txt"),
        "We accept the council's terms and conditions in full.",
    );
}

fn ledger_of(t: &Tender) -> (String, Vec<Value>) {
    let o = t.run(&["ledger", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (text, lines)
}

/// `score --format json` with the ledger files given.
fn scored(t: &Tender, ledgers: &[&std::path::Path]) -> Value {
    let mut args = vec!["score", ".", "--format", "json"];
    let paths: Vec<String> = ledgers.iter().map(|p| p.display().to_string()).collect();
    for p in &paths {
        args.push("--ledger");
        args.push(p);
    }
    let o = t.run(&args);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn ledger_flags(s: &Value) -> Vec<String> {
    s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| q["flags"].as_array().unwrap())
        .filter(|f| f["kind"] == "ledger")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

/// Everything but the flags and their count: what the ledger must never change.
fn figures(j: &Value) -> Value {
    let mut j = j.clone();
    for s in j["suppliers"].as_array_mut().unwrap() {
        s["counts"]["flags"] = Value::Null;
        for q in s["questions"].as_array_mut().unwrap() {
            q["flags"] = Value::Null;
        }
    }
    j
}

/// The other council's tender and its ledger, written to a file (kept while the folder lives).
fn ashworth_ledger() -> (Tender, tempfile::TempDir, std::path::PathBuf) {
    let b = other_council();
    let (text, _) = ledger_of(&b);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ashworth.jsonl");
    std::fs::write(&path, text).unwrap();
    (b, dir, path)
}

const POLICY: &str = "Acme Analytics Ltd AI policy, adopted by the board. Issued 1 March 2026.";

/// The other council's tender: Acme answered T-3 `part` there and its policy was too old;
/// Birch answered as it does here.
fn other_council() -> Tender {
    let b = tender("Ashworth Borough Council", "ABC-2025-007");
    supplier(
        &b,
        "acme",
        &response(
            "Acme Analytics Ltd",
            Some("01234567"),
            "part",
            "2024-01-10",
            "Secret method A",
        ),
        "Acme Analytics Ltd AI policy. Issued 10 January 2024.",
    );
    birch(&b);
    b
}

/// Birch, which answers both councils alike, with the same files.
fn birch(t: &Tender) {
    supplier(
        t,
        "birch",
        &response(
            "Birch Data Ltd",
            Some("SC765432"),
            "full",
            "2026-03-01",
            "Birch method",
        ),
        "Birch Data Ltd AI policy. Issued 1 March 2026.",
    );
}

fn this_council() -> Tender {
    let a = tender("Test Council", "T-001");
    // Same company number, written without the leading zero and under a new trading name;
    // the policy Ashworth found too old is the same file, now claimed to be issued this year.
    supplier(
        &a,
        "acme",
        &response(
            "Acme Insight",
            Some("1234567"),
            "full",
            "2026-03-01",
            "Our method here",
        ),
        "Acme Analytics Ltd AI policy. Issued 10 January 2024.",
    );
    birch(&a);
    a
}

#[test]
fn a_ledger_holds_facts_and_never_free_text_comments_or_reasons() {
    let b = other_council();
    // The panel rejected Birch's terms, with a reason that must stay with the council.
    let j = b.json_with_code(0);
    let birch = by_folder(&j, "birch");
    let response = birch["response_sha256"].as_str().unwrap();
    let terms = birch["evidence_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "terms.txt")
        .unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    b.file(
        "decisions.csv",
        &format!(
            "supplier,question,decision,reason,approved_by,response_sha256,file_sha256\nbirch,T-2,reject_evidence,Unsigned draft SECRET-REASON,A. Panel,{},{}\n",
            &response[..16],
            &terms[..16]
        ),
    );
    let (text, lines) = ledger_of(&b);
    // One line per supplier and question asked (T-6 is for high risk only).
    assert_eq!(lines.len(), 2 * 5, "{text}");
    for secret in [
        "Secret method A",
        "Birch method",
        "board minute",
        "SECRET-REASON",
        "A. Panel",
    ] {
        assert!(
            !text.contains(secret),
            "`{secret}` leaked into the ledger:\n{text}"
        );
    }
    let line = |folder_name: &str, q: &str| {
        lines
            .iter()
            .find(|l| l["supplier"] == folder_name && l["question"] == q)
            .unwrap()
            .clone()
    };
    let t5 = line("Acme Analytics Ltd", "T-5");
    assert_eq!(t5["answer"], Value::Null);
    assert_eq!(t5["answered"], true);
    let t3 = line("Acme Analytics Ltd", "T-3");
    assert_eq!(t3["answer"], "part");
    assert_eq!(t3["company_number"], "01234567");
    assert_eq!(t3["rubric"], "t@1.0.0");
    assert_eq!(t3["buyer"], "Ashworth Borough Council");
    assert_eq!(t3["as_of"], "2026-10-01");
    assert_eq!(t3["rules"], 2);
    let t1 = line("Acme Analytics Ltd", "T-1");
    assert_eq!(t1["evidence"][0]["status"], "invalid", "{t1:#}");
    assert_eq!(t1["evidence"][0]["kind"], "policy");
    assert_eq!(t1["evidence"][0]["content"], "checked");
    assert_eq!(t1["evidence"][0]["sha256"].as_str().unwrap().len(), 64);
    let t2 = line("Birch Data Ltd", "T-2");
    assert_eq!(t2["evidence"][0]["status"], "rejected", "{t2:#}");
    assert_eq!(t2["decisions"], serde_json::json!(["reject_evidence"]));
    let birch_t1 = line("Birch Data Ltd", "T-1");
    assert_eq!(
        birch_t1["evidence"][0]["status"], "attached",
        "{birch_t1:#}"
    );
}

#[test]
fn every_line_validates_against_the_ledger_schema() {
    let (_, lines) = ledger_of(&other_council());
    let o = run_in(std::path::Path::new("."), &["schema", "ledger"]);
    assert_eq!(o.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("urn:ledger", schema).unwrap();
    let id = compiler.compile("urn:ledger", &mut schemas).unwrap();
    for l in &lines {
        if let Err(e) = schemas.validate(l, id) {
            panic!("{e:#}\n{l:#}");
        }
    }
    // And the schema is not one that takes anything: a line with free text added fails.
    let mut bad = lines[0].clone();
    bad["comment"] = "free text".into();
    assert!(schemas.validate(&bad, id).is_err());
}

#[test]
fn another_councils_ledger_flags_a_different_answer_and_a_file_found_wanting_and_nobody_else() {
    let (_b, _dir, path) = ashworth_ledger();
    let a = this_council();
    let without = scored(&a, &[]);
    let with = scored(&a, &[&path]);
    assert_eq!(
        figures(&without),
        figures(&with),
        "a ledger changed a figure"
    );
    let acme = ledger_flags(by_folder(&with, "acme"));
    assert_eq!(acme.len(), 2, "{acme:#?}");
    let answer = acme.iter().find(|m| m.starts_with("T-3:")).unwrap();
    assert!(
        answer.contains("Ashworth Borough Council (ABC-2025-007, as of 2026-10-01)")
            && answer.contains("`part`")
            && answer.contains("`full`"),
        "{answer}"
    );
    let file = acme.iter().find(|m| m.starts_with("T-1:")).unwrap();
    assert!(
        file.contains("policy.txt") && file.contains("invalid"),
        "{file}"
    );
    // Birch answered the same and its files stood there: nothing to ask.
    assert_eq!(
        ledger_flags(by_folder(&with, "birch")),
        Vec::<String>::new()
    );
    // The flags count as flags, and are warnings.
    let acme_json = by_folder(&with, "acme");
    assert_eq!(
        acme_json["counts"]["flags"].as_u64().unwrap(),
        by_folder(&without, "acme")["counts"]["flags"]
            .as_u64()
            .unwrap()
            + 2
    );
    // `check` notes the same findings, and `report` shows them.
    let o = a.run(&["check", ".", "--ledger", path.to_str().unwrap()]);
    let notes = stderr(&o);
    assert!(notes.contains("acme: warning (ledger): T-3:"), "{notes}");
    let o = a.run(&["report", ".", "--ledger", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ABC-2025-007"));
}

#[test]
fn a_company_number_decides_the_match_before_any_name() {
    let (_b, _dir, path) = ashworth_ledger();
    // Same name as Ashworth's Acme, another company number: another company. Its policy is
    // another file too, so only the answer could have matched.
    let a = tender("Test Council", "T-001");
    supplier(
        &a,
        "acme",
        &response(
            "Acme Analytics Ltd",
            Some("09999999"),
            "full",
            "2026-03-01",
            "x",
        ),
        POLICY,
    );
    assert_eq!(
        ledger_flags(by_folder(&scored(&a, &[&path]), "acme")),
        Vec::<String>::new()
    );
    // No number given here: the name matches.
    let a = tender("Test Council", "T-001");
    supplier(
        &a,
        "acme",
        &response("Acme Analytics Limited", None, "full", "2026-03-01", "x"),
        POLICY,
    );
    let flags = ledger_flags(by_folder(&scored(&a, &[&path]), "acme"));
    assert_eq!(flags.len(), 1, "{flags:#?}");
    assert!(flags[0].starts_with("T-3:"));
}

#[test]
fn a_file_found_wanting_is_flagged_whoever_cites_it_and_a_tenders_own_ledger_flags_nothing() {
    let (b, _dir, path) = ashworth_ledger();
    // A new company, no number, another name, citing Acme's very file (byte for byte) and
    // claiming it was issued this year; and another citing it as issued in 2024, which makes
    // it invalid here too: the panel already has that finding, so the ledger adds nothing.
    let a = tender("Test Council", "T-001");
    let old = "Acme Analytics Ltd AI policy. Issued 10 January 2024.";
    supplier(
        &a,
        "newco",
        &response("Newco Ltd", None, "part", "2026-03-01", "x"),
        old,
    );
    supplier(
        &a,
        "oldco",
        &response("Oldco Ltd", None, "part", "2024-01-10", "x"),
        old,
    );
    let j = scored(&a, &[&path]);
    let flags = ledger_flags(by_folder(&j, "newco"));
    assert_eq!(flags.len(), 1, "{flags:#?}");
    assert!(flags[0].contains("same SHA-256"), "{}", flags[0]);
    assert!(
        flags[0].contains("cited there by another supplier"),
        "{}",
        flags[0]
    );
    assert_eq!(
        by_folder(&j, "oldco")["questions"][0]["evidence"],
        "invalid"
    );
    assert_eq!(ledger_flags(by_folder(&j, "oldco")), Vec::<String>::new());
    // Ashworth checking its own bids against its own ledger learns nothing new.
    let j = scored(&b, &[&path]);
    for s in j["suppliers"].as_array().unwrap() {
        assert_eq!(ledger_flags(s), Vec::<String>::new());
    }
}

#[test]
fn a_certificate_found_withdrawn_there_is_flagged_here() {
    let withdrawn = |buyer: &str, id: &str, status: &str| {
        let t = tender(buyer, id);
        t.file(
            "certificates.csv",
            &format!("number,holder,standard,issuer,status,expires\nCE-123,Acme Analytics Ltd,Cyber Essentials Plus,Dales Cyber,{status},2027-06-30\n"),
        );
        supplier(
            &t,
            "acme",
            &response("Acme Analytics Ltd", Some("01234567"), "full", "2026-03-01", "x")
                .replace(
                    "      - {file: terms.txt, kind: contract_clause}\n",
                    "      - {file: terms.txt, kind: contract_clause}\n      - {file: cert.txt, kind: certificate, certificate: CE-123}\n",
                ),
            POLICY,
        );
        t.file(
            "submissions/acme/cert.txt",
            "Certificate CE-123, Acme Analytics Ltd.",
        );
        t
    };
    let b = withdrawn("Ashworth Borough Council", "ABC-2025-007", "withdrawn");
    let (text, lines) = ledger_of(&b);
    let t2 = lines.iter().find(|l| l["question"] == "T-2").unwrap();
    assert_eq!(
        t2["evidence"][1]["register"],
        serde_json::json!(["withdrawn"]),
        "{t2:#}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ashworth.jsonl");
    std::fs::write(&path, text).unwrap();
    // Here the register says valid, and the certificate is cited as `ce 123`.
    let a = withdrawn("Test Council", "T-001", "valid");
    let flags = ledger_flags(by_folder(&scored(&a, &[&path]), "acme"));
    assert!(
        flags
            .iter()
            .any(|f| f.contains("certificate CE-123") && f.contains("withdrawn")),
        "{flags:#?}"
    );
}

#[test]
fn a_bad_ledger_line_is_named_by_file_and_line_and_nothing_is_scored() {
    let a = this_council();
    let (text, _) = ledger_of(&other_council());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    let arg = path.to_str().unwrap();
    let with_line_3 = |third: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.insert(2, third.to_string());
        std::fs::write(&path, lines.join("\n")).unwrap();
    };
    // A broken line about a supplier of this tender (its company number is in it).
    let acme = text
        .lines()
        .find(|l| l.contains("\"T-3\"") && l.contains("Acme Analytics Ltd"))
        .unwrap();
    with_line_3(&acme.replace("\"rules\":2", "\"rules\":\"two\""));
    let o = a.run(&["score", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("bad.jsonl:3:"), "{}", stderr(&o));
    // A line whose names were edited without its keys is refused.
    with_line_3(&acme.replace("Acme Analytics Ltd", "Zenith Ltd"));
    let o = a.run(&["report", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.jsonl:3:1: its `keys` do not match"),
        "{}",
        stderr(&o)
    );
    // A broken line about nobody here: `score` has no need to read it; `check` reads every
    // line and names it.
    with_line_3("{\"ledger\": 1, \"buyer\": 3, \"keys\": {\"company\": \"999\"}}");
    let o = a.run(&["score", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = a.run(&["check", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.jsonl:3:"), "{}", stderr(&o));
    // A later format is refused, not guessed at.
    let later = acme.replace("{\"ledger\":1,", "{\"ledger\":2,");
    std::fs::write(&path, later).unwrap();
    let o = a.run(&["score", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ledger format 2"), "{}", stderr(&o));
}

/// The two example councils: Ashworth's ledger, checked by Northmere (the examples' READMEs
/// walk through this).
#[test]
fn ashworths_ledger_shows_northmere_a_changed_answer_and_a_rejected_certificate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let o = run_in(&root, &["ledger", "ashworth-casenotes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ashworth.jsonl");
    std::fs::write(&path, &o.stdout).unwrap();
    let o = run_in(
        &root,
        &[
            "score",
            "care-triage",
            "--format",
            "json",
            "--ledger",
            path.to_str().unwrap(),
        ],
    );
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut all = Vec::new();
    for s in j["suppliers"].as_array().unwrap() {
        for m in ledger_flags(s) {
            all.push(format!("{}: {m}", s["folder"].as_str().unwrap()));
        }
    }
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all[0].starts_with("pennine-care-data: GDPR-16:")
            || all[1].starts_with("pennine-care-data: GDPR-16:"),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|m| m
            .starts_with("cobalt-analytics: GDPR-13: evidence/iso27001-certificate.txt")
            && m.contains("rejected by its panel")),
        "{all:#?}"
    );
}

#[test]
fn a_result_saved_with_ledger_flags_still_verifies_and_a_changed_figure_still_does_not() {
    let (_b, _dir, path) = ashworth_ledger();
    let a = this_council();
    let o = a.run(&[
        "score",
        ".",
        "--format",
        "json",
        "-o",
        "result.json",
        "--ledger",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let saved = std::fs::read_to_string(a.path().join("result.json")).unwrap();
    assert!(saved.contains("\"ledger\""));
    let o = a.run(&["verify", "result.json", "--tender", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Leaving the ledger flags out of the comparison hides nothing else.
    std::fs::write(
        a.path().join("result.json"),
        saved.replacen("\"total\": ", "\"total\": 1", 1),
    )
    .unwrap();
    let o = a.run(&["verify", "result.json", "--tender", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn what_a_supplier_types_beside_a_number_or_a_verifier_stays_out_of_the_ledger() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n[evidence]\nverifiers = [\"Holloway Audit LLP\"]\n",
    ));
    t.response(
        "a",
        "supplier: Acme Ltd\ncompany_number: \"ask Jane Smith for it\"\nanswers:\n  T-1:\n    answer: 3\n    evidence:\n      - {file: p.txt, kind: policy, verified_by: \"Holloway Audit LLP (engagement HAA-1; contact Jane Smith)\"}\n      - {file: q.txt, kind: policy, verified_by: \"Jane Smith, jane@example.com\", certificate: \"please call Jane Smith on 07700 900123\"}\n",
    );
    t.file(
        "submissions/a/p.txt",
        "Acme Ltd policy, audited by Holloway Audit LLP.",
    );
    t.file("submissions/a/q.txt", "Acme Ltd policy.");
    let (text, lines) = ledger_of(&t);
    for secret in ["Jane", "jane@", "07700", "HAA-1"] {
        assert!(!text.contains(secret), "`{secret}` leaked:\n{text}");
    }
    let t1 = lines.iter().find(|l| l["question"] == "T-1").unwrap();
    assert_eq!(t1["company_number"], Value::Null);
    assert_eq!(t1["evidence"][0]["verifier"], "Holloway Audit LLP");
    assert_eq!(t1["evidence"][1]["verifier"], Value::Null);
    assert_eq!(t1["evidence"][1]["certificate"], Value::Null);
}

/// `ledger-index`: `--ledger` reads a ledger through its index, only the lines that may
/// concern the tender, and gives exactly the flags of a full read; an index that no longer
/// fits its ledger is not used (a note says so) and `check` refuses it.
#[test]
fn an_index_reads_only_what_concerns_the_tender_and_never_changes_the_flags() {
    let a = this_council();
    let (_b, dir, path) = ashworth_ledger();
    // A third council's tender, whose supplier bids nowhere here: lines nobody here concerns.
    let c = tender("Third Council", "T-009");
    supplier(
        &c,
        "cabbage",
        &response(
            "Cabbage Deck Ltd",
            Some("99000001"),
            "full",
            "2026-03-01",
            "Ours",
        ),
        "Cabbage Deck Ltd AI policy. Issued 1 March 2026.",
    );
    let (third, _) = ledger_of(&c);
    let original = format!("{}{third}", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &original).unwrap();
    let arg = path.to_str().unwrap();
    let index = dir.path().join("ashworth.jsonl.idx");
    let flags = |j: &Value| -> Vec<Vec<String>> {
        j["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .map(ledger_flags)
            .collect()
    };
    let full = scored(&a, &[&path]);
    assert!(flags(&full).iter().any(|f| !f.is_empty()));

    let o = a.run(&["ledger-index", arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ledger lines indexed"),
        "{}",
        stderr(&o)
    );
    let written = std::fs::read(&index).unwrap();
    assert!(written.starts_with(b"tenderscore ledger index 3\n"));
    let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), full);

    // Cabbage's T-3 line (no evidence, nobody's key here) broken in place, same length: the
    // ledger's modification time moves, so the index is not used and the full read reports
    // the line (a line without keys is read, to report it).
    let cabbage_t3 = third.lines().find(|l| l.contains("\"T-3\"")).unwrap();
    let broken = original.replace(
        cabbage_t3,
        &format!("{{{}}}", " ".repeat(cabbage_t3.len() - 2)),
    );
    assert_eq!(broken.len(), original.len());
    let indexed_at = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, &broken).unwrap();
    let at_time = |t: std::time::SystemTime| {
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(t)
            .unwrap()
    };
    at_time(indexed_at + std::time::Duration::from_secs(2));
    let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ashworth.jsonl:13:"), "{}", stderr(&o));
    // Only an edit that also puts the time back is read through the index, and never meets the
    // broken line ...
    at_time(indexed_at);
    assert_eq!(flags(&scored(&a, &[&path])), flags(&full));
    // ... which `check` finds: it reads every line and compares the index with the ledger as
    // it is now.
    let o = a.run(&["check", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ashworth.jsonl.idx: is not the index of"),
        "{}",
        stderr(&o)
    );
    std::fs::rename(&index, dir.path().join("kept.idx")).unwrap();
    let o = a.run(&["score", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    std::fs::rename(dir.path().join("kept.idx"), &index).unwrap();

    // A ledger that grew, or whose lines moved, is read in full, with a note.
    let grown = format!("{original}{}\n", original.lines().next().unwrap());
    let reordered: String = original.lines().rev().map(|l| format!("{l}\n")).collect();
    assert_eq!(reordered.len(), original.len());
    for changed in [grown.as_str(), reordered.as_str()] {
        std::fs::write(&path, changed).unwrap();
        let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
        assert!(
            stderr(&o).contains("has changed since its index was written; the ledger was read in full (write its index again with `tenderscore ledger-index"),
            "{}",
            stderr(&o)
        );
        let j: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(flags(&j), flags(&full));
        let o = a.run(&["check", ".", "--ledger", arg]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    }
    // So is a ledger beside something that is not an index.
    std::fs::write(&path, &original).unwrap();
    std::fs::write(&index, "tenderscore ledger index 1\nledger-bytes 12\n").unwrap();
    let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
    assert!(
        stderr(&o).contains("is not an index written by `tenderscore ledger-index`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), full);

    // A ledger copied with its index (the same bytes, a new modification time): `check` finds
    // the index right; `score` does not use it until it is written again, and says so.
    let o = a.run(&["ledger-index", arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let copied = std::fs::metadata(&path).unwrap().modified().unwrap()
        + std::time::Duration::from_secs(3600);
    at_time(copied);
    let o = a.run(&["check", ".", "--ledger", arg]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!stderr(&o).contains(".idx"), "{}", stderr(&o));
    let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
    assert!(
        stderr(&o).contains("has changed since its index was written; the ledger was read in full"),
        "{}",
        stderr(&o)
    );
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), full);

    // A ledger with a bad line gets no index, and nothing is written.
    std::fs::remove_file(&index).unwrap();
    std::fs::write(&path, &broken).unwrap();
    let o = a.run(&["ledger-index", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ashworth.jsonl:"), "{}", stderr(&o));
    assert!(!index.exists());
}

/// Through its index, a ledger's line is read only if it may raise a flag: a line of a supplier
/// here that gives the answer it gives here, citing nothing found wanting, is passed over (so
/// a line broken in place, which the full read refuses, is never met); a line that gives
/// another answer is read.
#[test]
fn through_an_index_only_a_line_that_may_raise_a_flag_is_read() {
    let a = this_council();
    let (_b, dir, path) = ashworth_ledger();
    let original = std::fs::read_to_string(&path).unwrap();
    let arg = path.to_str().unwrap();
    let full = scored(&a, &[&path]);
    let o = a.run(&["ledger-index", arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let indexed_at = std::fs::metadata(&path).unwrap().modified().unwrap();
    let t3 = |who: &str| {
        original
            .lines()
            .position(|l| l.contains(who) && l.contains(r#""question":"T-3""#))
            .unwrap()
    };
    // Each line replaced by one of the same length that is not a ledger line, the ledger's
    // modification time put back (as an index cannot tell from the ledger as it was).
    let broken = |n: usize| {
        let text: String = original
            .lines()
            .enumerate()
            .map(|(i, l)| match i == n {
                true => format!("{{{}}}\n", " ".repeat(l.len() - 2)),
                false => format!("{l}\n"),
            })
            .collect();
        assert_eq!(text.len(), original.len());
        std::fs::write(&path, text).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(indexed_at)
            .unwrap();
        a.run(&["score", ".", "--format", "json", "--ledger", arg])
    };
    // Birch answers T-3 `full` in both councils.
    let o = broken(t3("Birch Data Ltd"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), full);
    // Acme answered `part` there and `full` here: its line is read.
    let acme = t3("Acme Analytics Ltd");
    let o = broken(acme);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("ashworth.jsonl:{}:", acme + 1)),
        "{}",
        stderr(&o)
    );
    drop(dir);
}

/// Reading through an index passes over the lines that cannot raise a flag (see
/// `load/ledger_triage.rs`), a rule that must follow the cross-check's: on ledgers varied at
/// random (answers, how each file stood, and whose line it is), the flags read through the
/// index are always those of a full read.
#[test]
fn through_an_index_the_flags_are_a_full_reads_on_varied_ledgers() {
    let a = this_council();
    let (_b, dir, path) = ashworth_ledger();
    // Ashworth's lines, and this council's own under a third council's name.
    let (_, mut base) = ledger_of(&a);
    for l in &mut base {
        l["buyer"] = "Third Council".into();
    }
    base.extend(ledger_of(&other_council()).1);
    let identities: Vec<Value> = base
        .iter()
        .map(|l| {
            serde_json::json!([
                l["supplier"],
                l["legal_names"],
                l["company_number"],
                l["keys"]
            ])
        })
        .collect();
    let arg = path.to_str().unwrap();
    let index = dir.path().join("ashworth.jsonl.idx");
    // A small generator, the same on every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let answers = ["yes", "no", "full", "part", "none", "2", "3", "n/a"];
    let statuses = [
        "rejected",
        "invalid",
        "unconfirmed",
        "confirmed",
        "verified",
        "attached",
    ];
    let (mut flagged, mut cases) = (std::collections::BTreeSet::new(), 0);
    for _ in 0..12 {
        let mut lines = Vec::new();
        for l in &base {
            let mut l = l.clone();
            if l["answer"].is_string() && next(3) == 0 {
                l["answer"] = answers[next(answers.len())].into();
            }
            for e in l["evidence"].as_array_mut().unwrap() {
                if next(3) == 0 {
                    e["status"] = statuses[next(statuses.len())].into();
                }
            }
            if next(6) == 0 {
                // Another supplier's line: its names, number and keys with them.
                let who = &identities[next(identities.len())];
                l["supplier"] = who[0].clone();
                l["legal_names"] = who[1].clone();
                l["company_number"] = who[2].clone();
                let certificates = l["keys"]["certificates"].clone();
                l["keys"] = who[3].clone();
                l["keys"]["certificates"] = certificates;
            }
            lines.push(serde_json::to_string(&l).unwrap());
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let _ = std::fs::remove_file(&index);
        let full = scored(&a, &[&path]);
        let o = a.run(&["ledger-index", arg]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
        assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
        let indexed: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(indexed, full, "{}", lines.join("\n"));
        let flags: Vec<Vec<String>> = full["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .map(ledger_flags)
            .collect();
        flagged.insert(flags);
        cases += 1;
    }
    // The ledgers varied enough to raise different flags.
    assert!(flagged.len() > cases / 2, "{} of {cases}", flagged.len());
}

/// An index is untrusted input too: a directory (or FIFO) in its place is never read as one;
/// `score` reads the ledger in full with a note, `check` says what it is.
#[test]
fn something_that_is_not_a_file_in_an_indexs_place_is_not_read() {
    let a = this_council();
    let (_b, dir, path) = ashworth_ledger();
    let full = scored(&a, &[&path]);
    std::fs::create_dir(dir.path().join("ashworth.jsonl.idx")).unwrap();
    let arg = path.to_str().unwrap();
    let o = a.run(&["score", ".", "--format", "json", "--ledger", arg]);
    assert!(
        stderr(&o).contains("ashworth.jsonl.idx: is a folder, not a regular file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), full);
    let o = a.run(&["check", ".", "--ledger", arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ashworth.jsonl.idx: is a folder, not a regular file"),
        "{}",
        stderr(&o)
    );
}

/// The ledgers one run reads in full are held in memory together, so their bytes are bounded
/// (1 GB; lowered here to 1 MB through `TENDERSCORE_LEDGERS_READ_MB`, which can only lower
/// it): past it, a clear error naming the ledger and what to do, never a run out of memory.
/// Ledgers read through their indexes do not count, as only their few lines are read.
#[test]
fn the_ledgers_read_in_full_in_one_run_are_bounded_together() {
    let a = this_council();
    let (_b, dir, path) = ashworth_ledger();
    let text = std::fs::read_to_string(&path).unwrap();
    // Three ledgers of about 400 KB each: any two fit under 1 MB, all three do not.
    let big = text.repeat(400_000 / text.len() + 1);
    assert!(
        big.len() > 400_000 && big.len() * 2 < 1 << 20,
        "{}",
        big.len()
    );
    let paths: Vec<String> = (0..3)
        .map(|i| {
            let p = dir.path().join(format!("copy-{i}.jsonl"));
            std::fs::write(&p, &big).unwrap();
            p.display().to_string()
        })
        .collect();
    let run = |cmd: &str, ledgers: &[String], mb: &str| {
        let mut args = vec![cmd, "."];
        if cmd == "score" {
            args.extend(["--format", "json"]);
        }
        for p in ledgers {
            args.extend(["--ledger", p.as_str()]);
        }
        std::process::Command::new(env!("CARGO_BIN_EXE_tenderscore"))
            .args(&args)
            .current_dir(a.path())
            .env("TENDERSCORE_LEDGERS_READ_MB", mb)
            .output()
            .unwrap()
    };
    let over = "in full would take the ledgers read in full in this run over 1 MB, the most read at once; give fewer ledgers";
    // Two fit; three do not, for `score` and for `check`, and the error says which and why.
    let o = run("score", &paths[..2], "1");
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    for cmd in ["score", "check"] {
        let o = run(cmd, &paths, "1");
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(over), "{}", stderr(&o));
        assert!(stderr(&o).contains("copy-"), "{}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    // The limit is only ever lowered: a larger number leaves it at 1 GB.
    let o = run("score", &paths, "100000");
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    // Indexed, `score` reads only the lines that concern the tender; `check` still reads all.
    let o = a.run(&[
        "ledger-index",
        paths[0].as_str(),
        paths[1].as_str(),
        paths[2].as_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run("score", &paths, "1");
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let full = scored(&a, &[&path]);
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .map(ledger_flags)
            .collect::<Vec<_>>(),
        full["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .map(ledger_flags)
            .collect::<Vec<_>>()
    );
    let o = run("check", &paths, "1");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(over), "{}", stderr(&o));
}

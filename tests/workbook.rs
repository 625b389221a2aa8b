//! Suppliers answer in a workbook: `template --format xlsx`, reading `response.xlsx` in a
//! submission folder with the rules of `response.yaml` (errors located by sheet and cell),
//! and `convert` both ways.

mod common;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use common::*;
use std::io::Cursor;
use std::path::Path;

/// A response workbook written from scratch, as a spreadsheet program would save one.
struct Book {
    supplier: Vec<(String, String)>,
    answers: Vec<Vec<Cell>>,
    evidence: Vec<Vec<Cell>>,
    formula: Option<(String, u32, u16, String, f64)>,
    skip_supplier_sheet: bool,
}

#[derive(Clone)]
enum Cell {
    S(&'static str),
    N(f64),
    Date(u16, u8, u8),
    E,
}

use Cell::*;

impl Book {
    fn new() -> Book {
        Book {
            supplier: vec![("supplier".into(), "Acme AI Ltd".into())],
            answers: Vec::new(),
            evidence: Vec::new(),
            formula: None,
            skip_supplier_sheet: false,
        }
    }

    /// `question, rubric, section, text, guidance, allowed, answer, comment, justification`:
    /// only the id, the answer and the comment matter.
    fn answer(mut self, id: &'static str, answer: Cell) -> Book {
        self.answers.push(vec![
            S(id),
            S("t@1.0.0"),
            S("a"),
            S("q"),
            S("g"),
            S("allowed"),
            answer,
            E,
            E,
        ]);
        self
    }

    fn evidence(mut self, row: Vec<Cell>) -> Book {
        self.evidence.push(row);
        self
    }

    fn bytes(&self) -> Vec<u8> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let write = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &Cell| match v {
            S(s) => {
                ws.write_string(r, c, *s).unwrap();
            }
            N(n) => {
                ws.write_number(r, c, *n).unwrap();
            }
            Date(y, m, d) => {
                ws.write_datetime_with_format(
                    r,
                    c,
                    ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                    &date,
                )
                .unwrap();
            }
            E => {}
        };
        if !self.skip_supplier_sheet {
            let ws = wb.add_worksheet();
            ws.set_name("Supplier").unwrap();
            ws.write_string(0, 0, "Response workbook").unwrap();
            for (i, (k, v)) in self.supplier.iter().enumerate() {
                ws.write_string(2 + i as u32, 0, k).unwrap();
                ws.write_string(2 + i as u32, 1, v).unwrap();
            }
        }
        let ws = wb.add_worksheet();
        ws.set_name("Answers").unwrap();
        for (c, h) in [
            "question",
            "rubric",
            "section",
            "text",
            "guidance",
            "allowed",
            "answer",
            "comment",
            "justification",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in self.answers.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                write(ws, r as u32 + 1, c as u16, v);
            }
        }
        if let Some((sheet, r, c, f, cached)) = &self.formula {
            if sheet == "Answers" {
                ws.write_formula(
                    *r,
                    *c,
                    Formula::new(f.as_str()).set_result(cached.to_string()),
                )
                .unwrap();
            }
        }
        let ws = wb.add_worksheet();
        ws.set_name("Evidence").unwrap();
        for (c, h) in [
            "question",
            "file",
            "kind",
            "issued",
            "expires",
            "verified_by",
            "certificate",
            "sha256",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in self.evidence.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                write(ws, r as u32 + 1, c as u16, v);
            }
        }
        wb.save_to_buffer().unwrap()
    }
}

fn tender_with(book: &Book) -> Tender {
    let t = Tender::medium();
    t.file(
        "submissions/acme/evidence/policy.txt",
        "A real policy document.\n",
    );
    std::fs::write(
        t.path().join("submissions/acme/response.xlsx"),
        book.bytes(),
    )
    .unwrap();
    t
}

/// `check` output for a workbook.
fn check(book: &Book) -> String {
    let t = tender_with(book);
    let out = t.run(&["check", "."]);
    stdout(&out) + &stderr(&out)
}

#[test]
fn a_workbook_scores_as_the_same_yaml_does() {
    let book = Book::new()
        .answer("T-1", N(3.0))
        .answer("T-2", S("yes"))
        .answer("T-3", S("part"))
        .answer("T-4", N(48.0))
        .answer("T-5", S("We test every release against a held-out set."))
        .evidence(vec![
            S("T-1"),
            S("evidence/policy.txt"),
            S("policy"),
            Date(2026, 1, 1),
        ])
        .evidence(vec![
            S("T-2"),
            S("evidence/policy.txt"),
            S("contract_clause"),
            S("2026-02-01"),
        ]);
    let t = tender_with(&book);
    let from_book = t.json();
    std::fs::remove_file(t.path().join("submissions/acme/response.xlsx")).unwrap();
    t.response(
        "acme",
        "supplier: Acme AI Ltd\nanswers:\n  T-1:\n    answer: 3\n    evidence:\n      - {file: evidence/policy.txt, kind: policy, issued: 2026-01-01}\n  T-2:\n    answer: yes\n    evidence:\n      - {file: evidence/policy.txt, kind: contract_clause, issued: 2026-02-01}\n  T-3:\n    answer: part\n  T-4:\n    answer: 48\n  T-5:\n    answer: We test every release against a held-out set.\n",
    );
    let from_yaml = t.json();
    let s = |j: &serde_json::Value| {
        let mut s = j["suppliers"][0].clone();
        s.as_object_mut().unwrap().remove("response_sha256");
        s.as_object_mut().unwrap().remove("response_file");
        s
    };
    assert_eq!(s(&from_book), s(&from_yaml));
    assert!(from_book["suppliers"][0]["total"].as_f64().unwrap() > 0.0);
}

#[test]
fn each_error_names_its_sheet_and_cell() {
    // A value not in the drop-down, typed anyway (answer column G, first data row 2).
    let out = check(&Book::new().answer("T-1", S("high")));
    assert!(out.contains("response.xlsx: Answers!G2: "), "{out}");
    assert!(out.contains("`high`") || out.contains("high"), "{out}");
    // A duplicated question row: rejected as a duplicate key is.
    let out = check(&Book::new().answer("T-1", N(1.0)).answer("T-1", N(2.0)));
    assert!(
        out.contains("response.xlsx: Answers!A3: ") && out.contains("duplicate"),
        "{out}"
    );
    // An unknown question id, with a suggestion.
    let out = check(&Book::new().answer("T-9", N(1.0)));
    assert!(
        out.contains("response.xlsx: Answers!A2: `T-9` is not a question"),
        "{out}"
    );
    // A bad date in the Evidence sheet (column D).
    let out = check(&Book::new().answer("T-1", N(3.0)).evidence(vec![
        S("T-1"),
        S("evidence/policy.txt"),
        S("policy"),
        S("01/02/2026"),
    ]));
    assert!(
        out.contains("response.xlsx: Evidence!D2: issued: expected a date YYYY-MM-DD"),
        "{out}"
    );
    // An evidence kind that is not one.
    let out = check(&Book::new().answer("T-1", N(3.0)).evidence(vec![
        S("T-1"),
        S("evidence/policy.txt"),
        S("brochure"),
    ]));
    assert!(
        out.contains("response.xlsx: Evidence!C2: ") && out.contains("brochure"),
        "{out}"
    );
    // A missing Supplier sheet.
    let mut book = Book::new().answer("T-1", N(3.0));
    book.skip_supplier_sheet = true;
    let out = check(&book);
    assert!(out.contains("no sheet named `Supplier`"), "{out}");
    // An empty supplier name is located at its cell.
    let mut book = Book::new().answer("T-1", N(3.0));
    book.supplier = vec![("supplier".into(), String::new())];
    let out = check(&book);
    assert!(
        out.contains("response.xlsx: Supplier!B3: supplier must not be empty"),
        "{out}"
    );
}

#[test]
fn a_formula_cell_counts_by_its_cached_value_with_a_warning() {
    let mut book = Book::new().answer("T-4", E);
    book.formula = Some(("Answers".into(), 1, 6, "=24*2".into(), 48.0));
    let t = tender_with(&book);
    let j = t.json();
    let q = question(&j["suppliers"][0], "T-4");
    assert_eq!(q["answer"], 48.0);
    let out = t.run(&["check", "."]);
    let text = stdout(&out);
    assert!(text.contains("Answers!G2: a formula (=24*2)"), "{text}");
}

#[test]
fn hostile_files_are_refused_not_read() {
    // Not a workbook at all.
    let t = Tender::medium();
    t.file("submissions/acme/response.xlsx", "supplier: I am YAML\n");
    let out = t.run(&["check", "."]);
    assert!(
        stdout(&out).contains("not an Excel workbook (.xlsx)"),
        "{}",
        stdout(&out)
    );
    // A zip bomb: one part that expands far beyond any response.
    let t = Tender::medium();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "xl/worksheets/sheet1.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..40 {
        std::io::Write::write_all(&mut zip, &zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "compressed small");
    std::fs::create_dir_all(t.path().join("submissions/acme")).unwrap();
    std::fs::write(t.path().join("submissions/acme/response.xlsx"), bytes).unwrap();
    let out = t.run(&["check", "."]);
    assert!(
        stdout(&out).contains("expands to more than 32 MiB"),
        "{}",
        stdout(&out)
    );
    // Both forms at once.
    let t = tender_with(&Book::new().answer("T-1", N(3.0)));
    t.response("acme", "supplier: Acme\nanswers:\n  T-1:\n    answer: 3\n");
    let out = t.run(&["check", "."]);
    assert!(
        stdout(&out).contains("both response.yaml and response.xlsx"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_template_workbook_has_drop_downs_locked_questions_and_stable_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/care-triage");
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.xlsx");
    let b = tmp.path().join("b.xlsx");
    for p in [&a, &b] {
        let out = run_in(&dir, &["template", ".", "-o", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes == std::fs::read(&b).unwrap(), "not byte-identical");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    // The example has [award], so its workbook has a Price sheet too.
    assert_eq!(
        wb.sheet_names(),
        ["Supplier", "Answers", "Evidence", "Price"]
    );
    let answers: Vec<Vec<Data>> = wb
        .worksheet_range("Answers")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let header: Vec<String> = answers[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "question",
            "rubric",
            "section",
            "text",
            "guidance",
            "allowed",
            "answer",
            "comment",
            "justification"
        ]
    );
    // One row per question the tender asks (the YAML template lists the same ids).
    let yaml = stdout(&run_in(&dir, &["template", "."]));
    let ids: Vec<String> = answers[1..].iter().map(|r| r[0].to_string()).collect();
    for id in &ids {
        assert!(
            yaml.contains(&format!("  {id}:\n")),
            "{id} not in the YAML template"
        );
    }
    assert_eq!(ids.len(), yaml.matches("\n    answer:").count());
    let supplier: Vec<Vec<Data>> = wb
        .worksheet_range("Supplier")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    assert!(supplier
        .iter()
        .any(|r| r[0] == Data::String("tender".into())
            && r[1] == Data::String("NMBC-2026-031".into())));

    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let sheet2 = read("xl/worksheets/sheet2.xml");
    assert!(sheet2.contains("<sheetProtection"), "Answers not protected");
    assert!(
        sheet2.contains(r#"type="list""#) && sheet2.contains("\"0,1,2,3,4\""),
        "no level drop-down"
    );
    assert!(sheet2.contains("\"yes,no\""), "no yes/no drop-down");
    let sheet3 = read("xl/worksheets/sheet3.xml");
    assert!(
        sheet3.contains("certificate,audit_report") || sheet3.contains("policy,register"),
        "no kind drop-down"
    );
    let styles = read("xl/styles.xml");
    assert!(styles.contains(r#"locked="0""#), "no unlocked cells");
}

#[test]
fn every_example_submission_round_trips_through_a_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("t");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/care-triage"),
        &dir,
    );
    // Decisions are tied to each response's hash, which a new form changes.
    let _ = std::fs::remove_file(dir.join("decisions.csv"));
    let figures = |dir: &Path| {
        let out = run_in(dir, &["score", ".", "--format", "json"]);
        let mut j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for s in j["suppliers"].as_array_mut().unwrap() {
            s.as_object_mut().unwrap().remove("response_sha256");
            s.as_object_mut().unwrap().remove("response_file");
        }
        j["suppliers"].clone()
    };
    let before = figures(&dir);
    let subs = dir.join("submissions");
    let folders: Vec<_> = std::fs::read_dir(&subs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut yaml_before = Vec::new();
    for f in &folders {
        let yaml = f.join("response.yaml");
        let xlsx = f.join("response.xlsx");
        let (from, to) = if yaml.exists() {
            (&yaml, &xlsx)
        } else {
            (&xlsx, &yaml)
        };
        let out = run_in(
            &dir,
            &[
                "convert",
                from.to_str().unwrap(),
                "-o",
                to.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        yaml_before.push(yaml.exists());
        std::fs::remove_file(from).unwrap();
    }
    assert_eq!(figures(&dir), before, "scored from the other form");
    // And back again.
    for f in &folders {
        let yaml = f.join("response.yaml");
        let xlsx = f.join("response.xlsx");
        let (from, to) = if yaml.exists() {
            (&yaml, &xlsx)
        } else {
            (&xlsx, &yaml)
        };
        let out = run_in(
            &dir,
            &[
                "convert",
                from.to_str().unwrap(),
                "-o",
                to.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        std::fs::remove_file(from).unwrap();
    }
    assert_eq!(figures(&dir), before, "scored after the round trip");
}

#[test]
fn evidence_findings_name_the_evidence_row() {
    let out = check(&Book::new().answer("T-1", N(3.0)).evidence(vec![
        S("T-1"),
        S("evidence/missing.txt"),
        S("policy"),
        S("2026-01-01"),
    ]));
    assert!(
        out.contains(
            "response.xlsx: Evidence!B2: T-1: evidence evidence/missing.txt: file not found"
        ),
        "{out}"
    );
}

/// The example scored as JSON, from a folder.
fn score_json(dir: &Path) -> serde_json::Value {
    let o = run_in(dir, &["score", ".", "--format", "json"]);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)))
}

#[test]
fn a_price_sheet_scores_exactly_as_price_yaml_does() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    let d = dir.path();
    let before = score_json(d);
    let lark = d.join("submissions/larkspur");
    let tmp = d.join("work");
    std::fs::create_dir(&tmp).unwrap();
    // Larkspur's workbook as YAML, with its price.yaml beside it, back to a workbook: the
    // price goes into the Price sheet.
    let yaml = tmp.join("response.yaml");
    let o = run_in(
        d,
        &[
            "convert",
            "submissions/larkspur/response.xlsx",
            "-o",
            yaml.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::copy(lark.join("price.yaml"), tmp.join("price.yaml")).unwrap();
    // Written elsewhere: a workbook written beside price.yaml leaves its Price sheet blank.
    std::fs::create_dir(tmp.join("out")).unwrap();
    let book = tmp.join("out/response.xlsx");
    let o = run_in(
        d,
        &[
            "convert",
            yaml.to_str().unwrap(),
            "-o",
            book.to_str().unwrap(),
            "--tender",
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A panel decision on Larkspur would bind to its workbook's hash: moved to the new one.
    let hash = |p: &Path| {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(std::fs::read(p).unwrap()))
    };
    let (old, new) = (hash(&lark.join("response.xlsx")), hash(&book));
    let decisions = std::fs::read_to_string(d.join("decisions.csv")).unwrap();
    std::fs::write(
        d.join("decisions.csv"),
        decisions.replace(&old[..16], &new[..16]),
    )
    .unwrap();
    std::fs::copy(&book, lark.join("response.xlsx")).unwrap();
    // Both the sheet and price.yaml: refused, naming the workbook.
    let o = run_in(d, &["check", "."]);
    assert!(
        stdout(&o).contains(
            "larkspur/response.xlsx: the Price sheet is filled in and price.yaml is here too"
        ),
        "{}",
        stdout(&o)
    );
    std::fs::remove_file(lark.join("price.yaml")).unwrap();
    let after = score_json(d);
    let (a, b) = (
        by_folder(&before, "larkspur"),
        by_folder(&after, "larkspur"),
    );
    assert!(a["price"]["score"].is_number(), "{}", a["price"]);
    assert_eq!(
        a["price"], b["price"],
        "the same price, cost line by cost line"
    );
    assert_eq!(a["award_score"], b["award_score"]);
    assert_eq!(a["rank"], b["rank"]);
    for s in before["suppliers"].as_array().unwrap() {
        let folder = s["folder"].as_str().unwrap();
        assert_eq!(
            s["award_score"],
            by_folder(&after, folder)["award_score"],
            "{folder}"
        );
    }
    // The workbook's hash now stands for the price (a price decision binds to it).
    assert_eq!(b["price_sha256"], b["response_sha256"]);
    // Back to YAML, the sheet becomes price.yaml beside the response.
    let out = tmp.join("again/response.yaml");
    std::fs::create_dir(tmp.join("again")).unwrap();
    let o = run_in(
        d,
        &[
            "convert",
            "submissions/larkspur/response.xlsx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let price = std::fs::read_to_string(tmp.join("again/price.yaml")).unwrap();
    let original =
        std::fs::read_to_string(example().join("submissions/larkspur/price.yaml")).unwrap();
    let amounts = |t: &str| -> Vec<String> {
        let v: serde_json::Value = serde_saphyr::from_str(t).unwrap();
        let mut a: Vec<String> = v["costs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_f64().unwrap()))
            .collect();
        a.sort();
        a
    };
    assert_eq!(amounts(&price), amounts(&original));
}

#[test]
fn template_price_as_a_workbook_has_one_row_per_cost_line() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("price.xlsx");
    let o = run_in(
        &example(),
        &["template", ".", "--price", "-o", book.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&book).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert!(wb.sheet_names().contains(&"Price".to_string()));
    let sheet = wb.worksheet_range("Price").unwrap();
    let header = sheet
        .rows()
        .position(|r| r[0] == Data::String("cost".into()))
        .unwrap();
    let lines: Vec<String> = sheet
        .rows()
        .skip(header + 1)
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(
        lines,
        ["implementation", "licence"],
        "one row per cost line"
    );
}

#[test]
fn a_formula_or_text_in_the_price_sheet_is_an_error_at_its_cell() {
    use rust_xlsxwriter::{Formula, Workbook};
    let t = Tender::new(
        "id = \"P-1\"\ntitle = \"Priced\"\nrisk = \"low\"\nas_of = 2026-10-01\n\n[[rubrics]]\nuse = \"gdpr@1.2.0\"\n\n[scoring]\nmin_total = 0\n\n[award]\nquality_weight = 70\nprice_weight = 30\nquality_threshold = 0\nprice_method = \"lowest\"\nyears = 2\n\n[[award.costs]]\nid = \"implementation\"\nlabel = \"Implementation\"\n\n[[award.costs]]\nid = \"licence\"\nlabel = \"Licence\"\nper_year = true\n",
    );
    let book = |licence: &dyn Fn(&mut rust_xlsxwriter::Worksheet)| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Supplier").unwrap();
        ws.write_string(0, 0, "supplier").unwrap();
        ws.write_string(0, 1, "Acme AI Ltd").unwrap();
        let ws = wb.add_worksheet().set_name("Answers").unwrap();
        for (c, h) in ["question", "answer", "comment", "justification"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let ws = wb.add_worksheet().set_name("Evidence").unwrap();
        for (c, h) in ["question", "file", "kind"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let ws = wb.add_worksheet().set_name("Price").unwrap();
        ws.write_string(1, 0, "currency").unwrap();
        ws.write_string(1, 1, "GBP").unwrap();
        for (c, h) in ["cost", "label", "per_year", "amount"].iter().enumerate() {
            ws.write_string(3, c as u16, *h).unwrap();
        }
        ws.write_string(4, 0, "implementation").unwrap();
        ws.write_number(4, 3, 1000.0).unwrap();
        ws.write_string(5, 0, "licence").unwrap();
        licence(ws);
        wb.save_to_buffer().unwrap()
    };
    let dir = t.path().join("submissions/acme");
    std::fs::create_dir_all(&dir).unwrap();
    // A formula: refused, not read by its cached value.
    std::fs::write(
        dir.join("response.xlsx"),
        book(&|ws| {
            ws.write_formula(5, 3, Formula::new("=D5*2").set_result("2000"))
                .unwrap();
        }),
    )
    .unwrap();
    let out = stdout(&t.run(&["check", "."]));
    assert!(
        out.contains("response.xlsx: Price!D6: a formula (=D5*2): type the amount itself"),
        "{out}"
    );
    // Text where the amount belongs: an error at its cell.
    std::fs::write(
        dir.join("response.xlsx"),
        book(&|ws| {
            ws.write_string(5, 3, "about 500").unwrap();
        }),
    )
    .unwrap();
    let out = stdout(&t.run(&["check", "."]));
    assert!(out.contains("response.xlsx: Price!D6:"), "{out}");
    // A number: scored as price.yaml would be (1,000 + 2 × 500).
    std::fs::write(
        dir.join("response.xlsx"),
        book(&|ws| {
            ws.write_number(5, 3, 500.0).unwrap();
        }),
    )
    .unwrap();
    let j = t.json();
    assert_eq!(j["suppliers"][0]["price"]["whole_life_cost"], 2000.0);
}

//! The panel's documents: the HTML report (parsed with an HTML parser and checked against the
//! JSON result), and byte-identical output for identical inputs.

mod common;
use common::*;
use scraper::{Html, Selector};
use std::path::Path;

fn report(dir: &Path) -> String {
    let out = run_in(dir, &["report", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

fn score_json(dir: &Path) -> serde_json::Value {
    let out = run_in(dir, &["score", ".", "--format", "json"]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

fn pct(v: &serde_json::Value) -> String {
    v.as_f64().map(|v| format!("{v:.1}")).unwrap_or("–".into())
}

#[test]
fn report_figures_match_the_json_result() {
    let html = report(&example());
    let json = score_json(&example());
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    // Self-contained: no script, no external resource.
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("link, img, iframe, object")).count(), 0);
    let without_svg_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_svg_ns.contains("http"), "no link outside the file");
    assert!(html.contains("@media print"));

    let suppliers = json["suppliers"].as_array().unwrap();
    let rows: Vec<_> = doc.select(&sel("#ranking tbody tr")).collect();
    assert_eq!(rows.len(), suppliers.len());
    for (row, s) in rows.iter().zip(suppliers) {
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        assert_eq!(row.value().attr("data-folder"), s["folder"].as_str());
        let rank = s["rank"]
            .as_u64()
            .map(|r| r.to_string())
            .unwrap_or("–".into());
        assert_eq!(cells[0], rank);
        assert_eq!(cells[1], s["supplier"].as_str().unwrap());
        assert_eq!(cells[2], pct(&s["total"]), "quality of {}", s["folder"]);
        // The example evaluates price: cost, price score, award score.
        let cost = row.select(&sel("td[data-value]")).next().unwrap();
        assert_eq!(
            cost.value()
                .attr("data-value")
                .unwrap()
                .parse::<f64>()
                .unwrap(),
            s["price"]["whole_life_cost"].as_f64().unwrap()
        );
        assert_eq!(cells[4], pct(&s["price"]["score"]));
        assert_eq!(cells[5], pct(&s["award_score"]));
        assert_eq!(cells[6], s["status"].as_str().unwrap());
    }

    // Heat map: every section figure of every supplier.
    let heads: Vec<String> = doc
        .select(&sel("#sections thead th[data-folder]"))
        .map(|h| h.value().attr("data-folder").unwrap().to_string())
        .collect();
    let folders: Vec<&str> = suppliers
        .iter()
        .map(|s| s["folder"].as_str().unwrap())
        .collect();
    assert_eq!(heads, folders);
    let mut checked = 0;
    for row in doc.select(&sel("#sections tbody tr")) {
        let key = row.value().attr("data-key").unwrap();
        let cells: Vec<String> = row.select(&sel("td.n")).map(text).collect();
        for (cell, s) in cells.iter().zip(suppliers) {
            assert_eq!(*cell, pct(&s["sections"][key]), "{key} of {}", s["folder"]);
            checked += 1;
        }
    }
    let sections: usize = json["rubrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sections"].as_array().unwrap().len())
        .sum();
    assert_eq!(checked, sections * suppliers.len());

    // Stacked bars: one labelled bar per supplier, the label the quality total.
    let bars: Vec<String> = doc.select(&sel("#bars > text")).map(text).collect();
    for s in suppliers {
        assert!(bars.contains(&pct(&s["total"])), "bar for {}", s["folder"]);
    }
    // Award chart and verdict.
    assert_eq!(doc.select(&sel("#award")).count(), 1);
    let verdict = text(doc.select(&sel("#verdict strong")).next().unwrap());
    assert_eq!(verdict, json["sensitivity"]["verdict"].as_str().unwrap());

    // One findings section per supplier, in ranking order.
    let sections: Vec<_> = doc
        .select(&sel("section.supplier"))
        .map(|s| s.value().attr("data-folder").unwrap().to_string())
        .collect();
    assert_eq!(sections, folders);
}

#[test]
fn report_prints_on_a4_in_words_with_a_stamp_and_a_lightness_palette() {
    let html = report(&example());
    // Print rules: A4 with margins, colours kept, no row or list item split across pages,
    // table headers repeated, page numbers where the browser supports margin boxes.
    for rule in [
        "@page{size:A4;margin:",
        "print-color-adjust:exact",
        "tr,li{break-inside:avoid",
        "thead{display:table-header-group}",
        "counter(page)",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
    // The stamp: tool version, rules version, the SHA-256 of the JSON result, the as-of date.
    let json = run_in(&example(), &["score", ".", "--format", "json"]).stdout;
    let digest = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&json))
    };
    let doc = Html::parse_document(&html);
    let stamp = text(doc.select(&sel("footer#stamp")).next().unwrap());
    assert_eq!(
        stamp,
        format!(
            "tenderscore {} · scoring rules 2 · result SHA-256 {digest} · as of 2026-10-01",
            env!("CARGO_PKG_VERSION")
        )
    );
    // Labels in words: no internal names in what a reader sees.
    let visible: String = doc.root_element().text().collect();
    for internal in ["price_weight", "quality_weight", "psed@1.1.0", "`"] {
        assert!(!visible.contains(internal), "{internal} shown");
    }
    // Axes: every bar chart has its scale.
    for chart in ["#bars", "#award"] {
        let ticks: Vec<String> = doc
            .select(&sel(&format!("{chart} text[text-anchor=middle]")))
            .map(text)
            .collect();
        for t in ["0", "25", "50", "75", "100", "score, 0 to 100"] {
            assert!(ticks.iter().any(|x| x == t), "{chart} lacks {t}: {ticks:?}");
        }
    }
    // The heat map: a value in every cell, and a darker shade for every higher value.
    let mut cells: Vec<(f64, f64)> = Vec::new();
    for td in doc.select(&sel("#sections tbody td.n")) {
        let v = text(td);
        let Ok(value) = v.parse::<f64>() else {
            assert_eq!(v, "–");
            continue;
        };
        let style = td.value().attr("style").unwrap();
        let l: f64 = style
            .split(',')
            .nth(2)
            .and_then(|x| x.split('%').next())
            .unwrap()
            .parse()
            .unwrap();
        cells.push((value, l));
    }
    assert!(cells.len() > 100);
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in cells.windows(2) {
        assert!(
            w[1].1 <= w[0].1,
            "lightness must fall as the value rises: {w:?}"
        );
    }
    let (lo, hi) = (cells[0], cells[cells.len() - 1]);
    assert!(
        lo.1 - hi.1 >= 40.0,
        "0 and 100 must differ in lightness: {lo:?} {hi:?}"
    );
    // Each finding once: Cobalt's contradiction is among its reasons, not repeated per question.
    let cobalt = doc
        .select(&sel("section.supplier[data-folder=cobalt-analytics]"))
        .next()
        .unwrap();
    let c = text(cobalt);
    assert_eq!(
        c.matches("Claims meaningful human involvement").count(),
        1,
        "{c}"
    );
}

#[test]
fn report_is_byte_identical_across_runs() {
    assert_eq!(report(&example()), report(&example()));
}

#[test]
fn report_escapes_supplier_text() {
    let t = Tender::medium();
    let name = "<script>alert(1)</script> & \"Quote\" <img src=x onerror=y>";
    t.response(
        "evil",
        &format!(
            "supplier: '{}'\nanswers:\n  T-5:\n    answer: \"</td><b>bold</b>\\u202E\"\n",
            name.replace('\'', "''")
        ),
    );
    let html = report(t.path());
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("script, img, b")).count(), 0, "{html}");
    let cell = doc.select(&sel("#ranking tbody td")).nth(1).unwrap();
    assert_eq!(text(cell), name);
    assert!(!html.contains('\u{202E}'));
}

#[test]
fn report_without_award_has_no_price_columns() {
    let fixture = fixtures().join("care-triage-rules1");
    let html = report(&fixture);
    let doc = Html::parse_document(&html);
    let heads: Vec<String> = doc.select(&sel("#ranking th")).map(text).collect();
    assert_eq!(heads, ["Rank", "Supplier", "Quality", "Status"]);
    assert_eq!(doc.select(&sel("#award")).count(), 0);
}

fn run_example(args: &[&str]) -> String {
    let out = run_in(&example(), args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// Numbered items of a Markdown letter whose text starts with `id` and a space or colon.
fn items_about(letter: &str, id: &str) -> usize {
    letter
        .lines()
        .filter(|l| {
            l.split_once(". ").is_some_and(|(n, rest)| {
                n.chars().all(|c| c.is_ascii_digit())
                    && (rest.starts_with(&format!("{id}:")) || rest.starts_with(&format!("{id} ")))
            })
        })
        .count()
}

#[test]
fn clarify_letters_can_be_sent_as_they_are() {
    let letter = run_example(&["clarify", ".", "--supplier", "cobalt-analytics"]);
    assert!(letter.contains("To: Cobalt Analytics plc"));
    assert!(
        letter.contains("it may not change its substance"),
        "{letter}"
    );
    // No panel notes, no folder names.
    assert!(!letter.contains("for the panel"), "{letter}");
    assert!(!letter.contains("cobalt-analytics"), "{letter}");
    // GDPR-2 is a failed gate whose required evidence is also missing: asked once.
    assert_eq!(items_about(&letter, "GDPR-2"), 1, "{letter}");
    assert!(letter.contains("Also: you answered"), "{letter}");
    // Nothing invites a supplier to change its answers after the deadline.
    assert!(!letter.contains("correct it"), "{letter}");
    assert!(!letter.contains("Can you answer it?"), "{letter}");

    // The panel's notes are apart.
    let panel = run_example(&["clarify", ".", "--panel"]);
    assert!(panel.contains("(not to send)"));
    assert!(panel.contains("CONTRACT-7"), "{panel}");
    let letters = run_example(&["clarify", "."]);
    assert!(!letters.contains("CONTRACT-7 (for the panel)"));
    assert!(!letters.contains("(not to send)"));
}

#[test]
fn clarify_letters_go_one_file_per_supplier() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("letters");
    let out = run_in(
        &example(),
        &["clarify", ".", "--letters", dir.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = score_json(&example());
    for s in json["suppliers"].as_array().unwrap() {
        let folder = s["folder"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{folder}.md"))).unwrap();
        assert!(text.contains(&format!("To: {}", s["supplier"].as_str().unwrap())));
        for other in json["suppliers"].as_array().unwrap() {
            if other["folder"] != s["folder"] {
                let name = other["supplier"].as_str().unwrap();
                assert!(!text.contains(&format!("To: {name}")), "{folder}: {name}");
            }
        }
    }
}

#[test]
fn clarify_letter_names_no_local_path() {
    let t = Tender::medium();
    t.response("broken", "supplier: Broken Ltd\nanswers: [\n");
    let out = t.run(&["clarify", t.path().to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("response.yaml:"), "{text}");
    let root = t.path().to_str().unwrap();
    assert!(!text.contains(root), "{text}");
    assert!(!text.contains("resubmit"), "{text}");
}

#[test]
fn summary_of_an_incomplete_supplier_is_provisional() {
    let text = run_example(&[
        "summary",
        ".",
        "--supplier",
        "meadowbank-analytics",
        "--draft",
    ]);
    assert!(text.contains("**Provisional.**"), "{text}");
    let pending = text
        .split("## Still to be settled by the panel")
        .nth(1)
        .unwrap();
    assert!(pending.contains("CONTRACT-7 needs a moderated mark"));
    assert!(!text.contains("## Pass/fail criteria"), "{text}");
    let json = run_example(&[
        "summary",
        ".",
        "--supplier",
        "meadowbank-analytics",
        "--format",
        "json",
        "--draft",
    ]);
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["provisional"], true);
    assert_eq!(j["draft"], true);
    assert_eq!(j["reasons"].as_array().unwrap().len(), 0);
    // A supplier with nothing of its own pending has no banner of its own, but the draft's.
    let done = run_example(&["summary", ".", "--supplier", "larkspur", "--draft"]);
    assert!(!done.contains("**Provisional.**"));
    assert!(done.starts_with("**DRAFT"));
}

mod workbook {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Cursor;

    fn xlsx(dir: &Path, args: &[&str]) -> Vec<u8> {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("scores.xlsx");
        let mut all = args.to_vec();
        all.extend(["-o", path.to_str().unwrap()]);
        let out = run_in(dir, &all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        std::fs::read(path).unwrap()
    }

    fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
    }

    /// The sheet as rows of cells, the header row first.
    fn rows(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
        let range = wb.worksheet_range(name).unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    fn column(header: &[Data], name: &str) -> usize {
        header
            .iter()
            .position(|h| *h == Data::String(name.into()))
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// A figure cell equals the JSON figure exactly: a number, or empty for null.
    fn same(cell: &Data, json: &serde_json::Value, what: &str) {
        match json.as_f64() {
            Some(v) => assert_eq!(*cell, Data::Float(v), "{what}"),
            None => assert_eq!(*cell, Data::Empty, "{what}"),
        }
    }

    #[test]
    fn every_figure_matches_the_json_result() {
        let bytes = xlsx(&example(), &["score", "."]);
        let json = score_json(&example());
        let mut wb = open(&bytes);
        let refs: Vec<&str> = json["rubrics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ref"].as_str().unwrap())
            .collect();
        let mut expected = vec!["Summary".to_string(), "Detail".to_string()];
        expected.extend(
            refs.iter()
                .map(|r| r.split('@').next().unwrap().to_string()),
        );
        assert_eq!(wb.sheet_names(), expected);

        let suppliers = json["suppliers"].as_array().unwrap();
        let summary = rows(&mut wb, "Summary");
        // The evaluation's standing comes first, on its own row; then the header.
        assert_eq!(
            summary[0][0],
            Data::String(
                "Provisional: 2 matters for the panel to settle before award (abnormally low, marks); no tender is named the most advantageous yet."
                    .into()
            )
        );
        let h = &summary[1];
        // The rows, one blank row, then where the (hidden) Detail sheet is.
        assert_eq!(summary.len(), suppliers.len() + 4);
        assert_eq!(
            summary[suppliers.len() + 3][0],
            Data::String(tenderscore::render::xlsx::DETAIL_NOTE.into())
        );
        assert!(summary[suppliers.len() + 2]
            .iter()
            .all(|c| *c == Data::Empty));
        // Detail is hidden, so printing the workbook gives the pack (summary and a page per
        // rubric); every other sheet is visible.
        for sheet in wb.sheets_metadata() {
            let hidden = sheet.name == "Detail";
            assert_eq!(
                sheet.visible,
                if hidden {
                    calamine::SheetVisible::Hidden
                } else {
                    calamine::SheetVisible::Visible
                },
                "{}",
                sheet.name
            );
        }
        for (row, s) in summary[2..2 + suppliers.len()].iter().zip(suppliers) {
            let who = s["folder"].as_str().unwrap();
            assert_eq!(row[column(h, "Folder")], Data::String(who.into()));
            same(&row[column(h, "Rank")], &s["rank"], who);
            same(&row[column(h, "Quality total")], &s["total"], who);
            same(&row[column(h, "Award score")], &s["award_score"], who);
            same(&row[column(h, "Price score")], &s["price"]["score"], who);
            same(
                &row[column(h, "Whole-life cost")],
                &s["price"]["whole_life_cost"],
                who,
            );
            for r in &refs {
                let id = r.split('@').next().unwrap();
                same(
                    &row[column(h, id)],
                    &s["rubrics"][*r],
                    &format!("{who} {r}"),
                );
            }
            for (header, count) in [
                ("Claims", "claims"),
                ("Without evidence", "unevidenced"),
                ("Invalid evidence", "invalid_evidence"),
                ("Unanswered", "unanswered"),
                ("Flags", "flags"),
            ] {
                same(
                    &row[column(h, header)],
                    &s["counts"][count],
                    &format!("{who} {count}"),
                );
            }
        }

        let detail = rows(&mut wb, "Detail");
        let h = &detail[0];
        let mut n = 1;
        for s in suppliers {
            for q in s["questions"].as_array().unwrap() {
                let row = &detail[n];
                let what = format!("{} {}", s["folder"], q["id"]);
                assert_eq!(
                    row[column(h, "Question")],
                    Data::String(q["id"].as_str().unwrap().into())
                );
                for (header, f) in [
                    ("Raw score", "raw"),
                    ("Credit", "credit"),
                    ("Score", "score"),
                    ("Weight", "weight"),
                ] {
                    same(&row[column(h, header)], &q[f], &format!("{what} {f}"));
                }
                n += 1;
            }
        }
        assert_eq!(n, detail.len());

        for (r, sheet) in refs.iter().zip(&expected[2..]) {
            let sheet_rows = rows(&mut wb, sheet);
            for (row, s) in sheet_rows[1..].iter().zip(suppliers) {
                same(
                    &row[1],
                    &s["rubrics"][*r],
                    &format!("{sheet} {}", s["folder"]),
                );
            }
            let info = json["rubrics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["ref"] == *r)
                .unwrap();
            for (i, section) in info["sections"].as_array().unwrap().iter().enumerate() {
                let key = format!("{r}/{}", section["id"].as_str().unwrap());
                for (row, s) in sheet_rows[1..].iter().zip(suppliers) {
                    same(&row[2 + i], &s["sections"][&key], &key);
                }
            }
        }
    }

    /// A part of an .xlsx file (its XML) as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
        out
    }

    #[test]
    fn workbooks_have_number_formats_print_setup_and_row_heights() {
        let scores = xlsx(&example(), &["score", "."]);
        // Figures to one decimal, costs with thousands separators, counts whole.
        let styles = part(&scores, "xl/styles.xml");
        for code in [
            "formatCode=\"0.0\"",
            "formatCode=\"#,##0\"",
            "formatCode=\"0\"",
        ] {
            assert!(styles.contains(code), "{code}: {styles}");
        }
        // Every sheet: A4 landscape, one page wide, header rows repeated, panes frozen.
        let book = part(&scores, "xl/workbook.xml");
        let sheets = book.matches("<sheet ").count();
        assert!(sheets >= 7, "{book}");
        assert_eq!(book.matches("_xlnm.Print_Titles").count(), sheets, "{book}");
        for i in 1..=sheets {
            let xml = part(&scores, &format!("xl/worksheets/sheet{i}.xml"));
            for want in [
                "<pageSetUpPr fitToPage=\"1\"/>",
                "paperSize=\"9\"",
                "orientation=\"landscape\"",
                "fitToHeight=\"0\"",
                "state=\"frozen\"",
            ] {
                assert!(xml.contains(want), "sheet {i} lacks {want}");
            }
        }
        // The Summary's headers are words, and every data row has a height set.
        let mut wb = open(&scores);
        let summary = rows(&mut wb, "Summary");
        assert!(summary[1].contains(&Data::String("Whole-life cost".into())));
        assert!(!summary[1].iter().any(|h| h.to_string().contains('_')));
        // Rows of wrapped reasons are tall enough to read (Cobalt's run to a dozen lines).
        let tallest = |xml: &str| {
            xml.split(" ht=\"")
                .skip(1)
                .filter_map(|h| h.split('"').next()?.parse::<f64>().ok())
                .fold(0.0, f64::max)
        };
        let sheet1 = part(&scores, "xl/worksheets/sheet1.xml");
        assert!(tallest(&sheet1) >= 100.0, "{}", tallest(&sheet1));
        // The marking sheet: a height on every row, tall enough for its longest cell.
        let dir = tempfile::tempdir().unwrap();
        let e1 = dir.path().join("E1.xlsx");
        let o = run_in(
            &example(),
            &[
                "marksheet",
                ".",
                "--evaluator",
                "E1",
                "-o",
                e1.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let marks = std::fs::read(&e1).unwrap();
        let xml = part(&marks, "xl/worksheets/sheet1.xml");
        assert!(xml.contains("orientation=\"landscape\""));
        assert!(tallest(&xml) >= 60.0, "long answers get tall rows");
        // The response template: every sheet prints A4 landscape, one page wide.
        let template = dir.path().join("response.xlsx");
        let o = run_in(
            &example(),
            &["template", ".", "-o", template.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(&template).unwrap();
        let book = part(&bytes, "xl/workbook.xml");
        for i in 1..=book.matches("<sheet ").count() {
            let xml = part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
            for want in [
                "paperSize=\"9\"",
                "orientation=\"landscape\"",
                "fitToHeight=\"0\"",
            ] {
                assert!(xml.contains(want), "template sheet {i} lacks {want}");
            }
        }
    }

    #[test]
    fn workbook_is_byte_identical_and_dated_by_the_tender() {
        let a = xlsx(&example(), &["score", "."]);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = xlsx(&example(), &["score", "."]);
        assert!(a == b, "two runs differ");
        let mut zip = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
            .unwrap();
        assert!(core.contains("2026-10-01T00:00:00Z"), "{core}");
    }

    #[test]
    fn supplier_text_is_text_never_a_formula() {
        let t = Tender::medium();
        t.response(
            "evil",
            "supplier: '=HYPERLINK(\"http://x\",\"click\")'\nanswers:\n  T-5:\n    answer: \"=1+1\"\n",
        );
        let bytes = xlsx(t.path(), &["score", "."]);
        let mut wb = open(&bytes);
        let summary = rows(&mut wb, "Summary");
        // The header follows the final-or-provisional line when the result has one.
        let at = summary
            .iter()
            .position(|r| r[0] == Data::String("Rank".into()))
            .unwrap();
        let h = summary[at].clone();
        assert_eq!(
            summary[at + 1][column(&h, "Supplier")],
            Data::String("=HYPERLINK(\"http://x\",\"click\")".into())
        );
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            assert!(
                formulas.cells().all(|(_, _, f)| f.is_empty()),
                "{name} has a formula"
            );
        }
    }
}

mod marking {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Cursor;

    fn copy_example() -> (tempfile::TempDir, std::path::PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("care-triage");
        copy_tree(&example(), &dir);
        (tmp, dir)
    }

    fn ok(dir: &Path, args: &[&str]) -> std::process::Output {
        let out = run_in(dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        out
    }

    #[test]
    fn marksheet_workbook_has_locked_ids_checked_marks_and_is_stable() {
        let (_tmp, dir) = copy_example();
        ok(
            &dir,
            &["marksheet", ".", "--evaluator", "E3", "-o", "E3.xlsx"],
        );
        let bytes = std::fs::read(dir.join("E3.xlsx")).unwrap();
        ok(
            &dir,
            &["marksheet", ".", "--evaluator", "E3", "-o", "again.xlsx"],
        );
        assert!(
            bytes == std::fs::read(dir.join("again.xlsx")).unwrap(),
            "not byte-identical"
        );

        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(wb.sheet_names(), ["Marks", "How to mark"]);
        let range = wb.worksheet_range("Marks").unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            header,
            [
                "evaluator",
                "supplier",
                "supplier_name",
                "question",
                "question_text",
                "guidance",
                "answer",
                "evidence",
                "mark",
                "reason"
            ]
        );
        let json = score_json(&example());
        // Every supplier whose response loaded, each on the same questions.
        let folders: std::collections::BTreeSet<String> =
            rows[1..].iter().map(|r| r[1].to_string()).collect();
        let questions: std::collections::BTreeSet<String> =
            rows[1..].iter().map(|r| r[3].to_string()).collect();
        let loaded = json["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] != "error")
            .count();
        assert_eq!(folders.len(), loaded);
        // The example's written questions at rubrics 1.2.0: GDPR-4, CONTRACT-7 and SV-10.
        assert!(questions.len() >= 3, "{questions:?}");
        assert_eq!(rows.len() - 1, folders.len() * questions.len());
        // The answer shown is the supplier's.
        let row = &rows[1];
        let s = json["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["folder"] == row[1].to_string().as_str())
            .unwrap();
        let q = s["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == row[3].to_string().as_str())
            .unwrap();
        assert!(row[6]
            .to_string()
            .starts_with(q["answer"].as_str().unwrap()));

        // The mark column is checked as typed, only mark and reason are editable.
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        assert!(sheet.contains("<sheetProtection"), "sheet not protected");
        assert!(
            sheet.contains(r#"type="whole""#) && sheet.contains("<formula2>5</formula2>"),
            "{sheet}"
        );
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains(r#"locked="0""#), "no unlocked style");
    }

    /// A marking sheet as CSV with marks filled in on the first `n` rows.
    fn filled_csv(dir: &Path, evaluator: &str, n: usize, mark: &str) -> std::path::PathBuf {
        let name = format!("{evaluator}.csv");
        ok(
            dir,
            &["marksheet", ".", "--evaluator", evaluator, "-o", &name],
        );
        let path = dir.join(&name);
        let mut r = csv::Reader::from_path(&path).unwrap();
        let header = r.headers().unwrap().clone();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(&header).unwrap();
        for (i, rec) in r.records().enumerate() {
            let mut rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
            if i < n {
                rec[8] = mark.into();
                rec[9] = format!("{evaluator} reason {i}");
            }
            w.write_record(&rec).unwrap();
        }
        std::fs::write(&path, w.into_inner().unwrap()).unwrap();
        path
    }

    #[test]
    fn marks_import_adds_rows_once_and_refuses_conflicts() {
        let (_tmp, dir) = copy_example();
        let before = std::fs::read_to_string(dir.join("marks.csv")).unwrap();
        let sheet = filled_csv(&dir, "E3", 3, "4");
        let out = ok(&dir, &["marks", "import", ".", sheet.to_str().unwrap()]);
        assert!(stderr(&out).contains("3 new marks"), "{}", stderr(&out));
        let after = std::fs::read_to_string(dir.join("marks.csv")).unwrap();
        assert!(
            after.starts_with(&before),
            "existing rows kept byte for byte"
        );
        assert_eq!(after.lines().count(), before.lines().count() + 3);
        assert!(after.contains("E3 reason 0"));
        // The marks count: the tender still loads and scores.
        ok(&dir, &["score", ".", "--format", "json"]);

        // Importing the same sheet again adds nothing.
        let out = ok(&dir, &["marks", "import", ".", sheet.to_str().unwrap()]);
        assert!(
            stderr(&out).contains("3 already in marks.csv"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("marks.csv")).unwrap(),
            after
        );

        // A different mark for the same answer is a conflict: nothing is written.
        let changed = filled_csv(&dir, "E3", 3, "1");
        let out = run_in(&dir, &["marks", "import", ".", changed.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("already has E3's mark"),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("E3.csv:2:"),
            "line of the row: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("marks.csv")).unwrap(),
            after
        );
    }

    #[test]
    fn marks_import_names_each_bad_row() {
        let (_tmp, dir) = copy_example();
        let before = std::fs::read(dir.join("marks.csv")).unwrap();
        let sheet = filled_csv(&dir, "E4", 2, "9");
        let mut r = csv::Reader::from_path(&sheet).unwrap();
        let header = r.headers().unwrap().clone();
        let mut rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        // Line 3: a misspelt supplier folder, with a good mark; line 4: a reason, no mark.
        let folder = rows[1][1].clone();
        rows[1][1] = format!("{folder}z");
        rows[1][8] = "2".into();
        rows[2][9] = "only a reason".into();
        let write = |path: &Path, rows: &[Vec<String>]| {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record(&header).unwrap();
            for row in rows {
                w.write_record(row).unwrap();
            }
            std::fs::write(path, w.into_inner().unwrap()).unwrap();
        };
        write(&sheet, &rows);
        // A second sheet by the same evaluator marking the first answer again.
        let dup = dir.join("dup.csv");
        let mut again = rows[0].clone();
        again[8] = "3".into();
        write(&dup, &[again]);
        let out = run_in(
            &dir,
            &[
                "marks",
                "import",
                ".",
                sheet.to_str().unwrap(),
                dup.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("E4.csv:2: mark must be a whole number from 0 to 5"),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "E4.csv:3: unknown supplier `{folder}z` (did you mean `{folder}`?"
            )),
            "{err}"
        );
        assert!(
            err.contains("E4.csv:4:") && err.contains("has a reason but no mark"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(dir.join("marks.csv")).unwrap(),
            before,
            "nothing written"
        );

        // The same answer marked twice by one evaluator across sheets.
        rows[0][8] = "4".into();
        rows[1][1] = folder;
        rows[2][9] = String::new();
        write(&sheet, &rows);
        let out = run_in(
            &dir,
            &[
                "marks",
                "import",
                ".",
                sheet.to_str().unwrap(),
                dup.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("dup.csv:2: E4 has already marked") && err.contains("in E4.csv line 2"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(dir.join("marks.csv")).unwrap(),
            before,
            "nothing written"
        );
    }

    #[test]
    fn marks_import_reads_a_filled_workbook_and_locates_errors_by_cell() {
        let (_tmp, dir) = copy_example();
        ok(
            &dir,
            &["marksheet", ".", "--evaluator", "E5", "-o", "E5.xlsx"],
        );
        let bytes = std::fs::read(dir.join("E5.xlsx")).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let rows: Vec<Vec<Data>> = wb
            .worksheet_range("Marks")
            .unwrap()
            .rows()
            .map(|r| r.to_vec())
            .collect();
        // An evaluator fills in two marks (as numbers, as a spreadsheet stores them) and
        // types 7 in a third.
        let write = |marks: &[(usize, f64)]| {
            let mut out = rust_xlsxwriter::Workbook::new();
            let ws = out.add_worksheet();
            ws.set_name("Marks").unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    if let Data::String(s) = cell {
                        ws.write_string(r as u32, c as u16, s).unwrap();
                    }
                }
            }
            for (r, m) in marks {
                ws.write_number(*r as u32, 8, *m).unwrap();
                ws.write_string(*r as u32, 9, "by hand").unwrap();
            }
            out.save_to_buffer().unwrap()
        };
        std::fs::write(dir.join("bad.xlsx"), write(&[(1, 3.0), (2, 7.0)])).unwrap();
        let out = run_in(&dir, &["marks", "import", ".", "bad.xlsx"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("bad.xlsx: Marks!I3: mark must be a whole number"),
            "{}",
            stderr(&out)
        );
        std::fs::write(dir.join("good.xlsx"), write(&[(1, 3.0), (2, 2.0)])).unwrap();
        let out = ok(&dir, &["marks", "import", ".", "good.xlsx"]);
        assert!(stderr(&out).contains("2 new marks"), "{}", stderr(&out));
        let marks = std::fs::read_to_string(dir.join("marks.csv")).unwrap();
        let first = format!("E5,{},{},3,by hand", rows[1][1], rows[1][3]);
        assert!(marks.contains(&first), "{marks}");
    }
}

#[test]
fn csv_for_excel_starts_with_a_byte_order_mark() {
    let dir = example();
    for args in [
        vec!["score", ".", "--format", "csv", "--bom"],
        vec!["clarify", ".", "--format", "csv", "--excel"],
        vec!["rescore", ".", "--bom"],
        vec![
            "marksheet",
            ".",
            "--evaluator",
            "E1",
            "--format",
            "csv",
            "--bom",
        ],
    ] {
        let out = run_in(&dir, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "{args:?}");
        // Without the flag, no mark.
        let plain: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !matches!(*a, "--bom" | "--excel"))
            .collect();
        let out = run_in(&dir, &plain);
        assert!(!out.stdout.starts_with(b"\xEF\xBB\xBF"), "{plain:?}");
    }
    // A mark is for CSV only.
    let out = run_in(&dir, &["score", ".", "--format", "json", "--bom"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bom is for CSV output"));
}

#[test]
fn template_and_init_point_editors_at_a_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("t");
    let out = run_in(
        tmp.path(),
        &["init", "t", "--as-of", "2026-10-01", "--schema"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.join("tender.toml")).unwrap();
    assert!(
        toml.starts_with("#:schema ./tender.schema.json\n"),
        "{toml}"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tender.schema.json")).unwrap())
            .unwrap();
    assert!(schema["properties"]["as_of"].is_object(), "{schema}");

    std::fs::create_dir_all(dir.join("submissions/acme")).unwrap();
    let out = run_in(
        &dir,
        &[
            "template",
            ".",
            "-o",
            "submissions/acme/response.yaml",
            "--schema",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let yaml = std::fs::read_to_string(dir.join("submissions/acme/response.yaml")).unwrap();
    assert!(
        yaml.starts_with("# yaml-language-server: $schema=./response.schema.json\n"),
        "{yaml}"
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("submissions/acme/response.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(schema["properties"]["answers"].is_object(), "{schema}");
    // The tender and the template (with a name filled in) still load: the schema lines are
    // comments.
    std::fs::write(
        dir.join("submissions/acme/response.yaml"),
        yaml.replacen("supplier: \"\"", "supplier: Acme Ltd", 1),
    )
    .unwrap();
    let out = run_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // --schema needs a file to write beside.
    let out = run_in(&dir, &["template", ".", "--schema"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages_come_from_the_same_definitions_as_help() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains(".TH tenderscore 1"));
    let out = run_in(tmp.path(), &["man", "--dir", "man1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let score = std::fs::read_to_string(tmp.path().join("man1/tenderscore-score.1")).unwrap();
    assert!(
        score.contains("\\-\\-bom") || score.contains("--bom"),
        "{score}"
    );
    assert!(tmp.path().join("man1/tenderscore-marksheet.1").is_file());
}

//! `renewals`: the day each piece of a supplier's evidence stops counting (docs/renewals.md),
//! as a table, CSV, JSON and an iCalendar file read back with an independent parser.

mod common;
use common::*;

/// A rules 2 tender whose supplier `a` (display name with a comma and a semicolon) cites
/// `items` for T-1 (max age 365 days), with `files` in its folder.
fn tender(items: &[&str], files: &[(&str, &str)]) -> Tender {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n",
    ));
    let evidence: String = items.iter().map(|i| format!("      - {i}\n")).collect();
    t.response(
        "a",
        &format!(
            "supplier: \"Acme, Data; Ltd\"\nanswers:\n  T-1:\n    answer: 4\n    evidence:\n{evidence}"
        ),
    );
    for (f, c) in files {
        t.file(&format!("submissions/a/{f}"), c);
    }
    t
}

fn renewals_json(t: &Tender) -> serde_json::Value {
    let o = t.run(&["renewals", ".", "--supplier", "a", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_earliest_of_the_three_dates_is_the_day_and_says_how_it_was_found() {
    let t = tender(
        &[
            // Claimed 2027-06-30; the document says 31 December 2026; issued + 365 days is
            // 2027-03-01. The document's date is the earliest.
            "{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2027-06-30}",
            // Only a maximum age: issued 2025-10-01 + 365 days = 2026-10-01, the as-of date.
            "{file: old.txt, kind: policy, issued: 2025-10-01}",
            // No date at all.
            "{file: undated.txt, kind: policy}",
        ],
        &[
            (
                "p.txt",
                "Acme Data Ltd AI policy, issued 1 March 2026. Valid until 31 December 2026.",
            ),
            ("old.txt", "Acme Data Ltd AI policy, issued 1 October 2025."),
            ("undated.txt", "Acme Data Ltd AI policy."),
        ],
    );
    let j = renewals_json(&t);
    let items = j["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{j:#}");
    assert_eq!(j["undated"], 1);
    // Earliest first.
    assert_eq!(items[0]["file"], "old.txt");
    assert_eq!(items[0]["stops"], "2026-10-01");
    assert_eq!(items[0]["found_by"], serde_json::json!(["maximum_age"]));
    assert_eq!(
        items[0]["lapsed"], true,
        "on the as-of date it no longer counts"
    );
    assert_eq!(items[1]["file"], "p.txt");
    assert_eq!(items[1]["stops"], "2026-12-31");
    assert_eq!(items[1]["found_by"], serde_json::json!(["document_expiry"]));
    assert_eq!(items[1]["lapsed"], false);
    let how = items[1]["how"].as_str().unwrap();
    assert!(
        how.starts_with("the expiry date the document states")
            && how.contains("the issue date plus the question's maximum age 2027-03-01")
            && how.contains("the expiry date the supplier gave 2027-06-30"),
        "{how}"
    );
    assert_eq!(
        items[1]["sha256"].as_str().map(str::len),
        Some(64),
        "the hash of the file scored"
    );
}

#[test]
fn the_table_and_csv_say_the_same() {
    let t = tender(
        &["{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2026-12-01}"],
        &[("p.txt", "Acme Data Ltd AI policy, issued 1 March 2026.")],
    );
    let table = stdout(&t.run(&["renewals", ".", "--supplier", "a"]));
    assert!(
        table.contains("2026-12-01") && table.contains("p.txt"),
        "{table}"
    );
    assert!(
        table.contains("the expiry date the supplier gave"),
        "{table}"
    );
    let csv = stdout(&t.run(&["renewals", ".", "--supplier", "a", "--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("stops,lapsed,question,rubric,file,kind,sha256,found_by,how")
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("2026-12-01,false,T-1,t@1.0.0,p.txt,policy,")
            && row.contains(",claimed_expiry,"),
        "{row}"
    );
}

/// Unfolds an iCalendar text (RFC 5545 §3.1) into its content lines.
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn ics(t: &Tender) -> String {
    let o = t.run(&["renewals", ".", "--supplier", "a", "--format", "ics"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_calendar_is_rfc_5545_and_reads_back_with_an_independent_parser() {
    let items = [
        "{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2026-12-01}",
        "{file: \"q, r.txt\", kind: policy, issued: 2026-04-01}",
    ];
    let files = [
        ("p.txt", "Acme Data Ltd AI policy, issued 1 March 2026."),
        ("q, r.txt", "Acme Data Ltd procedure, issued 1 April 2026."),
    ];
    let t = tender(&items, &files);
    let text = ics(&t);
    // Every line ends CRLF and is at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n'), "a bare LF in {line:?}");
    }
    // An independent parser reads one calendar with one event per item.
    let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = reader.next().expect("a calendar").expect("it parses");
    assert!(reader.next().is_none(), "one calendar");
    let prop = |props: &[ical::property::Property], name: &str| -> Option<String> {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(prop(&cal.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(prop(&cal.properties, "PRODID").is_some());
    assert_eq!(cal.events.len(), 2);
    let starts: Vec<String> = cal
        .events
        .iter()
        .map(|e| prop(&e.properties, "DTSTART").unwrap())
        .collect();
    assert_eq!(starts, ["20261201", "20270401"]);
    for e in &cal.events {
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        let params = format!("{:?}", start.params);
        assert!(
            params.contains("VALUE") && params.contains("DATE"),
            "{params}"
        );
        assert!(prop(&e.properties, "UID").is_some());
        // The stamp is the as-of date, never the clock.
        assert_eq!(
            prop(&e.properties, "DTSTAMP").as_deref(),
            Some("20261001T000000Z")
        );
    }
    // Text is escaped: the comma in the file name and in the supplier's name.
    let summaries: Vec<String> = unfold(&text)
        .into_iter()
        .filter(|l| l.starts_with("SUMMARY:"))
        .collect();
    assert_eq!(
        summaries[1],
        "SUMMARY:Renew evidence: T-1 q\\, r.txt (Acme\\, Data\\; Ltd)"
    );
}

#[test]
fn a_renewed_document_updates_its_event_rather_than_adding_one() {
    let files = [("p.txt", "Acme Data Ltd AI policy.")];
    let before = tender(
        &["{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2026-12-01}"],
        &files,
    );
    let after = tender(
        &["{file: p.txt, kind: policy, issued: 2026-09-01, expires: 2027-09-01}"],
        &files,
    );
    let other = tender(
        &["{file: other.txt, kind: policy, issued: 2026-03-01, expires: 2026-12-01}"],
        &[("other.txt", "Acme Data Ltd AI policy.")],
    );
    let uid = |t: &Tender| -> String {
        unfold(&ics(t))
            .into_iter()
            .find_map(|l| l.strip_prefix("UID:").map(str::to_string))
            .unwrap()
    };
    assert_eq!(
        uid(&before),
        uid(&after),
        "same tender, supplier, question and file"
    );
    assert_ne!(uid(&before), uid(&other), "another file is another event");
    // One file cited twice under one question, with other dates: two events, two UIDs.
    let twice = tender(
        &[
            "{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2026-12-01}",
            "{file: p.txt, kind: policy, issued: 2026-03-01, expires: 2027-02-01}",
        ],
        &files,
    );
    let uids: Vec<String> = unfold(&ics(&twice))
        .into_iter()
        .filter_map(|l| l.strip_prefix("UID:").map(str::to_string))
        .collect();
    assert_eq!(uids.len(), 2);
    assert_ne!(uids[0], uids[1]);
    assert_eq!(uids[0], uid(&before), "the first keeps the plain UID");
    // The same files give the same bytes.
    assert_eq!(ics(&before), ics(&before));
}

#[test]
fn without_supplier_it_follows_the_most_advantageous_tender_of_a_final_evaluation() {
    // The example is provisional: no tender to follow, and it says what to do.
    let o = run_in(&example(), &["renewals", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("Provisional") && err.contains("--supplier"),
        "{err}"
    );
    // Made final, the leader's calendar.
    let dir = final_example();
    let score = run_in(dir.path(), &["score", ".", "--format", "json"]);
    let result: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    let leader = result["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rank"] == 1)
        .unwrap()["folder"]
        .as_str()
        .unwrap()
        .to_string();
    let o = run_in(dir.path(), &["renewals", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["folder"], leader.as_str());
    assert!(!j["items"].as_array().unwrap().is_empty());
}

#[test]
fn no_dated_evidence_writes_no_calendar() {
    let t = tender(
        &["{file: undated.txt, kind: policy}"],
        &[("undated.txt", "Acme Data Ltd AI policy.")],
    );
    let o = t.run(&["renewals", ".", "--supplier", "a", "--format", "ics"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no dated evidence"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

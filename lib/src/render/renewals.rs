//! The renewal calendar (`renewals`): a table, CSV, JSON, or an iCalendar file (RFC 5545) a
//! contract manager imports into a calendar.

use super::table::{keep_words, new_table, Style};
use crate::review::renewals::{Calendar, Renewal};
use crate::sanitize::{cell, inline};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The calendar for a terminal: a heading line, the table, and a line on undated items.
pub fn table(c: &Calendar, style: Style) -> String {
    let mut out = format!(
        "{} — {}: when each piece of evidence stops counting (as of {})\n",
        inline(&c.tender),
        inline(&c.supplier),
        c.as_of
    );
    if c.items.is_empty() {
        out.push_str("No dated evidence.\n");
    } else {
        let mut t = new_table(style);
        // The evidence kind is in the CSV and JSON; the table keeps room for the reason.
        t.set_header(["Stops", "Question", "File", "How the day was found"]);
        let rows: Vec<Vec<String>> = c
            .items
            .iter()
            .map(|r| {
                let stops = if r.lapsed {
                    format!("{} (lapsed)", r.stops)
                } else {
                    r.stops.clone()
                };
                vec![stops, cell(&r.question), cell(&r.file), cell(&r.how)]
            })
            .collect();
        for row in &rows {
            t.add_row(row.clone());
        }
        // File names stay whole where they fit: a cell wraps between words, never inside one.
        // File names stay whole (up to 40 characters): a cell wraps between words, never
        // inside one.
        keep_words(&mut t, &rows, 40, style.width);
        let _ = writeln!(out, "{t}");
    }
    if c.undated > 0 {
        let _ = writeln!(
            out,
            "{} more evidence item{} give no date to go by (no expiry claimed or stated, no maximum age).",
            c.undated,
            if c.undated == 1 { "" } else { "s" }
        );
    }
    out
}

/// One row per item: `stops, lapsed, question, rubric, file, kind, sha256, found_by, how`.
pub fn csv(c: &Calendar) -> String {
    let mut w = super::csv::writer();
    let _ = w.write_record([
        "stops", "lapsed", "question", "rubric", "file", "kind", "sha256", "found_by", "how",
    ]);
    for r in &c.items {
        let found: Vec<&str> = r.found_by.iter().map(|s| s.code()).collect();
        let _ = w.write_record([
            r.stops.clone(),
            r.lapsed.to_string(),
            cell(&r.question),
            cell(&r.rubric),
            cell(&r.file),
            r.kind.clone(),
            r.sha256.clone().unwrap_or_default(),
            found.join(" "),
            cell(&r.how),
        ]);
    }
    super::csv::finish(w)
}

/// The calendar as JSON.
pub fn json(c: &Calendar) -> String {
    super::cells::to_json(c)
}

/// The stable identity of an item's event: from the tender id, the supplier's folder, the
/// question and the file, never a date, so importing a newer calendar updates the event
/// rather than adding a second one.
pub fn uid(c: &Calendar, r: &Renewal) -> String {
    uid_of(c, r, 1)
}

/// The UID of the `nth` item citing one file for one question (a file may be cited twice under
/// a question, with other dates): the first keeps the plain UID.
fn uid_of(c: &Calendar, r: &Renewal, nth: usize) -> String {
    let mut h = Sha256::new();
    for part in [&c.tender, &c.folder, &r.question, &r.file] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    if nth > 1 {
        h.update(nth.to_string().as_bytes());
    }
    let hex = format!("{:x}", h.finalize());
    format!("{}@tenderscore", &hex[..32])
}

/// The calendar as iCalendar (RFC 5545): one all-day event per item on the day it stops
/// counting, CRLF line ends, lines folded at 75 octets, text escaped. The stamp is the
/// tender's as-of date (the tool never reads the clock), so the same files give the same
/// bytes. With no dated item there is no event, and a calendar must have one: `None`.
pub fn ics(c: &Calendar) -> Option<String> {
    if c.items.is_empty() {
        return None;
    }
    let compact = |d: &str| d.replace('-', "");
    let stamp = format!("{}T000000Z", compact(&c.as_of));
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//tenderscore//renewals {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
        format!(
            "X-WR-CALNAME:{}",
            text(&format!("{} {}: evidence renewals", c.tender, c.supplier))
        ),
    ];
    let mut seen: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for r in &c.items {
        let nth = seen.entry((&r.question, &r.file)).or_insert(0);
        *nth += 1;
        let day = jiff::civil::Date::strptime("%Y-%m-%d", &r.stops).ok()?;
        let next = day.tomorrow().ok()?;
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}", uid_of(c, r, *nth)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(&r.stops)),
            format!("DTEND;VALUE=DATE:{}", compact(&next.to_string())),
            format!(
                "SUMMARY:{}",
                text(&format!(
                    "Renew evidence: {} {} ({})",
                    r.question, r.file, c.supplier
                ))
            ),
            format!(
                "DESCRIPTION:{}",
                text(&format!(
                    "{} stops counting for {} on {}: {}. Ask {} for a renewed {} (tender {}, {}).{}",
                    r.file,
                    r.question,
                    r.stops,
                    r.how,
                    c.supplier,
                    r.kind,
                    c.tender,
                    c.buyer,
                    r.sha256
                        .as_ref()
                        .map(|h| format!(" The file scored had SHA-256 {h}."))
                        .unwrap_or_default()
                ))
            ),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
    }
    Some(out)
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, line breaks; other
/// control characters and bidi overrides from supplier text neutralised first.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in inline(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), continuation lines starting
/// with a space, each line ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d"), "a\\,b\\;c\\\\d");
    }
}

//! Where the supplier's testing and monitoring evidence names each protected characteristic,
//! for the equality impact assessment: whole words, up to three sentences per file, each
//! marked when it holds a negation. Naming is not testing: the draft only quotes.

use super::entry::{evidence_words, Cite, Entry};
use super::templates;
use crate::load::LoadedTender;
use crate::model::response::{FileFacts, TextFacts};

/// Where the supplier's testing and monitoring evidence names a protected characteristic:
/// the first sentence naming it in each file, the questions searched and how many files could
/// be read.
pub(super) fn named(
    t: &LoadedTender,
    response: &crate::model::response::Response,
    scored: &crate::result::SupplierResult,
    words: &[&str],
) -> (Vec<Entry>, Vec<String>, usize) {
    let mut found = Vec::new();
    let mut searched = Vec::new();
    let mut read = 0;
    let mut seen: Vec<&str> = Vec::new();
    for id in templates::TESTING_AND_MONITORING {
        let Some(q) = scored.questions.iter().find(|q| q.id == *id) else {
            continue;
        };
        if !t
            .find_question(id)
            .is_some_and(|(r, _, _)| templates::placed(&r.rubric))
        {
            continue;
        }
        searched.push((*id).to_string());
        let Some(given) = response.answers.get(*id) else {
            continue;
        };
        for e in &given.evidence {
            let (FileFacts::Present { sha256, .. }, Some(TextFacts::Text(doc))) =
                (&e.facts, e.text.as_deref())
            else {
                continue;
            };
            if seen.contains(&e.file.as_str()) {
                continue;
            }
            seen.push(&e.file);
            read += 1;
            let mut quotes: Vec<String> = Vec::new();
            for (at, end) in every_word(&doc.text, words) {
                let quote = crate::load::doctext::quote(doc, at, end);
                if quotes.contains(&quote) {
                    continue;
                }
                quotes.push(quote.clone());
                found.push(Entry::Named {
                    question: (*id).to_string(),
                    file: Cite::new(&e.file, Some(sha256)),
                    negated: has_negation(&quote),
                    quote,
                    page: crate::load::doctext::page(doc, at),
                    evidence: evidence_words(q),
                });
                if quotes.len() == NAMED_PER_FILE {
                    break;
                }
            }
        }
    }
    (found, searched, read)
}

/// Words that name a characteristic except when followed by these words.
const NOT_A_NAME: &[(&str, &str)] = &[("race", " condition"), ("gender", " pay gap reporting")];

/// At most this many sentences naming a characteristic are quoted from one file.
pub const NAMED_PER_FILE: usize = 3;

/// Whether a quoted sentence holds a negation, before or after the name ("pregnancy: not
/// recorded", "no results for disability").
fn has_negation(quote: &str) -> bool {
    let q = quote.to_lowercase();
    q.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| {
            matches!(
                w,
                "not" | "no" | "none" | "never" | "without" | "nor" | "cannot" | "excluded"
            ) || w.ends_with("n't")
        })
}

/// Every place `text` (lower case) holds one of `words` as whole words, in order (at most 64).
fn every_word(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut at: Vec<(usize, usize)> = words
        .iter()
        .flat_map(|w| {
            text.match_indices(w)
                .filter(|(i, m)| {
                    let end = i + m.len();
                    boundary(text[..*i].chars().next_back())
                        && boundary(text[end..].chars().next())
                        && !NOT_A_NAME
                            .iter()
                            .any(|(w, after)| w == m && text[end..].starts_with(after))
                })
                .map(|(i, m)| (i, i + m.len()))
                .take(64)
                .collect::<Vec<_>>()
        })
        .collect();
    at.sort_unstable();
    at.dedup_by_key(|x| x.0);
    at.truncate(64);
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(every_word("the average was low", &["age"]).is_empty());
        assert_eq!(every_word("by age group", &["age"]), vec![(3, 6)]);
        assert_eq!(
            every_word("men and women", &["women", "men"]),
            vec![(0, 3), (8, 13)]
        );
        assert!(every_word("mentioned", &["men"]).is_empty());
        assert!(every_word("a race condition in the queue", &["race"]).is_empty());
    }

    #[test]
    fn negations_either_side_of_the_name() {
        assert!(has_negation("Pregnancy: not recorded, so not tested."));
        assert!(has_negation("No results by religion."));
        assert!(has_negation("We haven't tested for disability."));
        assert!(!has_negation("Age (18-64/65-84/85+): largest gap 3.4 pp."));
        assert!(!has_negation("Nothing notable for sex: 0.8 pp."));
    }
}

//! `response.yaml` from arbitrary bytes: the fast reader and serde-saphyr must agree on
//! every file the fast reader accepts, and the whole response check must not panic.
//!
//! Half the mutations are structure-aware: they edit a response line by line (delete,
//! duplicate, swap, re-indent a line, or put a YAML-significant value after a key), so real
//! responses in the corpus stay close to the shape people write while hitting the edges of
//! the fast reader's subset. The other half are libFuzzer's own byte mutations.
#![no_main]
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        tenderscore::load::fuzzing::response(text);
    }
});

/// Values that change how YAML reads the line they are put on.
const VALUES: &[&str] = &[
    "yes", "No", "TRUE", "off", "y", "~", "null", "Null", "1e3", "0x1F", "+3", ".5", "007",
    "-0", "1.50", "3", "-2", "12345678901234567890", ".inf", "-.Inf", ".NaN", "2026-01-01",
    "|", "|-", "|+", ">", ">-", ">+", "|2", "&a x", "*a", "!!str 3", "!x y", "[a, b]", "[]",
    "{file: a.pdf, kind: policy}", "{file: a.pdf, kind: dpia, issued: 2026-01-01}",
    "'it''s'", "\"\\u00e9\\n\\\"q\\\"\"", "\"\\x41\"", "\"\\u+041\"", "a: b", "a #c", "a#c", "#c", "'",
    "\"", "é ü", "- x", "? x", "%TAG", "---", "...", "@x", "`x", "key:", "a:b", "",
];

/// A small deterministic generator (xorshift), seeded by libFuzzer.
struct Rng(u32);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        (self.0 as usize) % n.max(1)
    }
}

fn mutate_lines(text: &str, rng: &mut Rng) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if lines.is_empty() {
        return None;
    }
    let n = lines.len();
    let i = rng.below(n);
    match rng.below(6) {
        0 => {
            lines.remove(i);
        }
        1 => {
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        2 => lines.swap(i, rng.below(n)),
        3 => {
            let l = &lines[i];
            lines[i] = if rng.below(2) == 0 {
                format!("{}{l}", " ".repeat(1 + rng.below(3)))
            } else {
                l.strip_prefix(' ').unwrap_or(l).to_string()
            };
        }
        4 => {
            // Replace the value after `key:` (or the item after `- `).
            let l = &lines[i];
            let v = VALUES[rng.below(VALUES.len())];
            let cut = l.find(": ").map(|c| c + 2).or_else(|| l.find("- ").map(|c| c + 2));
            lines[i] = match cut {
                Some(c) => format!("{}{v}", &l[..c]),
                None => format!("{l} {v}"),
            };
        }
        _ => {
            // Insert a new key line at a neighbour's indentation.
            let ind = lines[i].len() - lines[i].trim_start_matches(' ').len();
            let key = ["answer", "comment", "evidence", "file", "kind", "issued", "AIME-1.1"]
                [rng.below(7)];
            let v = VALUES[rng.below(VALUES.len())];
            lines.insert(i, format!("{}{key}: {v}", " ".repeat(ind)));
        }
    }
    Some(lines.join("\n"))
}

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = Rng(seed | 1);
    if rng.below(2) == 0 {
        if let Ok(text) = std::str::from_utf8(&data[..size]) {
            if let Some(out) = mutate_lines(text, &mut rng) {
                if out.len() <= max_size {
                    data[..out.len()].copy_from_slice(out.as_bytes());
                    return out.len();
                }
            }
        }
    }
    libfuzzer_sys::fuzzer_mutate(data, size, max_size)
});

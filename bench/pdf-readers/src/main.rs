//! Measures PDF text readers against pdftotext on a folder of PDFs.
//!
//!     pdf-readers run OUTDIR CORPUS [READER,READER,...]   # every file, every reader, in child processes
//!     pdf-readers table OUTDIR                            # the summary table again, from OUTDIR/results.tsv
//!     pdf-readers one READER FILE OUT                     # one file, one reader (what `run` calls)
//!
//! Each (file, reader) runs in a child process under `ulimit -v 1048576` and `timeout 20s`.
//! A file counts as "checked" when the text has more than 20 non-whitespace characters; the
//! denominator is the files from which pdftotext reads such text. Recall: the share of
//! pdftotext's distinct words longer than three letters found in the reader's text.

mod readers;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("one") if args.len() == 5 => one(&args[2], Path::new(&args[3]), Path::new(&args[4])),
        Some("run") if args.len() >= 4 => {
            let readers: Vec<String> = match args.get(4) {
                Some(r) => r.split(',').map(String::from).collect(),
                None => readers::READERS.iter().map(|(n, _)| n.to_string()).collect(),
            };
            run(Path::new(&args[2]), Path::new(&args[3]), &readers);
            table(Path::new(&args[2]));
        }
        Some("table") if args.len() == 3 => table(Path::new(&args[2])),
        _ => {
            eprintln!("usage: pdf-readers run OUTDIR CORPUS [READERS] | table OUTDIR | one READER FILE OUT");
            std::process::exit(2);
        }
    }
}

/// Child: one reader on one file. Prints `status<TAB>seconds<TAB>message`, writes the text to OUT.
fn one(reader: &str, file: &Path, out: &Path) {
    let f = readers::by_name(reader).unwrap_or_else(|| panic!("no reader {reader}"));
    let bytes = std::fs::read(file).expect("readable file");
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    // The reader runs on a thread with a big stack, as in tenderscore.
    let r = std::thread::Builder::new()
        .stack_size(128 << 20)
        .spawn(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes))))
        .unwrap()
        .join()
        .unwrap();
    let secs = start.elapsed().as_secs_f64();
    let (status, msg, text) = match r {
        Ok(Ok(t)) => ("ok", String::new(), t),
        Ok(Err(e)) => ("err", e, String::new()),
        Err(p) => {
            let m = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            ("panic", m, String::new())
        }
    };
    std::fs::write(out, text).unwrap();
    let msg: String = msg.replace(['\t', '\n'], " ").chars().take(200).collect();
    println!("{status}\t{secs:.6}\t{msg}");
}

fn pdfs(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs(&p, into);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            into.push(p);
        }
    }
}

fn key(corpus: &Path, file: &Path) -> String {
    file.strip_prefix(corpus).unwrap().to_string_lossy().replace('/', "__")
}

fn nonspace(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).count()
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(str::to_lowercase)
        .collect()
}

fn recall(reference: &str, text: &str) -> f64 {
    let want = words(reference);
    if want.is_empty() {
        return f64::NAN;
    }
    let have = words(text);
    want.iter().filter(|w| have.contains(*w)).count() as f64 / want.len() as f64
}

fn run(out: &Path, corpus: &Path, readers: &[String]) {
    let me = std::env::current_exe().unwrap();
    let mut files = Vec::new();
    pdfs(corpus, &mut files);
    std::fs::create_dir_all(out.join("ref")).unwrap();
    // Reference: pdftotext, and whether pdfinfo calls the file encrypted.
    let mut meta = String::from("file\tbytes\tref_nonspace\tencrypted\n");
    for f in &files {
        let k = key(corpus, f);
        let txt = out.join("ref").join(format!("{k}.txt"));
        if !txt.exists() {
            let o = Command::new("timeout").arg("60s").arg("pdftotext").arg(f).arg("-").output().unwrap();
            std::fs::write(&txt, if o.status.success() { o.stdout } else { Vec::new() }).unwrap();
        }
        let info = Command::new("pdfinfo").arg(f).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
        let enc = info.lines().any(|l| l.starts_with("Encrypted:") && l.contains("yes"));
        let reference = String::from_utf8_lossy(&std::fs::read(&txt).unwrap()).into_owned();
        meta += &format!("{k}\t{}\t{}\t{}\n", std::fs::metadata(f).unwrap().len(), nonspace(&reference), enc);
    }
    std::fs::write(out.join("files.tsv"), meta).unwrap();
    // Results of earlier runs for other readers are kept.
    let results_path = out.join("results.tsv");
    let mut rows: BTreeMap<(String, String), String> = BTreeMap::new();
    if let Ok(old) = std::fs::read_to_string(&results_path) {
        for l in old.lines().skip(1) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() >= 2 && !readers.iter().any(|r| r == c[1]) {
                rows.insert((c[0].to_string(), c[1].to_string()), l.to_string());
            }
        }
    }
    for r in readers {
        std::fs::create_dir_all(out.join("text").join(r)).unwrap();
        eprint!("{r}: ");
        for f in &files {
            let k = key(corpus, f);
            let txt = out.join("text").join(r).join(format!("{k}.txt"));
            let _ = std::fs::remove_file(&txt);
            let o = Command::new("bash")
                .arg("-c")
                .arg(r#"ulimit -v 1048576; exec timeout -k 5s 20s "$0" one "$1" "$2" "$3""#)
                .arg(&me)
                .arg(r)
                .arg(f)
                .arg(&txt)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
            let code = o.status.code().unwrap_or(-1);
            let (status, secs, msg) = match stdout.lines().next() {
                Some(l) if code == 0 => {
                    let mut c = l.splitn(3, '\t');
                    (c.next().unwrap_or("?").to_string(), c.next().unwrap_or("0").to_string(), c.next().unwrap_or("").to_string())
                }
                _ if code == 124 || code == 137 => ("timeout".into(), "20".into(), String::new()),
                _ => {
                    let err = String::from_utf8_lossy(&o.stderr);
                    let last = err.lines().filter(|l| !l.trim().is_empty()).last().unwrap_or("").replace('\t', " ");
                    ("crash".into(), "0".into(), format!("exit {code}: {}", last.chars().take(150).collect::<String>()))
                }
            };
            let text = std::fs::read(&txt).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let reference = String::from_utf8_lossy(&std::fs::read(out.join("ref").join(format!("{k}.txt"))).unwrap()).into_owned();
            let rec = recall(&reference, &text);
            let pages = text.matches('\x0c').count();
            eprint!("{}", match status.as_str() { "ok" => ".", "err" => "e", "panic" => "P", "timeout" => "T", _ => "C" });
            rows.insert(
                (k.clone(), r.clone()),
                format!("{k}\t{r}\t{status}\t{secs}\t{}\t{rec:.4}\t{pages}\t{msg}", nonspace(&text)),
            );
        }
        eprintln!();
    }
    let mut s = String::from("file\treader\tstatus\tseconds\tnonspace\trecall\tformfeeds\tmessage\n");
    for v in rows.values() {
        s += v;
        s.push('\n');
    }
    std::fs::write(results_path, s).unwrap();
}

struct Res {
    status: String,
    secs: f64,
    nonspace: usize,
    recall: f64,
    msg: String,
}

fn table(out: &Path) {
    let meta = std::fs::read_to_string(out.join("files.tsv")).unwrap();
    let files: Vec<(String, u64, usize, bool)> = meta
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), c[1].parse().unwrap(), c[2].parse().unwrap(), c[3] == "true")
        })
        .collect();
    let mut res: BTreeMap<String, BTreeMap<String, Res>> = BTreeMap::new();
    for l in std::fs::read_to_string(out.join("results.tsv")).unwrap().lines().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        res.entry(c[1].to_string()).or_default().insert(
            c[0].to_string(),
            Res {
                status: c[2].to_string(),
                secs: c[3].parse().unwrap_or(0.0),
                nonspace: c[4].parse().unwrap_or(0),
                recall: c[5].parse().unwrap_or(f64::NAN),
                msg: c.get(7).unwrap_or(&"").to_string(),
            },
        );
    }
    let positive: Vec<&(String, u64, usize, bool)> = files.iter().filter(|f| f.2 > 20).collect();
    let enc_pos = positive.iter().filter(|f| f.3).count();
    println!(
        "{} PDFs; pdftotext reads text (>20 non-space characters) from N = {}; {} of those are encrypted (empty user password)\n",
        files.len(),
        positive.len(),
        enc_pos
    );
    println!("| reader | checked of N | % | mean word recall | MB/s one core | errors | panics | timeouts | crashes (signal/OOM) | encrypted ok |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let order: Vec<String> = readers::READERS.iter().map(|(n, _)| n.to_string()).filter(|n| res.contains_key(n)).collect();
    let mut report = String::new();
    for r in &order {
        let m = &res[r];
        let checked = |k: &str| m.get(k).is_some_and(|x| x.nonspace > 20 && x.status == "ok");
        let n_checked = positive.iter().filter(|f| checked(&f.0)).count();
        let enc_ok = positive.iter().filter(|f| f.3 && checked(&f.0)).count();
        let rec: f64 = positive
            .iter()
            .map(|f| m.get(&f.0).map(|x| if x.recall.is_nan() { 0.0 } else { x.recall }).unwrap_or(0.0))
            .sum::<f64>()
            / positive.len() as f64;
        let (mut bytes, mut secs) = (0u64, 0.0);
        for f in &files {
            if let Some(x) = m.get(&f.0) {
                if x.status == "ok" || x.status == "err" || x.status == "panic" {
                    bytes += f.1;
                    secs += x.secs;
                }
            }
        }
        let count = |s: &str| m.values().filter(|x| x.status == s).count();
        println!(
            "| {r} | {n_checked} of {} | {:.0}% | {rec:.3} | {:.1} | {} | {} | {} | {} | {enc_ok} of {enc_pos} |",
            positive.len(),
            100.0 * n_checked as f64 / positive.len() as f64,
            bytes as f64 / 1e6 / secs,
            count("err"),
            count("panic"),
            count("timeout"),
            count("crash"),
        );
        report += &format!("\n### {r}: not checked ({} files)\n", positive.len() - n_checked);
        for f in &positive {
            if !checked(&f.0) {
                let x = m.get(&f.0);
                report += &format!(
                    "- {} (pdftotext {} chars{}): {}\n",
                    f.0,
                    f.2,
                    if f.3 { ", encrypted" } else { "" },
                    x.map(|x| format!("{} {} chars, recall {:.2} {}", x.status, x.nonspace, x.recall, x.msg)).unwrap_or("not run".into())
                );
            }
        }
    }
    std::fs::write(out.join("failures.md"), report).unwrap();
    println!("\n(failures per reader: {}/failures.md)", out.display());
}

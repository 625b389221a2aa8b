//! Lines of a file read where an index says they are: one positioned read of just their
//! bytes, and the lines accepted only if they start and end where they are said to (used by
//! [`super::ledger_index`]).

use super::ledger;

/// Lines `first`, `first + 1`, … of `file`, where `bounds` holds where each starts and, last,
/// where the line after them starts (or where the file ends, `to_end`): the bytes read, and
/// where in them each line is, without its newline; read in one positioned read of just those
/// bytes. Only if each line does start where it is said to (the byte before the first is a
/// newline, unless it is the first line of the file), ends with a newline just before the
/// next starts (no newline after the file's last line) and holds no other, is UTF-8 and is not
/// over the longest line a ledger may hold.
pub(crate) fn lines_at(
    file: &std::fs::File,
    first: usize,
    bounds: &[u64],
    to_end: bool,
) -> Option<(String, Vec<std::ops::Range<usize>>)> {
    let (&at, &next) = (bounds.first()?, bounds.last()?);
    let skip = u64::from(first > 0);
    let from = at.checked_sub(skip)?;
    let size = usize::try_from(next.checked_sub(from)?).ok()?;
    let count = bounds.len().checked_sub(1)?;
    if size > count.checked_mul(ledger::MAX_LINE_BYTES + 2)? {
        return None;
    }
    let mut buf = vec![0u8; size];
    read_exact_at(file, &mut buf, from).ok()?;
    if skip == 1 && buf.first() != Some(&b'\n') {
        return None;
    }
    let mut lines = Vec::with_capacity(count);
    for (k, pair) in bounds.windows(2).enumerate() {
        let a = usize::try_from(pair[0].checked_sub(from)?).ok()?;
        let mut b = usize::try_from(pair[1].checked_sub(from)?).ok()?;
        let is_last = to_end && k + 1 == count;
        if !is_last {
            b = b.checked_sub(1).filter(|b| buf.get(*b) == Some(&b'\n'))?;
        }
        let line = buf.get(a..b)?;
        if line.len() > ledger::MAX_LINE_BYTES || memchr::memchr(b'\n', line).is_some() {
            return None;
        }
        lines.push(a..b);
    }
    // Lines of UTF-8 between newlines: all of it is UTF-8 when each line is.
    let text = String::from_utf8(buf).ok()?;
    Some((text, lines))
}

/// Fills `buf` from `file` at `at`, in as many positioned reads as it takes; an error when the
/// file ends first.
pub(crate) fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match read_at(file, &mut buf[got..], at + got as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => got += n,
        }
    }
    Ok(())
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh file of `text` for one test.
    pub(crate) fn file(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tenderscore-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("l.jsonl");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_line_is_read_only_where_a_line_starts() {
        let path = file("line-at", "first\nsecond line\nthird\n");
        let file = std::fs::File::open(&path).unwrap();
        let one = |first: usize, bounds: &[u64], to_end: bool| {
            lines_at(&file, first, bounds, to_end).map(|(text, lines)| {
                let lines: Vec<&str> = lines.into_iter().map(|r| &text[r]).collect();
                lines.join("|")
            })
        };
        assert_eq!(one(0, &[0, 6], false).as_deref(), Some("first"));
        assert_eq!(one(1, &[6, 18], false).as_deref(), Some("second line"));
        // Several lines in one read.
        assert_eq!(
            one(0, &[0, 6, 18, 24], false).as_deref(),
            Some("first|second line|third")
        );
        // After the last newline: the empty last piece.
        assert_eq!(one(3, &[24, 24], true).as_deref(), Some(""));
        // Not where a line starts, not ending where the next starts, two lines in one, a
        // boundary inside a run that is not one, a last line said to end past the file's end:
        // none.
        assert_eq!(one(1, &[8, 18], false), None);
        assert_eq!(one(1, &[6, 17], false), None);
        assert_eq!(one(0, &[0, 18], false), None);
        assert_eq!(one(0, &[0, 7, 18], false), None);
        assert_eq!(one(3, &[24, 25], true), None);
        assert_eq!(one(4, &[25, 25], true), None);
    }
}

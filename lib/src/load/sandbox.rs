//! The sandbox the evidence readers run in. A supplier chooses the bytes of its evidence, and a
//! parser of PDF, DOCX, ODT or HTML can be made to recurse until the stack overflows, allocate
//! until the machine runs out of memory, or loop. Neither a caught panic nor a watched thread
//! stops those, so each such file is read by a **worker process**: the tenderscore executable
//! itself, started again in a hidden mode ([`WORKER_ARG`]), which
//!
//! 1. sets its own limits before it reads a byte: address space [`MEMORY_LIMIT`], processor
//!    time [`CPU_LIMIT`], no core file, no file written;
//! 2. reads the file's bytes from its standard input (the scoring process has checked them
//!    against the file's recorded SHA-256, so the text always belongs to the bytes hashed);
//! 3. runs the reader ([`super::readers::read`]) and writes one answer to its standard output.
//!
//! The scoring process kills a worker still running after [`WALL_LIMIT`], reads at most
//! [`MAX_ANSWER_BYTES`] of its answer, and turns any death (a signal, an abort, a limit) into
//! [`Outcome::Died`] with the cause in words. At most [`set_jobs`] workers run at once. The
//! scoring process never parses evidence with a third-party parser.
//!
//! Where the system has no `setrlimit` (not Unix), the worker runs without its own limits: the
//! wall-clock kill and the answer bound still hold, memory does not.

use super::readers::{Format, Raw};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Condvar, Mutex, OnceLock};
use std::time::Duration;

/// The first argument that makes the executable a worker. Not a command: it is not in `--help`.
pub const WORKER_ARG: &str = "__read-evidence";
/// Address space of a worker.
pub const MEMORY_LIMIT: u64 = 1 << 30;
/// Processor time of a worker (it may only be lowered, with [`lower_cpu_limit`]).
pub const CPU_LIMIT: Duration = Duration::from_secs(20);
/// Elapsed time after which a worker is killed whatever it is doing: twice its processor time.
pub const WALL_LIMIT: Duration = Duration::from_secs(40);
/// The most text a worker returns, in bytes (more is cut at a character boundary).
pub const MAX_TEXT_BYTES: usize = 32 << 20;
/// The most bytes read from a worker: its text and a header (a tag byte, then the processor
/// time it used in microseconds, 8 bytes).
pub const MAX_ANSWER_BYTES: usize = MAX_TEXT_BYTES + HEADER;
const HEADER: usize = 9;
/// Stack of the worker's reading thread: deep but bounded nesting must not overflow it.
const STACK: usize = 64 << 20;

/// What became of one file sent to a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The reader answered, having used this much processor time.
    Read(Raw, Duration),
    /// The worker died or was stopped; the cause, in words.
    Died(String),
}

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
static LOWER_CPU_LIMIT: OnceLock<Duration> = OnceLock::new();

/// Lowers every worker's processor time to `limit` (whole seconds, at least 1; never above
/// [`CPU_LIMIT`]). For the test suite, whose file built to loop forever need not run 20 s to
/// prove it is stopped; the binary takes it from `TENDERSCORE_WORKER_CPU_SECONDS`. It can only
/// tighten the sandbox, never loosen it.
pub fn lower_cpu_limit(limit: Duration) {
    let secs = limit.as_secs().clamp(1, CPU_LIMIT.as_secs());
    let _ = LOWER_CPU_LIMIT.set(Duration::from_secs(secs));
}

static LOWER_MEMORY_LIMIT: OnceLock<u64> = OnceLock::new();

/// Lowers every worker's address space to `mib` MiB (at least 64, never above
/// [`MEMORY_LIMIT`]): for the test suite, whose memory bombs then die sooner; the binary takes
/// it from `TENDERSCORE_WORKER_MEMORY_MB`. Like [`lower_cpu_limit`], it only tightens.
pub fn lower_memory_limit(mib: u64) {
    let mib = mib.clamp(64, MEMORY_LIMIT >> 20);
    let _ = LOWER_MEMORY_LIMIT.set(mib << 20);
}

/// A worker's address space: [`MEMORY_LIMIT`], or lower if [`lower_memory_limit`] said so.
pub fn memory_limit() -> u64 {
    LOWER_MEMORY_LIMIT.get().copied().unwrap_or(MEMORY_LIMIT)
}

/// A worker's processor time: [`CPU_LIMIT`], or lower if [`lower_cpu_limit`] said so.
pub fn cpu_limit() -> Duration {
    LOWER_CPU_LIMIT.get().copied().unwrap_or(CPU_LIMIT)
}

/// A worker's elapsed time: twice its processor time ([`WALL_LIMIT`] at most).
fn wall_limit() -> Duration {
    cpu_limit() * 2
}
static SLOTS: Slots = Slots {
    free: Mutex::new(None),
    freed: Condvar::new(),
};

/// Names the executable that serves as the worker: the `tenderscore` binary calls this with
/// its own path at start. A library user that never calls it gets every non-plain evidence
/// file reported unreadable ("no evidence reader").
pub fn set_program(path: PathBuf) {
    let _ = PROGRAM.set(path);
}

/// At most this many workers run at once (default: the number of processors).
pub fn set_jobs(jobs: usize) {
    let mut free = SLOTS.free.lock().unwrap_or_else(|e| e.into_inner());
    *free = Some(jobs.max(1));
}

struct Slots {
    free: Mutex<Option<usize>>,
    freed: Condvar,
}

struct Slot;

impl Slots {
    fn take(&'static self) -> Slot {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let n = free
                .get_or_insert_with(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            if *n > 0 {
                *n -= 1;
                return Slot;
            }
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut free = SLOTS.free.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = free.as_mut() {
            *n += 1;
        }
        SLOTS.freed.notify_one();
    }
}

/// Reads `bytes` as a file of `format` in a worker process.
pub fn read(format: Format, bytes: &[u8]) -> Outcome {
    let Some(program) = PROGRAM.get() else {
        return Outcome::Died("no evidence reader: this program did not start the sandbox".into());
    };
    let _slot = SLOTS.take();
    let mut child = match Command::new(program)
        .arg(WORKER_ARG)
        .arg(format.name())
        .arg(cpu_limit().as_secs().to_string())
        .arg((memory_limit() >> 20).to_string())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Outcome::Died(format!("the evidence reader could not be started: {e}")),
    };
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Outcome::Died("the evidence reader could not be connected".into());
    };
    let answer = std::thread::scope(|s| {
        // The worker reads all of its input before it writes a byte, but it may die first:
        // a broken pipe here is the worker's death, reported from its exit status below.
        s.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let err = s.spawn(move || bounded_read(stderr, 8 << 10));
        let (tx, rx) = mpsc::channel();
        s.spawn(move || {
            let _ = tx.send(bounded_read(stdout, MAX_ANSWER_BYTES));
        });
        let out = rx.recv_timeout(wall_limit());
        let timed_out = out.is_err();
        let overflowed = matches!(&out, Ok((_, true)));
        if timed_out || overflowed {
            let _ = child.kill();
        }
        let status = child.wait();
        let out = out.ok().map(|(bytes, _)| bytes);
        let err = err.join().map(|(e, _)| e).unwrap_or_default();
        (status, out, timed_out, overflowed, err)
    });
    let (status, out, timed_out, overflowed, err) = answer;
    if timed_out {
        return Outcome::Died(format!(
            "the reader took more than {} s and was stopped",
            wall_limit().as_secs()
        ));
    }
    if overflowed {
        return Outcome::Died(format!(
            "the reader returned more than {} MB of text",
            MAX_TEXT_BYTES >> 20
        ));
    }
    let status = match status {
        Ok(s) => s,
        Err(e) => return Outcome::Died(format!("the reader could not be waited for: {e}")),
    };
    match (status.success(), out) {
        (true, Some(out)) => match decode(&out) {
            Some((raw, cpu)) => Outcome::Read(raw, cpu),
            None => Outcome::Died("the reader's answer was malformed".into()),
        },
        _ => Outcome::Died(cause_of_death(&status, &err)),
    }
}

/// Reads up to `limit` bytes, then drains the rest; says whether there was more.
fn bounded_read(mut from: impl Read, limit: usize) -> (Vec<u8>, bool) {
    let mut buf = Vec::new();
    let _ = (&mut from).take(limit as u64 + 1).read_to_end(&mut buf);
    let over = buf.len() > limit;
    buf.truncate(limit);
    if over {
        // Keep reading into nothing, so a worker blocked on a full pipe is not left hanging
        // before it is killed.
        let _ = std::io::copy(&mut from, &mut std::io::sink());
    }
    (buf, over)
}

/// Why a worker ended without an answer, in words a panel reads.
fn cause_of_death(status: &std::process::ExitStatus, stderr: &[u8]) -> String {
    let said = String::from_utf8_lossy(stderr);
    if said.contains("has overflowed its stack") {
        return "the reader crashed (stack overflow)".into();
    }
    if said.contains("memory allocation of") || said.contains("capacity overflow") {
        return format!(
            "the reader ran out of memory (limit {} MB)",
            memory_limit() >> 20
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return match sig {
                libc::SIGXCPU | libc::SIGKILL => format!(
                    "the reader used more than {} s of processor time and was stopped",
                    cpu_limit().as_secs()
                ),
                libc::SIGSEGV | libc::SIGBUS => "the reader crashed (invalid memory access)".into(),
                libc::SIGABRT => "the reader crashed (aborted)".into(),
                other => format!("the reader crashed (signal {other})"),
            };
        }
    }
    match status.code() {
        Some(code) => format!("the reader stopped with exit code {code}"),
        None => "the reader stopped".into(),
    }
}

/// The worker's answer: a tag (`T` and the text, `N` and why there is none, `B` and the
/// complaint), the processor time the worker used, then the words.
fn encode(raw: &Raw, cpu: Duration) -> Vec<u8> {
    let (tag, text) = match raw {
        Raw::Text(t) => (b'T', t),
        Raw::NoText(w) => (b'N', w),
        Raw::Broken(w) => (b'B', w),
    };
    let mut cut = text.len().min(MAX_TEXT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = Vec::with_capacity(cut + HEADER);
    out.push(tag);
    out.extend_from_slice(&(cpu.as_micros() as u64).to_le_bytes());
    out.extend_from_slice(&text.as_bytes()[..cut]);
    out
}

fn decode(out: &[u8]) -> Option<(Raw, Duration)> {
    let (tag, rest) = out.split_first()?;
    let (micros, rest) = rest.split_first_chunk::<8>()?;
    let cpu = Duration::from_micros(u64::from_le_bytes(*micros));
    let text = std::str::from_utf8(rest).ok()?.to_string();
    let raw = match tag {
        b'T' => Raw::Text(text),
        b'N' => Raw::NoText(text),
        b'B' => Raw::Broken(text),
        _ => return None,
    };
    Some((raw, cpu))
}

/// Processor time this process has used.
#[cfg(unix)]
fn own_cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Duration::new(
        t.tv_sec.max(0) as u64,
        t.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

#[cfg(not(unix))]
fn own_cpu_time() -> Duration {
    Duration::ZERO
}

/// The worker: `tenderscore __read-evidence FORMAT [CPU_SECONDS [MEMORY_MIB]]`, the file on
/// standard input.
/// Returns the exit code. Called by the binary's `main` before it parses any argument.
pub fn worker_main(args: &[OsString]) -> i32 {
    if let Some(secs) = args.get(1).and_then(|a| a.to_str()?.parse::<u64>().ok()) {
        lower_cpu_limit(Duration::from_secs(secs));
    }
    if let Some(mib) = args.get(2).and_then(|a| a.to_str()?.parse::<u64>().ok()) {
        lower_memory_limit(mib);
    }
    if let Err(e) = limit_self() {
        eprintln!("tenderscore worker: cannot set limits: {e}");
        return 3;
    }
    let Some(format) = args
        .first()
        .and_then(|a| a.to_str())
        .and_then(Format::from_name)
    else {
        eprintln!("tenderscore worker: expected one of html, pdf, docx, odt");
        return 2;
    };
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin()
        .lock()
        .take(super::readers::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        eprintln!("tenderscore worker: cannot read the file: {e}");
        return 3;
    }
    // The message of a panic goes into the answer; printing it as well is noise.
    std::panic::set_hook(Box::new(|_| {}));
    let reading = std::thread::Builder::new()
        .name("evidence-reader".into())
        .stack_size(STACK)
        .spawn(move || {
            std::panic::catch_unwind(|| super::readers::read(format, &bytes)).unwrap_or_else(
                |panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown error".into());
                    Raw::Broken(format!("the reader failed on this file: {what}"))
                },
            )
        });
    let raw = match reading.map(|h| h.join()) {
        Ok(Ok(raw)) => raw,
        Ok(Err(_)) => Raw::Broken("the reader failed on this file".into()),
        Err(e) => {
            eprintln!("tenderscore worker: cannot start the reader: {e}");
            return 3;
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(&encode(&raw, own_cpu_time()))
        .and_then(|_| out.flush())
        .is_err()
    {
        return 3;
    }
    0
}

/// The worker's own limits, set before it reads its input.
#[cfg(unix)]
fn limit_self() -> std::io::Result<()> {
    use rustix::process::{setrlimit, Resource, Rlimit};
    let set = |r: Resource, soft: u64, hard: u64| {
        setrlimit(
            r,
            Rlimit {
                current: Some(soft),
                maximum: Some(hard),
            },
        )
    };
    let cpu = cpu_limit().as_secs();
    set(Resource::Core, 0, 0)?;
    // SIGXCPU at the soft limit; SIGKILL a second later if it is caught or ignored.
    set(Resource::Cpu, cpu, cpu + 1)?;
    set(Resource::As, memory_limit(), memory_limit())?;
    // The worker writes no file (its answer goes down a pipe).
    set(Resource::Fsize, 0, 0)?;
    Ok(())
}

#[cfg(not(unix))]
fn limit_self() -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_and_long_text_is_cut_on_a_character() {
        for raw in [
            Raw::Text("a\u{c}b".into()),
            Raw::NoText("scan".into()),
            Raw::Broken("bad".into()),
        ] {
            let cpu = Duration::from_micros(1_234_567);
            assert_eq!(decode(&encode(&raw, cpu)), Some((raw, cpu)));
        }
        let long = "é".repeat(MAX_TEXT_BYTES / 2 + 3);
        let out = encode(&Raw::Text(long), Duration::ZERO);
        assert!(out.len() <= MAX_ANSWER_BYTES);
        assert!(decode(&out).is_some());
        assert_eq!(decode(b"X12345678abc"), None);
        assert_eq!(decode(b"T1234"), None);
        assert_eq!(decode(b""), None);
    }

    #[test]
    fn without_a_program_every_file_is_unreadable_not_read_here() {
        // This test binary never calls set_program.
        assert!(
            matches!(read(Format::Pdf, b"%PDF-1.4"), Outcome::Died(w) if w.contains("no evidence reader"))
        );
    }
}

//! The `saywho` command: annotate an article, a JSON Lines archive, or check
//! an annotation file. See docs/cli.md.
//!
//! Exit codes: 0 success; 1 the input could not be read, is not UTF-8, is not
//! a valid annotation file, or (batch) some line gave an error record;
//! 2 the command line itself is wrong.

mod batch;
mod input;

use std::io::{self, Write};
use std::process::ExitCode;

use input::{display_name, io_message, read_text};

const USAGE: &str = "\
saywho: who said what in a news article

Usage:
  saywho annotate [--rules-only] [--w3c] FILE
                           print the annotation file (JSON) for the article in FILE
                           (`-` reads standard input); warnings go to stderr
  --w3c                    print a W3C Web Annotation collection (JSON-LD) instead
  saywho batch [-j N] [--rules-only]
                           read JSON Lines {\"id\": …, \"text\": …} on stdin and write one
                           line {\"id\": …, \"annotations\": …, \"warnings\": […]} per input
                           line, in order, using N threads (default: every core)
  --rules-only             leave the statistical models out: about five times faster,
                           fewer names found in text unlike news
  saywho validate FILE     check an annotation file (`-` for stdin) and say what is wrong
  saywho --help | --version

Exit status: 0 ok; 1 unreadable, non-UTF-8 or invalid input (batch: some line
gave an error record); 2 wrong usage. More in docs/cli.md.
";

/// What went wrong, and the exit status it gives.
enum Failure {
    Usage(String),
    Input(String),
    /// Already reported on stderr.
    Reported,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
        Err(Failure::Reported) => ExitCode::from(1),
    }
}

fn run(args: &[&str]) -> Result<(), Failure> {
    match args {
        [] => Err(Failure::Usage("no command given".into())),
        ["-h" | "--help" | "help", ..] | [_, "-h" | "--help"] => print(USAGE),
        ["-V" | "--version" | "version"] => print(&format!(
            "saywho {} (annotation format version {})\n",
            env!("CARGO_PKG_VERSION"),
            saywho_core::format::FORMAT_VERSION
        )),
        ["annotate", rest @ ..] => {
            let (options, rest) = take_rules_only(rest);
            let w3c = rest.contains(&"--w3c");
            let rest: Vec<&str> = rest.into_iter().filter(|a| *a != "--w3c").collect();
            annotate(one_file("annotate", &rest)?, &options, w3c)
        }
        ["validate", rest @ ..] => validate(one_file("validate", rest)?),
        ["batch", rest @ ..] => batch(rest),
        [cmd, ..] if cmd.starts_with('-') => Err(Failure::Usage(format!("unknown option {cmd}"))),
        [cmd, ..] => Err(Failure::Usage(format!("unknown command {cmd:?} (commands: annotate, batch, validate)"))),
    }
}

/// Removes `--rules-only` from the arguments and says whether it was there.
fn take_rules_only<'a>(args: &[&'a str]) -> (saywho_core::Options, Vec<&'a str>) {
    let models = !args.contains(&"--rules-only");
    (saywho_core::Options { models }, args.iter().copied().filter(|a| *a != "--rules-only").collect())
}

/// The single FILE argument of `annotate` and `validate`.
fn one_file<'a>(cmd: &str, rest: &[&'a str]) -> Result<&'a str, Failure> {
    match rest {
        [file] if *file == "-" || !file.starts_with('-') => Ok(file),
        [] => Err(Failure::Usage(format!("`saywho {cmd}` needs a FILE (or - for standard input)"))),
        [opt] => Err(Failure::Usage(format!("unknown option {opt} for `saywho {cmd}`"))),
        _ => Err(Failure::Usage(format!("`saywho {cmd}` takes one FILE, got {}", rest.len()))),
    }
}

/// `w3c`: the W3C Web Annotation collection instead of the annotation file.
fn annotate(path: &str, options: &saywho_core::Options, w3c: bool) -> Result<(), Failure> {
    let text = read_text(path).map_err(|e| Failure::Input(e.0))?;
    let annotated = saywho_core::annotate_with(&text, options);
    for w in &annotated.warnings {
        eprintln!("warning: {}", w.message);
    }
    if w3c {
        print(&saywho_core::export::w3c::to_w3c_json(&annotated.document))
    } else {
        print(&annotated.document.to_json())
    }
}

fn validate(path: &str) -> Result<(), Failure> {
    let json = read_text(path).map_err(|e| Failure::Input(e.0))?;
    let name = display_name(path);
    let doc = saywho_core::parse_document(&json).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    print(&format!(
        "{name}: valid saywho annotation file ({} entities, {} mentions, {} quotes)\n",
        doc.entities.len(),
        doc.mentions.len(),
        doc.quotes.len()
    ))
}

fn batch(args: &[&str]) -> Result<(), Failure> {
    let (options, args) = take_rules_only(args);
    let jobs = match args.as_slice() {
        [] => std::thread::available_parallelism().map_or(1, |n| n.get()),
        ["-j" | "--jobs", n] => match n.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => return Err(Failure::Usage(format!("--jobs needs a whole number above 0, got {n:?}"))),
        },
        ["-j" | "--jobs"] => return Err(Failure::Usage("--jobs needs a number".into())),
        [other, ..] => return Err(Failure::Usage(format!("unknown argument {other:?} for `saywho batch`"))),
    };
    let stdout = io::stdout().lock();
    match batch::run(io::stdin(), io::BufWriter::with_capacity(1 << 16, stdout), jobs, options) {
        Ok(summary) if summary.errors > 0 => {
            eprintln!(
                "saywho batch: {} of {} lines could not be annotated (see the \"error\" field of their records)",
                summary.errors, summary.records
            );
            Err(Failure::Reported)
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Input(format!("batch stopped: {}", io_message(&e)))),
    }
}

/// Writes to stdout; a closed pipe (`saywho … | head`) is not an error.
fn print(s: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Input(format!("cannot write the output: {}", io_message(&e))))
        }
        _ => Ok(()),
    }
}

//! The quality floor: the core runs on every gold article in `../shared/eval/gold`
//! and the shared scorer (`../shared/eval/score.py`) grades the exports. A figure
//! below its floor fails the build, so extraction quality cannot silently regress.
//!
//! The floors only go up: when the core improves, raise them to the new figures
//! minus a small margin (about 0.03), never lower them to make a change pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// (figure, JSON pointer into `score.py --json`, floor). Set at 1335ba1, where the
/// core scored 1.00 on all four over the three gold articles; floor = figure - 0.03.
const FLOORS: &[(&str, &str, f64)] = &[
    ("entities F1 (PERSON/ORG/LOC)", "/entities/F1", 0.97),
    ("quotes F1", "/quotes/F1", 0.97),
    ("attribution accuracy", "/attribution_accuracy", 0.97),
    ("quote+speaker F1", "/quotes_with_speaker/F1", 0.97),
];

/// The shared folder: `$SAYWHO_SHARED`, else `../shared` beside the repository.
fn shared_dir() -> PathBuf {
    match std::env::var_os("SAYWHO_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// Writes the core's export for every gold file into `pred_dir`; returns how many.
fn write_predictions(gold_dir: &Path, pred_dir: &Path) -> usize {
    let mut count = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", gold_dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    entries.sort();
    for gold_path in entries {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("readable gold file"))
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", gold_path.display()));
        let text = gold["text"].as_str().unwrap_or_else(|| panic!("{} has no \"text\"", gold_path.display()));
        let export = saywho_core::annotate(text).document.to_json();
        std::fs::write(pred_dir.join(gold_path.file_name().expect("file name")), export).expect("write prediction");
        count += 1;
    }
    count
}

/// Runs the scorer with `extra` arguments; returns its stdout, panicking with its stderr on failure.
fn score(score_py: &Path, gold_dir: &Path, pred_dir: &Path, extra: &str) -> String {
    let output = Command::new("python3")
        .arg(score_py)
        .arg("--gold-dir")
        .arg(gold_dir)
        .arg("--pred-dir")
        .arg(pred_dir)
        .arg(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (scripts/setup.sh installs it): {e}"));
    assert!(
        output.status.success(),
        "score.py {extra} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("score.py prints UTF-8")
}

#[test]
fn gold_figures_stay_above_their_floors() {
    let shared = shared_dir();
    let gold_dir = shared.join("eval/gold");
    let score_py = shared.join("eval/score.py");
    assert!(
        gold_dir.is_dir() && score_py.is_file(),
        "the quality test needs the shared evaluation data: {} and {} are missing. \
         Check out the repository with `shared/` beside it, or set SAYWHO_SHARED to that folder.",
        gold_dir.display(),
        score_py.display()
    );

    let pred_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gold-predictions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&pred_dir);
    std::fs::create_dir_all(&pred_dir).expect("create prediction dir");
    let documents = write_predictions(&gold_dir, &pred_dir);
    assert!(documents > 0, "no gold files in {}", gold_dir.display());

    let figures: Value = serde_json::from_str(&score(&score_py, &gold_dir, &pred_dir, "--json")).expect("score.py --json prints JSON");
    assert_eq!(figures["documents"].as_u64(), Some(documents as u64), "score.py scored another number of documents");

    let mut misses = Vec::new();
    for &(name, pointer, floor) in FLOORS {
        let value = figures.pointer(pointer).and_then(Value::as_f64).unwrap_or_else(|| panic!("score.py gave no {pointer}"));
        println!("{name:30} {value:.4}  (floor {floor:.2})");
        if value < floor {
            misses.push(format!("{name} is {value:.4}, below its floor {floor:.2}"));
        }
    }
    if !misses.is_empty() {
        let explain = score(&score_py, &gold_dir, &pred_dir, "--explain");
        panic!("quality fell below the floor:\n  {}\n\nscore.py --explain:\n{explain}", misses.join("\n  "));
    }
    let _ = std::fs::remove_dir_all(&pred_dir);
}

//! The one integration-test binary for the `obezlik` command line. Every
//! expectation is run through every input path: a memory-mapped file, standard
//! input, tiny chunks and windows (so findings straddle chunk boundaries), and
//! one or two threads.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_obezlik");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("OBEZLIK_KEY_FILE");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn obezlik");
    if let Some(data) = stdin {
        let mut si = child.stdin.take().unwrap();
        let data = data.to_vec();
        // Write from a thread so a full stdout pipe cannot deadlock us.
        std::thread::spawn(move || {
            let _ = si.write_all(&data);
        });
    }
    child.wait_with_output().expect("wait for obezlik")
}

fn ok(out: &Output) -> &[u8] {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    &out.stdout
}

/// The ways one input can reach the engine, as extra arguments and whether the
/// data goes through stdin.
fn input_paths() -> Vec<(&'static str, Vec<&'static str>, bool)> {
    vec![
        ("mmap", vec![], false),
        ("mmap -j2", vec!["-j", "2"], false),
        ("stdin", vec![], true),
        (
            "tiny chunks",
            vec!["--chunk-size", "7", "--window-size", "13"],
            false,
        ),
        (
            "stdin tiny chunks -j2",
            vec!["--chunk-size", "5", "--window-size", "11", "-j", "2"],
            true,
        ),
    ]
}

/// Runs `obezlik <sub> <args…>` on `data` through every input path and checks
/// they all print the same; returns that output.
fn same_everywhere(sub: &str, args: &[&str], data: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input.txt");
    std::fs::write(&file, data).unwrap();
    let mut first: Option<Vec<u8>> = None;
    for (name, extra, via_stdin) in input_paths() {
        let mut a: Vec<&str> = vec![sub];
        a.extend_from_slice(args);
        a.extend(extra.iter());
        let f = file.to_str().unwrap();
        if !via_stdin {
            a.push(f);
        }
        let out = run(&a, via_stdin.then_some(data));
        let got = ok(&out).to_vec();
        match &first {
            None => first = Some(got),
            Some(f) => assert!(
                *f == got,
                "{sub} via {name} differs:\n{}\nvs\n{}",
                String::from_utf8_lossy(f),
                String::from_utf8_lossy(&got)
            ),
        }
    }
    first.unwrap()
}

const SAMPLE: &str = "Клиент Иванов, тел. +7 (912) 345-67-89, ИНН 7707083893\r\n\
e-mail: ivan.petrov@mail.ru; СНИЛС 112-233-445 95\n\
2024-02-18T14:11:22.165Z txn=210797960230 ts=1724296038 from 10.0.0.1:5432\n\
карта 4276 3688 1142 0603, р/с 40702810900000012345\n\
no newline at the end: тел. 89123456789, ok";

fn key(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    ok(&run(&["keygen", p.to_str().unwrap()], None));
    p.to_str().unwrap().to_string()
}

#[test]
fn scan_jsonl_is_spec_shaped_and_the_same_on_every_path() {
    let out = same_everywhere("scan", &["--format", "jsonl"], SAMPLE.as_bytes());
    let text = String::from_utf8(out).unwrap();
    let mut labels = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            v["text"].as_str().unwrap().as_bytes(),
            &SAMPLE.as_bytes()[s..e],
            "{line}"
        );
        labels.push(v["label"].as_str().unwrap().to_string());
    }
    assert_eq!(
        labels,
        ["PERSON", "PHONE", "INN", "EMAIL", "SNILS", "IP", "CARD", "ACCOUNT", "PHONE"]
    );
}

#[test]
fn scan_human_format_names_line_and_column() {
    let out = run(&["scan", "--color", "never"], Some(SAMPLE.as_bytes()));
    let text = String::from_utf8(ok(&out).to_vec()).unwrap();
    assert!(text.starts_with("1:"), "{text}");
    assert!(text.contains("2:9: EMAIL    ivan.petrov@mail.ru"), "{text}");
    let stats = run(
        &["scan", "--stats", "--color", "never"],
        Some(SAMPLE.as_bytes()),
    );
    assert!(String::from_utf8_lossy(ok(&stats)).contains("PHONE     2"));
}

#[test]
fn labels_filter_and_unknown_label_error() {
    let out = run(
        &["scan", "--format", "jsonl", "--labels", "EMAIL,ip"],
        Some(SAMPLE.as_bytes()),
    );
    let text = String::from_utf8(ok(&out).to_vec()).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    let bad = run(&["scan", "--labels", "PHONY"], Some(b""));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown label"));
}

#[test]
fn missing_file_is_named_and_others_still_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "ИНН 7707083893\n").unwrap();
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "/no/such/file.log",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/no/such/file.log") && err.contains("no such file"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("7707083893"));
}

#[test]
fn empty_input_binary_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("sub/a.log"), "тел. +79123456789\n").unwrap();
    std::fs::write(
        dir.path().join("blob.bin"),
        [b"\x00\x01".as_slice(), "ИНН 7707083893".as_bytes(), b"\x00"].concat(),
    )
    .unwrap();
    let out = run(
        &["scan", "--format", "jsonl", dir.path().to_str().unwrap()],
        None,
    );
    let text = String::from_utf8(ok(&out).to_vec()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"path\":") && text.contains("a.log"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("blob.bin: binary file skipped"));
    // Named explicitly, a binary file is scanned.
    let named = run(
        &[
            "scan",
            "--format",
            "jsonl",
            dir.path().join("blob.bin").to_str().unwrap(),
        ],
        None,
    );
    assert!(String::from_utf8_lossy(ok(&named)).contains("7707083893"));
    assert!(ok(&run(&["scan"], Some(b""))).is_empty());
}

#[test]
fn closed_stdout_ends_quietly() {
    let data = SAMPLE.repeat(20_000);
    let mut child = Command::new(BIN)
        .args(["scan", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut si = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = si.write_all(data.as_bytes());
    });
    let mut so = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    so.read_exact(&mut first).unwrap();
    drop(so); // like `| head -c 100`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn anonymize_tag_is_keyed_deterministic_and_keeps_bytes_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let k1 = key(dir.path(), "k1");
    let k2 = key(dir.path(), "k2");
    let a = same_everywhere("anonymize", &["--key-file", &k1], SAMPLE.as_bytes());
    let b = same_everywhere("anonymize", &["--key-file", &k2], SAMPLE.as_bytes());
    let text = String::from_utf8(a.clone()).unwrap();
    assert_eq!(text.matches('\n').count(), SAMPLE.matches('\n').count());
    assert!(text.contains("\r\n"), "CRLF kept");
    assert!(text.ends_with(", ok"), "no newline added at the end");
    for secret in [
        "Иванов",
        "912) 345-67-89",
        "7707083893",
        "ivan.petrov@mail.ru",
        "112-233-445 95",
        "4276 3688",
        "40702810900000012345",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    for kept in [
        "Клиент ",
        ", тел. ",
        "txn=210797960230 ts=1724296038",
        "no newline at the end: тел. ",
    ] {
        assert!(text.contains(kept), "{kept} changed: {text}");
    }
    assert_ne!(a, b, "another key changes the pseudonyms");
}

#[test]
fn encrypt_then_reidentify_round_trips_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let k = key(dir.path(), "k");
    let mut data = SAMPLE.as_bytes().to_vec();
    data.extend_from_slice(b"\ninvalid \xff\xfe utf-8 then +7 912 345 6789\n\x00nul\n");
    let enc = same_everywhere("anonymize", &["--key-file", &k, "--mode", "encrypt"], &data);
    assert!(!String::from_utf8_lossy(&enc).contains("7707083893"));
    let back = same_everywhere("reidentify", &["--key-file", &k], &enc);
    assert_eq!(back, data);
    // The wrong key is an error, not silent garbage.
    let other = key(dir.path(), "other");
    let wrong = run(&["reidentify", "--key-file", &other], Some(&enc));
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn keys_are_required_checked_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let no_key = run(&["anonymize"], Some("ИНН 7707083893\n".as_bytes()));
    assert_eq!(no_key.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_key.stderr).contains("keygen"));
    let redacted = run(
        &["anonymize", "--mode", "redact"],
        Some("ИНН 7707083893\n".as_bytes()),
    );
    assert_eq!(ok(&redacted), b"\xd0\x98\xd0\x9d\xd0\x9d [INN]\n");

    let k = key(dir.path(), "k");
    let again = run(&["keygen", &k], None);
    assert_eq!(again.status.code(), Some(2));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&k).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o644)).unwrap();
        let warn = run(&["anonymize", "--key-file", &k], Some(b"x\n"));
        assert!(
            String::from_utf8_lossy(&warn.stderr).contains("warning"),
            "{}",
            String::from_utf8_lossy(&warn.stderr)
        );
    }
    let short = dir.path().join("short");
    std::fs::write(&short, "abcd\n").unwrap();
    let refused = run(
        &["anonymize", "--key-file", short.to_str().unwrap()],
        Some(b"x\n"),
    );
    assert_eq!(refused.status.code(), Some(2));
    let key_text = std::fs::read_to_string(&k).unwrap();
    for out in [&no_key, &refused] {
        assert!(!String::from_utf8_lossy(&out.stderr).contains(key_text.trim()));
    }
}

#[test]
fn output_files_are_atomic_and_trees_are_mirrored() {
    let dir = tempfile::tempdir().unwrap();
    let k = key(dir.path(), "k");
    let src = dir.path().join("logs");
    std::fs::create_dir_all(src.join("2024/11")).unwrap();
    std::fs::write(src.join("a.log"), "тел. +79123456789\n").unwrap();
    std::fs::write(src.join("2024/11/b.log"), "ИНН 7707083893\n").unwrap();
    std::fs::write(src.join("2024/img.bin"), b"\x00\x00").unwrap();
    let out_dir = dir.path().join("out");
    let out = run(
        &[
            "anonymize",
            "--key-file",
            &k,
            src.to_str().unwrap(),
            "--output-dir",
            out_dir.to_str().unwrap(),
        ],
        None,
    );
    ok(&out);
    let b = std::fs::read_to_string(out_dir.join("2024/11/b.log")).unwrap();
    assert!(
        b.starts_with("ИНН [INN:") && !b.contains("7707083893"),
        "{b}"
    );
    assert!(out_dir.join("a.log").exists() && !out_dir.join("2024/img.bin").exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("img.bin: binary file skipped"));
    // -o FILE: complete file, no temporary left beside it, input untouched.
    let target = dir.path().join("single.txt");
    ok(&run(
        &[
            "anonymize",
            "--key-file",
            &k,
            src.join("a.log").to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    ));
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("тел. [PHONE:"));
    assert_eq!(
        std::fs::read_to_string(src.join("a.log")).unwrap(),
        "тел. +79123456789\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // `-o -` is standard output, for anonymize and reidentify alike: no file
    // named `-` appears.
    for mode in ["tag", "encrypt"] {
        let out = Command::new(BIN)
            .current_dir(dir.path())
            .args([
                "anonymize",
                "--key-file",
                &k,
                "--mode",
                mode,
                "-o",
                "-",
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all("тел. +79123456789\n".as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        ok(&out);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with("тел. [") && text.contains("PHONE"),
            "{text}"
        );
        if mode == "encrypt" {
            let back = Command::new(BIN)
                .current_dir(dir.path())
                .args(["reidentify", "--key-file", &k, "-o", "-", "-"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    child.stdin.take().unwrap().write_all(&out.stdout)?;
                    child.wait_with_output()
                })
                .unwrap();
            ok(&back);
            assert_eq!(back.stdout, "тел. +79123456789\n".as_bytes());
        }
        assert!(
            !dir.path().join("-").exists(),
            "a file named `-` was written"
        );
    }
    // Refuses to write over its own input.
    let clobber = run(
        &[
            "anonymize",
            "--key-file",
            &k,
            src.join("a.log").to_str().unwrap(),
            "-o",
            src.join("a.log").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(clobber.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(src.join("a.log")).unwrap(),
        "тел. +79123456789\n"
    );
}

#[test]
fn shipped_example_scans_with_findings_of_many_labels() {
    let log = repo().join("corpora/examples/app.log");
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--stats",
            log.to_str().unwrap(),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(&out);
    for label in ["PHONE", "EMAIL", "IP", "INN"] {
        assert!(err.contains(label), "{label} missing from stats: {err}");
    }
}

/// `obezlik eval` and the shared scorer running `obezlik scan` agree on every
/// number but the timings, on the shared sample and on the project's corpus.
#[test]
fn eval_agrees_with_the_shared_scorer() {
    let scorer = repo().join("../shared/eval/score.py");
    if !scorer.exists() || Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("OBEZLIK_SKIP_PYTHON").is_some(),
            "this test needs python3 and ../shared/eval/score.py beside the repository (set OBEZLIK_SKIP_PYTHON=1 to skip)"
        );
        eprintln!("SKIPPED: python3 or {} missing", scorer.display());
        return;
    }
    for gold in [
        repo().join("../shared/eval/sample.jsonl"),
        repo().join("corpora/gold/dev.jsonl"),
    ] {
        let g = gold.to_str().unwrap();
        let ours = run(&["eval", "--gold", g, "--json"], None);
        let ours: serde_json::Value = serde_json::from_slice(ok(&ours)).unwrap();
        let theirs = Command::new("python3")
            .arg(&scorer)
            .arg(g)
            .arg("--json")
            .arg("--cmd")
            .arg(format!("{BIN} scan --format jsonl {{input}}"))
            .output()
            .unwrap();
        let theirs: serde_json::Value = serde_json::from_slice(ok(&theirs)).unwrap();
        for key in [
            "labels",
            "overall",
            "by_source",
            "neg_bytes",
            "neg_findings",
            "fp_per_mb",
            "input_bytes",
            "documents",
        ] {
            assert_eq!(ours[key], theirs[key], "{key} differs on {g}");
        }
    }
}

#[test]
fn policy_file_sets_modes_allowlist_and_patterns_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let k = key(dir.path(), "k");
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "mode = \"redact\"\nallow = [\"support@example.ru\"]\n[modes]\nEMAIL = \"mask\"\n\
         [[patterns]]\nlabel = \"SECRET\"\nregex = 'corp_[a-z0-9]{6}'\n",
    )
    .unwrap();
    let input = "ИНН 7707083893, support@example.ru, ivan@mail.ru, key corp_abc123\n";
    let p = policy.to_str().unwrap();
    let out = same_everywhere(
        "anonymize",
        &["--policy", p, "--key-file", &k],
        input.as_bytes(),
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("ИНН [INN], support@example.ru, i"),
        "{text}"
    );
    assert!(
        text.contains("@mail.ru") && !text.contains("ivan@"),
        "{text}"
    );
    assert!(text.contains("key [SECRET]"), "{text}");
    let tagged = run(
        &[
            "anonymize",
            "--policy",
            p,
            "--key-file",
            &k,
            "--mode",
            "tag",
        ],
        Some(input.as_bytes()),
    );
    assert!(String::from_utf8_lossy(ok(&tagged)).starts_with("ИНН [INN:"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "mode = \"shred\"\n").unwrap();
    let err = run(&["scan", "--policy", bad.to_str().unwrap()], Some(b""));
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("bad.toml"));
}

#[test]
fn jsonl_chat_and_csv_modes_touch_only_string_values() {
    let jsonl = concat!(
        r#"{"id":17,"amount":1.50e+3,"messages":[{"role":"user","content":"мой тел.\n\u002B79123456789, ИНН 7707083893"}]}"#,
        "\n",
        r#"{"id":18,"messages":[{"role":"user","content":[{"type":"text","text":"почта ivan@mail.ru"}]}],"note":"ИНН 7707083893"}"#,
        "\n",
        "not json: ИНН 7707083893\n"
    );
    let out = same_everywhere(
        "anonymize",
        &["--mode", "redact", "--chat"],
        jsonl.as_bytes(),
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        first["messages"][0]["content"],
        "мой тел.\n[PHONE], ИНН [INN]"
    );
    assert!(
        lines[0].starts_with(r#"{"id":17,"amount":1.50e+3,"#),
        "numbers and keys keep their bytes"
    );
    assert!(
        lines[1].contains(r#""text":"почта [EMAIL]""#)
            && lines[1].contains(r#""note":"ИНН 7707083893""#),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "not json: ИНН [INN]");

    let all = same_everywhere(
        "anonymize",
        &["--mode", "redact", "--jsonl"],
        jsonl.as_bytes(),
    );
    assert!(String::from_utf8(all)
        .unwrap()
        .contains(r#""note":"ИНН [INN]""#));

    let csv = "id,comment,phone\r\n1,\"Иванов, тел. +79123456789\",+7 912 345 67 89\r\n2,ok,\"8 (495) 123-45-67\"\r\n";
    let out = run(
        &[
            "anonymize",
            "--mode",
            "redact",
            "--csv",
            "--column",
            "phone",
        ],
        Some(csv.as_bytes()),
    );
    assert_eq!(
        String::from_utf8(ok(&out).to_vec()).unwrap(),
        "id,comment,phone\r\n1,\"Иванов, тел. +79123456789\",[PHONE]\r\n2,ok,\"[PHONE]\"\r\n"
    );
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.txt");
    let mut child = Command::new(BIN)
        .args([
            "anonymize",
            "--mode",
            "redact",
            "-o",
            target.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Keep stdin open so the run is mid-way when interrupted.
    let mut si = child.stdin.take().unwrap();
    si.write_all("ИНН 7707083893\n".repeat(1000).as_bytes())
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_dir(dir.path()).unwrap().count() == 0
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    drop(si);
    assert_eq!(out.status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn report_has_counts_and_never_values() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = run(
        &[
            "anonymize",
            "--mode",
            "redact",
            "--report",
            report.to_str().unwrap(),
        ],
        Some(SAMPLE.as_bytes()),
    );
    ok(&out);
    let text = std::fs::read_to_string(&report).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["per_label"]["PHONE"], 2);
    assert_eq!(v["findings"], 9);
    assert_eq!(v["per_label"]["PERSON"], 1);
    for secret in ["7707083893", "ivan.petrov", "345-67-89", "Иванов"] {
        assert!(!text.contains(secret), "{secret} in report");
    }
}

// ---------------------------------------------------------------------------
// Hostile input: one test per row of the README's "Bad input" table.

/// Runs `obezlik args…` with stdout and stderr captured, killing it (and
/// failing) if it has not finished within `secs`: a hang is a bug here.
fn run_within(secs: u64, args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("OBEZLIK_KEY_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn obezlik");
    // Drain the pipes from threads so a chatty child cannot block on them.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let o = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let e = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("obezlik {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: o.join().unwrap(),
        stderr: e.join().unwrap(),
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Names of temporary output files (`.NAME.obezlik-PID.tmp`) left in `dir`.
fn temps_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".obezlik-"))
        .collect()
}

#[test]
fn empty_input_gives_empty_output_on_every_path() {
    assert!(same_everywhere("scan", &["--format", "jsonl"], b"").is_empty());
    assert!(same_everywhere("anonymize", &["--mode", "redact"], b"").is_empty());
    let dir = tempfile::tempdir().unwrap();
    let (src, dst) = (dir.path().join("empty.txt"), dir.path().join("out.txt"));
    std::fs::write(&src, "").unwrap();
    let args = ["anonymize", "--mode", "redact", src.to_str().unwrap(), "-o"];
    ok(&run(&[&args[..], &[dst.to_str().unwrap()]].concat(), None));
    assert_eq!(std::fs::read(&dst).unwrap(), b"", "an empty output file");
}

/// CRLF, no final newline, NUL bytes, invalid UTF-8 and CP1251 text: every
/// byte that is not a finding comes out unchanged, on every input path.
#[test]
fn crlf_nul_invalid_utf8_and_cp1251_bytes_pass_through() {
    // «Иванов, тел. +79123456789, ИНН 7707083893\r\n» in CP1251.
    let cp1251: &[u8] =
        b"\xc8\xe2\xe0\xed\xee\xe2, \xf2\xe5\xeb. +79123456789, \xc8\xcd\xcd 7707083893\r\n";
    let input = [
        "ИНН 7707083893\r\n".as_bytes(),
        b"\x00\x01 \xd1\x82\xd0\xb5\xd0\xbb. +79123456789\r\n",
        cp1251,
        b"\xff\xfe\xc3\r\n",
        "конец без перевода строки: ИНН 7707083893".as_bytes(),
    ]
    .concat();
    // CP1251 is not decoded: its Cyrillic cue «ИНН» is not recognised, so that
    // INN stays; the +7 phone needs no cue and is replaced.
    let cp1251_out: &[u8] =
        b"\xc8\xe2\xe0\xed\xee\xe2, \xf2\xe5\xeb. [PHONE], \xc8\xcd\xcd 7707083893\r\n";
    let expected = [
        "ИНН [INN]\r\n".as_bytes(),
        b"\x00\x01 \xd1\x82\xd0\xb5\xd0\xbb. [PHONE]\r\n",
        cp1251_out,
        b"\xff\xfe\xc3\r\n",
        "конец без перевода строки: ИНН [INN]".as_bytes(),
    ]
    .concat();
    let got = same_everywhere("anonymize", &["--mode", "redact"], &input);
    assert!(
        got == expected,
        "{:?}\nvs expected\n{:?}",
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&expected)
    );
    // The file with invalid UTF-8 is named on stderr.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cp1251.txt");
    std::fs::write(&f, &input).unwrap();
    let out = run(
        &["anonymize", "--mode", "redact", f.to_str().unwrap()],
        None,
    );
    assert_eq!(ok(&out), expected.as_slice());
    assert!(
        stderr(&out).contains("cp1251.txt: contains invalid UTF-8"),
        "{}",
        stderr(&out)
    );
}

/// One 20 MB line with no line end, read with a 1 MB window: the same code
/// path a 200 MB line takes with the default 16 MB window (the stream buffer
/// grows to the line; the memory map scans it in place).
#[test]
fn a_single_line_far_longer_than_the_window() {
    let mut data = vec![b'x'; 20 << 20];
    data.extend_from_slice(" тел. +79123456789 конец".as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("long.txt");
    std::fs::write(&f, &data).unwrap();
    let small = [
        "--window-size",
        "1000000",
        "--chunk-size",
        "65536",
        "-j",
        "2",
    ];
    let at = (20 << 20) + " тел. ".len();
    let want = format!("\"start\":{at},\"end\":{}", at + 12);
    for via_stdin in [false, true] {
        let mut a = vec!["scan", "--format", "jsonl"];
        a.extend(small);
        if !via_stdin {
            a.push(f.to_str().unwrap());
        }
        let out = run(&a, via_stdin.then_some(&data[..]));
        let text = String::from_utf8(ok(&out).to_vec()).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains(&want), "stdin={via_stdin}: {text}");
    }
    let mut a = vec!["anonymize", "--mode", "redact"];
    a.extend(small);
    let out = run(&a, Some(&data));
    let got = ok(&out);
    assert_eq!(
        got.len(),
        data.len() - "+79123456789".len() + "[PHONE]".len()
    );
    assert!(got[..20 << 20].iter().all(|&b| b == b'x'));
    assert!(got.ends_with(" тел. [PHONE] конец".as_bytes()));
}

#[test]
fn a_million_tiny_lines() {
    let mut data = "a\n".repeat(999_999).into_bytes();
    data.extend_from_slice("ИНН 7707083893\n".as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("tiny.txt");
    std::fs::write(&f, &data).unwrap();
    let fs = f.to_str().unwrap();
    // Line numbers survive many small windows and chunks, file and stdin.
    for (args, stdin) in [
        (vec!["scan", "--color", "never", fs], None),
        (
            vec![
                "scan",
                "--color",
                "never",
                "--window-size",
                "100000",
                "--chunk-size",
                "1000",
                "-j",
                "2",
            ],
            Some(&data[..]),
        ),
    ] {
        let out = run(&args, stdin);
        assert_eq!(
            String::from_utf8(ok(&out).to_vec()).unwrap(),
            "1000000:8: INN      7707083893\n"
        );
    }
    let out = run(&["anonymize", "--mode", "redact", "-j", "2", fs], None);
    let mut want = "a\n".repeat(999_999).into_bytes();
    want.extend_from_slice("ИНН [INN]\n".as_bytes());
    assert!(ok(&out) == want.as_slice());
}

/// A FIFO named on the command line is read as a stream (not mapped, no
/// hang); in a directory walk it is listed as skipped and never opened
/// (opening a FIFO with no writer would block forever).
#[cfg(unix)]
#[test]
fn fifos_are_streamed_when_named_and_skipped_in_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::write(dir.path().join("a.txt"), "ИНН 7707083893\n").unwrap();
    // Walked: no writer, so opening it would hang.
    let d = dir.path().to_str().unwrap();
    let out = run_within(20, &["scan", "--format", "jsonl", d]);
    assert!(String::from_utf8_lossy(ok(&out)).contains("a.txt"));
    assert!(
        stderr(&out).contains("pipe: not a regular file"),
        "{}",
        stderr(&out)
    );
    let out_dir = dir.path().join("out");
    let o = out_dir.to_str().unwrap();
    let out = run_within(20, &["anonymize", "--mode", "redact", d, "--output-dir", o]);
    ok(&out);
    assert!(out_dir.join("a.txt").exists() && !out_dir.join("pipe").exists());
    // Named: streamed from a writer.
    let f2 = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut w = std::fs::OpenOptions::new().write(true).open(f2).unwrap();
        for _ in 0..1000 {
            w.write_all("тел. +79123456789\n".as_bytes()).unwrap();
        }
    });
    let out = run_within(
        20,
        &["anonymize", "--mode", "redact", fifo.to_str().unwrap()],
    );
    writer.join().unwrap();
    assert_eq!(
        String::from_utf8(ok(&out).to_vec()).unwrap(),
        "тел. [PHONE]\n".repeat(1000)
    );
}

/// Unreadable inputs are named, the others still processed, exit 2. Tests
/// usually run as root here, for whom `chmod 000` does not stop reading: then
/// the file is read (the truth for root); `/proc/self/mem` fails to read for
/// everyone (Linux).
#[test]
fn unreadable_files_are_named_and_others_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "ИНН 7707083893\n").unwrap();
    let g = good.to_str().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, "тел. +79123456789\n").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = run(
            &["scan", "--format", "jsonl", locked.to_str().unwrap(), g],
            None,
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(text.contains("7707083893"), "{text}");
        if std::fs::read(&locked).is_ok() {
            // root: permissions do not stop reading, so the file is scanned.
            assert!(out.status.success() && text.contains("+79123456789"));
        } else {
            assert_eq!(out.status.code(), Some(2));
            assert!(
                stderr(&out).contains("locked.txt: permission denied"),
                "{}",
                stderr(&out)
            );
        }
    }
    #[cfg(target_os = "linux")]
    {
        // Opens, claims size 0, and fails on read (offset 0 is never mapped).
        for sub in [&["scan"][..], &["anonymize", "--mode", "redact"][..]] {
            let out = run(&[sub, &["/proc/self/mem", g]].concat(), None);
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("/proc/self/mem: read error"),
                "{}",
                stderr(&out)
            );
            // good.txt still processed: `INN` in a scan line or `[INN]`.
            assert!(String::from_utf8_lossy(&out.stdout).contains("INN"));
        }
    }
    // A directory where a file is needed.
    let d = dir.path().to_str().unwrap();
    let out = run(&["anonymize", "--key-file", d], Some(b"x\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(d), "{}", stderr(&out));
    let out = run(&["anonymize", "--mode", "redact", g, "-o", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn symlink_loops_neither_hang_nor_crash() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("f.txt"), "ИНН 7707083893\n").unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run_within(20, &["scan", "--format", "jsonl", d]);
    assert!(String::from_utf8_lossy(ok(&out)).contains("7707083893"));
    let err = stderr(&out);
    assert!(err.contains("/a: symbolic link not followed"), "{err}");
    assert!(err.contains("/b: symbolic link not followed"), "{err}");
    // Named directly: a clear error naming it.
    let a = dir.path().join("a");
    let out = run_within(20, &["scan", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "{}: too many levels of symbolic links",
            a.display()
        )),
        "{}",
        stderr(&out)
    );
}

/// A `.gz` cut short (mid-stream, or without its trailer): the error names
/// the file, exit 2, and `-o` / `--output-dir` leave no output, partial or
/// temporary.
#[test]
fn truncated_gzip_is_an_error_and_leaves_no_output() {
    let plain = "тел. +79123456789 строка\n".repeat(20_000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.log.gz");
    std::fs::write(&whole, &gz).unwrap();
    let out = run(
        &["anonymize", "--mode", "redact", whole.to_str().unwrap()],
        None,
    );
    assert_eq!(
        String::from_utf8(ok(&out).to_vec()).unwrap(),
        "тел. [PHONE] строка\n".repeat(20_000)
    );
    for (name, bytes) in [
        ("half.log.gz", &gz[..gz.len() / 2]),
        ("notrailer.log.gz", &gz[..gz.len() - 4]),
        ("header.log.gz", &gz[..5]),
    ] {
        let sub = tempfile::tempdir().unwrap();
        let f = sub.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let fs = f.to_str().unwrap();
        let out = run(&["scan", fs], None);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
        let target = sub.path().join("out.txt");
        let out = run(
            &[
                "anonymize",
                "--mode",
                "redact",
                fs,
                "-o",
                target.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
        assert!(!target.exists(), "{name}: partial output left");
        assert!(
            temps_in(sub.path()).is_empty(),
            "{:?}",
            temps_in(sub.path())
        );
        let out_dir = sub.path().join("out");
        let out = run(
            &[
                "anonymize",
                "--mode",
                "redact",
                fs,
                "--output-dir",
                out_dir.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(!out_dir.join(name).exists(), "{name}: partial output left");
        assert!(temps_in(&out_dir).is_empty(), "{:?}", temps_in(&out_dir));
    }
}

/// Output to a full disk (`/dev/full`): a clear error naming where the bytes
/// were going, exit 2, no panic; `-o /dev/full` writes to the device in place
/// (renaming a temporary over a device would replace it, as root).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error() {
    use std::os::unix::fs::FileTypeExt;
    let full = Path::new("/dev/full");
    if !std::fs::metadata(full).is_ok_and(|m| m.file_type().is_char_device()) {
        eprintln!("SKIPPED: no /dev/full");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("in.txt");
    std::fs::write(&f, "ИНН 7707083893\n".repeat(10_000)).unwrap();
    let fs = f.to_str().unwrap();
    for args in [
        &["scan", "--format", "jsonl", fs, fs][..],
        &["scan", "--stats", fs][..],
        &["anonymize", "--mode", "redact", fs, fs][..],
    ] {
        let out = Command::new(BIN)
            .args(args)
            .stdout(std::fs::OpenOptions::new().write(true).open(full).unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err, "obezlik: standard output: write error: no space left on device\n",
            "{args:?}"
        );
    }
    let out = run(
        &["anonymize", "--mode", "redact", fs, "-o", "/dev/full"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/dev/full: write error: no space left on device"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::metadata(full)
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(temps_in(Path::new("/dev")).is_empty());
}

/// A policy pattern is compiled under a size bound (a clear error, at once,
/// naming the file) and run without backtracking (`(a|aa)*b` on a 2 MB line
/// is linear).
#[test]
fn pathological_policy_patterns_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.toml");
    std::fs::write(
        &huge,
        "[[patterns]]\nlabel = \"SECRET\"\nregex = 'a{100000}{100}'\n",
    )
    .unwrap();
    let t0 = std::time::Instant::now();
    let out = run_within(20, &["scan", "--policy", huge.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("huge.toml") && err.contains("a{100000}{100}"),
        "{err}"
    );
    assert!(t0.elapsed().as_secs() < 10);

    let nested = dir.path().join("nested.toml");
    std::fs::write(
        &nested,
        "[[patterns]]\nlabel = \"SECRET\"\nregex = '(a|aa)*b'\n",
    )
    .unwrap();
    let f = dir.path().join("as.txt");
    std::fs::write(&f, format!("{}\n", "a".repeat(2_000_000))).unwrap();
    let out = run_within(
        30,
        &[
            "scan",
            "--format",
            "jsonl",
            "--policy",
            nested.to_str().unwrap(),
            f.to_str().unwrap(),
        ],
    );
    assert!(ok(&out).is_empty());
}

/// A plain `find_iter` is quadratic when each match needs a scan to the end
/// of the line first, e.g. `[a-z]*X|a` on one long line of `a` (20 000 bytes
/// took ~9 s in a debug build); the policy search works in bounded windows
/// (obezlik crate, `policy.rs`), so 300 000 bytes take well under a second
/// in release and a few seconds in a debug build.
#[test]
fn policy_pattern_search_is_not_quadratic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("alt.toml");
    std::fs::write(
        &p,
        "[[patterns]]\nlabel = \"SECRET\"\nregex = '[a-z]*X|a'\n",
    )
    .unwrap();
    let f = dir.path().join("as.txt");
    std::fs::write(&f, format!("{}\n", "a".repeat(300_000))).unwrap();
    let out = run_within(
        30,
        &[
            "scan",
            "--format",
            "jsonl",
            "--policy",
            p.to_str().unwrap(),
            f.to_str().unwrap(),
        ],
    );
    assert_eq!(ok(&out).iter().filter(|&&b| b == b'\n').count(), 300_000);
}

#[test]
fn jsonl_person_findings_carry_gender_case_and_parts() {
    let text = "Выдать справку Иванову Ивану Петровичу и Кузнецовой А.С.\n";
    let out = same_everywhere("scan", &["--format", "jsonl"], text.as_bytes());
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let first = &lines[0]["person"];
    assert_eq!(first["gender"], "m");
    assert_eq!(first["case"], "dat");
    let parts: Vec<(String, String)> = first["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["role"].as_str().unwrap().to_string(),
                p["nominative"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("surname".to_string(), "иванов".to_string()),
            ("first_name".to_string(), "иван".to_string()),
            ("patronymic".to_string(), "петрович".to_string()),
        ]
    );
    assert_eq!(lines[1]["person"]["gender"], "f");
    assert_eq!(lines[1]["person"]["parts"][1]["role"], "initials");
}

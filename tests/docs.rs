//! The documentation shows real behaviour: its examples load, and the
//! diagnostic it prints is the one kgx gives for its broken example.

mod common;

use kgx::load;

/// The fenced blocks of `markdown` with the given language, in order.
fn blocks<'a>(markdown: &'a str, language: &str) -> Vec<&'a str> {
    let fence = format!("```{language}\n");
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("\n```").expect("closed fence");
        found.push(&body[..=end]);
        rest = &body[end..];
    }
    found
}

#[test]
fn the_readme_example_is_a_valid_graph() {
    let readme = include_str!("../README.md");
    let examples = blocks(readme, "ron");
    assert_eq!(examples.len(), 1);
    let dataset = load::parse_str("README.md", examples[0])
        .map_err(|e| e.render(false))
        .expect("valid");
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.evidence.iter().any(|e| e.attributed_to.is_some()))
    );
}

#[test]
fn the_format_reference_example_is_valid_and_its_broken_example_fails_as_shown() {
    let reference = include_str!("../docs/format.md");
    let examples = blocks(reference, "ron");
    assert_eq!(examples.len(), 2, "a valid example and a broken one");
    load::parse_str("example.ron", examples[0])
        .map_err(|e| e.render(false))
        .expect("valid");
    let shown = load::parse_str("/tmp/broken.ron", examples[1])
        .expect_err("broken")
        .render(false);
    let printed = blocks(reference, "text");
    assert!(
        printed.contains(&shown.as_str()),
        "docs/format.md should show:\n{shown}"
    );
}

/// Every `$ kgx …` transcript in the README that needs no file of its own
/// prints exactly what the binary prints today.
#[test]
fn the_readme_console_transcripts_are_what_kgx_prints() {
    let readme = include_str!("../README.md");
    let mut checked = 0;
    for block in blocks(readme, "console") {
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(command) = line.strip_prefix("$ kgx") else {
                continue;
            };
            let mut shown = Vec::new();
            while let Some(next) = lines.peek() {
                if next.starts_with("$ ") {
                    break;
                }
                shown.push(lines.next().unwrap_or_default());
            }
            let (args, tail) = match command.split_once(" | ") {
                Some((args, "cat")) => (args, None),
                Some((args, pipe)) => {
                    let count = pipe.strip_prefix("tail -").and_then(|n| n.parse().ok());
                    (
                        args,
                        Some(count.expect("only `| cat` and `| tail -N` are understood")),
                    )
                }
                None => (command, None),
            };
            let args: Vec<&str> = args.split_whitespace().collect();
            let needs_a_file = args.iter().any(|arg| {
                [".ron", ".csv", ".tsv", ".json", ".graphml"]
                    .iter()
                    .any(|ext| arg.ends_with(ext))
            });
            if needs_a_file {
                continue;
            }
            let printed = common::binary::stdout(&common::binary::kgx(&args));
            let printed: Vec<&str> = printed.lines().collect();
            let printed = match tail {
                Some(count) => &printed[printed.len().saturating_sub(count)..],
                None => &printed[..],
            };
            assert_eq!(printed, shown.as_slice(), "README: $ kgx{command}");
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} transcripts checked");
}

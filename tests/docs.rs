//! The documentation shows real behaviour: its examples load, and the
//! diagnostic it prints is the one kgx gives for its broken example.

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

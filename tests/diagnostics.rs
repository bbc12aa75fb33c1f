//! Every kind of problem a data file can have is reported at the right
//! line and column, with words that say what to do.

use kgx::load::{self, LoadError};

/// (line, column, message, help) of each problem, in file order.
fn problems(text: &str) -> Vec<(usize, usize, String, Option<String>)> {
    let error: LoadError = load::parse_str("test.ron", text).expect_err("the text has problems");
    error
        .problems
        .iter()
        .map(|p| {
            let span = p.span.clone().expect("located");
            let (line, column) = error.line_column(span.start);
            (line, column, p.message.clone(), p.help.clone())
        })
        .collect()
}

fn only(text: &str) -> (usize, usize, String, Option<String>) {
    let mut all = problems(text);
    assert_eq!(all.len(), 1, "expected one problem, got {all:#?}");
    all.remove(0)
}

const GOOD_ACTORS: &str = r#"
        Actor(id: "al-shibani", name: "Asaad al-Shibani", kind: Person),
        Actor(id: "lavrov", name: "Sergey Lavrov", kind: Person, aliases: ["Lavrov"]),"#;

fn graph(actors_extra: &str, relations: &str) -> String {
    format!(
        "Graph(\n    title: \"T\",\n    sources: [Source(id: \"article\", title: \"A\")],\n    actors: [{GOOD_ACTORS}{actors_extra}\n    ],\n    relations: [\n{relations}\n    ],\n)\n"
    )
}

#[test]
fn relation_to_unknown_actor_suggests_the_id() {
    let text = graph(
        "",
        r#"        Relation(from: "lavrov", to: "al_shibani", kind: "hosted"),"#,
    );
    let (line, column, message, _) = only(&text);
    assert_eq!((line, column), (9, 38));
    assert_eq!(
        message,
        "no actor \"al_shibani\" — did you mean \"al-shibani\"?"
    );
}

#[test]
fn a_name_used_as_an_id_points_to_the_id() {
    let text = graph(
        "",
        r#"        Relation(from: "Sergey Lavrov", to: "al-shibani", kind: "hosted"),"#,
    );
    let (_, _, message, help) = only(&text);
    assert_eq!(
        message,
        "no actor \"Sergey Lavrov\" — did you mean \"lavrov\"?"
    );
    assert!(help.expect("help").contains("refer to actors by id"));
}

#[test]
fn attributed_to_and_role_of_must_name_actors() {
    let text = graph(
        r#"
        Actor(id: "x", name: "X", kind: Person, roles: [(title: "Envoy", of: "rusia")]),"#,
        r#"        Relation(from: "lavrov", to: "x", kind: "met", evidence: [(source: "article", quote: "q", attributed_to: "tass")]),"#,
    );
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].0, all[0].2.as_str()), (7, "no actor \"rusia\""));
    assert_eq!((all[1].0, all[1].2.as_str()), (10, "no actor \"tass\""));
}

#[test]
fn evidence_must_cite_a_declared_source() {
    let text = graph(
        "",
        r#"        Relation(from: "lavrov", to: "al-shibani", kind: "hosted", evidence: [(source: "artcle", quote: "q")]),"#,
    );
    let (line, column, message, _) = only(&text);
    assert_eq!((line, column), (9, 88));
    assert_eq!(message, "no source \"artcle\" — did you mean \"article\"?");
}

#[test]
fn duplicate_ids_point_at_the_second_and_mention_the_first() {
    let text = graph(
        r#"
        Actor(id: "lavrov", name: "Another", kind: Person),"#,
        "",
    );
    let error = load::parse_str("t.ron", &text).expect_err("duplicate");
    assert_eq!(error.problems.len(), 1);
    let problem = &error.problems[0];
    assert_eq!(problem.message, "the actor id \"lavrov\" is used twice");
    let start = problem.span.clone().expect("span").start;
    assert_eq!(error.line_column(start), (7, 19));
    let (first, label) = problem.related.clone().expect("first use");
    assert_eq!(
        (error.line_column(first.start), label.as_str()),
        ((6, 19), "first used here")
    );
}

#[test]
fn empty_names_and_non_snake_case_kinds() {
    let text = graph(
        r#"
        Actor(id: "blank", name: "  ", kind: Place),"#,
        r#"        Relation(from: "lavrov", to: "blank", kind: "Visited In"),"#,
    );
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        (all[0].0, all[0].1, all[0].2.as_str()),
        (7, 34, "actor \"blank\" has an empty name")
    );
    assert_eq!(
        all[1].2,
        "the relation kind \"Visited In\" is not snake_case"
    );
    assert_eq!(all[1].3.as_deref(), Some("write it as \"visited_in\""));
}

#[test]
fn misspelt_and_missing_fields_are_named() {
    let text = graph(
        r#"
        Actor(id: "x", nmae: "X", kind: Person),
        Actor(id: "y", name: "Y"),"#,
        "",
    );
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        (all[0].0, all[0].1, all[0].2.as_str()),
        (7, 24, "unknown field `nmae` in Actor")
    );
    assert_eq!(all[0].3.as_deref(), Some("did you mean `name`?"));
    assert_eq!(
        (all[1].0, all[1].1, all[1].2.as_str()),
        (8, 9, "Actor is missing the field `kind`")
    );
}

#[test]
fn unknown_kinds_suggest_the_closest_and_the_escape_hatch() {
    let text = graph(
        r#"
        Actor(id: "x", name: "X", kind: ArmedGruop),"#,
        "",
    );
    let (line, column, message, help) = only(&text);
    assert_eq!((line, column), (7, 41));
    assert_eq!(message, "`ArmedGruop` is not a known ActorKind");
    let help = help.expect("help");
    assert!(help.starts_with("did you mean `ArmedGroup`?"), "{help}");
    assert!(help.contains("Other(\"ArmedGruop\")"), "{help}");
}

#[test]
fn bad_dates_are_caught_where_they_are_written() {
    let text = graph(
        "",
        r#"        Relation(from: "lavrov", to: "al-shibani", kind: "a", date: "2025-13-45"),
        Relation(from: "lavrov", to: "al-shibani", kind: "b", date: "2024..2011"),
        Relation(from: "lavrov", to: "al-shibani", kind: "c", date: "31 July 2025"),
        Relation(from: "lavrov", to: "al-shibani", kind: "d", date: "2025-02-29"),"#,
    );
    let all = problems(&text);
    let summary: Vec<(usize, usize, &str)> = all.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    assert_eq!(
        summary,
        [
            (
                9,
                70,
                "impossible date \"2025-13-45\": month 13 is not between 01 and 12"
            ),
            (
                10,
                70,
                "impossible span \"2024..2011\": it ends (2011) before it starts (2024)"
            ),
            (
                11,
                70,
                "invalid date \"31 July 2025\": the year must have 4 digits (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            ),
            (
                12,
                70,
                "impossible date \"2025-02-29\": day 29 is not between 01 and 28 in that month"
            ),
        ]
    );
    assert!(
        all[0]
            .3
            .as_deref()
            .is_some_and(|h| h.contains("YYYY-MM-DD"))
    );
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let text = graph(
        r#"
        Actor(id: "x", name: "X", kind: Persn),"#,
        r#"        Relation(from: "lavrov", to: "nobody", kind: "met"),
        Relation(from: "lavrov", to: "al-shibani", kind: "met", stance: Friendly),
        Relation(from: "lavrov", to: "al-shibani", kind: "met", status: Rumoured),"#,
    );
    let all = problems(&text);
    let lines: Vec<usize> = all.iter().map(|p| p.0).collect();
    assert_eq!(lines, [7, 10, 11, 12], "{all:#?}");
}

#[test]
fn a_broken_record_does_not_cause_false_reports_about_its_id() {
    let text = graph(
        r#"
        Actor(id: "x", name: "X", kind: Persn),"#,
        r#"        Relation(from: "lavrov", to: "x", kind: "met"),"#,
    );
    let all = problems(&text);
    assert_eq!(
        all.len(),
        1,
        "only the broken actor, not the relation to it: {all:#?}"
    );
}

#[test]
fn syntax_errors_say_what_was_expected() {
    let text = "Graph(\n    title: \"T\",\n    actors: [\n        Actor(id: \"a\", name: \"A\", kind: Person)\n        Actor(id: \"b\", name: \"B\", kind: Person),\n    ],\n)\n";
    let (line, column, message, _) = only(text);
    assert_eq!((line, column, message.as_str()), (5, 9, "expected a comma"));

    let (line, _, message, help) = only("Graph(title: \"T\", actors: [");
    assert_eq!((line, message.as_str()), (1, "unexpected end of file"));
    assert!(help.is_some_and(|h| h.contains("not closed")));

    let (_, column, message, _) = only("Graph(title: \"T\"))");
    assert_eq!(
        (column, message.as_str()),
        (18, "unexpected text after the end of the graph")
    );

    let (_, _, message, _) = only("Graph(titel: \"T\")");
    assert_eq!(message, "unknown field `titel` in Graph");
}

#[test]
fn empty_and_binary_files_get_a_plain_explanation() {
    for blank in ["", "   \n", "// nothing yet\n"] {
        assert_eq!(only(blank).2, "the file is empty", "{blank:?}");
    }
    let error = load::parse_bytes("b.ron", b"Graph(title: \"\xff\")".to_vec()).expect_err("binary");
    assert_eq!(
        error.problems[0].message,
        "the file is not UTF-8 text (byte 0xff)"
    );
    assert_eq!(
        error.line_column(error.problems[0].span.clone().expect("span").start),
        (1, 15)
    );
}

#[test]
fn pathological_input_fails_cleanly() {
    let deep = format!(
        "Graph(title: \"T\", actors: [{}{}])",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(load::parse_str("deep.ron", &deep).is_err());
    let huge_number = format!(
        "Graph(title: \"T\", actors: [Actor(id: \"a\", name: \"A\", kind: Person, date: {})])",
        "9".repeat(10_000)
    );
    assert!(load::parse_str("n.ron", &huge_number).is_err());
    let long_line = format!(
        "Graph(title: \"{}\", actors: [Actor(id: 5)])",
        "x".repeat(20_000_000)
    );
    let error = load::parse_str("long.ron", &long_line).expect_err("bad id");
    assert!(
        error.render(false).len() < 4_000,
        "the diagnostic shows a window of the line, not all of it"
    );
}

#[test]
fn more_than_fifty_problems_are_capped_with_a_count() {
    let relations: String = (0..60)
        .map(|i| format!("        Relation(from: \"lavrov\", to: \"ghost{i}\", kind: \"met\"),\n"))
        .collect();
    let error = load::parse_str("many.ron", &graph("", &relations)).expect_err("60 problems");
    assert_eq!(
        error.problems.len(),
        50,
        "49 in full and the count of the rest"
    );
    let shown = error.render(false);
    assert_eq!(shown.matches("× no actor").count(), 49);
    assert!(shown.contains("no actor \"ghost48\""), "{shown}");
    assert!(!shown.contains("no actor \"ghost49\""), "{shown}");
    assert!(shown.contains("11 more problems not listed"), "{shown}");
    assert!(
        shown
            .trim_end()
            .ends_with("error: many.ron has 60 problems")
    );
}

#[test]
fn the_embedded_seed_data_is_valid() {
    let dataset = load::parse_str(load::EMBEDDED_NAME, load::EMBEDDED).expect("seed data is valid");
    assert!(dataset.actors.len() >= 30);
    assert!(dataset.relations.len() >= 40);
}

#[test]
fn ids_must_be_slugs_and_sources_unique() {
    let text = r#"Graph(
    title: "T",
    sources: [Source(id: "a", title: "A"), Source(id: "a", title: " ")],
    actors: [Actor(id: "Sergey Lavrov", name: "Sergey Lavrov", kind: Person, aliases: [""])],
    relations: [Relation(from: "Sergey Lavrov", to: "Sergey Lavrov", kind: "met", evidence: [(source: "a", quote: "")])],
)"#;
    let all = problems(text);
    let messages: Vec<&str> = all.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the source id \"a\" is used twice",
            "source \"a\" has an empty title",
            "the actor id \"Sergey Lavrov\" contains white space",
            "actor \"Sergey Lavrov\" has an empty alias",
            "the evidence quote is empty",
        ]
    );
    assert_eq!(all[2].3.as_deref(), Some("write it as \"sergey-lavrov\""));
}

#[test]
fn relation_kinds_and_custom_actor_kinds_are_checked() {
    let text = graph(
        r#"
        Actor(id: "t", name: "Treaty", kind: Other("State")),
        Actor(id: "u", name: "U", kind: Other(" ")),"#,
        r#"        Relation(from: "lavrov", to: "t", kind: "2nd_meeting"),
        Relation(from: "lavrov", to: "t", kind: "met__twice_"),
        Relation(from: "lavrov", to: "t", kind: "met_twice"),"#,
    );
    let all = problems(&text);
    let found: Vec<(&str, Option<&str>)> =
        all.iter().map(|p| (p.2.as_str(), p.3.as_deref())).collect();
    assert_eq!(
        found,
        [
            (
                "`State` is a named kind, not an `Other` one",
                Some("write `kind: State`")
            ),
            (
                "an `Other` kind needs a name",
                Some("name the kind, as in `Other(\"Treaty\")`")
            ),
            (
                "the relation kind \"2nd_meeting\" is not snake_case",
                Some(
                    "a kind starts with a letter and joins lowercase words with single underscores, as in \"held_talks_with\""
                )
            ),
            (
                "the relation kind \"met__twice_\" is not snake_case",
                Some("write it as \"met_twice\"")
            ),
        ]
    );
}

#[test]
fn byte_order_marks_crlf_and_escapes_are_read_like_plain_text() {
    let text = "\u{feff}Graph(\r\n    title: \"T\",\r\n    actors: [\r\n        Actor(id: \"caf\\u{e9}\", name: \"Café\", kind: Persn),\r\n    ],\r\n    relations: [Relation(from: \"café\", to: \"nobody\", kind: \"met\")],\r\n)\r\n";
    let error = load::parse_str("crlf.ron", text).expect_err("two problems");
    let found: Vec<(usize, usize, &str)> = error
        .problems
        .iter()
        .map(|p| {
            let (line, column) = error.line_column(p.span.clone().expect("span").start);
            (line, column, p.message.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, 52, "`Persn` is not a known ActorKind"),
            (6, 44, "no actor \"nobody\"")
        ],
        "the BOM is not a column, CRLF lines count once, and \"caf\\u{{e9}}\" is café"
    );
    let shown = error.render(false);
    assert!(
        shown.contains(" 5 │     ],"),
        "the line after line 4 is numbered 5:\n{shown}"
    );
}

#[test]
fn a_wrong_type_is_marked_at_the_value_not_the_blank_before_it() {
    let (_, column, _, _) = only("Graph(title: 5)");
    assert_eq!(column, 14);
}

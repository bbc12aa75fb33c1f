//! Properties that must hold for any input: the loader never panics, every
//! problem points inside the text, and export → load gives back the data.

use kgx::export;
use kgx::formats::{self, Format};
use kgx::graph::KnowledgeGraph;
use kgx::load::{self, LoadError};
use kgx::model::{Actor, ActorKind, Dataset, Evidence, Relation, Source, Stance, Status, When};
use proptest::prelude::*;

/// Every problem's spans lie inside the text, and rendering them works.
fn check_error(error: &LoadError) {
    assert!(
        !error.problems.is_empty(),
        "an error has at least one problem"
    );
    for problem in &error.problems {
        for span in problem
            .span
            .iter()
            .chain(problem.related.as_ref().map(|(s, _)| s))
        {
            assert!(
                span.start <= span.end && span.end <= error.text.len(),
                "{span:?} outside the text"
            );
        }
    }
    let shown = error.render(false);
    assert!(shown.contains(&error.name));
}

/// Fragments that make mutations look like plausible typing mistakes.
const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "\\",
    "//",
    "/*",
    "*/",
    "r#\"",
    "Some(",
    "None",
    "Actor(",
    "Relation(",
    "id: \"x\"",
    "kind: ",
    "date: \"2025-02-30\"",
    "date: \"..\"",
    "9999999999999999999999",
    "-",
    "..",
    "é",
    "Лавров",
    "\u{0}",
    "\n",
    "#![enable(",
    "true",
    "1e999",
];

/// Fragments that break GraphML, JSON and CSV in plausible ways.
const OTHER_FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "&",
    "&amp;",
    "&bogus;",
    "&#0;",
    "&#x41;",
    "<node>",
    "<edge source=\"x\">",
    "<data key=\"zz\">",
    "<![CDATA[",
    "]]>",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\t",
    "\n",
    "\r\n",
    "null",
    "1e999",
    "\"source\": 99",
    "é",
    "Лавров",
    "\u{0}",
];

/// `text` with each edit made in turn: at a place, so many bytes deleted
/// and a fragment inserted, both ends moved to the nearest character
/// boundary.
fn edited(mut text: String, edits: Vec<(prop::sample::Index, usize, &str)>) -> String {
    for (at, delete, insert) in edits {
        let mut start = at.index(text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + delete).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(start..end, insert);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Err(error) = load::parse_bytes("fuzz.ron", bytes.clone()) {
            check_error(&error);
        }
    }

    #[test]
    fn edits_of_the_seed_file_never_panic_and_stay_located(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(FRAGMENTS)), 1..6)
    ) {
        let text = edited(load::EMBEDDED.to_owned(), edits);
        if let Err(error) = load::parse_str("edited.ron", &text) {
            check_error(&error);
        }
    }

    #[test]
    fn date_text_never_panics_and_valid_dates_print_back(text in "[0-9.\\- ]{0,24}") {
        if let Ok(when) = text.parse::<When>() {
            prop_assert_eq!(when.to_string().parse::<When>(), Ok(when));
        }
    }

    #[test]
    fn exported_ron_loads_back_into_the_same_data(dataset in datasets()) {
        let text = export::to_ron(&dataset).expect("serializable");
        let back = load::parse_str("export.ron", &text);
        prop_assert_eq!(back.map_err(|e| e.render(false)), Ok(dataset));
    }

    #[test]
    fn graphml_and_json_exports_read_back_into_the_same_data(dataset in datasets()) {
        let graph = KnowledgeGraph::new(dataset.clone()).expect("valid graph");
        for format in [Format::GraphMl, Format::Json] {
            let text = formats::write(&graph, format).expect("written");
            let back = formats::read_str("export", &text, format);
            prop_assert_eq!(back.map_err(|e| e.render(false)), Ok(dataset.clone()));
        }
    }

    #[test]
    fn turtle_and_ntriples_exports_read_back_into_the_same_data(dataset in datasets()) {
        let graph = KnowledgeGraph::new(dataset.clone()).expect("valid graph");
        for format in [Format::Turtle, Format::NTriples] {
            let text = formats::write(&graph, format).expect("written");
            let back = formats::read_str("export", &text, format);
            prop_assert_eq!(back.map_err(|e| e.render(false)), Ok(dataset.clone()));
        }
    }

    #[test]
    fn edits_of_rdf_exports_never_panic_the_reader_and_stay_located(
        format in prop::sample::select(vec![Format::Turtle, Format::NTriples]),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(RDF_FRAGMENTS)), 1..6)
    ) {
        let graph = KnowledgeGraph::new(load::load(&load::Input::Embedded).expect("seed")).expect("graph");
        let text = edited(formats::write(&graph, format).expect("written"), edits);
        if let Err(error) = formats::read_str("edited", &text, format) {
            check_error(&error);
        }
    }

    #[test]
    fn edits_of_exported_files_never_panic_the_other_readers_and_stay_located(
        format in prop::sample::select(vec![Format::GraphMl, Format::Json, Format::Csv, Format::Tsv]),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(OTHER_FRAGMENTS)), 1..6)
    ) {
        let graph = KnowledgeGraph::new(load::load(&load::Input::Embedded).expect("seed")).expect("graph");
        let text = edited(formats::write(&graph, format).expect("written"), edits);
        if let Err(error) = formats::read_str("edited", &text, format) {
            check_error(&error);
        }
    }

    /// An edge list and its actors file, both edited, are read by the
    /// reader that places problems from numbers into the text: it never
    /// panics, and every place it gives is inside the file it names.
    #[test]
    fn edits_of_an_edge_list_and_its_actors_file_never_panic_and_stay_located(
        edge_edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(OTHER_FRAGMENTS)), 0..4),
        actor_edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(OTHER_FRAGMENTS)), 0..4),
        tab_separated in any::<bool>(),
    ) {
        let graph = KnowledgeGraph::new(load::load(&load::Input::Embedded).expect("seed")).expect("graph");
        let format = if tab_separated { Format::Tsv } else { Format::Csv };
        let edges = edited(formats::write(&graph, format).expect("written"), edge_edits);
        let actors = edited(
            formats::write_actors(&graph, format).expect("written").expect("an actors file"),
            actor_edits,
        );
        if let Err(error) = formats::read_edge_list("edges", &edges, tab_separated, Some(("actors", &actors))) {
            check_error(&error);
        }
    }
}

/// Fragments that make mutations of RDF look like plausible mistakes.
const RDF_FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "\"",
    ".",
    ";",
    ",",
    "_:",
    "@prefix x: <urn:x:> .",
    "kgx:status",
    "kgx:Sure",
    "\"2025-02-30\"^^xsd:date",
    "rdf:subject",
    "rdf:Statement",
    "a",
    "^^",
    "@en",
    "\\u00",
    "#",
    "kgx:evidence",
    "actor:nobody",
    "[",
    "]",
];

/// Names with the characters that break naive serializers.
fn names() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 \"\\\\’“”Лавровسوريا中文\\n\\t#(){}\\[\\]:,.-]{1,20}"
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn dates() -> impl Strategy<Value = Option<When>> {
    prop::sample::select(vec![
        None,
        Some("2025-07-31"),
        Some("2024-12"),
        Some("2015.."),
        Some("..2026-03"),
        Some("2011..2024"),
    ])
    .prop_map(|text| text.map(|t| t.parse().expect("valid date")))
}

fn datasets() -> impl Strategy<Value = Dataset> {
    let kinds = prop::sample::select(vec![
        ActorKind::State,
        ActorKind::Person,
        ActorKind::Event,
        ActorKind::Other("Treaty \"x\"".into()),
    ]);
    let actors = proptest::collection::vec(
        (
            names(),
            kinds,
            proptest::collection::vec(names(), 0..3),
            proptest::option::of(names()),
            dates(),
        ),
        1..6,
    );
    (names(), proptest::option::of(names()), actors).prop_flat_map(
        |(title, description, actors)| {
            let count = actors.len();
            let relation = (
                0..count,
                0..count,
                prop::sample::select(vec!["hosted", "met_with", "claims_evacuated"]),
                proptest::option::of(names()),
                any::<bool>(),
                dates(),
                prop::sample::select(Status::ALL.to_vec()),
                prop::sample::select(Stance::ALL.to_vec()),
                proptest::collection::vec((names(), proptest::option::of(0..count)), 0..3),
            );
            let actors = actors.clone();
            proptest::collection::vec(relation, 0..8).prop_map(move |relations| {
                let actors: Vec<Actor> = actors
                    .iter()
                    .enumerate()
                    .map(|(i, (name, kind, aliases, summary, date))| Actor {
                        id: format!("a-{i}"),
                        name: name.clone(),
                        kind: kind.clone(),
                        aliases: aliases.clone(),
                        summary: summary.clone(),
                        roles: Vec::new(),
                        date: *date,
                        external_ids: [("wikidata".to_owned(), format!("Q{i}"))].into(),
                        attributes: [("weight".to_owned(), format!("{i}.5"))].into(),
                    })
                    .collect();
                let relations = relations
                    .into_iter()
                    .map(
                        |(from, to, kind, label, directed, date, status, stance, evidence)| {
                            Relation {
                                from: format!("a-{from}"),
                                to: format!("a-{to}"),
                                kind: kind.to_owned(),
                                label: label.clone(),
                                directed,
                                date,
                                status,
                                stance,
                                evidence: evidence
                                    .into_iter()
                                    .map(|(quote, by)| Evidence {
                                        source: "src".into(),
                                        quote,
                                        attributed_to: by.map(|i| format!("a-{i}")),
                                    })
                                    .collect(),
                                attributes: label
                                    .iter()
                                    .map(|note| ("note".to_owned(), note.clone()))
                                    .collect(),
                            }
                        },
                    )
                    .collect();
                Dataset {
                    title: title.clone(),
                    description: description.clone(),
                    sources: vec![Source {
                        id: "src".into(),
                        title: "A source".into(),
                        publisher: None,
                        date: None,
                        url: None,
                        reliability: None,
                        text_file: None,
                        text: None,
                        background: false,
                    }],
                    actors,
                    relations,
                }
            })
        },
    )
}

//! Other tools' files: what each importer makes of a file as Gephi, yEd,
//! networkx, d3 or a spreadsheet writes it; what each exporter writes; that
//! round trips keep the data; that bad files are reported at their line
//! and column with a hint; and that the binary opens every format.

mod common;

use std::path::{Path, PathBuf};

use common::binary::{kgx, kgx_with_input, stderr, stdout};
use common::scratch::Scratch;
use kgx::formats::{self, Format, Request};
use kgx::graph::KnowledgeGraph;
use kgx::load::{self, Input, LoadError};
use kgx::model::{Actor, ActorKind, Dataset, Relation};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// Opens a fixture the way `kgx FILE` does: the format from its extension.
fn open(name: &str) -> Dataset {
    open_request(Request::from(Input::Path(fixture(name))))
}

fn open_request(request: Request) -> Dataset {
    formats::load(&request)
        .map_err(|e| e.render(false))
        .expect("the fixture loads")
}

/// The problems of a file that must not load.
fn problems(name: &str) -> LoadError {
    formats::load(&Request::from(Input::Path(fixture(name)))).expect_err("the fixture is broken")
}

fn actor<'a>(dataset: &'a Dataset, id: &str) -> &'a Actor {
    dataset
        .actors
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no actor {id} in {:?}", dataset.actors))
}

fn relations<'a>(dataset: &'a Dataset, from: &str, to: &str) -> Vec<&'a Relation> {
    dataset
        .relations
        .iter()
        .filter(|r| r.from == from && r.to == to)
        .collect()
}

fn attribute<'a>(attributes: &'a std::collections::BTreeMap<String, String>, key: &str) -> &'a str {
    attributes.get(key).map_or("", String::as_str)
}

fn seed() -> Dataset {
    load::load(&Input::Embedded).expect("seed")
}

fn graph(dataset: &Dataset) -> KnowledgeGraph {
    KnowledgeGraph::new(dataset.clone()).expect("valid graph")
}

/// A small graph with everything that is hard to write: quotes, a line
/// break, non-ASCII names, a claim, a symmetric relation and attributes.
const TRICKY: &str = r#"Graph(
    title: "Quotes \"and\"\nbreaks",
    sources: [Source(id: "article", title: "Lavrov hosts al-Shibani", reliability: UsuallyReliable)],
    actors: [
        Actor(id: "lavrov", name: "Сергей \"Sergey\" Лавров", kind: Person,
            attributes: {"weight": "2.5", "note": "line one\nline two"}),
        Actor(id: "al-shibani", name: "أسعد الشيباني", kind: Other("Minister <FM>")),
        Actor(id: "assad", name: "Bashar #Assad \\ al-Assad", kind: Person),
    ],
    relations: [
        Relation(from: "lavrov", to: "al-shibani", kind: "hosted", label: "hosted in Moscow",
            date: "2025-07-31", stance: Cooperative, attributes: {"weight": "3"},
            evidence: [(source: "article", quote: "Lavrov hosted “al-Shibani”", attributed_to: "assad")]),
        Relation(from: "lavrov", to: "assad", kind: "met_with", directed: false),
        Relation(from: "assad", to: "lavrov", kind: "claims_evacuated", status: Claimed),
    ],
)
"#;

fn tricky() -> Dataset {
    load::parse_str("tricky.ron", TRICKY)
        .map_err(|e| e.render(false))
        .expect("valid")
}

// ---- importers ------------------------------------------------------------

#[test]
fn networkx_node_link_json_keeps_parallel_undirected_links_and_attributes() {
    let dataset = open("networkx.json");
    assert_eq!(dataset.title, "Karate club, cut down");
    assert_eq!(dataset.actors.len(), 4);
    assert_eq!(actor(&dataset, "1").name, "Node one", "a label is the name");
    assert_eq!(
        actor(&dataset, "0").name,
        "0",
        "without a label the id is shown"
    );
    assert_eq!(actor(&dataset, "33").kind, ActorKind::Person, "type → kind");
    assert_eq!(
        attribute(&actor(&dataset, "0").attributes, "club"),
        "Mr. Hi"
    );
    let parallel = relations(&dataset, "0", "1");
    assert_eq!(
        parallel.len(),
        2,
        "a multigraph's parallel links stay apart"
    );
    assert!(parallel.iter().all(|r| !r.directed), "\"directed\": false");
    assert_eq!(attribute(&parallel[0].attributes, "weight"), "4");
    assert_eq!(attribute(&parallel[1].attributes, "weight"), "2");

    let valjean = actor(&dataset, "Jean-Valjean");
    assert_eq!(valjean.name, "Valjean");
    assert_eq!(
        attribute(&valjean.attributes, "id"),
        "Jean Valjean",
        "an id with white space is made a slug, the original kept"
    );
    assert_eq!(attribute(&valjean.attributes, "age"), "57");
    let knows = relations(&dataset, "33", "Jean-Valjean");
    assert_eq!(knows[0].kind, "knows_of");
    assert_eq!(knows[0].label.as_deref(), Some("Knows Of"));
}

#[test]
fn files_written_by_networkx_itself_are_read_alike() {
    // Both written by networkx 3.6 from one MultiDiGraph.
    for file in ["networkx-multi.graphml", "networkx-multi.json"] {
        let dataset = open(file);
        assert_eq!(dataset.title, "multi", "{file}");
        let valjean = actor(&dataset, "Jean-Valjean");
        assert_eq!(valjean.name, "Jean Valjean", "{file}");
        let pursued = relations(&dataset, "Jean-Valjean", "Javert");
        assert_eq!(pursued.len(), 2, "{file}: parallel edges");
        assert_eq!(pursued[0].kind, "pursued_by", "{file}");
        assert_eq!(
            pursued[0].label, None,
            "{file}: \"pursued by\" reads as the kind"
        );
        assert_eq!(attribute(&pursued[0].attributes, "weight"), "2.5", "{file}");
        assert!(pursued.iter().all(|r| r.directed), "{file}");
        let alive = attribute(&actor(&dataset, "Cosette").attributes, "alive");
        assert!(alive.eq_ignore_ascii_case("true"), "{file}: {alive}");
    }
}

#[test]
fn d3_json_with_edges_and_index_ends_is_read() {
    let dataset = open("d3.json");
    assert_eq!(dataset.title, "d3", "no title in the file: its name");
    let by_index = relations(&dataset, "Mlle.Baptistine", "Myriel");
    assert_eq!(by_index.len(), 1, "source 2, target 0 are node indices");
    assert!(by_index[0].directed, "d3 links point from source to target");
    assert_eq!(attribute(&by_index[0].attributes, "value"), "8");
    assert_eq!(relations(&dataset, "Napoleon", "Myriel").len(), 1);
}

#[test]
fn gephi_graphml_reads_typed_keys_defaults_and_edge_labels() {
    let dataset = open("gephi.graphml");
    let lavrov = actor(&dataset, "0");
    assert_eq!(lavrov.name, "Sergey Lavrov & co.", "entities are decoded");
    assert_eq!(attribute(&lavrov.attributes, "Modularity Class"), "2");
    assert_eq!(attribute(&lavrov.attributes, "in government"), "true");
    assert_eq!(
        attribute(&lavrov.attributes, "r"),
        "153",
        "a key's default fills in"
    );
    assert_eq!(attribute(&actor(&dataset, "1").attributes, "r"), "10");
    let hosted = relations(&dataset, "0", "1");
    assert_eq!(hosted[0].label.as_deref(), Some("hosted in Moscow"));
    assert_eq!(attribute(&hosted[0].attributes, "weight"), "2.0");
    assert!(hosted[0].directed);
}

#[test]
fn yed_graphml_labels_come_from_its_drawing_data() {
    let dataset = open("yed.graphml");
    assert_eq!(actor(&dataset, "n0").name, "Moscow");
    assert_eq!(
        actor(&dataset, "n0").summary,
        None,
        "an empty value is no value"
    );
    assert_eq!(actor(&dataset, "n1").name, "Damascus");
    assert_eq!(
        actor(&dataset, "n1").summary.as_deref(),
        Some("Capital of Syria")
    );
    let flights = relations(&dataset, "n0", "n1");
    assert_eq!(flights[0].label.as_deref(), Some("flights to"));
}

#[test]
fn networkx_graphml_is_undirected_unless_an_edge_says_so() {
    let dataset = open("networkx.graphml");
    let russia_syria = relations(&dataset, "Russia", "Syria");
    assert_eq!(russia_syria.len(), 2, "parallel edges");
    assert!(russia_syria.iter().all(|r| !r.directed));
    assert_eq!(attribute(&russia_syria[1].attributes, "since"), "2015");
    assert_eq!(
        actor(&dataset, "Syria").kind,
        ActorKind::State,
        "kinds ignore case"
    );
    let base = actor(&dataset, "Hmeimim-airbase");
    assert_eq!(base.name, "Hmeimim airbase");
    assert_eq!(base.kind, ActorKind::Other("Air base".into()));
    assert!(relations(&dataset, "Russia", "Hmeimim-airbase")[0].directed);
}

#[test]
fn csv_reads_source_target_type_and_quoted_commas() {
    let dataset = open("edges.csv");
    assert_eq!(dataset.actors.len(), 4, "actors are the ends of the edges");
    assert_eq!(actor(&dataset, "lavrov").name, "lavrov");
    let hosted = relations(&dataset, "lavrov", "al-shibani");
    assert_eq!(hosted[0].kind, "hosted");
    assert_eq!(
        hosted[0].date.map(|d| d.to_string()).as_deref(),
        Some("2025-07-31")
    );
    assert_eq!(
        attribute(&hosted[0].attributes, "note"),
        "first visit, since Assad"
    );
    assert_eq!(attribute(&hosted[0].attributes, "weight"), "2");
    let met = relations(&dataset, "russia", "syria");
    assert_eq!(met[0].kind, "met_with");
    assert_eq!(
        met[0].label, None,
        "\"met with\" reads the same as the kind"
    );
    assert!(
        !met[0].attributes.contains_key("note"),
        "an empty cell is no value"
    );
}

#[test]
fn gephi_edge_and_node_tables_read_together() {
    // Gephi's data laboratory exports edges and nodes as two CSV files;
    // `NAME.actors.csv` beside `NAME.csv` is read without --actors.
    let dataset = open("gephi-edges.csv");
    assert_eq!(actor(&dataset, "1").name, "Sergey Lavrov");
    assert_eq!(
        attribute(&actor(&dataset, "2").attributes, "Modularity Class"),
        "1"
    );
    let met = relations(&dataset, "1", "2");
    assert!(
        !met[0].directed,
        "Type: Undirected is the direction, not the kind"
    );
    assert_eq!(met[0].kind, "related_to");
    assert_eq!(met[0].label.as_deref(), Some("met in Moscow"));
    assert!(relations(&dataset, "2", "3")[0].directed);
}

#[test]
fn tsv_reads_src_dst_relation() {
    let dataset = open("edges.tsv");
    assert_eq!(
        relations(&dataset, "al-shibani", "moscow")[0].kind,
        "visited"
    );
}

#[test]
fn an_actors_file_names_and_kinds_the_actors() {
    let dataset = open_request(Request {
        input: Input::Path(fixture("edges.csv")),
        format: None,
        actors: Some(fixture("actors.csv")),
        lang: None,
        profile: Default::default(),
    });
    assert_eq!(actor(&dataset, "lavrov").name, "Sergey Lavrov");
    assert_eq!(actor(&dataset, "al-shibani").kind, ActorKind::Person);
    assert!(actor(&dataset, "russia").attributes.is_empty());
}

#[test]
fn an_edge_to_an_actor_missing_from_the_actors_file_is_reported() {
    let error = formats::load(&Request {
        input: Input::Path(fixture("edges.tsv")),
        format: None,
        actors: Some(fixture("actors.csv")),
        lang: None,
        profile: Default::default(),
    })
    .expect_err("moscow is not in actors.csv");
    assert_eq!(error.problems.len(), 1);
    assert!(error.problems[0].message.starts_with("no node \"moscow\""));
    let span = error.problems[0].span.clone().expect("located");
    assert_eq!(error.line_column(span.start), (3, 12));
}

#[test]
fn json_export_is_told_from_node_link_by_its_content() {
    let text = formats::write(&graph(&tricky()), Format::Json).expect("written");
    let back = formats::read_str("x.json", &text, Format::Json)
        .map_err(|e| e.render(false))
        .expect("reads back");
    assert_eq!(back, tricky());
}

// ---- exporters ------------------------------------------------------------

#[test]
fn dot_export_escapes_and_dashes_claims() {
    insta::assert_snapshot!(formats::write(&graph(&tricky()), Format::Dot).expect("written"));
}

#[test]
fn mermaid_export_escapes_and_dots_claims() {
    insta::assert_snapshot!(formats::write(&graph(&tricky()), Format::Mermaid).expect("written"));
}

#[test]
fn graphml_export_declares_every_key() {
    insta::assert_snapshot!(formats::write(&graph(&tricky()), Format::GraphMl).expect("written"));
}

#[test]
fn csv_export_writes_edges_and_actors() {
    let graph = graph(&tricky());
    insta::assert_snapshot!(formats::write(&graph, Format::Csv).expect("written"));
    insta::assert_snapshot!(
        formats::write_actors(&graph, Format::Csv)
            .expect("written")
            .expect("a CSV has an actors file")
    );
}

// ---- round trips ----------------------------------------------------------

fn round_trip(dataset: &Dataset, format: Format) -> Dataset {
    let text = formats::write(&graph(dataset), format).expect("written");
    formats::read_str("round-trip", &text, format)
        .map_err(|e| e.render(false))
        .expect("reads back")
}

#[test]
fn the_seed_survives_graphml_and_json_unchanged() {
    assert_eq!(round_trip(&seed(), Format::GraphMl), seed());
    assert_eq!(round_trip(&seed(), Format::Json), seed());
    assert_eq!(round_trip(&tricky(), Format::GraphMl), tricky());
}

#[test]
fn csv_keeps_every_actor_and_relation_but_not_the_title_or_sources() {
    for (format, file) in [(Format::Csv, "seed.csv"), (Format::Tsv, "seed.tsv")] {
        let graph = graph(&seed());
        let edges = formats::write(&graph, format).expect("edges");
        let actors = formats::write_actors(&graph, format)
            .expect("actors")
            .expect("an actors file");
        let back = formats::read_edge_list(
            file,
            &edges,
            format == Format::Tsv,
            Some(("seed.actors", &actors)),
        )
        .map_err(|e| e.render(false))
        .expect("reads back");
        assert_eq!(back.actors, seed().actors);
        assert_eq!(back.relations, seed().relations);
        assert_eq!(back.title, "seed", "the title is the file's name");
        assert_eq!(back.sources[0].id, "article");
        assert_eq!(
            back.sources[0].title, "article",
            "a cited source is declared"
        );
    }
}

// ---- bad files ------------------------------------------------------------

/// (line, column, message, help) of each problem.
fn described(error: &LoadError) -> Vec<(usize, usize, String, String)> {
    error
        .problems
        .iter()
        .map(|p| {
            let (line, column) = error.line_column(p.span.clone().expect("located").start);
            (
                line,
                column,
                p.message.clone(),
                p.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn broken_xml_is_reported_at_its_line_and_column() {
    let found = described(&problems("broken.graphml"));
    assert_eq!(found.len(), 1);
    let (line, column, message, help) = &found[0];
    assert_eq!((*line, *column), (6, 68));
    assert!(
        message.contains("expected `</node>`, but `</nod>` was found"),
        "{message}"
    );
    assert!(help.contains("needs its </tag>"), "{help}");
}

#[test]
fn a_link_to_no_node_is_reported_with_the_closest_id() {
    let found = described(&problems("dangling.json"));
    assert_eq!(
        found,
        [(
            5,
            36,
            "no node \"al_shibani\" — did you mean \"al-shibani\"?".to_owned(),
            "an edge's target must be the id of a node in the file".to_owned()
        )]
    );
}

#[test]
fn every_csv_row_with_the_wrong_number_of_fields_is_reported() {
    let found = described(&problems("ragged.csv"));
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].0, found[0].1), (3, 1));
    assert_eq!(found[0].2, "this row has 4 fields, the header has 3");
    assert!(found[0].3.contains("double quotes"), "{}", found[0].3);
    assert_eq!(
        (found[1].0, found[1].2.as_str()),
        (4, "this row has 2 fields, the header has 3")
    );
}

/// An edge list read through the reader that locates problems (it names
/// actors its actors file lacks) places each problem it lists at its line
/// and column, past quoted lines, CR LF line ends and a byte order mark,
/// and counts those it does not list.
#[test]
fn a_broken_edge_list_places_its_first_problems_and_counts_the_rest() {
    let mut edges = String::from("\u{feff}from,to,note\r\nknown,known,\"two\r\nlines\"\r\n");
    edges.push_str("\"m\"\"q\",known,x\r\n");
    for i in 0..1_000 {
        edges.push_str(&format!("known,m{i},\"note, {i}\"\r\n"));
    }
    let error = formats::read_edge_list(
        "e.csv",
        &edges,
        false,
        Some(("a.csv", "id,name\nknown,K\n")),
    )
    .expect_err("the ends are missing");
    assert_eq!(error.problems.len(), 50, "49 listed and one that counts");
    let found = described(&LoadError {
        problems: error.problems[..3].to_vec(),
        ..error.clone()
    });
    let placed: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|(line, column, message, _)| (*line, *column, message.as_str()))
        .collect();
    assert_eq!(
        placed,
        [
            (4, 1, "no node \"m\"q\""),
            (5, 7, "no node \"m0\""),
            (6, 7, "no node \"m1\""),
        ]
    );
    let counted = error.problems.last().expect("a count");
    assert_eq!(counted.message, "952 more problems not listed");
    assert_eq!(counted.span, None);
}

#[test]
fn graphml_data_with_an_undeclared_key_names_the_declared_ones() {
    let text = r#"<graphml><key id="d0" for="node" attr.name="label"/><graph>
<node id="a"><data key="d1">A</data></node></graph></graphml>"#;
    let error = formats::read_str("x.graphml", text, Format::GraphMl).expect_err("bad key");
    let found = described(&error);
    assert_eq!(found[0].0, 2);
    assert_eq!(found[0].2, "no <key> with the id \"d1\"");
    assert_eq!(found[0].3, "the keys declared are \"d0\"");
}

#[test]
fn a_node_id_used_twice_points_at_both_uses() {
    let text = "<graphml><graph>\n<node id=\"a\"/>\n<node id=\"b\"/>\n<node id=\"a\"/>\n</graph></graphml>";
    let error = formats::read_str("x.graphml", text, Format::GraphMl).expect_err("twice");
    let found = described(&error);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].2.as_str()),
        (4, "the node id \"a\" is used twice")
    );
    let (first_use, note) = error.problems[0].related.clone().expect("first use shown");
    assert_eq!(error.line_column(first_use.start).0, 2);
    assert_eq!(note, "first used here");
}

#[test]
fn truncated_json_and_headless_csv_say_what_is_missing() {
    let error = formats::read_str("x.json", "{\"nodes\": [\n  {\"id\": 1},\n", Format::Json)
        .expect_err("truncated");
    assert!(
        error.problems[0].message.contains("EOF"),
        "{:?}",
        error.problems
    );
    assert!(
        error.problems[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("ends too early")
    );

    let error = formats::read_str("x.csv", "a,b\n1,2\n", Format::Csv).expect_err("no header");
    assert_eq!(error.problems[0].message, "the header has no `from` column");
}

#[test]
fn json_that_is_no_graph_says_which_shapes_are_read() {
    let error =
        formats::read_str("x.json", "{\"vertices\": []}", Format::Json).expect_err("no graph");
    assert_eq!(
        error.problems[0].message,
        "this JSON holds no graph kgx knows"
    );
}

#[test]
fn kgx_json_with_a_dangling_reference_points_at_it() {
    let mut json: serde_json::Value =
        serde_json::from_str(&formats::write(&graph(&tricky()), Format::Json).expect("written"))
            .expect("JSON");
    json["relations"][1]["to"] = "asad".into();
    let text = serde_json::to_string_pretty(&json).expect("JSON");
    let error = formats::read_str("x.json", &text, Format::Json).expect_err("dangling");
    let problem = &error.problems[0];
    assert_eq!(
        problem.message,
        "no actor \"asad\" — did you mean \"assad\"?"
    );
    let span = problem.span.clone().expect("located");
    assert_eq!(&text[span], "\"asad\"");
}

// ---- the binary -----------------------------------------------------------

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn the_binary_opens_each_format_by_its_extension() {
    for (file, summary) in [
        ("gephi.graphml", "2 actors, 1 relation, 0 sources"),
        ("networkx.json", "4 actors, 4 relations, 0 sources"),
        ("edges.csv", "4 actors, 2 relations, 0 sources"),
        ("edges.tsv", "3 actors, 2 relations, 0 sources"),
    ] {
        let output = kgx(&["validate", path(&fixture(file))]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains(summary), "{}", stdout(&output));
    }
    let output = kgx(&[
        "show",
        "lavrov",
        path(&fixture("edges.csv")),
        "--actors",
        path(&fixture("actors.csv")),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(
        shown.starts_with("Sergey Lavrov · Person · id lavrov"),
        "{shown}"
    );
    assert!(
        shown.contains("weight: 2"),
        "relation attributes are shown: {shown}"
    );
}

#[test]
fn the_binary_reports_a_bad_file_like_a_bad_ron_one() {
    let output = kgx(&["validate", path(&fixture("ragged.csv"))]);
    assert_eq!(output.status.code(), Some(1));
    let shown = stderr(&output);
    assert!(shown.contains("ragged.csv:3:1]"), "{shown}");
    assert!(shown.contains("has 2 problems"), "{shown}");
}

#[test]
fn convert_and_export_write_files_that_open_again() {
    let scratch = Scratch::new("convert");
    let dir = &scratch.0;
    let graphml = dir.join("seed.graphml");
    let output = kgx(&["convert", load::EMBEDDED_NAME, path(&graphml)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = kgx(&["validate", path(&graphml)]);
    assert!(stdout(&output).contains("valid — 43 actors, 81 relations, 2 sources"));

    let csv = dir.join("out.csv");
    let output = kgx(&["export", "--format", "csv", "-o", path(&csv)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        dir.join("out.actors.csv").is_file(),
        "the actors go beside the edges"
    );
    let output = kgx(&["show", "lavrov", path(&csv)]);
    assert!(
        stdout(&output).starts_with("Sergey Lavrov · Person"),
        "out.actors.csv is read with out.csv: {}",
        stdout(&output)
    );

    let output = kgx(&["export", "--format", "tsv"]);
    assert!(stdout(&output).starts_with("from\tto\tkind"));
    assert!(
        stderr(&output).contains("with -o FILE the actors go beside them"),
        "a CSV on standard output says what it left out"
    );

    let output = kgx(&["convert", path(&graphml), "-", "--to", "mermaid"]);
    assert!(stdout(&output).contains("flowchart LR"));
    let output = kgx(&["convert", path(&graphml), path(&dir.join("x.txt"))]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--to"), "{}", stderr(&output));
}

#[test]
fn standard_input_is_ron_unless_format_says_otherwise() {
    let json = std::fs::read(fixture("d3.json")).expect("fixture");
    let run = |args: &[&str]| kgx_with_input(args, json.clone());
    assert_eq!(run(&["validate", "-"]).status.code(), Some(1));
    let output = run(&["validate", "-", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = kgx(&["validate", "--format", "dot", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "[possible values: ron, json, graphml, csv, tsv, turtle, ntriples, nquads, trig]"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = kgx(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0));
        let script = stdout(&output);
        assert!(
            script.contains("convert") && script.contains("graphml"),
            "{shell}: {script}"
        );
    }
}

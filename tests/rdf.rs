//! RDF in and out: kgx's Turtle and N-Triples read back into the same
//! data, other people's RDF maps onto actors and relations as
//! docs/format.md says, syntax errors are located, and standard readers
//! (rdflib, Oxigraph) parse what kgx writes.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::binary::{kgx, stderr};

use common::scratch::Scratch;
use kgx::formats::{self, Format, Request};
use kgx::graph::KnowledgeGraph;
use kgx::load::{self, Input};
use kgx::model::{Actor, ActorKind, Dataset};

fn seed() -> Dataset {
    load::load(&Input::Embedded).expect("the seed loads")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rdf")
        .join(name)
}

fn written(dataset: &Dataset, format: Format) -> String {
    let graph = KnowledgeGraph::new(dataset.clone()).expect("valid graph");
    formats::write(&graph, format).expect("written")
}

fn open(path: &Path, lang: Option<&str>) -> Dataset {
    formats::load(&Request {
        lang: lang.map(str::to_owned),
        ..Request::from(Input::Path(path.to_owned()))
    })
    .map_err(|e| e.render(false))
    .expect("reads")
}

fn actor<'a>(dataset: &'a Dataset, id: &str) -> &'a Actor {
    dataset
        .actors
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no actor {id}"))
}

#[test]
fn the_seed_survives_turtle_and_ntriples_unchanged() {
    let seed = seed();
    for format in [
        Format::Turtle,
        Format::NTriples,
        Format::TriG,
        Format::NQuads,
    ] {
        let text = written(&seed, format);
        let back = formats::read_str("round-trip", &text, format).map_err(|e| e.render(false));
        assert_eq!(back, Ok(seed.clone()), "{format:?}");
    }
}

#[test]
fn convert_from_turtle_gives_back_the_same_graph() {
    let scratch = Scratch::new("convert");
    let dir = &scratch.0;
    let turtle = dir.join("seed.ttl");
    let ron = dir.join("seed.ron");
    let export = kgx(&[
        "export",
        "--format",
        "turtle",
        "-o",
        turtle.to_str().expect("path"),
    ]);
    assert!(export.status.success(), "{export:?}");
    let convert = kgx(&[
        "convert",
        turtle.to_str().expect("path"),
        ron.to_str().expect("path"),
    ]);
    assert!(convert.status.success(), "{convert:?}");
    let back = load::load(&Input::Path(ron)).map_err(|e| e.render(false));
    assert_eq!(back, Ok(seed()));
}

#[test]
fn turtle_shows_the_vocabulary_it_writes() {
    let text = written(&seed(), Format::Turtle);
    for expected in [
        "@prefix kgx: <urn:kgx:vocab:> .",
        "actor:lavrov a kind:Person",
        "rdfs:label \"Sergey Lavrov\"",
        "a rdf:Statement",
        "kgx:status kgx:Planned",
        "kgx:stance kgx:Cooperative",
        "\"2025-07-31\"^^xsd:date",
        "kgx:evidence _:e",
        "kgx:source source:article",
    ] {
        assert!(text.contains(expected), "no {expected:?} in\n{text}");
    }
}

#[test]
fn other_peoples_turtle_maps_onto_actors_and_relations() {
    let dataset = open(&fixture("people.ttl"), None);
    assert_eq!(dataset.title, "people");
    let ids: Vec<&str> = dataset.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ex:moscow", "ex:lavrov", "_:b1"]);

    let moscow = actor(&dataset, "ex:moscow");
    assert_eq!(moscow.name, "Moscow", "English before other languages");
    assert_eq!(moscow.kind, ActorKind::Other("City".into()), "by its label");
    assert_eq!(moscow.aliases, ["Moskva"]);
    assert_eq!(moscow.external_ids["iri"], "http://example.org/moscow");
    assert_eq!(moscow.attributes["rdfs:label"], "\"Moskau\"@de");
    assert_eq!(
        moscow.attributes["schema:population"],
        "\"13010112\"^^xsd:integer"
    );

    let lavrov = actor(&dataset, "ex:lavrov");
    assert_eq!(lavrov.name, "Sergey Lavrov");
    assert_eq!(
        lavrov.kind,
        ActorKind::Person,
        "schema:Person by local name"
    );
    assert_eq!(
        lavrov.attributes["rdf:type"],
        "<http://schema.org/Diplomat>"
    );
    assert_eq!(lavrov.attributes["schema:email"], "press@example.org");
    assert_eq!(lavrov.attributes["schema:email #2"], "office@example.org");
    assert_eq!(actor(&dataset, "_:b1").name, "Government of Russia");

    let relations: Vec<(&str, &str, &str, Option<&str>)> = dataset
        .relations
        .iter()
        .map(|r| {
            (
                r.from.as_str(),
                r.kind.as_str(),
                r.to.as_str(),
                r.label.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        relations,
        [
            ("ex:lavrov", "works_in", "ex:moscow", Some("works in")),
            ("ex:lavrov", "member_of", "_:b1", None),
        ]
    );
    assert_eq!(
        dataset.relations[0].attributes["predicate"],
        "http://example.org/worksIn"
    );
}

#[test]
fn lang_chooses_the_language_of_names_kinds_and_relations() {
    let dataset = open(&fixture("people.ttl"), Some("de-AT"));
    let moscow = actor(&dataset, "ex:moscow");
    assert_eq!(moscow.name, "Moskau");
    assert_eq!(moscow.kind, ActorKind::Other("Stadt".into()));
    assert_eq!(moscow.attributes["rdfs:label"], "\"Moscow\"@en");
    assert_eq!(dataset.relations[0].label.as_deref(), Some("arbeitet in"));
}

#[test]
fn other_peoples_rdf_goes_back_out_with_its_own_iris() {
    let dataset = open(&fixture("people.ttl"), None);
    let text = written(&dataset, Format::Turtle);
    for expected in [
        "@prefix ex: <http://example.org/> .",
        "ex:lavrov ex:worksIn ex:moscow .",
        "schema:population 13010112",
        "\"Moskau\"@de",
        "schema:email \"press@example.org\" , \"office@example.org\"",
    ] {
        assert!(text.contains(expected), "no {expected:?} in\n{text}");
    }
    let back = formats::read_str("people.ttl", &text, Format::Turtle).map_err(|e| e.render(false));
    assert_eq!(back.map(|d| d.actors), Ok(dataset.actors.clone()));
}

#[test]
fn named_graphs_are_merged() {
    let quads = "<http://e.org/a> <http://e.org/knows> <http://e.org/b> <http://e.org/g1> .\n\
                 <http://e.org/b> <http://e.org/knows> <http://e.org/c> .\n";
    let dataset = formats::read_str("x.nq", quads, Format::NQuads).expect("valid N-Quads");
    assert_eq!(dataset.actors.len(), 3);
    assert_eq!(dataset.relations.len(), 2);
    let trig = "@prefix e: <http://e.org/> .\ne:g1 { e:a e:knows e:b . }\ne:b e:knows e:c .\n";
    let dataset = formats::read_str("x.trig", trig, Format::TriG).expect("valid TriG");
    assert_eq!(dataset.relations.len(), 2);
    // Merging is said, not done silently; --deny-warnings refuses it.
    let scratch = Scratch::new("named-graphs");
    let dir = &scratch.0;
    let path = dir.join("x.trig");
    std::fs::write(&path, trig).expect("written");
    let path = path.to_str().expect("path");
    let output = kgx(&["validate", path]);
    assert_eq!(output.status.code(), Some(0));
    let said = stderr(&output);
    assert!(
        said.contains("1 statement in the named graph <http://e.org/g1> read into the one graph"),
        "{said}"
    );
    assert_eq!(
        kgx(&["validate", "--deny-warnings", path]).status.code(),
        Some(1)
    );
}

#[test]
fn what_the_wikidata_profile_leaves_out_is_counted_in_a_warning() {
    let path = fixture("wikidata.ttl");
    let path = path.to_str().expect("path");
    let output = kgx(&["validate", "--profile", "wikidata", path]);
    assert_eq!(output.status.code(), Some(0));
    let said = stderr(&output);
    assert!(
        said.contains("triples of Wikidata's bookkeeping") && said.contains("left out"),
        "{said}"
    );
    let generic = kgx(&["validate", path]);
    assert!(
        !stderr(&generic).contains("bookkeeping"),
        "the generic profile reads every triple"
    );
}

#[test]
fn syntax_errors_are_reported_with_line_and_column() {
    let path = fixture("broken.nt");
    let output = kgx(&["validate", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("broken.nt:2:"), "{errors}");
    assert!(errors.contains("broken.nt:3:"), "{errors}");
    assert!(errors.contains("not valid RDF"), "{errors}");
    assert!(errors.contains("N-Triples line is"), "a hint: {errors}");
}

#[test]
fn kgx_vocabulary_mistakes_are_reported_at_the_value() {
    let text = "@prefix kgx: <urn:kgx:vocab:> .\n@prefix actor: <urn:kgx:actor:> .\n\
                @prefix rel: <urn:kgx:relation:> .\n@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n\
                actor:a actor:x actor:b .\n\
                [] a rdf:Statement ; rdf:subject actor:a ; rdf:predicate rel:met ; rdf:object actor:b ;\n\
                   kgx:status kgx:Sure ; kgx:date \"2025-13\" .\n";
    let error = formats::read_str("x.ttl", text, Format::Turtle).expect_err("bad values");
    let messages: Vec<&str> = error.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown status \"Sure\"")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("2025-13")),
        "{messages:?}"
    );
    let date = error
        .problems
        .iter()
        .find(|p| p.message.contains("2025-13"))
        .and_then(|p| p.span.clone())
        .expect("located");
    assert_eq!(error.line_column(date.start).0, 7);
}

#[test]
fn what_the_rdf_reader_leaves_out_or_reads_otherwise_is_a_warning_at_its_place() {
    let path = fixture("misreads.ttl");
    let path = path.to_str().expect("path");
    let output = kgx(&["validate", path]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    for (place, message) in [
        (
            "12:1",
            "a second graph description is left out: kgx reads the title and description of the first",
        ),
        ("14:62", "kgx:background \"yes\" is read as false"),
        (
            "14:70",
            "kgx:editor is not read on a source, and is left out",
        ),
        (
            "16:43",
            "kgx:nickname is not read on an actor, and is left out",
        ),
        (
            "17:58",
            "a second kgx:date on an actor replaces the first, \"2025\", which is left out",
        ),
        (
            "20:14",
            "1 triple with kgx:befriended between actors is left out: it is no kgx term",
        ),
        ("24:18", "kgx:directed \"maybe\" is read as directed"),
        (
            "25:5",
            "kgx:confidence is not read on a statement, and is left out",
        ),
        ("26:69", "kgx:page is not read on evidence, and is left out"),
        (
            "27:59",
            "kgx:attributedTo with a literal is not read on evidence (it takes a resource), and is left out",
        ),
        (
            "29:",
            "a statement without an rdf:subject, rdf:predicate and rdf:object is left out",
        ),
        (
            "31:",
            "1 triple with ex:cites from an actor to a source, statement, evidence or role is left out",
        ),
        (
            "32:",
            "1 triple with rdfs:comment about classes and properties is left out",
        ),
    ] {
        assert!(errors.contains(message), "no \"{message}\" in {errors}");
        assert!(
            errors.contains(&format!("misreads.ttl:{place}")),
            "not at {place}: {errors}"
        );
    }
    assert!(
        errors.contains("misreads.ttl was read with 13 warnings"),
        "{errors}"
    );
    // As read: the first graph's title, the relation directed.
    let dataset = open(&fixture("misreads.ttl"), None);
    assert_eq!(dataset.title, "Talks");
    assert!(dataset.relations.iter().all(|r| r.directed));
    assert!(dataset.sources.iter().all(|s| !s.background));

    let denied = kgx(&["validate", "--deny-warnings", path]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stderr(&denied).contains("--deny-warnings makes these 13 warnings an error"));
}

#[test]
fn kgx_own_turtle_and_ntriples_read_without_a_warning() {
    let scratch = Scratch::new("own-rdf-no-warnings");
    let dir = &scratch.0;
    for (format, file) in [("turtle", "seed.ttl"), ("ntriples", "seed.nt")] {
        let path = dir.join(file);
        let path = path.to_str().expect("path");
        let export = kgx(&["export", "--format", format, "-o", path]);
        assert!(export.status.success(), "{export:?}");
        let output = kgx(&["validate", "--deny-warnings", path]);
        let errors = stderr(&output);
        assert!(output.status.success(), "{errors}");
        assert!(!errors.contains("warning"), "{errors}");
    }
    let plain = kgx(&[
        "validate",
        "--deny-warnings",
        fixture("people.ttl").to_str().expect("path"),
    ]);
    assert!(plain.status.success(), "{plain:?}");
}

/// The Python environment with rdflib and Oxigraph's `oxigraph` command
/// that `.ci/run` prepares, named by `KGX_RDF_VENV`; `None` (and a note
/// on why the test is skipped) without one.
fn rdf_tools(test: &str) -> Option<PathBuf> {
    let Some(venv) = std::env::var_os("KGX_RDF_VENV") else {
        eprintln!(
            "skipping {test}: KGX_RDF_VENV is not set (.ci/run sets it; see README, Developing)"
        );
        return None;
    };
    let venv = PathBuf::from(venv);
    if !venv.join("bin/python").exists() || !venv.join("bin/oxigraph").exists() {
        eprintln!(
            "skipping {test}: {} has no bin/python or bin/oxigraph (pip install oxigraph rdflib failed?)",
            venv.display()
        );
        return None;
    }
    Some(venv)
}

#[test]
fn rdflib_and_oxigraph_read_what_kgx_writes() {
    let Some(venv) = rdf_tools("rdflib_and_oxigraph_read_what_kgx_writes") else {
        return;
    };
    let scratch = Scratch::new("readers");
    let dir = &scratch.0;
    for (name, dataset) in [
        ("seed", seed()),
        ("people", open(&fixture("people.ttl"), None)),
    ] {
        let turtle = dir.join(format!("{name}.ttl"));
        let ntriples = dir.join(format!("{name}.nt"));
        std::fs::write(&turtle, written(&dataset, Format::Turtle)).expect("written");
        let nt_text = written(&dataset, Format::NTriples);
        std::fs::write(&ntriples, &nt_text).expect("written");
        let triples = nt_text.lines().filter(|l| !l.trim().is_empty()).count();

        // rdflib reads both, and finds them the same graph.
        let script = "import sys, rdflib\nfrom rdflib.compare import isomorphic\n\
                      t = rdflib.Graph().parse(sys.argv[1], format='turtle')\n\
                      n = rdflib.Graph().parse(sys.argv[2], format='nt')\n\
                      print(len(t), len(n), isomorphic(t, n))\n";
        let output = Command::new(venv.join("bin/python"))
            .args(["-c", script])
            .arg(&turtle)
            .arg(&ntriples)
            .output()
            .expect("python runs");
        assert!(output.status.success(), "rdflib: {output:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            format!("{triples} {triples} True"),
            "{name}"
        );

        // Oxigraph reads the Turtle and writes the same triples.
        let output = Command::new(venv.join("bin/oxigraph"))
            .args(["convert", "--to-format", "nt", "--from-file"])
            .arg(&turtle)
            .output()
            .expect("oxigraph runs");
        assert!(output.status.success(), "oxigraph: {output:?}");
        let without_blanks = |text: &str| -> BTreeSet<String> {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.contains("_:"))
                .map(str::to_owned)
                .collect()
        };
        let theirs = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_eq!(theirs.lines().count(), triples, "{name}");
        assert_eq!(without_blanks(&theirs), without_blanks(&nt_text), "{name}");
    }
}

/// The fenced blocks of `markdown` with the given language, in order.
fn blocks<'a>(markdown: &'a str, language: &str) -> Vec<&'a str> {
    let fence = format!("```{language}\n");
    markdown
        .split(&fence)
        .skip(1)
        .filter_map(|rest| rest.split_once("\n```").map(|(body, _)| body))
        .collect()
}

#[test]
fn the_format_reference_shows_what_kgx_reads_and_writes() {
    let reference = include_str!("../docs/format.md");
    let examples = blocks(reference, "turtle");
    assert_eq!(
        examples.len(),
        3,
        "the worked example, the Wikidata profile's and a reified statement"
    );
    let dataset = formats::read_str("example.ttl", examples[0], Format::Turtle)
        .map_err(|e| e.render(false))
        .expect("the worked example reads");
    let rows: Vec<(&str, &str, &str)> = dataset
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str(), a.kind.name()))
        .collect();
    assert_eq!(
        rows,
        [
            ("ex:moscow", "Moscow", "City"),
            ("ex:lavrov", "Sergey Lavrov", "Person"),
            ("_:b1", "Government of Russia", "Node"),
        ]
    );
    assert_eq!(dataset.relations[0].label.as_deref(), Some("works in"));
    let fixture = std::fs::read_to_string(fixture("wikidata.ttl")).expect("fixture");
    let prefixes: String = fixture
        .lines()
        .filter(|line| line.starts_with("@prefix"))
        .map(|line| format!("{line}\n"))
        .collect();
    let scratch = Scratch::new("reference");
    let file = scratch.0.join("statement.ttl");
    std::fs::write(&file, format!("{prefixes}{}", examples[1])).expect("written");
    let statement = formats::load(&Request {
        lang: Some("en".to_owned()),
        profile: formats::Profile::Wikidata,
        ..Request::from(Input::Path(file))
    })
    .map_err(|e| e.render(false))
    .expect("the Wikidata example reads");
    let relation = &statement.relations[0];
    assert_eq!(
        (relation.from.as_str(), relation.to.as_str()),
        ("wd:Q90001", "wd:Q90011")
    );
    assert_eq!(relation.status, kgx::model::Status::Disputed);
    assert_eq!(
        relation.date.as_ref().map(ToString::to_string).as_deref(),
        Some("1999-05")
    );
    assert_eq!(statement.sources[0].title, "Example Gazette");
    let seed = written(&seed(), Format::Turtle);
    assert!(
        seed.contains(examples[2]),
        "docs/format.md should show:\n{seed}"
    );
}

/// The Wikidata-shaped fixture read with the Wikidata profile.
fn wikidata(lang: &str) -> Dataset {
    formats::load(&Request {
        lang: Some(lang.to_owned()),
        profile: formats::Profile::Wikidata,
        ..Request::from(Input::Path(fixture("wikidata.ttl")))
    })
    .map_err(|e| e.render(false))
    .expect("reads")
}

#[test]
fn the_wikidata_profile_reads_qualifiers_references_and_ranks() {
    let dataset = wikidata("en");
    let ada = actor(&dataset, "wd:Q90001");
    assert_eq!(ada.name, "Ada Example");
    assert_eq!(
        ada.kind,
        ActorKind::Other("human".into()),
        "P31 is the kind"
    );
    assert_eq!(ada.summary.as_deref(), Some("invented diplomat"));
    assert_eq!(ada.aliases, ["A. Example"]);
    let ids: BTreeSet<&str> = dataset.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "wd:Q90001",
            "wd:Q90002",
            "wd:Q90010",
            "wd:Q90011",
            "wd:Q90020"
        ]),
        "classes, properties, references, value nodes, sitelinks and what is only \
         \"stated in\" are not actors"
    );
    let to = |id: &str| {
        dataset
            .relations
            .iter()
            .find(|r| r.from == "wd:Q90001" && r.to == id)
            .unwrap_or_else(|| panic!("no relation to {id}"))
    };
    let minister = to("wd:Q90010");
    assert_eq!(minister.kind, "p39");
    assert_eq!(minister.label.as_deref(), Some("position held"));
    assert_eq!(
        minister.date.as_ref().map(ToString::to_string).as_deref(),
        Some("2004-03-09..2024"),
        "start at day precision, end at year precision"
    );
    assert_eq!(minister.status, kgx::model::Status::Reported);
    assert_eq!(
        minister.attributes.get("pq:P1545").map(String::as_str),
        Some("5")
    );
    assert_eq!(minister.evidence.len(), 1);
    let source = dataset
        .sources
        .iter()
        .find(|s| s.id == minister.evidence[0].source)
        .expect("the reference is a source");
    assert_eq!(source.title, "Ada Example appointed foreign minister");
    assert_eq!(
        source.url.as_deref(),
        Some("https://news.example.org/ada-appointed")
    );

    let ambassador = to("wd:Q90011");
    assert_eq!(
        ambassador.status,
        kgx::model::Status::Disputed,
        "deprecated rank"
    );
    assert_eq!(
        ambassador.date.as_ref().map(ToString::to_string).as_deref(),
        Some("1999-05")
    );
    assert_eq!(
        ambassador.evidence[0].quote,
        "Ada Example never held the post of ambassador"
    );
    let gazette = dataset
        .sources
        .iter()
        .find(|s| s.id == ambassador.evidence[0].source)
        .expect("source");
    assert_eq!(gazette.title, "Example Gazette", "from P248 stated in");

    assert_eq!(
        dataset.relations.len(),
        4,
        "truthy triples and statements merge: {:#?}",
        dataset.relations
    );
    // Names in the person's language.
    assert_eq!(actor(&wikidata("de"), "wd:Q90020").name, "Beispielland");
}

#[test]
fn without_the_profile_wikidata_is_plain_rdf() {
    let dataset = open(&fixture("wikidata.ttl"), Some("en"));
    let ada = actor(&dataset, "wd:Q90001");
    assert!(
        dataset
            .relations
            .iter()
            .all(|r| r.status == kgx::model::Status::Reported),
        "no ranks read"
    );
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.from == ada.id && r.kind == "p39" && r.date.is_none())
    );
}

//! Peak and settled resident memory for opening the million-relation
//! graph, against the size of its RON file, and the peak for edge lists
//! that the reader which locates problems reads (broken ones, and ones
//! whose ids are rewritten), against theirs (Linux: read from
//! `/proc/self/status`).
//!
//! `cargo bench --bench memory`; `KGX_BENCH_MAX_RELATIONS=100000` measures
//! a smaller graph. Each file is written to a temporary folder by one
//! process and opened by a fresh one, so the generator's memory is not
//! counted.

mod common;

use std::process::Command;

use kgx::formats::Request;
use kgx::load::Input;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--open") {
        if let Some(path) = args.get(at + 1) {
            open(path, args.get(at + 2).map(String::as_str));
        }
        return;
    }
    ron_graph();
    for (name, extension, edges, actors) in edge_lists() {
        edge_list(name, extension, &edges, actors.as_deref());
    }
}

/// Peak and settled memory for the largest generated graph as RON.
fn ron_graph() {
    let (actors, relations) = common::sizes().last().copied().unwrap_or((1_000, 10_000));
    let path = std::env::temp_dir().join(format!("kgx-memory-{}.ron", std::process::id()));
    let text = kgx::export::to_ron(&common::dataset(actors, relations)).expect("serializes");
    std::fs::write(&path, &text).expect("temporary file");
    let file_size = text.len();
    drop(text);
    let output = Command::new(std::env::current_exe().expect("this program"))
        .arg("--open")
        .arg(&path)
        .output()
        .expect("a fresh process opens the file");
    let _ = std::fs::remove_file(&path);
    let report = String::from_utf8_lossy(&output.stdout);
    let figure = |name: &str| {
        report
            .lines()
            .find_map(|line| line.strip_prefix(name)?.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (peak, settled) = (figure("peak"), figure("settled"));
    let megabytes = |bytes: u64| bytes as f64 / 1e6;
    println!(
        "memory/{}: RON file {:.0} MB; peak resident {:.0} MB ({:.2}× the file); \
         resident once loaded {:.0} MB ({:.0} bytes per relation)",
        common::label(relations),
        megabytes(file_size as u64),
        megabytes(peak),
        peak as f64 / file_size as f64,
        megabytes(settled),
        settled as f64 / relations as f64,
    );
}

/// Edge lists that the reader which locates problems reads, as (what
/// they are, the file's extension, the edge list, its actors file):
/// relations naming 500,000 actors the actors file lacks, 300,000 ids with
/// a space in them (each rewritten, with a warning), 20 MB of rows of every
/// length, and GraphML and node-link JSON with 200,000 nodes and as many
/// edges to nodes that are not there.
fn edge_lists() -> Vec<(&'static str, &'static str, String, Option<String>)> {
    let missing: String = std::iter::once("from,to,kind\n".to_owned())
        .chain((0..250_000).map(|i| format!("actor{i},other{i},knows\n")))
        .collect();
    let rewritten: String = std::iter::once("from,to\n".to_owned())
        .chain((0..150_000).map(|i| format!("person {i},group {i}\n")))
        .collect();
    let mut ragged = String::from("from,to,kind,date\n");
    for i in 0.. {
        if ragged.len() >= 20_000_000 {
            break;
        }
        let fields = 2 + i % 5;
        ragged.push_str(&format!("a{i},b{i}{}\n", ",x".repeat(fields - 2)));
    }
    let nodes = 0..200_000;
    let graphml = format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         <key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
         <graph edgedefault=\"directed\">\n{}{}</graph>\n</graphml>\n",
        nodes
            .clone()
            .map(|i| format!("<node id=\"n{i}\"><data key=\"d0\">Node {i}</data></node>\n"))
            .collect::<String>(),
        nodes
            .clone()
            .map(|i| format!("<edge source=\"n{i}\" target=\"m{i}\"/>\n"))
            .collect::<String>(),
    );
    let node_link = format!(
        "{{\"directed\": true, \"nodes\": [\n{}\n], \"links\": [\n{}\n]}}\n",
        nodes
            .clone()
            .map(|i| format!("{{\"id\": \"n{i}\", \"label\": \"Node {i}\"}}"))
            .collect::<Vec<_>>()
            .join(",\n"),
        nodes
            .map(|i| format!("{{\"source\": \"n{i}\", \"target\": \"m{i}\"}}"))
            .collect::<Vec<_>>()
            .join(",\n"),
    );
    vec![
        (
            "500k actors missing",
            "csv",
            missing,
            Some("id,name\nknown,Known\n".to_owned()),
        ),
        ("300k ids rewritten", "csv", rewritten, None),
        ("ragged rows", "csv", ragged, None),
        ("200k edges to missing nodes", "graphml", graphml, None),
        ("200k links to missing nodes", "json", node_link, None),
    ]
}

/// Peak memory for opening one edge list (and its actors file).
fn edge_list(name: &str, extension: &str, edges: &str, actors: Option<&str>) {
    let folder = std::env::temp_dir();
    let stem = format!("kgx-memory-{}", std::process::id());
    let path = folder.join(format!("{stem}.{extension}"));
    std::fs::write(&path, edges).expect("temporary file");
    let mut command = Command::new(std::env::current_exe().expect("this program"));
    command.arg("--open").arg(&path);
    let actors_path = folder.join(format!("{stem}.people.csv"));
    if let Some(actors) = actors {
        std::fs::write(&actors_path, actors).expect("temporary file");
        command.arg(&actors_path);
    }
    let output = command.output().expect("a fresh process opens the file");
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&actors_path);
    let report = String::from_utf8_lossy(&output.stdout);
    let peak = report
        .lines()
        .find_map(|line| line.strip_prefix("peak")?.trim().parse::<u64>().ok())
        .unwrap_or(0);
    let outcome = report
        .lines()
        .find_map(|line| line.strip_prefix("outcome "))
        .unwrap_or("not opened");
    println!(
        "memory/edge list, {name}: {} {:.1} MB; peak resident {:.0} MB ({:.1}× the file); {outcome}",
        extension.to_uppercase(),
        edges.len() as f64 / 1e6,
        peak as f64 / 1e6,
        peak as f64 / edges.len() as f64,
    );
}

/// Opens the file (with its actors file, for an edge list) as the
/// explorer does and reports peak and current resident memory in bytes,
/// and whether it loaded; a RON file must.
fn open(path: &str, actors: Option<&str>) {
    kgx::allocator::return_large_blocks_when_freed();
    let mut request = Request::from(Input::Path(path.into()));
    request.actors = actors.map(Into::into);
    let loaded = kgx::formats::load_graph(request);
    if path.ends_with(".ron") {
        assert!(loaded.is_ok(), "the generated graph loads");
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kilobytes = |field: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    println!("peak {}", kilobytes("VmHWM:") * 1024);
    println!("settled {}", kilobytes("VmRSS:") * 1024);
    match &loaded {
        Ok(_) => println!("outcome loaded"),
        Err(error) => println!(
            "outcome refused with {} problems listed",
            error.problems.len()
        ),
    }
    let _ = std::hint::black_box(loaded);
}

//! A mutation fuzzer for kgx's readers that runs on the stable toolchain:
//! each target mutates seed files and feeds them to one reader; whatever
//! reads is built into a graph and written in every format. Any panic is
//! a failure, and its input is saved in `crashes/`.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kgx::formats::{self, Format};
use kgx::graph::KnowledgeGraph;

/// Text that matters to the formats, inserted by the mutator.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "/>",
    ",",
    ":",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "\\u0000",
    "\\u{1b}",
    "\u{1b}]52;c;x\u{7}",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "&#0;",
    "&#x1F;",
    "&amp;",
    "&bogus;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<graphml>",
    "<graph edgedefault=\"undirected\">",
    "<node id=\"a\">",
    "<edge source=\"a\" target=\"b\"/>",
    "<hyperedge>",
    "directed=\"maybe\"",
    "<key id=\"k\" for=\"node\" attr.name=\"label\"/>",
    "<data key=\"k\">",
    "Graph(",
    "Actor(",
    "Relation(",
    "Source(",
    "id: ",
    "kind: ",
    "from: ",
    "to: ",
    "date: \"2025-13-40\"",
    "\"..\"",
    "1e400",
    "-1",
    "null",
    "true",
    "NaN",
    "\"nodes\":",
    "\"links\":",
    "\"edges\":",
    "\"source\":",
    "\"target\":",
    "#![enable(implicit_some)]",
    "from,to,kind",
    "\"\"",
    "a,b,c,d,e,f,g",
    "(keys: {\"q\": \"quit\"})",
    "theme: \"dark\"",
    "@prefix kgx: <urn:kgx:vocab:> .\n",
    "@prefix ex: <http://example.org/> .\n",
    "@base <http://example.org/> .\n",
    " .\n",
    " ; ",
    " , ",
    "[] ",
    "_:b0 ",
    "<urn:kgx:actor:a> ",
    "<http://example.org/b> ",
    "ex:a ex:knows ex:b .\n",
    " a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ; rdf:object ex:b",
    " a kgx:Graph ; kgx:title \"t\" .\n",
    "kgx:directed \"maybe\"",
    "kgx:date \"2025-13\"",
    "kgx:evidence [ kgx:source <urn:kgx:source:s> ] ",
    "rdfs:label ",
    "\"x\"@en",
    "\"1\"^^xsd:integer",
    "\"\"\"long\n\"\"\"",
    "GRAPH <http://example.org/g> { ",
    "<< ex:a ex:p ex:b >> ",
    "\\U0001F600",
    "p:P39 ",
    "ps:P39 ",
    "pq:P580 ",
    "prov:wasDerivedFrom ",
    "wikibase:rank wikibase:DeprecatedRank ",
];

/// The targets, in the order `all` runs them.
const TARGETS: [&str; 11] = [
    "ron", "json", "graphml", "csv", "tsv", "config", "turtle", "ntriples", "nquads", "trig",
    "wikidata",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_else(|| "all".to_owned());
    let mut seconds = 30u64;
    let mut seed = 1u64;
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (flag.as_str(), value) {
            ("--seconds", Some(v)) => seconds = v,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!(
                    "usage: kgx-fuzz [{}|all] [--seconds N] [--seed S]",
                    TARGETS.join("|")
                );
                std::process::exit(2);
            }
        }
    }
    let targets: Vec<&str> = match target.as_str() {
        "all" => TARGETS.to_vec(),
        one if TARGETS.contains(&one) => vec![one],
        other => {
            eprintln!("unknown target {other}");
            std::process::exit(2);
        }
    };
    // Panics are caught and counted; their messages would drown the run.
    panic::set_hook(Box::new(|_| {}));
    let seeds = seeds();
    let mut failed = false;
    for target in targets {
        let budget = Duration::from_secs(seconds);
        let (runs, crashes) = fuzz(target, &seeds, seed, budget);
        println!("{target}: {runs} inputs, {crashes} panics");
        failed |= crashes > 0;
    }
    let _ = std::fs::remove_file(wikidata_file());
    std::process::exit(i32::from(failed));
}

/// Every fixture and the seed graph, and each of them exported in every
/// readable format.
fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<PathBuf> = ["tests/fixtures/formats", "tests/fixtures/rdf"]
        .iter()
        .filter_map(|folder| std::fs::read_dir(root.join(folder)).ok())
        .flat_map(|dir| dir.filter_map(Result::ok).map(|e| e.path()))
        .collect();
    files.push(root.join("data/moscow-talks-2025.ron"));
    let mut seeds: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let graph = kgx::formats::load_graph(kgx::load::Input::Embedded).expect("the seed graph loads");
    for format in [
        Format::Json,
        Format::GraphMl,
        Format::Csv,
        Format::Tsv,
        Format::Turtle,
        Format::NTriples,
    ] {
        if let Ok(text) = formats::write(&graph, format) {
            seeds.push(text.into_bytes());
        }
    }
    seeds.push(b"(mouse: false, theme: \"dark\", keys: {\"x\": \"quit\"})".to_vec());
    seeds
}

/// xorshift64*: small, fast, and the same run for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to eight random edits of `input`.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..=rng.below(8) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => input[at.min(len - 1)] ^= 1 << rng.below(8),
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, token.bytes());
            }
            2 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                input.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(256)).min(len);
                let piece = input[at.min(end)..end].to_vec();
                let to = rng.below(input.len() + 1);
                input.splice(to..to, piece);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            5 if len > 0 => input.truncate(at),
            _ => input.insert(at, rng.next() as u8),
        }
    }
}

/// Mutates seeds for `budget`, feeding each input to `target`; returns
/// how many inputs ran and how many panicked.
fn fuzz(target: &str, seeds: &[Vec<u8>], seed: u64, budget: Duration) -> (u64, u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let started = Instant::now();
    let (mut runs, mut crashes) = (0, 0);
    while started.elapsed() < budget {
        let mut input = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, &mut input, seeds);
        runs += 1;
        let text = String::from_utf8_lossy(&input).into_owned();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(target, &text)));
        if outcome.is_err() {
            crashes += 1;
            let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("crashes");
            let _ = std::fs::create_dir_all(&folder);
            let file = folder.join(format!("{target}-{seed}-{runs}"));
            let _ = std::fs::write(&file, &input);
            eprintln!("{target}: a panic; input saved as {}", file.display());
        }
    }
    (runs, crashes)
}

/// Reads `text` as `target`; what reads is built and written in every
/// format, and every problem rendered, as kgx would.
fn run(target: &str, text: &str) {
    let format = match target {
        "config" => {
            if let Err(error) = kgx::config::parse("fuzz.ron", text) {
                let _ = error.render(false);
            }
            return;
        }
        "ron" => Format::Ron,
        "json" => Format::Json,
        "graphml" => Format::GraphMl,
        "csv" => Format::Csv,
        "tsv" => Format::Tsv,
        "turtle" => Format::Turtle,
        "ntriples" => Format::NTriples,
        "nquads" => Format::NQuads,
        "trig" => Format::TriG,
        _ => return wikidata(text),
    };
    written(formats::read_str("fuzz", text, format));
}

/// Reads `text` as Turtle with the Wikidata profile, which kgx offers only
/// for a file: it goes through one in the temporary folder.
fn wikidata(text: &str) {
    let path = wikidata_file();
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let request = formats::Request {
        profile: formats::Profile::Wikidata,
        lang: Some("de".to_owned()),
        ..formats::Request::from(kgx::load::Input::Path(path))
    };
    written(formats::load(&request));
}

/// The file the `wikidata` target reads through.
fn wikidata_file() -> PathBuf {
    std::env::temp_dir().join(format!("kgx-fuzz-{}.ttl", std::process::id()))
}

/// Builds what read and writes it in every format, or renders the problems.
fn written(read: Result<kgx::model::Dataset, kgx::load::LoadError>) {
    match read {
        Ok(dataset) => {
            if let Ok(graph) = KnowledgeGraph::new(dataset) {
                for format in Format::ALL {
                    let _ = formats::write(&graph, format);
                }
            }
        }
        Err(error) => {
            let _ = error.render(false);
            let _ = error.render(true);
        }
    }
}

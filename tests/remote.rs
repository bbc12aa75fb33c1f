//! `kgx show` and `kgx path` against a real SPARQL endpoint: Oxigraph's
//! server, started by the test on a free port with the seed loaded, gives
//! the same answers as the local file (in the endpoint's order: RDF has
//! none), and a server that is not there gives a clear message.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::binary::{Kgx, kgx, stderr, stdout};

/// The lines of an answer, sorted, with aliases sorted within their line
/// and paths unnumbered: the same answer in any order.
fn sorted_lines(output: &Output) -> Vec<String> {
    let mut lines: Vec<String> = stdout(output)
        .lines()
        .map(|line| match line.split_once("also known as: ") {
            Some((head, aliases)) => {
                let mut aliases: Vec<&str> = aliases.split(", ").collect();
                aliases.sort_unstable();
                format!("{head}also known as: {}", aliases.join(", "))
            }
            // Paths are numbered in the order found.
            None => match line.split_once(". ") {
                Some((number, rest)) if number.parse::<usize>().is_ok() => rest.to_owned(),
                _ => line.to_owned(),
            },
        })
        .collect();
    lines.sort();
    lines
}

/// An Oxigraph server holding the seed, ended by its pid when dropped,
/// its store and scratch folder deleted with it.
struct Server {
    child: Child,
    url: String,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts `oxigraph serve` from the environment `.ci/run` prepares
/// (`KGX_RDF_VENV`), with the seed's Turtle loaded, or the N-Triples
/// `data` gives; `None`, saying why, where there is none.
fn server(test: &str) -> Option<Server> {
    server_with(test, None)
}

/// A server holding `data`: a file name (its extension tells the syntax),
/// its text, and a name on it to ask for until the server answers.
struct Data<'a> {
    file: &'a str,
    text: &'a str,
    probe: &'a str,
}

fn server_with(test: &str, data: Option<Data<'_>>) -> Option<Server> {
    let Some(venv) = std::env::var_os("KGX_RDF_VENV") else {
        eprintln!(
            "skipping {test}: KGX_RDF_VENV is not set (.ci/run sets it; see README, Developing)"
        );
        return None;
    };
    let oxigraph = PathBuf::from(venv).join("bin/oxigraph");
    if !oxigraph.exists() {
        eprintln!(
            "skipping {test}: no {} (pip install oxigraph failed?)",
            oxigraph.display()
        );
        return None;
    }
    let dir = std::env::temp_dir().join(format!("kgx-remote-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let seed = match &data {
        Some(data) => {
            let path = dir.join(data.file);
            std::fs::write(&path, data.text).expect("data written");
            path
        }
        None => {
            let path = dir.join("seed.ttl");
            let export = kgx(&[
                "export",
                "--format",
                "turtle",
                "-o",
                path.to_str().expect("path"),
            ]);
            assert!(export.status.success(), "{export:?}");
            path
        }
    };
    let store = dir.join("store");
    let load = Command::new(&oxigraph)
        .args(["load", "--location"])
        .arg(&store)
        .arg("--file")
        .arg(&seed)
        .output()
        .expect("oxigraph load runs");
    assert!(load.status.success(), "oxigraph load: {load:?}");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(&oxigraph)
        .args(["serve-read-only", "--location"])
        .arg(&store)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}/query"),
        dir: dir.clone(),
    };
    let probe = data.as_ref().map_or("lavrov", |data| data.probe);
    wait_until_answering(&server.url, probe, &dir);
    Some(server)
}

/// Waits until the server answers a query (asked through kgx itself).
fn wait_until_answering(url: &str, probe: &str, dir: &Path) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if std::net::TcpStream::connect(
            url.trim_start_matches("http://").trim_end_matches("/query"),
        )
        .is_ok()
            && kgx(&["show", probe, "--sparql", url]).status.success()
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the Oxigraph server in {} never answered", dir.display());
}

#[test]
fn show_and_path_on_the_endpoint_answer_as_the_local_file() {
    let Some(server) = server("same-answers") else {
        return;
    };
    for actor in [
        "lavrov",
        "Asaad al-Shibani",
        "russia",
        "urn:kgx:actor:assad",
    ] {
        let local_name = actor.trim_start_matches("urn:kgx:actor:");
        let local = kgx(&["show", local_name]);
        let remote = kgx(&["show", actor, "--sparql", &server.url]);
        assert!(remote.status.success(), "{actor}: {}", stderr(&remote));
        assert_eq!(sorted_lines(&remote), sorted_lines(&local), "show {actor}");
    }
    // Every shortest path, since which five of many are shown depends on
    // the order of relations, which an endpoint does not keep.
    for (from, to) in [("lavrov", "rubio"), ("assad", "opcw"), ("tass", "israel")] {
        let local = kgx(&["path", from, to, "--all"]);
        let remote = kgx(&["path", from, to, "--all", "--sparql", &server.url]);
        assert_eq!(
            remote.status.code(),
            local.status.code(),
            "{}",
            stderr(&remote)
        );
        assert_eq!(
            sorted_lines(&remote),
            sorted_lines(&local),
            "path {from} {to}"
        );
    }
    let json = kgx(&["show", "lavrov", "--json", "--sparql", &server.url]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["actor"]["id"], "lavrov");
}

#[test]
fn names_the_endpoint_does_not_know_are_reported() {
    let Some(server) = server("unknown") else {
        return;
    };
    let output = kgx(&["show", "no such actor anywhere", "--sparql", &server.url]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is named \"no such actor anywhere\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_endpoint_that_is_not_there_gives_a_clear_message() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://127.0.0.1:{port}/query");
    let output = kgx(&["show", "lavrov", "--sparql", &url]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains(&url) && errors.contains("cannot be reached"),
        "{errors}"
    );
    let output = kgx(&["show", "lavrov", "--sparql", "ftp://example.org/sparql"]);
    assert!(stderr(&output).contains("must start with http:// or https://"));
}

#[test]
fn a_hub_of_100k_edges_shows_its_first_page_and_how_much_there_is() {
    let mut triples = String::from(
        "<http://example.org/hub> <http://www.w3.org/2000/01/rdf-schema#label> \"The Hub\" .\n",
    );
    for n in 0..60_000 {
        triples.push_str(&format!(
            "<http://example.org/hub> <http://example.org/knows> <http://example.org/n{n}> .\n"
        ));
    }
    for n in 60_000..100_000 {
        triples.push_str(&format!(
            "<http://example.org/n{n}> <http://example.org/follows> <http://example.org/hub> .\n"
        ));
    }
    let data = Data {
        file: "hub.nt",
        text: &triples,
        probe: "http://example.org/n1",
    };
    let Some(server) = server_with("hub", Some(data)) else {
        return;
    };
    let started = Instant::now();
    let output = kgx(&["show", "The Hub", "--json", "--sparql", &server.url]);
    // A figure, not an assertion: the time depends on the machine.
    eprintln!(
        "a hub of 100 000 edges: first page and count in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("takes part in 100001 triples on")
            && errors.contains("first page of 10000"),
        "{errors}"
    );
    let shown: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let relations = shown["relations"].as_array().expect("relations").len();
    let named = shown["actor"]["name"] == "The Hub";
    assert_eq!(
        relations + usize::from(named),
        10_000,
        "one page of triples: the hub's name (if on it) and its links"
    );
}

#[test]
fn timeline_stats_and_export_work_on_a_neighbourhood_of_the_endpoint() {
    let Some(server) = server("around") else {
        return;
    };
    for actor in ["lavrov", "russia", "assad"] {
        let local = kgx(&["timeline", "--actor", actor]);
        let remote = kgx(&["timeline", "--actor", actor, "--sparql", &server.url]);
        assert!(remote.status.success(), "{actor}: {}", stderr(&remote));
        assert_eq!(
            sorted_lines(&remote),
            sorted_lines(&local),
            "timeline {actor}"
        );
    }

    // Lavrov's relations (6 of his own) with his neighbours, counted.
    let stats = kgx(&[
        "stats",
        "--json",
        "--sparql",
        &server.url,
        "--around",
        "lavrov",
    ]);
    assert!(stats.status.success(), "{}", stderr(&stats));
    let counted: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("JSON");
    let shown: serde_json::Value =
        serde_json::from_slice(&kgx(&["show", "lavrov", "--json"]).stdout).expect("JSON");
    assert_eq!(
        counted["relations"].as_u64(),
        Some(shown["relations"].as_array().expect("relations").len() as u64)
    );
    assert_eq!(counted["most_connected"][0]["id"], "lavrov");

    // The exported neighbourhood shows the actor as the whole file does.
    let dir = std::env::temp_dir().join(format!("kgx-remote-{}-export", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join("lavrov.ttl");
    let _ = std::fs::remove_file(&file);
    let path = file.to_str().expect("path");
    let export = kgx(&[
        "export",
        "--format",
        "turtle",
        "-o",
        path,
        "--sparql",
        &server.url,
        "--around",
        "lavrov",
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert_eq!(
        sorted_lines(&kgx(&["show", "lavrov", path])),
        sorted_lines(&kgx(&["show", "lavrov"]))
    );
}

#[test]
fn an_endpoint_is_never_asked_for_the_whole_graph() {
    let url = "http://127.0.0.1:9/query";
    for (args, needs) in [
        (&["stats", "--sparql", url][..], "kgx stats --around ACTOR"),
        (&["timeline", "--sparql", url], "kgx timeline --actor ACTOR"),
        (
            &["export", "--format", "ron", "--sparql", url],
            "kgx export --around ACTOR",
        ),
    ] {
        let output = kgx(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let errors = stderr(&output);
        assert!(
            errors.contains(needs) && errors.contains("one actor's neighbourhood at a time"),
            "{errors}"
        );
    }
    let output = kgx(&["stats", "--around", "lavrov"]);
    assert_eq!(output.status.code(), Some(2), "--around needs --sparql");
    let output = kgx(&["path", "a", "b", "--directed", "--sparql", url]);
    assert_eq!(output.status.code(), Some(2), "--directed needs a file");
}

/// A one-request HTTP server on a free port that answers one triple and
/// hands back the request's head (request line and headers).
fn recording_listener() -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("address").port();
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            head.push_str(&line);
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let answer =
            "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n";
        let _ = write!(
            reader.get_mut(),
            "HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
            answer.len()
        );
        let _ = sender.send(head);
    });
    (format!("http://127.0.0.1:{port}/sparql"), received)
}

/// The request head a listener received, or a failure after a while.
fn head_of(received: &std::sync::mpsc::Receiver<String>) -> String {
    received
        .recv_timeout(Duration::from_secs(30))
        .expect("the listener got a request")
}

#[test]
fn the_config_gives_the_user_agent_and_each_endpoint_its_own_headers() {
    let dir = std::env::temp_dir().join(format!("kgx-remote-{}-headers", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let (url, received) = recording_listener();
    let config = dir.join("config.ron");
    std::fs::write(
        &config,
        format!(
            r#"(sparql: (
                user_agent: "kgx-tests/1.0 (tests@example.org)",
                headers: {{
                    "{}": {{"Authorization": "Bearer secret-1", "X-Project": "kgx"}},
                    "https://elsewhere.example/": {{"Authorization": "Bearer not-for-this-one"}},
                }},
            ))"#,
            url.trim_end_matches("sparql")
        ),
    )
    .expect("config written");
    let config = config.to_str().expect("path");
    let output = kgx(&[
        "show",
        "http://example.org/a",
        "--sparql",
        &url,
        "--config",
        config,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("A · Node"));
    let head = head_of(&received).to_ascii_lowercase();
    assert!(head.starts_with("post /sparql "), "{head}");
    assert!(
        head.contains("\r\nuser-agent: kgx-tests/1.0 (tests@example.org)\r\n"),
        "{head}"
    );
    assert!(
        head.contains("\r\nauthorization: bearer secret-1\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\nx-project: kgx\r\n"), "{head}");
    assert!(!head.contains("not-for-this-one"), "{head}");
    assert!(
        head.contains("\r\naccept: application/n-triples, text/turtle;q=0.9\r\n"),
        "{head}"
    );

    // Without a config, kgx says who it is.
    let (url, received) = recording_listener();
    let output = Kgx::new(&["show", "http://example.org/a", "--sparql", &url])
        .env("HOME", &dir)
        .env("XDG_CONFIG_HOME", &dir)
        .run();
    assert!(output.status.success(), "{}", stderr(&output));
    let head = head_of(&received).to_ascii_lowercase();
    assert!(
        head.contains(&format!(
            "\r\nuser-agent: kgx/{} (",
            env!("CARGO_PKG_VERSION")
        )),
        "{head}"
    );
    assert!(!head.contains("authorization"), "{head}");
}

#[test]
fn a_header_that_would_forge_another_is_refused_where_it_is_written() {
    let dir = std::env::temp_dir().join(format!("kgx-remote-{}-bad-header", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let config = dir.join("config.ron");
    std::fs::write(
        &config,
        "(\n  sparql: (\n    headers: {\"https://graph.example.org/\": {\"X-Token\": \"a\\r\\nHost: evil\", \"Bad Name\": \"b\"}},\n  ),\n)\n",
    )
    .expect("config written");
    let config = config.to_str().expect("path");
    let check = kgx(&["config", "--config", config]);
    assert_eq!(check.status.code(), Some(1));
    let errors = stderr(&check);
    assert!(
        errors.contains("the value of the header \"X-Token\" holds a control character")
            && errors.contains("\"Bad Name\" is not an HTTP header name")
            && errors.contains("config.ron:3:"),
        "{errors}"
    );
    let show = kgx(&[
        "show",
        "lavrov",
        "--sparql",
        "https://graph.example.org/sparql",
        "--config",
        config,
    ]);
    assert_eq!(show.status.code(), Some(1));
    assert!(stderr(&show).contains("X-Token"), "{}", stderr(&show));
}

#[test]
fn the_wikidata_profile_reads_an_endpoint_as_it_reads_the_file() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rdf/wikidata.ttl"
    );
    let turtle = std::fs::read_to_string(fixture).expect("fixture");
    let data = Data {
        file: "wikidata.ttl",
        text: &turtle,
        probe: "Ada Example",
    };
    let Some(server) = server_with("wikidata", Some(data)) else {
        return;
    };
    let profile = ["--profile", "wikidata", "--lang", "en"];
    let remote = kgx(&[
        &["show", "wd:Q90001", "--sparql", &server.url][..],
        &profile,
    ]
    .concat());
    assert!(remote.status.success(), "{}", stderr(&remote));
    let local = kgx(&[&["show", "wd:Q90001", fixture][..], &profile].concat());
    // The endpoint is asked for names in the wanted language and English.
    let mut local = sorted_lines(&local);
    local.retain(|line| !line.ends_with("@de"));
    assert_eq!(sorted_lines(&remote), local);
    let shown = stdout(&remote);
    assert!(
        shown.contains("→ position held → Ambassador to Nowhere [wd:Q90011]  · 1999-05 · Disputed")
            && shown.contains("· 2004-03-09..2024 · Reported"),
        "{shown}"
    );

    let timeline = kgx(&[
        &[
            "timeline",
            "--actor",
            "Bob Example",
            "--sparql",
            &server.url,
        ][..],
        &profile,
    ]
    .concat());
    assert!(
        stdout(&timeline).contains("2010..  Bob Example → spouse → Ada Example"),
        "{}",
        stdout(&timeline)
    );

    let path = kgx(&[
        &[
            "path",
            "Bob Example",
            "Exampleland",
            "--sparql",
            &server.url,
        ][..],
        &profile,
    ]
    .concat());
    assert!(path.status.success(), "{}", stderr(&path));
    let found = stdout(&path);
    assert!(
        found.contains("spouse")
            && found.contains("country of citizenship")
            && found.contains("2010.."),
        "{found}"
    );
}

#[test]
fn a_server_killed_mid_session_gives_a_clear_message_and_no_hang() {
    let Some(mut server) = server("killed") else {
        return;
    };
    let first = kgx(&["show", "lavrov", "--sparql", &server.url]);
    assert!(first.status.success(), "{}", stderr(&first));
    server.child.kill().expect("the server ends");
    server.child.wait().expect("the server is gone");
    let started = Instant::now();
    for args in [
        &["show", "lavrov", "--sparql", &server.url][..],
        &["path", "lavrov", "rubio", "--sparql", &server.url],
        &["stats", "--around", "lavrov", "--sparql", &server.url],
    ] {
        let output = kgx(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let errors = stderr(&output);
        assert!(
            errors.contains(&server.url) && errors.contains("cannot be reached"),
            "{errors}"
        );
    }
    eprintln!(
        "three commands against a dead server ended in {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn a_server_that_dies_in_the_middle_of_an_answer_gives_a_clear_message() {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://127.0.0.1:{}/sparql",
        listener.local_addr().expect("address").port()
    );
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0; 4096];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nContent-Length: 5000\r\n\r\n<http://example.org/a> <http://exa",
            );
            // Dropping the stream closes the connection half-way.
        }
    });
    let output = kgx(&["show", "http://example.org/a", "--sparql", &url]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains(&url)
            && errors.contains("closed the connection before its answer was complete"),
        "{errors}"
    );
}

/// A server that answers its first query `429` with `Retry-After:
/// {retry_after}` and every later one with one labelled resource, and
/// counts the queries it was sent.
fn busy_server(
    retry_after: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://127.0.0.1:{}/sparql",
        listener.local_addr().expect("address").port()
    );
    let asked = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&asked);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0; 8192];
            let _ = stream.read(&mut request);
            let reply = if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                format!(
                    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: {retry_after}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy"
                )
            } else {
                let body = "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"Alpha\" .\n\
                            <http://example.org/a> <http://example.org/knows> <http://example.org/b> .\n";
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            };
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (url, asked)
}

#[test]
fn a_busy_endpoint_is_waited_for_as_its_retry_after_asks_then_asked_once_more() {
    let (url, asked) = busy_server("1");
    let started = Instant::now();
    let output = kgx(&["show", "http://example.org/a", "--sparql", &url]);
    let errors = stderr(&output);
    assert!(output.status.success(), "{errors}");
    assert!(
        errors.contains("HTTP 429 (too many requests)") && errors.contains("asks kgx to wait 1 s"),
        "{errors}"
    );
    assert!(stdout(&output).contains("Alpha"));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "kgx waited as asked"
    );
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn a_busy_endpoint_asking_for_too_long_a_wait_is_not_asked_again() {
    let (url, asked) = busy_server("86400");
    let output = kgx(&["show", "http://example.org/a", "--sparql", &url]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains(&url)
            && errors.contains("wait 86400 s")
            && errors.contains("try again later"),
        "{errors}"
    );
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn the_config_chooses_qlevers_text_search_for_names() {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://127.0.0.1:{}/sparql",
        listener.local_addr().expect("address").port()
    );
    let (sent, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = Vec::new();
            let mut chunk = [0; 8192];
            // The whole request: headers, then the form of Content-Length bytes.
            while let Ok(read) = stream.read(&mut chunk) {
                request.extend_from_slice(&chunk[..read]);
                let text = String::from_utf8_lossy(&request).into_owned();
                let Some((head, body)) = text.split_once("\r\n\r\n") else {
                    continue;
                };
                let length = head
                    .lines()
                    .find_map(|line| {
                        line.to_ascii_lowercase()
                            .strip_prefix("content-length: ")
                            .map(str::to_owned)
                    })
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if read == 0 || body.len() >= length {
                    let _ = sent.send(body.to_owned());
                    break;
                }
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let dir = std::env::temp_dir().join(format!("kgx-text-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let config = dir.join("config.ron");
    std::fs::write(&config, "(sparql: (text_search: \"qlever\"))").expect("config written");
    let config = config.to_str().expect("a UTF-8 path");
    let output = kgx(&["show", "Sergei Lav", "--sparql", &url, "--config", config]);
    assert_eq!(output.status.code(), Some(1), "nothing is named so");
    let queries: Vec<String> = received.try_iter().collect();
    let searched = queries
        .iter()
        .filter(|query| query.contains("contains-word"))
        .count();
    assert_eq!(
        searched, 2,
        "the whole name, then a part, from the text index: {queries:?}"
    );
    assert!(
        queries
            .iter()
            .all(|query| !query.contains("CONTAINS%28LCASE")),
        "no scan of every name: {queries:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Lines of the terminal's screen, for messages in the status line.
fn shows(session: &common::terminal::Session, text: &str) -> bool {
    session.screen().contains(text)
}

#[test]
fn the_explorer_grows_its_graph_from_the_endpoint_and_outlives_it() {
    let Some(mut server) = server("explorer") else {
        return;
    };
    let mut session = common::terminal::Session::start(&["--sparql", &server.url, "lavrov"]);
    session.wait_for("Lavrov's neighbourhood", |s| {
        shows(s, "Sergey Lavrov") && shows(s, "Outgoing (6)")
    });

    // A local match at once; focusing it fetches its neighbourhood (its
    // aliases come only with its own description).
    session.type_keys("/Syria\r");
    session.wait_for("Syria's neighbourhood", |s| {
        shows(s, "Syrian Arab Republic") && shows(s, "Incoming (13)")
    });

    // Rubio is not in the local graph: the endpoint finds him by name.
    session.type_keys("\x1b");
    session.wait_for("the filter cleared", |s| shows(s, "/ to filter"));
    session.type_keys("/rubio");
    session.wait_for("the endpoint's match", |s| shows(s, "Marco Rubio"));
    session.type_keys("\r");
    session.wait_for("Rubio's neighbourhood", |s| {
        shows(s, "US Secretary of State")
    });

    // The server goes away: the next fetch fails with a message, and the
    // explorer goes on with what it has.
    server.child.kill().expect("the server ends");
    server.child.wait().expect("the server is gone");
    session.type_keys("\t\r");
    session.wait_for("the failure in the status line", |s| {
        shows(s, "cannot be reached")
    });
    session.type_keys("\x7f");
    session.wait_for("Rubio again, from what was fetched", |s| {
        shows(s, "US Secretary of State")
    });
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_slow_endpoint_shows_a_spinner_and_esc_cancels() {
    // A server that takes the request and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://127.0.0.1:{}/sparql",
        listener.local_addr().expect("address").port()
    );
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept() {
            held.push(stream);
        }
    });
    let mut session = common::terminal::Session::start(&["--sparql", &url, "lavrov"]);
    session.wait_for("the spinner", |s| {
        shows(s, "asking") && shows(s, "about lavrov · Esc cancels")
    });
    session.type_keys("\x1b");
    session.wait_for("the cancellation", |s| shows(s, "cancelled"));
    session.type_keys("q");
    assert_eq!(session.wait_exit(), 0);
}

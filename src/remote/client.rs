//! Asking a SPARQL 1.1 endpoint over HTTP: CONSTRUCT queries answered as
//! N-Triples or Turtle, with a timeout, a cap on the answer's size, a bounded cache,
//! and errors that say what went wrong in a person's terms.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oxrdf::Triple;
use oxttl::TurtleParser;

use super::cache::Cache;
use crate::formats::Profile;

/// How long one query may take before kgx gives up on it.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer read, so a runaway query cannot exhaust memory.
const MAX_ANSWER: u64 = 256 * 1024 * 1024;
/// How much the session cache keeps.
const CACHE_BUDGET: usize = 64 * 1024 * 1024;

/// Why a remote query failed, in words for the person who asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteError(pub String);

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RemoteError {}

/// What every request to an endpoint carries, and how long it may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    /// The User-Agent header.
    pub user_agent: String,
    /// Other headers (a token, say), sent as they are.
    pub headers: Vec<(String, String)>,
    /// How long one query may take.
    pub timeout: Duration,
}

impl Default for Access {
    fn default() -> Self {
        Access {
            user_agent: default_user_agent(),
            headers: Vec::new(),
            timeout: TIMEOUT,
        }
    }
}

/// `kgx/VERSION (+repository)`, as public endpoints' policies ask: it
/// names the tool and where to learn about it (without a repository in
/// Cargo.toml, a description instead).
pub fn default_user_agent() -> String {
    let about = match env!("CARGO_PKG_REPOSITORY") {
        "" => "terminal knowledge-graph explorer".to_owned(),
        repository => format!("+{repository}"),
    };
    format!("kgx/{} ({about})", env!("CARGO_PKG_VERSION"))
}

/// A SPARQL endpoint and the session's cache of its answers. Clones share
/// the cache and the connections, so workers can ask at the same time.
#[derive(Clone)]
pub struct Endpoint {
    url: String,
    agent: ureq::Agent,
    headers: Vec<(String, String)>,
    timeout: Duration,
    cache: Arc<Mutex<Cache>>,
    /// How answers are read: names' language and the mapping profile.
    lang: Option<String>,
    profile: Profile,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &self.url)
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// An endpoint at an `http://` or `https://` URL.
    pub fn new(url: &str, access: Access) -> Result<Self, RemoteError> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(RemoteError(format!(
                "\"{url}\" is not a SPARQL endpoint URL: it must start with http:// or https://"
            )));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(access.timeout))
            .http_status_as_error(false)
            .user_agent(access.user_agent)
            .build()
            .into();
        Ok(Endpoint {
            url: url.to_owned(),
            agent,
            headers: access.headers,
            timeout: access.timeout,
            cache: Arc::new(Mutex::new(Cache::new(CACHE_BUDGET))),
            lang: None,
            profile: Profile::Generic,
        })
    }

    /// Reads answers taking names in `lang` and mapping them by `profile`.
    pub fn reading(mut self, lang: Option<String>, profile: Profile) -> Self {
        self.lang = lang;
        self.profile = profile;
        self
    }

    /// The language names are taken in.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// How answers map onto actors and relations.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The N-Triples answer to a CONSTRUCT query, from the cache when it
    /// was asked before.
    pub fn construct(&mut self, query: &str) -> Result<Arc<str>, RemoteError> {
        if let Some(answer) = self.cached(query) {
            return Ok(answer);
        }
        let failed = |what: String| RemoteError(format!("the SPARQL endpoint {} {what}", self.url));
        let mut request = self
            .agent
            .post(&self.url)
            // N-Triples where the engine has it; QLever answers CONSTRUCT
            // in Turtle only, which the Turtle parser reads as well.
            .header("Accept", "application/n-triples, text/turtle;q=0.9");
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let mut response = request
            .send_form([("query", query)])
            .map_err(|err| failed(describe(&err, self.timeout)))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|err| failed(describe(&err, self.timeout)))?;
        if status != 200 {
            let said: String = body.trim().chars().take(300).collect();
            return Err(failed(format!("answered HTTP {status}: {said}")));
        }
        let answer: Arc<str> = Arc::from(body);
        if let Ok(mut cache) = self.cache.lock() {
            cache.put(query.to_owned(), answer.clone());
        }
        Ok(answer)
    }

    fn cached(&self, query: &str) -> Option<Arc<str>> {
        self.cache.lock().ok()?.get(query)
    }

    /// The triples a CONSTRUCT query answers with.
    pub fn triples(&mut self, query: &str) -> Result<Vec<Triple>, RemoteError> {
        let answer = self.construct(query)?;
        TurtleParser::new()
            .for_slice(answer.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| {
                RemoteError(format!(
                    "the SPARQL endpoint {} sent RDF kgx cannot read: {err}",
                    self.url
                ))
            })
    }
}

fn describe(error: &ureq::Error, timeout: Duration) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("did not answer within {} s", timeout.as_secs()),
        ureq::Error::HostNotFound => "cannot be found (no such host)".to_owned(),
        ureq::Error::ConnectionFailed => "cannot be reached (connection refused)".to_owned(),
        ureq::Error::Io(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => {
            "cannot be reached (connection refused): is the server running?".to_owned()
        }
        ureq::Error::Io(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
            ) =>
        {
            "closed the connection before its answer was complete: did the server stop?".to_owned()
        }
        ureq::Error::Io(error) => format!("cannot be reached: {error}"),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("sent an answer over {} MB", MAX_ANSWER / 1024 / 1024)
        }
        other => format!("failed: {other}"),
    }
}

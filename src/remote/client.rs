//! Asking a SPARQL 1.1 endpoint over HTTP: CONSTRUCT queries answered as
//! N-Triples or Turtle, with a timeout, a cap on the answer's size, a bounded cache,
//! and errors that say what went wrong in a person's terms.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use oxrdf::Triple;
use oxttl::TurtleParser;

use super::cache::Cache;
use super::query::TextSearch;
use crate::formats::Profile;
use crate::graph::Progress;

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
    /// How names are looked up (the config's `sparql.text_search`).
    pub text_search: TextSearch,
}

impl Default for Access {
    fn default() -> Self {
        Access {
            user_agent: default_user_agent(),
            headers: Vec::new(),
            timeout: TIMEOUT,
            text_search: TextSearch::default(),
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

/// The longest wait an endpoint's `Retry-After` is honoured for: asked to
/// wait longer, kgx gives up and says when to try again.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// An endpoint's reply, before kgx reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, as sent.
    pub retry_after: Option<String>,
    /// The body.
    pub body: String,
}

/// What carries a query to the endpoint and how kgx waits on it: HTTP and
/// the clock, or in tests a stand-in for both, so the retry rules can be
/// tried without a server or a sleep.
pub(crate) trait Transport: Send + Sync {
    /// Posts `query` to `url` with `headers`; what went wrong, in words,
    /// when no reply came.
    fn post(&self, url: &str, headers: &[(String, String)], query: &str) -> Result<Reply, String>;

    /// Waits `duration`, or less when `cancel` is cancelled meanwhile;
    /// `false` when it was.
    fn pause(&self, duration: Duration, cancel: Option<&Progress>) -> bool {
        let until = Instant::now() + duration;
        loop {
            if cancel.is_some_and(Progress::is_cancelled) {
                return false;
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
    }
}

/// SPARQL over HTTP with ureq.
struct Http {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Transport for Http {
    fn post(&self, url: &str, headers: &[(String, String)], query: &str) -> Result<Reply, String> {
        let mut request = self
            .agent
            .post(url)
            // N-Triples where the engine has it; QLever answers CONSTRUCT
            // in Turtle only, which the Turtle parser reads as well.
            .header("Accept", "application/n-triples, text/turtle;q=0.9");
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let mut response = request
            .send_form([("query", query)])
            .map_err(|err| describe(&err, self.timeout))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|err| describe(&err, self.timeout))?;
        Ok(Reply {
            status,
            retry_after,
            body,
        })
    }
}

/// Something told while a query waits: why, in words.
type Tell = Arc<dyn Fn(&str) + Send + Sync>;

/// A SPARQL endpoint and the session's cache of its answers. Clones share
/// the cache and the connections, so workers can ask at the same time.
#[derive(Clone)]
pub struct Endpoint {
    url: String,
    transport: Arc<dyn Transport>,
    headers: Vec<(String, String)>,
    cache: Arc<Mutex<Cache>>,
    /// How answers are read: names' language and the mapping profile.
    lang: Option<String>,
    profile: Profile,
    /// How the `/` filter and names typed are looked up.
    text_search: TextSearch,
    /// Once cancelled, nothing more is sent and a wait ends.
    cancel: Option<Arc<Progress>>,
    /// Told when kgx waits because the endpoint asked it to.
    tell: Option<Tell>,
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
        let http = Http {
            agent,
            timeout: access.timeout,
        };
        Ok(Endpoint::carried_by(url, Arc::new(http), access.headers).searching(access.text_search))
    }

    /// An endpoint reached through `transport`.
    pub(crate) fn carried_by(
        url: &str,
        transport: Arc<dyn Transport>,
        headers: Vec<(String, String)>,
    ) -> Endpoint {
        Endpoint {
            url: url.to_owned(),
            transport,
            headers,
            cache: Arc::new(Mutex::new(Cache::new(CACHE_BUDGET))),
            lang: None,
            profile: Profile::Generic,
            text_search: TextSearch::default(),
            cancel: None,
            tell: None,
        }
    }

    /// Reads answers taking names in `lang` and mapping them by `profile`.
    pub fn reading(mut self, lang: Option<String>, profile: Profile) -> Self {
        self.lang = lang;
        self.profile = profile;
        self
    }

    /// Looks names up with `text_search`.
    pub fn searching(mut self, text_search: TextSearch) -> Self {
        self.text_search = text_search;
        self
    }

    /// Sends nothing more once `progress` is cancelled: a question
    /// superseded before it went out is never sent, and a wait the
    /// endpoint asked for ends at once.
    pub fn cancelled_by(mut self, progress: Arc<Progress>) -> Self {
        self.cancel = Some(progress);
        self
    }

    /// Tells `tell` when kgx waits because the endpoint asked it to (a
    /// 429 or 503 with `Retry-After`), so the person knows why nothing comes.
    pub fn telling(mut self, tell: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.tell = Some(Arc::new(tell));
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

    /// How names are looked up.
    pub fn text_search(&self) -> TextSearch {
        self.text_search
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The N-Triples answer to a CONSTRUCT query, from the cache when it
    /// was asked before. A 429 or 503 with a `Retry-After` of at most
    /// [`MAX_WAIT`] is waited out and the query sent once more, as public
    /// endpoints ask (the Wikidata Query Service bans clients that do not).
    pub fn construct(&mut self, query: &str) -> Result<Arc<str>, RemoteError> {
        if let Some(answer) = self.cached(query) {
            return Ok(answer);
        }
        let failed = |what: String| RemoteError(format!("the SPARQL endpoint {} {what}", self.url));
        let cancelled = || RemoteError(format!("the question to {} was cancelled", self.url));
        let cancel = self.cancel.as_deref();
        if cancel.is_some_and(Progress::is_cancelled) {
            return Err(cancelled());
        }
        let mut reply = self
            .transport
            .post(&self.url, &self.headers, query)
            .map_err(&failed)?;
        let mut waited = None;
        if let Some(wait) = asked_to_wait(&reply, SystemTime::now()) {
            let status = status_name(reply.status);
            if wait > MAX_WAIT {
                return Err(failed(format!(
                    "is busy ({status}) and asks kgx to wait {} s, longer than the {} s kgx waits: try again later",
                    wait.as_secs(),
                    MAX_WAIT.as_secs()
                )));
            }
            if let Some(tell) = &self.tell {
                tell(&format!(
                    "{} is busy ({status}) and asks kgx to wait {} s; asking once more then",
                    self.url,
                    seconds(wait)
                ));
            }
            if !self.transport.pause(wait, cancel) {
                return Err(cancelled());
            }
            waited = Some(wait);
            reply = self
                .transport
                .post(&self.url, &self.headers, query)
                .map_err(&failed)?;
        }
        if reply.status != 200 {
            let said: String = reply.body.trim().chars().take(300).collect();
            let again = match waited {
                Some(wait) => format!(" after kgx waited {} s as it asked", seconds(wait)),
                None => String::new(),
            };
            return Err(failed(format!(
                "answered {}{again}: {said}",
                status_name(reply.status)
            )));
        }
        let answer: Arc<str> = Arc::from(reply.body);
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

/// A wait in whole seconds, at least one, for messages.
fn seconds(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

/// `HTTP 429 (too many requests)`: the status and, for the ones an
/// endpoint sends when busy, what it means.
fn status_name(status: u16) -> String {
    match status {
        429 => "HTTP 429 (too many requests)".to_owned(),
        503 => "HTTP 503 (service unavailable)".to_owned(),
        other => format!("HTTP {other}"),
    }
}

/// How long a 429 or 503 asks kgx to wait before asking again: its
/// `Retry-After` in seconds or as an HTTP date; `None` for other replies
/// and for a header kgx cannot read (then the reply is an error).
fn asked_to_wait(reply: &Reply, now: SystemTime) -> Option<Duration> {
    if !matches!(reply.status, 429 | 503) {
        return None;
    }
    let value = reply.retry_after.as_deref()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's preferred
/// form) as a time.
fn http_date(text: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = text.split_ascii_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let clock: Vec<i64> = time
        .split(':')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [hour, minute, second] = clock.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || *hour > 23 || *minute > 59 || *second > 60 {
        return None;
    }
    // Days since 1970-01-01 of a Gregorian date (Howard Hinnant's
    // days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let of_era = y - era * 400;
    let of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let of_cycle = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    let days = era * 146_097 + of_cycle - 719_468;
    let since = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(since).ok()?))
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

/// A stand-in for the endpoint and the clock in tests: replies in turn (the
/// last one again once they run out), the queries it was sent, and the
/// waits asked of it, which take no time.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Scripted {
    replies: Mutex<std::collections::VecDeque<Reply>>,
    /// Every query posted, in order.
    pub asked: Mutex<Vec<String>>,
    /// Every wait asked for, in order.
    pub paused: Mutex<Vec<Duration>>,
}

#[cfg(test)]
impl Endpoint {
    /// An endpoint at `url` answered by `transport`.
    pub(crate) fn scripted(url: &str, transport: &Arc<Scripted>) -> Endpoint {
        let carrier: Arc<dyn Transport> = transport.clone();
        Endpoint::carried_by(url, carrier, Vec::new())
    }
}

#[cfg(test)]
impl Scripted {
    /// Answers with `replies` in turn.
    pub fn replying(replies: impl IntoIterator<Item = Reply>) -> Arc<Scripted> {
        Arc::new(Scripted {
            replies: Mutex::new(replies.into_iter().collect()),
            ..Scripted::default()
        })
    }

    /// How many queries were posted.
    pub fn posts(&self) -> usize {
        self.asked.lock().map_or(0, |asked| asked.len())
    }
}

#[cfg(test)]
impl Transport for Scripted {
    fn post(&self, _: &str, _: &[(String, String)], query: &str) -> Result<Reply, String> {
        self.asked
            .lock()
            .map_err(|_| "poisoned".to_owned())?
            .push(query.to_owned());
        let mut replies = self.replies.lock().map_err(|_| "poisoned".to_owned())?;
        match replies.len() {
            0 => Err("has no reply scripted".to_owned()),
            1 => Ok(replies[0].clone()),
            _ => Ok(replies.pop_front().unwrap_or_else(|| unreachable!())),
        }
    }

    fn pause(&self, duration: Duration, cancel: Option<&Progress>) -> bool {
        if let Ok(mut paused) = self.paused.lock() {
            paused.push(duration);
        }
        !cancel.is_some_and(Progress::is_cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, retry_after: Option<&str>, body: &str) -> Reply {
        Reply {
            status,
            retry_after: retry_after.map(str::to_owned),
            body: body.to_owned(),
        }
    }

    const TRIPLE: &str = "<http://x/a> <http://x/p> <http://x/b> .\n";

    fn endpoint(transport: &Arc<Scripted>) -> Endpoint {
        Endpoint::scripted("http://example.org/sparql", transport)
    }

    #[test]
    fn a_busy_endpoint_is_waited_for_as_it_asks_then_asked_once_more() {
        let transport =
            Scripted::replying([reply(429, Some("7"), "slow down"), reply(200, None, TRIPLE)]);
        let told = Arc::new(Mutex::new(Vec::<String>::new()));
        let heard = Arc::clone(&told);
        let mut endpoint = endpoint(&transport).telling(move |note| {
            heard.lock().unwrap().push(note.to_owned());
        });
        let answer = endpoint.construct("Q").unwrap();
        assert_eq!(&*answer, TRIPLE);
        assert_eq!(transport.posts(), 2);
        assert_eq!(*transport.paused.lock().unwrap(), [Duration::from_secs(7)]);
        let told = told.lock().unwrap();
        assert_eq!(told.len(), 1);
        assert!(
            told[0].contains("HTTP 429 (too many requests)") && told[0].contains("wait 7 s"),
            "{told:?}"
        );
    }

    #[test]
    fn a_second_refusal_is_an_error_not_another_wait() {
        let transport = Scripted::replying([reply(503, Some("2"), "busy")]);
        let error = endpoint(&transport).construct("Q").unwrap_err();
        assert_eq!(transport.posts(), 2, "asked once more, then no more");
        assert_eq!(transport.paused.lock().unwrap().len(), 1);
        assert!(
            error.0.contains("HTTP 503") && error.0.contains("after kgx waited 2 s"),
            "{error}"
        );
    }

    #[test]
    fn a_wait_longer_than_the_cap_is_not_waited_and_says_so() {
        let transport = Scripted::replying([reply(429, Some("3600"), "")]);
        let error = endpoint(&transport).construct("Q").unwrap_err();
        assert_eq!(transport.posts(), 1);
        assert!(transport.paused.lock().unwrap().is_empty());
        assert!(
            error.0.contains("wait 3600 s") && error.0.contains("try again later"),
            "{error}"
        );
    }

    #[test]
    fn a_refusal_without_retry_after_is_an_error_at_once() {
        let transport = Scripted::replying([reply(429, None, "no"), reply(200, None, TRIPLE)]);
        let error = endpoint(&transport).construct("Q").unwrap_err();
        assert_eq!(transport.posts(), 1);
        assert!(error.0.contains("answered HTTP 429"), "{error}");
    }

    #[test]
    fn a_cancelled_question_is_never_sent_and_a_wait_ends_with_it() {
        let transport = Scripted::replying([reply(200, None, TRIPLE)]);
        let progress = Arc::new(Progress::default());
        progress.cancel();
        let error = endpoint(&transport)
            .cancelled_by(progress)
            .construct("Q")
            .unwrap_err();
        assert_eq!(transport.posts(), 0);
        assert!(error.0.contains("cancelled"), "{error}");

        let transport = Scripted::replying([reply(429, Some("5"), ""), reply(200, None, TRIPLE)]);
        let progress = Arc::new(Progress::default());
        let stop = Arc::clone(&progress);
        let mut endpoint = endpoint(&transport)
            .cancelled_by(progress)
            .telling(move |_| stop.cancel());
        assert!(endpoint.construct("Q").is_err());
        assert_eq!(
            transport.posts(),
            1,
            "cancelled while waiting: not asked again"
        );
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_as_an_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let at = |value: &str| asked_to_wait(&reply(503, Some(value), ""), now);
        assert_eq!(at("12"), Some(Duration::from_secs(12)));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        assert_eq!(
            at("Sun, 06 Nov 1994 08:50:07 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(at("Sun, 06 Nov 1994 08:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(
            at("Thu, 29 Feb 2024 00:00:00 GMT").map(|d| d.as_secs() > 0),
            Some(true)
        );
        assert_eq!(at("soon"), None);
        assert_eq!(asked_to_wait(&reply(500, Some("5"), ""), now), None);
    }
}

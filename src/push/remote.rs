//! The remote store and the requests a push sends it (ureq): one per graph, retried with
//! backoff on server errors (5xx, 408, 429) and connection failures.
//!
//! ```
//! use newsgraph::push::{Method, Remote};
//! let remote = Remote::new(Method::Update, "http://localhost:8890/sparql")?;
//! assert_eq!(remote.key(), "update http://localhost:8890/sparql");
//! assert!(Remote::new(Method::Update, "localhost:8890/sparql").is_err());
//! # Ok::<_, newsgraph::push::PushError>(())
//! ```

use std::time::Duration;

use ureq::http::Uri;

use super::{Auth, Method, Payload, PushError};

/// How much of an error answer's body is kept for the message.
const BODY_SHOWN: usize = 600;

/// Where and how graphs are sent.
#[derive(Debug, Clone)]
pub struct Remote {
    method: Method,
    url: String,
    auth: Option<Auth>,
    agent: ureq::Agent,
    attempts: u32,
    backoff: Duration,
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .user_agent(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
            .build(),
    )
}

/// One try: done, worth another try (with why), or failed for good.
enum Attempt {
    Done,
    Again(Failure),
    Fail(Failure),
}

/// Why a request did not succeed.
enum Failure {
    Status(u16, String),
    Transport(String),
}

impl Remote {
    /// A remote store taking `method` at `url` (an `http://` URL), with 3 attempts per graph,
    /// 1 s then 2 s apart, and 60 s per request.
    pub fn new(method: Method, url: &str) -> Result<Self, PushError> {
        let bad = |reason: &str| PushError::BadUrl { url: url.to_owned(), reason: reason.to_owned() };
        let uri: Uri = url.parse().map_err(|e: ureq::http::uri::InvalidUri| bad(&e.to_string()))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(bad(
                    "this build of newsgraph sends plain http only: reach an https store through a local TLS proxy or an SSH tunnel",
                ))
            }
            _ => return Err(bad("give an absolute http:// URL")),
        }
        if uri.host().is_none() {
            return Err(bad("the URL has no host"));
        }
        Ok(Remote {
            method,
            url: url.to_owned(),
            auth: None,
            agent: agent(Duration::from_secs(60)),
            attempts: 3,
            backoff: Duration::from_secs(1),
        })
    }

    /// Sends these credentials with every request.
    pub fn auth(mut self, auth: Option<Auth>) -> Self {
        self.auth = auth;
        self
    }

    /// The most time one request may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.agent = agent(timeout);
        self
    }

    /// How many times a graph is tried (at least once), and the wait after the first failure
    /// (doubled after each further one).
    pub fn attempts(mut self, attempts: u32, backoff: Duration) -> Self {
        self.attempts = attempts.max(1);
        self.backoff = backoff;
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// `METHOD URL`: what the state file records pushes under.
    pub fn key(&self) -> String {
        format!("{} {}", self.method.name(), self.url)
    }

    /// The URL a graph goes to: `URL?graph=IRI` for the Graph Store Protocol.
    fn target(&self, payload: &Payload) -> String {
        match self.method {
            Method::GraphStore(_) => {
                let iri: String = form_urlencoded::byte_serialize(payload.graph.as_str().as_bytes()).collect();
                let join = if self.url.contains('?') { '&' } else { '?' };
                format!("{}{join}graph={iri}", self.url)
            }
            Method::Update => self.url.clone(),
        }
    }

    /// Sends one graph, trying again after server errors and connection failures.
    pub fn send(&self, payload: &Payload) -> Result<(), PushError> {
        let target = self.target(payload);
        let mut wait = self.backoff;
        let mut attempt = 1;
        loop {
            match self.try_once(&target, payload) {
                Attempt::Done => return Ok(()),
                Attempt::Again(_) if attempt < self.attempts => {
                    std::thread::sleep(wait);
                    wait *= 2;
                    attempt += 1;
                }
                Attempt::Again(failure) | Attempt::Fail(failure) => {
                    return Err(match failure {
                        Failure::Status(status, body) => PushError::Status {
                            graph: payload.graph.as_str().to_owned(),
                            url: self.url.clone(),
                            status,
                            body,
                            attempts: attempt,
                        },
                        Failure::Transport(reason) => {
                            PushError::Unreachable { url: self.url.clone(), attempts: attempt, reason }
                        }
                    })
                }
            }
        }
    }

    fn try_once(&self, target: &str, payload: &Payload) -> Attempt {
        let request = match self.method {
            Method::GraphStore(_) => self.agent.put(target),
            Method::Update => self.agent.post(target),
        };
        let mut request = request.header("Content-Type", payload.content_type);
        if let Some(auth) = &self.auth {
            request = request.header("Authorization", auth.header());
        }
        let mut response = match request.send(&payload.body[..]) {
            Ok(r) => r,
            Err(e) => return Attempt::Again(Failure::Transport(e.to_string())),
        };
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            // read the answer so that the connection can be used again
            let _ = response.body_mut().read_to_vec();
            return Attempt::Done;
        }
        let body = response.body_mut().read_to_string().unwrap_or_default();
        let failure = Failure::Status(status, shorten(&body));
        if status >= 500 || status == 408 || status == 429 {
            Attempt::Again(failure)
        } else {
            Attempt::Fail(failure)
        }
    }
}

/// The start of a body, on one line.
fn shorten(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(BODY_SHOWN) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

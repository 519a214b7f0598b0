//! What each path answers: `/` the page, `/sparql` queries (and the service description),
//! `/update` updates, `/graph` the graph view of a set of entities; CORS on every answer.

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_MAX_AGE, AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HOST, WWW_AUTHENTICATE,
};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};

use super::auth::Denied;
use super::deadline::{Slots, Watchdog};
use super::description::describe;
use super::graph_store::GraphPut;
use super::negotiate::{media_type, negotiate, offered};
use super::protocol::{Operation, ProtocolError, SparqlRequest};
use super::ServeOptions;
use crate::error::Error;
use crate::export::{html, ExportGraph, Selection};
use crate::rdf::vocab::{DEFAULT_BASE_IRI, FORMATS, SD};
use crate::rdf::{read_graph, read_minter, Dataset, GraphStore, Minter, ResultFormat, ResultKind, SparqlRunner};

/// An answer that is not a success: a status and a message for the client.
struct Failure {
    status: StatusCode,
    message: String,
    authenticate: bool,
}

fn fail(status: StatusCode, message: impl Into<String>) -> Failure {
    Failure { status, message: message.into(), authenticate: false }
}

impl From<ProtocolError> for Failure {
    fn from(e: ProtocolError) -> Self {
        let status = match e {
            ProtocolError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ProtocolError::UnsupportedMediaType(_) | ProtocolError::UnsupportedRdf(_) => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
        };
        fail(status, e.to_string())
    }
}

/// How long past its timeout a query is waited for, for Oxigraph to notice the cancellation.
const CANCEL_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// The state every request shares.
pub(crate) struct Service {
    store: GraphStore,
    options: ServeOptions,
    watchdog: Watchdog,
    slots: Arc<Slots>,
    page: String,
    /// The whole graph as the HTML export sees it, read on the first `/graph` request and
    /// forgotten after an update.
    graph: Mutex<Option<Arc<ExportGraph>>>,
}

impl Service {
    pub(crate) fn new(store: GraphStore, options: ServeOptions) -> std::io::Result<Self> {
        Ok(Service {
            slots: Slots::new(options.max_queries),
            store,
            options,
            watchdog: Watchdog::start()?,
            page: super::page::render(),
            graph: Mutex::new(None),
        })
    }

    /// Answers one request.
    pub(crate) fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        let answer = match (path.as_str(), &method) {
            (_, &Method::OPTIONS) => Ok(preflight()),
            ("/" | "/index.html", &Method::GET) => Ok(ok("text/html; charset=utf-8", self.page.clone().into_bytes())),
            ("/sparql", &Method::GET | &Method::POST) => self.query(request),
            ("/update", &Method::POST) => self.update(request),
            ("/graph", &Method::POST) => self.graph_view(request),
            ("/store", &Method::PUT) => self.graph_put(request),
            ("/" | "/index.html" | "/sparql", _) => Err(not_allowed("GET, POST, OPTIONS")),
            ("/update" | "/graph", _) => Err(not_allowed("POST, OPTIONS")),
            ("/store", _) => Err(not_allowed("PUT, OPTIONS")),
            _ => Err(fail(StatusCode::NOT_FOUND, format!("no {path} here: the endpoint is /sparql, the page is /"))),
        };
        let mut response = answer.unwrap_or_else(|f| {
            let mut builder = Response::builder().status(f.status).header(CONTENT_TYPE, "text/plain; charset=utf-8");
            if f.authenticate {
                builder = builder.header(WWW_AUTHENTICATE, "Bearer realm=\"newsgraph\"");
            }
            builder.body(Body::from(f.message + "\n")).expect("valid response")
        });
        response.headers_mut().insert(ACCESS_CONTROL_ALLOW_ORIGIN, "*".parse().expect("valid header"));
        response
    }

    fn body(&self, request: &mut Request<Body>) -> Result<Vec<u8>, Failure> {
        let max = self.options.max_body;
        let too_large =
            || fail(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is larger than {max} bytes (--max-body)"));
        if request.body().len().is_some_and(|len| len > max as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        request
            .body_mut()
            .take(max as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| fail(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")))?;
        if body.len() > max {
            return Err(too_large());
        }
        Ok(body)
    }

    fn query(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        let body = self.body(request)?;
        let sparql =
            SparqlRequest::read(Operation::Query, request.uri().query(), header(request, CONTENT_TYPE), &body)?;
        let Some(sparql) = sparql else {
            return self.description(request);
        };
        let accept = header(request, ACCEPT).map(str::to_owned);
        let (store, max_results) = (self.store.clone(), self.options.max_results);
        let (written, refused, out) = self.evaluate(move |token| {
            let runner =
                SparqlRunner::new(&store).dataset(dataset(&sparql)).cancellation(token).max_results(max_results);
            let mut refused = None;
            let mut out = Vec::new();
            let written = runner.write_as(
                &sparql.text,
                |kind| {
                    negotiate(accept.as_deref(), kind).ok_or_else(|| {
                        refused = Some(kind);
                        Error::Usage("not acceptable".into())
                    })
                },
                &mut out,
            );
            (written, refused, out)
        })?;
        match written {
            Ok(format) => Ok(ok(media_type(format), out)),
            Err(_) if refused.is_some() => Err(not_acceptable(refused.expect("checked"))),
            Err(e) => Err(self.query_failure(e)),
        }
    }

    /// Runs `work` on a thread of its own, with a stack for any query within the shape limits,
    /// once one of the `--max-queries` slots is free, and waits for it until the timeout (and
    /// half a second more, for Oxigraph to notice the cancellation). A query Oxigraph cannot stop
    /// at once (a sort) is answered 503 then, and goes on holding its slot until it ends.
    fn evaluate<T: Send + 'static>(
        &self,
        work: impl FnOnce(oxigraph::sparql::CancellationToken) -> T + Send + 'static,
    ) -> Result<T, Failure> {
        let timeout = self.options.timeout;
        let deadline = std::time::Instant::now() + timeout;
        let watch = self.watchdog.watch(timeout);
        let Some(slot) = self.slots.acquire(deadline) else {
            return Err(fail(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "all {} evaluation slots (--max-queries) stayed busy for the server's limit of {} s (--timeout)",
                    self.options.max_queries,
                    timeout.as_secs_f64()
                ),
            ));
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("newsgraph query".into())
            .stack_size(crate::rdf::QUERY_STACK_BYTES)
            .spawn(move || {
                let result = work(watch.token());
                drop((watch, slot));
                let _ = sender.send(result);
            })
            .map_err(|e| fail(StatusCode::SERVICE_UNAVAILABLE, format!("cannot start a query thread: {e}")))?;
        let wait = deadline.saturating_duration_since(std::time::Instant::now()) + CANCEL_GRACE;
        receiver.recv_timeout(wait).map_err(|e| match e {
            std::sync::mpsc::RecvTimeoutError::Timeout => fail(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran longer than the server's limit of {} s (--timeout); it could not be stopped at once and goes on in the background, holding one of the {} evaluation slots (--max-queries) until it ends",
                    timeout.as_secs_f64(),
                    self.options.max_queries
                ),
            ),
            std::sync::mpsc::RecvTimeoutError::Disconnected => {
                fail(StatusCode::INTERNAL_SERVER_ERROR, "the query evaluator failed (see the server's log)")
            }
        })
    }

    fn query_failure(&self, e: Error) -> Failure {
        match e {
            Error::SparqlSyntax(e) => fail(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")),
            Error::Iri(e) => fail(StatusCode::BAD_REQUEST, format!("invalid IRI: {e}")),
            Error::QueryTooComplex { .. } => fail(StatusCode::BAD_REQUEST, e.to_string()),
            Error::SparqlUpdate(e) => fail(StatusCode::BAD_REQUEST, format!("SPARQL update failed: {e}")),
            Error::TooManyResults { .. } => {
                fail(StatusCode::BAD_REQUEST, format!("{e} (the server's limit is --max-results)"))
            }
            Error::Cancelled => fail(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran longer than the server's limit of {} s (--timeout) and was stopped",
                    self.options.timeout.as_secs_f64()
                ),
            ),
            e => fail(StatusCode::INTERNAL_SERVER_ERROR, error_chain(&e)),
        }
    }

    fn description(&self, request: &Request<Body>) -> Result<Response<Body>, Failure> {
        let format = match negotiate(header(request, ACCEPT), ResultKind::Graph) {
            Some(ResultFormat::Rdf(f)) => f,
            _ => RdfFormat::Turtle,
        };
        let host = header(request, HOST).map_or_else(|| self.options.bind.to_string(), str::to_owned);
        let triples = describe(&format!("http://{host}/sparql"), self.options.update_token.is_some())
            .map_err(|e| fail(StatusCode::BAD_REQUEST, format!("bad Host header: {}", error_chain(&e))))?;
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in [("sd", SD), ("formats", FORMATS)] {
            serializer = serializer.with_prefix(prefix, iri).expect("valid prefix IRI");
        }
        let mut w = serializer.for_writer(Vec::new());
        for t in &triples {
            w.serialize_triple(t).map_err(|e| fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        }
        let out = w.finish().map_err(|e| fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(ok(format.media_type(), out))
    }

    /// Lets a request write when the server takes updates and the request has the token.
    fn authorize(&self, request: &Request<Body>) -> Result<(), Failure> {
        let Some(token) = &self.options.update_token else {
            return Err(fail(
                StatusCode::FORBIDDEN,
                "this server is read-only: start it with --allow-update --token-file FILE to take SPARQL updates",
            ));
        };
        match token.check(header(request, AUTHORIZATION)) {
            Ok(()) => {}
            Err(Denied::Missing) => {
                return Err(Failure {
                    authenticate: true,
                    ..fail(StatusCode::UNAUTHORIZED, "updates need the header Authorization: Bearer TOKEN")
                })
            }
            Err(Denied::Wrong) => return Err(fail(StatusCode::FORBIDDEN, "wrong bearer token")),
        }
        Ok(())
    }

    fn update(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        self.authorize(request)?;
        let body = self.body(request)?;
        let sparql =
            SparqlRequest::read(Operation::Update, request.uri().query(), header(request, CONTENT_TYPE), &body)?
                .ok_or_else(|| {
                    fail(
                        StatusCode::BAD_REQUEST,
                        "no update: send it as the body (application/sparql-update) or as the form field update",
                    )
                })?;
        let store = self.store.clone();
        let result = self.evaluate(move |token| {
            SparqlRunner::new(&store).dataset(dataset(&sparql)).cancellation(token).update(&sparql.text)
        })?;
        *self.graph.lock().unwrap_or_else(PoisonError::into_inner) = None;
        match result {
            Ok(()) => {
                Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).expect("valid response"))
            }
            Err(e) => Err(self.query_failure(e)),
        }
    }

    /// A Graph Store `PUT`: the body's triples replace the named graph, in one transaction.
    fn graph_put(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        self.authorize(request)?;
        let body = self.body(request)?;
        let put = GraphPut::read(request.uri().query(), header(request, CONTENT_TYPE), &body)?;
        let existed = self.store.contains_graph(&put.graph).map_err(|e| self.query_failure(e))?;
        self.store.replace_graph(&put.graph, &put.quads).map_err(|e| self.query_failure(e))?;
        *self.graph.lock().unwrap_or_else(PoisonError::into_inner) = None;
        let status = if existed { StatusCode::NO_CONTENT } else { StatusCode::CREATED };
        Ok(Response::builder().status(status).body(Body::empty()).expect("valid response"))
    }

    /// The HTML export's page for the entities whose IRIs or names are lines of the body, with
    /// the edges between them; `X-Newsgraph-Nodes` says how many entities it draws.
    fn graph_view(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        let body = self.body(request)?;
        let text = String::from_utf8(body).map_err(|_| fail(StatusCode::BAD_REQUEST, "the body is not UTF-8"))?;
        let names: BTreeSet<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let whole = self.whole_graph().map_err(|e| fail(StatusCode::INTERNAL_SERVER_ERROR, error_chain(&e)))?;
        let part = whole.restrict(&names);
        let mut out = Vec::new();
        html::write(&part, &mut out).map_err(|e| fail(StatusCode::INTERNAL_SERVER_ERROR, error_chain(&e)))?;
        let mut response = ok("text/html; charset=utf-8", out);
        response.headers_mut().insert("x-newsgraph-nodes", part.nodes.len().into());
        Ok(response)
    }

    fn whole_graph(&self) -> Result<Arc<ExportGraph>, Error> {
        let mut cached = self.graph.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(graph) = &*cached {
            return Ok(Arc::clone(graph));
        }
        let graph = read_graph(&self.store)?;
        let minter = match read_minter(&self.store)? {
            Some(m) => m,
            None => Minter::new(DEFAULT_BASE_IRI)?,
        };
        let export = Arc::new(ExportGraph::new(&graph, &graph.analytics(), &minter, &Selection::default())?);
        *cached = Some(Arc::clone(&export));
        Ok(export)
    }
}

fn dataset(request: &SparqlRequest) -> Dataset {
    if request.default_graphs.is_empty() && request.named_graphs.is_empty() {
        Dataset::Union
    } else {
        Dataset::Graphs { default: request.default_graphs.clone(), named: request.named_graphs.clone() }
    }
}

fn header(request: &Request<Body>, name: oxhttp::model::header::HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

fn ok(content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .header(CONTENT_TYPE, content_type)
        .header(CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .expect("valid response")
}

/// The answer to a CORS preflight. oxhttp 0.3 leaves `Access-Control-Allow-Methods` out of
/// every response (its encoder counts it among the forbidden header names); browsers need it
/// only for methods other than GET, HEAD and POST, which the endpoint does not use.
fn preflight() -> Response<Body> {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header(ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
        .header(ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept, Authorization")
        .header(ACCESS_CONTROL_MAX_AGE, "86400")
        .body(Body::empty())
        .expect("valid response")
}

/// The answer when answering failed unexpectedly (a panic in the evaluator).
pub(crate) fn internal_error() -> Response<Body> {
    let mut response = Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from("internal error: the query evaluator failed (see the server's log)\n"))
        .expect("valid response");
    response.headers_mut().insert(ACCESS_CONTROL_ALLOW_ORIGIN, "*".parse().expect("valid header"));
    response
}

fn not_allowed(allow: &str) -> Failure {
    fail(StatusCode::METHOD_NOT_ALLOWED, format!("use {allow}"))
}

fn not_acceptable(kind: ResultKind) -> Failure {
    let types: Vec<&str> = offered(kind).into_iter().map(media_type).collect();
    fail(StatusCode::NOT_ACCEPTABLE, format!("these results can be sent as {}", types.join(", ")))
}

/// An error with its causes, as the command line prints them.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

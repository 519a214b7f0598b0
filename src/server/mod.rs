//! `newsgraph serve`: the store over HTTP, as a SPARQL 1.1 Protocol endpoint with a query page.
//!
//! - `/sparql` answers queries sent by `GET ?query=`, by `POST` of `application/sparql-query`
//!   or by `POST` of a form ([`protocol`]), with `default-graph-uri` and `named-graph-uri`. The
//!   dataset is the one `newsgraph query` uses: the union of all graphs as the default graph,
//!   with the same predeclared prefixes, so both give the same answers. Results are written by
//!   Oxigraph in the format `Accept` asks for ([`negotiate`]). `GET /sparql` without a query
//!   gives the service description ([`description`]).
//! - `/update` takes SPARQL updates only when [`ServeOptions::update_token`] is set, and then
//!   only with that bearer token ([`auth`]): 401 without one, 403 with a wrong one.
//! - `/store?graph=IRI` takes `PUT`s of the Graph Store HTTP Protocol ([`graph_store`]): the
//!   body's triples replace the named graph. It needs the update token, as `/update` does.
//! - `/` is a query page ([`page`]); `/graph` draws the entities of a result with the HTML
//!   export's view.
//! - Limits: a query is answered 503 when [`ServeOptions::timeout`] has passed, a result
//!   may hold at most [`ServeOptions::max_results`] solutions or triples, a request body at
//!   most [`ServeOptions::max_body`] bytes (413). Each connection has its own thread, at most
//!   [`ServeOptions::max_connections`] at once and [`ServeOptions::max_client_connections`]
//!   from one address (more are answered 503 at once), and a request must arrive within
//!   [`ServeOptions::read_timeout`]. Queries are checked for their shape before
//!   parsing (400 for one nested too deeply: `rdf::check_shape`) and evaluated on threads with
//!   a large stack, at most [`ServeOptions::max_queries`] at once; one past
//!   its timeout is answered 503 within half a second of it, even when Oxigraph cannot stop it
//!   (a sort), and then holds its slot until it ends.
//! - Every answer carries `Access-Control-Allow-Origin: *` and `OPTIONS` answers CORS
//!   preflights, so that a YASGUI page elsewhere can query the endpoint.
//!
//! ```no_run
//! use newsgraph::rdf::GraphStore;
//! use newsgraph::server::{serve, ServeOptions};
//! let store = GraphStore::open_existing("newsgraph-store".as_ref())?;
//! serve(store, ServeOptions::default())?.join()?;
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod auth;
mod deadline;
pub mod description;
pub mod graph_store;
mod http;
pub mod negotiate;
pub mod page;
pub mod protocol;
mod routes;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::rdf::GraphStore;

/// How the server listens and what it allows.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (default `127.0.0.1:7878`).
    pub bind: SocketAddr,
    /// How long a query or update may run before it is answered 503 (default 30 s).
    pub timeout: Duration,
    /// The most solutions or triples one result may hold (default 100,000).
    pub max_results: usize,
    /// The largest request body, in bytes (default 1 MiB).
    pub max_body: usize,
    /// The most connections open at once, one thread each (default 256); one more is
    /// answered 503 at once.
    pub max_connections: usize,
    /// The most connections open at once from one client address (default 32).
    pub max_client_connections: usize,
    /// The time a request's headers and body have to arrive, counted from the moment the
    /// connection could send it (default 10 s); an idle keep-alive connection is closed then.
    pub read_timeout: Duration,
    /// The most queries and updates evaluating at once (default: the number of cores); one
    /// more waits for a free slot until its own timeout.
    pub max_queries: usize,
    /// The token updates must carry; `None` (the default) refuses every update.
    pub update_token: Option<auth::BearerToken>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 7878)),
            timeout: Duration::from_secs(30),
            max_results: 100_000,
            max_body: 1 << 20,
            max_connections: 256,
            max_client_connections: 32,
            read_timeout: Duration::from_secs(10),
            max_queries: std::thread::available_parallelism().map_or(2, usize::from),
            update_token: None,
        }
    }
}

/// A running server.
pub struct Running {
    thread: std::thread::JoinHandle<()>,
    address: SocketAddr,
}

impl Running {
    /// The address the server listens on (with the port the system chose for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Waits for the server's threads (they run until the process ends).
    pub fn join(self) -> Result<()> {
        self.thread.join().map_err(|_| Error::Usage("the server's listening thread failed".into()))
    }
}

/// Starts serving `store` (in background threads) on `options.bind`.
pub fn serve(store: GraphStore, options: ServeOptions) -> Result<Running> {
    let bind = options.bind;
    let limits = http::Limits {
        max_connections: options.max_connections.max(1),
        max_per_client: options.max_client_connections.max(1),
        read_timeout: options.read_timeout,
        max_body: options.max_body,
    };
    let listener =
        std::net::TcpListener::bind(bind).map_err(|e| Error::Usage(format!("cannot listen on {bind}: {e}")))?;
    let address = listener.local_addr().map_err(Error::Write)?;
    let service = Arc::new(routes::Service::new(store, options).map_err(Error::Write)?);
    let handler = move |request: &mut oxhttp::model::Request<oxhttp::model::Body>| {
        // a panic in a route ends this request with a 500, not the connection
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| service.handle(request)))
            .unwrap_or_else(|_| routes::internal_error())
    };
    let thread = http::spawn(listener, limits, Arc::new(handler)).map_err(Error::Write)?;
    Ok(Running { thread, address })
}

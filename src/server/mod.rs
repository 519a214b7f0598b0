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
//! - Limits: a query is cancelled when [`ServeOptions::timeout`] has passed (503), a result
//!   may hold at most [`ServeOptions::max_results`] solutions or triples, a request body at
//!   most [`ServeOptions::max_body`] bytes (413). Each connection has its own thread (Oxigraph's
//!   `oxhttp` server), at most [`ServeOptions::max_connections`] at once, so a slow query
//!   never holds up the others.
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
    /// How long a query or update may run before it is cancelled (default 30 s).
    pub timeout: Duration,
    /// The most solutions or triples one result may hold (default 100,000).
    pub max_results: usize,
    /// The largest request body, in bytes (default 1 MiB).
    pub max_body: usize,
    /// The most connections served at once, one thread each (default 128).
    pub max_connections: usize,
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
            max_connections: 128,
            update_token: None,
        }
    }
}

/// A running server.
pub struct Running {
    inner: oxhttp::ListeningServer,
}

impl Running {
    /// Waits for the server's threads (they run until the process ends).
    pub fn join(self) -> Result<()> {
        self.inner.join().map_err(Error::Write)
    }
}

/// Starts serving `store` (in background threads) on `options.bind`.
pub fn serve(store: GraphStore, options: ServeOptions) -> Result<Running> {
    let bind = options.bind;
    let max_connections = options.max_connections;
    let service = Arc::new(routes::Service::new(store, options).map_err(Error::Write)?);
    let server = oxhttp::Server::new(move |request| {
        // a panic in the query evaluator ends this request with a 500, not the connection
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| service.handle(request)))
            .unwrap_or_else(|_| routes::internal_error())
    })
    .bind(bind)
    .with_server_name(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
    .map_err(|e| Error::Usage(e.to_string()))?
    // an idle keep-alive connection gives its thread back after this
    .with_global_timeout(Duration::from_secs(60))
    .with_max_concurrent_connections(max_connections);
    let inner = server.spawn().map_err(|e| Error::Usage(format!("cannot listen on {bind}: {e}")))?;
    Ok(Running { inner })
}

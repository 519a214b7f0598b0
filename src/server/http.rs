//! The connection layer: HTTP/1.1 over TCP with limits a hostile client cannot get around.
//!
//! - A connection over [`Limits::max_connections`], or over [`Limits::max_per_client`] from one
//!   address, is answered 503 at once by the listening thread and closed: it never waits for
//!   a free slot, and it never holds up the clients already admitted.
//! - A request's headers and body must arrive within [`Limits::read_timeout`] of the moment
//!   the connection could send it (opened, or the previous answer written): a client that
//!   sends nothing, half a header or a byte a second (slowloris) gets 408, or is closed when
//!   it had sent nothing, and gives its slot back.
//! - The request line and headers may hold 8 KiB (414 for a longer request line, 431 for
//!   longer headers), the body [`Limits::max_body`] bytes (413, before it is read).
//!
//! Headers are parsed by `httparse`; requests and responses are `oxhttp`'s (the `http`
//! crate's) types, so the routes are the same as with `oxhttp`'s own server, whose
//! thread-per-connection loop waits for a free thread instead of refusing, and whose timeout
//! applies to each read rather than to the whole request.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use oxhttp::model::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, EXPECT, SERVER, TRANSFER_ENCODING};
use oxhttp::model::{Body, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Version};

/// The most bytes of a request line and headers.
pub(crate) const MAX_HEAD_BYTES: usize = 8 * 1024;

/// What the connection layer allows.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Connections open at once.
    pub max_connections: usize,
    /// Connections open at once from one client address.
    pub max_per_client: usize,
    /// Time for a request's headers and body to arrive.
    pub read_timeout: Duration,
    /// The largest request body, in bytes.
    pub max_body: usize,
}

/// Turns a request into a response.
pub(crate) type Handler = dyn Fn(&mut Request<Body>) -> Response<Body> + Send + Sync;

/// The connections open now, in all and by client address.
#[derive(Default)]
struct Open {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// A connection's place among the open ones, given back when it is dropped.
struct Admitted {
    open: Arc<Mutex<Open>>,
    client: IpAddr,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total -= 1;
        if let Some(n) = open.by_client.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                open.by_client.remove(&self.client);
            }
        }
    }
}

fn admit(open: &Arc<Mutex<Open>>, client: IpAddr, limits: &Limits) -> Result<Admitted, String> {
    let mut guard = open.lock().unwrap_or_else(PoisonError::into_inner);
    if guard.total >= limits.max_connections {
        return Err(format!(
            "the server has {} connections open, its limit (--max-connections): try again shortly",
            guard.total
        ));
    }
    let mine = guard.by_client.entry(client).or_default();
    if *mine >= limits.max_per_client {
        return Err(format!(
            "{client} has {} connections open, the limit for one client address (--max-client-connections)",
            *mine
        ));
    }
    *mine += 1;
    guard.total += 1;
    Ok(Admitted { open: Arc::clone(open), client })
}

/// Serves `listener` on a thread of its own, one thread per admitted connection.
pub(crate) fn spawn(listener: TcpListener, limits: Limits, handler: Arc<Handler>) -> io::Result<JoinHandle<()>> {
    let open = Arc::new(Mutex::new(Open::default()));
    std::thread::Builder::new().name("newsgraph listener".into()).spawn(move || {
        for stream in listener.incoming() {
            let stream = match stream {
                Ok(s) => s,
                Err(e) => {
                    // out of file descriptors: wait for connections to close rather than spin
                    eprintln!("newsgraph: cannot accept a connection: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            let Ok(peer) = stream.peer_addr() else { continue };
            let admitted = match admit(&open, peer.ip(), &limits) {
                Ok(a) => a,
                Err(message) => {
                    refuse(stream, &message);
                    continue;
                }
            };
            let (limits, handler) = (limits.clone(), Arc::clone(&handler));
            let spawned = std::thread::Builder::new().name(format!("newsgraph {peer}")).spawn(move || {
                let _admitted = admitted;
                serve_connection(stream, &limits, &*handler);
            });
            if let Err(e) = spawned {
                eprintln!("newsgraph: cannot start a connection thread: {e}");
            }
        }
    })
}

/// Answers 503 without waiting on the client and closes the connection.
fn refuse(mut stream: TcpStream, message: &str) {
    let response = text_response(StatusCode::SERVICE_UNAVAILABLE, message);
    let mut bytes = Vec::new();
    if encode(response, true, &mut bytes).is_ok() && stream.set_nonblocking(true).is_ok() {
        let _ = stream.write_all(&bytes);
        let _ = stream.shutdown(Shutdown::Write);
        // read what the client sent already, so that closing does not reset the connection
        // before it reads the answer
        let _ = stream.read(&mut [0; 4096]);
    }
}

/// A response with a plain-text body (and the CORS header every answer carries).
pub(crate) fn text_response(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .header("access-control-allow-origin", "*")
        .body(Body::from(format!("{message}\n")))
        .expect("valid response")
}

/// Why reading a request stopped.
enum Stop {
    /// The client closed the connection, or sent nothing in time: close without an answer.
    Quiet,
    /// Answer with this status and message, then close.
    Answer(StatusCode, String),
}

/// Bytes from the connection, read before a deadline.
struct Input<'a> {
    stream: &'a TcpStream,
    buffer: Vec<u8>,
    start: usize,
    deadline: Instant,
    read_timeout: Duration,
}

impl Input<'_> {
    fn pending(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Reads more bytes; `Stop::Quiet` when the client closed or, having sent nothing of this
    /// request, ran out of time.
    fn fill(&mut self, started: bool) -> Result<(), Stop> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        let timed_out = || {
            if started {
                Stop::Answer(
                    StatusCode::REQUEST_TIMEOUT,
                    format!("the request did not arrive within {} s (--read-timeout)", self.read_timeout.as_secs_f64()),
                )
            } else {
                Stop::Quiet
            }
        };
        if left.is_zero() {
            return Err(timed_out());
        }
        if self.start > 0 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        let mut chunk = [0; 16 * 1024];
        self.stream.set_read_timeout(Some(left)).map_err(|_| Stop::Quiet)?;
        match (&*self.stream).read(&mut chunk) {
            Ok(0) => Err(Stop::Quiet),
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => Err(timed_out()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(()),
            Err(_) => Err(Stop::Quiet),
        }
    }

    /// The request line and headers, up to and with the empty line.
    fn head(&mut self) -> Result<Vec<u8>, Stop> {
        loop {
            let pending = self.pending();
            if let Some(end) =
                find(pending, b"\r\n\r\n").map(|p| p + 4).or_else(|| find(pending, b"\n\n").map(|p| p + 2))
            {
                if end <= MAX_HEAD_BYTES {
                    let head = pending[..end].to_vec();
                    self.start += end;
                    return Ok(head);
                }
            }
            if pending.len() > MAX_HEAD_BYTES {
                return Err(if find(pending, b"\n").is_none_or(|p| p > MAX_HEAD_BYTES) {
                    Stop::Answer(
                        StatusCode::URI_TOO_LONG,
                        format!("the request line is longer than {MAX_HEAD_BYTES} bytes: send a long query by POST"),
                    )
                } else {
                    Stop::Answer(
                        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                        format!("the request headers are longer than {MAX_HEAD_BYTES} bytes"),
                    )
                });
            }
            let started = !pending.is_empty();
            self.fill(started)?;
        }
    }

    /// Exactly `n` bytes.
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, Stop> {
        while self.pending().len() < n {
            self.fill(true)?;
        }
        let out = self.pending()[..n].to_vec();
        self.start += n;
        Ok(out)
    }

    /// One line, without its line end.
    fn line(&mut self) -> Result<Vec<u8>, Stop> {
        loop {
            if let Some(p) = find(self.pending(), b"\n") {
                let line = self.pending()[..p].strip_suffix(b"\r").unwrap_or(&self.pending()[..p]).to_vec();
                self.start += p + 1;
                return Ok(line);
            }
            if self.pending().len() > MAX_HEAD_BYTES {
                return Err(bad("a chunk header is too long"));
            }
            self.fill(true)?;
        }
    }

    /// A `Transfer-Encoding: chunked` body of at most `max` bytes.
    fn chunked(&mut self, max: usize) -> Result<Vec<u8>, Stop> {
        let mut body = Vec::new();
        loop {
            let line = self.line()?;
            let size = std::str::from_utf8(&line).ok().and_then(|l| l.split(';').next()).map(str::trim);
            let size = size.and_then(|s| usize::from_str_radix(s, 16).ok()).ok_or_else(|| bad("a bad chunk size"))?;
            if size == 0 {
                while !self.line()?.is_empty() {}
                return Ok(body);
            }
            if body.len() + size > max {
                return Err(too_large(max));
            }
            body.extend(self.bytes(size)?);
            self.line()?;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn bad(message: &str) -> Stop {
    Stop::Answer(StatusCode::BAD_REQUEST, message.to_owned())
}

fn too_large(max: usize) -> Stop {
    Stop::Answer(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is larger than {max} bytes (--max-body)"))
}

/// Serves the requests of one connection until it closes, fails or runs out of time.
fn serve_connection(stream: TcpStream, limits: &Limits, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.read_timeout.max(Duration::from_secs(10))));
    let mut input = Input {
        stream: &stream,
        buffer: Vec::new(),
        start: 0,
        deadline: Instant::now(),
        read_timeout: limits.read_timeout,
    };
    loop {
        input.deadline = Instant::now() + limits.read_timeout;
        let (mut request, close) = match read_request(&mut input, limits) {
            Ok(r) => r,
            Err(Stop::Quiet) => return,
            Err(Stop::Answer(status, message)) => {
                let _ = write_response(&stream, text_response(status, &message), true);
                return;
            }
        };
        let response = handler(&mut request);
        if write_response(&stream, response, close).is_err() || close {
            return;
        }
    }
}

/// Reads one request; `true` when the connection closes after it.
fn read_request(input: &mut Input<'_>, limits: &Limits) -> Result<(Request<Body>, bool), Stop> {
    let head = input.head()?;
    let mut headers = [httparse::EMPTY_HEADER; 100];
    let mut parsed = httparse::Request::new(&mut headers);
    parsed.parse(&head).map_err(|e| bad(&format!("malformed request: {e}")))?;
    let method = Method::from_bytes(parsed.method.unwrap_or("").as_bytes()).map_err(|_| bad("bad method"))?;
    let version = if parsed.version == Some(0) { Version::HTTP_10 } else { Version::HTTP_11 };
    let mut builder = Request::builder().method(method).uri(parsed.path.unwrap_or("/")).version(version);
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes()).map_err(|_| bad("a bad header name"))?;
        let value = HeaderValue::from_bytes(h.value).map_err(|_| bad("a bad header value"))?;
        builder = builder.header(name, value);
    }
    let headers = builder.headers_ref().cloned().unwrap_or_default();
    let value = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_ascii_lowercase);
    let close = match value(CONNECTION) {
        Some(c) if c.contains("close") => true,
        Some(c) if c.contains("keep-alive") => false,
        _ => version == Version::HTTP_10,
    };
    let length = match value(CONTENT_LENGTH) {
        Some(l) => Some(l.trim().parse::<usize>().map_err(|_| bad("a bad Content-Length"))?),
        None => None,
    };
    let chunked = match value(TRANSFER_ENCODING) {
        None => false,
        Some(t) if t.trim() == "chunked" && length.is_none() => true,
        Some(t) => return Err(bad(&format!("unsupported Transfer-Encoding {t:?}"))),
    };
    if length.is_some_and(|l| l > limits.max_body) {
        return Err(too_large(limits.max_body));
    }
    if (chunked || length.is_some_and(|l| l > 0)) && value(EXPECT).is_some_and(|e| e == "100-continue") {
        let _ = (&*input.stream).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let body = match (chunked, length) {
        (true, _) => input.chunked(limits.max_body)?,
        (false, Some(n)) => input.bytes(n)?,
        (false, None) => Vec::new(),
    };
    let request = builder.body(Body::from(body)).map_err(|e| bad(&format!("malformed request: {e}")))?;
    Ok((request, close))
}

fn write_response(stream: &TcpStream, response: Response<Body>, close: bool) -> io::Result<()> {
    let mut bytes = Vec::new();
    encode(response, close, &mut bytes)?;
    let mut stream = stream;
    stream.write_all(&bytes)?;
    stream.flush()
}

/// The response as HTTP/1.1 bytes, with its length (and `Connection: close` when `close`).
fn encode(mut response: Response<Body>, close: bool, out: &mut Vec<u8>) -> io::Result<()> {
    let mut body = Vec::new();
    response.body_mut().read_to_end(&mut body)?;
    let status = response.status();
    write!(out, "HTTP/1.1 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or(""))?;
    for (name, value) in response.headers() {
        if ![CONTENT_LENGTH, CONNECTION, TRANSFER_ENCODING].contains(name) {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    if !response.headers().contains_key(SERVER) {
        write!(out, "server: newsgraph/{}\r\n", env!("CARGO_PKG_VERSION"))?;
    }
    write!(out, "content-length: {}\r\n", body.len())?;
    if close {
        out.extend_from_slice(b"connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&body);
    Ok(())
}

//! Desks on the venue network exchange bundles by themselves: each desk listens on a port
//! (`--listen`), knows its peers by address (`--peer`), and every few seconds sends each peer
//! what it lacks and fetches what it lacks itself (desks of one congress also find each
//! other by mDNS, see [`crate::wire::discovery`]). Every message is a bundle, a version vector or
//! a report, encrypted and authenticated with keys derived from the congress key, so a desk
//! of another congress or a tampered message is refused and nothing travels in clear.
//! Plain HTTP/1.1 over TCP with nothing but the standard library.
//!
//! The host owns the lock: [`serve`] and [`exchange`] take a closure that runs a function on
//! the desk (a [`LocalDesk`]; the app layer's `Balie` is one), so the Tauri shell and
//! `balie-cli serve` share one implementation.

use crate::domain::error::{Error, Result};
use crate::wire::sync::VersionVector;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// The version of the exchange between desks, sent as [`PROTOCOL_HEADER`] with every
/// request and answer (none: version 1). A desk that cannot speak a request's version
/// answers 426 with its own, and each side tells its staff which laptop to update.
pub const PROTOCOL: u32 = 1;
pub const PROTOCOL_HEADER: &str = "Balie-Protocol";

/// How often a desk exchanges with each peer.
pub const EXCHANGE_EVERY: Duration = Duration::from_secs(3);
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);
/// The largest message accepted (a full bundle of a big congress fits easily).
pub(crate) const MAX_BODY: usize = 64 * 1024 * 1024;

/// A version vector, sealed with the congress key: "this is what I have".
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Have {
    pub(crate) congress_id: String,
    pub(crate) vector: VersionVector,
}

/// One peer as the status line shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PeerStatus {
    pub address: String,
    pub desk_name: Option<String>,
    /// When the last exchange succeeded (RFC 3339).
    pub last_exchange: Option<String>,
    /// Events received and sent in the last exchange.
    #[ts(type = "number")]
    pub received: i64,
    #[ts(type = "number")]
    pub sent: i64,
    /// The peer's clock minus ours, in seconds, at the last exchange.
    #[ts(type = "number")]
    pub clock_offset_s: i64,
    /// Why the last attempt failed, in Dutch.
    pub error: Option<String>,
    /// The same for the window, in its language.
    pub error_msg: Option<crate::domain::message::Msg>,
    /// Events this desk has that the peer did not have at the last exchange (0 right after
    /// a good one; it grows while the peer is unreachable).
    #[ts(type = "number")]
    pub behind: i64,
    /// What the peer had after the last good exchange.
    #[serde(skip)]
    #[ts(skip)]
    pub their_vector: VersionVector,
    /// The peer's desk id, once an exchange reached it (one desk may be reachable under
    /// several addresses: typed, remembered, found by mDNS).
    #[serde(skip)]
    #[ts(skip)]
    pub desk_id: Option<String>,
}

/// A request as read off the wire, within the limits below.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// Why a request was not read: the connection is closed without an answer (or with a
/// generic one), and nothing was allocated beyond what arrived.
#[derive(Debug, PartialEq, Eq)]
pub enum BadRequest {
    /// The whole request did not arrive before its deadline.
    TooSlow,
    /// The request line and headers are longer than [`MAX_HEAD`] or more than
    /// [`MAX_HEADERS`] lines, or not HTTP.
    BadHead,
    /// A path this server does not answer (refused before its body is read).
    UnknownPath,
    /// A body longer than the path allows, or a `Content-Length` that is not a number.
    TooLarge,
    /// The connection closed or failed.
    Closed,
    /// The request speaks a newer [`PROTOCOL`] than this desk (refused before its body is
    /// read; answered 426 with this desk's version).
    NewerProtocol(u32),
}

/// The request line and headers together, at most.
pub const MAX_HEAD: usize = 8 * 1024;
/// Header lines, at most.
pub const MAX_HEADERS: usize = 32;
/// Time for the request line and headers to arrive.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(5);

/// The longest body each path accepts; `None`: not a path of this server.
pub fn body_limit(method: &str, path: &str) -> Option<usize> {
    match (method, path) {
        ("POST", "/bundle") => Some(MAX_BODY),
        ("POST", "/pull") => Some(64 * 1024),
        ("POST", "/pair/start" | "/pair/finish") => Some(16 * 1024),
        ("POST", "/hello") => Some(0),
        _ => None,
    }
}

/// The time a body of `length` bytes may take, after the head: 10 s plus 1 s per MiB (a
/// slow venue Wi-Fi), at most two minutes.
fn body_deadline(length: usize) -> Duration {
    (Duration::from_secs(10) + Duration::from_millis((length as u64) / 1024))
        .min(Duration::from_secs(120))
}

/// Reads from a stream, failing once `deadline` (monotonic) has passed: each read may wait
/// only for the time that is left, so a peer sending a byte now and then cannot hold it.
pub struct Deadlined<'s> {
    pub stream: &'s TcpStream,
    pub deadline: Instant,
}

impl Read for Deadlined<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "deadline",
            ));
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

fn io_bad(e: &std::io::Error) -> BadRequest {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => BadRequest::TooSlow,
        _ => BadRequest::Closed,
    }
}

/// Reads one request from `stream` within the limits: the head within [`HEAD_DEADLINE`]
/// and [`MAX_HEAD`]; the path checked and its body limit applied before the body is read;
/// the body read as it arrives (never allocated ahead from `Content-Length`) within its
/// own deadline.
pub fn read_request(stream: &TcpStream) -> std::result::Result<Request, BadRequest> {
    let mut reader = BufReader::new(Deadlined {
        stream,
        deadline: Instant::now() + HEAD_DEADLINE,
    });
    parse_request(&mut reader, |source, length| {
        source.deadline = Instant::now() + body_deadline(length);
    })
}

/// One line of an HTTP head (request or answer), within what is left of [`MAX_HEAD`]: a
/// line cut off by the limit or by the end is refused, and so is one that is not UTF-8.
fn head_line<R: Read>(
    reader: &mut BufReader<R>,
    head_left: &mut usize,
) -> std::result::Result<String, BadRequest> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(*head_left as u64)
        .read_until(b'\n', &mut line)
        .map_err(|e| io_bad(&e))?;
    if read == 0 {
        return Err(BadRequest::Closed);
    }
    if !line.ends_with(b"\n") {
        return Err(BadRequest::BadHead);
    }
    *head_left -= read;
    String::from_utf8(line).map_err(|_| BadRequest::BadHead)
}

/// The parser behind [`read_request`], on any reader (the fuzz target feeds it bytes):
/// `after_head` is told the body's length once the head has passed every check, before a
/// byte of the body is read.
pub fn parse_request<R: Read>(
    reader: &mut BufReader<R>,
    after_head: impl FnOnce(&mut R, usize),
) -> std::result::Result<Request, BadRequest> {
    let mut head_left = MAX_HEAD;
    let mut next_line = |reader: &mut BufReader<R>| head_line(reader, &mut head_left);
    let line = next_line(reader)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(BadRequest::BadHead);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(BadRequest::BadHead);
    }
    let (method, path) = (method.to_string(), path.to_string());
    let mut length: Option<usize> = None;
    let mut protocol = 1;
    let mut headers = 0;
    loop {
        let header = next_line(reader)?;
        if header.trim().is_empty() {
            break;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            return Err(BadRequest::BadHead);
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse().map_err(|_| BadRequest::TooLarge)?);
            } else if name.trim().eq_ignore_ascii_case(PROTOCOL_HEADER) {
                protocol = value.trim().parse().map_err(|_| BadRequest::BadHead)?;
            }
        }
    }
    if protocol > PROTOCOL {
        return Err(BadRequest::NewerProtocol(protocol));
    }
    let limit = body_limit(&method, &path).ok_or(BadRequest::UnknownPath)?;
    let length = length.unwrap_or(0);
    if length > limit {
        return Err(BadRequest::TooLarge);
    }
    after_head(reader.get_mut(), length);
    let mut body = Vec::with_capacity(length.min(64 * 1024));
    reader
        .take(length as u64)
        .read_to_end(&mut body)
        .map_err(|e| io_bad(&e))?;
    if body.len() != length {
        return Err(BadRequest::Closed);
    }
    Ok(Request { method, path, body })
}

pub(crate) fn respond(stream: &mut TcpStream, status: u16, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        409 => "Conflict",
        426 => "Upgrade Required",
        503 => "Service Unavailable",
        _ => "Bad Request",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\n{PROTOCOL_HEADER}: {PROTOCOL}\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// What the network needs of the desk it runs for: its log as bundles and vectors, and the
/// congress key's sealing. The app layer implements it for `Balie`.
pub trait LocalDesk {
    fn congress_id(&self) -> Result<String>;
    /// Per desk the highest sequence number this desk holds.
    fn version_vector(&self) -> Result<VersionVector>;
    /// A sealed bundle of what a desk with `since` lacks, at most `limit` events.
    fn export_bundle_part(&self, since: &VersionVector, limit: usize) -> Result<Vec<u8>>;
    /// Verifies and merges a bundle.
    fn import_bundle(&mut self, bytes: &[u8]) -> Result<crate::wire::sync::BundleReport>;
    fn seal_message(&self, body: &[u8]) -> Result<Vec<u8>>;
    fn open_message(&self, bytes: &[u8]) -> Result<Vec<u8>>;
    /// `POST /pair/start` from the address `from`, and `/pair/finish`
    /// ([`crate::wire::pairing`]).
    fn pairing_start(&mut self, from: &str, body: &[u8]) -> Result<Vec<u8>>;
    fn pairing_finish(&mut self, body: &[u8]) -> Result<Vec<u8>>;
    /// The desk clock's "now" (RFC 3339).
    fn now(&self) -> String;
    /// Notes a refused request in this desk's own log (what the peer is not told).
    fn note_refusal(&mut self, from: &str, why: &Error);
}

/// Events in one answer to `/pull`; the asker pulls again for the rest.
pub const PULL_PART: usize = 10_000;
/// Parts pulled in one exchange at most (the rest comes at the next turn).
const PULL_PARTS: usize = 50;

/// How long a challenge may be used (monotonic clock).
pub const CHALLENGE_TTL: Duration = Duration::from_secs(30);
/// Challenges outstanding at most; the oldest go first.
const CHALLENGES: usize = 256;

/// Challenges outstanding per address at most; a new one replaces that address's oldest.
const CHALLENGES_PER_ADDRESS: usize = 4;

/// The challenges a serving desk handed out: random, each good for one request within
/// [`CHALLENGE_TTL`], so a captured request replayed later gets nothing. Each address has
/// its own share: asking for thousands cannot push out another desk's challenge.
#[derive(Default)]
pub struct Challenges {
    issued: Mutex<std::collections::VecDeque<(String, Instant, String)>>,
}

impl Challenges {
    /// A fresh challenge for the peer at `from` (its IP address).
    pub fn issue(&self, from: &str) -> Result<String> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
        let challenge = crate::wire::sync::hex(&bytes);
        let mut issued = self
            .issued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        issued.retain(|(_, at, _)| at.elapsed() < CHALLENGE_TTL);
        let of = |issued: &std::collections::VecDeque<(String, Instant, String)>, who: &str| {
            issued.iter().filter(|(_, _, w)| w == who).count()
        };
        let crowd = if of(&issued, from) >= CHALLENGES_PER_ADDRESS {
            Some(from.to_string())
        } else if issued.len() >= CHALLENGES {
            // Full: the address holding the most gives up its oldest.
            issued
                .iter()
                .map(|(_, _, w)| w.clone())
                .max_by_key(|w| of(&issued, w))
        } else {
            None
        };
        if let Some(who) = crowd {
            if let Some(at) = issued.iter().position(|(_, _, w)| *w == who) {
                issued.remove(at);
            }
        }
        issued.push_back((challenge.clone(), Instant::now(), from.to_string()));
        Ok(challenge)
    }

    /// Uses `challenge` up: whether it was handed out, is still fresh, and unused.
    pub fn redeem(&self, challenge: &str) -> bool {
        let mut issued = self
            .issued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(at) = issued.iter().position(|(c, _, _)| c == challenge) else {
            return false;
        };
        issued
            .remove(at)
            .is_some_and(|(_, when, _)| when.elapsed() < CHALLENGE_TTL)
    }
}

/// A request or answer between desks, inside the sealed message: the server's challenge,
/// the path and the direction, then the payload. A sealed message is thus good for one
/// request on one path, in one direction.
pub fn envelope(challenge: &str, path: &str, direction: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!("{challenge}\n{path}\n{direction}\n").into_bytes();
    out.extend_from_slice(payload);
    out
}

/// The payload of an envelope for `path` and `direction`, and its challenge.
pub fn open_envelope<'m>(
    message: &'m [u8],
    path: &str,
    direction: &str,
) -> Option<(&'m str, &'m [u8])> {
    let mut rest = message;
    let mut field = || {
        let end = rest.iter().position(|b| *b == b'\n')?;
        let text = std::str::from_utf8(&rest[..end]).ok()?;
        rest = &rest[end + 1..];
        Some(text)
    };
    let challenge = field()?;
    if field()? != path || field()? != direction {
        return None;
    }
    Some((challenge, rest))
}

/// Why a request was refused. A peer that did not prove the congress key learns nothing
/// but "refused" (the reason goes to this desk's own log); one that did gets the reason,
/// sealed.
#[derive(Debug)]
pub enum Refusal {
    Unproven(Error),
    Proven {
        challenge: String,
        path: String,
        error: Error,
    },
}

/// Answers one request on the desk. `POST /hello`: a fresh challenge. `POST /pull` with a
/// sealed "have" for a challenge: a bundle of (a part of) what the asker lacks. `POST
/// /bundle` with a sealed bundle for a challenge: merge it, answer the report. `POST
/// /pair/start` and `/pair/finish`: a new laptop pairing by code ([`crate::wire::pairing`]).
pub fn handle<D: LocalDesk + ?Sized>(
    balie: &mut D,
    challenges: &Challenges,
    from: &str,
    method: &str,
    path: &str,
    body: &[u8],
) -> std::result::Result<Vec<u8>, Refusal> {
    let unproven = |e: Error| Refusal::Unproven(e);
    match (method, path) {
        ("POST", "/hello") => challenges
            .issue(from)
            .map(String::into_bytes)
            .map_err(unproven),
        ("POST", "/pair/start") => balie.pairing_start(from, body).map_err(unproven),
        ("POST", "/pair/finish") => balie.pairing_finish(body).map_err(unproven),
        ("POST", "/pull" | "/bundle") => {
            let opened = balie.open_message(body).map_err(unproven)?;
            let (challenge, payload) = open_envelope(&opened, path, "request")
                .ok_or_else(|| Refusal::Unproven(Error::said("netwerk", "err.net.unsigned", [])))?;
            if !challenges.redeem(challenge) {
                return Err(Refusal::Unproven(Error::said(
                    "netwerk",
                    "err.net.replayed",
                    [],
                )));
            }
            let proven = |error: Error| Refusal::Proven {
                challenge: challenge.to_string(),
                path: path.to_string(),
                error,
            };
            let answer = if path == "/pull" {
                pull(balie, payload).map_err(proven)?
            } else {
                let report = balie.import_bundle(payload).map_err(proven)?;
                serde_json::to_vec(&report).map_err(|e| proven(Error::Internal(e.to_string())))?
            };
            balie
                .seal_message(&envelope(challenge, path, "response", &answer))
                .map_err(proven)
        }
        _ => Err(Refusal::Unproven(Error::said(
            "netwerk",
            "err.net.unknown",
            [("request", format!("{method} {path}").into())],
        ))),
    }
}

/// The answer to a proven `/pull`: a part of what the asker lacks.
fn pull<D: LocalDesk + ?Sized>(balie: &mut D, payload: &[u8]) -> Result<Vec<u8>> {
    let have: Have = serde_json::from_slice(payload).map_err(|e| {
        Error::said(
            "netwerk",
            "err.net.unreadable",
            [("why", e.to_string().into())],
        )
    })?;
    if have.congress_id != balie.congress_id()? {
        return Err(Error::said("netwerk", "err.net.otherCongress", []));
    }
    balie.export_bundle_part(&have.vector, PULL_PART)
}

/// Requests answered at once; connections beyond them wait in a short queue.
pub const WORKERS: usize = 16;
/// Connections waiting for a worker; more are closed at once.
const QUEUE: usize = 32;
/// Connections at once from one address (read, waiting or being answered); more are closed.
pub const PER_ADDRESS: usize = 2;

/// Counts a connection against its address while it lives.
struct Slot<'a> {
    counts: &'a Mutex<HashMap<IpAddr, usize>>,
    ip: IpAddr,
}

impl<'a> Slot<'a> {
    fn take(counts: &'a Mutex<HashMap<IpAddr, usize>>, ip: IpAddr) -> Option<Slot<'a>> {
        let mut map = counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = map.entry(ip).or_insert(0);
        if *n >= PER_ADDRESS {
            return None;
        }
        *n += 1;
        Some(Slot { counts, ip })
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut map = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// Serves requests on `listener` until it fails; `with` runs a function on the desk under
/// the host's lock. One thread accepts and never waits on a peer; [`WORKERS`] threads read
/// and answer, each request within its deadlines and limits ([`read_request`]); at most
/// [`PER_ADDRESS`] connections per address, a short queue, and the rest closed at once, so
/// idle or slow connections cannot keep a real peer out. A handler that panics answers a
/// generic error and the worker goes on.
pub fn serve<D: LocalDesk, W>(listener: &TcpListener, with: W)
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>> + Sync,
{
    serve_until(listener, with, &std::sync::atomic::AtomicBool::new(false));
}

/// [`serve`] until `stop` is set (checked at each connection: whoever sets it connects once
/// to wake the accepting thread); the workers finish what they hold, then it returns.
pub fn serve_until<D: LocalDesk, W>(
    listener: &TcpListener,
    with: W,
    stop: &std::sync::atomic::AtomicBool,
) where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>> + Sync,
{
    let counts: Mutex<HashMap<IpAddr, usize>> = Mutex::new(HashMap::new());
    let challenges = Challenges::default();
    let (queue, waiting) = std::sync::mpsc::sync_channel::<(TcpStream, Slot<'_>)>(QUEUE);
    let waiting = Mutex::new(waiting);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let next = waiting
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .recv();
                let Ok((stream, slot)) = next else {
                    return;
                };
                answer(stream, &with, &challenges);
                drop(slot);
            });
        }
        for stream in listener.incoming() {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                break;
            }
            let Ok(stream) = stream else {
                continue;
            };
            let Ok(peer) = stream.peer_addr() else {
                continue;
            };
            let Some(slot) = Slot::take(&counts, peer.ip()) else {
                // Over this address's share: closed unread.
                continue;
            };
            if let Err(std::sync::mpsc::TrySendError::Full((mut stream, slot))) =
                queue.try_send((stream, slot))
            {
                let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                let _ = respond(&mut stream, 503, b"bezet");
                drop(slot);
            }
        }
        drop(queue);
    });
}

/// Reads one request and answers it.
fn answer<D: LocalDesk, W>(mut stream: TcpStream, with: &W, challenges: &Challenges)
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let from = stream
        .peer_addr()
        .map_or_else(|_| "?".to_string(), |a| a.ip().to_string());
    let request = match read_request(&stream) {
        Ok(r) => r,
        Err(BadRequest::Closed | BadRequest::TooSlow) => return,
        Err(BadRequest::NewerProtocol(theirs)) => {
            let why = Error::said(
                "netwerk",
                "err.format.newerRequest",
                [
                    ("theirs", theirs.to_string().into()),
                    ("ours", PROTOCOL.to_string().into()),
                ],
            );
            let _ = with(&mut |b: &mut D| {
                b.note_refusal(&from, &why);
                Ok(Vec::new())
            });
            let _ = respond(&mut stream, 426, REFUSED);
            return;
        }
        Err(_) => {
            let _ = respond(&mut stream, 400, REFUSED);
            return;
        }
    };
    let mut refusal: Option<Refusal> = None;
    let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        with(&mut |b: &mut D| match handle(
            b,
            challenges,
            &from,
            &request.method,
            &request.path,
            &request.body,
        ) {
            Ok(bytes) => Ok(bytes),
            Err(Refusal::Unproven(e)) => {
                b.note_refusal(&from, &e);
                refusal = Some(Refusal::Unproven(e));
                Ok(Vec::new())
            }
            Err(Refusal::Proven {
                challenge,
                path,
                error,
            }) => {
                let told = envelope(&challenge, &path, "error", error.to_string().as_bytes());
                refusal = Some(Refusal::Proven {
                    challenge,
                    path,
                    error,
                });
                b.seal_message(&told)
            }
        })
    }));
    let _ = match (handled, refusal) {
        (Ok(Ok(bytes)), None) => respond(&mut stream, 200, &bytes),
        (Ok(Ok(sealed)), Some(Refusal::Proven { .. })) => respond(&mut stream, 409, &sealed),
        (Ok(_), _) => respond(&mut stream, 400, REFUSED),
        (Err(_), _) => respond(&mut stream, 500, REFUSED),
    };
}

/// All an unproven peer is told.
const REFUSED: &[u8] = b"geweigerd";

/// The largest answer read for each path: a bundle for `/pull` and `/pair/finish` (the
/// whole congress for a new laptop), a report otherwise.
fn answer_limit(path: &str) -> usize {
    if path == "/pull" || path == "/pair/finish" {
        MAX_BODY
    } else {
        64 * 1024
    }
}

pub(crate) fn post(address: &str, path: &str, body: &[u8]) -> Result<Vec<u8>> {
    let (status, answer) = post_status(address, path, body)?;
    if status == 200 {
        Ok(answer)
    } else {
        Err(refused_at(address, path, &answer))
    }
}

fn refused(address: &str, answer: &[u8]) -> Error {
    refused_at(address, "", answer)
}

fn refused_at(address: &str, path: &str, answer: &[u8]) -> Error {
    if answer == REFUSED && path.starts_with("/pair/") {
        return Error::said("netwerk", "err.pair.refused", [("address", address.into())]);
    }
    if answer == REFUSED {
        return Error::said(
            "netwerk",
            "err.net.refusedUnproven",
            [("address", address.into())],
        );
    }
    Error::said(
        "netwerk",
        "err.net.refused",
        [
            ("address", address.into()),
            ("why", String::from_utf8_lossy(answer).into_owned().into()),
        ],
    )
}

/// One request: its status and answer (read within a deadline and the path's limit).
fn post_status(address: &str, path: &str, body: &[u8]) -> Result<(u16, Vec<u8>)> {
    let unreachable = |e: &dyn std::fmt::Display| {
        Error::said(
            "netwerk",
            "err.net.unreachable",
            [("address", address.into()), ("why", e.to_string().into())],
        )
    };
    let addr = address
        .to_socket_addrs()
        .map_err(|e| unreachable(&e))?
        .next()
        .ok_or_else(|| unreachable(&"no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| unreachable(&e))?;
    // One deadline for sending and for the whole answer (monotonic), and a limit on what
    // is read: a peer that answers slowly or endlessly costs bounded time and memory.
    let deadline = Instant::now() + TIMEOUT * 2 + body_deadline(body.len()) * 2;
    let _ = stream.set_write_timeout(Some(TIMEOUT * 4));
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\n{PROTOCOL_HEADER}: {PROTOCOL}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .and_then(|()| stream.write_all(body))
    .map_err(|e| unreachable(&e))?;
    let (status, protocol, answer) =
        read_answer(&stream, deadline, answer_limit(path)).map_err(|e| unreachable(&e))?;
    if status == 426 {
        return Err(protocol_mismatch(address, protocol));
    }
    Ok((status, answer))
}

/// What a desk says when a peer cannot speak its version of the exchange: which laptop
/// runs the older Balie and must be updated.
fn protocol_mismatch(address: &str, theirs: u32) -> Error {
    let key = if theirs > PROTOCOL {
        "err.format.newerPeer"
    } else {
        "err.format.olderPeer"
    };
    Error::said(
        "netwerk",
        key,
        [
            ("address", address.into()),
            ("theirs", theirs.to_string().into()),
            ("ours", PROTOCOL.to_string().into()),
        ],
    )
}

/// One proven request to the peer at `address`: a fresh challenge from `/hello`, then the
/// payload sealed in an envelope for that challenge, path and direction; the answer must
/// be sealed for the same challenge and path. A refusal the peer sealed says why.
fn request<D: LocalDesk, W>(with: &W, address: &str, path: &str, payload: &[u8]) -> Result<Vec<u8>>
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    let unreadable = || Error::said("netwerk", "err.net.unsigned", []);
    let challenge = post(address, "/hello", b"")?;
    let challenge = String::from_utf8(challenge)
        .ok()
        .filter(|c| c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(unreadable)?;
    let sealed =
        with(&mut |b: &mut D| b.seal_message(&envelope(&challenge, path, "request", payload)))?;
    let (status, answer) = post_status(address, path, &sealed)?;
    let direction = match status {
        200 => "response",
        409 => "error",
        _ => return Err(refused(address, &answer)),
    };
    let opened = with(&mut |b: &mut D| b.open_message(&answer))?;
    let (theirs, payload) = open_envelope(&opened, path, direction).ok_or_else(unreadable)?;
    if theirs != challenge {
        return Err(unreadable());
    }
    if status == 409 {
        return Err(refused(address, payload));
    }
    Ok(payload.to_vec())
}

/// Reads an HTTP answer: the status, the peer's [`PROTOCOL`] and at most `limit` bytes of
/// body, before `deadline`.
fn read_answer(
    stream: &TcpStream,
    deadline: Instant,
    limit: usize,
) -> std::result::Result<(u16, u32, Vec<u8>), String> {
    let mut reader = BufReader::new(Deadlined { stream, deadline });
    let mut head_left = MAX_HEAD;
    let mut line = |reader: &mut BufReader<Deadlined<'_>>| {
        head_line(reader, &mut head_left).map_err(|e| match e {
            BadRequest::TooSlow => "te traag".to_string(),
            _ => "onvolledig antwoord".to_string(),
        })
    };
    let first = line(&mut reader)?;
    let status: u16 = first
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("geen HTTP-antwoord")?;
    let mut length: Option<usize> = None;
    let mut protocol = 1;
    for _ in 0..=MAX_HEADERS {
        let header = line(&mut reader)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            } else if name.trim().eq_ignore_ascii_case(PROTOCOL_HEADER) {
                protocol = value.trim().parse().unwrap_or(1);
            }
        }
    }
    let too_large = || {
        if limit >= 1024 * 1024 {
            format!("antwoord groter dan {} MiB", limit / (1024 * 1024))
        } else {
            format!("antwoord groter dan {} KiB", limit / 1024)
        }
    };
    if length.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    reader
        .take(length.unwrap_or(limit + 1) as u64)
        .read_to_end(&mut body)
        .map_err(|e| e.to_string())?;
    if body.len() > limit {
        return Err(too_large());
    }
    if length.is_some_and(|n| n != body.len()) {
        return Err("onvolledig antwoord".into());
    }
    Ok((status, protocol, body))
}

/// One exchange with the peer at `address`: send what it lacks, fetch what we lack. `with`
/// runs a function on our desk under the host's lock (never held while waiting on the
/// network).
pub fn exchange<D: LocalDesk, W>(address: &str, with: W) -> PeerStatus
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    let mut status = PeerStatus {
        address: address.to_string(),
        ..PeerStatus::default()
    };
    let json = |e: serde_json::Error| Error::Internal(e.to_string());
    let result = (|| -> Result<()> {
        // In rounds, each a part at most: fetch what we lack (the answer also says what the
        // peer has), then send a part of what it lacks, until neither side is left a part.
        for _ in 0..PULL_PARTS {
            let have = with(&mut |b: &mut D| {
                let have = Have {
                    congress_id: b.congress_id()?,
                    vector: b.version_vector()?,
                };
                serde_json::to_vec(&have).map_err(json)
            })?;
            let bundle = request(&with, address, "/pull", &have)?;
            let report = with(&mut |b: &mut D| {
                serde_json::to_vec(&b.import_bundle(&bundle)?).map_err(json)
            })?;
            let report: crate::wire::sync::BundleReport =
                serde_json::from_slice(&report).map_err(json)?;
            status.desk_name = Some(report.from_desk_name.clone());
            status.desk_id = Some(report.from_desk.clone());
            status.received += report.new;
            status.clock_offset_s = report.clock_offset_s;
            let theirs = report.sender_vector;
            // What the peer lacks, from the vector this round asked with (what it sent us
            // in between it has); a part of it is exported only when there is any.
            let ours: Have = serde_json::from_slice(&have).map_err(json)?;
            let count: i64 = ours
                .vector
                .iter()
                .map(|(desk, seq)| (seq - theirs.get(desk).copied().unwrap_or(0)).max(0))
                .sum();
            let mut pushed = 0;
            if count > 0 {
                let part = with(&mut |b: &mut D| b.export_bundle_part(&theirs, PULL_PART))?;
                let sent: crate::wire::sync::BundleReport =
                    serde_json::from_slice(&request(&with, address, "/bundle", &part)?)
                        .map_err(json)?;
                status.sent += sent.new;
                pushed = sent.received;
            }
            let more_here = count > pushed;
            let more_there = usize::try_from(report.received).unwrap_or(0) >= PULL_PART;
            if !more_here && !more_there {
                break;
            }
        }
        status.their_vector = serde_json::from_slice(&with(&mut |b: &mut D| {
            serde_json::to_vec(&b.version_vector()?).map_err(json)
        })?)
        .map_err(json)?;
        status.last_exchange = Some(
            with(&mut |b: &mut D| Ok(b.now().into_bytes()))
                .map(|v| String::from_utf8_lossy(&v).to_string())?,
        );
        Ok(())
    })();
    if let Err(e) = result {
        status.error = Some(e.to_string());
        status.error_msg = Some(e.msg());
    }
    status
}

/// Where other desks reach a desk listening on `listen`: that address itself, or for a
/// wildcard (`0.0.0.0:7411`) the address of the interface towards the network (found by
/// asking the system for a route; nothing is sent), else that of the first interface that
/// is up and not loopback (a venue switch without a router), else loopback.
pub fn reachable_address(listen: &str) -> String {
    let Some((host, port)) = listen.rsplit_once(':') else {
        return listen.to_string();
    };
    if host != "0.0.0.0" && host != "[::]" && !host.is_empty() {
        return listen.to_string();
    }
    let routed = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    let ip = routed
        .or_else(|| {
            if_addrs::get_if_addrs()
                .ok()?
                .into_iter()
                .map(|i| i.ip())
                .find(|ip| ip.is_ipv4() && !ip.is_loopback())
        })
        .map_or_else(|| "127.0.0.1".to_string(), |ip| ip.to_string());
    format!("{ip}:{port}")
}

/// The file in the data folder with the desks this desk exchanges with (one address a
/// line), besides those given with `--peer`.
pub const PEERS_FILE: &str = "peers.txt";

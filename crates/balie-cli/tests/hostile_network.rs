//! A desk on a hostile venue network, against the real `balie-cli sync serve` on loopback
//! only: idle connections, a slowloris, an endless header line and a fake peer with an
//! endless answer cost bounded time and memory, and a real exchange still completes.
//! Attackers connect from other loopback addresses (127.0.0.x), as guests on the Wi-Fi
//! have addresses of their own. Every loop is bounded in count and time (monotonic).

mod common;

use common::{cli_at, stdout};
use socket2::{Domain, Socket, Type};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2023-12-08T09:00:00+01:00";

fn cli(dir: &Path, args: &[&str]) -> Output {
    cli_at(dir, NOW, args)
}

fn ok(o: &Output) -> String {
    stdout(o)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port()
}

/// Desk A serving on loopback (killed on drop) and desk B joined to it.
struct Desks {
    _a: tempfile::TempDir,
    b: tempfile::TempDir,
    server: Child,
    address: String,
}

impl Drop for Desks {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

fn desks() -> Desks {
    let a = tempfile::tempdir().expect("a");
    let b = tempfile::tempdir().expect("b");
    let files = tempfile::tempdir().expect("files");
    ok(&cli(
        a.path(),
        &[
            "attendees",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Vries",
            "--friday",
            "--staff",
            "Anna",
        ],
    ));
    let key = ok(&cli(a.path(), &["sync", "key"])).trim().to_string();
    let full = files.path().join("volledig.balie");
    let full = full.to_str().expect("path");
    ok(&cli(a.path(), &["bundle", "export", "--out", full]));
    ok(&cli(b.path(), &["sync", "join", "--key", &key, full]));
    let address = format!("127.0.0.1:{}", free_port());
    let server = Command::new(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(a.path())
        .args(["--now", NOW, "sync", "serve", "--listen", &address])
        .env_remove("BALIE_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let started = Instant::now();
    while TcpStream::connect(&address).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Desks {
        _a: a,
        b,
        server,
        address,
    }
}

/// A connection to `to` from the loopback address 127.0.0.`host`.
fn connect_from(host: u8, to: &str) -> TcpStream {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    let from: SocketAddr = format!("127.0.0.{host}:0").parse().expect("from");
    socket.bind(&from.into()).expect("bind 127.0.0.x");
    let to: SocketAddr = to.parse().expect("to");
    socket
        .connect_timeout(&to.into(), Duration::from_secs(5))
        .expect("connect");
    socket.into()
}

/// Whether the server closed `stream` within `limit`: a read returns 0 or fails.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let started = Instant::now();
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf = [0u8; 256];
    while started.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

fn exchange(d: &Desks) -> (Output, Duration) {
    let started = Instant::now();
    let out = cli(d.b.path(), &["sync", "exchange", "--peer", &d.address]);
    (out, started.elapsed())
}

#[test]
fn an_exchange_completes_while_idle_connections_and_a_slowloris_are_held_open() {
    let d = desks();
    // Eight idle connections from eight guests, and a slowloris sending a byte a second.
    let idle: Vec<TcpStream> = (10..18).map(|h| connect_from(h, &d.address)).collect();
    let mut slow = connect_from(20, &d.address);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dripping = {
        let stop = stop.clone();
        let mut s = slow.try_clone().expect("clone");
        std::thread::spawn(move || {
            let head = b"POST /pull HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            for (i, byte) in head.iter().cycle().enumerate() {
                if stop.load(std::sync::atomic::Ordering::Relaxed) || i > 60 {
                    return;
                }
                if s.write_all(&[*byte]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let (out, took) = exchange(&d);
    let text = ok(&out);
    assert!(text.starts_with("Uitgewisseld met"), "{text}");
    assert!(
        took <= Duration::from_secs(10),
        "the exchange took {took:?}"
    );
    // The slowloris is closed by its deadline, not held for a minute.
    assert!(
        closed_within(&mut slow, Duration::from_secs(15)),
        "the slowloris was not closed"
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = dripping.join();
    drop(idle);
}

#[test]
fn one_guest_gets_two_connections_and_the_rest_are_closed_at_once() {
    let d = desks();
    let mut held: Vec<TcpStream> = (0..10).map(|_| connect_from(30, &d.address)).collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut closed = 0;
    for s in &mut held {
        if closed_within(s, Duration::from_millis(600)) {
            closed += 1;
        }
    }
    assert!(closed >= 8, "only {closed} of 10 closed at once");
    let (out, took) = exchange(&d);
    ok(&out);
    assert!(took <= Duration::from_secs(10), "{took:?}");
}

#[test]
fn an_endless_header_line_is_cut_off_and_the_desk_keeps_serving() {
    let d = desks();
    let mut s = connect_from(40, &d.address);
    let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
    s.write_all(b"POST /pull HTTP/1.1\r\nX-Long: ")
        .expect("head");
    let chunk = vec![b'a'; 64 * 1024];
    let started = Instant::now();
    let mut sent = 0usize;
    // The server stops reading after its head limit; writing then fails or blocks.
    while sent < 512 * 1024 * 1024 && started.elapsed() < Duration::from_secs(10) {
        match s.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(
        sent < 64 * 1024 * 1024,
        "the server read {sent} bytes of one header"
    );
    let (out, _) = exchange(&d);
    ok(&out);
    // Still the same process.
    assert!(TcpStream::connect(&d.address).is_ok());
}

#[test]
fn unknown_paths_and_huge_bodies_are_refused_before_the_body_is_read() {
    let d = desks();
    for request in [
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_string(),
        "POST /pull HTTP/1.1\r\nContent-Length: 100000000000\r\n\r\n".to_string(),
        "POST /pull HTTP/1.1\r\nContent-Length: 70000\r\n\r\n".to_string(),
        "not http at all\r\n\r\n".to_string(),
    ] {
        let mut s = connect_from(50, &d.address);
        s.write_all(request.as_bytes()).expect("send");
        let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
        let mut answer = Vec::new();
        let _ = s.take(4096).read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.starts_with("HTTP/1.1 400") && answer.ends_with("geweigerd"),
            "{request:?} → {answer}"
        );
    }
}

/// One whole HTTP request from `client` (head, and body by Content-Length), or what came
/// before it closed or went quiet.
fn read_http_request(client: &mut TcpStream) -> Vec<u8> {
    let _ = client.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 65536];
    while let Ok(n) = client.read(&mut buf) {
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&request);
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if request.len() >= end + 4 + length {
                break;
            }
        }
    }
    request
}

/// A fake peer that answers every request with a huge or endless body.
fn fake_peer(answer: &'static [u8], endless: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                // The whole request first (a peer that answers early breaks the client's
                // write, which is another failure than the one tested here).
                let request = read_http_request(&mut s);
                // A challenge first, as a desk gives one; then the huge answer.
                if request.starts_with(b"POST /hello ") {
                    let _ = s.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 32\r\n\r\n0123456789abcdef0123456789abcdef",
                    );
                    return;
                }
                let _ = s.write_all(answer);
                let chunk = vec![b'x'; 1024 * 1024];
                let started = Instant::now();
                // At most 200 MiB or 20 s, whichever comes first.
                let mut sent = 0;
                while endless && sent < 200 && started.elapsed() < Duration::from_secs(20) {
                    if s.write_all(&chunk).is_err() {
                        return;
                    }
                    sent += 1;
                }
            });
        }
    });
    address
}

#[test]
fn a_fake_peer_with_a_huge_answer_costs_bounded_time_and_memory() {
    let d = desks();
    for (answer, endless) in [
        (
            &b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n"[..],
            false,
        ),
        (&b"HTTP/1.1 200 OK\r\n\r\n"[..], true),
    ] {
        let peer = fake_peer(answer, endless);
        let started = Instant::now();
        let out = cli(d.b.path(), &["sync", "exchange", "--peer", &peer]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("antwoord groter dan 64 MiB"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
    }
}

/// Forwards one connection from `listener` to `to`, keeping what the client sent.
fn recording_proxy(to: String) -> (String, std::sync::mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("addr").to_string();
    let (sent, recorded) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for client in listener.incoming().take(8) {
            let Ok(mut client) = client else { continue };
            let Ok(mut server) = TcpStream::connect(&to) else {
                return;
            };
            let _ = server.set_read_timeout(Some(Duration::from_secs(5)));
            let request = read_http_request(&mut client);
            let _ = server.write_all(&request);
            let mut answer = Vec::new();
            let _ = server.read_to_end(&mut answer);
            let _ = client.write_all(&answer);
            let _ = sent.send(request);
        }
    });
    (address, recorded)
}

#[test]
fn a_captured_pull_replayed_to_the_desk_gets_nothing() {
    let d = desks();
    let (proxy, recorded) = recording_proxy(d.address.clone());
    ok(&cli(d.b.path(), &["sync", "exchange", "--peer", &proxy]));
    let pull = recorded
        .iter()
        .take(8)
        .find(|r| r.starts_with(b"POST /pull "))
        .expect("a /pull went through the proxy");
    // The same bytes again, straight to the desk: refused, and nothing about why.
    let mut s = connect_from(60, &d.address);
    s.write_all(&pull).expect("replay");
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 400") && answer.ends_with("geweigerd"),
        "{answer}"
    );
}

#[test]
fn garbage_does_not_burn_a_pairing_code() {
    use std::io::BufRead;
    let desk = tempfile::tempdir().expect("desk");
    let new = tempfile::tempdir().expect("new");
    ok(&cli(desk.path(), &["--demo", "info"]));
    let address = format!("127.0.0.1:{}", free_port());
    let mut server = Command::new(env!("CARGO_BIN_EXE_balie-cli"))
        .arg("--data-dir")
        .arg(desk.path())
        .args([
            "--demo", "--now", NOW, "sync", "serve", "--listen", &address, "--pair",
        ])
        .env_remove("BALIE_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut lines = std::io::BufReader::new(server.stderr.take().expect("stderr")).lines();
    let announced = lines.next().expect("a line").expect("text");
    let qr = announced
        .split("QR-tekst ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .expect("qr text")
        .to_string();
    // Ten garbage starts from ten guests: none counts as a try.
    for guest in 70..80 {
        let mut s = connect_from(guest, &address);
        // Hex, but not a SPAKE2 message (the side byte is wrong).
        let body = format!("{{\"msg\": \"{}\"}}", "ff".repeat(33));
        let body = body.as_bytes();
        let _ = write!(
            s,
            "POST /pair/start HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(body);
        let mut answer = Vec::new();
        let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = s.read_to_end(&mut answer);
        assert!(String::from_utf8_lossy(&answer).ends_with("geweigerd"));
    }
    let paired = cli(new.path(), &["sync", "pair", "--address", &qr]);
    let _ = server.kill();
    let _ = server.wait();
    let text = ok(&paired);
    assert!(text.starts_with("Gekoppeld en aangesloten bij"), "{text}");
}

//! Pairing a new laptop with a desk by a short code, over the venue network.
//!
//! The desk that has the congress opens a pairing: an 8-digit code, valid for ten minutes
//! and for [`MAX_ATTEMPTS`] tries, shown with the desk's address as text and as a QR code
//! (`balie-koppel:ADRES:CODE`, which a keyboard-wedge scanner types into the join field).
//! The new laptop and the desk run SPAKE2 (a PAKE) on the code, so someone listening learns
//! nothing and someone pretending gets one guess per try, never an offline dictionary
//! attack. Each side proves it has the same session key (key confirmation) before the desk
//! sends anything; then the desk sends the congress key and a full bundle, encrypted under
//! the session key, and the code is used up. The new laptop joins in place with them
//! (`Balie::join_in_place` in the app layer).
//!
//! Messages are JSON over the same plain HTTP as the exchanges ([`crate::wire::lan`]):
//! `POST /pair/start` `{msg}` → `{session, msg, confirm}`; `POST /pair/finish`
//! `{session, confirm}` → the sealed secret.

use crate::domain::error::{Error, Result};
use crate::domain::message::Param;
use crate::wire::sync::{hex, hmac};
use serde::{Deserialize, Serialize};
use spake2::{Ed25519Group, Identity, Password, Spake2};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// How long a code is valid.
pub const VALID_FOR: Duration = Duration::from_secs(10 * 60);
/// Tries per code (each try is one guess for whoever tries).
pub const MAX_ATTEMPTS: u32 = 10;
/// The prefix of the text in the pairing QR code.
pub const QR_PREFIX: &str = "balie-koppel:";
pub(crate) const ID_NEW: &[u8] = b"balie: nieuwe balie";
pub(crate) const ID_DESK: &[u8] = b"balie: balie met het congres";

/// One try at an open code: from where, and when (local time, "10:02").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PairingTry {
    pub from: String,
    pub at: String,
}

/// What the desk shows while a pairing is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PairingOffer {
    /// The code as people read it: "1234 5678".
    pub code: String,
    /// Where the new laptop reaches this desk (`192.168.1.10:7411`).
    pub address: String,
    /// The text in the QR code.
    pub qr_text: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
    /// Tries left.
    pub attempts_left: u32,
    /// The tries so far, oldest first.
    pub tries: Vec<PairingTry>,
    /// Seconds until the code expires.
    #[ts(type = "number")]
    pub expires_in_s: u64,
}

/// The pairing as the desk's window shows it: the open code, and which laptop paired last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PairingStatus {
    pub offer: Option<PairingOffer>,
    /// "Bureau Balie 8140 om 15:21": the last laptop that paired with this desk.
    pub last_paired: Option<String>,
}

/// An open pairing on the desk (in memory: a restart closes it).
pub(crate) struct Pairing {
    pub(crate) code: String,
    pub(crate) address: String,
    /// The QR code's text and image (made once, when the code is opened).
    pub(crate) qr_text: String,
    pub(crate) qr_svg: String,
    pub(crate) opened: Instant,
    pub(crate) valid_for: Duration,
    /// Sessions started and not yet finished: id → (session key, transcript).
    pub(crate) sessions: Vec<(String, [u8; 32], Vec<u8>)>,
    /// Every try counted: from where and when (monotonic, for the rate limits; the wall
    /// time as staff read it).
    pub(crate) tries: Vec<(PairingTry, Instant)>,
    /// The rate limits: per address and in total ([`TRIES_PER_ADDRESS`], [`TRIES_IN_TOTAL`]).
    pub(crate) rate: (usize, usize),
}

/// Tries within [`RATE_WINDOW`] from one address, at most.
pub const TRIES_PER_ADDRESS: usize = 3;
/// Tries within [`RATE_WINDOW`] from all addresses together, at most.
pub const TRIES_IN_TOTAL: usize = 6;
/// The window of the rate limits (monotonic clock).
pub const RATE_WINDOW: Duration = Duration::from_secs(60);

impl Pairing {
    /// The tries counted so far (every try is kept, so this is never stored apart).
    pub(crate) fn attempts(&self) -> u32 {
        u32::try_from(self.tries.len()).unwrap_or(u32::MAX)
    }

    /// Whether one more try from `from` stays within the rate limits.
    pub(crate) fn within_rate(&self, from: &str) -> bool {
        let recent = || self.tries.iter().filter(|t| t.1.elapsed() < RATE_WINDOW);
        recent().count() < self.rate.1
            && recent().filter(|t| t.0.from == from).count() < self.rate.0
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StartRequest {
    pub(crate) msg: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StartAnswer {
    pub(crate) session: String,
    pub(crate) msg: String,
    pub(crate) confirm: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct FinishRequest {
    pub(crate) session: String,
    pub(crate) confirm: String,
    /// The new laptop's desk name, for the desk's window.
    #[serde(default)]
    pub(crate) desk_name: String,
}

/// What the new laptop receives.
pub struct Paired {
    pub key_code: String,
    pub bundle: Vec<u8>,
}

pub(crate) fn refuse<const N: usize>(key: &str, params: [(&str, Param); N]) -> Error {
    Error::said("koppelen", key, params)
}

pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
    Ok(b)
}

pub(crate) fn unhex(text: &str, what: &str) -> Result<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(refuse("err.pair.unreadable", [("what", what.into())]));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| refuse("err.pair.unreadable", [("what", what.into())]))
}

/// The code's 8 digits from what someone typed ("1234 5678", "1234-5678").
pub fn parse_code(text: &str) -> Result<String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        return Err(refuse("err.pair.codeEmpty", []));
    }
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(refuse(
            "err.pair.codeDigit",
            [("char", c.to_string().into())],
        ));
    }
    if digits.len() != 8 {
        return Err(refuse(
            "err.pair.codeLength",
            [("count", digits.len().into())],
        ));
    }
    Ok(digits)
}

/// Address and code from the scanned QR text, or from the two typed fields.
pub fn parse_target(address_or_qr: &str, code: &str) -> Result<(String, String)> {
    let text = address_or_qr.trim();
    if let Some(rest) = text
        .get(..QR_PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(QR_PREFIX))
        .map(|_| &text[QR_PREFIX.len()..])
    {
        // ADRES:POORT:CODE
        let incomplete = || refuse("err.pair.qr", []);
        let (address, code) = rest.rsplit_once(':').ok_or_else(incomplete)?;
        if !address.contains(':') {
            return Err(incomplete());
        }
        return Ok((parse_address(address)?, parse_code(code)?));
    }
    Ok((parse_address(text)?, parse_code(code)?))
}

pub(crate) fn parse_address(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(refuse("err.pair.addressEmpty", []));
    }
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| refuse("err.pair.port", [("address", text.into())]))?;
    if host.is_empty() || port.parse::<u16>().is_err() {
        return Err(refuse("err.pair.address", [("address", text.into())]));
    }
    Ok(text.to_string())
}

pub(crate) fn qr_svg(text: &str) -> Result<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| Error::Internal(format!("QR-code maken mislukt: {e}")))?;
    let n = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = n + 2 * quiet;
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % n + quiet, i / n + quiet));
        }
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// The confirmation each side sends: proves it holds the session key of this transcript.
pub(crate) fn confirmation(session_key: &[u8], side: &[u8], transcript: &[u8]) -> [u8; 32] {
    let mut m = side.to_vec();
    m.extend_from_slice(transcript);
    hmac(session_key, &m)
}

pub(crate) fn seal_key(session_key: &[u8]) -> [u8; 32] {
    hmac(session_key, b"balie: koppelen, geheim versleutelen")
}

/// The new laptop's side (named `desk_name`): runs the exchange with the desk at `address`
/// and returns the congress key and a full bundle. Nothing is written here.
pub fn pair(address: &str, code: &str, desk_name: &str) -> Result<Paired> {
    let (state, msg_new) = Spake2::<Ed25519Group>::start_a(
        &Password::new(code.as_bytes()),
        &Identity::new(ID_NEW),
        &Identity::new(ID_DESK),
    );
    let start = serde_json::to_vec(&StartRequest { msg: hex(&msg_new) })
        .map_err(|e| Error::Internal(e.to_string()))?;
    let answer: StartAnswer =
        serde_json::from_slice(&crate::wire::lan::post(address, "/pair/start", &start)?).map_err(
            |e| {
                refuse(
                    "err.pair.unreadableAnswer",
                    [("address", address.into()), ("why", e.to_string().into())],
                )
            },
        )?;
    let msg_desk = unhex(&answer.msg, "antwoord")?;
    let key = state.finish(&msg_desk).map_err(|e| {
        refuse(
            "err.pair.badAnswer",
            [
                ("address", address.into()),
                ("why", format!("{e:?}").into()),
            ],
        )
    })?;
    let mut transcript = msg_new;
    transcript.extend_from_slice(&msg_desk);
    if hex(&confirmation(&key, b"balie", &transcript)) != answer.confirm {
        return Err(refuse(
            "err.pair.wrongCodeAt",
            [("address", address.into())],
        ));
    }
    let finish = serde_json::to_vec(&FinishRequest {
        session: answer.session,
        confirm: hex(&confirmation(&key, b"nieuw", &transcript)),
        desk_name: desk_name.to_string(),
    })
    .map_err(|e| Error::Internal(e.to_string()))?;
    let sealed = crate::wire::lan::post(address, "/pair/finish", &finish)?;
    let secret = crate::wire::sync::aead_open(&seal_key(&key), b"balie-koppel 1", &sealed)
        .ok_or_else(|| refuse("err.pair.changed", [("address", address.into())]))?;
    if secret.len() < 32 {
        return Err(refuse("err.pair.incomplete", [("address", address.into())]));
    }
    let (key, bundle) = secret.split_at(32);
    let key: [u8; 32] = key
        .try_into()
        .map_err(|_| Error::Internal("sleutel met onverwachte lengte".into()))?;
    Ok(Paired {
        key_code: crate::wire::sync::key_code(&key),
        bundle: bundle.to_vec(),
    })
}

/// A pairing checked against this laptop and ready to talk to the desk: [`PairingRequest::run`]
/// needs no access to the laptop's data, so a host can let go of it meanwhile (the window
/// stays usable while the network is slow).
#[derive(Debug, Clone)]
pub struct PairingRequest {
    pub(crate) address: String,
    pub(crate) code: String,
    pub(crate) desk_name: String,
}

impl PairingRequest {
    /// The key exchange with the desk and the congress it sends (see [`pair`]).
    pub fn run(&self) -> Result<Paired> {
        pair(&self.address, &self.code, &self.desk_name)
    }
}

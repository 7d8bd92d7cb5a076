//! The desk's side of `wire::pairing`: what it reads from and writes to this desk's database.

use crate::app::Balie;
use crate::domain::error::{Error, Result};
use crate::wire::pairing::*;
use crate::wire::sync::{hex, VersionVector};
use spake2::{Ed25519Group, Identity, Password, Spake2};
use std::time::{Duration, Instant};

impl Balie {
    /// Opens a pairing on this desk (a new code replaces an open one). `address` is where
    /// the new laptop reaches this desk.
    pub fn open_pairing(&mut self, address: &str) -> Result<PairingOffer> {
        let address = parse_address(address)?;
        self.key()?;
        let n = u64::from_le_bytes(random::<8>()?) % 100_000_000;
        let code = format!("{n:08}");
        let qr_text = format!("{QR_PREFIX}{address}:{code}");
        self.pairing = Some(Pairing {
            qr_svg: qr_svg(&qr_text)?,
            qr_text,
            code,
            address,
            opened: Instant::now(),
            valid_for: VALID_FOR,
            sessions: Vec::new(),
            tries: Vec::new(),
            rate: (TRIES_PER_ADDRESS, TRIES_IN_TOTAL),
        });
        self.pairing_offer()?
            .ok_or_else(|| Error::Internal("koppeling niet geopend".into()))
    }

    /// The open pairing, if any (an expired or used-up one is closed here).
    pub fn pairing_offer(&mut self) -> Result<Option<PairingOffer>> {
        Ok(self.open_pairing_now().map(|p| PairingOffer {
            code: format!("{} {}", &p.code[..4], &p.code[4..]),
            address: p.address.clone(),
            qr_text: p.qr_text.clone(),
            qr_svg: p.qr_svg.clone(),
            attempts_left: MAX_ATTEMPTS.saturating_sub(p.attempts()),
            tries: p.tries.iter().map(|t| t.0.clone()).collect(),
            expires_in_s: p.valid_for.saturating_sub(p.opened.elapsed()).as_secs(),
        }))
    }

    /// The pairing while it takes new tries; an expired one is closed here. A code with
    /// every try counted takes no more, but stays until it expires for the tries under way
    /// to finish (so the last of the [`MAX_ATTEMPTS`] tries can succeed too).
    fn open_pairing_now(&mut self) -> Option<&mut Pairing> {
        self.pairing_for_finish()
            .filter(|p| p.attempts() < MAX_ATTEMPTS)
    }

    /// The pairing while it has not expired (a try under way may finish).
    fn pairing_for_finish(&mut self) -> Option<&mut Pairing> {
        if self
            .pairing
            .as_ref()
            .is_some_and(|p| p.opened.elapsed() >= p.valid_for)
        {
            self.pairing = None;
        }
        self.pairing.as_mut()
    }

    /// The open code (if any) and the laptop that paired last.
    pub fn pairing_status(&mut self) -> Result<PairingStatus> {
        Ok(PairingStatus {
            offer: self.pairing_offer()?,
            last_paired: self.last_paired.clone(),
        })
    }

    /// Closes the open pairing.
    pub fn close_pairing(&mut self) {
        self.pairing = None;
    }

    /// For tests: let the open pairing expire now.
    #[doc(hidden)]
    pub fn expire_pairing(&mut self) {
        if let Some(p) = &mut self.pairing {
            p.valid_for = Duration::ZERO;
        }
    }

    /// For tests that make every try from one address: no rate limits on the open pairing.
    #[doc(hidden)]
    pub fn lift_pairing_rate_limits(&mut self) {
        if let Some(p) = &mut self.pairing {
            p.rate = (usize::MAX, usize::MAX);
        }
    }

    fn open_pairing_or_refuse(&mut self) -> Result<&mut Pairing> {
        self.open_pairing_now()
            .ok_or_else(|| refuse("err.pair.noneOpen", []))
    }

    /// `POST /pair/start`: one try (counted), answered with the desk's SPAKE2 message and
    /// its confirmation.
    /// Garbage (not JSON, not a SPAKE2 message) is refused without counting; a try over the
    /// rate limits ([`TRIES_PER_ADDRESS`], [`TRIES_IN_TOTAL`]) is refused without counting.
    pub(crate) fn pairing_start(&mut self, from: &str, body: &[u8]) -> Result<Vec<u8>> {
        let request: StartRequest = serde_json::from_slice(body)
            .map_err(|e| refuse("err.net.unreadable", [("why", e.to_string().into())]))?;
        let msg_new = unhex(&request.msg, "start")?;
        let wall = {
            let offset = self.programme()?.congress.info.utc_offset;
            crate::domain::clock::local_hhmm(
                &crate::domain::clock::rfc3339(self.store().clock().now()),
                &offset,
            )
        };
        let p = self.open_pairing_or_refuse()?;
        if p.attempts() >= MAX_ATTEMPTS {
            return Err(refuse("err.pair.noneOpen", []));
        }
        if !p.within_rate(from) {
            return Err(refuse("err.pair.tooFast", []));
        }
        let (state, msg_desk) = Spake2::<Ed25519Group>::start_b(
            &Password::new(p.code.as_bytes()),
            &Identity::new(ID_NEW),
            &Identity::new(ID_DESK),
        );
        let key = state
            .finish(&msg_new)
            .map_err(|e| refuse("err.pair.badMessage", [("why", format!("{e:?}").into())]))?;
        // A well-formed try: it counts.
        p.tries.push((
            PairingTry {
                from: from.to_string(),
                at: wall,
            },
            Instant::now(),
        ));
        let key: [u8; 32] = key
            .try_into()
            .map_err(|_| Error::Internal("sessiesleutel met onverwachte lengte".into()))?;
        let mut transcript = msg_new;
        transcript.extend_from_slice(&msg_desk);
        let session = hex(&random::<16>()?);
        let answer = StartAnswer {
            session: session.clone(),
            msg: hex(&msg_desk),
            confirm: hex(&confirmation(&key, b"balie", &transcript)),
        };
        p.sessions.push((session, key, transcript));
        if p.sessions.len() > MAX_ATTEMPTS as usize {
            p.sessions.remove(0);
        }
        serde_json::to_vec(&answer).map_err(|e| Error::Internal(e.to_string()))
    }

    /// `POST /pair/finish`: the new laptop's confirmation; when it holds, the congress key
    /// and a full bundle, sealed under the session key, and the code is used up.
    pub(crate) fn pairing_finish(&mut self, body: &[u8]) -> Result<Vec<u8>> {
        let request: FinishRequest = serde_json::from_slice(body)
            .map_err(|e| refuse("err.net.unreadable", [("why", e.to_string().into())]))?;
        let p = self
            .pairing_for_finish()
            .ok_or_else(|| refuse("err.pair.noneOpen", []))?;
        let Some(at) = p.sessions.iter().position(|s| s.0 == request.session) else {
            return Err(refuse("err.pair.unknownSession", []));
        };
        let (_, key, transcript) = p.sessions.remove(at);
        let expected = hex(&confirmation(&key, b"nieuw", &transcript));
        if expected != request.confirm {
            return Err(refuse("err.pair.wrongCode", []));
        }
        self.pairing = None;
        let offset = self.programme()?.congress.info.utc_offset;
        let at = crate::domain::clock::local_hhmm(
            &crate::domain::clock::rfc3339(self.store().clock().now()),
            &offset,
        );
        let name = request.desk_name.trim();
        self.last_paired = Some(format!(
            "{} om {at}",
            if name.is_empty() {
                "een nieuwe balie"
            } else {
                name
            }
        ));
        let bundle = self.export_bundle(&VersionVector::new())?;
        let mut secret = self.key()?.to_vec();
        secret.extend_from_slice(&bundle);
        crate::wire::sync::aead_seal(&seal_key(&key), b"balie-koppel 1", &secret)
    }
}

impl Balie {
    /// Pairs this freshly installed laptop with the desk at `address` by its code and joins
    /// the congress in place (see [`Balie::join_in_place`]). Network work happens before
    /// anything is written; a wrong code changes nothing.
    pub fn pair_in_place(&mut self, address_or_qr: &str, code: &str) -> Result<()> {
        let request = self.prepare_pairing(address_or_qr, code)?;
        let paired = request.run()?;
        self.finish_pairing(&request, &paired)
    }

    /// The first step of [`Balie::pair_in_place`]: the typed or scanned input checked, and
    /// this laptop checked to be fresh.
    pub fn prepare_pairing(&self, address_or_qr: &str, code: &str) -> Result<PairingRequest> {
        let (address, code) = parse_target(address_or_qr, code)?;
        self.refuse_own_data()?;
        Ok(PairingRequest {
            address,
            code,
            desk_name: self.app_info()?.desk_name,
        })
    }

    /// The last step: join with what the desk sent, and exchange with it from now on.
    /// Checks again that the laptop is fresh (it was not held while the desk answered).
    pub fn finish_pairing(&mut self, request: &PairingRequest, paired: &Paired) -> Result<()> {
        self.refuse_own_data()?;
        self.join_in_place(&paired.key_code, &paired.bundle)?;
        self.peers_set_aside.remove(&request.address);
        self.remember_peer(&request.address)
    }
}

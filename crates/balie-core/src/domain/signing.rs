//! Every event is signed by the desk that wrote it (Ed25519), so no holder of the congress
//! key can write as another desk or another staff member.
//!
//! What is signed is a digest of the event in which each personal field (the staff member,
//! and every text in the payload) enters only as a salted commitment: `SHA-256(salt_i ‖
//! text)`, with `salt_i` derived from the event's own random salt. The salt is kept beside
//! the event. When the AVG requires a field to be erased, the field is dropped and its
//! commitment kept in its place ([`FieldProof::Erased`]), with the salts of the other fields
//! kept instead of the event's salt: the signature still verifies, and the commitment of an
//! erased field cannot be tried against guesses ("vegetarisch"), because its salt is gone.
//!
//! Events written before signatures existed carry no salt and no signature: they are legacy,
//! kept and shown as unsigned.

use crate::domain::events::EventRecord;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// Bytes of an event's salt.
pub const SALT_BYTES: usize = 16;

/// How the salts of an event's fields are known.
pub enum Salts<'a> {
    /// The event's salt, from which every field's salt is derived (the normal case).
    Event(&'a [u8; SALT_BYTES]),
    /// After an erasure: per field (in digest order) its salt, or the commitment that
    /// stands for an erased field.
    Fields(&'a [FieldProof]),
}

/// One field's part of the digest after an erasure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProof {
    Open([u8; SALT_BYTES]),
    Erased([u8; 32]),
}

/// The digest of `ev` that its desk signs. `None` when the payload is not JSON or a field
/// proof is missing.
pub fn digest(ev: &EventRecord, salts: &Salts<'_>) -> Option<[u8; 32]> {
    let mut d = Digester {
        hash: Sha256::new(),
        salts,
        field: 0,
        failed: false,
    };
    d.hash.update(b"balie gebeurtenis 1\0");
    for text in [
        ev.id.as_str(),
        ev.desk_id.as_str(),
        ev.wall_time.as_str(),
        ev.desk_name.as_str(),
        ev.kind.as_str(),
        ev.subject.as_str(),
        ev.prev.as_deref().unwrap_or(""),
    ] {
        d.plain(text.as_bytes());
    }
    d.hash.update(ev.seq.to_be_bytes());
    d.hash.update(ev.hlc.to_be_bytes());
    d.personal(&ev.staff);
    let payload: serde_json::Value = serde_json::from_str(&ev.payload).ok()?;
    d.value(&payload);
    (!d.failed).then(|| d.hash.finalize().into())
}

/// The salt of field `i` (in digest order) of an event with salt `salt`.
pub fn field_salt(salt: &[u8; SALT_BYTES], i: u32) -> [u8; SALT_BYTES] {
    let mut h = Sha256::new();
    h.update(b"balie veld\0");
    h.update(salt);
    h.update(i.to_be_bytes());
    let full: [u8; 32] = h.finalize().into();
    let mut out = [0u8; SALT_BYTES];
    out.copy_from_slice(&full[..SALT_BYTES]);
    out
}

/// The commitment to a personal field's text under its salt.
pub fn commitment(field_salt: &[u8; SALT_BYTES], text: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(field_salt);
    h.update(text.as_bytes());
    h.finalize().into()
}

/// The proofs that stand in for an event's salt after the personal fields at `erase`
/// (indexes in digest order) are erased: the salts of the others, the commitments of
/// those. `None` when the payload is not JSON.
pub fn proofs_after_erasing(
    ev: &EventRecord,
    salt: &[u8; SALT_BYTES],
    erase: &[u32],
) -> Option<Vec<FieldProof>> {
    let texts = personal_fields(ev)?;
    Some(
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let i = i as u32;
                let s = field_salt(salt, i);
                if erase.contains(&i) {
                    FieldProof::Erased(commitment(&s, text))
                } else {
                    FieldProof::Open(s)
                }
            })
            .collect(),
    )
}

/// The personal fields of `ev` in digest order: the staff member, then every text of the
/// payload (object keys sorted).
pub fn personal_fields(ev: &EventRecord) -> Option<Vec<String>> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => {
                let mut keys: Vec<&String> = o.keys().collect();
                keys.sort();
                for k in keys {
                    walk(&o[k], out);
                }
            }
            _ => {}
        }
    }
    let payload: serde_json::Value = serde_json::from_str(&ev.payload).ok()?;
    let mut out = vec![ev.staff.clone()];
    walk(&payload, &mut out);
    Some(out)
}

struct Digester<'a> {
    hash: Sha256,
    salts: &'a Salts<'a>,
    field: u32,
    failed: bool,
}

impl Digester<'_> {
    /// A length-prefixed field that is not personal.
    fn plain(&mut self, bytes: &[u8]) {
        self.hash.update((bytes.len() as u64).to_be_bytes());
        self.hash.update(bytes);
    }

    fn personal(&mut self, text: &str) {
        let i = self.field;
        self.field += 1;
        let c = match self.salts {
            Salts::Event(salt) => commitment(&field_salt(salt, i), text),
            Salts::Fields(proofs) => match proofs.get(i as usize) {
                Some(FieldProof::Open(s)) => commitment(s, text),
                Some(FieldProof::Erased(c)) => *c,
                None => {
                    self.failed = true;
                    return;
                }
            },
        };
        self.hash.update(b"p");
        self.hash.update(c);
    }

    fn value(&mut self, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => self.hash.update(b"0"),
            serde_json::Value::Bool(b) => self.hash.update(if *b { b"t" } else { b"f" }),
            serde_json::Value::Number(n) => {
                self.hash.update(b"n");
                self.plain(n.to_string().as_bytes());
            }
            serde_json::Value::String(s) => self.personal(s),
            serde_json::Value::Array(a) => {
                self.hash.update(b"[");
                self.hash.update((a.len() as u64).to_be_bytes());
                for x in a {
                    self.value(x);
                }
            }
            serde_json::Value::Object(o) => {
                self.hash.update(b"{");
                self.hash.update((o.len() as u64).to_be_bytes());
                let mut keys: Vec<&String> = o.keys().collect();
                keys.sort();
                for k in keys {
                    self.plain(k.as_bytes());
                    self.value(&o[k]);
                }
            }
        }
    }
}

/// Fresh random salt for a new event.
pub fn new_salt() -> Option<[u8; SALT_BYTES]> {
    let mut salt = [0u8; SALT_BYTES];
    getrandom::fill(&mut salt).ok()?;
    Some(salt)
}

/// Signs `ev` (its `salt` and `prev` set) with `key`: sets `sig`.
pub fn sign(key: &SigningKey, ev: &mut EventRecord, salt: &[u8; SALT_BYTES]) -> Option<()> {
    let d = digest(ev, &Salts::Event(salt))?;
    ev.sig = Some(hex(&key.sign(&d).to_bytes()));
    Some(())
}

/// The salt of `ev`, when it has a well-formed one.
pub fn salt_of(ev: &EventRecord) -> Option<[u8; SALT_BYTES]> {
    unhex(ev.salt.as_deref()?)?.try_into().ok()
}

/// Whether `ev` is signed by `key` (salt and signature well formed, digest matching).
pub fn verify(ev: &EventRecord, key: &VerifyingKey) -> bool {
    prepared(ev, key).is_some_and(|(d, s, k)| k.verify_strict(&d, &s).is_ok())
}

fn prepared(ev: &EventRecord, key: &VerifyingKey) -> Option<([u8; 32], Signature, VerifyingKey)> {
    let salt = salt_of(ev)?;
    let sig: [u8; 64] = unhex(ev.sig.as_deref()?)?.try_into().ok()?;
    let d = digest(ev, &Salts::Event(&salt))?;
    Some((d, Signature::from_bytes(&sig), *key))
}

/// Per event whether it is signed by the key `key_of` gives for its desk (`false` when
/// there is none), verified in batches on every core: a batch that fails is checked one by
/// one, so one forged event does not hide which others are good.
pub fn verify_all(
    events: &[&EventRecord],
    key_of: impl Fn(&str) -> Option<VerifyingKey> + Sync,
) -> Vec<bool> {
    const BATCH: usize = 64;
    let batches: Vec<&[&EventRecord]> = events.chunks(BATCH).collect();
    let verdicts = crate::domain::parallel::map_at_least(
        &batches,
        crate::domain::parallel::cores(),
        2,
        |batch| {
            let prepared: Vec<Option<([u8; 32], Signature, VerifyingKey)>> = batch
                .iter()
                .map(|ev| key_of(&ev.desk_id).and_then(|k| prepared(ev, &k)))
                .collect();
            if prepared.iter().all(Option::is_some) {
                let (digests, sigs, keys): (Vec<[u8; 32]>, Vec<Signature>, Vec<VerifyingKey>) =
                    prepared.iter().flatten().fold(
                        (Vec::new(), Vec::new(), Vec::new()),
                        |(mut d, mut s, mut k), (dd, ss, kk)| {
                            d.push(*dd);
                            s.push(*ss);
                            k.push(*kk);
                            (d, s, k)
                        },
                    );
                let messages: Vec<&[u8]> = digests.iter().map(|d| d.as_slice()).collect();
                if ed25519_dalek::verify_batch(&messages, &sigs, &keys).is_ok() {
                    return vec![true; batch.len()];
                }
            }
            prepared
                .into_iter()
                .map(|p| p.is_some_and(|(d, s, k)| k.verify_strict(&d, &s).is_ok()))
                .collect()
        },
    );
    verdicts.into_iter().flatten().collect()
}

/// The public key of a desk from its hexadecimal form.
pub fn verifying_key(hex_text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = unhex(hex_text)?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// A short fingerprint of a desk's key for people to compare ("3F2A-91C0-…").
pub fn fingerprint(key: &VerifyingKey) -> String {
    let h: [u8; 32] = Sha256::digest(key.as_bytes()).into();
    hex(&h[..8])
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join("-")
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|p| {
            let d = |c: u8| char::from(c).to_digit(16);
            Some((d(p[0])? * 16 + d(p[1])?) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(payload: &str) -> EventRecord {
        EventRecord {
            id: "0190-a".into(),
            desk_id: "desk-a".into(),
            seq: 7,
            hlc: 123 << 16,
            wall_time: "2023-12-07T08:00:00Z".into(),
            desk_name: "Balie 1".into(),
            staff: "Sanne".into(),
            kind: "attendee.registered".into(),
            subject: "p1".into(),
            payload: payload.into(),
            salt: None,
            prev: Some("0190-9".into()),
            sig: None,
        }
    }

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    #[test]
    fn a_signed_event_verifies_and_any_change_breaks_it() {
        let salt = [5u8; SALT_BYTES];
        let mut ev =
            event(r#"{"first_name":"Fatma","last_name":"Yılmaz","days":[1,2],"vip":false}"#);
        ev.salt = Some(hex(&salt));
        sign(&key(1), &mut ev, &salt).expect("sign");
        assert!(verify(&ev, &key(1).verifying_key()));
        assert!(!verify(&ev, &key(2).verifying_key()), "another desk's key");
        // Key order in the JSON text does not matter; content does.
        let mut same = ev.clone();
        same.payload =
            r#"{"vip":false,"days":[1,2],"last_name":"Yılmaz","first_name":"Fatma"}"#.into();
        assert!(verify(&same, &key(1).verifying_key()));
        let k = key(1).verifying_key();
        for change in [
            |e: &mut EventRecord| e.staff = "Piet".into(),
            |e: &mut EventRecord| e.seq += 1,
            |e: &mut EventRecord| e.hlc += 1,
            |e: &mut EventRecord| e.desk_id = "desk-b".into(),
            |e: &mut EventRecord| e.prev = None,
            |e: &mut EventRecord| e.kind = "checkin.in".into(),
            |e: &mut EventRecord| e.payload = e.payload.replace("Fatma", "Fatima"),
            |e: &mut EventRecord| e.payload = e.payload.replace("[1,2]", "[2,1]"),
            |e: &mut EventRecord| e.payload = e.payload.replace("false", "true"),
            |e: &mut EventRecord| e.salt = Some(hex(&[6u8; SALT_BYTES])),
        ] {
            let mut bent = ev.clone();
            change(&mut bent);
            assert!(!verify(&bent, &k), "{bent:?}");
        }
        // Values cannot move between fields: the key names are in the digest.
        let mut moved = ev.clone();
        moved.payload =
            r#"{"first_name":"Yılmaz","last_name":"Fatma","days":[1,2],"vip":false}"#.into();
        assert!(!verify(&moved, &k));
    }

    #[test]
    fn an_erased_field_keeps_the_signature_and_hides_its_value() {
        let salt = [9u8; SALT_BYTES];
        let mut ev = event(
            r#"{"first_name":"Fatma","diet":"halal","organisation":"Bibliotheek Groningen"}"#,
        );
        ev.salt = Some(hex(&salt));
        sign(&key(3), &mut ev, &salt).expect("sign");
        let fields = personal_fields(&ev).expect("fields");
        // The staff member first, then the payload's texts with the keys sorted.
        assert_eq!(fields, ["Sanne", "halal", "Fatma", "Bibliotheek Groningen"]);
        let proofs = proofs_after_erasing(&ev, &salt, &[1]).expect("proofs");
        assert!(matches!(proofs[1], FieldProof::Erased(_)));
        let mut erased = ev.clone();
        erased.payload = erased.payload.replace("halal", "");
        erased.salt = None;
        let d = digest(&erased, &Salts::Fields(&proofs)).expect("digest");
        let sig: [u8; 64] = unhex(ev.sig.as_deref().expect("sig"))
            .expect("hex")
            .try_into()
            .expect("64");
        let k = key(3).verifying_key();
        assert!(k.verify_strict(&d, &Signature::from_bytes(&sig)).is_ok());
        // A field that was not erased still cannot be changed.
        let mut bent = erased;
        bent.payload = bent.payload.replace("Fatma", "Fatima");
        let d = digest(&bent, &Salts::Fields(&proofs)).expect("digest");
        assert!(k.verify_strict(&d, &Signature::from_bytes(&sig)).is_err());
        // The salt of the erased field is nowhere in the proofs.
        let erased_salt = field_salt(&salt, 1);
        assert!(!proofs.contains(&FieldProof::Open(erased_salt)));
    }

    #[test]
    fn batches_find_the_one_forged_event_among_many() {
        let k = key(4);
        let events: Vec<EventRecord> = (0..300)
            .map(|i| {
                let salt = [i as u8; SALT_BYTES];
                let mut ev = event(&format!(r#"{{"n":{i}}}"#));
                ev.seq = i;
                ev.salt = Some(hex(&salt));
                sign(&k, &mut ev, &salt).expect("sign");
                ev
            })
            .collect();
        let mut events = events;
        events[137].payload = r#"{"n":1000}"#.into();
        events[201].sig = None;
        let refs: Vec<&EventRecord> = events.iter().collect();
        let vk = k.verifying_key();
        let verdicts = verify_all(&refs, |_| Some(vk));
        let bad: Vec<usize> = (0..verdicts.len()).filter(|&i| !verdicts[i]).collect();
        assert_eq!(bad, [137, 201]);
        assert!(verify_all(&refs, |_| None).iter().all(|ok| !ok));
    }

    #[test]
    fn fingerprints_are_short_and_stable() {
        let f = fingerprint(&key(1).verifying_key());
        assert_eq!(f.len(), 19);
        assert_eq!(f, fingerprint(&key(1).verifying_key()));
        assert_ne!(f, fingerprint(&key(2).verifying_key()));
        assert_eq!(unhex(&hex(&[0, 15, 255])).expect("hex"), [0, 15, 255]);
        assert!(unhex("abc").is_none() && unhex("zz").is_none());
    }
}

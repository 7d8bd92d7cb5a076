//! A file's content as it crosses from a host into the core (base64 text, or an array of
//! numbers from scripts), and back out as base64.

/// A file's bytes as they cross from the window: base64 text (a large file parses as one
/// string, not as millions of numbers) or, from scripts, an array of numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, ts_rs::TS)]
pub struct Bytes(#[ts(type = "string")] pub Vec<u8>);

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// Standard base64 (RFC 4648, with or without padding); `None` for anything else.
pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let text = text.trim_end_matches('=').as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Bytes, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("de inhoud van een bestand (base64-tekst of een lijst bytes)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Bytes, E> {
                from_base64(v)
                    .map(Bytes)
                    .ok_or_else(|| E::custom("de inhoud van het bestand is geen geldige base64"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Standard base64 with padding (RFC 4648).
pub fn to_base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl serde::Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&to_base64(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_bytes_cross_as_base64_or_as_numbers() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("TQ==", b"M"),
            ("TWE", b"Ma"),
            ("TWFu", b"Man"),
            ("Vm9vcm5hYW07QWNodGVybmFhbQ0K", b"Voornaam;Achternaam\r\n"),
        ] {
            let got: Bytes = serde_json::from_value(serde_json::json!(text)).expect(text);
            assert_eq!(&got[..], bytes, "{text}");
        }
        let numbers: Bytes = serde_json::from_value(serde_json::json!([1, 2, 255])).expect("seq");
        assert_eq!(numbers.0, vec![1, 2, 255]);
        for n in 0..20usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(to_base64(&bytes).len() % 4, 0);
            assert_eq!(from_base64(&to_base64(&bytes)).as_deref(), Some(&bytes[..]));
            let text = serde_json::to_value(Bytes(bytes.clone())).expect("text");
            let back: Bytes = serde_json::from_value(text.clone()).expect("back");
            assert_eq!(back.0, bytes, "{text}");
        }
        assert_eq!(to_base64(b"Man"), "TWFu");
        assert_eq!(to_base64(b"Ma"), "TWE=");
        for bad in ["T", "T$==", "€€€€"] {
            assert!(
                serde_json::from_value::<Bytes>(serde_json::json!(bad)).is_err(),
                "{bad}"
            );
        }
    }
}

//! Badge codes: uppercase Crockford base32 (no I, L, O, U), 10 random characters and one
//! check character (Luhn mod 32 over the same alphabet, so a scanner or a keyboard layout
//! never has to produce a symbol outside it). 50 random bits: unguessable at congress scale.

use serde::{Deserialize, Serialize};

use crate::domain::error::{Error, Result};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const PAYLOAD_LEN: usize = 10;
pub const CODE_LEN: usize = PAYLOAD_LEN + 1;

fn value(c: u8) -> Option<u32> {
    // Crockford decoding folds look-alikes: O→0, I/L→1.
    let c = match c.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        c => c,
    };
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The Luhn mod 32 check character for `payload` (already valid symbols).
fn check_char(payload: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    let mut factor = 2u32;
    for &c in payload.iter().rev() {
        let v = value(c)? * factor;
        sum += v / 32 + v % 32;
        factor = if factor == 2 { 1 } else { 2 };
    }
    let check = (32 - sum % 32) % 32;
    Some(ALPHABET[check as usize])
}

/// Makes a code from 50 bits of randomness supplied by `random_u64`.
pub fn from_random(mut random_u64: impl FnMut() -> u64) -> String {
    let mut bits = random_u64();
    let mut out = Vec::with_capacity(CODE_LEN);
    for _ in 0..PAYLOAD_LEN {
        out.push(ALPHABET[(bits & 31) as usize]);
        bits >>= 5;
    }
    if let Some(c) = check_char(&out) {
        out.push(c);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A new code from the operating system's secure random source.
pub fn generate() -> Result<String> {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf)
        .map_err(|e| Error::Internal(format!("geen willekeurige bron beschikbaar: {e}")))?;
    Ok(from_random(|| u64::from_le_bytes(buf)))
}

/// Normalises what a person or scanner typed (case, spaces, dashes, look-alikes) and checks
/// the check character. Returns the canonical code.
pub fn normalise(input: &str) -> Option<String> {
    let cleaned: Vec<u8> = input
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'\t'))
        .collect();
    if cleaned.len() != CODE_LEN {
        return None;
    }
    let canonical: Vec<u8> = cleaned
        .iter()
        .map(|&c| value(c).map(|v| ALPHABET[v as usize]))
        .collect::<Option<_>>()?;
    let (payload, check) = canonical.split_at(PAYLOAD_LEN);
    (check_char(payload)? == check[0]).then(|| String::from_utf8(canonical).unwrap_or_default())
}

/// The payload of `badge.printed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BadgePrinted {
    pub attendee_id: String,
    pub printer: String,
    /// Why it was printed again; `None` for the first print.
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_validate_and_single_errors_are_caught() {
        let mut n = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..500 {
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let code = from_random(|| n);
            assert_eq!(code.len(), CODE_LEN);
            assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
            // Every single-character substitution is detected.
            let bytes = code.as_bytes();
            for pos in 0..CODE_LEN {
                for &sub in ALPHABET {
                    if sub == bytes[pos] {
                        continue;
                    }
                    let mut typo = bytes.to_vec();
                    typo[pos] = sub;
                    let typo = String::from_utf8(typo).expect("ascii");
                    assert_eq!(normalise(&typo), None, "{code} → {typo}");
                }
            }
        }
    }

    #[test]
    fn normalise_folds_case_dashes_and_look_alikes() {
        let code = from_random(|| 0x0123_4567_89AB_CDEF);
        let lower = code.to_lowercase();
        let dashed = format!("{}-{}", &lower[..5], &lower[5..]);
        assert_eq!(normalise(&dashed).as_deref(), Some(code.as_str()));
        assert_eq!(normalise("ABC"), None);
        assert!(generate().is_ok_and(|c| normalise(&c).is_some()));
    }
}

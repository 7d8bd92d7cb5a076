//! Vote weights as exact decimals: thousandths in an integer, never a float, so "1,5 + 2,25"
//! is exactly 3,75 and a quorum of "at least 2/3" is decided by integer arithmetic.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A vote weight in thousandths (1,5 is `Weight(1500)`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Weight(pub i64);

impl Weight {
    pub const ONE: Weight = Weight(1000);

    /// "1", "1,5", "0,25", "2.5" (a dot is read as a decimal point too), at most three
    /// decimals, not negative. `None` for anything else ("1.234,5", "-1", "abc").
    pub fn parse(text: &str) -> Option<Weight> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let (whole, frac) = match t.find([',', '.']) {
            Some(i) => (&t[..i], &t[i + 1..]),
            None => (t, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole)
            || !digits(frac)
            || frac.len() > 3
            || (whole.is_empty() && frac.is_empty())
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut milli = 0i64;
        for (n, b) in frac.bytes().enumerate() {
            milli += i64::from(b - b'0') * [100, 10, 1][n];
        }
        whole.checked_mul(1000)?.checked_add(milli).map(Weight)
    }

    /// "1", "1,5", "7,25": the Dutch way, without trailing zeros.
    pub fn dutch(self) -> String {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            return whole.to_string();
        }
        let f = format!("{frac:03}");
        format!("{whole},{}", f.trim_end_matches('0'))
    }
}

impl std::ops::Add for Weight {
    type Output = Weight;
    fn add(self, o: Weight) -> Weight {
        Weight(self.0 + o.0)
    }
}

impl std::ops::AddAssign for Weight {
    fn add_assign(&mut self, o: Weight) {
        self.0 += o.0;
    }
}

impl std::iter::Sum for Weight {
    fn sum<I: Iterator<Item = Weight>>(iter: I) -> Weight {
        iter.fold(Weight(0), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::Weight;

    #[test]
    fn parses_dutch_decimals_exactly() {
        for (text, milli) in [
            ("1", 1000),
            ("1,5", 1500),
            ("0,25", 250),
            ("2.5", 2500),
            (" 3 ", 3000),
            (",5", 500),
            ("0,001", 1),
            ("12,125", 12125),
        ] {
            assert_eq!(Weight::parse(text), Some(Weight(milli)), "{text}");
        }
        for bad in ["", "-1", "1,2345", "1.234,5", "abc", "1,5,0", ","] {
            assert_eq!(Weight::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn writes_dutch_decimals() {
        assert_eq!(Weight(1500).dutch(), "1,5");
        assert_eq!(Weight(7500).dutch(), "7,5");
        assert_eq!(Weight(2000).dutch(), "2");
        assert_eq!(Weight(250).dutch(), "0,25");
        assert_eq!(
            [Weight(1500), Weight(2250), Weight(1)]
                .into_iter()
                .sum::<Weight>(),
            Weight(3751)
        );
    }
}

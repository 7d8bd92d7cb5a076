//! Dutch names: folding for search, the Dutch sort order and the written forms:
//! "Rachel van den Hoogen" sorts under H and is listed
//! as "Hoogen, Rachel van den"; search ignores case, diacritics, apostrophes and hyphens,
//! and letters that do not decompose (ı, ø, ß, æ, œ, ł, đ, ĳ).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: lower case, diacritics stripped (NFKD), non-decomposing letters
/// mapped, apostrophes removed (O'Brien → obrien), every other non-alphanumeric character a
/// space, spaces collapsed.
const APOSTROPHES: &[char] = &['\'', '’', '‘', '`', '´', 'ʼ'];

pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    fold_unicode(text)
}

/// [`fold`] for plain ASCII, the common case: nothing decomposes, so no NFKD pass.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else if b != b'\'' && b != b'`' {
            pending_space = true;
        }
    }
    out
}

fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Apostrophes go before decomposition: NFKD turns ´ into a space and a mark.
    let without_apostrophes = text.chars().filter(|c| !APOSTROPHES.contains(c));
    for c in without_apostrophes.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ı' => "i",
            'ø' | 'Ø' => "o",
            'ß' | 'ẞ' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ĳ' | 'Ĳ' => "ij",
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
                continue;
            }
            _ => {
                pending_space = true;
                continue;
            }
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(mapped);
    }
    out
}

/// The words a search can match in `text`: the folded words, and for a part written with
/// hyphens or other joiners also the joined form ("Anne-Marie" → anne, marie, annemarie).
pub fn words(text: &str, into: &mut Vec<String>) {
    for chunk in text.split_whitespace() {
        let folded = fold(chunk);
        let mut parts = folded.split(' ').filter(|p| !p.is_empty()).peekable();
        let mut joined = String::new();
        let mut count = 0;
        while let Some(p) = parts.next() {
            into.push(p.to_string());
            joined.push_str(p);
            count += 1;
            if parts.peek().is_none() && count > 1 {
                into.push(joined.clone());
            }
        }
    }
}

/// The Dutch sort key: last name without tussenvoegsel, then first name, then tussenvoegsel.
pub fn sort_key(first: &str, tussenvoegsel: &str, last: &str) -> String {
    format!(
        "{}\u{1}{}\u{1}{}",
        fold(last),
        fold(first),
        fold(tussenvoegsel)
    )
}

/// "Hoogen, Rachel van den": the listing form in Dutch order.
pub fn listing_name(first: &str, tussenvoegsel: &str, last: &str) -> String {
    let rest = [first, tussenvoegsel]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if rest.is_empty() {
        last.to_string()
    } else {
        format!("{last}, {rest}")
    }
}

/// "Rachel van den Hoogen": the name as the person writes it.
pub fn written_name(first: &str, tussenvoegsel: &str, last: &str) -> String {
    [first, tussenvoegsel, last]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_folds_like_the_unicode_path() {
        let mut rng = crate::domain::demo::Rng::new(7);
        let alphabet: Vec<char> = (0u8..128).map(char::from).collect();
        for _ in 0..2_000 {
            let len = rng.below(24);
            let text: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
            assert_eq!(fold_ascii(&text), fold_unicode(&text), "{text:?}");
        }
        assert_eq!(
            fold("O'Brien  van 't Hof-Jansen"),
            "obrien van t hof jansen"
        );
    }

    #[test]
    fn folding_covers_the_letters_in_the_note() {
        assert_eq!(fold("Zoë Noël Citroën"), "zoe noel citroen");
        assert_eq!(fold("Yılmaz Øverland Groß"), "yilmaz overland gross");
        assert_eq!(fold("Æbelø Œuvre Łódź Đorđe"), "aebelo oeuvre lodz dorde");
        assert_eq!(fold("ĳsselstein IJsselstein"), "ijsselstein ijsselstein");
        assert_eq!(fold("Nguyễn Çelik"), "nguyen celik");
        assert_eq!(
            fold("O'Brien O’Brien O`Brien O´Brien"),
            "obrien obrien obrien obrien"
        );
        assert_eq!(fold("Anne-Marie  van 't Hof"), "anne marie van t hof");
        assert_eq!(fold("rachel@example.org"), "rachel example org");
    }

    #[test]
    fn words_include_joined_forms() {
        let mut w = Vec::new();
        words("Anne-Marie van 't Hof", &mut w);
        assert_eq!(w, ["anne", "marie", "annemarie", "van", "t", "hof"]);
    }

    #[test]
    fn dutch_order_ignores_the_tussenvoegsel() {
        let mut people = [
            ("Rachel", "van den", "Hoogen"),
            ("Anna", "", "Hendriks"),
            ("Bram", "de", "Jong"),
        ];
        people.sort_by_key(|(f, t, l)| sort_key(f, t, l));
        assert_eq!(people.map(|p| p.2), ["Hendriks", "Hoogen", "Jong"]);
        assert_eq!(
            listing_name("Rachel", "van den", "Hoogen"),
            "Hoogen, Rachel van den"
        );
        assert_eq!(
            written_name("Rachel", "van den", "Hoogen"),
            "Rachel van den Hoogen"
        );
    }
}

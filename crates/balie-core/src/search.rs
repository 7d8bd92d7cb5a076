//! The desk's one search box: names in any order, with or without the tussenvoegsel,
//! organisation, e-mail and badge code; folded (see [`crate::names`]); from the first
//! character. Results come in tiers (every query word matches a word exactly, then at least
//! as a word prefix, then at least as a substring) and within a tier in Dutch order.
//!
//! [`SearchIndex`] answers in well under a millisecond at 100k people; [`reference_search`]
//! is the plain definition it must agree with (a property test checks that).

use crate::names;
use std::collections::HashMap;

/// How well a query matched: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Exact = 0,
    Prefix = 1,
    Substring = 2,
}

/// What the index needs to know of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    pub id: String,
    pub first_name: String,
    pub tussenvoegsel: String,
    pub last_name: String,
    pub organisation: String,
    pub email: String,
    pub badge_code: String,
}

impl Searchable {
    fn words(&self) -> Vec<String> {
        let mut w = Vec::new();
        for field in [
            &self.first_name,
            &self.tussenvoegsel,
            &self.last_name,
            &self.organisation,
            &self.email,
            &self.badge_code,
        ] {
            names::words(field, &mut w);
        }
        // "Vandenhoogen": the Belgian habit writes the tussenvoegsel into the surname.
        if !self.tussenvoegsel.is_empty() {
            let joined: String = names::fold(&format!("{}{}", self.tussenvoegsel, self.last_name))
                .split(' ')
                .collect();
            w.push(joined);
        }
        // The whole e-mail address (folded) also counts as one word.
        let whole_email: String = names::fold(&self.email).split(' ').collect();
        if !whole_email.is_empty() {
            w.push(whole_email);
        }
        w.sort();
        w.dedup();
        w
    }

    fn sort_key(&self) -> (String, String) {
        (
            names::sort_key(&self.first_name, &self.tussenvoegsel, &self.last_name),
            self.id.clone(),
        )
    }
}

/// The query's words. Empty when nothing searchable was typed.
pub fn query_tokens(query: &str) -> Vec<String> {
    let mut t: Vec<String> = names::fold(query)
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    t.sort();
    t.dedup();
    t
}

/// The best match of `token` against a sorted word list.
fn token_tier(words: &[String], token: &str) -> Option<Tier> {
    let mut best = None;
    for w in words {
        let tier = if w == token {
            return Some(Tier::Exact);
        } else if w.starts_with(token) {
            Tier::Prefix
        } else if w.contains(token) {
            Tier::Substring
        } else {
            continue;
        };
        best = Some(best.map_or(tier, |b: Tier| b.min(tier)));
    }
    best
}

/// A person's tier for the query: the worst of its words' best matches.
fn person_tier(words: &[String], tokens: &[String]) -> Option<Tier> {
    let mut worst = Tier::Exact;
    for t in tokens {
        worst = worst.max(token_tier(words, t)?);
    }
    Some(worst)
}

/// The definition: score everyone, sort by (tier, Dutch order, id), keep `limit`.
pub fn reference_search(people: &[Searchable], query: &str, limit: usize) -> Vec<(String, Tier)> {
    let tokens = query_tokens(query);
    if tokens.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(Tier, (String, String))> = people
        .iter()
        .filter_map(|p| person_tier(&p.words(), &tokens).map(|t| (t, p.sort_key())))
        .collect();
    hits.sort();
    hits.into_iter()
        .take(limit)
        .map(|(t, (_, id))| (id, t))
        .collect()
}

/// People in Dutch order (their rank), a sorted dictionary of their words with posting lists
/// (ranks in ascending order), and character unigram/bigram indexes over the dictionary for
/// substrings.
#[derive(Debug, Default)]
pub struct SearchIndex {
    ids: Vec<String>,
    /// Each person's words as dictionary positions: `word_ids[word_start[r]..word_start[r + 1]]`.
    word_ids: Vec<u32>,
    word_start: Vec<u32>,
    dict: Vec<String>,
    postings: Vec<Vec<u32>>,
    /// Per character pair, the people with a word that contains it.
    bigrams: FastMap<(char, char), Bits>,
    /// Per character, the people with a word that contains it.
    unigrams: FastMap<char, Bits>,
}

impl SearchIndex {
    pub fn build(people: &[Searchable]) -> SearchIndex {
        SearchIndex::build_on(people, crate::parallel::cores())
    }

    /// [`SearchIndex::build`] on at most `threads` threads (one leaves the other cores to
    /// a transaction that runs meanwhile).
    pub fn build_on(people: &[Searchable], threads: usize) -> SearchIndex {
        // Folding every field is most of the work: split it over the cores.
        let prepared: Vec<(Vec<String>, (String, String))> =
            crate::parallel::map(people, threads, |p| (p.words(), p.sort_key()));
        let mut order: Vec<usize> = (0..people.len()).collect();
        order.sort_unstable_by(|&a, &b| prepared[a].1.cmp(&prepared[b].1));
        let ids: Vec<String> = order.iter().map(|&i| people[i].id.clone()).collect();

        // Each distinct word once, in order of first appearance; then sorted into the
        // dictionary through a permutation (no string search per person).
        let mut interned: FastMap<&str, u32> = FastMap::default();
        let mut first_seen: Vec<&str> = Vec::new();
        let mut word_ids = Vec::new();
        let mut word_start = Vec::with_capacity(order.len() + 1);
        for &i in &order {
            word_start.push(word_ids.len() as u32);
            for w in &prepared[i].0 {
                let id = *interned.entry(w.as_str()).or_insert_with(|| {
                    first_seen.push(w.as_str());
                    (first_seen.len() - 1) as u32
                });
                word_ids.push(id);
            }
        }
        word_start.push(word_ids.len() as u32);
        let mut by_text: Vec<u32> = (0..first_seen.len() as u32).collect();
        by_text.sort_unstable_by(|&a, &b| first_seen[a as usize].cmp(first_seen[b as usize]));
        let mut position = vec![0u32; first_seen.len()];
        for (pos, &id) in by_text.iter().enumerate() {
            position[id as usize] = pos as u32;
        }
        let dict: Vec<String> = by_text
            .iter()
            .map(|&id| first_seen[id as usize].to_string())
            .collect();
        for w in &mut word_ids {
            *w = position[*w as usize];
        }

        // Postings in ascending rank, because ranks are visited in order (a person's words
        // are distinct).
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); dict.len()];
        // Per dictionary word its distinct characters and character pairs, as dense ids.
        let mut unigram_ids: FastMap<char, u32> = FastMap::default();
        let mut bigram_ids: FastMap<(char, char), u32> = FastMap::default();
        let mut word_grams: Vec<Vec<u32>> = Vec::with_capacity(dict.len());
        for word in &dict {
            let chars: Vec<char> = word.chars().collect();
            let mut grams: Vec<u32> = Vec::with_capacity(chars.len() * 2);
            for &c in &chars {
                let next = unigram_ids.len() as u32;
                grams.push(*unigram_ids.entry(c).or_insert(next) * 2);
            }
            for p in chars.windows(2) {
                let next = bigram_ids.len() as u32;
                grams.push(*bigram_ids.entry((p[0], p[1])).or_insert(next) * 2 + 1);
            }
            grams.sort_unstable();
            grams.dedup();
            word_grams.push(grams);
        }
        let n = ids.len();
        let mut unigram_bits: Vec<Bits> = (0..unigram_ids.len()).map(|_| Bits::new(n)).collect();
        let mut bigram_bits: Vec<Bits> = (0..bigram_ids.len()).map(|_| Bits::new(n)).collect();
        for rank in 0..n {
            let (from, to) = (word_start[rank] as usize, word_start[rank + 1] as usize);
            for &w in &word_ids[from..to] {
                postings[w as usize].push(rank as u32);
                for &g in &word_grams[w as usize] {
                    let bits = if g % 2 == 0 {
                        &mut unigram_bits[(g / 2) as usize]
                    } else {
                        &mut bigram_bits[(g / 2) as usize]
                    };
                    bits.set(rank);
                }
            }
        }
        let mut unigram_bits: Vec<Option<Bits>> = unigram_bits.into_iter().map(Some).collect();
        let mut bigram_bits: Vec<Option<Bits>> = bigram_bits.into_iter().map(Some).collect();
        let unigrams = unigram_ids
            .into_iter()
            .filter_map(|(c, id)| Some((c, unigram_bits[id as usize].take()?)))
            .collect();
        let bigrams = bigram_ids
            .into_iter()
            .filter_map(|(p, id)| Some((p, bigram_bits[id as usize].take()?)))
            .collect();
        SearchIndex {
            ids,
            word_ids,
            word_start,
            dict,
            postings,
            bigrams,
            unigrams,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Dictionary positions of the words that start with `token` (a contiguous range).
    fn prefix_range(&self, token: &str) -> std::ops::Range<usize> {
        let lo = self.dict.partition_point(|w| w.as_str() < token);
        let hi = lo + self.dict[lo..].partition_point(|w| w.starts_with(token));
        lo..hi
    }

    /// Dictionary positions of the words that contain `token` anywhere.
    /// A superset of the people with a word containing `token`: those with every character
    /// pair of it (or, for one character, that character).
    fn substring_superset(&self, token: &str, into: &mut Bits) {
        let chars: Vec<char> = token.chars().collect();
        if chars.len() >= 2 {
            for p in chars.windows(2) {
                match self.bigrams.get(&(p[0], p[1])) {
                    Some(b) => into.and_in_place(b),
                    None => into.clear(),
                }
            }
        } else if let Some(c) = chars.first() {
            match self.unigrams.get(c) {
                Some(b) => into.and_in_place(b),
                None => into.clear(),
            }
        }
    }

    fn has_word_containing(&self, rank: u32, token: &str) -> bool {
        let r = rank as usize;
        let (from, to) = (self.word_start[r] as usize, self.word_start[r + 1] as usize);
        self.word_ids[from..to]
            .iter()
            .any(|&w| self.dict[w as usize].contains(token))
    }

    /// The people (as a bitset of ranks) with any of the words at `dict_words`.
    fn people_with(&self, dict_words: impl Iterator<Item = usize>) -> Bits {
        let mut bits = Bits::new(self.ids.len());
        for w in dict_words {
            for &rank in &self.postings[w] {
                bits.set(rank as usize);
            }
        }
        bits
    }

    /// The top `limit` ids for `query` with their tiers; equal to [`reference_search`].
    ///
    /// Per query word a bitset of the people it matches exactly and one of those it matches
    /// at least as a prefix (from contiguous dictionary ranges); their intersections are the
    /// exact tier and the prefix tier. Only when those hold fewer than `limit` people are the
    /// substring matches gathered (through the bigram index). Ranks are Dutch order, so
    /// scanning set bits upwards yields each tier already sorted.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(String, Tier)> {
        let tokens = query_tokens(query);
        if tokens.is_empty() || limit == 0 || self.ids.is_empty() {
            return Vec::new();
        }
        let mut exact: Option<Bits> = None;
        let mut prefix: Option<Bits> = None;
        for t in &tokens {
            let range = self.prefix_range(t);
            let e = self.people_with(range.clone().take(1).filter(|&w| self.dict[w] == *t));
            let p = self.people_with(range);
            exact = Some(exact.map_or(e.clone(), |x| x.and(&e)));
            prefix = Some(prefix.map_or(p.clone(), |x| x.and(&p)));
        }
        let (Some(exact), Some(prefix)) = (exact, prefix) else {
            return Vec::new();
        };
        let mut out: Vec<(u32, Tier)> = Vec::with_capacity(limit);
        out.extend(exact.ones().take(limit).map(|r| (r, Tier::Exact)));
        if out.len() < limit {
            let rest = prefix.and_not(&exact);
            out.extend(
                rest.ones()
                    .take(limit - out.len())
                    .map(|r| (r, Tier::Prefix)),
            );
        }
        if out.len() < limit {
            // Substring matches: narrow down with the character-pair bitsets of every
            // token, then check each remaining person's own words, in rank order, until
            // enough are found.
            let mut candidates = Bits::full(self.ids.len());
            for t in &tokens {
                self.substring_superset(t, &mut candidates);
            }
            let candidates = candidates.and_not(&prefix);
            let want = limit - out.len();
            out.extend(
                candidates
                    .ones()
                    .filter(|&r| tokens.iter().all(|t| self.has_word_containing(r, t)))
                    .take(want)
                    .map(|r| (r, Tier::Substring)),
            );
        }
        out.into_iter()
            .map(|(r, t)| (self.ids[r as usize].clone(), t))
            .collect()
    }
}

/// A hash map with a small multiplicative hasher: the keys are characters and words, not
/// input from an adversary, and SipHash made building the index several times slower.
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<MulHasher>>;

#[derive(Default)]
struct MulHasher(u64);

impl std::hash::Hasher for MulHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A fixed-size set of ranks.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Every position below `len` set.
    fn full(len: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; len.div_ceil(64)]);
        if !len.is_multiple_of(64) {
            if let Some(last) = b.0.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        b
    }

    fn clear(&mut self) {
        self.0.iter_mut().for_each(|w| *w = 0);
    }

    fn and_in_place(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }

    fn and(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }

    fn and_not(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }

    /// The set positions in ascending order.
    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(n, &word)| {
            let mut w = word;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros();
                w &= w - 1;
                Some((n * 64) as u32 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn person(id: &str, first: &str, tv: &str, last: &str, org: &str) -> Searchable {
        Searchable {
            id: id.into(),
            first_name: first.into(),
            tussenvoegsel: tv.into(),
            last_name: last.into(),
            organisation: org.into(),
            email: format!("{}@example.org", names::fold(first).replace(' ', "")),
            badge_code: crate::badge::from_random(|| u64::from(id.as_bytes()[0]) * 7_919_000_003),
        }
    }

    fn people() -> Vec<Searchable> {
        vec![
            person("r", "Rachel", "van den", "Hoogen", "Biblionet Groningen"),
            person("h", "Hoogen", "", "Bakker", "Bibliotheek Lindehaven"),
            person("o", "Seán", "", "O'Brien", "Bibliotheek Veenmonde"),
            person("a", "Anne-Marie", "", "Yılmaz", "Bibliotheek Kleimeer"),
            person("z", "Zoë", "de", "Vries", "Bibliotheek Hoogezand"),
            person("i", "Ilse", "", "IJsselstein", "Bibliotheek Zandwijk"),
        ]
    }

    fn ids(hits: &[(String, Tier)]) -> Vec<&str> {
        hits.iter().map(|(id, _)| id.as_str()).collect()
    }

    #[test]
    fn the_cases_from_the_issue() {
        let p = people();
        let index = SearchIndex::build(&p);
        assert!(ids(&index.search("hoogen", 50)).contains(&"r"));
        for q in [
            "van den hoogen",
            "rachel hoo",
            "Hoogen Rachel",
            "RACHEL",
            "vandenhoogen",
        ] {
            let hits = index.search(q, 50);
            assert_eq!(
                hits.first().map(|h| h.0.as_str()),
                Some("r"),
                "{q}: {hits:?}"
            );
        }
        // Exact word matches first, in Dutch order: Bakker (first name Hoogen) before Hoogen.
        assert_eq!(ids(&index.search("hoogen", 50)), ["h", "r"]);
        assert!(index
            .search("hoogen", 50)
            .iter()
            .all(|h| h.1 == Tier::Exact));
        // All prefix matches, in Dutch order: Bakker, Hoogen, Vries (Hoogezand).
        assert_eq!(ids(&index.search("hooge", 50)), ["h", "r", "z"]);
        assert!(index
            .search("hooge", 50)
            .iter()
            .all(|h| h.1 == Tier::Prefix));
        assert_eq!(ids(&index.search("obrien", 50)), ["o"]);
        assert_eq!(ids(&index.search("o brien", 50)), ["o"]);
        assert_eq!(ids(&index.search("o'brien", 50)), ["o"]);
        assert_eq!(ids(&index.search("anne marie", 50)), ["a"]);
        assert_eq!(ids(&index.search("annemarie", 50)), ["a"]);
        assert_eq!(ids(&index.search("yilmaz", 50)), ["a"]);
        assert_eq!(ids(&index.search("zoe", 50)), ["z"]);
        assert_eq!(ids(&index.search("ijssel", 50)), ["i"]);
        assert_eq!(ids(&index.search("sean@example.org", 50)), ["o"]);
        let code = p[0].badge_code.to_lowercase();
        assert_eq!(ids(&index.search(&code, 50)).first(), Some(&"r"));
        assert!(index.search("", 50).is_empty());
        assert!(index.search("  -- ", 50).is_empty());
        assert!(index.search("xyzzy", 50).is_empty());
        // Substring tier: "ogen" is inside "hoogen".
        assert!(index
            .search("ogen", 50)
            .iter()
            .all(|h| h.1 == Tier::Substring));
    }

    /// Property: on random data and random queries the index equals the definition.
    #[test]
    fn the_index_equals_the_reference_on_random_data() {
        let mut rng = demo::Rng::new(42);
        for round in 0..12 {
            let size = [5, 40, 300, 900][round % 4];
            let people: Vec<Searchable> = demo::attendees(round as u64, size)
                .into_iter()
                .map(crate::reception::searchable_owned)
                .collect();
            let index = SearchIndex::build(&people);
            for _ in 0..80 {
                let who = rng.pick(&people);
                let sources = [
                    who.first_name.clone(),
                    who.last_name.clone(),
                    format!("{} {}", who.tussenvoegsel, who.last_name),
                    who.organisation.clone(),
                    who.email.clone(),
                    who.badge_code.clone(),
                ];
                let source = rng.pick(&sources).clone();
                let chars: Vec<char> = source.chars().collect();
                let query: String = match rng.below(4) {
                    0 => chars.iter().take(1 + rng.below(3)).collect(),
                    1 => {
                        let start = rng.below(chars.len().max(1));
                        chars.iter().skip(start).take(1 + rng.below(4)).collect()
                    }
                    2 => format!("{} {}", who.last_name, &who.first_name),
                    _ => source.to_uppercase(),
                };
                let limit = [1, 5, 50][rng.below(3)];
                assert_eq!(
                    index.search(&query, limit),
                    reference_search(&people, &query, limit),
                    "round {round}, query {query:?}, limit {limit}"
                );
            }
        }
    }
}

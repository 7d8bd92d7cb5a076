//! The desk's one search box: names in any order, with or without the tussenvoegsel,
//! organisation, e-mail and badge code; folded (see [`crate::domain::names`]); from the first
//! character. Results come in tiers (every query word matches a word exactly, then at least
//! as a word prefix, then at least as a substring) and within a tier in Dutch order.
//!
//! [`SearchIndex`] answers in well under a millisecond at 100k people; [`reference_search`]
//! is the plain definition it must agree with (a property test checks that).

use crate::domain::names;
use std::collections::HashMap;

/// How well a query matched: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Exact = 0,
    Prefix = 1,
    Substring = 2,
}

/// Checking a person's words for one query word costs about what setting a few dozen bits
/// from postings does: with fewer people than this left, the index checks them one by one.
const CHECK_BELOW: usize = 512;

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

/// A person's words: those of the name, and the rest (see [`Searchable::words`]).
type Words = (Vec<String>, Vec<String>);

impl Searchable {
    /// The words of the name (first name, tussenvoegsel, last name) and the words of the
    /// rest (organisation, e-mail, badge code), each sorted and distinct; a word of the name
    /// is not repeated in the rest. A match in the name ranks before one elsewhere.
    fn words(&self) -> Words {
        let mut name = Vec::new();
        for field in [&self.first_name, &self.tussenvoegsel, &self.last_name] {
            names::words(field, &mut name);
        }
        // "Vandenhoogen": the Belgian habit writes the tussenvoegsel into the surname.
        if !self.tussenvoegsel.is_empty() {
            let joined: String = names::fold(&format!("{}{}", self.tussenvoegsel, self.last_name))
                .split(' ')
                .collect();
            name.push(joined);
        }
        name.sort();
        name.dedup();
        let mut rest = Vec::new();
        for field in [&self.organisation, &self.email, &self.badge_code] {
            names::words(field, &mut rest);
        }
        // The whole e-mail address (folded) also counts as one word.
        let whole_email: String = names::fold(&self.email).split(' ').collect();
        if !whole_email.is_empty() {
            rest.push(whole_email);
        }
        rest.sort();
        rest.dedup();
        rest.retain(|w| name.binary_search(w).is_err());
        (name, rest)
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

/// The best match of `token` against word lists.
fn token_tier(words: &[&[String]], token: &str) -> Option<Tier> {
    let mut best = None;
    for w in words.iter().flat_map(|w| w.iter()) {
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

/// A person's tier for the query against word lists: the worst of its words' best matches.
fn person_tier(words: &[&[String]], tokens: &[String]) -> Option<Tier> {
    let mut worst = Tier::Exact;
    for t in tokens {
        worst = worst.max(token_tier(words, t)?);
    }
    Some(worst)
}

/// Where a person ranks for the query: first those whose name alone matches every word
/// (`false`), then the others (`true`); within each, by tier.
fn person_rank(name: &[String], rest: &[String], tokens: &[String]) -> Option<(bool, Tier)> {
    person_tier(&[name], tokens)
        .map(|t| (false, t))
        .or_else(|| person_tier(&[name, rest], tokens).map(|t| (true, t)))
}

/// What a search found: the best `limit`, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<(String, Tier)>,
    /// How many people match; at most the count asked for.
    pub total: usize,
    /// True when more than `total` match (counting stopped there).
    pub more: bool,
}

/// The definition: score everyone, sort by (name match first, tier, Dutch order, id), keep
/// `limit`; count all matches up to `count_up_to`.
pub fn reference_find(
    people: &[Searchable],
    query: &str,
    limit: usize,
    count_up_to: usize,
) -> Found {
    let tokens = query_tokens(query);
    if tokens.is_empty() {
        return Found {
            hits: Vec::new(),
            total: 0,
            more: false,
        };
    }
    let mut hits: Vec<((bool, Tier), (String, String))> = people
        .iter()
        .filter_map(|p| {
            let (name, rest) = p.words();
            person_rank(&name, &rest, &tokens).map(|r| (r, p.sort_key()))
        })
        .collect();
    hits.sort();
    let all = hits.len();
    Found {
        total: all.min(count_up_to.max(limit.min(all))),
        more: all > count_up_to.max(limit.min(all)),
        hits: hits
            .into_iter()
            .take(limit)
            .map(|((_, t), (_, id))| (id, t))
            .collect(),
    }
}

/// [`reference_find`]'s hits alone.
pub fn reference_search(people: &[Searchable], query: &str, limit: usize) -> Vec<(String, Tier)> {
    reference_find(people, query, limit, 0).hits
}

/// People in Dutch order (their rank), a sorted dictionary of their words with posting lists
/// (ranks in ascending order), and character unigram/bigram indexes over the dictionary for
/// substrings.
#[derive(Debug, Default)]
pub struct SearchIndex {
    ids: Vec<String>,
    /// Each person's words as dictionary positions: `word_ids[word_start[r]..word_start[r + 1]]`,
    /// the words of the name first (up to `name_end[r]`).
    word_ids: Vec<u32>,
    word_start: Vec<u32>,
    name_end: Vec<u32>,
    dict: Vec<String>,
    /// Per dictionary word, the people with it, and those with it in their name.
    postings: Postings,
    name_postings: Postings,
    /// Per character pair, the people with a word that contains it.
    bigrams: FastMap<(char, char), Bits>,
    /// Per character, the people with a word that contains it.
    unigrams: FastMap<char, Bits>,
    /// Per character, the people with a word that starts with it, and with a word of the
    /// name that does: a one-letter query is then two bitsets, not thousands of postings.
    initials: FastMap<char, (Bits, Bits)>,
    /// Per three consecutive characters, the dictionary words that contain them
    /// (ascending) and their postings in all: a longer query word is looked up in the
    /// words holding its rarest.
    trigrams: FastMap<(char, char, char), Trigram>,
}

/// Per dictionary word the ranks of the people with it, ascending, all in one array: a
/// range of the dictionary (the words with a prefix) is one slice of it, read in order.
#[derive(Debug, Default)]
struct Postings {
    /// `ranks[start[w]..start[w + 1]]` are word `w`'s.
    start: Vec<usize>,
    ranks: Vec<u32>,
}

impl Postings {
    /// From each person's distinct words (`words_of(rank)`).
    fn build<'a>(words: usize, people: usize, words_of: impl Fn(usize) -> &'a [u32]) -> Postings {
        let mut start = vec![0usize; words + 1];
        for rank in 0..people {
            for &w in words_of(rank) {
                start[w as usize + 1] += 1;
            }
        }
        for w in 0..words {
            start[w + 1] += start[w];
        }
        let mut next = start.clone();
        let mut ranks = vec![0u32; start[words]];
        // Ranks are visited in ascending order, so each word's slice is ascending.
        for rank in 0..people {
            for &w in words_of(rank) {
                ranks[next[w as usize]] = rank as u32;
                next[w as usize] += 1;
            }
        }
        Postings { start, ranks }
    }

    fn of(&self, word: usize) -> &[u32] {
        &self.ranks[self.start[word]..self.start[word + 1]]
    }

    fn in_range(&self, words: std::ops::Range<usize>) -> &[u32] {
        &self.ranks[self.start[words.start]..self.start[words.end]]
    }
}

/// The dictionary words holding three consecutive characters.
#[derive(Debug, Default)]
struct Trigram {
    words: Vec<u32>,
    /// Their postings in all: at least the people with such a word.
    postings: usize,
}

impl SearchIndex {
    pub fn build(people: &[Searchable]) -> SearchIndex {
        SearchIndex::build_on(people, crate::domain::parallel::cores())
    }

    /// [`SearchIndex::build`] on at most `threads` threads (one leaves the other cores to
    /// a transaction that runs meanwhile).
    pub fn build_on(people: &[Searchable], threads: usize) -> SearchIndex {
        // Folding every field is most of the work: split it over the cores.
        let prepared: Vec<(Words, (String, String))> =
            crate::domain::parallel::map(people, threads, |p| (p.words(), p.sort_key()));
        let mut order: Vec<usize> = (0..people.len()).collect();
        order.sort_unstable_by(|&a, &b| prepared[a].1.cmp(&prepared[b].1));
        let ids: Vec<String> = order.iter().map(|&i| people[i].id.clone()).collect();

        // Each distinct word once, in order of first appearance; then sorted into the
        // dictionary through a permutation (no string search per person).
        let mut interned: FastMap<&str, u32> = FastMap::default();
        let mut first_seen: Vec<&str> = Vec::new();
        let mut word_ids = Vec::new();
        let mut word_start = Vec::with_capacity(order.len() + 1);
        let mut name_end = Vec::with_capacity(order.len());
        for &i in &order {
            word_start.push(word_ids.len() as u32);
            let (name, rest) = &prepared[i].0;
            for (n, w) in name.iter().chain(rest).enumerate() {
                if n == name.len() {
                    name_end.push(word_ids.len() as u32);
                }
                let id = *interned.entry(w.as_str()).or_insert_with(|| {
                    first_seen.push(w.as_str());
                    (first_seen.len() - 1) as u32
                });
                word_ids.push(id);
            }
            if rest.is_empty() {
                name_end.push(word_ids.len() as u32);
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

        let n = ids.len();
        let words_of =
            |rank: usize| &word_ids[word_start[rank] as usize..word_start[rank + 1] as usize];
        let postings = Postings::build(dict.len(), n, words_of);
        let name_postings = Postings::build(dict.len(), n, |rank| {
            &word_ids[word_start[rank] as usize..name_end[rank] as usize]
        });
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
        let mut unigram_bits: Vec<Bits> = (0..unigram_ids.len()).map(|_| Bits::new(n)).collect();
        let mut bigram_bits: Vec<Bits> = (0..bigram_ids.len()).map(|_| Bits::new(n)).collect();
        for rank in 0..n {
            for &w in words_of(rank) {
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
        let mut trigrams: FastMap<(char, char, char), Trigram> = FastMap::default();
        for (w, word) in dict.iter().enumerate() {
            let chars: Vec<char> = word.chars().collect();
            for t in chars.windows(3) {
                let gram = trigrams.entry((t[0], t[1], t[2])).or_default();
                // A word repeating a trigram ("aaaa") lists itself once.
                if gram.words.last() != Some(&(w as u32)) {
                    gram.words.push(w as u32);
                    gram.postings += postings.of(w).len();
                }
            }
        }
        let mut initials: FastMap<char, (Bits, Bits)> = FastMap::default();
        for (w, word) in dict.iter().enumerate() {
            let Some(c) = word.chars().next() else {
                continue;
            };
            let (all, name) = initials
                .entry(c)
                .or_insert_with(|| (Bits::new(n), Bits::new(n)));
            for &r in postings.of(w) {
                all.set(r as usize);
            }
            for &r in name_postings.of(w) {
                name.set(r as usize);
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
            name_end,
            dict,
            postings,
            name_postings,
            bigrams,
            unigrams,
            initials,
            trigrams,
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

    /// The postings of the words at `range`.
    fn postings_in(&self, range: std::ops::Range<usize>) -> usize {
        self.postings.in_range(range).len()
    }

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

    /// For the person's words and `token`: [exact in the name, prefix in the name, exact,
    /// prefix], as the sets of [`SearchIndex::find`] hold them.
    fn word_match(&self, rank: u32, token: &str) -> [bool; 4] {
        let r = rank as usize;
        let (from, name_end, to) = (
            self.word_start[r] as usize,
            self.name_end[r] as usize,
            self.word_start[r + 1] as usize,
        );
        let mut m = [false; 4];
        for (i, &w) in self.word_ids[from..to].iter().enumerate() {
            let word = self.dict[w as usize].as_str();
            if !word.starts_with(token) {
                continue;
            }
            let exact = word.len() == token.len();
            let in_name = from + i < name_end;
            m[0] |= exact && in_name;
            m[1] |= in_name;
            m[2] |= exact;
            m[3] = true;
        }
        m
    }

    /// Whether the person has a word containing `token` (in the name only, with `name`).
    fn has_word_containing(&self, rank: u32, token: &str, name: bool) -> bool {
        let r = rank as usize;
        let from = self.word_start[r] as usize;
        let to = if name {
            self.name_end[r]
        } else {
            self.word_start[r + 1]
        } as usize;
        self.word_ids[from..to]
            .iter()
            .any(|&w| self.dict[w as usize].contains(token))
    }

    /// The people (as a bitset of ranks) with any of the words at `dict_words` (in their
    /// name, with `name`).
    fn people_with(&self, dict_words: impl Iterator<Item = usize>, name: bool) -> Bits {
        let postings = self.postings_for(name);
        let mut bits = Bits::new(self.ids.len());
        for w in dict_words {
            for &rank in postings.of(w) {
                bits.set(rank as usize);
            }
        }
        bits
    }

    /// [`SearchIndex::people_with`] the words of a dictionary range: one slice of postings.
    fn people_in(&self, range: std::ops::Range<usize>, name: bool) -> Bits {
        let mut bits = Bits::new(self.ids.len());
        for &rank in self.postings_for(name).in_range(range) {
            bits.set(rank as usize);
        }
        bits
    }

    fn postings_for(&self, name: bool) -> &Postings {
        if name {
            &self.name_postings
        } else {
            &self.postings
        }
    }

    /// The top `limit` ids for `query` with their tiers; equal to [`reference_search`].
    pub fn search(&self, query: &str, limit: usize) -> Vec<(String, Tier)> {
        self.find(query, limit, 0).hits
    }

    /// The top `limit` ids for `query` with their tiers, and how many match in all, counted
    /// up to `count_up_to`; equal to [`reference_find`].
    ///
    /// Per query word a bitset of the people it matches exactly and one of those it matches
    /// at least as a prefix (from contiguous dictionary ranges, or the initials for one
    /// letter), once over the words of the name and once over all words; and one of those
    /// with a word containing it (from the trigram lists of the dictionary, or for one or
    /// two letters the character and pair bitsets). Their intersections are the tiers, name
    /// matches first, and the count is a bitset's population. Ranks are Dutch order, so
    /// scanning set bits upwards yields each tier already sorted.
    pub fn find(&self, query: &str, limit: usize, count_up_to: usize) -> Found {
        let nothing = Found {
            hits: Vec::new(),
            total: 0,
            more: false,
        };
        let tokens = query_tokens(query);
        if tokens.is_empty() || self.ids.is_empty() {
            return nothing;
        }
        let n = self.ids.len();
        // [exact in name, prefix in name, exact anywhere, prefix anywhere]. The words whose
        // prefix range has the fewest postings go first (the cost of their sets, and a bound
        // on their people); once few people are left, the other words are checked person by
        // person instead of by their (large) sets.
        let mut sets: [Bits; 4] = std::array::from_fn(|_| Bits::full(n));
        let mut order: Vec<(usize, &String, std::ops::Range<usize>)> = tokens
            .iter()
            .map(|t| {
                let range = self.prefix_range(t);
                (self.postings_in(range.clone()), t, range)
            })
            .collect();
        order.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut later: Vec<&str> = Vec::new();
        for (k, (_, t, range)) in order.into_iter().enumerate() {
            if k > 0 && sets[3].count() <= CHECK_BELOW {
                later.push(t);
                continue;
            }
            let exact_word = || range.clone().take(1).filter(|&w| self.dict[w] == *t);
            let mut chars = t.chars();
            let initial = match (chars.next(), chars.next()) {
                (Some(c), None) => self.initials.get(&c),
                _ => None,
            };
            let (name_prefix, prefix) = match initial {
                Some((all, name)) => (name.clone(), all.clone()),
                None => (
                    self.people_in(range.clone(), true),
                    self.people_in(range.clone(), false),
                ),
            };
            let found = [
                self.people_with(exact_word(), true),
                name_prefix,
                self.people_with(exact_word(), false),
                prefix,
            ];
            for (set, f) in sets.iter_mut().zip(found) {
                set.and_in_place(&f);
            }
        }
        if !later.is_empty() {
            // Every set lies within the prefix set: its people are checked once each.
            let people: Vec<u32> = sets[3].ones().collect();
            for r in people {
                for t in &later {
                    let m = self.word_match(r, t);
                    for (set, ok) in sets.iter_mut().zip(m) {
                        if !ok {
                            set.unset(r as usize);
                        }
                    }
                }
            }
        }
        let [name_exact, name_prefix, exact, prefix] = sets;

        let mut taken = Bits::new(n);
        let mut out: Vec<(u32, Tier)> = Vec::with_capacity(limit.min(n));
        let take = |out: &mut Vec<(u32, Tier)>, set: &Bits, tier: Tier, taken: &mut Bits| {
            let want = limit.saturating_sub(out.len());
            for r in set.and_not(taken).ones().take(want) {
                out.push((r, tier));
                taken.set(r as usize);
            }
        };
        take(&mut out, &name_exact, Tier::Exact, &mut taken);
        take(&mut out, &name_prefix, Tier::Prefix, &mut taken);
        // The dictionary words containing each query word, found once for both passes.
        let mut words = Containing::default();
        if out.len() < limit {
            let in_name = self.containing_all(&tokens, true, &mut words);
            take(&mut out, &in_name, Tier::Substring, &mut taken);
        }
        take(&mut out, &exact, Tier::Exact, &mut taken);
        take(&mut out, &prefix, Tier::Prefix, &mut taken);
        // Every match contains each word, the prefix matches too: the count is of those
        // sets, needed only while the hits are short or the prefix matches below the cap.
        let prefix_count = prefix.count();
        let total = if out.len() < limit || prefix_count <= count_up_to.max(limit) {
            let contained = self.containing_all(&tokens, false, &mut words);
            take(&mut out, &contained, Tier::Substring, &mut taken);
            contained.count()
        } else {
            prefix_count
        };
        let cap = count_up_to.max(out.len());
        Found {
            hits: out
                .into_iter()
                .map(|(r, t)| (self.ids[r as usize].clone(), t))
                .collect(),
            total: total.min(cap),
            more: total > cap,
        }
    }

    /// The people with, for every query word, a word that contains it (in the name only,
    /// with `name`). The words' sets are made rarest first; once few people are left, the
    /// other words are checked person by person instead of by their (large) sets.
    fn containing_all<'q>(
        &self,
        tokens: &'q [String],
        name: bool,
        words: &mut Containing<'q>,
    ) -> Bits {
        let mut order: Vec<(usize, &str)> = tokens
            .iter()
            .map(|t| (self.rarity(t), t.as_str()))
            .collect();
        order.sort_unstable();
        let mut acc = Bits::full(self.ids.len());
        let mut left = self.ids.len();
        let mut check: Vec<&str> = Vec::new();
        for (n, (_, t)) in order.into_iter().enumerate() {
            // The rarest word's set is always made: it is small, and so are the checks.
            if n > 0 && left <= CHECK_BELOW {
                check.push(t);
                continue;
            }
            match words.of(self, t) {
                Some(list) => {
                    let set = self.people_with(list.iter().map(|&w| w as usize), name);
                    acc.and_in_place(&set);
                }
                None => {
                    // One or two letters: the character (pair) sets are exact over all
                    // words; for the name each person is still checked.
                    self.substring_superset(t, &mut acc);
                    if name {
                        check.push(t);
                    }
                }
            }
            left = acc.count();
        }
        if check.is_empty() {
            return acc;
        }
        let mut out = Bits::new(self.ids.len());
        for r in acc.ones() {
            if check.iter().all(|t| self.has_word_containing(r, t, name)) {
                out.set(r as usize);
            }
        }
        out
    }

    /// How rare a query word is, to order the work: about the people with a word holding
    /// it (the postings of the words with its rarest three letters, or the people with its
    /// one or two letters).
    fn rarity(&self, token: &str) -> usize {
        let chars: Vec<char> = token.chars().collect();
        match chars.len() {
            0 => 0,
            1 => self.unigrams.get(&chars[0]).map_or(0, Bits::count),
            2 => self
                .bigrams
                .get(&(chars[0], chars[1]))
                .map_or(0, Bits::count),
            _ => chars
                .windows(3)
                .map(|t| {
                    self.trigrams
                        .get(&(t[0], t[1], t[2]))
                        .map_or(0, |g| g.postings)
                })
                .min()
                .unwrap_or(0),
        }
    }

    /// For a word of three or more letters: the dictionary words that contain it, exactly:
    /// those holding its rarest three letters, each checked. `None` for a shorter word.
    fn containing(&self, token: &str) -> Option<Vec<u32>> {
        let chars: Vec<char> = token.chars().collect();
        if chars.len() < 3 {
            return None;
        }
        let mut rarest: Option<&[u32]> = None;
        for t in chars.windows(3) {
            match self
                .trigrams
                .get(&(t[0], t[1], t[2]))
                .map(|g| g.words.as_slice())
            {
                Some(list) if rarest.is_none_or(|r| list.len() < r.len()) => rarest = Some(list),
                Some(_) => {}
                None => rarest = Some(&[]),
            }
            if rarest.is_some_and(<[u32]>::is_empty) {
                break;
            }
        }
        let rarest = rarest.unwrap_or_default();
        if chars.len() == 3 {
            return Some(rarest.to_vec());
        }
        let finder = memchr::memmem::Finder::new(token);
        Some(
            rarest
                .iter()
                .copied()
                .filter(|&w| finder.find(self.dict[w as usize].as_bytes()).is_some())
                .collect(),
        )
    }
}

/// The dictionary words containing each query word of one search, found when first
/// needed ([`SearchIndex::containing`]): the name pass and the count share them.
#[derive(Default)]
struct Containing<'q>(Vec<(&'q str, Option<Vec<u32>>)>);

impl<'q> Containing<'q> {
    fn of(&mut self, index: &SearchIndex, token: &'q str) -> Option<&[u32]> {
        let at = match self.0.iter().position(|(t, _)| *t == token) {
            Some(at) => at,
            None => {
                self.0.push((token, index.containing(token)));
                self.0.len() - 1
            }
        };
        self.0[at].1.as_deref()
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

    fn and_not(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }

    fn unset(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
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
    use crate::domain::demo;

    fn person(id: &str, first: &str, tv: &str, last: &str, org: &str) -> Searchable {
        Searchable {
            id: id.into(),
            first_name: first.into(),
            tussenvoegsel: tv.into(),
            last_name: last.into(),
            organisation: org.into(),
            email: format!("{}@example.org", names::fold(first).replace(' ', "")),
            badge_code: crate::domain::badge::from_random(|| {
                u64::from(id.as_bytes()[0]) * 7_919_000_003
            }),
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
    fn name_matches_rank_before_organisation_and_email_matches_and_all_are_counted() {
        let mut p = people();
        p.push(person(
            "y",
            "Yusuf",
            "van den",
            "Broek",
            "Bibliotheek Hoogezand",
        ));
        p.push(person("b", "Bram", "van den", "Hoorn", "Bibliotheek Assen"));
        let index = SearchIndex::build(&p);
        // Broek sorts before Hoogen and Hoorn, but matches "hoo" only in the organisation.
        assert_eq!(ids(&index.search("van den hoo", 50)), ["r", "b", "y"]);
        let found = index.find("bibliotheek", 2, 1000);
        assert_eq!((found.hits.len(), found.total, found.more), (2, 7, false));
        let capped = index.find("bibliotheek", 2, 5);
        assert_eq!((capped.total, capped.more), (5, true));
        assert_eq!(index.find("nobody", 50, 1000).total, 0);
    }

    fn in_name_of(by_id: &HashMap<&str, &Searchable>, id: &str, query: &str) -> bool {
        let (name, _) = by_id[id].words();
        person_tier(&[&name], &query_tokens(query)).is_some()
    }

    /// At congress size times 250: the best 50 are the name matches, and the count is right.
    #[test]
    fn at_100k_people_the_50_shown_are_the_best_50() {
        let mut people: Vec<Searchable> = demo::attendees(7, 100_000)
            .into_iter()
            .map(crate::app::reception::searchable_owned)
            .collect();
        people.push(person(
            "y",
            "Yusuf",
            "van den",
            "Broek",
            "Bibliotheek Hoogezand",
        ));
        people.push(person(
            "r",
            "Rachel",
            "van den",
            "Hoogen",
            "Biblionet Groningen",
        ));
        // 40 name matches, and 60 people of Bibliotheek Hoogezand who sort before them.
        for n in 0..100 {
            let (last, org) = if n < 40 {
                (
                    ["Hoogen", "Hoorn", "Hooft", "Hoogeveen"][n % 4],
                    "Bibliotheek Assen",
                )
            } else {
                (
                    ["Aa", "Berg", "Broek", "Bosch"][n % 4],
                    "Bibliotheek Hoogezand",
                )
            };
            let mut p = person(&format!("x{n}"), "Kim", "van den", last, org);
            p.email = format!("kim{n}@example.org");
            people.push(p);
        }
        let index = SearchIndex::build(&people);
        let by_id: HashMap<&str, &Searchable> = people.iter().map(|p| (p.id.as_str(), p)).collect();
        for query in ["van den hoo", "jan"] {
            let found = index.find(query, 50, 1000);
            assert_eq!(found, reference_find(&people, query, 50, 1000), "{query}");
            assert_eq!(found.hits.len(), 50, "{query}");
            let in_name = |id: &str| in_name_of(&by_id, id, query);
            let first_other = found.hits.iter().position(|(id, _)| !in_name(id));
            if let Some(n) = first_other {
                assert!(
                    found.hits[n..].iter().all(|(id, _)| !in_name(id)),
                    "{query}: name matches first"
                );
            }
            assert!(found.total >= 50, "{query}: {found:?}");
        }
        let hoo = index.find("van den hoo", 50, 1000);
        let rachel = hoo
            .hits
            .iter()
            .position(|(id, _)| id == "r")
            .expect("Rachel");
        let name_hits = hoo
            .hits
            .iter()
            .filter(|(id, _)| in_name_of(&by_id, id, "van den hoo"))
            .count();
        assert!(
            name_hits >= 41,
            "every Hoogen, Hoorn, Hooft is among the 50: {name_hits}"
        );
        if let Some(yusuf) = hoo.hits.iter().position(|(id, _)| id == "y") {
            assert!(
                rachel < yusuf,
                "the Hoogens before Broek of Bibliotheek Hoogezand"
            );
        }
        assert!(hoo.total >= 102, "all are counted: {}", hoo.total);
        let jan = index.find("jan", 50, 1000);
        assert!(
            jan.more || jan.total > 50,
            "many match 'jan': {}",
            jan.total
        );
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
                .map(crate::app::reception::searchable_owned)
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
                let count_up_to = [0, 3, 100, 1000][rng.below(4)];
                assert_eq!(
                    index.find(&query, limit, count_up_to),
                    reference_find(&people, &query, limit, count_up_to),
                    "round {round}, query {query:?}, limit {limit}, count {count_up_to}"
                );
            }
        }
    }
}

//! A deterministic generator of fictitious attendees for the demo: Dutch names with
//! tussenvoegsels and diacritics, names of other origins, fictitious library organisations,
//! e-mail addresses only at the reserved example domains. No real personal data.

use crate::domain::badge;
use crate::domain::register::Attendee;
use std::collections::HashSet;

/// The demo's default size and seed.
pub const DEMO_ATTENDEES: usize = 400;
#[allow(clippy::inconsistent_digit_grouping)] // grouped as a date: 2023-12-07
pub const DEMO_SEED: u64 = 2023_12_07;

/// SplitMix64: small, fast and the same on every platform, so the demo is reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Bram",
    "Sanne",
    "Joost",
    "Femke",
    "Maarten",
    "Eline",
    "Thijs",
    "Ilse",
    "Ruben",
    "Lotte",
    "Daan",
    "Marieke",
    "Jeroen",
    "Noor",
    "Pieter",
    "Esther",
    "Wouter",
    "Inge",
    "Sjoerd",
    "Hanneke",
    "Koen",
    "Marloes",
    "Gerrit",
    "Annemiek",
    "Jasper",
    "Wietske",
    "Hidde",
    "Sietske",
    "Tjeerd",
    "Zoë",
    "Noël",
    "Anne-Marie",
    "Chloé",
    "Inês",
    "René",
    "Aïcha",
    "Özlem",
    "Hüseyin",
    "Fatima",
    "Mohamed",
    "Yusuf",
    "Priya",
    "Thanh",
    "Linh",
    "Michał",
    "Søren",
    "Joëlle",
    "Renée",
    "Jan-Willem",
    "Marie-José",
    "Ijsbrand",
    "Gülşen",
    "Dilara",
    "Kwame",
    "Shanti",
    "Rachida",
];

/// (tussenvoegsel, last name). About a third carry a tussenvoegsel, as in the register.
const SURNAMES: &[(&str, &str)] = &[
    ("", "Jansen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("", "Mulder"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("", "Bakker"),
    ("", "Kuipers"),
    ("", "Postma"),
    ("", "Hoekstra"),
    ("", "Wijnands"),
    ("", "IJsselstein"),
    ("", "Çelik"),
    ("", "Yılmaz"),
    ("", "El Amrani"),
    ("", "Nguyễn"),
    ("", "Wróbel"),
    ("", "Groß"),
    ("", "O'Brien"),
    ("", "Citroën"),
    ("", "Øverland"),
    ("", "Ramdin"),
    ("", "Kartosen"),
    ("", "Bouzid"),
    ("", "Sijbesma"),
    ("van", "Dijk"),
    ("van den", "Berg"),
    ("de", "Vries"),
    ("van der", "Wal"),
    ("ter", "Horst"),
    ("van 't", "Hof"),
    ("de", "Jong"),
    ("van", "Leeuwen"),
    ("van der", "Veen"),
    ("van den", "Heuvel"),
    ("van", "Kampen"),
    ("ten", "Brink"),
    ("in 't", "Veld"),
    ("op de", "Beek"),
    ("de", "Boer"),
    ("van de", "Laar"),
    ("den", "Hartog"),
    ("van", "Beek"),
];

const PLACES: &[&str] = &[
    "Lindehaven",
    "Veenmonde",
    "Dijkerwolde",
    "Oosterlaar",
    "Zandwijk",
    "Heidebroek",
    "Wester-Eemland",
    "Kleimeer",
    "Noorderhoeve",
    "Bergenstede",
    "Vlietdal",
    "Rietmarken",
    "Marewolde",
    "Dunehoven",
    "Loenerveld",
    "Sluisdijk",
    "Eikenrode",
    "Brakelmond",
];

const ORG_FORMS: &[&str] = &[
    "Bibliotheek {}",
    "Bibliotheek {} e.o.",
    "Bibliotheeknetwerk {}",
];

const FUNCTIONS: &[&str] = &[
    "directeur-bestuurder",
    "bestuurder",
    "manager publieksdiensten",
    "adviseur",
    "bibliothecaris",
    "beleidsmedewerker",
    "projectleider",
    "teamleider",
    "communicatieadviseur",
    "HR-adviseur",
    "medewerker educatie",
    "leesconsulent",
];

const DIETS: &[&str] = &[
    "vegetarisch",
    "veganistisch",
    "glutenvrij",
    "lactosevrij",
    "notenallergie",
    "halal",
];

const ACCESS: &[&str] = &["rolstoel", "slechthorend (ringleiding)", "geleidehond"];

const SESSIONS: &[&str] = &[
    "kennissessie-werkgeverschap",
    "kennissessie-online",
    "kennissessie-samenwerking",
];

const VISITS: &[&str] = &[
    "werkbezoek-hoogezand",
    "werkbezoek-dnk-assen",
    "werkbezoek-mar-en-fean",
];

const DOMAINS: &[&str] = &["example.org", "example.com", "example.net"];

/// Lower-case ASCII form for e-mail local parts and ids (only the letters used above).
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'á' | 'â' | 'ä' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ễ' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'ø' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'ş' => out.push('s'),
            'ğ' => out.push('g'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            ' ' | '-' => out.push('-'),
            _ => {}
        }
    }
    out
}

/// Generates `count` fictitious attendees; the same seed always gives the same people.
pub fn attendees(seed: u64, count: usize) -> Vec<Attendee> {
    let mut rng = Rng::new(seed);
    let mut codes = HashSet::new();
    let mut emails = HashSet::new();
    let orgs: Vec<String> = PLACES
        .iter()
        .enumerate()
        .map(|(n, p)| ORG_FORMS[n % ORG_FORMS.len()].replace("{}", p))
        .collect();
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let first = *rng.pick(FIRST_NAMES);
        let (tv, last) = *rng.pick(SURNAMES);
        let guest = rng.chance(4);
        let org_index = rng.below(orgs.len());
        let organisation = if guest {
            "Provincie Noorderland (gast)".to_string()
        } else {
            orgs[org_index].clone()
        };
        let member_org =
            (!guest && rng.chance(85)).then(|| format!("lid-{}", slug(PLACES[org_index])));
        let thursday = rng.chance(80);
        let friday = !thursday || rng.chance(85);
        let dinner = thursday && rng.chance(75);
        let session_choice = (friday && rng.chance(80)).then(|| rng.pick(SESSIONS).to_string());
        let visit_choice = (friday && rng.chance(45)).then(|| rng.pick(VISITS).to_string());
        let bus = visit_choice.is_some() && rng.chance(65);
        let dietary = if rng.chance(12) {
            rng.pick(DIETS).to_string()
        } else {
            String::new()
        };
        let accessibility = if rng.chance(3) {
            rng.pick(ACCESS).to_string()
        } else {
            String::new()
        };
        let function = rng.pick(FUNCTIONS).to_string();
        let domain = *rng.pick(DOMAINS);
        let base = format!("{}.{}{}", slug(first), slug(tv), slug(last)).replace("--", "-");
        let mut email = format!("{base}@{domain}");
        let mut k = 2;
        while !emails.insert(email.clone()) {
            email = format!("{base}{k}@{domain}");
            k += 1;
        }
        let badge_code = loop {
            let code = badge::from_random(|| rng.next_u64());
            if codes.insert(code.clone()) {
                break code;
            }
        };
        out.push(Attendee {
            id: format!("demo-{:04}", n + 1),
            first_name: first.to_string(),
            tussenvoegsel: tv.to_string(),
            last_name: last.to_string(),
            organisation,
            email,
            function,
            member_org,
            thursday,
            friday,
            dinner,
            session_choice,
            visit_choice,
            bus,
            dietary,
            accessibility,
            speaker: false,
            guest,
            badge_code,
            walk_in: false,
        });
    }
    out
}

/// The demo's member organisations (for the ALV): one per fictitious library, with the id
/// the demo attendees' `member_org` names. Mostly weight 1, some 1,5 or 2; one without
/// voting rights and one suspended, so the panel shows every case.
pub fn members() -> Vec<crate::domain::alv::model::Member> {
    use crate::domain::alv::weight::Weight;
    PLACES
        .iter()
        .enumerate()
        .map(|(n, place)| {
            let no_vote = n == 16;
            crate::domain::alv::model::Member {
                id: format!("lid-{}", slug(place)),
                name: ORG_FORMS[n % ORG_FORMS.len()].replace("{}", place),
                city: place.to_string(),
                category: if no_vote {
                    "buitengewoon lid"
                } else {
                    "gewoon lid"
                }
                .into(),
                voting: !no_vote,
                weight: match (no_vote, n % 5, n % 7) {
                    (true, _, _) => Weight(0),
                    (_, 0, _) => Weight(2000),
                    (_, _, 3) => Weight(1500),
                    _ => Weight::ONE,
                },
                suspended: n == 17,
            }
        })
        .collect()
}

/// FNV-1a 64 over the canonical JSON of the generated people: pins the generator's output.
pub fn fingerprint(people: &[Attendee]) -> u64 {
    let json = serde_json::to_string(people).unwrap_or_default();
    json.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

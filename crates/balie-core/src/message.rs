//! Text for people that the window shows in the language chosen there: a [`Msg`] is a stable
//! key of the [`CATALOGUE`], its parameters and the Dutch text (for the command line and the
//! documents, which stay Dutch). The catalogue is generated into the UI
//! (`ui/src/lib/i18n/core.gen.ts`, with the types; a test fails when it is stale), so the
//! window renders a core message in English from the same templates, with its own number
//! format and plural rules.
//!
//! A key with a `count` parameter may have `.one` and `.other` forms (Dutch and English
//! both choose `.one` for exactly 1).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A parameter: a number is written for people by the language that shows it ("20,5" /
/// "20.5"), text as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Param {
    Number(f64),
    Text(String),
    /// A message inside a message, in the same language.
    Msg(Box<Msg>),
}

// Numbers here are counts and weights, never NaN.
impl Eq for Param {}

impl From<&str> for Param {
    fn from(s: &str) -> Self {
        Param::Text(s.to_string())
    }
}

impl From<String> for Param {
    fn from(s: String) -> Self {
        Param::Text(s)
    }
}

impl From<usize> for Param {
    fn from(n: usize) -> Self {
        Param::Number(n as f64)
    }
}

impl From<Msg> for Param {
    fn from(m: Msg) -> Self {
        Param::Msg(Box::new(m))
    }
}

impl From<f64> for Param {
    fn from(n: f64) -> Self {
        Param::Number(n)
    }
}

/// A message for people: see the module.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Msg {
    pub key: String,
    pub params: BTreeMap<String, Param>,
    /// The message in Dutch.
    pub dutch: String,
}

impl Msg {
    /// The message `key` with `params`. A key missing from the catalogue is a bug: the
    /// Dutch text is then the key itself (and a unit test fails on it).
    pub fn new<const N: usize>(key: &str, params: [(&str, Param); N]) -> Msg {
        let params: BTreeMap<String, Param> = params
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let dutch = fill(
            template(key, &params, Lang::Nl).unwrap_or(key),
            &params,
            Lang::Nl,
        );
        Msg {
            key: key.to_string(),
            params,
            dutch,
        }
    }

    /// The message in English (for tests; the window renders it itself).
    pub fn english(&self) -> String {
        fill(
            template(&self.key, &self.params, Lang::En).unwrap_or(&self.key),
            &self.params,
            Lang::En,
        )
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dutch)
    }
}

#[derive(Clone, Copy)]
enum Lang {
    Nl,
    En,
}

/// The template for `key`, its plural form chosen by the `count` parameter.
fn template(key: &str, params: &BTreeMap<String, Param>, lang: Lang) -> Option<&'static str> {
    let find = |k: &str| CATALOGUE.iter().find(|e| e.0 == k);
    let entry = match params.get("count") {
        Some(Param::Number(n)) => {
            let form = if (*n - 1.0).abs() < f64::EPSILON {
                "one"
            } else {
                "other"
            };
            find(&format!("{key}.{form}")).or_else(|| find(key))
        }
        _ => find(key),
    }?;
    Some(match lang {
        Lang::Nl => entry.1,
        Lang::En => entry.2,
    })
}

fn fill(template: &str, params: &BTreeMap<String, Param>, lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.get(name) {
                    Some(p) => out.push_str(&written(p, lang)),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A parameter as people read it: "1.234" and "20,5" in Dutch, "1,234" and "20.5" in English.
fn written(p: &Param, lang: Lang) -> String {
    let n = match p {
        Param::Text(s) => return s.clone(),
        Param::Msg(m) => {
            return match lang {
                Lang::Nl => m.dutch.clone(),
                Lang::En => m.english(),
            }
        }
        Param::Number(n) => *n,
    };
    let (thousands, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let whole = n.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    if n < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    let fraction = format!("{:.2}", n.abs().fract());
    let fraction = fraction.trim_start_matches('0').trim_start_matches('.');
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// Every message of the core that the window shows: key, Dutch, English.
pub const CATALOGUE: &[(&str, &str, &str)] = &[
    // "Nu en straks": who must be where.
    ("nownext.seats", "{seated} van {capacity} plaatsen bezet", "{seated} of {capacity} seats taken"),
    ("nownext.signedUp", "{count} aangemeld", "{count} signed up"),
    ("nownext.dinner", "{count} aangemeld voor het diner", "{count} signed up for dinner"),
    ("nownext.today.one", "{count} deelnemer vandaag", "{count} attendee today"),
    ("nownext.today.other", "{count} deelnemers vandaag", "{count} attendees today"),
    ("nownext.bus.one", "{bus} vertrekt {time} ({count} reiziger)", "{bus} leaves at {time} ({count} passenger)"),
    ("nownext.bus.other", "{bus} vertrekt {time} ({count} reizigers)", "{bus} leaves at {time} ({count} passengers)"),
    ("nownext.busFrom.one", "{bus} vertrekt {time} bij {from} ({count} reiziger)", "{bus} leaves at {time} from {from} ({count} passenger)"),
    ("nownext.busFrom.other", "{bus} vertrekt {time} bij {from} ({count} reizigers)", "{bus} leaves at {time} from {from} ({count} passengers)"),
    // The members' meeting.
    ("alv.note.suspended", "geschorst", "suspended"),
    ("alv.note.noVote", "geen stemrecht ({category})", "no vote ({category})"),
    ("quorum.none", "geen quorum vereist", "no quorum required"),
    ("quorum.heads.atLeast", "{part} van {whole} leden aanwezig of vertegenwoordigd; nodig: ten minste {fraction} (per lid) van {whole}", "{part} of {whole} members present or represented; needed: at least {fraction} (per member) of {whole}"),
    ("quorum.heads.moreThan", "{part} van {whole} leden aanwezig of vertegenwoordigd; nodig: meer dan {fraction} (per lid) van {whole}", "{part} of {whole} members present or represented; needed: more than {fraction} (per member) of {whole}"),
    ("quorum.weight.atLeast", "{part} van {whole} stemmen aanwezig of vertegenwoordigd; nodig: ten minste {fraction} (naar stemgewicht) van {whole}", "{part} of {whole} votes present or represented; needed: at least {fraction} (by voting weight) of {whole}"),
    ("quorum.weight.moreThan", "{part} van {whole} stemmen aanwezig of vertegenwoordigd; nodig: meer dan {fraction} (naar stemgewicht) van {whole}", "{part} of {whole} votes present or represented; needed: more than {fraction} (by voting weight) of {whole}"),
    // Dates and times.
    ("when.datetime", "{day} {month} {year} om {time}", "{day} {month} {year} at {time}"),
    ("when.raw", "{instant}", "{instant}"),
    ("month.1", "januari", "January"),
    ("month.2", "februari", "February"),
    ("month.3", "maart", "March"),
    ("month.4", "april", "April"),
    ("month.5", "mei", "May"),
    ("month.6", "juni", "June"),
    ("month.7", "juli", "July"),
    ("month.8", "augustus", "August"),
    ("month.9", "september", "September"),
    ("month.10", "oktober", "October"),
    ("month.11", "november", "November"),
    ("month.12", "december", "December"),
    // Errors: what went wrong and how to fix it.
    ("rule.deadline", "termijn voor volmachten", "deadline for proxies"),
    ("rule.deadline.why", "de volmacht kwam binnen op {received}, na de termijn ({deadline}); leg het besluit van de voorzitter vast om hem toch te registreren", "the proxy came in on {received}, after the deadline ({deadline}); record the chair's decision to register it all the same"),
    ("err.rule", "Niet toegestaan volgens de regel '{rule}': {reason}.", "Not allowed by the rule '{rule}': {reason}."),
    ("rule.grantorIsMember", "volmachtgever is lid", "the grantor is a member"),
    ("rule.grantorIsMember.why", "er is geen lid met id '{id}'; kies de volmachtgever uit de ledenlijst", "there is no member with id '{id}'; choose the grantor from the list of members"),
    ("rule.holderIsMember", "gemachtigde vertegenwoordigt een lid", "the proxy holder represents a member"),
    ("rule.holderIsMember.why", "er is geen lid met id '{id}'; kies het lid van de gemachtigde uit de ledenlijst", "there is no member with id '{id}'; choose the proxy holder's member from the list of members"),
    ("rule.notToItself", "geen volmacht aan zichzelf", "no proxy to itself"),
    ("rule.notToItself.why", "{member} kan zichzelf geen volmacht geven", "{member} cannot give a proxy to itself"),
    ("rule.grantorVotes", "alleen stemgerechtigde leden geven een volmacht", "only members entitled to vote give a proxy"),
    ("rule.grantorVotes.why", "{member} heeft geen stemrecht ({category})", "{member} has no vote ({category})"),
    ("rule.grantorNotSuspended", "geschorste leden geven geen volmacht", "suspended members give no proxy"),
    ("rule.grantorNotSuspended.why", "{member} is geschorst", "{member} is suspended"),
    ("rule.holderVotes", "de gemachtigde vertegenwoordigt een stemgerechtigd lid", "the proxy holder represents a member entitled to vote"),
    ("rule.holderVotes.suspended", "{member} is geschorst; kies de vertegenwoordiger van een ander stemgerechtigd lid", "{member} is suspended; choose the representative of another member entitled to vote"),
    ("rule.holderVotes.noVote", "{member} heeft geen stemrecht; kies de vertegenwoordiger van een ander stemgerechtigd lid", "{member} has no vote; choose the representative of another member entitled to vote"),
    ("rule.oneProxy", "één volmacht per lid", "one proxy per member"),
    ("rule.oneProxy.why", "{member} heeft al een volmacht gegeven aan {holder}; kies 'vervangen' om die in te trekken en deze te registreren", "{member} has already given a proxy to {holder}; choose 'replace' to revoke that one and register this one"),
    ("rule.noChains", "geen doorgegeven volmachten", "no proxies passed on"),
    ("rule.noChains.holds", "{member} houdt zelf een volmacht van {from}; wie een volmacht houdt, kan er geen geven", "{member} holds a proxy of {from} itself; who holds a proxy cannot give one"),
    ("rule.noChains.gave", "{member} heeft zelf een volmacht gegeven aan {holder}; een lid dat zich laat vertegenwoordigen, kan geen volmacht houden", "{member} has given a proxy to {holder} itself; a member that is represented cannot hold a proxy"),
    ("rule.maxProxies.one", "ten hoogste {count} volmacht per lid", "at most {count} proxy per member"),
    ("rule.maxProxies.other", "ten hoogste {count} volmachten per lid", "at most {count} proxies per member"),
    ("rule.maxProxies.why", "{member} houdt er al {held} (van {from})", "{member} already holds {held} (of {from})"),
    ("rule.evidence", "bewijs verplicht", "evidence required"),
    ("rule.evidence.why", "leg vast hoe de volmacht binnenkwam (papieren formulier, e-mail of anders), wanneer en door wie ontvangen", "record how the proxy came in (paper form, e-mail or other), when and by whom it was received"),
    ("err.staff.first", "vul eerst je naam in bij 'Begin dienst'; elke inchecking draagt de naam van wie hem deed", "fill in your name under 'Start shift' first; every check-in carries the name of who made it"),
    ("err.staff.empty", "vul je naam in", "fill in your name"),
    ("err.staff.long", "een naam is hoogstens 60 tekens", "a name is at most 60 characters"),
    ("err.deskName", "geef de balie een naam van 1 tot 40 tekens, bijvoorbeeld 'Balie 2'", "give the desk a name of 1 to 40 characters, for instance 'Desk 2'"),
    ("err.code.nobody", "'{code}' is niet gevonden: die code hoort bij niemand in het register. Zoek de persoon op naam.", "'{code}' was not found: that code belongs to nobody in the register. Search for the person by name."),
    ("err.code.misread", "'{code}' is niet gevonden: de code is onvolledig of verkeerd overgenomen (controleteken klopt niet). Zoek de persoon op naam.", "'{code}' was not found: the code is incomplete or misread (its check character is wrong). Search for the person by name."),
    ("err.code.unknown", "'{code}' hoort bij niemand in het register; controleer de code", "'{code}' belongs to nobody in the register; check the code"),
    ("err.email.taken", "{email} staat al in het register als {name}; zoek die persoon op in plaats van een nieuwe aan te maken", "{email} is already in the register as {name}; look that person up instead of adding a new one"),
    ("err.email.other", "{email} is al het adres van {name}", "{email} is already the address of {name}"),
    ("err.list.none", "er is geen inchecklijst '{list}'; kies een lijst uit het overzicht", "there is no check-in list '{list}'; choose a list from the overview"),
    ("err.checkout.notIn", "{name} is niet ingecheckt op de lijst {list}", "{name} is not checked in on the list {list}"),
    ("err.undo.reason", "ongedaan maken vraagt een reden; vul in waarom (bijvoorbeeld: verkeerde persoon aangeklikt)", "undoing needs a reason; fill in why (for instance: clicked the wrong person)"),
    ("err.undo.none", "er is geen in- of uitchecking met id {id}", "there is no check-in or check-out with id {id}"),
    ("err.undo.done", "deze inchecking is al ongedaan gemaakt", "this check-in was undone already"),
    ("err.cancel.reason", "geef een reden om af te melden, bijvoorbeeld 'per e-mail afgemeld op 5 december'", "give a reason for the cancellation, for instance 'cancelled by e-mail on 5 December'"),
    ("err.reinstate.reason", "geef een reden om de afmelding ongedaan te maken, bijvoorbeeld 'per e-mail afgemeld op 5 december'", "give a reason for undoing the cancellation, for instance 'came after all, had made a mistake'"),
    ("err.reason.long", "een reden is hoogstens 200 tekens", "a reason is at most 200 characters"),
    ("err.cancel.already", "{name} is al afgemeld ({reason}); maak de afmelding eerst ongedaan om een andere reden te geven", "{name} has cancelled already ({reason}); undo the cancellation first to give another reason"),
    ("err.cancel.notSaved", "de afmelding is niet opgeslagen; probeer opnieuw", "the cancellation was not saved; try again"),
    ("err.reinstate.notCancelled", "{name} is niet afgemeld", "{name} has not cancelled"),
    ("err.walkIn.dayList", "inloop registreren kan alleen op een daglijst, niet op '{list}'; kies eerst de lijst van vandaag", "walk-ins can only be registered on a day list, not on '{list}'; choose today's list first"),
    ("err.paper.source", "vul in welke papieren lijst dit is en waarom (bijvoorbeeld: lijst balie 2, laptop uitgevallen)", "fill in which paper list this is and why (for instance: list of desk 2, laptop broke down)"),
    ("err.paper.nobody", "vink minstens één persoon aan die op de papieren lijst is afgevinkt", "tick at least one person who is ticked on the paper list"),
    ("err.paper.noDay", "deze lijst heeft geen vaste dag; vul de datum in als JJJJ-MM-DD", "this list has no fixed day; fill in the date as YYYY-MM-DD"),
    ("err.paper.time", "'{time}' is geen tijd; schrijf de tijd van de papieren lijst als UU:MM, bijvoorbeeld 09:20", "'{time}' is not a time; write the time on the paper list as HH:MM, for instance 09:20"),
    ("err.paper.date", "'{date}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2023-12-07", "'{date}' is not a date; write YYYY-MM-DD, for instance 2023-12-07"),
    ("err.paper.future", "{date} {time} ligt in de toekomst; een papieren lijst kan alleen vastleggen wat al gebeurd is", "{date} {time} lies in the future; a paper list can only record what has happened"),
    ("err.kiosk.pinChoose", "kies een pincode van 4 tot 8 cijfers; die is nodig om de kiosk weer te verlaten", "choose a PIN of 4 to 8 digits; it is needed to leave the kiosk again"),
    ("err.kiosk.locked.one", "te vaak een verkeerde pincode; probeer het over {count} seconde opnieuw", "a wrong PIN too often; try again in {count} second"),
    ("err.kiosk.locked.other", "te vaak een verkeerde pincode; probeer het over {count} seconden opnieuw", "a wrong PIN too often; try again in {count} seconds"),
    ("err.kiosk.pinWrong", "de pincode klopt niet; de kiosk blijft aan", "the PIN is wrong; the kiosk stays on"),
    ("err.kiosk.off", "de kiosk staat niet aan; start hem vanaf de balie", "the kiosk is not on; start it from the desk"),
];

/// The catalogue as TypeScript for the window (see the module).
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from crates/balie-core/src/message.rs. Do not edit.\n\
         // Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types\n",
    );
    for (name, pick) in [("coreNl", 1), ("coreEn", 2)] {
        out.push_str(&format!(
            "\nexport const {name}: Record<string, string> = {{\n"
        ));
        for e in CATALOGUE {
            let text = if pick == 1 { e.1 } else { e.2 };
            out.push_str(&format!(
                "  {}: {},\n",
                serde_json::to_string(e.0).unwrap_or_default(),
                serde_json::to_string(text).unwrap_or_default()
            ));
        }
        out.push_str("};\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders_and_keys_are_distinct() {
        let mut keys: Vec<&str> = CATALOGUE.iter().map(|e| e.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate keys");
        for (key, nl, en) in CATALOGUE {
            assert!(!nl.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(placeholders(nl), placeholders(en), "{key}");
            if let Some(base) = key.strip_suffix(".one") {
                assert!(
                    CATALOGUE.iter().any(|e| e.0 == format!("{base}.other")),
                    "{key} without .other"
                );
            }
        }
    }

    #[test]
    fn plurals_and_numbers_in_both_languages() {
        let one = Msg::new("nownext.today", [("count", 1usize.into())]);
        assert_eq!(one.dutch, "1 deelnemer vandaag");
        assert_eq!(one.english(), "1 attendee today");
        let many = Msg::new("nownext.today", [("count", 1234usize.into())]);
        assert_eq!(many.dutch, "1.234 deelnemers vandaag");
        assert_eq!(many.english(), "1,234 attendees today");
        let zero = Msg::new("nownext.today", [("count", 0usize.into())]);
        assert_eq!(zero.english(), "0 attendees today");
        let seats = Msg::new(
            "nownext.seats",
            [("seated", 20.5f64.into()), ("capacity", 40usize.into())],
        );
        assert_eq!(seats.dutch, "20,5 van 40 plaatsen bezet");
        assert_eq!(seats.english(), "20.5 of 40 seats taken");
    }

    #[test]
    fn a_message_inside_a_message_is_in_the_same_language() {
        let when = crate::clock::datetime_msg("2023-12-06T15:05:00Z", "+01:00");
        assert_eq!(when.dutch, "6 december 2023 om 16:05");
        assert_eq!(
            when.dutch,
            crate::clock::dutch_datetime("2023-12-06T15:05:00Z", "+01:00")
        );
        assert_eq!(when.english(), "6 December 2023 at 16:05");
        let rule = Msg::new(
            "err.rule",
            [
                ("rule", Msg::new("rule.evidence", []).into()),
                ("reason", Msg::new("rule.evidence.why", []).into()),
            ],
        );
        assert!(rule
            .dutch
            .starts_with("Niet toegestaan volgens de regel 'bewijs verplicht': leg vast"));
        assert!(rule
            .english()
            .starts_with("Not allowed by the rule 'evidence required': record how"));
    }

    #[test]
    fn an_unknown_key_shows_itself_and_a_missing_parameter_stays_visible() {
        assert_eq!(Msg::new("no.such.key", []).dutch, "no.such.key");
        assert_eq!(
            Msg::new("nownext.seats", []).dutch,
            "{seated} van {capacity} plaatsen bezet"
        );
    }
}

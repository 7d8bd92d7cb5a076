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

    /// Several messages as one, separated by "; " (`None` when there are none).
    pub fn joined(msgs: Vec<Msg>) -> Option<Msg> {
        Msg::joined_by("err.joined", msgs)
    }

    /// Several messages as one by `key`, a template of `{first}` and `{rest}`.
    pub fn joined_by(key: &str, msgs: Vec<Msg>) -> Option<Msg> {
        msgs.into_iter()
            .rev()
            .reduce(|rest, first| Msg::new(key, [("first", first.into()), ("rest", rest.into())]))
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
    ("err.kiosk.on", "deze balie is een kiosk: '{command}' kan pas als de kiosk met de pincode is verlaten", "this desk is a kiosk: '{command}' can only be done once the kiosk has been left with its PIN"),
    ("err.kiosk.off", "de kiosk staat niet aan; start hem vanaf de balie", "the kiosk is not on; start it from the desk"),
    ("err.alv.noList", "er is geen inchecklijst voor de ledenvergadering", "there is no check-in list for the members' meeting"),
    ("err.alv.receivedAt", "'{value}' is geen datum en tijd; schrijf JJJJ-MM-DD UU:MM, bijvoorbeeld 2023-12-06 16:05", "'{value}' is not a date and time; write YYYY-MM-DD HH:MM, for instance 2023-12-06 16:05"),
    ("err.alv.receivedFuture", "{value} ligt in de toekomst; vul in wanneer het bewijs binnenkwam", "{value} lies in the future; fill in when the evidence came in"),
    ("err.alv.scanKind", "'{file}' is geen PDF, JPG of PNG; Balie bewaart en opent alleen scans van die soorten. Scan het bewijs opnieuw als PDF", "'{file}' is not a PDF, JPG or PNG; Balie keeps and opens only scans of those kinds. Scan the evidence again as PDF"),
    ("err.alv.scanSize", "de scan is {mb} MB; bewaar een scan van ten hoogste 5 MB (scan op lagere resolutie of als PDF)", "the scan is {mb} MB; keep a scan of at most 5 MB (scan at a lower resolution or as PDF)"),
    ("err.member.name", "vul de naam van het lid in", "fill in the member's name"),
    ("err.member.weight", "'{value}' is geen stemgewicht; schrijf een getal met ten hoogste drie decimalen, zoals 1 of 1,5", "'{value}' is not a voting weight; write a number with at most three decimals, such as 1 or 1,5"),
    ("err.member.none", "er is geen lid met id '{id}'", "there is no member with id '{id}'"),
    ("err.member.same", "er is al een lid '{name}' ({city}); geef elk lid een eigen naam, bijvoorbeeld met de plaats erbij", "there is already a member '{name}' ({city}); give every member its own name, for instance with the town added"),
    ("err.alv.maxZero", "0 zou elke volmacht weigeren; kies 1 of meer, of 'onbeperkt'", "0 would refuse every proxy; choose 1 or more, or 'unlimited'"),
    ("err.alv.deadline", "'{value}' is geen tijdstip (RFC 3339)", "'{value}' is not a point in time (RFC 3339)"),
    ("err.alv.noDecisionTypes", "er moet ten minste één soort besluit zijn, bijvoorbeeld 'Gewoon besluit'", "there must be at least one kind of decision, for instance 'Ordinary decision'"),
    ("err.alv.decisionTypeEmpty", "elke soort besluit heeft een code en een naam", "every kind of decision has a code and a name"),
    ("err.alv.decisionTypeTwice", "de code '{code}' komt twee keer voor; elke soort besluit een eigen code", "the code '{code}' occurs twice; every kind of decision has its own code"),
    ("err.alv.fraction.quorum", "quorum van '{name}': {fraction} is geen breuk tussen 0 en 1; schrijf bijvoorbeeld 1/2 of 2/3", "quorum of '{name}': {fraction} is not a fraction between 0 and 1; write for instance 1/2 or 2/3"),
    ("err.alv.fraction.majority", "meerderheid van '{name}': {fraction} is geen breuk tussen 0 en 1; schrijf bijvoorbeeld 1/2 of 2/3", "majority of '{name}': {fraction} is not a fraction between 0 and 1; write for instance 1/2 or 2/3"),
    ("err.member.choose", "er is geen lid met id '{id}'; kies een lid uit de ledenlijst", "there is no member with id '{id}'; choose a member from the list of members"),
    ("rule.oneMember", "één lid per vertegenwoordiger", "one member per representative"),
    ("rule.oneMember.why", "{person} vertegenwoordigt al {other}; wijs voor {member} iemand anders aan, of haal {person} eerst bij {other} weg", "{person} already represents {other}; appoint someone else for {member}, or remove {person} from {other} first"),
    ("rule.evidence.representative", "leg vast hoe de machtiging van {person} voor {member} binnenkwam (papieren formulier, e-mail of anders)", "record how the authorisation of {person} for {member} came in (paper form, e-mail or other)"),
    ("err.proxy.none", "er is geen volmacht met id '{id}'", "there is no proxy with id '{id}'"),
    ("err.proxy.revokeReason", "geef een reden voor het intrekken, bijvoorbeeld 'per e-mail ingetrokken door de directeur'", "give a reason for the revocation, for instance 'revoked by e-mail by the director'"),
    ("err.proxy.revoked", "de volmacht van {grantor} aan {holder} is al ingetrokken ({when})", "the proxy of {grantor} to {holder} was revoked already ({when})"),
    ("err.proxy.noConfirmation", "de volmacht van {grantor} aan {holder} wacht niet op een bevestiging aan de deur", "the proxy of {grantor} to {holder} is not waiting for a confirmation at the door"),
    ("err.alv.noScan", "bij dit bewijs is geen scan bewaard", "no scan was kept with this evidence"),
    ("err.vote.label", "geef het agendapunt een naam, bijvoorbeeld '5. Jaarrekening 2022'", "give the agenda item a name, for instance '5. Annual accounts 2022'"),
    ("err.vote.decisionType", "er is geen soort besluit '{code}'; kies uit: {choices}", "there is no kind of decision '{code}'; choose from: {choices}"),
    ("err.vote.noMembers", "er zijn geen stemgerechtigde leden; importeer eerst het ledenregister", "there are no members entitled to vote; import the register of members first"),
    ("err.vote.noSnapshot", "er is geen momentopname met id '{id}'; kies er een uit 'Stemmingen'", "there is no snapshot with id '{id}'; choose one under 'Votes'"),
    ("rule.votersPresent", "alleen aanwezige of vertegenwoordigde leden stemmen", "only members present or represented vote"),
    ("rule.votersPresent.why", "{member} was bij het bevriezen niet aanwezig of vertegenwoordigd", "{member} was not present or represented when the snapshot was frozen"),
    ("err.vote.notInSnapshot", "'{id}' staat niet in deze momentopname", "'{id}' is not in this snapshot"),
    ("err.vote.twice", "lid '{id}' staat twee keer in de stemmen; één stem per lid", "member '{id}' is in the votes twice; one vote per member"),
    ("err.item.title", "geef het onderdeel een titel", "give the item a title"),
    ("err.item.start", "'{value}' is geen tijd; schrijf UU:MM, bijvoorbeeld 09:00", "'{value}' is not a time; write HH:MM, for instance 09:00"),
    ("err.item.end", "'{value}' is geen tijd; schrijf UU:MM, bijvoorbeeld 10:30, of laat hem leeg voor een open einde", "'{value}' is not a time; write HH:MM, for instance 10:30, or leave it empty for an open end"),
    ("err.item.endBeforeStart", "de eindtijd {end} ligt niet na de begintijd {start}; pas een van beide aan", "the end time {end} is not after the start time {start}; change one of them"),
    ("err.item.day", "'{value}' is geen congresdag; kies uit {choices}", "'{value}' is not a day of the congress; choose from {choices}"),
    ("err.item.none", "er is geen programma-onderdeel '{id}'", "there is no programme item '{id}'"),
    ("err.item.noBlock", "er is op {day} geen blok '{block}' om dit onderdeel onder te hangen", "on {day} there is no block '{block}' to put this item under"),
    ("err.item.underItself", "een onderdeel kan niet onder zichzelf hangen", "an item cannot be put under itself"),
    ("err.item.hasChildren", "'{title}' heeft zelf onderdelen; alleen een onderdeel zonder onderdelen kan onder een blok hangen", "'{title}' has items of its own; only an item without items can be put under a block"),
    ("err.item.outsideBlock", "'{title}' valt buiten het blok '{block}' ({start}–{end}); kies een tijd binnen het blok of pas het blok aan", "'{title}' falls outside the block '{block}' ({start}–{end}); choose a time within the block or change the block"),
    ("err.item.roomTaken", "in {room} is dan al '{title}' ({start}–{end}); kies een andere zaal of tijd", "{room} then already has '{title}' ({start}–{end}); choose another room or time"),
    ("err.item.capacity", "'{value}' is geen aantal plaatsen; schrijf een heel getal, of laat het leeg voor onbeperkt", "'{value}' is not a number of seats; write a whole number, or leave it empty for unlimited"),
    ("err.item.capacityFull.one", "er is al {count} aanmelding voor '{title}', meer dan {capacity} plaatsen; verplaats eerst mensen of kies minstens {count}", "'{title}' already has {count} sign-up, more than {capacity} seats; move people first or choose at least {count}"),
    ("err.item.capacityFull.other", "er zijn al {count} aanmeldingen voor '{title}', meer dan {capacity} plaatsen; verplaats eerst mensen of kies minstens {count}", "'{title}' already has {count} sign-ups, more than {capacity} seats; move people first or choose at least {count}"),
    ("err.bus.notVisit", "bus {n}: alleen een werkbezoek heeft bussen", "bus {n}: only a work visit has buses"),
    ("err.bus.name", "bus {n}: geef de bus een naam, bijvoorbeeld 'Bus 1'", "bus {n}: give the bus a name, for instance 'Bus 1'"),
    ("err.bus.codeTwice", "bus {n}: de code '{code}' komt twee keer voor", "bus {n}: the code '{code}' occurs twice"),
    ("err.bus.seats", "bus {n}: {bus} heeft geen zitplaatsen; vul het aantal plaatsen in", "bus {n}: {bus} has no seats; fill in the number of seats"),
    ("err.bus.departure", "bus {n}: '{value}' is geen vertrektijd; schrijf UU:MM, bijvoorbeeld 12:50", "bus {n}: '{value}' is not a departure time; write HH:MM, for instance 12:50"),
    ("err.item.removeSignedUp.one", "voor '{title}' is {count} persoon aangemeld; verplaats die eerst naar een ander onderdeel", "'{title}' has {count} person signed up; move them to another item first"),
    ("err.item.removeSignedUp.other", "voor '{title}' zijn {count} mensen aangemeld; verplaats ze eerst naar een ander onderdeel", "'{title}' has {count} people signed up; move them to another item first"),
    ("err.signup.notSession", "voor '{title}' meld je je niet apart aan; alleen voor kennissessies en werkbezoeken", "'{title}' has no sign-up of its own; only sessions and work visits do"),
    ("err.signup.notThatDay", "{name} is niet aangemeld voor de dag van '{title}'; pas eerst de dagen aan", "{name} is not registered for the day of '{title}'; change the days first"),
    ("err.signup.noVisit", "{name} heeft geen werkbezoek; meld eerst aan voor een werkbezoek", "{name} has no work visit; sign up for a work visit first"),
    ("err.bus.notOffered", "bij '{title}' is geen busvervoer", "'{title}' has no bus transport"),
    ("err.signup.notSignedUp", "{name} is niet aangemeld voor '{title}'", "{name} is not signed up for '{title}'"),
    ("err.bus.noVisit", "'{id}' is geen werkbezoek met bussen", "'{id}' is not a work visit with buses"),
    ("err.bus.none", "er is geen bus '{id}'; kies uit {choices}", "there is no bus '{id}'; choose from {choices}"),
    ("err.bus.noSeat", "{name} heeft geen plaats bij '{title}' met busvervoer; meld {first} eerst aan en kies busvervoer", "{name} has no place on '{title}' with bus transport; sign {first} up first and choose the bus"),
    ("err.next.date", "'{value}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-12-05", "'{value}' is not a date; write YYYY-MM-DD, for instance 2024-12-05"),
    ("err.next.folder", "{folder} bevat al een congres; kies een nieuwe, lege map voor het volgende congres", "{folder} already holds a congress; choose a new, empty folder for the next congress"),
    ("err.key.code", "de code is niet compleet of verkeerd overgenomen; het zijn 52 tekens (cijfers en letters), zoals `balie-cli sync key` op de eerste balie toont", "the code is incomplete or misread; it has 52 characters (digits and letters), as `balie-cli sync key` shows on the first desk"),
    ("err.bundle.unreadable", "de bundel is onleesbaar ({why})", "the bundle cannot be read ({why})"),
    ("err.format.newerBundle", "deze bundel komt van een nieuwere Balie (formaat {version}): werk Balie bij op deze laptop en lees hem dan opnieuw in", "this bundle comes from a newer Balie (format {version}): update Balie on this laptop, then read it in again"),
    ("err.format.newerBackup", "deze back-up komt van een nieuwere Balie (formaat {version}): werk Balie bij op deze laptop en zet hem dan terug", "this backup comes from a newer Balie (format {version}): update Balie on this laptop, then restore it"),
    ("err.format.newerRequest", "een balie met een nieuwere Balie (uitwisseling versie {theirs}, deze laptop kent {ours}) wilde uitwisselen: werk Balie bij op deze laptop", "a desk running a newer Balie (exchange version {theirs}, this laptop knows {ours}) tried to exchange: update Balie on this laptop"),
    ("err.format.newerPeer", "de balie op {address} gebruikt een nieuwere Balie (uitwisseling versie {theirs}, deze laptop kent {ours}): werk Balie bij op deze laptop", "the desk at {address} runs a newer Balie (exchange version {theirs}, this laptop knows {ours}): update Balie on this laptop"),
    ("err.format.olderPeer", "de balie op {address} gebruikt een oudere Balie (uitwisseling versie {theirs}, deze laptop spreekt {ours}): werk Balie daar bij", "the desk at {address} runs an older Balie (exchange version {theirs}, this laptop speaks {ours}): update Balie on that laptop"),
    ("err.bundle.cut", "de bundel is afgekapt; kopieer hem opnieuw", "the bundle is cut short; copy it again"),
    ("err.bundle.signature", "de handtekening klopt niet: de bundel is onderweg gewijzigd, of komt van een congres met een andere sleutel. Er is niets samengevoegd", "the signature is wrong: the bundle was changed on the way, or comes from a congress with another key. Nothing was merged"),
    ("err.bundle.notText", "dit is geen Balie-bundel (geen tekst)", "this is not a Balie bundle (not text)"),
    ("err.bundle.notBundle", "dit is geen Balie-bundel, of een van een nieuwere Balie", "this is not a Balie bundle, or one of a newer Balie"),
    ("err.key.none", "deze balie heeft geen congressleutel ({file} ontbreekt); sluit aan met `balie-cli sync join` en de code van een andere balie", "this desk has no congress key ({file} is missing); join with `balie-cli sync join` and the code of another desk"),
    ("err.bundle.otherCongress", "de bundel hoort bij een ander congres ({theirs}), deze balie bij {ours}. Er is niets samengevoegd", "the bundle belongs to another congress ({theirs}), this desk to {ours}. Nothing was merged"),
    ("err.bundle.notFull", "dit is geen volledige bundel (het congres zelf ontbreekt); maak op de andere balie een volledige bundel (zonder --since)", "this is not a full bundle (the congress itself is missing); make a full bundle on the other desk (without --since)"),
    ("err.join.ownData.one", "deze balie heeft al eigen gegevens ({count} gebeurtenis); die gaat niet verloren: sluit aan met een nieuwe, lege map (start Balie met --data-dir LEGE_MAP)", "this desk has data of its own already ({count} event); it is not lost: join with a new, empty folder (start Balie with --data-dir EMPTY_FOLDER)"),
    ("err.join.ownData.other", "deze balie heeft al eigen gegevens ({count} gebeurtenissen); die gaan niet verloren: sluit aan met een nieuwe, lege map (start Balie met --data-dir LEGE_MAP)", "this desk has data of its own already ({count} events); they are not lost: join with a new, empty folder (start Balie with --data-dir EMPTY_FOLDER)"),
    ("err.join.already", "deze balie hoort al bij dit congres; lees de bundel in bij 'Bundel inlezen'", "this desk belongs to this congress already; read the bundle under 'Read bundle'"),
    ("err.restore.notBackup", "{file} is geen back-up van Balie (of een van een Balie van vóór de verzegelde back-ups); er is niets teruggezet", "{file} is not a Balie backup (or one of a Balie from before sealed backups); nothing was restored"),
    ("err.restore.seal", "{file} is na het maken veranderd of beschadigd, of hoort bij een congres met een andere sleutel; er is niets teruggezet", "{file} was changed or damaged after it was made, or belongs to a congress with another key; nothing was restored"),
    ("err.restore.unreadable", "{file} kan niet worden gelezen ({why}); er is niets teruggezet", "{file} cannot be read ({why}); nothing was restored"),
    ("err.open.isBackup", "{file} is een back-up, geen database: zet de oorspronkelijke database terug (of start met een lege map) en zet de back-up terug met Samenwerken → Back-up terugzetten of balie-cli restore", "{file} is a backup, not a database: put the original database back (or start with an empty folder) and restore the backup with Samenwerken → Restore a backup or balie-cli restore"),
    ("err.restore.otherCongress", "{file} is een back-up van een ander congres ({theirs}); er is niets teruggezet", "{file} is a backup of another congress ({theirs}); nothing was restored"),
    ("err.net.replayed", "het verzoek hoort niet bij een vraag van deze balie (te oud, al gebruikt of herhaald); er is niets gedeeld", "the request does not answer a challenge of this desk (too old, used already or replayed); nothing was shared"),
    ("err.net.unsigned", "het verzoek is niet ondertekend met de sleutel van dit congres; er is niets gedeeld", "the request is not signed with this congress's key; nothing was shared"),
    ("err.import.xlsx", "het bestand is geen leesbaar Excel-bestand ({why}); open het in Excel en sla het op als Excel-werkmap (.xlsx) of als CSV", "the file is not a readable Excel file ({why}); open it in Excel and save it as an Excel workbook (.xlsx) or as CSV"),
    ("err.import.tooLarge", "het bestand is {size}; Balie leest bestanden tot {max}. Splits het in delen of sla alleen de nodige kolommen op", "the file is {size}; Balie reads files up to {max}. Split it or save only the columns needed"),
    ("err.import.tooManyRows", "het bestand heeft meer dan {max} rijen; splits het in delen van hoogstens {max} rijen", "the file has more than {max} rows; split it into parts of at most {max} rows"),
    ("err.import.tooManyColumns", "regel {line} heeft {columns} kolommen; Balie leest er hoogstens {max}. Verwijder de kolommen die niet nodig zijn", "line {line} has {columns} columns; Balie reads at most {max}. Remove the columns that are not needed"),
    ("err.import.cellTooLong", "regel {line}, kolom {column}: een veld van {chars} tekens; een veld mag hoogstens {max} tekens hebben. Kijk of het bestand het goede is", "line {line}, column {column}: a field of {chars} characters; a field may have at most {max}. Check that this is the right file"),
    ("err.import.cellOutside", "werkblad '{sheet}': cel {cell} ligt buiten wat Balie leest ({rows} rijen, {columns} kolommen). Verwijder wat daar staat of kopieer de gegevens naar een nieuw werkblad", "worksheet '{sheet}': cell {cell} lies outside what Balie reads ({rows} rows, {columns} columns). Remove what is there or copy the data to a new worksheet"),
    ("err.import.zipEntries", "het Excel-bestand is niet veilig te lezen: het heeft {parts} onderdelen, een werkmap hoogstens {max}. Open het in Excel en sla het opnieuw op, of sla het op als CSV", "the Excel file cannot be read safely: it has {parts} parts, a workbook at most {max}. Open it in Excel and save it again, or save it as CSV"),
    ("err.import.zipEntry", "het Excel-bestand is niet veilig te lezen: onderdeel '{entry}' is uitgepakt groter dan {max}. Open het in Excel en sla het opnieuw op, of sla het op als CSV", "the Excel file cannot be read safely: part '{entry}' unpacks to more than {max}. Open it in Excel and save it again, or save it as CSV"),
    ("err.import.zipTotal", "het Excel-bestand is niet veilig te lezen: uitgepakt is het groter dan {max}. Open het in Excel en sla het opnieuw op, of sla het op als CSV", "the Excel file cannot be read safely: unpacked it is larger than {max}. Open it in Excel and save it again, or save it as CSV"),
    ("err.import.zipStrings", "het Excel-bestand is niet veilig te lezen: onderdeel '{entry}' heeft meer dan {max} verschillende teksten. Open het in Excel en sla het opnieuw op, of sla het op als CSV", "the Excel file cannot be read safely: part '{entry}' has more than {max} different texts. Open it in Excel and save it again, or save it as CSV"),
    ("err.import.encoding", "tekenset '{encoding}' kent Balie niet; kies uit: {choices}", "Balie does not know the encoding '{encoding}'; choose from: {choices}"),
    ("err.import.badText", "het bestand zegt {encoding} te zijn maar bevat tekens die dat niet zijn; sla het in Excel opnieuw op als 'CSV UTF-8'", "the file says it is {encoding} but holds characters that are not; save it again in Excel as 'CSV UTF-8'"),
    ("err.import.unreadable", "het bestand kan niet worden gelezen: {why}", "the file cannot be read: {why}"),
    ("err.import.noSheets", "het Excel-bestand heeft geen werkbladen", "the Excel file has no worksheets"),
    ("err.import.noSheet", "er is geen werkblad '{sheet}'; kies uit: {choices}", "there is no worksheet '{sheet}'; choose from: {choices}"),
    ("err.import.sheetUnreadable", "werkblad '{sheet}' kan niet worden gelezen: {why}", "worksheet '{sheet}' cannot be read: {why}"),
    ("err.import.sheetEmpty", "werkblad '{sheet}' is leeg; kies het werkblad met de aanmeldingen", "worksheet '{sheet}' is empty; choose the worksheet with the registrations"),
    ("err.import.csv", "regel {line}: het bestand is geen leesbare CSV ({why}); sla het in Excel op als 'CSV (puntkomma gescheiden)'", "line {line}: the file is not a readable CSV ({why}); save it in Excel as 'CSV (semicolon delimited)'"),
    ("err.import.noHeader", "regel 1: het bestand is leeg of heeft geen kopregel", "line 1: the file is empty or has no header row"),
    ("err.import.mappingName", "geef de koppeling een naam van 1 tot 60 tekens, bijvoorbeeld 'Export registratiesysteem'", "give the mapping a name of 1 to 60 characters, for instance 'Export registration system'"),
    ("err.print.folder", "map {folder} kan niet worden gemaakt: {why}", "folder {folder} cannot be made: {why}"),
    ("err.print.file", "{file} kan niet worden geschreven: {why}", "{file} cannot be written: {why}"),
    ("err.print.temp", "tijdelijk bestand mislukt: {why}", "temporary file failed: {why}"),
    ("err.print.refused", "printer {printer} weigerde de badge: {why}. Controleer of de printer aan staat en de naam klopt (lpstat -p)", "printer {printer} refused the badge: {why}. Check that the printer is on and its name is right (lpstat -p)"),
    ("err.print.lp", "lp kan niet worden gestart ({why}); is CUPS geïnstalleerd?", "lp cannot be started ({why}); is CUPS installed?"),
    ("err.print.fallbackList", "kies de inchecklijst waarvan je de noodlijst wilt", "choose the check-in list you want the emergency list of"),
    ("err.net.unreadable", "onleesbaar verzoek ({why})", "unreadable request ({why})"),
    ("err.net.otherCongress", "deze balie hoort bij een ander congres", "this desk belongs to another congress"),
    ("err.net.unknown", "onbekend verzoek {request}", "unknown request {request}"),
    ("err.net.unreachable", "{address} is niet bereikbaar ({why})", "{address} cannot be reached ({why})"),
    ("err.net.refusedUnproven", "{address} weigerde het verzoek (zonder reden, zoals aan elke onbekende); hoort die balie bij dit congres? Koppel deze laptop anders opnieuw met een koppelcode", "{address} refused the request (without a reason, as to anyone unknown); does that desk belong to this congress? Otherwise pair this laptop again with a pairing code"),
    ("err.pair.refused", "{address} weigerde het koppelen; staat de koppelcode nog open op het scherm van die balie? Vraag daar anders een nieuwe code, en probeer het over een minuut opnieuw", "{address} refused the pairing; is the pairing code still open on that desk's screen? Otherwise ask there for a new code, and try again in a minute"),
    ("err.pair.tooFast", "te veel koppelpogingen in korte tijd; wacht een minuut", "too many pairing tries in a short time; wait a minute"),
    ("err.net.refused", "{address} weigerde: {why}", "{address} refused: {why}"),
    ("err.net.notPeer", "met {address} wisselt deze balie niets uit; kies een balie uit de lijst (Samenwerken › Netwerk, of peers.txt in de gegevensmap)", "this desk exchanges nothing with {address}; choose a desk from the list (Work together › Network, or peers.txt in the data folder)"),
    ("err.all", "{all}", "{all}"),
    ("err.joined", "{first}; {rest}", "{first}; {rest}"),
    ("err.person.firstName", "Voornaam: vul de voornaam in", "First name: fill in the first name"),
    ("err.person.lastName", "Achternaam: vul de achternaam in (zonder tussenvoegsel)", "Last name: fill in the last name (without its prefix)"),
    ("err.person.email", "E-mailadres: '{email}' is geen geldig adres; schrijf het als naam@organisatie.nl of laat het leeg", "E-mail address: '{email}' is not a valid address; write it as name@organisation.nl or leave it empty"),
    ("err.person.days", "Dagen: kies donderdag, vrijdag of beide", "Days: choose Thursday, Friday or both"),
    ("err.person.bus", "Bus: busvervoer kan alleen bij een gekozen werkbezoek", "Bus: the bus goes only with a chosen work visit"),
    ("err.list.kind", "alleen een lijst voor een sessie of een bus kan worden toegevoegd; de dagen en de ALV bestaan al", "only a list for a session or a bus can be added; the days and the members' meeting exist already"),
    ("err.list.noItem", "er is geen programmaonderdeel '{id}'; zie `balie-cli programme --json` voor de ids", "there is no programme item '{id}'; see `balie-cli programme --json` for the ids"),
    ("err.list.exists", "de lijst '{id}' bestaat al", "the list '{id}' exists already"),
    ("err.person.none", "er is geen deelnemer met id {id}", "there is no attendee with id {id}"),
    ("err.paper.notOnList", "{name} staat niet op deze lijst ({why}); check deze persoon in aan de balie met een reden", "{name} is not on this list ({why}); check this person in at the desk with a reason"),
    ("err.kiosk.nobody", "geen badgecode en geen persoon gekozen", "no badge code and no person chosen"),
    ("notOnList.day", "niet aangemeld voor deze dag", "not registered for this day"),
    ("notOnList.member", "geen lid (staat niet op de ledenlijst)", "not a member (not on the list of members)"),
    ("notOnList.signup", "niet ingeschreven voor dit onderdeel", "not signed up for this item"),
    ("notOnList.cancelled", "afgemeld", "cancelled"),
    ("err.pair.unreadable", "onleesbaar bericht ({what})", "unreadable message ({what})"),
    ("err.pair.codeEmpty", "vul de koppelcode in die de andere balie toont (8 cijfers)", "fill in the pairing code the other desk shows (8 digits)"),
    ("err.pair.codeDigit", "de koppelcode bestaat uit cijfers; '{char}' hoort er niet in", "the pairing code is made of digits; '{char}' does not belong in it"),
    ("err.pair.codeLength.one", "de koppelcode heeft 8 cijfers; er is er {count} ingevuld", "the pairing code has 8 digits; {count} was filled in"),
    ("err.pair.codeLength.other", "de koppelcode heeft 8 cijfers; er zijn er {count} ingevuld", "the pairing code has 8 digits; {count} were filled in"),
    ("err.pair.qr", "de gescande koppelcode is onvolledig; scan hem opnieuw of typ adres en code", "the scanned pairing code is incomplete; scan it again or type address and code"),
    ("err.pair.addressEmpty", "vul het adres in dat de andere balie toont (bijvoorbeeld 192.168.1.10:7411)", "fill in the address the other desk shows (for instance 192.168.1.10:7411)"),
    ("err.pair.port", "'{address}' mist het poortnummer; schrijf het als adres:poort, bijvoorbeeld 192.168.1.10:7411", "'{address}' lacks the port number; write it as address:port, for instance 192.168.1.10:7411"),
    ("err.pair.address", "'{address}' is geen adres:poort; bijvoorbeeld 192.168.1.10:7411", "'{address}' is not an address:port; for instance 192.168.1.10:7411"),
    ("err.pair.noneOpen", "op deze balie staat geen koppelcode open (verlopen, gebruikt of te vaak fout geprobeerd); vraag om een nieuwe code", "this desk has no pairing code open (expired, used or tried wrongly too often); ask for a new code"),
    ("err.pair.badMessage", "onbruikbaar bericht van de nieuwe balie ({why})", "unusable message from the new desk ({why})"),
    ("err.pair.unknownSession", "onbekende koppelpoging; begin opnieuw", "unknown pairing attempt; start again"),
    ("err.pair.wrongCode", "de koppelcode klopt niet", "the pairing code is wrong"),
    ("err.pair.unreadableAnswer", "onleesbaar antwoord van {address} ({why})", "unreadable answer from {address} ({why})"),
    ("err.pair.badAnswer", "onbruikbaar antwoord van {address} ({why})", "unusable answer from {address} ({why})"),
    ("err.pair.wrongCodeAt", "de koppelcode klopt niet (of {address} is een andere balie dan die de code toont); controleer de 8 cijfers en probeer opnieuw", "the pairing code is wrong (or {address} is another desk than the one showing the code); check the 8 digits and try again"),
    ("err.pair.changed", "het antwoord van {address} is onderweg gewijzigd; probeer opnieuw met een nieuwe code", "the answer from {address} was changed on the way; try again with a new code"),
    ("err.pair.incomplete", "onvolledig antwoord van {address}", "incomplete answer from {address}"),
    ("err.net.mdns", "andere balies automatisch vinden (mDNS) lukt niet ({why}); vul hun adres in of koppel met een code", "finding other desks automatically (mDNS) does not work ({why}); fill in their address or pair with a code"),
    ("err.clock.now", "'{value}' is geen tijdstip ({why}). Schrijf het als 2023-12-08T09:00:00+01:00.", "'{value}' is not a point in time ({why}). Write it as 2023-12-08T09:00:00+01:00."),
    ("err.arg.value", "{name} mist een waarde; schrijf bijvoorbeeld {name} {example}", "{name} lacks a value; write for instance {name} {example}"),
    ("err.schemaTooNew", "Het databasebestand {path} is gemaakt door een nieuwere versie van Balie (schemaversie {found}, deze versie kent t/m {known}). Het bestand is niet gewijzigd. Installeer de nieuwste versie van Balie om het te openen.", "The database file {path} was made by a newer version of Balie (schema version {found}, this version knows up to {known}). The file was not changed. Install the newest version of Balie to open it."),
    ("err.open", "Het databasebestand {path} kan niet worden geopend: {reason}. Controleer of de map bestaat en schrijfbaar is, en of het bestand een Balie-database is.", "The database file {path} cannot be opened: {reason}. Check that the folder exists and is writable, and that the file is a Balie database."),
    ("err.read", "De database kan niet worden gelezen: {reason}. Sluit andere programma's die het bestand gebruiken en probeer het opnieuw.", "The database cannot be read: {reason}. Close other programs using the file and try again."),
    ("err.write", "Niet opgeslagen: {reason}. Er is niets gewijzigd; probeer het opnieuw.", "Not saved: {reason}. Nothing was changed; try again."),
    ("err.write.busy", "de database is bezet door een ander programma of venster", "the database is busy in another program or window"),
    ("err.write.full", "de schijf is vol", "the disk is full"),
    ("err.write.readOnly", "de database is alleen-lezen", "the database is read-only"),
    ("err.write.other", "databasefout ({why})", "database error ({why})"),
    ("err.dataDir", "De gegevensmap {path} kan niet worden gebruikt: {reason}. Kies een andere map met --data-dir of BALIE_DATA_DIR.", "The data folder {path} cannot be used: {reason}. Choose another folder with --data-dir or BALIE_DATA_DIR."),
    ("err.deskIdentity", "Het bureau-identiteitsbestand {path} is onleesbaar: {reason}. Verwijder het bestand; Balie maakt dan een nieuwe bureau-identiteit.", "The desk identity file {path} cannot be read: {reason}. Remove the file; Balie then makes a new desk identity."),
    ("err.internal", "Interne fout: {reason}. Dit is een fout in Balie; meld deze aan de beheerder.", "Internal error: {reason}. This is a bug in Balie; report it to the administrator."),
    ("err.demo.realData", "De map {folder} bevat echte congresgegevens. Demogegevens komen alleen in een eigen demomap; start zonder --demo, of kies met --data-dir een lege map.", "The folder {folder} holds real congress data. Demo data go only into a demo folder of their own; start without --demo, or choose an empty folder with --data-dir."),
    ("err.demo.register", "Dit is een demodatabase met fictieve deelnemers; echte registraties importeer je in een echte gegevensmap (start zonder --demo).", "This is a demo database with fictitious attendees; import real registrations into a real data folder (start without --demo)."),
    ("err.demo.members", "Dit is een demodatabase met fictieve leden; het echte ledenregister importeer je in een echte gegevensmap (start zonder --demo).", "This is a demo database with fictitious members; import the real register of members into a real data folder (start without --demo)."),
    ("err.task.cancelled", "Afgebroken op verzoek; er is niets veranderd.", "Cancelled as asked; nothing was changed."),
    ("err.host.thread", "Balie kon een taak niet starten ({why}). Herstart Balie.", "Balie could not start a task ({why}). Restart Balie."),
    ("err.host.locked", "Interne fout: de toegang tot de gegevens is geblokkeerd. Herstart Balie.", "Internal error: access to the data is blocked. Restart Balie."),
    ("err.command.args", "De opdracht {command} kreeg verkeerde gegevens ({why}). Dit is een fout in Balie of in het script dat de opdracht gaf: geef de velden zoals `balie-cli commands` ze noemt", "The command {command} got wrong input ({why}). This is a bug in Balie or in the script that sent it: give the fields as `balie-cli commands` lists them"),
    ("err.command.output", "Interne fout: het antwoord op {command} kon niet worden verstuurd ({why}). Herstart Balie; meld het als het terugkomt", "Internal error: the answer to {command} could not be sent ({why}). Restart Balie; report it if it happens again"),
    ("err.command.unknown", "Onbekende opdracht {command}; `balie-cli commands` toont ze allemaal", "Unknown command {command}; `balie-cli commands` lists them all"),
    ("err.member.notFound", "geen lid gevonden voor '{reference}'; zie `members list`", "no member found for '{reference}'; see `members list`"),
    ("err.member.many", "'{reference}' past bij {number} leden ({names}); wees preciezer", "'{reference}' matches {number} members ({names}); be more precise"),
    ("err.mapping.json", "{file}: geen geldige koppeling ({why}); schrijf een JSON-object met per kolomkop een veld, bv. \"Voornaam\": \"first_name\", of null om de kolom over te slaan", "{file}: not a valid mapping ({why}); write a JSON object with a field per column header, e.g. \"Voornaam\": \"first_name\", or null to leave the column out"),
    ("err.mapping.field", "{file}, kolom '{header}': onbekend veld {value}; kies uit {fields} of null", "{file}, column '{header}': unknown field {value}; choose from {fields} or null"),
    ("err.mapping.read", "{file} kan niet worden gelezen: {why}", "{file} cannot be read: {why}"),
    ("err.mapping.unknown", "'{mapping}' is geen bestand en geen opgeslagen koppeling; opgeslagen: {saved}", "'{mapping}' is neither a file nor a saved mapping; saved: {saved}"),
    ("err.host.listen", "Luisteren op {address} voor andere balies lukte niet ({why}); is Balie hier al open? Kies anders een vrije poort met --listen ADRES:POORT", "Listening on {address} for other desks failed ({why}); is Balie already open here? Otherwise choose a free port with --listen ADDRESS:PORT"),
    ("err.field.tooLong", "{field}: {chars} tekens, ten hoogste {max}; kort het in", "{field}: {chars} characters, at most {max}; shorten it"),
    ("err.command.tooLong", "{command}: de tekst in '{argument}' is {chars} tekens lang, ten hoogste {max}; kort hem in", "{command}: the text in '{argument}' is {chars} characters long, at most {max}; shorten it"),
    ("import.tooLong", "{field}: {chars} tekens, ten hoogste {max}; kort de waarde in het bestand in", "{field}: {chars} characters, at most {max}; shorten the value in the file"),
    ("label.title", "Titel", "Title"),
    ("label.location", "Locatie", "Location"),
    ("label.description", "Beschrijving", "Description"),
    ("label.speaker", "Spreker", "Speaker"),
    ("label.alias", "Andere naam", "Other name"),
    ("label.bus", "Bus", "Bus"),
    ("label.note", "Opmerking", "Note"),
    ("label.receivedBy", "Ontvangen door", "Received by"),
    ("label.chairDecision", "Besluit van de voorzitter", "Chair's decision"),
    ("field.firstName", "Voornaam", "First name"),
    ("field.tussenvoegsel", "Tussenvoegsel", "Name prefix"),
    ("field.lastName", "Achternaam", "Last name"),
    ("field.email", "E-mailadres", "E-mail address"),
    ("field.organisation", "Organisatie", "Organisation"),
    ("field.function", "Functie", "Job title"),
    ("field.member", "Lid", "Member"),
    ("field.thursday", "Donderdag", "Thursday"),
    ("field.friday", "Vrijdag", "Friday"),
    ("field.dinner", "Diner", "Dinner"),
    ("field.session", "Kennissessie", "Session"),
    ("field.visit", "Werkbezoek", "Work visit"),
    ("field.bus", "Busvervoer", "Bus"),
    ("field.dietary", "Dieetwensen", "Dietary needs"),
    ("field.accessibility", "Toegankelijkheid", "Accessibility"),
    ("field.speaker", "Spreker", "Speaker"),
    ("field.guest", "Gast", "Guest"),
    ("field.status", "Status", "Status"),
    ("field.city", "Plaats", "Town"),
    ("field.category", "Categorie", "Category"),
    ("field.voteWeight", "Stemgewicht", "Voting weight"),
    ("field.suspended", "Geschorst", "Suspended"),
    ("field.voting", "Stemrecht", "Right to vote"),
    ("import.doubleColumns", "de kolommen {columns} horen allemaal bij '{field}'; kies er één en zet de andere op 'negeren'", "the columns {columns} all belong to '{field}'; choose one and set the others to 'ignore'"),
    ("import.missingColumn", "de kolom '{field}' ontbreekt in de kopregel; voeg hem toe of hernoem de kolom die deze gegevens bevat", "the column '{field}' is missing from the header row; add it or rename the column that holds these data"),
    ("import.twice", "{email} staat ook op regel {line}; elke persoon één keer", "{email} is also on line {line}; every person once"),
    ("import.yesNo", "'{value}' is geen ja/nee-waarde; gebruik Ja of Nee (ook J/N, x, 1/0, WAAR/ONWAAR)", "'{value}' is not a yes/no value; use Yes or No (also Y/N, x, 1/0, TRUE/FALSE, Ja/Nee)"),
    ("import.status", "status '{value}' is onbekend; 'geannuleerd' of 'afgemeld' meldt iemand af, 'aangemeld' of leeg laat de aanmelding staan", "status '{value}' is unknown; 'geannuleerd' or 'afgemeld' cancels someone, 'aangemeld' or empty keeps the registration"),
    ("import.noFirstName", "voornaam ontbreekt", "first name is missing"),
    ("import.noLastName", "achternaam ontbreekt", "last name is missing"),
    ("import.noEmail", "e-mailadres ontbreekt; het is nodig om iemand bij een volgende import terug te vinden", "e-mail address is missing; it is needed to find someone again at the next import"),
    ("import.badEmail", "'{email}' is geen geldig e-mailadres", "'{email}' is not a valid e-mail address"),
    ("import.noSession", "de kennissessie '{value}' bestaat niet; kies uit: {choices}", "the session '{value}' does not exist; choose from: {choices}"),
    ("import.noVisit", "het werkbezoek '{value}' bestaat niet; kies uit: {choices}", "the work visit '{value}' does not exist; choose from: {choices}"),
    ("import.noDay", "niet aangemeld voor donderdag of vrijdag; vul bij minstens één dag Ja in", "not registered for Thursday or Friday; fill in Yes for at least one day"),
    ("import.sameName", "{name} staat al in het register met e-mailadres {theirs}; met {email} komt er een tweede bij. Is het dezelfde persoon, pas dan het e-mailadres aan", "{name} is in the register already with the e-mail address {theirs}; with {email} a second one is added. If it is the same person, change the e-mail address"),
    ("import.sameNameNoEmail", "{name} staat al in het register met e-mailadres (geen); met {email} komt er een tweede bij. Is het dezelfde persoon, pas dan het e-mailadres aan", "{name} is in the register already without an e-mail address; with {email} a second one is added. If it is the same person, change the e-mail address"),
    ("members.noName", "de kolom 'Naam' (de naam van het lid) ontbreekt in de kopregel; voeg hem toe of koppel de kolom met de namen", "the column 'Naam' (the member's name) is missing from the header row; add it or map the column with the names"),
    ("members.wrongField", "deze kolom is gekoppeld aan een veld van de aanmeldingen; kies een veld van het ledenregister of 'negeren'", "this column is mapped to a field of the registrations; choose a field of the register of members or 'ignore'"),
    ("members.nameMissing", "de naam van het lid ontbreekt", "the member's name is missing"),
    ("members.twice", "'{name}' staat ook op regel {line}; elk lid één keer (staan er twee met dezelfde naam, zet dan de plaats in de naam)", "'{name}' is also on line {line}; every member once (if two have the same name, put the town in the name)"),
    ("members.weight", "'{value}' is geen stemgewicht; schrijf een getal met ten hoogste drie decimalen en een decimale komma, zoals 1 of 1,5", "'{value}' is not a voting weight; write a number with at most three decimals and a decimal comma, such as 1 or 1,5"),
    ("alv.problem", "regel '{rule}': {reason}", "rule '{rule}': {reason}"),
    ("alv.stamp", "{when}, {desk}, {staff}", "{when}, {desk}, {staff}"),
    ("alv.conflict.proxy", "De volmacht van {grantor} aan {holder} (geregistreerd {registered}) telt niet: {problem}. Twee balies registreerden dit voordat ze gegevens uitwisselden; trek een van beide in of corrigeer.", "The proxy of {grantor} to {holder} (registered {registered}) does not count: {problem}. Two desks registered this before they exchanged data; revoke one of them or correct it."),
    ("alv.conflict.usedAfterRevoke", "De volmacht van {member} is meegeteld in '{vote}' ({when}, {desk}), maar was al ingetrokken ({revoked}: {reason}). Beslis als voorzitter of die stemming opnieuw moet.", "The proxy of {member} was counted in '{vote}' ({when}, {desk}), but had been revoked already ({revoked}: {reason}). Decide as chair whether that vote must be held again."),
    ("alv.also.override", "toegelaten zonder stemrecht: {reason}", "let in without a vote: {reason}"),
    ("alv.also.colleague", "collega van {member}", "colleague of {member}"),
    ("alv.also.speaker", "spreker", "speaker"),
    ("alv.also.guest", "gast", "guest"),
    ("tally.noQuorum", "Geen geldig besluit: het quorum ({rule}) is niet gehaald.", "No valid decision: the quorum ({rule}) was not reached."),
    ("tally.adopted", "Aangenomen: {for} van {cast} uitgebrachte stemmen voor (nodig: {needed}); {abstained} onthouding.", "Adopted: {for} of {cast} votes cast in favour (needed: {needed}); {abstained} abstaining."),
    ("tally.rejected", "Verworpen: {for} van {cast} uitgebrachte stemmen voor (nodig: {needed}); {abstained} onthouding.", "Rejected: {for} of {cast} votes cast in favour (needed: {needed}); {abstained} abstaining."),
    ("threshold.heads.atLeast", "ten minste {fraction} (per lid)", "at least {fraction} (per member)"),
    ("threshold.heads.moreThan", "meer dan {fraction} (per lid)", "more than {fraction} (per member)"),
    ("threshold.weight.atLeast", "ten minste {fraction} (naar stemgewicht)", "at least {fraction} (by voting weight)"),
    ("threshold.weight.moreThan", "meer dan {fraction} (naar stemgewicht)", "more than {fraction} (by voting weight)"),
    ("door.representedBy", "{member} is al vertegenwoordigd door {by}", "{member} is represented already by {by}"),
    ("door.representsNamed", "vertegenwoordigt {member} (gemachtigd)", "represents {member} (authorised)"),
    ("door.represents", "vertegenwoordigt {member}", "represents {member}"),
    ("door.suspended", "lid is geschorst: stemt niet", "member is suspended: does not vote"),
    ("door.noVote", "lid zonder stemrecht", "member without a vote"),
    ("door.holds", "houdt volmachten van {from}", "holds proxies of {from}"),
    ("door.gave.suspend", "{member} gaf een volmacht aan {holder}: die telt niet zolang {member} zelf aanwezig is", "{member} gave a proxy to {holder}: it does not count while {member} is present itself"),
    ("door.gave.revoke", "{member} gaf een volmacht aan {holder}: bevestig bij het inchecken dat die wordt ingetrokken", "{member} gave a proxy to {holder}: confirm at check-in that it is revoked"),
    ("door.gave.keep", "{member} gaf een volmacht aan {holder}: {holder} blijft voor {member} stemmen", "{member} gave a proxy to {holder}: {holder} keeps voting for {member}"),
    ("door.join", "{first} · {rest}", "{first} · {rest}"),
    ("names.single", "{name}", "{name}"),
    ("names.and", "{rest} en {last}", "{rest} and {last}"),
];

/// The catalogue as TypeScript for the window (see the module).
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from crates/balie-core/src/domain/message.rs. Do not edit.\n\
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

    /// Messages whose words do not change with the count ("3 aangemeld", "1 signed up").
    const COUNTED_WITHOUT_FORMS: &[&str] = &["nownext.signedUp", "nownext.dinner"];

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
            // A count chooses its words: a message with one has its two forms.
            if nl.contains("{count}") && !key.ends_with(".one") && !key.ends_with(".other") {
                assert!(
                    COUNTED_WITHOUT_FORMS.contains(key),
                    "{key} counts but has no .one and .other forms"
                );
            }
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
        assert_eq!(zero.dutch, "0 deelnemers vandaag");
        for (n, nl, en) in [
            (0, "er zijn er 0 ingevuld", "0 were filled in"),
            (1, "er is er 1 ingevuld", "1 was filled in"),
            (5, "er zijn er 5 ingevuld", "5 were filled in"),
        ] {
            let m = Msg::new("err.pair.codeLength", [("count", (n as usize).into())]);
            assert!(m.dutch.ends_with(nl), "{}", m.dutch);
            assert!(m.english().ends_with(en), "{}", m.english());
        }
        let seats = Msg::new(
            "nownext.seats",
            [("seated", 20.5f64.into()), ("capacity", 40usize.into())],
        );
        assert_eq!(seats.dutch, "20,5 van 40 plaatsen bezet");
        assert_eq!(seats.english(), "20.5 of 40 seats taken");
    }

    #[test]
    fn a_message_inside_a_message_is_in_the_same_language() {
        let when = crate::domain::clock::datetime_msg("2023-12-06T15:05:00Z", "+01:00");
        assert_eq!(when.dutch, "6 december 2023 om 16:05");
        assert_eq!(
            when.dutch,
            crate::domain::clock::dutch_datetime("2023-12-06T15:05:00Z", "+01:00")
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

    /// Every string literal in the sources that looks like a catalogue key (it starts with
    /// a key's first part and a dot) is in the catalogue, as itself or with plural forms.
    #[test]
    fn every_key_the_sources_use_is_in_the_catalogue() {
        let known = |k: &str| {
            CATALOGUE
                .iter()
                .any(|e| e.0 == k || e.0 == format!("{k}.one") || e.0 == format!("{k}.other"))
        };
        let firsts: std::collections::BTreeSet<&str> = CATALOGUE
            .iter()
            .filter_map(|e| e.0.split_once('.').map(|(f, _)| f))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src"), root.join("../../src-tauri/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut used = 0;
        let mut missing = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("source");
            for literal in text.split('"').skip(1).step_by(2) {
                let Some((first, _)) = literal.split_once('.') else {
                    continue;
                };
                let key_like = literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.')
                    && !literal.ends_with('.');
                if key_like && firsts.contains(first) {
                    used += 1;
                    if !known(literal) {
                        missing.push(format!("{}: {literal}", file.display()));
                    }
                }
            }
        }
        assert!(used > 150, "only {used} keys found: is the scan broken?");
        assert!(
            missing.is_empty(),
            "keys not in the catalogue: {missing:#?}"
        );
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

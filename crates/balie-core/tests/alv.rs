//! The members' meeting through the real core on temp-folder databases: the member register
//! import, every proxy rule (accept and refuse), presence and the grantor policies, quorum
//! and tally with decimal weights, the same state after shuffled replay and a two-desk
//! merge, and the presentielijst read back with `pdftotext`.

mod common;

use balie_core::app::reception::AttendeeInput;
use balie_core::domain::alv::model::{
    AlvSettings, Choice, EvidenceInput, EvidenceKind, GrantorPolicy, MemberStatus, ProxyInput,
    ProxyState, Vote,
};
use balie_core::domain::alv::weight::Weight;
use balie_core::domain::bytes::Bytes;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::import::ImportOptions;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, ErrorCode, LaunchOptions};
use std::collections::HashMap;
use std::path::Path;

const ALV: &str = "alv";

fn options(dir: &Path) -> LaunchOptions {
    LaunchOptions {
        now: Some("2023-12-08T11:05:00+01:00".into()),
        ..common::options(dir, false)
    }
}

/// Ten members; weights sum to 9,5. K is not entitled to vote, L is suspended.
const REGISTER: &str = "Naam;Plaats;Categorie;Stemgewicht;Geschorst;Stemrecht\r\n\
Bibliotheek Assen;Assen;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Bolsward;Bolsward;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Coevorden;Coevorden;gewoon lid;1,5;Nee;Ja\r\n\
Bibliotheek Delfzijl;Delfzijl;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Emmen;Emmen;gewoon lid;0,5;Nee;Ja\r\n\
Bibliotheek Franeker;Franeker;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Groningen;Groningen;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Harlingen;Harlingen;gewoon lid;0,5;Nee;Ja\r\n\
Bibliotheek IJlst;IJlst;gewoon lid;1;Nee;Ja\r\n\
Bibliotheek Joure;Joure;gewoon lid;1;Nee;Ja\r\n\
Stichting Kennisnet;Kampen;buitengewoon lid;0;Nee;Nee\r\n\
Bibliotheek Lemmer;Lemmer;gewoon lid;1;Ja;Ja\r\n";

struct Meeting {
    b: Balie,
    /// Member name's first letter after "Bibliotheek " → member id.
    m: HashMap<char, String>,
    /// The same → the representative's attendee id.
    p: HashMap<char, String>,
}

fn letter(name: &str) -> char {
    name.trim_start_matches("Bibliotheek ")
        .trim_start_matches("Stichting ")
        .chars()
        .next()
        .expect("name")
}

fn meeting(dir: &Path) -> Meeting {
    let mut b = Balie::start(&options(dir)).expect("start");
    b.set_staff("Anna").expect("staff");
    let preview = b
        .import_members(REGISTER.as_bytes(), "leden.csv", &ImportOptions::default())
        .expect("import");
    assert!(preview.applied, "{:?}", preview.problems);
    let mut m = HashMap::new();
    let mut p = HashMap::new();
    for member in b.members().expect("members") {
        let c = letter(&member.name);
        let a = b
            .add_attendee(AttendeeInput {
                first_name: format!("Vertegenwoordiger {c}"),
                last_name: "Jansen".into(),
                organisation: member.name.clone(),
                member_org: Some(member.name.clone()),
                friday: true,
                ..AttendeeInput::default()
            })
            .expect("person");
        m.insert(c, member.id.clone());
        p.insert(c, a.id);
    }
    Meeting { b, m, p }
}

fn paper() -> Option<EvidenceInput> {
    Some(EvidenceInput {
        kind: EvidenceKind::Paper,
        received_at: "2023-12-06 16:05".into(),
        received_by: String::new(),
        note: "getekend formulier".into(),
        scan_name: None,
        scan: None,
    })
}

impl Meeting {
    fn proxy(&mut self, from: char, to: char) -> balie_core::Result<String> {
        self.proxy_with(from, to, paper(), false)
    }

    fn proxy_with(
        &mut self,
        from: char,
        to: char,
        evidence: Option<EvidenceInput>,
        replace: bool,
    ) -> balie_core::Result<String> {
        self.b
            .grant_proxy(ProxyInput {
                grantor_id: self.m[&from].clone(),
                holder_id: self.m[&to].clone(),
                evidence,
                chair_decision: None,
                replace,
            })
            .map(|p| p.id)
    }

    fn arrive(&mut self, c: char) {
        let out = self
            .b
            .check_in(ALV, &self.p[&c], None, CheckinSource::Search)
            .expect("check in");
        assert!(matches!(out, CheckinOutcome::CheckedIn { .. }), "{out:?}");
    }

    fn leave(&mut self, c: char) {
        self.b.check_out(ALV, &self.p[&c]).expect("check out");
    }

    fn status(&self, c: char) -> MemberStatus {
        let state = self.b.alv_state().expect("state");
        state
            .members
            .iter()
            .find(|l| l.member_id == self.m[&c])
            .expect("line")
            .status
    }

    fn settings(&mut self, f: impl FnOnce(&mut AlvSettings)) {
        let mut s = self.b.alv_settings().expect("settings");
        f(&mut s);
        self.b.set_alv_settings(&s).expect("set");
    }
}

fn refused_rule(r: balie_core::Result<String>) -> String {
    match r {
        Ok(id) => panic!("accepted {id}"),
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::RuleRefused, "{e}");
            // The window gets the same refusal in English, rule and reason both.
            let msg = e
                .payload()
                .msg
                .unwrap_or_else(|| panic!("a catalogue message for the window: {e}"));
            assert_eq!(msg.dutch, e.to_string());
            let english = msg.english();
            assert!(
                english.starts_with("Not allowed by the rule '"),
                "{english}"
            );
            for dutch in [
                "volmacht",
                "gemachtigde",
                "stemrecht",
                "ledenlijst",
                "geschorst",
                " geen ",
            ] {
                assert!(!english.contains(dutch), "{english}");
            }
            e.to_string()
        }
    }
}

#[test]
fn the_member_register_imports_with_decimal_weights_and_refuses_bad_rows_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mt = meeting(dir.path());
    let members = mt.b.members().expect("members");
    assert_eq!(members.len(), 12);
    let coevorden = members.iter().find(|m| m.city == "Coevorden").expect("C");
    assert_eq!(coevorden.weight, Weight(1500));
    let kennisnet = members.iter().find(|m| m.city == "Kampen").expect("K");
    assert!(!kennisnet.voting);
    assert!(
        members
            .iter()
            .find(|m| m.city == "Lemmer")
            .expect("L")
            .suspended
    );

    // A bad file: every problem with line and column, nothing written.
    let events = mt.b.store().event_count().expect("count");
    let bad = "Naam;Stemgewicht;Geschorst\n\
               Bibliotheek Assen;1.234,5;Nee\n\
               ;1;Nee\n\
               Bibliotheek Zuid;1;misschien\n\
               bibliotheek assen;1;Nee\n";
    let preview =
        mt.b.import_members(bad.as_bytes(), "leden.csv", &ImportOptions::default())
            .expect("preview");
    assert!(!preview.applied);
    let lines: Vec<(u32, Option<&str>)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (2, Some("Stemgewicht")),
            (3, Some("Naam")),
            (4, Some("Geschorst")),
            (5, Some("Naam"))
        ],
        "{:?}",
        preview.problems
    );
    assert!(preview.problems[0].message.dutch.contains("decimale komma"));
    assert!(preview.problems[3].message.dutch.contains("regel 2"));
    assert_eq!(mt.b.store().event_count().expect("count"), events);

    // A re-import matches by name (any case), keeps ids, updates, lists the missing.
    let again =
        "Naam;Plaats;Stemgewicht\nBIBLIOTHEEK ASSEN;Assen;2\nBibliotheek Bolsward;Bolsward;1\n";
    let preview =
        mt.b.import_members(again.as_bytes(), "leden.csv", &ImportOptions::default())
            .expect("again");
    assert!(preview.applied);
    assert_eq!((preview.new, preview.updated), (0, 2), "{preview:?}");
    assert_eq!(preview.missing.len(), 10);
    let assen =
        mt.b.members()
            .expect("members")
            .into_iter()
            .find(|m| m.id == mt.m[&'A'])
            .expect("same id");
    assert_eq!(assen.weight, Weight(2000));
    mt.arrive('A');
}

#[test]
fn every_proxy_rule_accepts_and_refuses_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mt = meeting(dir.path());
    // Table: (earlier proxies, attempt, refused rule or None).
    type Case = (&'static [(char, char)], (char, char), Option<&'static str>);
    let cases: &[Case] = &[
        (&[], ('A', 'B'), None),
        (&[], ('A', 'A'), Some("geen volmacht aan zichzelf")),
        (&[], ('K', 'A'), Some("alleen stemgerechtigde leden")),
        (
            &[],
            ('L', 'A'),
            Some("geschorste leden geven geen volmacht"),
        ),
        (
            &[],
            ('A', 'K'),
            Some("vertegenwoordigt een stemgerechtigd lid"),
        ),
        (
            &[],
            ('A', 'L'),
            Some("vertegenwoordigt een stemgerechtigd lid"),
        ),
        (&[('A', 'B')], ('A', 'C'), Some("één volmacht per lid")),
        // Chains: a holder cannot grant, a grantor cannot hold; so no cycles.
        (
            &[('A', 'B')],
            ('B', 'C'),
            Some("geen doorgegeven volmachten"),
        ),
        (
            &[('A', 'B')],
            ('C', 'A'),
            Some("geen doorgegeven volmachten"),
        ),
        (
            &[('A', 'B')],
            ('B', 'A'),
            Some("geen doorgegeven volmachten"),
        ),
        (
            &[('A', 'D'), ('B', 'D')],
            ('C', 'D'),
            Some("ten hoogste 2 volmachten"),
        ),
        (&[('A', 'D')], ('B', 'D'), None),
    ];
    for (n, (before, (from, to), refused)) in cases.iter().enumerate() {
        let sub = tempfile::tempdir().expect("tempdir");
        let mut fresh = meeting(sub.path());
        for (f, t) in before.iter() {
            fresh.proxy(*f, *t).expect("earlier proxy");
        }
        let events = fresh.b.store().event_count().expect("count");
        let result = fresh.proxy(*from, *to);
        match refused {
            None => {
                result.unwrap_or_else(|e| panic!("case {n}: refused: {e}"));
            }
            Some(rule) => {
                let msg = refused_rule(result);
                assert!(msg.contains(rule), "case {n}: {msg}");
                assert_eq!(fresh.b.store().event_count().expect("count"), events);
            }
        }
    }

    // The statutes may differ: each of these rules is a setting of the meeting.
    {
        let sub = tempfile::tempdir().expect("tempdir");
        let mut other = meeting(sub.path());
        other.settings(|s| {
            s.grantor_must_vote = false;
            s.holder_must_vote = false;
            s.no_chains = false;
        });
        other
            .proxy('K', 'A')
            .expect("a non-voting member may grant");
        other
            .proxy('A', 'L')
            .expect("a suspended member's representative may hold");
        other
            .proxy('B', 'K')
            .expect("the holder's member grants: a chain, allowed");
        let msg = refused_rule(other.proxy('K', 'C'));
        assert!(msg.contains("één volmacht per lid"), "{msg}");
        let msg = refused_rule(other.proxy('C', 'C'));
        assert!(msg.contains("geen volmacht aan zichzelf"), "{msg}");
    }

    // Evidence required (default), then not.
    let msg = refused_rule(mt.proxy_with('E', 'F', None, false));
    assert!(msg.contains("bewijs verplicht"), "{msg}");
    mt.settings(|s| s.evidence_required = false);
    mt.proxy_with('E', 'F', None, false)
        .expect("without evidence");

    // The cap is a setting: unlimited, or 1.
    mt.settings(|s| s.max_proxies_per_holder = None);
    mt.proxy('A', 'F').expect("second");
    mt.proxy('B', 'F').expect("third, unlimited");
    mt.settings(|s| s.max_proxies_per_holder = Some(1));
    let msg = refused_rule(mt.proxy('C', 'F'));
    assert!(msg.contains("ten hoogste 1 volmacht"), "{msg}");

    // Replace = revoke + new, both kept.
    let first = mt.b.alv_state().expect("state").proxies.len();
    mt.settings(|s| s.max_proxies_per_holder = Some(2));
    mt.proxy_with('A', 'G', paper(), true).expect("replace");
    let state = mt.b.alv_state().expect("state");
    assert_eq!(state.proxies.len(), first + 1);
    let old = state
        .proxies
        .iter()
        .find(|p| p.grantor_id == mt.m[&'A'] && p.holder_id == mt.m[&'F'])
        .expect("old");
    assert_eq!(old.state, ProxyState::Revoked);
    assert_eq!(
        old.revoke_reason.as_deref(),
        Some("vervangen door een nieuwe volmacht")
    );

    // Deadline: late evidence needs the chair's decision.
    mt.settings(|s| {
        s.deadline = Some("2023-12-06T12:00:00Z".into());
        s.evidence_required = true;
    });
    let msg = refused_rule(mt.proxy('H', 'I'));
    assert!(msg.contains("termijn"), "{msg}");
    let late =
        mt.b.grant_proxy(ProxyInput {
            grantor_id: mt.m[&'H'].clone(),
            holder_id: mt.m[&'I'].clone(),
            evidence: paper(),
            chair_decision: Some("voorzitter staat toe: formulier lag op de post".into()),
            replace: false,
        })
        .expect("with the chair's decision");
    assert!(late.chair_decision.is_some());

    // Revocation needs a reason, and once.
    let e = mt.b.revoke_proxy(&late.id, " ").expect_err("no reason");
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let revoked =
        mt.b.revoke_proxy(&late.id, "per e-mail ingetrokken")
            .expect("revoke");
    assert_eq!(revoked.state, ProxyState::Revoked);
    mt.b.revoke_proxy(&late.id, "nog eens").expect_err("twice");
    // A revoked proxy frees the grantor.
    mt.b.grant_proxy(ProxyInput {
        grantor_id: mt.m[&'H'].clone(),
        holder_id: mt.m[&'J'].clone(),
        evidence: paper(),
        chair_decision: Some("toegestaan".into()),
        replace: false,
    })
    .expect("new after revoke");
}

#[test]
fn presence_proxies_and_the_grantor_policies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mt = meeting(dir.path());
    // The evidence's scan is kept in the database and comes back byte for byte.
    let mut scan = b"%PDF-1.7\n".to_vec();
    scan.extend((0..=255u8).cycle().take(70_000));
    let with_scan = EvidenceInput {
        scan_name: Some("machtiging assen.pdf".into()),
        scan: Some(Bytes(scan.clone())),
        ..paper().expect("evidence")
    };
    let id = mt
        .proxy_with('A', 'B', Some(with_scan), false)
        .expect("proxy");
    let (name, bytes) = mt.b.evidence_scan(&id).expect("read").expect("scan");
    assert_eq!((name.as_str(), bytes), ("machtiging assen.pdf", scan));
    let saved = mt.b.save_evidence_scan(&id).expect("save");
    assert_eq!(saved.extension().and_then(|e| e.to_str()), Some("pdf"));
    let view = &mt.b.alv_state().expect("state").proxies[0];
    assert_eq!(
        view.evidence.as_ref().and_then(|e| e.scan_name.as_deref()),
        Some("machtiging assen.pdf")
    );
    let too_big = EvidenceInput {
        scan: Some(Bytes(vec![0; 6 * 1024 * 1024])),
        ..paper().expect("evidence")
    };
    let e = mt
        .proxy_with('C', 'D', Some(too_big), false)
        .expect_err("too big");
    assert!(e.to_string().contains("5 MB"), "{e}");
    assert_eq!(mt.status('A'), MemberStatus::Absent);
    // The holder arrives: A is represented.
    mt.arrive('B');
    assert_eq!(mt.status('A'), MemberStatus::Represented);
    assert_eq!(mt.status('B'), MemberStatus::Present);
    let hits = mt.b.desk_search("Vertegenwoordiger", ALV).expect("search");
    let hit = hits
        .iter()
        .find(|h| h.attendee.id == mt.p[&'B'])
        .expect("B");
    let note = hit.alv_note.clone().expect("note");
    let english = note.english();
    assert!(
        english.contains("represents Bibliotheek Bolsward")
            && english.contains("holds proxies of Bibliotheek Assen"),
        "{english}"
    );
    let note = note.dutch;
    assert!(
        note.contains("vertegenwoordigt Bibliotheek Bolsward"),
        "{note}"
    );
    assert!(
        note.contains("houdt volmachten van Bibliotheek Assen"),
        "{note}"
    );
    // The holder leaves: A is absent again.
    mt.leave('B');
    assert_eq!(mt.status('A'), MemberStatus::Absent);
    mt.arrive('B');
    // The grantor comes itself (default: suspend while present).
    mt.arrive('A');
    assert_eq!(mt.status('A'), MemberStatus::Present);
    let p = &mt.b.alv_state().expect("state").proxies[0];
    assert_eq!(p.state, ProxyState::Suspended);
    assert!(!p.needs_confirmation);
    mt.leave('A');
    assert_eq!(mt.status('A'), MemberStatus::Represented);
    // Keep: the proxy counts even with the grantor present.
    mt.settings(|s| s.grantor_present = GrantorPolicy::Keep);
    mt.arrive('A');
    assert_eq!(mt.status('A'), MemberStatus::Represented);
    // Revoke: staff confirm at the door, then it is revoked for good.
    mt.settings(|s| s.grantor_present = GrantorPolicy::Revoke);
    let p = mt.b.alv_state().expect("state").proxies[0].clone();
    assert!(p.needs_confirmation);
    assert_eq!(mt.status('A'), MemberStatus::Present);
    let confirmed = mt.b.confirm_grantor_present(&p.id).expect("confirm");
    assert_eq!(confirmed.state, ProxyState::Revoked);
    mt.leave('A');
    assert_eq!(mt.status('A'), MemberStatus::Absent);

    // A named representative who is no member's colleague is admitted without an override.
    let guest =
        mt.b.add_attendee(AttendeeInput {
            first_name: "Collega".into(),
            last_name: "Zonderlid".into(),
            friday: true,
            ..AttendeeInput::default()
        })
        .expect("person");
    let out =
        mt.b.check_in(ALV, &guest.id, None, CheckinSource::Search)
            .expect("check in");
    assert!(
        matches!(out, CheckinOutcome::NeedsOverride { .. }),
        "{out:?}"
    );
    let e =
        mt.b.set_representative(&mt.m[&'C'], Some(&guest.id), None)
            .expect_err("no evidence");
    assert_eq!(e.code(), ErrorCode::RuleRefused);
    mt.b.set_representative(&mt.m[&'C'], Some(&guest.id), paper())
        .expect("named");
    let out =
        mt.b.check_in(ALV, &guest.id, None, CheckinSource::Search)
            .expect("check in");
    assert!(matches!(out, CheckinOutcome::CheckedIn { .. }), "{out:?}");
    let state = mt.b.alv_state().expect("state");
    let c = state
        .members
        .iter()
        .find(|l| l.member_id == mt.m[&'C'])
        .expect("C");
    assert_eq!(c.status, MemberStatus::Present);
    assert_eq!(c.by.as_deref(), Some("Collega Zonderlid"));
    assert!(c
        .evidence
        .as_deref()
        .unwrap_or("")
        .contains("papieren formulier"));
    let e =
        mt.b.set_representative(&mt.m[&'D'], Some(&guest.id), paper())
            .expect_err("one member per person");
    assert!(e.to_string().contains("vertegenwoordigt al"), "{e}");
}

/// The fixed scenario: 10 voting members (weight 9,5), 6 present, 2 represented → 7,5.
fn scenario(mt: &mut Meeting) {
    mt.proxy('G', 'A').expect("G→A");
    mt.proxy('H', 'C').expect("H→C");
    for c in ['A', 'B', 'C', 'D', 'E', 'F'] {
        mt.arrive(c);
    }
}

#[test]
fn quorum_tally_and_presentielijst_with_decimal_weights() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mt = meeting(dir.path());
    scenario(&mut mt);
    let state = mt.b.alv_state().expect("state");
    let t = state.totals;
    assert_eq!((t.present.heads, t.present.weight), (6, Weight(6000)));
    assert_eq!(
        (t.represented.heads, t.represented.weight),
        (2, Weight(1500))
    );
    assert_eq!((t.absent.heads, t.absent.weight), (2, Weight(2000)));
    assert_eq!((t.entitled.heads, t.entitled.weight), (10, Weight(9500)));
    // 7,5 of 9,5 ≥ 1/2 and ≥ 2/3 (6,33…); by heads 8 of 10.
    assert!(state.quorum.iter().all(|q| q.met), "{:?}", state.quorum);
    mt.settings(|s| {
        s.decision_types[1].quorum = Some(balie_core::domain::alv::model::Threshold {
            basis: balie_core::domain::alv::model::Basis::Weight,
            strict: true,
            numerator: 4,
            denominator: 5,
        });
    });
    let q = &mt.b.alv_state().expect("state").quorum[1];
    assert!(!q.met, "7,5 of 9,5 is not more than 4/5 (7,6): {q:?}");
    assert!(q.explanation.contains("7,5 van 9,5"), "{}", q.explanation);

    // A board member without a member organisation: let in, listed as also present.
    let board =
        mt.b.add_attendee(AttendeeInput {
            first_name: "Cees".into(),
            tussenvoegsel: "van".into(),
            last_name: "Eijk".into(),
            organisation: "VOB".into(),
            friday: true,
            ..AttendeeInput::default()
        })
        .expect("board");
    mt.b.check_in(
        ALV,
        &board.id,
        Some("voorzitter VOB"),
        CheckinSource::Search,
    )
    .expect("board in");
    assert_eq!(
        mt.b.alv_state().expect("state").totals,
        t,
        "an override never counts"
    );
    let snap =
        mt.b.take_snapshot("5. Jaarrekening 2022", "gewoon")
            .expect("snapshot");
    assert_eq!(snap.content.also_present.len(), 1);
    assert!(snap.content.also_present[0].note.contains("voorzitter VOB"));
    assert!(snap.content.quorum.met);
    // Votes: C (1,5) and A (1 + G by proxy 1) … by weight.
    let vote = |c: char, choice| Vote {
        member_id: mt.m[&c].clone(),
        choice,
    };
    let votes = vec![
        vote('A', Choice::Voor),
        vote('G', Choice::Voor),
        vote('C', Choice::Tegen),
        vote('H', Choice::Tegen),
        vote('B', Choice::Voor),
        vote('D', Choice::Onthouding),
        vote('E', Choice::Tegen),
    ];
    let tallied = mt.b.record_tally(&snap.id, votes).expect("tally");
    let tally = tallied.tally.expect("tally");
    assert_eq!((tally.voor.heads, tally.voor.weight), (3, Weight(3000)));
    assert_eq!((tally.tegen.heads, tally.tegen.weight), (3, Weight(2500)));
    assert_eq!(tally.onthouding.weight, Weight(1000));
    assert_eq!(tally.not_voted.weight, Weight(1000));
    assert!(
        tally.adopted,
        "3 of 5,5 is more than 1/2: {}",
        tally.outcome
    );
    // An absent member cannot vote.
    let e =
        mt.b.record_tally(&snap.id, vec![vote('I', Choice::Voor)])
            .expect_err("absent");
    assert_eq!(e.code(), ErrorCode::RuleRefused);

    // The snapshot is frozen: later changes do not touch it.
    mt.leave('A');
    assert_eq!(
        mt.b.snapshot(&snap.id).expect("snap").content.totals,
        snap.content.totals
    );

    let pdf = mt.b.presentielijst_pdf(&snap.id).expect("pdf");
    let path = dir.path().join("presentielijst.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("8 december 2023"), "{text}");
    assert!(text.contains(&snap.id), "snapshot id printed");
    assert!(text.contains("5. Jaarrekening 2022"));
    assert!(text.contains("pagina 1 van"), "{text}");
    for needle in [
        "8 leden · stemgewicht 7,5",
        "6 leden · stemgewicht 6",
        "2 leden · stemgewicht 1,5",
        "10 leden · stemgewicht 9,5",
        "Voorzitter",
        "Secretaris",
        "Tevens aanwezig",
    ] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    // Alphabetical order of the members.
    let order: Vec<usize> = [
        "Assen",
        "Bolsward",
        "Coevorden",
        "Delfzijl",
        "Joure",
        "Kennisnet",
    ]
    .iter()
    .map(|n| {
        text.find(&format!("Bibliotheek {n}"))
            .or_else(|| text.find(n))
            .expect(n)
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(text.contains("vertegenwoordigd"));
    let csv = String::from_utf8(mt.b.presentielijst_csv(&snap.id).expect("csv")).expect("utf-8");
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("Bibliotheek Coevorden;Coevorden;1,5;aanwezig"),
        "{csv}"
    );
}

#[test]
fn the_same_state_after_rebuild_and_after_merging_two_desks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = meeting(dir.path());
    scenario(&mut one);
    let before = serde_json::to_string(&one.b.alv_state().expect("state")).expect("json");
    one.b.store_mut().rebuild_projections().expect("rebuild");
    let after = serde_json::to_string(&one.b.alv_state().expect("state")).expect("json");
    assert_eq!(before, after);

    // A second desk joins; both register a proxy for the same grantor before exchanging.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let key = one.b.congress_key_code().expect("key");
    let full = one.b.export_bundle(&VersionVector::new()).expect("bundle");
    let mut two = Balie::join(&options(dir2.path()), &key, &full).expect("join");
    two.set_staff("Bram").expect("staff");
    let snap = one
        .b
        .take_snapshot("6. Begroting", "gewoon")
        .expect("snapshot");
    let g_proxy = snap
        .content
        .members
        .iter()
        .find(|l| l.member_id == one.m[&'G'])
        .and_then(|l| l.proxy_id.clone())
        .expect("G represented");
    // Desk two revokes G's proxy "before" desk one froze (HLC order), unaware of it.
    two.revoke_proxy(&g_proxy, "per e-mail ingetrokken")
        .expect("revoke");
    one.proxy('I', 'B').expect("I→B on desk one");
    two.grant_proxy(ProxyInput {
        grantor_id: one.m[&'I'].clone(),
        holder_id: one.m[&'D'].clone(),
        evidence: paper(),
        chair_decision: None,
        replace: false,
    })
    .expect("I→D on desk two");
    let b1 = one
        .b
        .export_bundle(&two.version_vector().expect("vv"))
        .expect("b1");
    let b2 = two
        .export_bundle(&one.b.version_vector().expect("vv"))
        .expect("b2");
    two.import_bundle(&b1).expect("into two");
    one.b.import_bundle(&b2).expect("into one");
    let s1 = one.b.alv_state().expect("state");
    let s2 = two.alv_state().expect("state");
    assert_eq!(
        serde_json::to_string(&s1).expect("json"),
        serde_json::to_string(&s2).expect("json")
    );
    // One of the two proxies for I is a conflict, shown, not dropped.
    let for_i: Vec<_> = s1
        .proxies
        .iter()
        .filter(|p| p.grantor_id == one.m[&'I'])
        .collect();
    assert_eq!(for_i.len(), 2);
    assert_eq!(
        for_i
            .iter()
            .filter(|p| p.state == ProxyState::Conflict)
            .count(),
        1,
        "{for_i:?}"
    );
    assert!(s1.conflicts.iter().any(|c| c.kind == "proxy_conflict"));
    // The revoke wins everywhere.
    let g = s1.proxies.iter().find(|p| p.id == g_proxy).expect("g");
    assert_eq!(g.state, ProxyState::Revoked);
    // Replaying every event in shuffled order into a fresh projection gives the same state.
    one.b.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(
        serde_json::to_string(&one.b.alv_state().expect("state")).expect("json"),
        serde_json::to_string(&s1).expect("json")
    );
}

#[test]
fn a_use_after_a_revoke_is_flagged_for_the_chair() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = meeting(dir.path());
    scenario(&mut one);
    let dir2 = tempfile::tempdir().expect("tempdir");
    let key = one.b.congress_key_code().expect("key");
    let full = one.b.export_bundle(&VersionVector::new()).expect("bundle");
    let mut two = Balie::join(&options(dir2.path()), &key, &full).expect("join");
    two.set_staff("Bram").expect("staff");
    let g_proxy = one
        .b
        .alv_state()
        .expect("state")
        .proxies
        .iter()
        .find(|p| p.grantor_id == one.m[&'G'])
        .expect("g")
        .id
        .clone();
    // Desk two revokes first; desk one, not knowing, freezes a vote counting it (after one
    // more check-in, so its clock is past the revocation's).
    two.revoke_proxy(&g_proxy, "ingetrokken").expect("revoke");
    one.arrive('J');
    one.b
        .take_snapshot("7. Decharge", "gewoon")
        .expect("snapshot");
    let b2 = two
        .export_bundle(&one.b.version_vector().expect("vv"))
        .expect("b2");
    one.b.import_bundle(&b2).expect("merge");
    let state = one.b.alv_state().expect("state");
    let flag = state
        .conflicts
        .iter()
        .find(|c| c.kind == "used_after_revoke")
        .expect("flagged");
    assert!(flag.message.contains("7. Decharge"), "{}", flag.message);
    assert!(
        flag.message.contains("Bibliotheek Groningen"),
        "{}",
        flag.message
    );
}

#[test]
fn the_presentielijst_names_the_chairs_decision_that_let_a_late_proxy_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mt = meeting(dir.path());
    mt.settings(|s| {
        s.deadline = Some("2023-12-06T12:00:00Z".into());
        s.evidence_required = true;
    });
    mt.arrive('I');
    mt.b.grant_proxy(ProxyInput {
        grantor_id: mt.m[&'H'].clone(),
        holder_id: mt.m[&'I'].clone(),
        evidence: paper(),
        chair_decision: Some("formulier lag op de post".into()),
        replace: false,
    })
    .expect("with the chair's decision");
    assert_eq!(mt.status('H'), MemberStatus::Represented);
    let snap =
        mt.b.take_snapshot("6. Begroting", "gewoon")
            .expect("snapshot");
    let line = snap
        .content
        .members
        .iter()
        .find(|m| m.member_id == mt.m[&'H'])
        .expect("Harlingen");
    assert!(
        line.evidence
            .as_deref()
            .is_some_and(|e| e.ends_with("· besluit voorzitter: formulier lag op de post")),
        "{line:?}"
    );
    let pdf = mt.b.presentielijst_pdf(&snap.id).expect("pdf");
    let path = dir.path().join("presentielijst.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("besluit voorzitter: formulier lag op de post"),
        "{flat}"
    );
}

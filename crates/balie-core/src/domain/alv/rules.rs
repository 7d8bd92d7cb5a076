//! The meeting's state, derived from the members, the settings, the `alv.*` events and who
//! is in the room. Pure: the same inputs give the same state, and the events are always
//! read in (HLC, desk) order, so desks that merged the same events agree whatever order they
//! received them in. A proxy is checked against the rules at its place in that order; one
//! that breaks a rule there (two desks registered conflicting proxies before they had
//! exchanged) is shown as a conflict and does not count. A revocation always wins.

use crate::domain::alv::model::*;
use crate::domain::alv::weight::Weight;
use crate::domain::clock;
use crate::domain::events::kinds;
use crate::domain::message::{Msg, Param};
use crate::domain::names;
use std::collections::HashMap;

/// One `alv.*` event as the derivation reads it.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub kind: String,
    pub subject: String,
    pub hlc: i64,
    pub desk_name: String,
    pub staff: String,
    pub wall_time: String,
    pub payload: String,
}

/// A person who may be in the room.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    pub organisation: String,
    /// The member organisation the register links them to.
    pub member: Option<String>,
    pub guest: bool,
    pub speaker: bool,
}

/// Someone checked in on the members' list, in order of arrival; `override_reason` is set
/// for people let in without being a member's representative (never counted).
#[derive(Debug, Clone)]
pub(crate) struct InRoom {
    pub attendee_id: String,
    pub override_reason: Option<String>,
}

pub(crate) struct World<'a> {
    pub members: &'a [Member],
    pub settings: &'a AlvSettings,
    pub rows: &'a [Row],
    pub people: &'a HashMap<String, Person>,
    pub in_room: &'a [InRoom],
    pub utc_offset: &'a str,
}

/// A rule a proxy broke: the rule and what is wrong, as catalogue messages (Dutch for the
/// log and the CLI, the window's language for the window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleBreak {
    pub rule: Box<Msg>,
    pub reason: Box<Msg>,
}

impl RuleBreak {
    /// The rule `key` broken for the reason `why`.
    fn said<const N: usize>(key: &str, why: &str, params: [(&str, Param); N]) -> RuleBreak {
        RuleBreak {
            rule: Box::new(Msg::new(key, [])),
            reason: Box::new(Msg::new(why, params)),
        }
    }

    /// "regel 'R': why", for the window in its language.
    pub fn msg(&self) -> Msg {
        Msg::new(
            "alv.problem",
            [
                ("rule", (*self.rule).clone().into()),
                ("reason", (*self.reason).clone().into()),
            ],
        )
    }

    pub fn message(&self) -> String {
        self.msg().dutch
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ProxyRec {
    pub id: String,
    pub grantor_id: String,
    pub holder_id: String,
    pub evidence: Option<Evidence>,
    pub chair_decision: Option<String>,
    /// When, at which desk and by whom.
    pub registered: Msg,
    /// HLC, when/desk/staff, reason.
    pub revoked: Option<(i64, Msg, String)>,
    pub conflict: Option<RuleBreak>,
}

impl ProxyRec {
    /// Registered, not refused, not revoked.
    fn active(&self) -> bool {
        self.revoked.is_none() && self.conflict.is_none()
    }
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(row: &Row) -> Option<T> {
    serde_json::from_str(&row.payload).ok()
}

fn member_name(by_id: &HashMap<&str, &Member>, id: &str) -> String {
    by_id
        .get(id)
        .map_or_else(|| id.to_string(), |m| m.name.clone())
}

/// "A, B en C" as a message: "A, B and C" in English.
pub(crate) fn names_msg(names_: &[String]) -> Msg {
    match names_ {
        [rest @ .., last] if !rest.is_empty() => Msg::new(
            "names.and",
            [
                ("rest", rest.join(", ").into()),
                ("last", last.as_str().into()),
            ],
        ),
        _ => Msg::new("names.single", [("name", names_.join("").into())]),
    }
}

/// A proxy to check: who grants, who holds, and its evidence.
pub(crate) struct Candidate<'a> {
    pub grantor_id: &'a str,
    pub holder_id: &'a str,
    pub evidence: Option<&'a Evidence>,
    pub chair_decision: Option<&'a str>,
}

/// Checks a new proxy against the rules, given the proxies active at its place in the
/// order.
pub(crate) fn check_proxy(
    by_id: &HashMap<&str, &Member>,
    settings: &AlvSettings,
    active: &[&ProxyRec],
    c: &Candidate<'_>,
    utc_offset: &str,
) -> Result<(), RuleBreak> {
    let Candidate {
        grantor_id,
        holder_id,
        evidence,
        chair_decision,
    } = *c;
    let grantor = by_id.get(grantor_id).ok_or_else(|| {
        RuleBreak::said(
            "rule.grantorIsMember",
            "rule.grantorIsMember.why",
            [("id", grantor_id.into())],
        )
    })?;
    let holder = by_id.get(holder_id).ok_or_else(|| {
        RuleBreak::said(
            "rule.holderIsMember",
            "rule.holderIsMember.why",
            [("id", holder_id.into())],
        )
    })?;
    if grantor_id == holder_id {
        return Err(RuleBreak::said(
            "rule.notToItself",
            "rule.notToItself.why",
            [("member", grantor.name.as_str().into())],
        ));
    }
    if settings.grantor_must_vote && !grantor.voting {
        return Err(RuleBreak::said(
            "rule.grantorVotes",
            "rule.grantorVotes.why",
            [
                ("member", grantor.name.as_str().into()),
                ("category", grantor.category.as_str().into()),
            ],
        ));
    }
    if settings.grantor_must_vote && grantor.suspended {
        return Err(RuleBreak::said(
            "rule.grantorNotSuspended",
            "rule.grantorNotSuspended.why",
            [("member", grantor.name.as_str().into())],
        ));
    }
    if settings.holder_must_vote && (!holder.voting || holder.suspended) {
        return Err(RuleBreak::said(
            "rule.holderVotes",
            if holder.suspended {
                "rule.holderVotes.suspended"
            } else {
                "rule.holderVotes.noVote"
            },
            [("member", holder.name.as_str().into())],
        ));
    }
    if let Some(p) = active.iter().find(|p| p.grantor_id == grantor_id) {
        return Err(RuleBreak::said(
            "rule.oneProxy",
            "rule.oneProxy.why",
            [
                ("member", grantor.name.as_str().into()),
                ("holder", member_name(by_id, &p.holder_id).into()),
            ],
        ));
    }
    let held: Vec<String> = active
        .iter()
        .filter(|p| p.holder_id == grantor_id)
        .map(|p| member_name(by_id, &p.grantor_id))
        .collect();
    if settings.no_chains && !held.is_empty() {
        return Err(RuleBreak::said(
            "rule.noChains",
            "rule.noChains.holds",
            [
                ("member", grantor.name.as_str().into()),
                ("from", names_msg(&held).into()),
            ],
        ));
    }
    if let Some(p) = active
        .iter()
        .find(|p| settings.no_chains && p.grantor_id == holder_id)
    {
        return Err(RuleBreak::said(
            "rule.noChains",
            "rule.noChains.gave",
            [
                ("member", holder.name.as_str().into()),
                ("holder", member_name(by_id, &p.holder_id).into()),
            ],
        ));
    }
    if let Some(max) = settings.max_proxies_per_holder {
        let holding: Vec<String> = active
            .iter()
            .filter(|p| p.holder_id == holder_id)
            .map(|p| member_name(by_id, &p.grantor_id))
            .collect();
        if holding.len() >= max as usize {
            let rule = Msg::new("rule.maxProxies", [("count", (max as usize).into())]);
            let reason = Msg::new(
                "rule.maxProxies.why",
                [
                    ("member", holder.name.as_str().into()),
                    ("held", holding.len().into()),
                    ("from", names_msg(&holding).into()),
                ],
            );
            return Err(RuleBreak {
                rule: Box::new(rule),
                reason: Box::new(reason),
            });
        }
    }
    let chair = chair_decision.map(str::trim).filter(|c| !c.is_empty());
    match evidence {
        None if settings.evidence_required => {
            return Err(RuleBreak::said("rule.evidence", "rule.evidence.why", []))
        }
        Some(e) => {
            if let Some(deadline) = &settings.deadline {
                if e.received_at.as_str() > deadline.as_str() && chair.is_none() {
                    return Err(RuleBreak::said(
                        "rule.deadline",
                        "rule.deadline.why",
                        [
                            (
                                "received",
                                clock::datetime_msg(&e.received_at, utc_offset).into(),
                            ),
                            ("deadline", clock::datetime_msg(deadline, utc_offset).into()),
                        ],
                    ));
                }
            }
        }
        None => {}
    }
    Ok(())
}

/// The proxies in event order, each checked at its place; revocations applied.
pub(crate) fn proxies(world: &World<'_>) -> Vec<ProxyRec> {
    let by_id: HashMap<&str, &Member> = world.members.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut out: Vec<ProxyRec> = Vec::new();
    let mut pending: HashMap<String, (i64, Msg, String)> = HashMap::new();
    for row in world.rows {
        match row.kind.as_str() {
            kinds::ALV_PROXY_GRANTED => {
                let Some(p) = parse::<ProxyGranted>(row) else {
                    continue;
                };
                if out.iter().any(|q| q.id == row.subject) {
                    continue;
                }
                let active: Vec<&ProxyRec> = out.iter().filter(|q| q.active()).collect();
                let conflict = check_proxy(
                    &by_id,
                    world.settings,
                    &active,
                    &Candidate {
                        grantor_id: &p.grantor_id,
                        holder_id: &p.holder_id,
                        evidence: p.evidence.as_ref(),
                        chair_decision: p.chair_decision.as_deref(),
                    },
                    world.utc_offset,
                )
                .err();
                out.push(ProxyRec {
                    id: row.subject.clone(),
                    grantor_id: p.grantor_id,
                    holder_id: p.holder_id,
                    evidence: p.evidence,
                    chair_decision: p.chair_decision,
                    registered: stamp(row, world.utc_offset),
                    revoked: pending.remove(&row.subject),
                    conflict,
                });
            }
            kinds::ALV_PROXY_REVOKED => {
                let Some(r) = parse::<ProxyRevoked>(row) else {
                    continue;
                };
                let revoked = (row.hlc, stamp(row, world.utc_offset), r.reason);
                match out.iter_mut().find(|q| q.id == r.proxy_id) {
                    Some(q) if q.revoked.is_none() => q.revoked = Some(revoked),
                    Some(_) => {}
                    None => {
                        pending.entry(r.proxy_id).or_insert(revoked);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// "6 december 2023 om 16:05, Balie 1, Anna": when an event was written, where, by whom.
fn stamp(row: &Row, utc_offset: &str) -> Msg {
    Msg::new(
        "alv.stamp",
        [
            (
                "when",
                clock::datetime_msg(&row.wall_time, utc_offset).into(),
            ),
            ("desk", row.desk_name.as_str().into()),
            ("staff", row.staff.as_str().into()),
        ],
    )
}

fn evidence_view(e: &Evidence, utc_offset: &str) -> EvidenceView {
    EvidenceView {
        kind: e.kind,
        received_at_msg: clock::datetime_msg(&e.received_at, utc_offset),
        received_at: clock::dutch_datetime(&e.received_at, utc_offset),
        received_by: e.received_by.clone(),
        note: e.note.clone(),
        scan_name: e.scan.as_ref().map(|s| s.file_name.clone()),
    }
}

/// "e-mail, ontvangen 7 december 2023 om 16:05 door Anna (scan: machtiging.pdf)"
pub(crate) fn evidence_line(e: &Evidence, utc_offset: &str) -> String {
    let mut s = format!(
        "{}, ontvangen {} door {}",
        e.kind.dutch(),
        clock::dutch_datetime(&e.received_at, utc_offset),
        e.received_by
    );
    if !e.note.is_empty() {
        s.push_str(&format!("; {}", e.note));
    }
    if let Some(scan) = &e.scan {
        s.push_str(&format!(" (scan: {})", scan.file_name));
    }
    s
}

fn amount(basis: Basis, v: i64) -> String {
    match basis {
        Basis::Heads => v.to_string(),
        Basis::Weight => Weight(v).dutch(),
    }
}

pub(crate) fn quorum_line(dt: &DecisionType, totals: &Totals) -> QuorumLine {
    match &dt.quorum {
        None => QuorumLine {
            decision_type: dt.id.clone(),
            name: dt.name.clone(),
            rule: String::new(),
            met: true,
            explanation: "geen quorum vereist".into(),
            explained: Msg::new("quorum.none", []),
        },
        Some(q) => {
            let part = totals.present.of(q.basis) + totals.represented.of(q.basis);
            let whole = totals.entitled.of(q.basis);
            let met = q.met(part, whole);
            let number = |v: i64| -> Param {
                match q.basis {
                    Basis::Heads => (v as f64).into(),
                    Basis::Weight => (v as f64 / 1000.0).into(),
                }
            };
            let key = match (q.basis, q.strict) {
                (Basis::Heads, false) => "quorum.heads.atLeast",
                (Basis::Heads, true) => "quorum.heads.moreThan",
                (Basis::Weight, false) => "quorum.weight.atLeast",
                (Basis::Weight, true) => "quorum.weight.moreThan",
            };
            let explained = Msg::new(
                key,
                [
                    ("part", number(part)),
                    ("whole", number(whole)),
                    (
                        "fraction",
                        format!("{}/{}", q.numerator, q.denominator).into(),
                    ),
                ],
            );
            QuorumLine {
                explained,
                decision_type: dt.id.clone(),
                name: dt.name.clone(),
                rule: q.dutch(),
                met,
                explanation: format!(
                    "{} van {} {} aanwezig of vertegenwoordigd; nodig: {} van {}",
                    amount(q.basis, part),
                    amount(q.basis, whole),
                    match q.basis {
                        Basis::Heads => "leden",
                        Basis::Weight => "stemmen",
                    },
                    q.dutch(),
                    amount(q.basis, whole)
                ),
            }
        }
    }
}

/// The whole state of the meeting now.
pub(crate) fn derive(world: &World<'_>) -> AlvState {
    let off = world.utc_offset;
    let by_id: HashMap<&str, &Member> = world.members.iter().map(|m| (m.id.as_str(), m)).collect();
    // Named representatives: the latest setting per member wins.
    let mut reps: HashMap<String, (Option<String>, Option<Evidence>)> = HashMap::new();
    for row in world
        .rows
        .iter()
        .filter(|r| r.kind == kinds::ALV_REPRESENTATIVE_SET)
    {
        if let Some(r) = parse::<RepresentativeSet>(row) {
            reps.insert(r.member_id, (r.attendee_id, r.evidence));
        }
    }
    let named: HashMap<&str, &str> = reps
        .iter()
        .filter_map(|(m, (p, _))| p.as_deref().map(|p| (p, m.as_str())))
        .collect();
    let link = |attendee: &str| -> Option<String> {
        named.get(attendee).map(|m| m.to_string()).or_else(|| {
            world
                .people
                .get(attendee)
                .and_then(|p| p.member.clone())
                .filter(|m| by_id.contains_key(m.as_str()))
        })
    };
    // Who speaks for each member in the room: the named representative if present, else
    // the colleague who arrived first.
    let mut in_room_by_member: HashMap<String, Vec<&str>> = HashMap::new();
    for r in world.in_room.iter().filter(|r| r.override_reason.is_none()) {
        if let Some(m) = link(&r.attendee_id) {
            in_room_by_member.entry(m).or_default().push(&r.attendee_id);
        }
    }
    let voter: HashMap<String, String> = in_room_by_member
        .iter()
        .map(|(m, people)| {
            let named_rep = reps.get(m).and_then(|(p, _)| p.as_deref());
            let who = named_rep
                .filter(|p| people.contains(p))
                .unwrap_or(people[0]);
            (m.clone(), who.to_string())
        })
        .collect();
    let person_name = |id: &str| {
        world
            .people
            .get(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let present = |m: &str| voter.contains_key(m);

    let recs = proxies(world);
    let policy = world.settings.grantor_present;
    let mut proxy_views = Vec::new();
    let mut used_for: HashMap<String, &ProxyRec> = HashMap::new();
    let mut conflicts = Vec::new();
    for p in &recs {
        let state = if p.revoked.is_some() {
            ProxyState::Revoked
        } else if p.conflict.is_some() {
            ProxyState::Conflict
        } else if present(&p.grantor_id) && policy != GrantorPolicy::Keep {
            ProxyState::Suspended
        } else if present(&p.holder_id) {
            ProxyState::Used
        } else {
            ProxyState::Waiting
        };
        if state == ProxyState::Used {
            used_for.insert(p.grantor_id.clone(), p);
        }
        if let Some(c) = &p.conflict {
            if p.revoked.is_none() {
                conflicts.push(AlvConflict::new(
                    "proxy_conflict",
                    Msg::new(
                        "alv.conflict.proxy",
                        [
                            ("grantor", member_name(&by_id, &p.grantor_id).into()),
                            ("holder", member_name(&by_id, &p.holder_id).into()),
                            ("registered", p.registered.clone().into()),
                            ("problem", c.msg().into()),
                        ],
                    ),
                ));
            }
        }
        proxy_views.push(ProxyView {
            id: p.id.clone(),
            grantor_id: p.grantor_id.clone(),
            grantor: member_name(&by_id, &p.grantor_id),
            holder_id: p.holder_id.clone(),
            holder: member_name(&by_id, &p.holder_id),
            holder_person: voter.get(&p.holder_id).map(|v| person_name(v)),
            state,
            evidence: p.evidence.as_ref().map(|e| evidence_view(e, off)),
            chair_decision: p.chair_decision.clone(),
            registered: p.registered.dutch.clone(),
            registered_msg: p.registered.clone(),
            revoked: p.revoked.as_ref().map(|r| r.1.dutch.clone()),
            revoked_msg: p.revoked.as_ref().map(|r| r.1.clone()),
            revoke_reason: p.revoked.as_ref().map(|r| r.2.clone()),
            problem: p.conflict.as_ref().map(RuleBreak::message),
            problem_msg: p.conflict.as_ref().map(RuleBreak::msg),
            needs_confirmation: state == ProxyState::Suspended && policy == GrantorPolicy::Revoke,
        });
    }

    let mut members: Vec<&Member> = world.members.iter().collect();
    members.sort_by_cached_key(|m| (names::fold(&m.name), m.id.clone()));
    let mut totals = Totals::default();
    let mut lines = Vec::new();
    for m in members {
        let mut line = MemberLine {
            member_id: m.id.clone(),
            name: m.name.clone(),
            city: m.city.clone(),
            weight: m.weight,
            weight_text: m.weight.dutch(),
            status: MemberStatus::Absent,
            by: voter.get(&m.id).map(|v| person_name(v)),
            holder_member: None,
            proxy_id: None,
            evidence: None,
            note: None,
            note_msg: None,
        };
        if !m.counts() {
            line.status = MemberStatus::NoVote;
            let note = if m.suspended {
                Msg::new("alv.note.suspended", [])
            } else {
                Msg::new(
                    "alv.note.noVote",
                    [("category", m.category.as_str().into())],
                )
            };
            line.note = Some(note.dutch.clone());
            line.note_msg = Some(note);
        } else if let Some(p) = used_for.get(&m.id) {
            line.status = MemberStatus::Represented;
            line.by = voter.get(&p.holder_id).map(|v| person_name(v));
            line.holder_member = Some(member_name(&by_id, &p.holder_id));
            line.proxy_id = Some(p.id.clone());
            line.evidence = p.evidence.as_ref().map(|e| evidence_line(e, off));
            // A proxy let in by the chair (received after the deadline) carries that
            // decision on the list, as evidence of why it counts.
            if let Some(c) = p.chair_decision.as_deref() {
                let decision = format!("besluit voorzitter: {c}");
                line.evidence = Some(match line.evidence.take() {
                    Some(e) => format!("{e} · {decision}"),
                    None => decision,
                });
            }
            totals.represented.add(m.weight);
        } else if present(&m.id) {
            line.status = MemberStatus::Present;
            let (named_rep, evidence) = reps.get(&m.id).cloned().unwrap_or_default();
            if named_rep.as_deref() == voter.get(&m.id).map(String::as_str) {
                line.evidence = evidence.as_ref().map(|e| evidence_line(e, off));
            }
            totals.present.add(m.weight);
        } else {
            totals.absent.add(m.weight);
        }
        if m.counts() {
            totals.entitled.add(m.weight);
        }
        lines.push(line);
    }

    let voters: std::collections::HashSet<&str> = voter.values().map(String::as_str).collect();
    let mut also_present = Vec::new();
    for r in world.in_room {
        if voters.contains(r.attendee_id.as_str()) {
            continue;
        }
        let p = world.people.get(&r.attendee_id);
        let note = if let Some(reason) = &r.override_reason {
            Some(Msg::new(
                "alv.also.override",
                [("reason", reason.as_str().into())],
            ))
        } else if let Some(m) = link(&r.attendee_id) {
            Some(Msg::new(
                "alv.also.colleague",
                [("member", member_name(&by_id, &m).into())],
            ))
        } else if p.is_some_and(|p| p.speaker) {
            Some(Msg::new("alv.also.speaker", []))
        } else if p.is_some_and(|p| p.guest) {
            Some(Msg::new("alv.also.guest", []))
        } else {
            None
        };
        also_present.push(AlsoPresent {
            name: person_name(&r.attendee_id),
            organisation: p.map(|p| p.organisation.clone()).unwrap_or_default(),
            note: note.as_ref().map(|n| n.dutch.clone()).unwrap_or_default(),
            note_msg: note,
        });
    }
    also_present.sort_by_cached_key(|a| names::fold(&a.name));

    // A proxy counted in a snapshot not strictly before (by HLC) its revocation: flag it
    // for the chair, never drop it silently.
    for row in world
        .rows
        .iter()
        .filter(|r| r.kind == kinds::ALV_SNAPSHOT_TAKEN)
    {
        let Some(content) = parse::<SnapshotContent>(row) else {
            continue;
        };
        for line in &content.members {
            let Some(pid) = &line.proxy_id else { continue };
            if let Some(rev) = recs
                .iter()
                .find(|p| &p.id == pid)
                .and_then(|p| p.revoked.as_ref())
            {
                if rev.0 <= row.hlc {
                    conflicts.push(AlvConflict::new(
                        "used_after_revoke",
                        Msg::new(
                            "alv.conflict.usedAfterRevoke",
                            [
                                ("member", line.name.as_str().into()),
                                ("vote", content.label.as_str().into()),
                                ("when", clock::datetime_msg(&row.wall_time, off).into()),
                                ("desk", row.desk_name.as_str().into()),
                                ("revoked", rev.1.clone().into()),
                                ("reason", rev.2.as_str().into()),
                            ],
                        ),
                    ));
                }
            }
        }
    }

    let quorum = world
        .settings
        .decision_types
        .iter()
        .map(|dt| quorum_line(dt, &totals))
        .collect();
    AlvState {
        members: lines,
        totals,
        quorum,
        proxies: proxy_views,
        conflicts,
        also_present,
        settings: world.settings.clone(),
    }
}

/// Counts the votes of a snapshot against its decision type.
pub(crate) fn tally(
    content: &SnapshotContent,
    votes: &[Vote],
) -> (Count, Count, Count, Count, bool, Msg) {
    let by_member: HashMap<&str, Choice> = votes
        .iter()
        .map(|v| (v.member_id.as_str(), v.choice))
        .collect();
    let (mut voor, mut tegen, mut onth, mut none) = (
        Count::default(),
        Count::default(),
        Count::default(),
        Count::default(),
    );
    for m in content
        .members
        .iter()
        .filter(|m| matches!(m.status, MemberStatus::Present | MemberStatus::Represented))
    {
        match by_member.get(m.member_id.as_str()) {
            Some(Choice::Voor) => voor.add(m.weight),
            Some(Choice::Tegen) => tegen.add(m.weight),
            Some(Choice::Onthouding) => onth.add(m.weight),
            None => none.add(m.weight),
        }
    }
    let maj = content.decision_type.majority;
    let cast = Count {
        heads: voor.heads + tegen.heads,
        weight: voor.weight + tegen.weight,
    };
    let adopted_by_votes = cast.heads > 0 && maj.met(voor.of(maj.basis), cast.of(maj.basis));
    let adopted = content.quorum.met && adopted_by_votes;
    let number = |v: i64| -> Param {
        match maj.basis {
            Basis::Heads => (v as f64).into(),
            Basis::Weight => (v as f64 / 1000.0).into(),
        }
    };
    let outcome = if !content.quorum.met {
        Msg::new(
            "tally.noQuorum",
            [(
                "rule",
                match content.decision_type.quorum {
                    Some(q) => q.msg().into(),
                    None => content.quorum.rule.as_str().into(),
                },
            )],
        )
    } else {
        Msg::new(
            if adopted {
                "tally.adopted"
            } else {
                "tally.rejected"
            },
            [
                ("for", number(voor.of(maj.basis))),
                ("cast", number(cast.of(maj.basis))),
                ("needed", maj.msg().into()),
                ("abstained", number(onth.of(maj.basis))),
            ],
        )
    };
    (voor, tegen, onth, none, adopted, outcome)
}

/// The proxy rules on values alone, without a database.
#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, voting: bool, suspended: bool) -> Member {
        Member {
            id: id.into(),
            name: format!("Bibliotheek {id}"),
            city: id.into(),
            category: if voting {
                "gewoon lid"
            } else {
                "buitengewoon lid"
            }
            .into(),
            voting,
            weight: if voting { Weight::ONE } else { Weight(0) },
            suspended,
        }
    }

    fn proxy(id: &str, grantor: &str, holder: &str) -> ProxyRec {
        ProxyRec {
            id: id.into(),
            grantor_id: grantor.into(),
            holder_id: holder.into(),
            evidence: None,
            chair_decision: None,
            registered: Msg::new("names.single", [("name", "x".into())]),
            revoked: None,
            conflict: None,
        }
    }

    fn evidence() -> Evidence {
        Evidence {
            kind: EvidenceKind::Paper,
            received_at: "2023-12-06T15:05:00Z".into(),
            received_by: "Anna".into(),
            note: String::new(),
            scan: None,
        }
    }

    /// The rule broken by a proxy from `g` to `h`, given `active` proxies.
    fn broken(settings: &AlvSettings, active: &[&ProxyRec], g: &str, h: &str) -> Option<String> {
        let members = [
            member("A", true, false),
            member("B", true, false),
            member("C", true, false),
            member("D", true, false),
            member("X", false, false),
            member("S", true, true),
        ];
        let by_id: HashMap<&str, &Member> = members.iter().map(|m| (m.id.as_str(), m)).collect();
        let e = evidence();
        let c = Candidate {
            grantor_id: g,
            holder_id: h,
            evidence: Some(&e),
            chair_decision: None,
        };
        check_proxy(&by_id, settings, active, &c, "+01:00")
            .err()
            .map(|b| b.rule.key.clone())
    }

    #[test]
    fn each_proxy_rule_refuses_what_it_names() {
        let s = AlvSettings::default();
        assert_eq!(broken(&s, &[], "A", "B"), None);
        assert_eq!(
            broken(&s, &[], "Q", "B").as_deref(),
            Some("rule.grantorIsMember")
        );
        assert_eq!(
            broken(&s, &[], "A", "Q").as_deref(),
            Some("rule.holderIsMember")
        );
        assert_eq!(
            broken(&s, &[], "A", "A").as_deref(),
            Some("rule.notToItself")
        );
        assert_eq!(
            broken(&s, &[], "X", "B").as_deref(),
            Some("rule.grantorVotes")
        );
        assert_eq!(
            broken(&s, &[], "S", "B").as_deref(),
            Some("rule.grantorNotSuspended")
        );
        assert_eq!(
            broken(&s, &[], "A", "S").as_deref(),
            Some("rule.holderVotes")
        );
        let ab = proxy("p1", "A", "B");
        assert_eq!(
            broken(&s, &[&ab], "A", "C").as_deref(),
            Some("rule.oneProxy")
        );
        assert_eq!(
            broken(&s, &[&ab], "B", "C").as_deref(),
            Some("rule.noChains"),
            "B holds one"
        );
        assert_eq!(
            broken(&s, &[&ab], "C", "A").as_deref(),
            Some("rule.noChains"),
            "A gave one"
        );
        let cb = proxy("p2", "C", "B");
        assert_eq!(
            broken(&s, &[&ab, &cb], "D", "B").as_deref(),
            Some("rule.maxProxies")
        );
    }

    #[test]
    fn rules_switched_off_let_the_proxy_through() {
        let s = AlvSettings {
            grantor_must_vote: false,
            holder_must_vote: false,
            no_chains: false,
            max_proxies_per_holder: None,
            ..AlvSettings::default()
        };
        assert_eq!(broken(&s, &[], "X", "B"), None);
        assert_eq!(broken(&s, &[], "A", "S"), None);
        let ab = proxy("p1", "A", "B");
        let cb = proxy("p2", "C", "B");
        assert_eq!(broken(&s, &[&ab], "B", "C"), None);
        assert_eq!(broken(&s, &[&ab, &cb], "D", "B"), None);
    }
}

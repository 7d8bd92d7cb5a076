//! The members' meeting (ALV): the member register, representatives, proxies under the
//! statute rules (BW 2:38 lid 4–5 and the meeting's settings), presence and quorum, frozen
//! snapshots per agenda item with their tally, and the presentielijst.
//!
//! Every change is an event (`member.*`, `alv.*`); the meeting's state is derived from them
//! by [`rules::derive`] on every read, so desks that merged the same events agree.

use crate::app::members;
use crate::app::Balie;
use crate::domain::alv::model::*;
use crate::domain::alv::rules::{self, InRoom, Person, Row, World};
use crate::domain::alv::weight::Weight;
use crate::domain::clock;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::message::Msg;
use crate::domain::names;
use crate::store::alv::*;
use crate::store::attendees;
use crate::store::Connection;
use std::collections::{HashMap, HashSet};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The largest scan kept with a proxy or representative (it travels in every bundle).
pub const MAX_SCAN_BYTES: usize = 5 * 1024 * 1024;

/// What a scan is by its first bytes (never by its name): a PDF, a JPEG or a PNG, the only
/// kinds kept and opened; `None` for anything else.
pub(crate) fn scan_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("pdf")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else {
        None
    }
}

fn scan_refused(name: &str) -> Error {
    Error::said("scan", "err.alv.scanKind", [("file", name.into())])
}

/// Links a register entry's member organisation to a member: by id, or by the same name.
fn member_link(
    by_name: &HashMap<String, String>,
    ids: &HashSet<&str>,
    member_org: &str,
) -> Option<String> {
    if ids.contains(member_org) {
        return Some(member_org.to_string());
    }
    by_name.get(&names::fold(member_org)).cloned()
}

/// Everything the derivation needs, read in one go.
struct Inputs {
    members: Vec<Member>,
    settings: AlvSettings,
    rows: Vec<Row>,
    people: HashMap<String, Person>,
    in_room: Vec<InRoom>,
    utc_offset: String,
}

impl Inputs {
    fn world(&self) -> World<'_> {
        World {
            members: &self.members,
            settings: &self.settings,
            rows: &self.rows,
            people: &self.people,
            in_room: &self.in_room,
            utc_offset: &self.utc_offset,
        }
    }
}

const STATE_KINDS: [&str; 4] = [
    kinds::ALV_REPRESENTATIVE_SET,
    kinds::ALV_PROXY_GRANTED,
    kinds::ALV_PROXY_REVOKED,
    kinds::ALV_SNAPSHOT_TAKEN,
];

fn inputs(conn: &Connection, extra_people: &[String]) -> Result<Inputs> {
    let members = all_members(conn)?;
    let settings = settings(conn)?;
    let rows = rows_of(conn, &STATE_KINDS)?;
    let list = door_list(conn)?;
    let in_room: Vec<InRoom> = crate::store::checkins::present_on(conn, &list)?
        .into_iter()
        .map(|r| InRoom {
            attendee_id: r.attendee_id,
            override_reason: r.override_reason,
        })
        .collect();
    // The people the derivation can name: in the room, named representatives, and any
    // the caller asks about.
    let mut ids: Vec<String> = in_room.iter().map(|r| r.attendee_id.clone()).collect();
    for row in rows
        .iter()
        .filter(|r| r.kind == kinds::ALV_REPRESENTATIVE_SET)
    {
        if let Some(RepresentativeSet {
            attendee_id: Some(a),
            ..
        }) = rules::parse(row)
        {
            ids.push(a);
        }
    }
    ids.extend(extra_people.iter().cloned());
    ids.sort();
    ids.dedup();
    let by_name: HashMap<String, String> = members
        .iter()
        .map(|m| (names::fold(&m.name), m.id.clone()))
        .collect();
    let member_ids: HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    let people = attendees::get_many(conn, &ids)?
        .into_iter()
        .map(|(id, a)| {
            let person = Person {
                name: a.display_name(),
                organisation: a.organisation.clone(),
                member: a
                    .member_org
                    .as_deref()
                    .and_then(|m| member_link(&by_name, &member_ids, m)),
                guest: a.guest,
                speaker: a.speaker,
            };
            (id, person)
        })
        .collect();
    let utc_offset = crate::store::congress::read(conn)?
        .map(|c| c.info.utc_offset)
        .unwrap_or_else(|| "+00:00".into());
    Ok(Inputs {
        members,
        settings,
        rows,
        people,
        in_room,
        utc_offset,
    })
}

/// "2023-12-07 16:05" (or with a T) at the congress's offset, as RFC 3339 UTC.
fn local_to_utc(text: &str, utc_offset: &str) -> Option<String> {
    let t = text.trim().replace(' ', "T");
    let at = OffsetDateTime::parse(&format!("{t}:00{utc_offset}"), &Rfc3339).ok()?;
    Some(clock::rfc3339(at))
}

impl Balie {
    fn utc_offset(&self) -> Result<String> {
        Ok(self.programme()?.congress.info.utc_offset)
    }

    /// The evidence as stored: times checked, defaults filled in, the scan encoded.
    fn evidence(&self, input: EvidenceInput) -> Result<Evidence> {
        {
            use crate::domain::limits::{require, LINE, NOTE};
            require(&[
                ("label.note", &input.note, NOTE),
                ("label.receivedBy", &input.received_by, LINE),
                (
                    "label.title",
                    input.scan_name.as_deref().unwrap_or(""),
                    LINE,
                ),
            ])?;
        }
        let offset = self.utc_offset()?;
        let now = self.store().clock().now();
        let received_at = if input.received_at.trim().is_empty() {
            clock::rfc3339(now)
        } else {
            let at = local_to_utc(&input.received_at, &offset).ok_or_else(|| {
                Error::said(
                    "ontvangen op",
                    "err.alv.receivedAt",
                    [("value", input.received_at.trim().into())],
                )
            })?;
            if at > clock::rfc3339(now) {
                return Err(Error::said(
                    "ontvangen op",
                    "err.alv.receivedFuture",
                    [("value", input.received_at.trim().into())],
                ));
            }
            at
        };
        let received_by = match input.received_by.trim() {
            "" => self.store().staff().to_string(),
            s => s.to_string(),
        };
        let scan = match input.scan.map(|b| b.0) {
            None => None,
            Some(bytes) if bytes.is_empty() => None,
            Some(bytes) => {
                if bytes.len() > MAX_SCAN_BYTES {
                    return Err(Error::said(
                        "scan",
                        "err.alv.scanSize",
                        [("mb", (bytes.len() / (1024 * 1024)).into())],
                    ));
                }
                let name = input
                    .scan_name
                    .map(|n| n.trim().chars().take(120).collect::<String>())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "scan".into());
                if scan_kind(&bytes).is_none() {
                    return Err(scan_refused(&name));
                }
                Some(Scan {
                    file_name: name,
                    data: crate::domain::bytes::to_base64(&bytes),
                })
            }
        };
        Ok(Evidence {
            kind: input.kind,
            received_at,
            received_by,
            note: input.note.split_whitespace().collect::<Vec<_>>().join(" "),
            scan,
        })
    }

    /// The member register, alphabetically.
    /// The id of the member `reference` names: its id, its name, or part of one name
    /// ([`crate::domain::alv::model::find_member`]).
    pub fn member_id(&self, reference: &str) -> Result<String> {
        let members = self.members()?;
        crate::domain::alv::model::find_member(&members, reference).map(|m| m.id.clone())
    }

    pub fn members(&self) -> Result<Vec<Member>> {
        all_members(self.store().conn())
    }

    /// Adds a member (`id` `None`) or changes one. The weight is an exact decimal ("1,5").
    pub fn save_member(&mut self, id: Option<&str>, input: &MemberInput) -> Result<Member> {
        self.require_staff()?;
        {
            use crate::domain::limits::{require, LINE};
            // A member is an organisation: its name has a line's limit, as in an import.
            require(&[
                ("field.organisation", &input.name, LINE),
                ("field.city", &input.city, LINE),
                ("field.category", &input.category, LINE),
                ("field.voteWeight", &input.weight, LINE),
            ])?;
        }
        let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(Error::said("naam", "err.member.name", []));
        }
        let weight = Weight::parse(&input.weight).ok_or_else(|| {
            Error::said(
                "stemgewicht",
                "err.member.weight",
                [("value", input.weight.trim().into())],
            )
        })?;
        let members = self.members()?;
        let existing = match id {
            Some(id) => Some(
                members
                    .iter()
                    .find(|m| m.id == id)
                    .ok_or_else(|| Error::said("lid", "err.member.none", [("id", id.into())]))?,
            ),
            None => None,
        };
        let key = names::fold(&name);
        if let Some(same) = members
            .iter()
            .find(|m| names::fold(&m.name) == key && Some(&m.id) != existing.map(|e| &e.id))
        {
            return Err(Error::said(
                "naam",
                "err.member.same",
                [
                    ("name", same.name.as_str().into()),
                    ("city", same.city.as_str().into()),
                ],
            ));
        }
        let member = Member {
            id: match existing {
                Some(m) => m.id.clone(),
                None => members::member_id(&self.congress_id()?, &name),
            },
            name,
            city: input.city.trim().to_string(),
            category: input.category.trim().to_string(),
            voting: input.voting,
            weight,
            suspended: input.suspended,
        };
        let kind = if existing.is_some() {
            kinds::MEMBER_EDITED
        } else {
            kinds::MEMBER_REGISTERED
        };
        self.store_mut()
            .write(|w| w.append(kind, &member.id, &member))?;
        Ok(member)
    }

    /// The live state of the meeting: who is present, represented, absent; totals and
    /// quorum; every proxy; conflicts to look at.
    pub fn alv_state(&self) -> Result<AlvState> {
        let inputs = inputs(self.store().conn(), &[])?;
        Ok(rules::derive(&inputs.world()))
    }

    /// The meeting's rules.
    pub fn alv_settings(&self) -> Result<AlvSettings> {
        settings(self.store().conn())
    }

    /// Changes the meeting's rules (every desk gets them).
    pub fn set_alv_settings(&mut self, s: &AlvSettings) -> Result<()> {
        self.require_staff()?;
        if s.max_proxies_per_holder == Some(0) {
            return Err(Error::said("volmachten per lid", "err.alv.maxZero", []));
        }
        if let Some(d) = &s.deadline {
            if OffsetDateTime::parse(d, &Rfc3339).is_err() {
                return Err(Error::said(
                    "termijn",
                    "err.alv.deadline",
                    [("value", d.as_str().into())],
                ));
            }
        }
        if s.decision_types.is_empty() {
            return Err(Error::said("besluiten", "err.alv.noDecisionTypes", []));
        }
        let mut ids = HashSet::new();
        for dt in &s.decision_types {
            if dt.id.trim().is_empty() || dt.name.trim().is_empty() {
                return Err(Error::said("besluiten", "err.alv.decisionTypeEmpty", []));
            }
            if !ids.insert(dt.id.clone()) {
                return Err(Error::said(
                    "besluiten",
                    "err.alv.decisionTypeTwice",
                    [("code", dt.id.as_str().into())],
                ));
            }
            for (key, t) in [
                ("err.alv.fraction.quorum", dt.quorum),
                ("err.alv.fraction.majority", Some(dt.majority)),
            ] {
                if let Some(t) = t {
                    if t.denominator == 0 || t.numerator == 0 || t.numerator > t.denominator {
                        return Err(Error::said(
                            "besluiten",
                            key,
                            [
                                ("name", dt.name.as_str().into()),
                                (
                                    "fraction",
                                    format!("{}/{}", t.numerator, t.denominator).into(),
                                ),
                            ],
                        ));
                    }
                }
            }
        }
        self.store_mut()
            .write(|w| w.append(kinds::ALV_SETTINGS_CHANGED, "alv", s))?;
        Ok(())
    }

    /// Names who represents `member_id` (`None`: nobody named; then the colleague in the
    /// room speaks for it). One representative per member at a time; one member per person.
    pub fn set_representative(
        &mut self,
        member_id: &str,
        attendee_id: Option<&str>,
        evidence: Option<EvidenceInput>,
    ) -> Result<()> {
        self.require_staff()?;
        let conn = self.store().conn();
        let members = all_members(conn)?;
        let member = members
            .iter()
            .find(|m| m.id == member_id)
            .ok_or_else(|| Error::said("lid", "err.member.choose", [("id", member_id.into())]))?;
        if let Some(a) = attendee_id {
            let person = attendees::get(conn, a)?;
            let mut reps: HashMap<String, Option<String>> = HashMap::new();
            for row in rows_of(conn, &[kinds::ALV_REPRESENTATIVE_SET])? {
                if let Some(r) = rules::parse::<RepresentativeSet>(&row) {
                    reps.insert(r.member_id, r.attendee_id);
                }
            }
            if let Some((other, _)) = reps
                .iter()
                .find(|(m, p)| p.as_deref() == Some(a) && m.as_str() != member_id)
            {
                let other = members
                    .iter()
                    .find(|m| &m.id == other)
                    .map_or(other.as_str(), |m| m.name.as_str());
                return Err(Error::rule_said(
                    Msg::new("rule.oneMember", []),
                    Msg::new(
                        "rule.oneMember.why",
                        [
                            ("person", person.display_name().into()),
                            ("other", other.into()),
                            ("member", member.name.as_str().into()),
                        ],
                    ),
                ));
            }
            if evidence.is_none() && self.alv_settings()?.evidence_required {
                return Err(Error::rule_said(
                    Msg::new("rule.evidence", []),
                    Msg::new(
                        "rule.evidence.representative",
                        [
                            ("person", person.display_name().into()),
                            ("member", member.name.as_str().into()),
                        ],
                    ),
                ));
            }
        }
        let evidence = evidence.map(|e| self.evidence(e)).transpose()?;
        let payload = RepresentativeSet {
            member_id: member.id.clone(),
            attendee_id: attendee_id.map(str::to_string),
            evidence,
        };
        self.store_mut()
            .write(|w| w.append(kinds::ALV_REPRESENTATIVE_SET, &payload.member_id, &payload))?;
        Ok(())
    }

    /// Registers a proxy after checking every rule; with `replace`, the grantor's active
    /// proxy is revoked in the same transaction (both stay in the history).
    pub fn grant_proxy(&mut self, input: ProxyInput) -> Result<ProxyView> {
        self.require_staff()?;
        crate::domain::limits::require(&[(
            "label.chairDecision",
            input.chair_decision.as_deref().unwrap_or(""),
            crate::domain::limits::NOTE,
        )])?;
        let evidence = input.evidence.map(|e| self.evidence(e)).transpose()?;
        let chair_decision = input
            .chair_decision
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty());
        let data = inputs(self.store().conn(), &[])?;
        let world = data.world();
        let recs = rules::proxies(&world);
        let replaced: Option<String> = recs
            .iter()
            .find(|p| {
                p.revoked.is_none() && p.conflict.is_none() && p.grantor_id == input.grantor_id
            })
            .filter(|_| input.replace)
            .map(|p| p.id.clone());
        let active: Vec<&rules::ProxyRec> = recs
            .iter()
            .filter(|p| {
                p.revoked.is_none() && p.conflict.is_none() && Some(&p.id) != replaced.as_ref()
            })
            .collect();
        let by_id: HashMap<&str, &Member> =
            data.members.iter().map(|m| (m.id.as_str(), m)).collect();
        rules::check_proxy(
            &by_id,
            &data.settings,
            &active,
            &rules::Candidate {
                grantor_id: &input.grantor_id,
                holder_id: &input.holder_id,
                evidence: evidence.as_ref(),
                chair_decision: chair_decision.as_deref(),
            },
            &data.utc_offset,
        )
        .map_err(|b| Error::rule_said(*b.rule, *b.reason))?;
        let id = uuid::Uuid::now_v7().to_string();
        let payload = ProxyGranted {
            grantor_id: input.grantor_id,
            holder_id: input.holder_id,
            evidence,
            chair_decision,
        };
        self.store_mut().write(|w| {
            if let Some(old) = &replaced {
                w.append(
                    kinds::ALV_PROXY_REVOKED,
                    old,
                    &ProxyRevoked {
                        proxy_id: old.clone(),
                        reason: "vervangen door een nieuwe volmacht".into(),
                    },
                )?;
            }
            w.append(kinds::ALV_PROXY_GRANTED, &id, &payload)
        })?;
        self.proxy(&id)
    }

    fn proxy(&self, id: &str) -> Result<ProxyView> {
        self.alv_state()?
            .proxies
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::said("volmacht", "err.proxy.none", [("id", id.into())]))
    }

    /// Revokes a proxy (any time before a vote; a frozen snapshot keeps what it counted).
    pub fn revoke_proxy(&mut self, proxy_id: &str, reason: &str) -> Result<ProxyView> {
        self.require_staff()?;
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            return Err(Error::said("reden", "err.proxy.revokeReason", []));
        }
        let p = self.proxy(proxy_id)?;
        if p.state == ProxyState::Revoked {
            return Err(Error::said(
                "volmacht",
                "err.proxy.revoked",
                [
                    ("grantor", p.grantor.into()),
                    ("holder", p.holder.into()),
                    ("when", p.revoked.unwrap_or_default().into()),
                ],
            ));
        }
        self.store_mut().write(|w| {
            w.append(
                kinds::ALV_PROXY_REVOKED,
                proxy_id,
                &ProxyRevoked {
                    proxy_id: proxy_id.to_string(),
                    reason,
                },
            )
        })?;
        self.proxy(proxy_id)
    }

    /// Under the "revoke" policy: staff at the door confirm that the grantor came in person,
    /// which revokes its proxy.
    pub fn confirm_grantor_present(&mut self, proxy_id: &str) -> Result<ProxyView> {
        let p = self.proxy(proxy_id)?;
        if !p.needs_confirmation {
            return Err(Error::said(
                "volmacht",
                "err.proxy.noConfirmation",
                [("grantor", p.grantor.into()), ("holder", p.holder.into())],
            ));
        }
        self.revoke_proxy(
            proxy_id,
            "volmachtgever is zelf aanwezig (bevestigd aan de deur)",
        )
    }

    /// The scan attached to a proxy's or representative's evidence: file name and bytes.
    pub fn evidence_scan(&self, event_subject: &str) -> Result<Option<(String, Vec<u8>)>> {
        let payload = crate::store::log::evidence_payload(self.store().conn(), event_subject)?;
        let Some(payload) = payload else {
            return Ok(None);
        };
        let v: serde_json::Value =
            serde_json::from_str(&payload).map_err(|e| Error::Internal(e.to_string()))?;
        let Some(scan) = v.get("evidence").and_then(|e| e.get("scan")) else {
            return Ok(None);
        };
        let scan: Scan =
            serde_json::from_value(scan.clone()).map_err(|e| Error::Internal(e.to_string()))?;
        let bytes = crate::domain::bytes::from_base64(&scan.data)
            .ok_or_else(|| Error::Internal("de scan is onleesbaar".into()))?;
        Ok(Some((scan.file_name, bytes)))
    }

    /// Saves the scan of a proxy's or representative's evidence under `afdrukken/` to open.
    pub fn save_evidence_scan(&self, event_subject: &str) -> Result<std::path::PathBuf> {
        let (name, bytes) = self
            .evidence_scan(event_subject)?
            .ok_or_else(|| Error::said("scan", "err.alv.noScan", []))?;
        // The kind comes from the bytes; a scan that is none of the three (from a desk of
        // an earlier version, say) is neither saved nor opened.
        let ext = scan_kind(&bytes).ok_or_else(|| scan_refused(&name))?;
        let stem: String = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .chars()
            .take(60)
            .collect();
        self.save_file(&format!("bewijs-{stem}"), ext, &bytes)
    }

    /// What the door needs to know about these people: "vertegenwoordigt Bibliotheek X ·
    /// houdt volmachten van A en B", and what happens to a proxy their member gave.
    pub(crate) fn door_notes(&self, attendee_ids: &[String]) -> Result<HashMap<String, Msg>> {
        let data = inputs(self.store().conn(), attendee_ids)?;
        let state = rules::derive(&data.world());
        let by_id: HashMap<&str, &Member> =
            data.members.iter().map(|m| (m.id.as_str(), m)).collect();
        let mut named: HashMap<String, String> = HashMap::new();
        for row in data
            .rows
            .iter()
            .filter(|r| r.kind == kinds::ALV_REPRESENTATIVE_SET)
        {
            if let Some(r) = rules::parse::<RepresentativeSet>(row) {
                named.retain(|_, m| *m != r.member_id);
                if let Some(a) = r.attendee_id {
                    named.insert(a, r.member_id);
                }
            }
        }
        let mut out = HashMap::new();
        for id in attendee_ids {
            let member = named
                .get(id)
                .cloned()
                .or_else(|| data.people.get(id).and_then(|p| p.member.clone()));
            let Some(m) = member.as_deref().and_then(|m| by_id.get(m)) else {
                continue;
            };
            let mut parts = Vec::new();
            let line = state.members.iter().find(|l| l.member_id == m.id);
            let me = data.people.get(id).map(|p| p.name.clone());
            match line {
                Some(l) if l.status == MemberStatus::Present && l.by != me => {
                    parts.push(Msg::new(
                        "door.representedBy",
                        [
                            ("member", m.name.as_str().into()),
                            ("by", l.by.clone().unwrap_or_default().into()),
                        ],
                    ));
                }
                _ if named.contains_key(id) => {
                    parts.push(Msg::new(
                        "door.representsNamed",
                        [("member", m.name.as_str().into())],
                    ));
                }
                _ => parts.push(Msg::new(
                    "door.represents",
                    [("member", m.name.as_str().into())],
                )),
            }
            if !m.counts() {
                parts.push(Msg::new(
                    if m.suspended {
                        "door.suspended"
                    } else {
                        "door.noVote"
                    },
                    [],
                ));
            }
            let held: Vec<String> = state
                .proxies
                .iter()
                .filter(|p| {
                    p.holder_id == m.id
                        && !matches!(p.state, ProxyState::Revoked | ProxyState::Conflict)
                })
                .map(|p| p.grantor.clone())
                .collect();
            if !held.is_empty() {
                parts.push(Msg::new(
                    "door.holds",
                    [("from", rules::names_msg(&held).into())],
                ));
            }
            if let Some(p) = state.proxies.iter().find(|p| {
                p.grantor_id == m.id
                    && !matches!(p.state, ProxyState::Revoked | ProxyState::Conflict)
            }) {
                let key = match state.settings.grantor_present {
                    GrantorPolicy::Suspend => "door.gave.suspend",
                    GrantorPolicy::Revoke => "door.gave.revoke",
                    GrantorPolicy::Keep => "door.gave.keep",
                };
                parts.push(Msg::new(
                    key,
                    [
                        ("member", m.name.as_str().into()),
                        ("holder", p.holder.as_str().into()),
                    ],
                ));
            }
            if let Some(note) = Msg::joined_by("door.join", parts) {
                out.insert(id.clone(), note);
            }
        }
        Ok(out)
    }

    /// Freezes who may vote with which weight for one agenda item.
    pub fn take_snapshot(&mut self, label: &str, decision_type_id: &str) -> Result<Snapshot> {
        self.require_staff()?;
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            return Err(Error::said("agendapunt", "err.vote.label", []));
        }
        let state = self.alv_state()?;
        let decision_type = state
            .settings
            .decision_types
            .iter()
            .find(|d| d.id == decision_type_id)
            .cloned()
            .ok_or_else(|| {
                Error::said(
                    "soort besluit",
                    "err.vote.decisionType",
                    [
                        ("code", decision_type_id.into()),
                        (
                            "choices",
                            state
                                .settings
                                .decision_types
                                .iter()
                                .map(|d| d.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                    ],
                )
            })?;
        if state.totals.entitled.heads == 0 {
            return Err(Error::said("ledenlijst", "err.vote.noMembers", []));
        }
        let content = SnapshotContent {
            label,
            quorum: rules::quorum_line(&decision_type, &state.totals),
            decision_type,
            members: state.members,
            also_present: state.also_present,
            totals: state.totals,
        };
        let id = uuid::Uuid::now_v7().to_string();
        self.store_mut()
            .write(|w| w.append(kinds::ALV_SNAPSHOT_TAKEN, &id, &content))?;
        self.snapshot(&id)
    }

    /// Every snapshot, oldest first, with its tally.
    pub fn snapshots(&self) -> Result<Vec<Snapshot>> {
        let conn = self.store().conn();
        let offset = self.utc_offset()?;
        let tallies = rows_of(conn, &[kinds::ALV_TALLY_RECORDED])?;
        let mut out = Vec::new();
        for row in rows_of(conn, &[kinds::ALV_SNAPSHOT_TAKEN])? {
            let Some(content) = rules::parse::<SnapshotContent>(&row) else {
                continue;
            };
            let tally = tallies
                .iter()
                .filter_map(|t| rules::parse::<TallyRecorded>(t).map(|p| (t, p)))
                .rfind(|(_, p)| p.snapshot_id == row.subject)
                .map(|(t, p)| {
                    let (voor, tegen, onthouding, not_voted, adopted, outcome) =
                        rules::tally(&content, &p.votes);
                    Tally {
                        votes: p.votes,
                        voor,
                        tegen,
                        onthouding,
                        not_voted,
                        quorum_met: content.quorum.met,
                        adopted,
                        outcome: outcome.dutch.clone(),
                        outcome_msg: outcome,
                        recorded_at: clock::dutch_datetime(&t.wall_time, &offset),
                        staff: t.staff.clone(),
                    }
                });
            out.push(Snapshot {
                id: row.subject.clone(),
                taken_at_text: clock::dutch_datetime(&row.wall_time, &offset),
                taken_at_msg: clock::datetime_msg(&row.wall_time, &offset),
                taken_at: row.wall_time,
                desk_name: row.desk_name,
                staff: row.staff,
                content,
                tally,
            });
        }
        Ok(out)
    }

    pub fn snapshot(&self, id: &str) -> Result<Snapshot> {
        self.snapshots()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::said("momentopname", "err.vote.noSnapshot", [("id", id.into())]))
    }

    /// Records the votes for a snapshot (again: the latest recording counts). Only members
    /// present or represented in the snapshot can vote, each once.
    pub fn record_tally(&mut self, snapshot_id: &str, votes: Vec<Vote>) -> Result<Snapshot> {
        self.require_staff()?;
        let snap = self.snapshot(snapshot_id)?;
        let mut seen = HashSet::new();
        for v in &votes {
            let line = snap
                .content
                .members
                .iter()
                .find(|m| m.member_id == v.member_id);
            match line {
                Some(l)
                    if matches!(l.status, MemberStatus::Present | MemberStatus::Represented) => {}
                Some(l) => {
                    return Err(Error::rule_said(
                        Msg::new("rule.votersPresent", []),
                        Msg::new(
                            "rule.votersPresent.why",
                            [("member", l.name.as_str().into())],
                        ),
                    ))
                }
                None => {
                    return Err(Error::said(
                        "stem",
                        "err.vote.notInSnapshot",
                        [("id", v.member_id.as_str().into())],
                    ))
                }
            }
            if !seen.insert(v.member_id.clone()) {
                return Err(Error::said(
                    "stem",
                    "err.vote.twice",
                    [("id", v.member_id.as_str().into())],
                ));
            }
        }
        let payload = TallyRecorded {
            snapshot_id: snapshot_id.to_string(),
            votes,
        };
        self.store_mut()
            .write(|w| w.append(kinds::ALV_TALLY_RECORDED, snapshot_id, &payload))?;
        self.snapshot(snapshot_id)
    }
}

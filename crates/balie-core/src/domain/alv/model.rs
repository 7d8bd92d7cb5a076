//! The ALV's records: members, evidence, representatives, proxies, settings, snapshots and
//! tallies, as stored in event payloads and as shown to staff.

use crate::domain::alv::weight::Weight;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member organisation (the payload of `member.registered` / `member.edited`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub city: String,
    /// As the register says it ("gewoon lid", "buitengewoon lid", …).
    pub category: String,
    /// Entitled to vote (false for a category without votes).
    pub voting: bool,
    pub weight: Weight,
    pub suspended: bool,
}

impl Member {
    /// Counts for quorum and votes: voting and not suspended.
    pub fn counts(&self) -> bool {
        self.voting && !self.suspended
    }
}

/// A member as staff enter or edit it; the weight is text ("1,5").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberInput {
    pub name: String,
    pub city: String,
    pub category: String,
    pub voting: bool,
    pub weight: String,
    pub suspended: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A signed paper form.
    Paper,
    Email,
    Other,
}

impl EvidenceKind {
    pub fn dutch(self) -> &'static str {
        match self {
            EvidenceKind::Paper => "papieren formulier",
            EvidenceKind::Email => "e-mail",
            EvidenceKind::Other => "anders",
        }
    }
}

/// An attached scan of the evidence, kept in the event (and so in every desk's database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scan {
    pub file_name: String,
    /// Base64 of the file.
    pub data: String,
}

/// Why a representative or proxy is valid: the written or electronic authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// RFC 3339 UTC.
    pub received_at: String,
    pub received_by: String,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan: Option<Scan>,
}

/// Evidence as staff enter it: local "JJJJ-MM-DD UU:MM" (empty: now), received by (empty:
/// the staff member on shift), and an optional scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceInput {
    pub kind: EvidenceKind,
    pub received_at: String,
    pub received_by: String,
    pub note: String,
    pub scan_name: Option<String>,
    /// The scan's bytes (base64 from the window).
    pub scan: Option<crate::domain::bytes::Bytes>,
}

/// Evidence as shown (without the scan's bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceView {
    pub kind: EvidenceKind,
    /// "7 december 2023 om 16:05"
    pub received_at: String,
    pub received_at_msg: crate::domain::message::Msg,
    pub received_by: String,
    pub note: String,
    pub scan_name: Option<String>,
}

/// `alv.representative_set`: who represents a member at the meeting (`None`: nobody named;
/// then any colleague registered for the member does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RepresentativeSet {
    pub member_id: String,
    pub attendee_id: Option<String>,
    pub evidence: Option<Evidence>,
}

/// `alv.proxy_granted` (the subject is the proxy's id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProxyGranted {
    pub grantor_id: String,
    pub holder_id: String,
    pub evidence: Option<Evidence>,
    /// The chair's recorded decision for a proxy received after the deadline.
    pub chair_decision: Option<String>,
}

/// `alv.proxy_revoked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProxyRevoked {
    pub proxy_id: String,
    pub reason: String,
}

/// What happens to a proxy when the member that gave it turns up itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GrantorPolicy {
    /// The proxy does not count while the member is present (default).
    Suspend,
    /// Staff at the door confirm, and the proxy is revoked; until then it does not count.
    Revoke,
    /// The proxy keeps counting; the member is represented, not present.
    Keep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Each member one.
    Heads,
    /// By vote weight.
    Weight,
}

/// "at least 2/3" (`strict: false`) or "more than 1/2" (`strict: true`), counted by heads or
/// by weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Threshold {
    pub basis: Basis,
    pub strict: bool,
    pub numerator: u32,
    pub denominator: u32,
}

impl Threshold {
    /// Whether `part` of `whole` meets the threshold (exact integer arithmetic).
    pub fn met(&self, part: i64, whole: i64) -> bool {
        let lhs = i128::from(part) * i128::from(self.denominator);
        let rhs = i128::from(self.numerator) * i128::from(whole);
        if self.strict {
            lhs > rhs
        } else {
            lhs >= rhs
        }
    }

    /// "meer dan 1/2" / "ten minste 2/3", "(gewogen)" or "(hoofden)".
    /// The threshold for the window, in its language.
    pub fn msg(&self) -> crate::domain::message::Msg {
        let key = match (self.basis, self.strict) {
            (Basis::Heads, false) => "threshold.heads.atLeast",
            (Basis::Heads, true) => "threshold.heads.moreThan",
            (Basis::Weight, false) => "threshold.weight.atLeast",
            (Basis::Weight, true) => "threshold.weight.moreThan",
        };
        crate::domain::message::Msg::new(
            key,
            [(
                "fraction",
                format!("{}/{}", self.numerator, self.denominator).into(),
            )],
        )
    }

    pub fn dutch(&self) -> String {
        format!(
            "{} {}/{} ({})",
            if self.strict {
                "meer dan"
            } else {
                "ten minste"
            },
            self.numerator,
            self.denominator,
            match self.basis {
                Basis::Heads => "per lid",
                Basis::Weight => "naar stemgewicht",
            }
        )
    }
}

/// A kind of decision with its quorum (of all voting, non-suspended members) and the
/// majority it needs (of the votes cast for and against; abstentions do not count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionType {
    pub id: String,
    pub name: String,
    pub quorum: Option<Threshold>,
    pub majority: Threshold,
}

fn yes() -> bool {
    true
}

/// The meeting's rules (the payload of `alv.settings_changed`; the latest wins). Each rule
/// the statutes may set differently is a setting; one proxy per grantor and no proxy to
/// oneself always hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AlvSettings {
    /// Only voting, non-suspended members give a proxy.
    #[serde(default = "yes")]
    pub grantor_must_vote: bool,
    /// The holder represents a voting, non-suspended member.
    #[serde(default = "yes")]
    pub holder_must_vote: bool,
    /// No chains or cycles: a grantor cannot hold, a holder's member cannot grant.
    #[serde(default = "yes")]
    pub no_chains: bool,
    /// Proxies one holding member may hold; `None`: unlimited.
    pub max_proxies_per_holder: Option<u32>,
    pub evidence_required: bool,
    /// RFC 3339 UTC; a proxy received later needs the chair's recorded decision.
    pub deadline: Option<String>,
    pub grantor_present: GrantorPolicy,
    pub decision_types: Vec<DecisionType>,
}

impl Default for AlvSettings {
    fn default() -> AlvSettings {
        AlvSettings {
            grantor_must_vote: true,
            holder_must_vote: true,
            no_chains: true,
            max_proxies_per_holder: Some(2),
            evidence_required: true,
            deadline: None,
            grantor_present: GrantorPolicy::Suspend,
            decision_types: vec![
                DecisionType {
                    id: "gewoon".into(),
                    name: "Gewoon besluit".into(),
                    quorum: Some(Threshold {
                        basis: Basis::Weight,
                        strict: false,
                        numerator: 1,
                        denominator: 2,
                    }),
                    majority: Threshold {
                        basis: Basis::Weight,
                        strict: true,
                        numerator: 1,
                        denominator: 2,
                    },
                },
                DecisionType {
                    id: "statuten".into(),
                    name: "Statutenwijziging".into(),
                    quorum: Some(Threshold {
                        basis: Basis::Weight,
                        strict: false,
                        numerator: 2,
                        denominator: 3,
                    }),
                    majority: Threshold {
                        basis: Basis::Weight,
                        strict: false,
                        numerator: 2,
                        denominator: 3,
                    },
                },
            ],
        }
    }
}

/// Where a member stands at the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Its representative (or a colleague) is in the room.
    Present,
    /// Absent, and another member's representative holds its active proxy.
    Represented,
    Absent,
    /// Not entitled to vote, or suspended: outside the count.
    NoVote,
}

/// One member on the live panel, in a snapshot and on the presentielijst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberLine {
    pub member_id: String,
    pub name: String,
    pub city: String,
    pub weight: Weight,
    pub weight_text: String,
    pub status: MemberStatus,
    /// Present: who is in the room for it. Represented: who holds its proxy.
    pub by: Option<String>,
    /// Represented: the member whose representative holds the proxy.
    pub holder_member: Option<String>,
    pub proxy_id: Option<String>,
    /// The evidence of the representative or proxy, as one line.
    pub evidence: Option<String>,
    /// Not voting or suspended: why.
    pub note: Option<String>,
    /// The note for the window, in its language (absent in snapshots taken before it).
    #[serde(default)]
    pub note_msg: Option<crate::domain::message::Msg>,
}

/// Heads and weight.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub heads: u32,
    pub weight: Weight,
}

impl Count {
    pub fn add(&mut self, w: Weight) {
        self.heads += 1;
        self.weight += w;
    }

    pub fn of(&self, basis: Basis) -> i64 {
        match basis {
            Basis::Heads => i64::from(self.heads),
            Basis::Weight => self.weight.0,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Totals {
    pub present: Count,
    pub represented: Count,
    pub absent: Count,
    /// All voting, non-suspended members: the denominator of every quorum.
    pub entitled: Count,
}

/// Whether one decision type's quorum is met now (or in a snapshot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuorumLine {
    pub decision_type: String,
    pub name: String,
    /// "ten minste 1/2 (naar stemgewicht)"; empty when there is no quorum.
    pub rule: String,
    pub met: bool,
    /// "7,5 van 10 aanwezig of vertegenwoordigd; nodig 5"
    pub explanation: String,
    /// The same for the window, in its language (empty in snapshots taken before it).
    #[serde(default)]
    pub explained: crate::domain::message::Msg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProxyState {
    /// Counting now: the grantor is absent and the holder present.
    Used,
    /// Active, but its holder is not in the room.
    Waiting,
    /// Active, but the grantor is present itself (suspended while present).
    Suspended,
    Revoked,
    /// Refused when the desks' events were merged: it broke a rule (see `problem`).
    Conflict,
}

impl ProxyState {
    /// The state in Dutch, as the desk and the command line say it.
    pub fn dutch(self) -> &'static str {
        match self {
            ProxyState::Used => "telt mee",
            ProxyState::Waiting => "gemachtigde niet aanwezig",
            ProxyState::Suspended => "opgeschort (lid zelf aanwezig)",
            ProxyState::Revoked => "ingetrokken",
            ProxyState::Conflict => "conflict",
        }
    }
}

/// A proxy as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProxyView {
    pub id: String,
    pub grantor_id: String,
    pub grantor: String,
    pub holder_id: String,
    pub holder: String,
    /// The person who votes for the holding member now, if present.
    pub holder_person: Option<String>,
    pub state: ProxyState,
    pub evidence: Option<EvidenceView>,
    pub chair_decision: Option<String>,
    /// "7 december 2023 om 16:05, Balie 1, Anna"
    pub registered: String,
    pub registered_msg: crate::domain::message::Msg,
    pub revoked: Option<String>,
    pub revoked_msg: Option<crate::domain::message::Msg>,
    pub revoke_reason: Option<String>,
    /// For a conflict: the rule it broke.
    pub problem: Option<String>,
    pub problem_msg: Option<crate::domain::message::Msg>,
    /// Grantor present under the "revoke" policy: staff must confirm the revocation.
    pub needs_confirmation: bool,
}

/// Something staff (or the chair) must look at: never silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AlvConflict {
    /// `proxy_conflict` or `used_after_revoke`.
    pub kind: String,
    /// In Dutch.
    pub message: String,
    pub msg: crate::domain::message::Msg,
}

impl AlvConflict {
    pub(crate) fn new(kind: &str, msg: crate::domain::message::Msg) -> AlvConflict {
        AlvConflict {
            kind: kind.to_string(),
            message: msg.dutch.clone(),
            msg,
        }
    }
}

/// The live panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AlvState {
    pub members: Vec<MemberLine>,
    pub totals: Totals,
    pub quorum: Vec<QuorumLine>,
    pub proxies: Vec<ProxyView>,
    pub conflicts: Vec<AlvConflict>,
    /// People in the room who vote for no member (board, staff, guests, more colleagues).
    pub also_present: Vec<AlsoPresent>,
    pub settings: AlvSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AlsoPresent {
    pub name: String,
    pub organisation: String,
    /// "bestuur", "gast", "overschrijving: …", or the member they came with.
    pub note: String,
    /// The note for the window (absent in snapshots taken before it was kept).
    #[serde(default)]
    pub note_msg: Option<crate::domain::message::Msg>,
}

/// A proxy as staff enter it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProxyInput {
    pub grantor_id: String,
    pub holder_id: String,
    pub evidence: Option<EvidenceInput>,
    pub chair_decision: Option<String>,
    /// Replace the grantor's active proxy (revoke it and register this one, both kept).
    pub replace: bool,
}

/// `alv.snapshot_taken`: who may vote with which weight, frozen for one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnapshotContent {
    pub label: String,
    pub decision_type: DecisionType,
    pub members: Vec<MemberLine>,
    pub also_present: Vec<AlsoPresent>,
    pub totals: Totals,
    pub quorum: QuorumLine,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snapshot {
    pub id: String,
    /// RFC 3339 UTC.
    pub taken_at: String,
    /// "8 december 2023 om 11:24"
    pub taken_at_text: String,
    pub taken_at_msg: crate::domain::message::Msg,
    pub desk_name: String,
    pub staff: String,
    pub content: SnapshotContent,
    pub tally: Option<Tally>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Voor,
    Tegen,
    Onthouding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Vote {
    pub member_id: String,
    pub choice: Choice,
}

/// `alv.tally_recorded`: the votes for one snapshot (the latest recording wins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TallyRecorded {
    pub snapshot_id: String,
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Tally {
    pub votes: Vec<Vote>,
    pub voor: Count,
    pub tegen: Count,
    pub onthouding: Count,
    pub not_voted: Count,
    pub quorum_met: bool,
    pub adopted: bool,
    /// "Aangenomen: 6 van 7,5 stemmen voor (meer dan 1/2 naar stemgewicht nodig)."
    pub outcome: String,
    pub outcome_msg: crate::domain::message::Msg,
    pub recorded_at: String,
    pub staff: String,
}

/// The member `reference` names in a script or on the command line: its id, its name
/// (folded: case, diacritics and punctuation ignored), or a part of one name only.
pub fn find_member<'m>(
    members: &'m [Member],
    reference: &str,
) -> crate::domain::error::Result<&'m Member> {
    use crate::domain::error::Error;
    use crate::domain::names::fold;
    if let Some(m) = members.iter().find(|m| m.id == reference.trim()) {
        return Ok(m);
    }
    let key = fold(reference);
    if let Some(m) = members.iter().find(|m| fold(&m.name) == key) {
        return Ok(m);
    }
    let partial: Vec<&Member> = members
        .iter()
        .filter(|m| !key.is_empty() && fold(&m.name).contains(&key))
        .collect();
    match partial.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::said(
            "lid",
            "err.member.notFound",
            [("reference", reference.into())],
        )),
        many => Err(Error::said(
            "lid",
            "err.member.many",
            [
                ("reference", reference.into()),
                ("number", many.len().to_string().into()),
                (
                    "names",
                    many.iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alv::weight::Weight;

    fn member(id: &str, name: &str) -> Member {
        Member {
            id: id.into(),
            name: name.into(),
            city: String::new(),
            category: "gewoon lid".into(),
            voting: true,
            weight: Weight::ONE,
            suspended: false,
        }
    }

    #[test]
    fn a_member_is_found_by_id_whole_name_or_one_partial_name() {
        let members = [
            member("m1", "Bibliotheek Bergenstede"),
            member("m2", "Bibliotheek Dunehoven e.o."),
            member("m3", "Bibliotheeknetwerk Rietmarken"),
        ];
        let found = |r: &str| find_member(&members, r).map(|m| m.id.as_str());
        assert_eq!(found("m2").ok(), Some("m2"));
        assert_eq!(found("bibliotheek bergenstede").ok(), Some("m1"));
        assert_eq!(found("RIETMARKEN").ok(), Some("m3"));
        assert_eq!(found("dunehoven e.o.").ok(), Some("m2"));
        let many = find_member(&members, "Bibliotheek").expect_err("three match");
        let text = many.to_string();
        assert!(
            text.contains("past bij 3 leden") && text.contains("Rietmarken"),
            "{text}"
        );
        let none = find_member(&members, "Zwolle").expect_err("none");
        assert!(
            none.to_string().contains("geen lid gevonden voor 'Zwolle'"),
            "{none}"
        );
        assert!(
            find_member(&members, "  ").is_err(),
            "a blank reference names nobody"
        );
    }
}

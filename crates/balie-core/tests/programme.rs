//! The 2023 programme against the seed text it was built from. These tests can fail: a
//! paragraph lost, duplicated or invented, a wrong count, speaker or flag.

mod common;

use balie_core::domain::programme::seed2023::SEED_TEXT;
use balie_core::domain::programme::{ItemKind, ProgrammeItem};
use common::start;
use std::collections::HashMap;

/// The seed's paragraphs, split on blank lines.
fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in SEED_TEXT.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn is_day_heading(p: &str) -> bool {
    (p.starts_with("Donderdag ") || p.starts_with("Vrijdag ")) && p.ends_with(" 2023")
}

/// "16:00 uur – Title" or "12:20 – Title": (start, title).
fn time_heading(p: &str) -> Option<(String, String)> {
    let (time, rest) = p.split_once(' ')?;
    let ok = time.len() == 5 && time.as_bytes()[2] == b':';
    let title = rest
        .trim_start_matches("uur")
        .trim_start()
        .strip_prefix("– ")?;
    ok.then(|| (time.to_string(), title.to_string()))
}

fn child_title(p: &str) -> Option<String> {
    p.strip_prefix("- **")?
        .strip_suffix("**")
        .map(str::to_string)
}

/// Removes `**` and turns `[text](target)` into `text`.
fn strip_markup(p: &str) -> String {
    let p = p.replace("**", "");
    let mut out = String::new();
    let mut rest = p.as_str();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let Some(end) = rest[open + close..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + end + 1..];
    }
    out.push_str(rest);
    out
}

fn body_paragraphs() -> Vec<String> {
    seed_paragraphs()
        .into_iter()
        .filter(|p| p != "Programma" && !is_day_heading(p))
        .filter(|p| time_heading(p).is_none() && child_title(p).is_none())
        .map(|p| strip_markup(&p))
        .collect()
}

fn all_items(days: &[balie_core::domain::programme::ProgrammeDay]) -> Vec<&ProgrammeItem> {
    days.iter()
        .flat_map(|d| d.items.iter())
        .flat_map(|i| std::iter::once(i).chain(i.children.iter()))
        .collect()
}

#[test]
fn every_seed_paragraph_is_in_exactly_one_description_and_nothing_else_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let programme = start(dir.path(), false).programme().expect("programme");
    let body = body_paragraphs();
    assert_eq!(body.len(), 16, "the seed has 16 body paragraphs");

    let mut described: HashMap<&str, usize> = HashMap::new();
    for item in all_items(&programme.days) {
        for p in &item.description {
            *described.entry(p.as_str()).or_default() += 1;
        }
    }
    for p in &body {
        assert_eq!(
            described.get(p.as_str()).copied(),
            Some(1),
            "seed paragraph not in exactly one description: {p}"
        );
    }
    for p in described.keys() {
        assert!(
            body.iter().any(|b| b == p),
            "description not from the seed: {p}"
        );
    }
}

#[test]
fn headings_match_items_and_children() {
    let dir = tempfile::tempdir().expect("tempdir");
    let programme = start(dir.path(), false).programme().expect("programme");
    let items = all_items(&programme.days);
    for p in seed_paragraphs() {
        if let Some((time, title)) = time_heading(&p) {
            assert!(
                items.iter().any(|i| i.start == time && i.title == title),
                "no item {time} {title}"
            );
        }
        if let Some(title) = child_title(&p) {
            assert!(items.iter().any(|i| i.title == title), "no child {title}");
        }
    }
}

#[test]
fn structure_speakers_flags_and_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let programme = start(dir.path(), false).programme().expect("programme");
    assert_eq!(programme.congress.info.name, "VOB-ledencongres 2023");
    assert_eq!(programme.congress.info.venue, "Forum Groningen");
    let [thu, fri] = programme.days.as_slice() else {
        panic!("two days expected");
    };
    assert_eq!(
        (thu.date.as_str(), fri.date.as_str()),
        ("2023-12-07", "2023-12-08")
    );
    assert_eq!(thu.items.len(), 5);
    assert_eq!(fri.items.len(), 4);
    let starts: Vec<&str> = thu
        .items
        .iter()
        .chain(&fri.items)
        .map(|i| i.start.as_str())
        .collect();
    assert_eq!(
        starts,
        ["15:30", "16:00", "17:30", "18:00", "19:00", "09:00", "11:00", "12:00", "12:20"]
    );

    let sessions = &fri.items[0];
    assert_eq!(sessions.kind, ItemKind::ParallelSessions);
    assert_eq!(sessions.children.len(), 3);
    assert!(sessions
        .children
        .iter()
        .all(|c| c.kind == ItemKind::Session && c.start == "09:00"));
    assert!(sessions
        .children
        .iter()
        .all(|c| c.end.as_deref() == Some("11:00")));
    let visits = &fri.items[3];
    assert_eq!(visits.start, "12:20");
    assert_eq!(visits.title, "Afsluiting, lunch en werkbezoeken");
    assert_eq!(visits.children.len(), 3);
    assert!(visits
        .children
        .iter()
        .all(|c| c.kind == ItemKind::WorkVisit && c.bus_offered));
    let with_children: usize = thu
        .items
        .iter()
        .chain(&fri.items)
        .filter(|i| !i.children.is_empty())
        .count();
    assert_eq!(with_children, 2);

    let items = all_items(&programme.days);
    let speakers: Vec<(String, String, String)> = items
        .iter()
        .flat_map(|i| {
            i.speakers
                .iter()
                .map(|s| (i.start.clone(), s.name.clone(), s.role.clone()))
        })
        .collect();
    let expected = [
        ("16:00", "Reinier van Zutphen", "Nationale Ombudsman"),
        (
            "18:00",
            "Dirk Nijdam",
            "directeur-bestuurder Forum Groningen",
        ),
        (
            "12:00",
            "Rachel van den Hoogen",
            "directeur bestuurder Biblionet Groningen",
        ),
        ("12:20", "Cees van Eijk", "voorzitter VOB"),
    ];
    assert_eq!(
        speakers,
        expected.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );

    let members_only: Vec<&str> = items
        .iter()
        .filter(|i| i.members_only)
        .map(|i| i.start.as_str())
        .collect();
    assert_eq!(members_only, ["11:00"]);
    assert_eq!(fri.items[1].kind, ItemKind::MembersMeeting);

    // End times: the next item's start, inferred; the last of each day open.
    assert_eq!(thu.items[0].end.as_deref(), Some("16:00"));
    assert!(thu.items[0].end_inferred);
    assert_eq!(thu.items[4].end, None);
    assert_eq!(fri.items[2].end.as_deref(), Some("12:20"));
    assert_eq!(fri.items[3].end, None);
    assert!(!fri.items[3].end_inferred);
}

#[test]
fn work_visits_keep_the_other_names_the_seed_uses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let programme = start(dir.path(), false).programme().expect("programme");
    let items = all_items(&programme.days);
    let find = |alias: &str| {
        items
            .iter()
            .filter(|i| i.aliases.iter().any(|a| a == alias))
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(find("DNK Assen"), ["werkbezoek-dnk-assen"]);
    assert_eq!(find("DNK & Biblionet Drenthe"), ["werkbezoek-dnk-assen"]);
    assert_eq!(find("Bibliotheek Heerenveen"), ["werkbezoek-mar-en-fean"]);
    assert_eq!(find("Bibliotheek Mar en Fean"), ["werkbezoek-mar-en-fean"]);
    assert_eq!(find("Bibliotheek Hoogezand"), ["werkbezoek-hoogezand"]);
}

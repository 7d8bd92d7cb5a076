//! Programme edits as values, and how one edit changes the programme: an item saved
//! (added, changed or moved, with its children) or removed. The store folds every edit
//! over `programme.loaded` in (HLC, desk) order.

use crate::domain::names;
use crate::domain::programme::{ProgrammeContent, ProgrammeItem};
use serde::{Deserialize, Serialize};

/// `programme.item_saved`: the item as it is now (its children travel separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ItemSaved {
    pub day: String,
    pub parent_id: Option<String>,
    pub item: ProgrammeItem,
}

/// `programme.item_removed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ItemRemoved {
    pub id: String,
}

/// Where an item was: its day, its parent (if a child) and its index there.
pub(crate) type Place = (String, Option<String>, usize);

/// Removes an item (with its children) from wherever it is; returns it and its place.
pub(crate) fn take(c: &mut ProgrammeContent, id: &str) -> Option<(ProgrammeItem, Place)> {
    for day in &mut c.days {
        if let Some(pos) = day.items.iter().position(|i| i.id == id) {
            return Some((day.items.remove(pos), (day.date.clone(), None, pos)));
        }
        for parent in &mut day.items {
            if let Some(pos) = parent.children.iter().position(|i| i.id == id) {
                let place = (day.date.clone(), Some(parent.id.clone()), pos);
                return Some((parent.children.remove(pos), place));
            }
        }
    }
    None
}

/// Puts a saved item in its day (or slot): where it was if it stayed there, then in order
/// of start time (items that start together keep their order).
pub(crate) fn apply_save(c: &mut ProgrammeContent, s: ItemSaved) {
    let old = take(c, &s.item.id);
    let Some(day) = c.days.iter_mut().find(|d| d.date == s.day) else {
        return;
    };
    let same_place = |(d, p, _): &Place| *d == s.day && *p == s.parent_id;
    let index = old
        .as_ref()
        .filter(|(_, place)| same_place(place))
        .map(|(_, place)| place.2);
    let mut item = s.item;
    let put = |list: &mut Vec<ProgrammeItem>, item: ProgrammeItem| {
        let at = index.unwrap_or(list.len()).min(list.len());
        list.insert(at, item);
        list.sort_by(|a, b| a.start.cmp(&b.start));
    };
    match &s.parent_id {
        Some(p) => {
            if let Some(parent) = day.items.iter_mut().find(|i| &i.id == p) {
                item.children = Vec::new();
                put(&mut parent.children, item);
            }
        }
        None => {
            item.children = old.map(|(o, _)| o.children).unwrap_or_default();
            put(&mut day.items, item);
        }
    }
}

/// Minutes since midnight of a strict `HH:MM`.
pub(crate) fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub(crate) fn slug(title: &str) -> String {
    let folded = names::fold(title);
    let s: String = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(5)
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "onderdeel".into()
    } else {
        s
    }
}

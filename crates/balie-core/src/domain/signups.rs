//! The sign-up rules, without a database: when a person's current choice began (which
//! orders the list), and who of the people in that order has a seat and who waits.

use std::collections::HashMap;

/// Where a version of a record stands in the log: (HLC, desk, place in the event).
pub(crate) type Since = (i64, String, i64);

/// One version of a person's record with their choice: (person, order, wall time, choice).
pub(crate) type ChoiceVersion = (String, Since, String, Option<String>);

/// When each person's current choice of `item_id` began: the first version of their record
/// in the last run of versions with that choice. `versions` are (person, order, wall time,
/// choice), sorted by person and order; a person whose latest version chose something else
/// has no entry. The wall time is that of the version that began the run.
pub(crate) fn choice_began<I>(versions: I, item_id: &str) -> HashMap<String, (Since, String)>
where
    I: IntoIterator<Item = ChoiceVersion>,
{
    let mut since: HashMap<String, (Since, String)> = HashMap::new();
    for (subject, order, wall, choice) in versions {
        if choice.as_deref() == Some(item_id) {
            since.entry(subject).or_insert((order, wall));
        } else {
            since.remove(&subject);
        }
    }
    since
}

/// Of people in the order they chose, the first `capacity` have a seat and the rest wait,
/// in that order (the first waiting is next). No capacity: everyone has a seat.
pub(crate) fn seat<T>(ordered: Vec<T>, capacity: Option<u32>) -> (Vec<T>, Vec<T>) {
    let seats = capacity.map_or(usize::MAX, |c| c as usize);
    let mut seated = ordered;
    let waiting = if seated.len() > seats {
        seated.split_off(seats)
    } else {
        Vec::new()
    };
    (seated, waiting)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(who: &str, hlc: i64, choice: Option<&str>) -> ChoiceVersion {
        (
            who.to_string(),
            (hlc, "desk-a".to_string(), 0),
            format!("t{hlc}"),
            choice.map(str::to_string),
        )
    }

    #[test]
    fn a_choice_begins_at_the_first_version_of_its_last_run() {
        let began = choice_began(
            [
                // Anna chose the visit, switched away, and chose it again twice.
                v("anna", 1, Some("visit")),
                v("anna", 2, Some("other")),
                v("anna", 5, Some("visit")),
                v("anna", 7, Some("visit")),
                // Bram kept it from the start.
                v("bram", 3, Some("visit")),
                v("bram", 6, Some("visit")),
                // Cas chose it, then left it.
                v("cas", 4, Some("visit")),
                v("cas", 8, None),
            ],
            "visit",
        );
        assert_eq!(began.get("anna").map(|s| s.0 .0), Some(5));
        assert_eq!(began.get("anna").map(|s| s.1.as_str()), Some("t5"));
        assert_eq!(began.get("bram").map(|s| s.0 .0), Some(3));
        assert!(!began.contains_key("cas"));
        assert_eq!(began.len(), 2);
    }

    #[test]
    fn the_first_by_capacity_are_seated_and_the_rest_wait_in_order() {
        let (seated, waiting) = seat(vec!["a", "b", "c", "d"], Some(2));
        assert_eq!(seated, ["a", "b"]);
        assert_eq!(waiting, ["c", "d"]);
        // When a seated person leaves, the first waiting moves up.
        let (seated, waiting) = seat(vec!["a", "c", "d"], Some(2));
        assert_eq!(seated, ["a", "c"]);
        assert_eq!(waiting, ["d"]);
        let (seated, waiting) = seat(vec!["a", "b"], None);
        assert_eq!((seated.len(), waiting.len()), (2, 0));
        let (seated, waiting) = seat(vec!["a"], Some(0));
        assert_eq!((seated.len(), waiting), (0, vec!["a"]));
        let (seated, waiting) = seat(Vec::<&str>::new(), Some(3));
        assert!(seated.is_empty() && waiting.is_empty());
    }
}

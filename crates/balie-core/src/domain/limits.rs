//! How long a text may be, on every way in: a file's cells, the desk's forms, the member
//! register, proxies, the programme and every command's arguments. A value over its limit
//! is refused with the field, its length and the limit, before anything is written; a
//! 200 MB first name never reaches the register, the search index or a bundle.

use crate::domain::import::Field;
use crate::domain::message::Msg;

/// Names: first name, tussenvoegsel, last name, a member's name.
pub const NAME: usize = 100;
/// An e-mail address (RFC 5321's longest path).
pub const EMAIL: usize = 254;
/// A line of text: organisation, job title, town, a programme item's title or place, a
/// reason, a staff or desk name.
pub const LINE: usize = 200;
/// A note: dietary needs, accessibility, evidence notes.
pub const NOTE: usize = 1_000;
/// A paragraph of a programme item's description.
pub const PARAGRAPH: usize = 4_000;
/// Any text argument of any command, whatever it is (the bound behind the others).
pub const ARGUMENT: usize = 10_000;

/// The limit of an import field.
pub fn of(field: Field) -> usize {
    match field {
        Field::FirstName | Field::Tussenvoegsel | Field::LastName => NAME,
        Field::Email => EMAIL,
        Field::Dietary | Field::Accessibility => NOTE,
        _ => LINE,
    }
}

/// `None` when `value` fits in `max` characters; else why not, naming `field` (a message,
/// so the window shows it in its language).
pub fn check(field: Msg, value: &str, max: usize) -> Option<Msg> {
    // Bytes bound characters from above: count only when it could matter.
    if value.len() <= max {
        return None;
    }
    let chars = value.chars().count();
    (chars > max).then(|| {
        Msg::new(
            "err.field.tooLong",
            [
                ("field", field.into()),
                ("chars", chars.into()),
                ("max", max.into()),
            ],
        )
    })
}

/// [`check`] for a field named by its catalogue key (`field.city`, `label.title`, …).
pub fn check_key(key: &str, value: &str, max: usize) -> Option<Msg> {
    if value.len() <= max {
        return None;
    }
    check(Msg::new(key, []), value, max)
}

/// Refuses the first of `values` (catalogue key of its field, value, limit) over its limit.
pub fn require(values: &[(&str, &str, usize)]) -> crate::domain::error::Result<()> {
    for (key, value, max) in values {
        if let Some(why) = check_key(key, value, max.to_owned()) {
            return Err(crate::domain::error::Error::InvalidInput {
                field: crate::domain::message::Msg::new(key, []).dutch,
                reason: Box::new(why),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_measured_in_characters_not_bytes() {
        assert!(check_key("field.firstName", &"é".repeat(NAME), NAME).is_none());
        let m = check_key("field.firstName", &"é".repeat(NAME + 1), NAME).expect("long");
        assert_eq!(
            m.dutch,
            "Voornaam: 101 tekens, ten hoogste 100; kort het in"
        );
        assert_eq!(
            m.english(),
            "First name: 101 characters, at most 100; shorten it"
        );
    }
}

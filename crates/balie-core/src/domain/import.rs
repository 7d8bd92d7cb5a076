//! What an import is told: the register's fields, the header names (Dutch and English) that
//! map to them, the columns staff chose, and saved mappings.

use crate::domain::message::Msg;
use crate::domain::names;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The register fields a column can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FirstName,
    Tussenvoegsel,
    LastName,
    Email,
    Organisation,
    Function,
    Member,
    Thursday,
    Friday,
    Dinner,
    Session,
    Visit,
    Bus,
    Dietary,
    Accessibility,
    Speaker,
    Guest,
    /// The registration's status in the registration system ("geannuleerd" cancels it).
    Status,
    // The member register (for the ALV); the member's name is `Organisation`.
    City,
    Category,
    VoteWeight,
    Suspended,
    Voting,
}

/// Folded header names of the member register's columns.
pub(crate) const MEMBER_HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Organisation,
        &[
            "naam",
            "naam lid",
            "lid",
            "lidorganisatie",
            "organisatie",
            "bibliotheek",
            "name",
            "member",
            "organisation",
            "organization",
        ],
    ),
    (
        Field::City,
        &["plaats", "vestigingsplaats", "gemeente", "city", "town"],
    ),
    (
        Field::Category,
        &[
            "categorie",
            "soort lid",
            "lidmaatschap",
            "category",
            "membership",
        ],
    ),
    (
        Field::VoteWeight,
        &[
            "stemgewicht",
            "aantal stemmen",
            "stemmen",
            "gewicht",
            "vote weight",
            "weight",
            "votes",
        ],
    ),
    (Field::Suspended, &["geschorst", "schorsing", "suspended"]),
    (
        Field::Voting,
        &["stemrecht", "stemgerechtigd", "voting", "voting rights"],
    ),
];

/// Folded header names (see [`names::fold`]) per field. A header also matches when it
/// starts with one of these followed by more words ("Donderdag 7 december").
pub(crate) const HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::FirstName,
        &[
            "voornaam",
            "first name",
            "firstname",
            "given name",
            "roepnaam",
        ],
    ),
    (
        Field::Tussenvoegsel,
        &[
            "tussenvoegsel",
            "tussenvoegsels",
            "voorvoegsel",
            "prefix",
            "infix",
        ],
    ),
    (
        Field::LastName,
        &[
            "achternaam",
            "last name",
            "lastname",
            "surname",
            "family name",
            "familienaam",
        ],
    ),
    (
        Field::Email,
        &[
            "e mailadres",
            "emailadres",
            "e mail",
            "email",
            "mail",
            "email address",
            "e mail address",
        ],
    ),
    (
        Field::Organisation,
        &[
            "organisatie",
            "organisation",
            "organization",
            "werkgever",
            "employer",
        ],
    ),
    (
        Field::Function,
        &["functie", "function", "job title", "rol", "role"],
    ),
    (
        Field::Member,
        &[
            "lid",
            "lidorganisatie",
            "lid vob",
            "member",
            "member organisation",
            "member organization",
        ],
    ),
    (Field::Thursday, &["donderdag", "thursday"]),
    (Field::Friday, &["vrijdag", "friday"]),
    (Field::Dinner, &["diner", "dinner"]),
    (
        Field::Session,
        &[
            "kennissessie",
            "kennissessies",
            "knowledge session",
            "session",
            "sessie",
        ],
    ),
    (
        Field::Visit,
        &[
            "werkbezoek",
            "werkbezoeken",
            "work visit",
            "visit",
            "excursie",
        ],
    ),
    (Field::Bus, &["busvervoer", "bus", "bus transport"]),
    (
        Field::Dietary,
        &[
            "dieetwensen",
            "dieet",
            "dietary",
            "dietary requirements",
            "allergieen",
        ],
    ),
    (Field::Accessibility, &["toegankelijkheid", "accessibility"]),
    (Field::Speaker, &["spreker", "speaker"]),
    (Field::Guest, &["gast", "guest"]),
    (
        Field::Status,
        &[
            "status",
            "aanmeldstatus",
            "registratiestatus",
            "inschrijvingsstatus",
            "registration status",
        ],
    ),
];

impl Field {
    /// The member register's fields, in the order of the mapping screen.
    pub const MEMBER: [Field; 6] = [
        Field::Organisation,
        Field::City,
        Field::Category,
        Field::VoteWeight,
        Field::Suspended,
        Field::Voting,
    ];

    pub const ALL: [Field; 18] = [
        Field::FirstName,
        Field::Tussenvoegsel,
        Field::LastName,
        Field::Email,
        Field::Organisation,
        Field::Function,
        Field::Member,
        Field::Thursday,
        Field::Friday,
        Field::Dinner,
        Field::Session,
        Field::Visit,
        Field::Bus,
        Field::Dietary,
        Field::Accessibility,
        Field::Speaker,
        Field::Guest,
        Field::Status,
    ];

    /// The field's name for the window, in its language.
    pub fn msg(self) -> Msg {
        let key = match self {
            Field::FirstName => "field.firstName",
            Field::Tussenvoegsel => "field.tussenvoegsel",
            Field::LastName => "field.lastName",
            Field::Email => "field.email",
            Field::Organisation => "field.organisation",
            Field::Function => "field.function",
            Field::Member => "field.member",
            Field::Thursday => "field.thursday",
            Field::Friday => "field.friday",
            Field::Dinner => "field.dinner",
            Field::Session => "field.session",
            Field::Visit => "field.visit",
            Field::Bus => "field.bus",
            Field::Dietary => "field.dietary",
            Field::Accessibility => "field.accessibility",
            Field::Speaker => "field.speaker",
            Field::Guest => "field.guest",
            Field::Status => "field.status",
            Field::City => "field.city",
            Field::Category => "field.category",
            Field::VoteWeight => "field.voteWeight",
            Field::Suspended => "field.suspended",
            Field::Voting => "field.voting",
        };
        Msg::new(key, [])
    }

    /// The field's name in Dutch, as in the import screen.
    pub fn dutch(self) -> &'static str {
        match self {
            Field::FirstName => "Voornaam",
            Field::Tussenvoegsel => "Tussenvoegsel",
            Field::LastName => "Achternaam",
            Field::Email => "E-mailadres",
            Field::Organisation => "Organisatie",
            Field::Function => "Functie",
            Field::Member => "Lid",
            Field::Thursday => "Donderdag",
            Field::Friday => "Vrijdag",
            Field::Dinner => "Diner",
            Field::Session => "Kennissessie",
            Field::Visit => "Werkbezoek",
            Field::Bus => "Busvervoer",
            Field::Dietary => "Dieetwensen",
            Field::Accessibility => "Toegankelijkheid",
            Field::Speaker => "Spreker",
            Field::Guest => "Gast",
            Field::Status => "Status",
            Field::City => "Plaats",
            Field::Category => "Categorie",
            Field::VoteWeight => "Stemgewicht",
            Field::Suspended => "Geschorst",
            Field::Voting => "Stemrecht",
        }
    }
}

/// One column and the field it feeds (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnChoice {
    pub header: String,
    pub field: Option<Field>,
}

/// How to read a file: which worksheet, and columns mapped by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// The worksheet of an `.xlsx`; `None` or empty: the first.
    pub sheet: Option<String>,
    /// Choices that override the automatic mapping, by header (case-insensitive).
    pub columns: Vec<ColumnChoice>,
    /// Staff confirmed that the people the file no longer has are cancelled.
    #[serde(default)]
    pub cancel_missing: bool,
    /// How to read a CSV that is not Unicode ("windows-1250"); `None`: Balie's best guess,
    /// with the other readings offered in the preview.
    #[serde(default)]
    pub encoding: Option<String>,
}

/// A column mapping saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedMapping {
    pub name: String,
    pub columns: Vec<ColumnChoice>,
}

pub(crate) fn field_of(table: &[(Field, &[&str])], header: &str) -> Option<Field> {
    let h = names::fold(header);
    table.iter().find_map(|(field, aliases)| {
        aliases
            .iter()
            .any(|a| h == *a || h.starts_with(&format!("{a} ")))
            .then_some(*field)
    })
}

/// The columns of a mapping file: a JSON object from column header to field (or `null`
/// for a column to leave out), as `{"Voornaam": "first_name", "Opmerking": null}`. `file`
/// names it in the message.
pub fn mapping_from_json(
    file: &str,
    text: &str,
) -> crate::domain::error::Result<Vec<ColumnChoice>> {
    use crate::domain::error::Error;
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| {
            Error::said(
                "koppeling",
                "err.mapping.json",
                [("file", file.into()), ("why", e.to_string().into())],
            )
        })?;
    let fields = || {
        Field::ALL
            .iter()
            .map(|f| serde_json::to_string(f).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ")
    };
    object
        .into_iter()
        .map(|(header, v)| {
            let field: Option<Field> = serde_json::from_value(v.clone()).map_err(|_| {
                Error::said(
                    "koppeling",
                    "err.mapping.field",
                    [
                        ("file", file.into()),
                        ("header", header.as_str().into()),
                        ("value", v.to_string().into()),
                        ("fields", fields().into()),
                    ],
                )
            })?;
            Ok(ColumnChoice { header, field })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_names_fields_or_null_and_a_wrong_one_says_where() {
        let cols = mapping_from_json("k.json", r#"{"Voornaam": "first_name", "Opmerking": null}"#)
            .expect("valid");
        assert_eq!(cols.len(), 2);
        assert!(cols
            .iter()
            .any(|c| c.header == "Voornaam" && c.field == Some(Field::FirstName)));
        assert!(cols
            .iter()
            .any(|c| c.header == "Opmerking" && c.field.is_none()));
        let wrong = mapping_from_json("k.json", r#"{"Naam": "voornaam"}"#).expect_err("field");
        let text = wrong.to_string();
        assert!(
            text.contains("k.json, kolom 'Naam'") && text.contains("first_name"),
            "{text}"
        );
        let broken = mapping_from_json("k.json", "[1, 2").expect_err("json");
        assert!(
            broken
                .to_string()
                .contains("k.json: geen geldige koppeling"),
            "{broken}"
        );
    }
}

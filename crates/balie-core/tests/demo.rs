//! The demo generator: pinned output for a fixed seed, and the mix it must have.

use balie_core::domain::badge;
use balie_core::domain::demo::{attendees, fingerprint, DEMO_ATTENDEES, DEMO_SEED};
use std::collections::HashSet;

#[test]
fn the_generator_output_is_pinned() {
    let people = attendees(DEMO_SEED, DEMO_ATTENDEES);
    assert_eq!(
        people,
        attendees(DEMO_SEED, DEMO_ATTENDEES),
        "deterministic"
    );
    assert_eq!(
        format!("{:016x}", fingerprint(&people)),
        "16abc2c289cbe1f7",
        "the demo data changed; if on purpose, update the pinned value"
    );
    assert_ne!(
        fingerprint(&people),
        fingerprint(&attendees(DEMO_SEED + 1, DEMO_ATTENDEES))
    );
}

#[test]
fn the_mix_is_realistic_and_fictitious() {
    let people = attendees(DEMO_SEED, DEMO_ATTENDEES);
    assert_eq!(people.len(), 400);
    let share = |f: &dyn Fn(&balie_core::store::attendees::Attendee) -> bool| {
        people.iter().filter(|p| f(p)).count() * 100 / people.len()
    };
    let with_tv = share(&|p| !p.tussenvoegsel.is_empty());
    assert!(
        (20..=50).contains(&with_tv),
        "tussenvoegsel share {with_tv}%"
    );
    let diacritics = share(&|p| !(p.first_name.is_ascii() && p.last_name.is_ascii()));
    assert!(
        (8..=40).contains(&diacritics),
        "diacritics share {diacritics}%"
    );

    let codes: HashSet<&str> = people.iter().map(|p| p.badge_code.as_str()).collect();
    assert_eq!(codes.len(), people.len(), "badge codes are unique");
    assert!(people
        .iter()
        .all(|p| badge::normalise(&p.badge_code).as_deref() == Some(p.badge_code.as_str())));

    let emails: HashSet<String> = people.iter().map(|p| p.email.to_lowercase()).collect();
    assert_eq!(emails.len(), people.len(), "e-mail addresses are unique");
    for p in &people {
        let domain = p.email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        assert!(
            ["example.org", "example.com", "example.net"].contains(&domain),
            "{} is not at an example domain",
            p.email
        );
        assert!(p.thursday || p.friday, "{} comes on no day", p.email);
        assert!(!p.dinner || p.thursday);
        assert!(!p.bus || p.visit_choice.is_some());
    }
    assert!(people.iter().any(|p| p.last_name == "IJsselstein"));
    assert!(people.iter().any(|p| !p.dietary.is_empty()));
    assert!(people.iter().any(|p| p.member_org.is_none()));
}

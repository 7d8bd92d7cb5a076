//! Cancelled registrations through the real core: by hand with a reason, by an import's
//! status column, by leaving people out of a re-import once staff confirm it; never
//! expected, never a no-show, checked in only by override; the same on two desks whatever
//! order they exchange in, and after a rebuild of the projections.

mod common;

use balie_core::documents::export::ExportTable;
use balie_core::domain::cancellation::CancelSource;
use balie_core::domain::checkin::CheckinOutcome;
use balie_core::domain::checkin::CheckinSource;
use balie_core::domain::checkin::NotOnList;
use balie_core::domain::import::ImportOptions;
use balie_core::wire::sync::VersionVector;
use balie_core::{Balie, ErrorCode};
use common::start;

const THU: &str = "day-2023-12-07";
const FRI: &str = "day-2023-12-08";

fn expected(b: &Balie, list: &str) -> i64 {
    b.counters()
        .expect("counters")
        .into_iter()
        .find(|c| c.list.id == list)
        .expect("list")
        .expected
}

#[test]
fn a_cancelled_registration_is_not_expected_and_checks_in_only_by_override() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = start(dir.path(), true);
    b.set_staff("Anna").expect("staff");
    let person = b
        .desk_search("bibliotheek", THU)
        .expect("search")
        .remove(0)
        .attendee;
    assert!(person.thursday, "{person:?}");
    let (thu, fri) = (expected(&b, THU), expected(&b, FRI));

    let refused = b
        .cancel_registration(&person.id, "  ")
        .expect_err("a reason is needed");
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("geef een reden"), "{refused}");

    let c = b
        .cancel_registration(&person.id, "per e-mail afgemeld op 5 december")
        .expect("cancel");
    assert_eq!(c.reason, "per e-mail afgemeld op 5 december");
    assert_eq!((c.staff.as_str(), c.source), ("Anna", CancelSource::Desk));
    assert_eq!(expected(&b, THU), thu - 1);
    assert_eq!(expected(&b, FRI), fri - i64::from(person.friday));
    let again = b
        .cancel_registration(&person.id, "nog eens")
        .expect_err("twice");
    assert!(again.to_string().contains("is al afgemeld"), "{again}");

    // Search and scan say so at once.
    let found = b
        .desk_search(&person.badge_code, THU)
        .expect("search")
        .remove(0);
    assert_eq!(found.not_on_list, Some(NotOnList::Cancelled));
    assert_eq!(
        found.cancelled.as_ref().map(|c| c.reason.as_str()),
        Some("per e-mail afgemeld op 5 december")
    );
    let outcome = b
        .check_in_by_code(THU, &person.badge_code, None, CheckinSource::Scan)
        .expect("scan");
    let CheckinOutcome::NeedsOverride {
        reason,
        cancellation,
        ..
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(reason, NotOnList::Cancelled);
    assert_eq!(cancellation.expect("why").staff, "Anna");
    // Nobody on the paper list or among the no-shows.
    assert!(b
        .roster(THU)
        .expect("roster")
        .iter()
        .all(|l| l.attendee_id != person.id));
    let no_shows =
        String::from_utf8(b.export_csv(ExportTable::NoShows).expect("csv")).expect("utf-8");
    assert!(!no_shows.contains(&person.email), "not a no-show");
    let register =
        String::from_utf8(b.export_csv(ExportTable::Attendees).expect("csv")).expect("utf-8");
    assert!(
        register.contains("per e-mail afgemeld op 5 december"),
        "the register says so"
    );

    // Came after all: checked in by override, counted as one.
    let outcome = b
        .check_in_by_code(
            THU,
            &person.badge_code,
            Some("toch gekomen"),
            CheckinSource::Scan,
        )
        .expect("override");
    assert!(
        matches!(outcome, CheckinOutcome::CheckedIn { .. }),
        "{outcome:?}"
    );
    let c = b.counters().expect("counters");
    let thu_counter = c.iter().find(|c| c.list.id == THU).expect("thu");
    assert_eq!((thu_counter.checked_in, thu_counter.overrides), (0, 1));

    // Reinstated: expected again, and the check-in now counts.
    b.reinstate_registration(&person.id, "had zich vergist")
        .expect("reinstate");
    assert_eq!(expected(&b, THU), thu);
    let c = b.counters().expect("counters");
    let thu_counter = c.iter().find(|c| c.list.id == THU).expect("thu");
    assert_eq!((thu_counter.checked_in, thu_counter.overrides), (1, 0));
    let err = b
        .reinstate_registration(&person.id, "nog eens")
        .expect_err("not cancelled");
    assert!(err.to_string().contains("is niet afgemeld"), "{err}");
}

fn real_desk(dir: &std::path::Path) -> Balie {
    let mut b = start(dir, false);
    b.set_staff("Anna").expect("staff");
    b
}

const HEADER: &str = "Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag;Status\n";

#[test]
fn the_import_status_column_cancels_and_registers_again_and_left_out_people_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = real_desk(dir.path());
    let file = format!(
        "{HEADER}Anna;Jansen;anna@example.org;Ja;Ja;Bevestigd\n\
         Bram;Bos;bram@example.org;Ja;Nee;Geannuleerd\n\
         Cor;Dijk;cor@example.org;Nee;Ja;\n\
         Dirk;Eik;dirk@example.org;Ja;Ja;aangemeld\n"
    );
    let preview = b
        .preview_registrations(file.as_bytes(), "aanmeldingen.csv")
        .expect("preview");
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.new, preview.cancelled), (4, 1));
    assert_eq!(preview.sample.len(), 4, "the first rows as read");
    assert_eq!(preview.sample[1][1], "Bos");
    let done = b
        .import_registrations(file.as_bytes(), "/pad/naar/aanmeldingen.csv")
        .expect("import");
    assert!(done.applied);
    let cancelled = b.cancellations().expect("cancellations");
    assert_eq!(cancelled.len(), 1);
    let bram = cancelled.values().next().expect("Bram");
    assert_eq!(bram.reason, "geannuleerd volgens aanmeldingen.csv");
    assert_eq!(bram.source, CancelSource::Import);
    assert_eq!(expected(&b, THU), 2, "Anna and Dirk");

    // Cor cancels by e-mail at the desk; the next export still has no status for him.
    let cor = b.desk_search("cor dijk", FRI).expect("search").remove(0);
    b.cancel_registration(&cor.attendee.id, "belde af")
        .expect("cancel");

    // The next export: Bram registered again, Dirk left out, a bad status refused.
    let bad = format!("{HEADER}Anna;Jansen;anna@example.org;Ja;Ja;misschien\n");
    let refused = b
        .preview_registrations(bad.as_bytes(), "x.csv")
        .expect("preview");
    assert_eq!(refused.problems.len(), 1);
    assert_eq!(refused.problems[0].line, 2);
    assert_eq!(refused.problems[0].column.as_deref(), Some("Status"));
    assert!(
        refused.problems[0]
            .message
            .dutch
            .contains("status 'misschien' is onbekend"),
        "{:?}",
        refused.problems
    );
    let next = format!(
        "{HEADER}Anna;Jansen;anna@example.org;Ja;Ja;Bevestigd\n\
         Bram;Bos;bram@example.org;Ja;Nee;Aangemeld\n\
         Cor;Dijk;cor@example.org;Nee;Ja;\n"
    );
    let preview = b
        .preview_registrations(next.as_bytes(), "aanmeldingen-2.csv")
        .expect("preview");
    assert_eq!(
        preview.reinstated, 1,
        "Bram; not Cor, whom staff cancelled by hand"
    );
    assert_eq!(preview.missing, ["Eik, Dirk"]);
    b.import_registrations(next.as_bytes(), "aanmeldingen-2.csv")
        .expect("import");
    let ids: Vec<String> = {
        let mut v: Vec<String> = b
            .cancellations()
            .expect("c")
            .into_values()
            .map(|c| c.reason)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids, ["belde af"], "Dirk stays until staff confirm");

    let opts = ImportOptions {
        cancel_missing: true,
        ..ImportOptions::default()
    };
    b.import_registrations_with(next.as_bytes(), "aanmeldingen-2.csv", &opts)
        .expect("import");
    let mut reasons: Vec<String> = b
        .cancellations()
        .expect("c")
        .into_values()
        .map(|c| c.reason)
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        ["belde af", "staat niet meer in aanmeldingen-2.csv"]
    );
    // Listed no more once cancelled.
    let again = b
        .preview_registrations(next.as_bytes(), "aanmeldingen-2.csv")
        .expect("preview");
    assert!(again.missing.is_empty(), "{:?}", again.missing);
}

#[test]
fn two_desks_agree_on_the_latest_cancellation_whatever_order_they_exchange_in() {
    let dir_a = tempfile::tempdir().expect("tempdir");
    let dir_b = tempfile::tempdir().expect("tempdir");
    let mut a = start(dir_a.path(), true);
    a.set_staff("Anna").expect("staff");
    let mut b = common::joined(dir_b.path(), &a);
    b.set_staff("Bert").expect("staff");
    let people = a.desk_search("bibliotheek", THU).expect("search");
    let (p, q) = (&people[0].attendee.id, &people[1].attendee.id);

    a.cancel_registration(p, "per e-mail").expect("cancel on A");
    a.cancel_registration(q, "belde af").expect("cancel on A");
    // B learns of both, then reinstates one later.
    b.import_bundle(&a.export_bundle(&VersionVector::new()).expect("bundle"))
        .expect("to B");
    b.reinstate_registration(p, "toch aangemeld")
        .expect("reinstate on B");
    a.import_bundle(&b.export_bundle(&VersionVector::new()).expect("bundle"))
        .expect("to A");
    for desk in [&a, &b] {
        let c = desk.cancellations().expect("cancellations");
        assert!(!c.contains_key(p.as_str()), "the later reinstatement wins");
        assert_eq!(
            c.get(q.as_str()).map(|c| c.reason.as_str()),
            Some("belde af")
        );
    }
    let before = a.cancellations().expect("c");
    a.store_mut().rebuild_projections().expect("rebuild");
    assert_eq!(
        a.cancellations().expect("c"),
        before,
        "a rebuild gives the same"
    );
}

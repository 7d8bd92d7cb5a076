//! Getting paper out: a badge straight to the desk's printer (CUPS `lp`, or a folder for
//! tests and archives), logged as `badge.printed`; the first print is automatic, a reprint
//! needs a reason. Other documents are saved as PDF in the data folder for the system's
//! viewer to open.

use crate::app::Balie;
use crate::documents::desk_paper::BadgeLayout;
use crate::domain::badge::BadgePrinted;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::store::attendees;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Where badges go straight to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printer {
    /// A CUPS printer, printed with `lp -d NAME`.
    Cups(String),
    /// A folder: each print becomes a PDF file there.
    Folder(PathBuf),
}

impl Printer {
    /// `folder:/pad` or `lp:NAME` or just `NAME`.
    pub fn parse(spec: &str) -> Printer {
        match spec.split_once(':') {
            Some(("folder", path)) => Printer::Folder(PathBuf::from(path)),
            Some(("lp", name)) => Printer::Cups(name.to_string()),
            _ => Printer::Cups(spec.to_string()),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Printer::Cups(name) => format!("printer {name}"),
            Printer::Folder(dir) => format!("map {}", dir.display()),
        }
    }

    /// Sends `pdf` (named `name`) to the printer; returns when the printer took it.
    fn send(&self, name: &str, pdf: &[u8], stamp: &str) -> Result<()> {
        match self {
            Printer::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Error::said(
                        "printer",
                        "err.print.folder",
                        [
                            ("folder", dir.display().to_string().into()),
                            ("why", e.to_string().into()),
                        ],
                    )
                })?;
                let file = unused(dir, &format!("{stamp}-{name}"), "pdf");
                std::fs::write(&file, pdf).map_err(|e| {
                    Error::said(
                        "printer",
                        "err.print.file",
                        [
                            ("file", file.display().to_string().into()),
                            ("why", e.to_string().into()),
                        ],
                    )
                })
            }
            Printer::Cups(printer) => {
                let tmp = std::env::temp_dir().join(format!("balie-{stamp}-{name}.pdf"));
                std::fs::write(&tmp, pdf).map_err(|e| {
                    Error::said("printer", "err.print.temp", [("why", e.to_string().into())])
                })?;
                let out = std::process::Command::new("lp")
                    .args(["-d", printer, "-t", name])
                    .arg(&tmp)
                    .output();
                let _ = std::fs::remove_file(&tmp);
                match out {
                    Ok(o) if o.status.success() => Ok(()),
                    Ok(o) => Err(Error::said(
                        "printer",
                        "err.print.refused",
                        [
                            ("printer", printer.as_str().into()),
                            ("why", String::from_utf8_lossy(&o.stderr).trim().into()),
                        ],
                    )),
                    Err(e) => Err(Error::said(
                        "printer",
                        "err.print.lp",
                        [("why", e.to_string().into())],
                    )),
                }
            }
        }
    }
}

/// `DIR/BASE.EXT`, or `DIR/BASE-2.EXT` … when that exists: nothing is ever overwritten.
fn unused(dir: &std::path::Path, base: &str, ext: &str) -> PathBuf {
    let mut file = dir.join(format!("{base}.{ext}"));
    let mut n = 2;
    while file.exists() {
        file = dir.join(format!("{base}-{n}.{ext}"));
        n += 1;
    }
    file
}

/// What happened to a badge print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum BadgePrintOutcome {
    Printed {
        printer: String,
        reprint: bool,
    },
    /// Printed before: a reprint needs a reason. Nothing was printed.
    NeedsReason {
        last_time: String,
        last_desk: String,
        last_staff: String,
        count: u32,
    },
    /// An automatic print of a badge that was printed before: skipped.
    AlreadyPrinted,
    /// This desk has no printer; the badge can be opened as PDF instead.
    NoPrinter,
}

impl Balie {
    /// The desk's printer, described ("printer Zebra", "map /tmp/x"), if any.
    pub fn printer(&self) -> Option<String> {
        self.printer.as_ref().map(Printer::describe)
    }

    /// Prints one badge (label layout) on this desk's printer. The first print needs no
    /// reason; a reprint does (`reason`), and `auto` (the walk-in's automatic print) never
    /// reprints.
    pub fn print_badge(
        &mut self,
        attendee_id: &str,
        reason: Option<&str>,
        auto: bool,
    ) -> Result<BadgePrintOutcome> {
        self.require_staff()?;
        let conn = self.store().conn();
        let attendee = attendees::get(conn, attendee_id)?;
        let (count, last): (u32, Option<(String, String, String)>) = {
            let rows = crate::store::badge_prints::of(conn, attendee_id)?;
            (rows.len() as u32, rows.into_iter().next())
        };
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if let Some((time, desk, staff)) = &last {
            if auto {
                return Ok(BadgePrintOutcome::AlreadyPrinted);
            }
            if reason.is_none() {
                return Ok(BadgePrintOutcome::NeedsReason {
                    last_time: time.clone(),
                    last_desk: desk.clone(),
                    last_staff: staff.clone(),
                    count,
                });
            }
        }
        let Some(printer) = self.printer.clone() else {
            return Ok(BadgePrintOutcome::NoPrinter);
        };
        let pdf = self.badges_pdf(std::slice::from_ref(&attendee.id), BadgeLayout::Label)?;
        let offset = self.congress()?.info.utc_offset;
        let stamp = crate::domain::clock::local_stamp(self.store().clock().now(), &offset);
        printer.send(&format!("badge-{}", attendee.badge_code), &pdf, &stamp)?;
        // Logged once the printer has it.
        let payload = BadgePrinted {
            attendee_id: attendee.id.clone(),
            printer: printer.describe(),
            reason: if last.is_some() {
                reason.map(str::to_string)
            } else {
                None
            },
        };
        self.store_mut()
            .write(|w| w.append(kinds::BADGE_PRINTED, &attendee.id, &payload))?;
        Ok(BadgePrintOutcome::Printed {
            printer: payload.printer,
            reprint: last.is_some(),
        })
    }

    /// Saves a PDF in the data folder's `afdrukken/` and returns its path, for the system's
    /// PDF viewer to open.
    pub fn save_pdf(&self, name: &str, pdf: &[u8]) -> Result<PathBuf> {
        self.save_file(name, "pdf", pdf)
    }

    /// Saves a document (`ext`: pdf, xlsx, csv) under `afdrukken/` in the data folder.
    pub fn save_file(&self, name: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
        let dir = self.data_dir().join("afdrukken");
        std::fs::create_dir_all(&dir).map_err(|e| Error::DataDir {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        // The venue's local time to the second: "noodlijst-donderdag-2023-12-07-15.52.20".
        let offset = self.congress()?.info.utc_offset;
        let stamp = crate::domain::clock::local_stamp(self.store().clock().now(), &offset);
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let file = unused(&dir, &format!("{safe}-{stamp}"), ext);
        std::fs::write(&file, bytes).map_err(|e| Error::DataDir {
            path: file.clone(),
            reason: e.to_string(),
        })?;
        Ok(file)
    }
}

/// A document saved for the system's viewer, and whether a viewer was started for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedDocument {
    pub path: String,
    /// The file's name ("noodlijst-donderdag-2023-12-07-15.52.20.pdf").
    pub file: String,
    /// The folder it is in, with the home folder written as `~`.
    pub folder: String,
    pub opened: bool,
}

impl SavedDocument {
    pub fn new(path: &Path, opened: bool) -> SavedDocument {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let folder = match home.as_deref().and_then(|h| folder.strip_prefix(h).ok()) {
            Some(rest) => Path::new("~").join(rest).display().to_string(),
            None => folder.display().to_string(),
        };
        SavedDocument {
            path: path.display().to_string(),
            file: path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            folder,
            opened,
        }
    }
}

/// The documents staff can make from the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Everyone's badges on A4 sheets of 2 × 4.
    BadgesA4,
    /// Everyone's badges, one per label.
    BadgesLabel,
    /// The fallback list of one check-in list.
    FallbackList,
    /// The attendance report.
    AttendanceReport,
    /// The register, no-shows, walk-ins and check-ins as an Excel workbook.
    ExportXlsx,
    /// Every bus's passengers.
    BusLists,
    /// The dinner with dietary notes.
    DinnerList,
    /// Every session and work visit: seated and waiting.
    SessionLists,
}

impl Balie {
    /// Makes a document and saves it under `afdrukken/` in the data folder; returns the path.
    pub fn make_document(&self, kind: DocumentKind, list_id: Option<&str>) -> Result<PathBuf> {
        self.make_document_in(kind, list_id, &crate::app::tasks::Task::none())
    }

    /// [`Balie::make_document`] as the task `task`: badges are counted as they are laid
    /// out; a cancel stops it before anything is saved.
    pub fn make_document_in(
        &self,
        kind: DocumentKind,
        list_id: Option<&str>,
        task: &crate::app::tasks::Task<'_>,
    ) -> Result<PathBuf> {
        use crate::app::tasks::Step;
        task.step(Step::Making, 0, 0)?;
        let (name, pdf) = match kind {
            DocumentKind::BadgesA4 => (
                "badges-a4".to_string(),
                self.badges_pdf_in(&[], BadgeLayout::A4Sheet, task)?,
            ),
            DocumentKind::BadgesLabel => (
                "badges-etiket".to_string(),
                self.badges_pdf_in(&[], BadgeLayout::Label, task)?,
            ),
            DocumentKind::FallbackList => {
                let list =
                    list_id.ok_or_else(|| Error::said("lijst", "err.print.fallbackList", []))?;
                // "noodlijst-donderdag", after the list's name.
                let name = crate::store::checkins::list(self.store().conn(), list)?.name;
                (
                    format!("noodlijst-{}", crate::domain::names::fold(&name)),
                    self.fallback_list_pdf(list)?,
                )
            }
            DocumentKind::AttendanceReport => {
                ("aanwezigheid".to_string(), self.attendance_report_pdf()?)
            }
            DocumentKind::BusLists => ("buslijsten".to_string(), self.bus_lists_pdf()?),
            DocumentKind::DinnerList => ("dinerlijst".to_string(), self.dinner_list_pdf()?),
            DocumentKind::SessionLists => ("sessielijsten".to_string(), self.session_lists_pdf()?),
            DocumentKind::ExportXlsx => {
                let workbook = self.export_xlsx()?;
                task.step(Step::Writing, 0, 0)?;
                return self.save_file("export", "xlsx", &workbook);
            }
        };
        // The last moment a cancel stops it: then the file is saved whole.
        task.step(Step::Writing, 0, 0)?;
        self.save_pdf(&name, &pdf)
    }
}

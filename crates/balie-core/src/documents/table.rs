//! Reading a table someone sent: a CSV in any encoding Excel writes, or an `.xlsx`, within
//! stated bounds. Registrations and member lists arrive as e-mail attachments, so every
//! limit is checked before the memory it guards is taken: the file's size, the zip's
//! entries (their real decompressed size, not the size they declare), the shared strings,
//! each cell's place on the sheet and its length. A file over a limit is refused whole,
//! with a Dutch message naming the limit and where the file crosses it.

use crate::domain::error::{Error, Result};
use std::io::Read;

/// The largest file read (CSV or `.xlsx`): 50 MB holds a register of 200,000 people.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Data rows after the header.
pub const MAX_ROWS: usize = 250_000;
/// Columns of a row (a registration system's export has a few dozen).
pub const MAX_COLUMNS: usize = 200;
/// Characters in one cell (each field has a tighter limit, checked per row).
pub const MAX_CELL_CHARS: usize = 10_000;
/// Entries in an `.xlsx` (a workbook has a few dozen).
const MAX_ZIP_ENTRIES: usize = 1_000;
/// The decompressed size of one entry of an `.xlsx`, and of all of them.
const MAX_ZIP_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
const MAX_ZIP_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Shared strings of an `.xlsx` (one per distinct text in the workbook).
const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// A decoded table: headers and records with the line each starts on.
#[derive(Debug)]
pub struct Table {
    /// How the text was read: "UTF-8", "Windows-1252 (West-Europees)", "Excel (.xlsx)", …
    pub encoding: String,
    /// Other encodings a file that is not Unicode could be in, each with how its names
    /// read in it (empty for Unicode files and spreadsheets).
    pub encodings: Vec<EncodingChoice>,
    /// `;`, `,` or a tab for CSV; empty for a spreadsheet.
    pub separator: String,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// One way to read a file that is not Unicode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct EncodingChoice {
    /// What `ImportOptions::encoding` takes: "windows-1250".
    pub id: String,
    /// "Windows-1250 (Centraal-Europees: Pools, Tsjechisch, Hongaars)"
    pub label: String,
    /// The file's first words with letters outside ASCII, as this encoding reads them
    /// ("Yılmaz, Łukasz"): staff see which one reads the names right.
    pub example: String,
}

/// The single-byte encodings offered for a file that is not Unicode, the first the default.
const LEGACY: [(&str, &str); 5] = [
    ("windows-1252", "Windows-1252 (West-Europees)"),
    (
        "windows-1250",
        "Windows-1250 (Centraal-Europees: Pools, Tsjechisch, Hongaars)",
    ),
    ("windows-1254", "Windows-1254 (Turks)"),
    ("windows-1257", "Windows-1257 (Baltisch)"),
    ("windows-1251", "Windows-1251 (Cyrillisch)"),
];

fn too_large(file: &str, bytes: usize) -> Error {
    too_large_for(file, bytes as u64, MAX_FILE_BYTES as u64)
}

fn too_large_for(file: &str, bytes: u64, max: u64) -> Error {
    Error::said(
        file,
        "err.import.tooLarge",
        [
            ("size", megabytes(bytes).into()),
            ("max", megabytes(max).into()),
        ],
    )
}

/// "12,3 MB" (Dutch decimal comma).
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{},{} MB", tenths / 10, tenths % 10)
}

/// An `.xlsx` is a zip file; so is nothing else that is imported here.
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads `bytes` (the file `file`) as a table: the worksheet `sheet` of an `.xlsx`, or a
/// CSV in `encoding` (an [`EncodingChoice::id`]; `None`: recognised from the bytes).
pub fn read_table(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
    encoding: Option<&str>,
) -> Result<Table> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len()));
    }
    if is_xlsx(bytes) {
        read_xlsx(bytes, file, sheet.filter(|s| !s.trim().is_empty()))
    } else {
        read_csv(bytes, file, encoding.filter(|e| !e.trim().is_empty()))
    }
}

/// Refuses a file of `bytes` over `max`, before it is read at all.
pub fn check_size_at_most(file: &str, bytes: u64, max: u64) -> Result<()> {
    if bytes > max {
        return Err(too_large_for(file, bytes, max));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Text: encodings

/// Text decoded from a CSV's bytes.
struct Decoded {
    text: String,
    encoding: String,
    choices: Vec<EncodingChoice>,
}

/// UTF-16 without a byte order mark: most odd (LE) or even (BE) bytes of the start are 0.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let start = &bytes[..bytes.len().min(512) & !1];
    if start.len() < 4 {
        return None;
    }
    let pairs = start.len() / 2;
    let zero_hi = start.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_lo = start.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_hi * 10 >= pairs * 9 {
        Some(encoding_rs::UTF_16LE)
    } else if zero_lo * 10 >= pairs * 9 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The separators between the words of a CSV line.
const WORD_BREAKS: &[u8] = b" \t\r\n;,\"";

/// The file's distinct words with bytes outside ASCII (at most `max`): all that tells one
/// single-byte encoding from another, found once for every candidate to read.
fn foreign_words(bytes: &[u8], max: usize) -> Vec<&[u8]> {
    let mut words: Vec<&[u8]> = Vec::new();
    for word in bytes.split(|b| WORD_BREAKS.contains(b)) {
        if !word.is_ascii() && !words.contains(&word) {
            words.push(word);
            if words.len() == max {
                break;
            }
        }
    }
    words
}

/// How plausible `words` are, read in `encoding`, as names and addresses: letters outside
/// ASCII count for them, symbols and control characters inside a word and words that mix
/// scripts count against them.
fn plausibility(words: &[&[u8]], encoding: &'static encoding_rs::Encoding) -> i64 {
    let mut score = 0i64;
    for bytes in words {
        let (word, _) = encoding.decode_without_bom_handling(bytes);
        let mut latin = false;
        let mut cyrillic = false;
        for c in word.chars() {
            if c.is_ascii_alphabetic() {
                latin = true;
            } else if c.is_ascii() {
            } else if c.is_control() {
                score -= 5;
            } else if c.is_alphabetic() {
                if ('\u{400}'..='\u{4ff}').contains(&c) {
                    cyrillic = true;
                } else {
                    latin = true;
                }
                // Icelandic letters are rare in a Dutch register; Turkish ğ, ş read as them.
                score += if matches!(c, 'ð' | 'Ð' | 'þ' | 'Þ') {
                    -1
                } else {
                    1
                };
            } else {
                score -= 3;
            }
        }
        if latin && cyrillic {
            score -= 3;
        }
    }
    score
}

/// The Windows code page `id` (one of [`LEGACY`]).
fn legacy_encoding(id: &str) -> &'static encoding_rs::Encoding {
    encoding_rs::Encoding::for_label(id.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252)
}

fn decode(bytes: &[u8], file: &str, wanted: Option<&str>) -> Result<Decoded> {
    let unicode = |text: std::borrow::Cow<'_, str>, name: &str| Decoded {
        text: text.into_owned(),
        encoding: name.to_string(),
        choices: Vec::new(),
    };
    if let Some(id) = wanted {
        let legacy = LEGACY
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(id.trim()));
        let Some(&(label_id, label)) = legacy else {
            return Err(Error::said(
                file,
                "err.import.encoding",
                [
                    ("encoding", id.into()),
                    ("choices", LEGACY.map(|(l, _)| l).join(", ").as_str().into()),
                ],
            ));
        };
        let encoding = legacy_encoding(label_id);
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: label.to_string(),
            choices: legacy_choices(bytes),
        });
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Error::said(
                file,
                "err.import.badText",
                [("encoding", encoding.name().into())],
            ));
        }
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 met BOM",
            "UTF-16LE" => "UTF-16 (Excel 'Unicode-tekst')",
            _ => "UTF-16 (big-endian)",
        };
        return Ok(unicode(text, name));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(unicode(text, "UTF-16 zonder BOM"));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(unicode(text.into(), "UTF-8"));
    }
    // A single-byte encoding: the most plausible reading of the words that tell them
    // apart (the first of equals), the whole file decoded once in it, the others offered.
    let words = foreign_words(bytes, 10_000);
    let mut best = (i64::MIN, 0);
    for (n, (id, _)) in LEGACY.iter().enumerate() {
        let score = plausibility(&words, legacy_encoding(id));
        if score > best.0 {
            best = (score, n);
        }
    }
    let (id, label) = LEGACY[best.1];
    let (text, _) = legacy_encoding(id).decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: label.to_string(),
        choices: legacy_choices(bytes),
    })
}

fn legacy_choices(bytes: &[u8]) -> Vec<EncodingChoice> {
    // The first four words that differ between readings show each reading.
    let words = foreign_words(bytes, 4);
    LEGACY
        .iter()
        .map(|(id, label)| EncodingChoice {
            id: (*id).to_string(),
            label: (*label).to_string(),
            example: words
                .iter()
                .map(|w| legacy_encoding(id).decode_without_bom_handling(w).0)
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// `;`, `,` or a tab, whichever the header line has most of outside quotes.
fn detect_separator(text: &str) -> u8 {
    let mut in_quotes = false;
    let (mut semi, mut comma, mut tab) = (0, 0, 0);
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => break,
            ';' if !in_quotes => semi += 1,
            ',' if !in_quotes => comma += 1,
            '\t' if !in_quotes => tab += 1,
            _ => {}
        }
    }
    if tab > semi && tab > comma {
        b'\t'
    } else if comma > semi {
        b','
    } else {
        b';'
    }
}

/// A cell as read: trimmed, and without the `'` an export puts before text that a
/// spreadsheet would otherwise take for a formula (see `documents::export::neutral`).
fn cell(value: &str) -> String {
    let v = value.trim();
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => v.to_string(),
    }
}

fn cell_too_long(file: &str, line: u64, column: usize, chars: usize) -> Error {
    Error::said(
        file,
        "err.import.cellTooLong",
        [
            ("line", (line as usize).into()),
            ("column", (column + 1).into()),
            ("chars", chars.into()),
            ("max", MAX_CELL_CHARS.into()),
        ],
    )
}

fn too_many_rows(file: &str) -> Error {
    Error::said(file, "err.import.tooManyRows", [("max", MAX_ROWS.into())])
}

fn too_many_columns(file: &str, line: u64, columns: usize) -> Error {
    Error::said(
        file,
        "err.import.tooManyColumns",
        [
            ("line", (line as usize).into()),
            ("columns", columns.into()),
            ("max", MAX_COLUMNS.into()),
        ],
    )
}

fn read_csv(bytes: &[u8], file: &str, encoding: Option<&str>) -> Result<Table> {
    let Decoded {
        text,
        encoding,
        choices,
    } = decode(bytes, file, encoding)?;
    // Excel writes CRLF; one line end keeps line numbers exact (and line breaks inside
    // quoted fields plain).
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let bad = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        Error::said(
            file,
            "err.import.csv",
            [
                ("line", (line as usize).into()),
                ("why", e.to_string().into()),
            ],
        )
    };
    let checked = |line: u64, record: &csv::StringRecord| -> Result<Vec<String>> {
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns(file, line, record.len()));
        }
        record
            .iter()
            .enumerate()
            .map(|(c, f)| {
                // Bytes bound characters from above: count only when it could matter.
                if f.len() > MAX_CELL_CHARS && f.chars().count() > MAX_CELL_CHARS {
                    Err(cell_too_long(file, line, c, f.chars().count()))
                } else {
                    Ok(cell(f))
                }
            })
            .collect()
    };
    let headers = checked(1, reader.headers().map_err(bad)?)?;
    if headers.iter().all(String::is_empty) {
        return Err(Error::said(file, "err.import.noHeader", []));
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(bad)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many_rows(file));
        }
        rows.push((line as u32, checked(line, &record)?));
    }
    Ok(Table {
        encoding,
        encodings: choices,
        separator: if separator == b'\t' {
            "tab".into()
        } else {
            (separator as char).to_string()
        },
        sheets: Vec::new(),
        sheet: None,
        headers,
        rows,
    })
}

// ---------------------------------------------------------------------------------------
// Spreadsheets

/// A cell as text the way the person sees it: whole numbers without ".0", booleans as
/// Excel shows them in Dutch.
fn cell_text(value: calamine::Data) -> String {
    use calamine::Data;
    match value {
        Data::Empty => String::new(),
        Data::String(s) => cell(&s),
        Data::Bool(true) => "WAAR".into(),
        Data::Bool(false) => "ONWAAR".into(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        other => other.to_string().trim().to_string(),
    }
}

/// "XFD1048576" for row 1048575, column 16383 (both from 0).
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// Reads every entry of the zip once, counting what it really decompresses to (a size an
/// entry declares can lie), so that nothing calamine later reads can exceed the limits.
fn check_zip(bytes: &[u8], file: &str) -> Result<()> {
    let not_xlsx = |why: String| Error::said(file, "err.import.xlsx", [("why", why.into())]);
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(e.to_string()))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(Error::said(
            file,
            "err.import.zipEntries",
            [("parts", zip.len().into()), ("max", MAX_ZIP_ENTRIES.into())],
        ));
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| not_xlsx(e.to_string()))?;
        let name = entry
            .name()
            .map_or_else(|_| format!("#{i}"), |n| n.to_string());
        let over = || {
            Error::said(
                file,
                "err.import.zipEntry",
                [
                    ("entry", name.as_str().into()),
                    ("max", megabytes(MAX_ZIP_ENTRY_BYTES).into()),
                ],
            )
        };
        if entry.size() > MAX_ZIP_ENTRY_BYTES {
            return Err(over());
        }
        let shared = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut read = 0u64;
        let mut strings = 0u64;
        let mut tail = [0u8; 3];
        let mut head = Vec::new();
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(not_xlsx(format!("{name}: {e}"))),
            };
            read += n as u64;
            if read > MAX_ZIP_ENTRY_BYTES {
                return Err(over());
            }
            if shared {
                if head.len() < 4096 {
                    head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
                }
                // Every string starts with `<si>`, `<si ` or a prefixed `:si>`; the three
                // bytes before the chunk catch one split across two reads.
                let mut joined = tail.to_vec();
                joined.extend_from_slice(&buf[..n]);
                strings += joined
                    .windows(4)
                    .filter(|w| {
                        (w[0] == b'<' || w[0] == b':')
                            && &w[1..3] == b"si"
                            && (w[3] == b'>' || w[3] == b' ')
                    })
                    .count() as u64;
                let keep = joined.len() - 3;
                tail.copy_from_slice(&joined[keep..]);
            }
        }
        total += read;
        if total > MAX_ZIP_TOTAL_BYTES {
            return Err(Error::said(
                file,
                "err.import.zipTotal",
                [("max", megabytes(MAX_ZIP_TOTAL_BYTES).into())],
            ));
        }
        if shared {
            // calamine reserves room for the count the file declares.
            let declared = declared_count(&head);
            if strings > MAX_SHARED_STRINGS || declared > MAX_SHARED_STRINGS {
                return Err(Error::said(
                    file,
                    "err.import.zipStrings",
                    [
                        ("entry", name.as_str().into()),
                        ("max", (MAX_SHARED_STRINGS as usize).into()),
                    ],
                ));
            }
        }
    }
    Ok(())
}

/// The larger of `count` and `uniqueCount` on the `<sst>` element (0 if absent).
fn declared_count(head: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("sst") else {
        return 0;
    };
    let element = &text[start..text[start..].find('>').map_or(text.len(), |e| start + e)];
    let mut most = 0u64;
    for key in ["uniqueCount=", "count="] {
        let mut rest = element;
        while let Some(at) = rest.find(key) {
            let value = rest[at + key.len()..].trim_start_matches(['"', '\'']);
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            // Anything too long to parse is far over the limit.
            most = most.max(digits.parse().unwrap_or(u64::MAX));
            rest = &rest[at + key.len()..];
        }
    }
    most
}

fn read_xlsx(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Table> {
    use calamine::Reader;
    check_zip(bytes, file)?;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::said(file, "err.import.xlsx", [("why", e.to_string().into())]))?;
    let sheets = book.sheet_names();
    let name = match sheet {
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::said(file, "err.import.noSheets", []))?,
        Some(wanted) => sheets
            .iter()
            .find(|s| s.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                Error::said(
                    file,
                    "err.import.noSheet",
                    [
                        ("sheet", wanted.into()),
                        ("choices", sheets.join(", ").into()),
                    ],
                )
            })?,
    };
    let unreadable = |e: calamine::XlsxError| {
        Error::said(
            file,
            "err.import.sheetUnreadable",
            [
                ("sheet", name.as_str().into()),
                ("why", e.to_string().into()),
            ],
        )
    };
    // Cells are streamed; a row is kept only when it has something in it, and no cell is
    // placed beyond the limits (a sheet's declared dimensions are never allocated).
    let mut lines: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    {
        let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(c) = cells.next_cell().map_err(unreadable)? {
            let (row, column) = c.get_position();
            let text = cell_text(calamine::Data::from(c.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            if column as usize >= MAX_COLUMNS || row as usize > MAX_ROWS + 1_000 {
                return Err(Error::said(
                    file,
                    "err.import.cellOutside",
                    [
                        ("sheet", name.as_str().into()),
                        ("cell", cell_name(row, column).into()),
                        ("rows", MAX_ROWS.into()),
                        ("columns", MAX_COLUMNS.into()),
                    ],
                ));
            }
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(cell_too_long(
                    file,
                    u64::from(row) + 1,
                    column as usize,
                    chars,
                ));
            }
            if !lines.contains_key(&row) && lines.len() > MAX_ROWS {
                return Err(too_many_rows(file));
            }
            let line = lines.entry(row).or_default();
            let column = column as usize;
            if line.len() <= column {
                line.resize(column + 1, String::new());
            }
            line[column] = text;
        }
    }
    let mut lines = lines.into_iter().map(|(r, cells)| (r + 1, cells));
    // The header is the first row with something in it.
    let headers = lines.next().map(|(_, row)| row).ok_or_else(|| {
        Error::said(
            file,
            "err.import.sheetEmpty",
            [("sheet", name.as_str().into())],
        )
    })?;
    let rows: Vec<_> = lines.collect();
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows(file));
    }
    Ok(Table {
        encoding: "Excel (.xlsx)".into(),
        encodings: Vec::new(),
        separator: String::new(),
        sheets,
        sheet: Some(name),
        headers,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_excel_s() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 27), "AB10");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "Voornaam\tAchternaam\r\nYılmaz\tŁukasiewicz\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = read_table(&bytes, "u.txt", None, None).expect("read");
        assert_eq!(t.separator, "tab");
        assert!(t.encoding.starts_with("UTF-16"), "{}", t.encoding);
        assert_eq!(t.headers, ["Voornaam", "Achternaam"]);
        assert_eq!(t.rows[0].1, ["Yılmaz", "Łukasiewicz"]);
        assert!(t.encodings.is_empty());
        // The same without its byte order mark.
        let t = read_table(&bytes[2..], "u.txt", None, None).expect("read");
        assert_eq!(t.rows[0].1, ["Yılmaz", "Łukasiewicz"]);
    }

    #[test]
    fn a_single_byte_file_offers_its_readings_and_takes_the_chosen_one() {
        let (polish, _, _) =
            encoding_rs::WINDOWS_1250.encode("Voornaam;Achternaam\nŁukasz;Wróbel\n");
        let t = read_table(&polish, "p.csv", None, None).expect("read");
        assert!(t.encoding.starts_with("Windows-1250"), "{}", t.encoding);
        assert_eq!(t.rows[0].1, ["Łukasz", "Wróbel"]);
        let w1252 = t
            .encodings
            .iter()
            .find(|c| c.id == "windows-1252")
            .expect("1252");
        assert_eq!(w1252.example, "£ukasz, Wróbel");

        let (turkish, _, _) =
            encoding_rs::WINDOWS_1254.encode("Voornaam;Achternaam\nYıldız;Doğan\n");
        let t = read_table(&turkish, "t.csv", None, None).expect("read");
        let w1254 = t
            .encodings
            .iter()
            .find(|c| c.id == "windows-1254")
            .expect("1254");
        assert_eq!(w1254.example, "Yıldız, Doğan");
        let t = read_table(&turkish, "t.csv", None, Some("windows-1254")).expect("read");
        assert_eq!(t.rows[0].1, ["Yıldız", "Doğan"]);
        assert!(t.encoding.starts_with("Windows-1254"));

        let e = read_table(&turkish, "t.csv", None, Some("ebcdic")).expect_err("unknown");
        assert!(e.to_string().contains("windows-1250"), "{e}");
    }

    #[test]
    fn an_export_s_formula_guard_is_taken_off_on_reading() {
        let t =
            read_table(b"Naam;Org\n'=Jansen;'+31\n'gewoon;x\n", "f.csv", None, None).expect("read");
        assert_eq!(t.rows[0].1, ["=Jansen", "+31"]);
        assert_eq!(t.rows[1].1, ["'gewoon", "x"]);
    }

    #[test]
    fn limits_refuse_the_whole_file_naming_where() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        let e = read_table(&big, "groot.csv", None, None).expect_err("size");
        assert!(e.to_string().contains("50,0 MB"), "{e}");

        let mut wide = String::from("a");
        for _ in 0..MAX_COLUMNS {
            wide.push_str(";a");
        }
        let e = read_table(wide.as_bytes(), "breed.csv", None, None).expect_err("cols");
        assert!(e.to_string().contains("200"), "{e}");

        let long = format!("Voornaam\n{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        let e = read_table(long.as_bytes(), "lang.csv", None, None).expect_err("cell");
        assert!(e.to_string().contains("regel 2"), "{e}");
    }

    #[test]
    fn declared_string_counts_are_read_from_the_sst_element() {
        assert_eq!(
            declared_count(br#"<?xml?><sst xmlns="x" count="12" uniqueCount="7">"#),
            12
        );
        assert_eq!(
            declared_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            u64::MAX
        );
        assert_eq!(declared_count(b"<other/>"), 0);
    }
}

//! A small `.xlsx` writer: sheets of text and numbers, a bold, frozen header row and column
//! widths. An `.xlsx` is a zip of XML parts; this writes the few that Excel and LibreOffice
//! need (inline strings, one style for the header).

use crate::domain::error::{Error, Result};
use std::io::Write;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::from(s.as_str())
    }
}

pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn column(mut n: usize) -> String {
    let mut s = Vec::new();
    n += 1;
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 does not allow most control characters, nor U+FFFE and U+FFFF (a
            // workbook with one is refused by Excel as damaged).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
    for row in &sheet.rows {
        for (i, cell) in row.iter().enumerate() {
            let len = match cell {
                Cell::Text(t) => t.chars().count(),
                Cell::Number(n) => n.to_string().len(),
                Cell::Empty => 0,
            };
            if i >= widths.len() {
                widths.resize(i + 1, 0);
            }
            widths[i] = widths[i].max(len);
        }
    }
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#,
    );
    for (i, w) in widths.iter().enumerate() {
        x.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
            (*w).clamp(6, 60) + 2,
            n = i + 1
        ));
    }
    x.push_str("</cols><sheetData>");
    let mut row_xml = |r: usize, cells: &mut dyn Iterator<Item = (usize, Cell)>, style: &str| {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in cells {
            let reference = format!("{}{}", column(c), r + 1);
            match cell {
                Cell::Text(t) => x.push_str(&format!(
                    r#"<c r="{reference}" t="inlineStr"{style}><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(&t)
                )),
                Cell::Number(n) => {
                    x.push_str(&format!(r#"<c r="{reference}"{style}><v>{n}</v></c>"#));
                }
                Cell::Empty => {}
            }
        }
        x.push_str("</row>");
    };
    let header = sheet.header.iter().map(|h| Cell::from(h.as_str()));
    row_xml(0, &mut header.enumerate(), r#" s="1""#);
    for (r, row) in sheet.rows.iter().enumerate() {
        row_xml(r + 1, &mut row.iter().cloned().enumerate(), "");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// The workbook's bytes.
pub fn write(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let fail =
        |e: &dyn std::fmt::Display| Error::Internal(format!("Excel-bestand maken mislukt: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: &str| -> Result<()> {
        zip.start_file(name, opts).map_err(|e| fail(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| fail(&e))
    };
    let n = sheets.len();
    part(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{}</Types>"#,
            (1..=n)
                .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
                .collect::<String>()
        ),
    )?;
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    )?;
    part(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{}</sheets></workbook>"#,
            sheets
                .iter()
                .enumerate()
                .map(|(i, s)| format!(
                    r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
                    escape(&s.name.chars().take(31).collect::<String>()),
                    n = i + 1
                ))
                .collect::<String>()
        ),
    )?;
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
            (1..=n)
                .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
                .collect::<String>(),
            n + 1
        ),
    )?;
    part(
        "xl/styles.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>"#,
    )?;
    for (i, sheet) in sheets.iter().enumerate() {
        part(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &sheet_xml(sheet),
        )?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn a_workbook_reads_back() {
        use calamine::Reader;
        let bytes = write(&[Sheet {
            name: "Deelnemers".into(),
            header: vec!["Naam".into(), "Aantal".into()],
            rows: vec![
                vec![Cell::from("Zoë <de> Vries & co"), Cell::Number(2.5)],
                vec![Cell::Empty, Cell::Number(3.0)],
            ],
        }])
        .expect("xlsx");
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        assert_eq!(book.sheet_names(), ["Deelnemers"]);
        let range = book.worksheet_range("Deelnemers").expect("sheet");
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(rows[0], ["Naam", "Aantal"]);
        assert_eq!(rows[1], ["Zoë <de> Vries & co", "2.5"]);
        assert_eq!(rows[2], ["", "3"]);
    }
}

//! The .xlsx reader (the zip checks, then calamine) on any bytes that start as a zip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(data.len() + 4);
    if !data.starts_with(b"PK\x03\x04") {
        bytes.extend_from_slice(b"PK\x03\x04");
    }
    bytes.extend_from_slice(data);
    if let Ok(table) = balie_core::documents::table::read_table(&bytes, "f.xlsx", None, None) {
        assert!(table.rows.len() <= balie_core::documents::table::MAX_ROWS);
        for (_, row) in &table.rows {
            assert!(row.len() <= balie_core::documents::table::MAX_COLUMNS);
        }
    }
});

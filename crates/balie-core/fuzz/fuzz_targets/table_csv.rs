//! The CSV reader on any bytes: it reads them or refuses them with a message; it never
//! panics, and stays within the memory the fuzzer allows (`-rss_limit_mb`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the encoding asked for, as the preview's choice does.
    let (choice, bytes) = data.split_first().map_or((0, data), |(c, r)| (*c, r));
    let encoding = match choice % 4 {
        0 => None,
        1 => Some("windows-1250"),
        2 => Some("windows-1254"),
        _ => Some("iso-2022-jp"),
    };
    // Never the .xlsx path: that is the other target.
    if bytes.starts_with(b"PK\x03\x04") {
        return;
    }
    if let Ok(table) = balie_core::documents::table::read_table(bytes, "f.csv", None, encoding) {
        assert!(table.rows.len() <= balie_core::documents::table::MAX_ROWS);
        assert!(table.headers.len() <= balie_core::documents::table::MAX_COLUMNS);
    }
});

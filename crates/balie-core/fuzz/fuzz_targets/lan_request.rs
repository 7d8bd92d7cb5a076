//! The LAN request parser on arbitrary bytes: never a panic, never more memory than the
//! limits allow, and what it returns keeps to them.
#![no_main]

use balie_core::wire::lan::{body_limit, parse_request, BadRequest, MAX_HEAD};
use libfuzzer_sys::fuzz_target;
use std::io::BufReader;

fuzz_target!(|data: &[u8]| {
    let mut reader = BufReader::new(data);
    let mut told = None;
    match parse_request(&mut reader, |_, length| told = Some(length)) {
        Ok(r) => {
            let limit = body_limit(&r.method, &r.path).expect("a known path");
            assert!(r.body.len() <= limit);
            assert_eq!(told, Some(r.body.len()));
            assert!(r.method.len() + r.path.len() <= MAX_HEAD);
        }
        Err(BadRequest::TooLarge | BadRequest::UnknownPath) => assert!(told.is_none()),
        Err(_) => {}
    }
});

//! Between desks: sealed bundles, key codes, HTTP framing, pairing, discovery.

pub mod backup;
pub mod discovery;
pub mod lan;
pub mod pairing;
pub mod sync;

//! The members' meeting's model: members, weights, and the statute rules that derive
//! presence, proxies and quorum from the events.

pub mod model;
pub(crate) mod rules;
pub mod weight;

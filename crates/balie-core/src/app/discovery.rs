//! The desk's side of `wire::discovery`: what it reads from and writes to this desk's database.

use crate::app::Balie;
use crate::domain::error::Result;
use crate::wire::discovery::*;

impl Balie {
    /// Starts [`start`] for this desk listening on `listening` (`ip:port` as bound).
    pub fn discover(
        &self,
        listening: &str,
        found: impl Fn(&str, String) + Send + 'static,
    ) -> Result<Discovery> {
        let addr: std::net::SocketAddr = listening
            .parse()
            .map_err(|_| unavailable(&format!("'{listening}' is geen ip:poort")))?;
        let name = self.app_info()?.desk_name;
        start(
            &self.store().desk().desk_id,
            &name,
            addr,
            &self.discovery_tag()?,
            found,
        )
    }

    /// The tag desks of this congress advertise: 16 hex digits from the congress key.
    pub fn discovery_tag(&self) -> Result<String> {
        let key = self.key()?;
        Ok(crate::wire::sync::hex(
            &crate::wire::sync::hmac(&key, b"balie: elkaar vinden (mDNS)")[..8],
        ))
    }
}

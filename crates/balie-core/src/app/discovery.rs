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
            self.discovery_key()?,
            found,
        )
    }

    /// The key that proves an advertisement, derived from the congress key (never the key
    /// itself; it proves, it does not encrypt).
    pub fn discovery_key(&self) -> Result<[u8; 32]> {
        Ok(crate::wire::sync::hmac(
            &self.key()?,
            b"balie: elkaar vinden (mDNS), versie 2",
        ))
    }
}

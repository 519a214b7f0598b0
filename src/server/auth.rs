//! The bearer token that SPARQL updates must carry (`Authorization: Bearer TOKEN`).
//!
//! ```
//! use newsgraph::server::auth::{BearerToken, Denied};
//! let token = BearerToken::new("s3cret").unwrap();
//! assert_eq!(token.check(Some("Bearer s3cret")), Ok(()));
//! assert_eq!(token.check(None), Err(Denied::Missing));
//! assert_eq!(token.check(Some("Bearer guess")), Err(Denied::Wrong));
//! ```

use std::path::Path;

use crate::error::{Error, Result};

/// A secret token, compared in constant time.
#[derive(Clone)]
pub struct BearerToken {
    secret: Vec<u8>,
}

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(…)")
    }
}

/// Why a request is not allowed to update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// No bearer token was sent (HTTP 401).
    Missing,
    /// A token was sent, but not the right one (HTTP 403).
    Wrong,
}

impl BearerToken {
    /// A token; `None` when it is empty or holds characters a header cannot carry.
    pub fn new(secret: &str) -> Option<Self> {
        let ok = !secret.is_empty() && secret.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| BearerToken { secret: secret.as_bytes().to_vec() })
    }

    /// Reads the token from a file (its first line, without surrounding white space).
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let first = text.lines().next().unwrap_or("").trim();
        BearerToken::new(first).ok_or_else(|| {
            Error::Usage(format!(
                "{}: the token must be one line of printable ASCII without spaces, and not empty",
                path.display()
            ))
        })
    }

    /// Checks an `Authorization` header.
    pub fn check(&self, authorization: Option<&str>) -> Result<(), Denied> {
        let given = authorization
            .and_then(|a| a.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().as_bytes())
            .ok_or(Denied::Missing)?;
        // the same work whatever the first differing byte
        let mut diff = given.len() ^ self.secret.len();
        for (i, s) in self.secret.iter().enumerate() {
            diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ s);
        }
        if diff == 0 {
            Ok(())
        } else {
            Err(Denied::Wrong)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_checks_scheme_and_token() {
        let token = BearerToken::new("abc").unwrap();
        assert_eq!(token.check(Some("bearer abc")), Ok(()));
        assert_eq!(token.check(Some("Basic abc")), Err(Denied::Missing));
        assert_eq!(token.check(Some("Bearer ab")), Err(Denied::Wrong));
        assert_eq!(token.check(Some("Bearer abcd")), Err(Denied::Wrong));
        assert_eq!(token.check(Some("Bearer ")), Err(Denied::Missing));
        assert!(BearerToken::new("").is_none());
        assert!(BearerToken::new("a b").is_none());
    }

    #[test]
    fn auth_token_from_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "  t0ken \n").unwrap();
        assert_eq!(BearerToken::from_file(&path).unwrap().check(Some("Bearer t0ken")), Ok(()));
        std::fs::write(&path, "\n").unwrap();
        assert!(BearerToken::from_file(&path).is_err());
    }
}

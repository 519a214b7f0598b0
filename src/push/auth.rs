//! Credentials a push sends: HTTP basic (`--auth user:password`) or a bearer token
//! (`--token-file`).
//!
//! ```
//! use newsgraph::push::Auth;
//! let auth = Auth::basic("dba:s3cret:x").unwrap();
//! assert_eq!(auth.header(), "Basic ZGJhOnMzY3JldDp4");
//! assert!(Auth::basic("no-colon").is_err());
//! assert_eq!(Auth::bearer("t0ken").unwrap().header(), "Bearer t0ken");
//! ```

use std::path::Path;

use base64::Engine;

use crate::error::{Error, Result};

/// How the remote store is told who pushes.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// HTTP basic authentication.
    Basic {
        /// The user name (no `:`).
        user: String,
        /// The password.
        password: String,
    },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic { user, .. } => write!(f, "Basic({user}:…)"),
            Auth::Bearer(_) => f.write_str("Bearer(…)"),
        }
    }
}

impl Auth {
    /// Basic authentication from `user:password` (split at the first `:`).
    pub fn basic(user_password: &str) -> Result<Self> {
        match user_password.split_once(':') {
            Some((user, password)) if !user.is_empty() => {
                Ok(Auth::Basic { user: user.to_owned(), password: password.to_owned() })
            }
            _ => Err(Error::Usage("--auth takes USER:PASSWORD".into())),
        }
    }

    /// A bearer token: one word of printable ASCII.
    pub fn bearer(token: &str) -> Result<Self> {
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Usage(
                "the token must be one line of printable ASCII without spaces, and not empty".into(),
            ));
        }
        Ok(Auth::Bearer(token.to_owned()))
    }

    /// A bearer token read from the first line of a file (without surrounding white space).
    pub fn bearer_from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Auth::bearer(text.lines().next().unwrap_or("").trim())
            .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))
    }

    /// The value of the `Authorization` header.
    pub fn header(&self) -> String {
        match self {
            Auth::Basic { user, password } => {
                format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
            }
            Auth::Bearer(token) => format!("Bearer {token}"),
        }
    }
}

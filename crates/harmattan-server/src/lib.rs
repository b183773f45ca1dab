//! harmattan-server: the HTTP API and dashboard. Not built yet: see issue 6.

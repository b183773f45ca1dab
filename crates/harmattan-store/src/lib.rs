//! harmattan-store: the event store (SQLite now, PostgreSQL later). Not built yet: see issue 5.

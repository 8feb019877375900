-- The OCOP register (*.ocop-register, one per office, in the data folder): every product recognised
-- at 3★ or more, across sessions and years, and the history of its ratings (issue 18).
-- Applied by src/register/store.rs; version in PRAGMA user_version, PRAGMA application_id marks it.
-- Every table is STRICT. Text is stored NFC. Dates are YYYY-MM-DD.

-- One row per (product, producer): `identity` is domain::register::identity_key. Its facts are
-- those of its newest rating (by decision date); an older rating added later changes nothing here.
CREATE TABLE product (
    id              INTEGER PRIMARY KEY,
    identity        TEXT NOT NULL UNIQUE,
    product         TEXT NOT NULL CHECK (product <> ''),
    product_group   TEXT NOT NULL,
    producer        TEXT NOT NULL,
    entity_type     TEXT NOT NULL,
    commune         TEXT NOT NULL,
    address         TEXT NOT NULL,
    stars           INTEGER NOT NULL CHECK (stars BETWEEN 3 AND 5),
    decision_number TEXT NOT NULL,
    decision_date   TEXT NOT NULL,
    authority       TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    -- why the recognition was revoked; NULL while it stands
    revoked         TEXT,
    note            TEXT NOT NULL
) STRICT;

-- Every rating a product had. `session` is the locked session file's fingerprint, '' for a rating
-- taken from an office's spreadsheet register (then `source` names the file).
CREATE TABLE rating (
    id              INTEGER PRIMARY KEY,
    product         INTEGER NOT NULL REFERENCES product(id),
    session         TEXT NOT NULL,
    source          TEXT NOT NULL,
    date            TEXT NOT NULL,
    mean            TEXT,
    stars           INTEGER NOT NULL CHECK (stars BETWEEN 3 AND 5),
    decision_number TEXT NOT NULL,
    decision_date   TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    UNIQUE (product, session, decision_number, decision_date)
) STRICT;
CREATE INDEX rating_by_session ON rating (session);

-- Append-only, as the session file's: what changed, when, by whom, why.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('create', 'migrate', 'session_added', 'imported', 'revoked')),
    subject TEXT,
    old     TEXT,
    new     TEXT,
    reason  TEXT
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ocop: the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ocop: the audit log is append-only'); END;

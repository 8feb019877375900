-- The session file (*.ocop): one SQLite database per council meeting.
-- Applied by src/store/migrate.rs to a new file; an older file is brought here step by step.
-- The version lives in PRAGMA user_version; PRAGMA application_id marks the file as ours.
-- Every table is STRICT. Text is stored NFC.

CREATE TABLE session (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    title            TEXT NOT NULL,
    ruleset          TEXT NOT NULL,
    criteria_set     TEXT NOT NULL,
    authority        TEXT NOT NULL,
    province         TEXT NOT NULL,
    council_decision TEXT NOT NULL,
    meeting_date     TEXT NOT NULL,
    meeting_place    TEXT NOT NULL,
    spread_limit     INTEGER NOT NULL CHECK (spread_limit BETWEEN 0 AND 100),
    quorum_num       INTEGER NOT NULL CHECK (quorum_num >= 0),
    quorum_den       INTEGER NOT NULL CHECK (quorum_den > 0 AND quorum_num <= quorum_den),
    chair_required   INTEGER NOT NULL CHECK (chair_required IN (0, 1)),
    decimals         INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 4),
    created_at       TEXT NOT NULL,
    locked_at        TEXT,
    locked_by        TEXT,
    lock_fingerprint TEXT,
    -- 1: a sheet counts only after its read-back check; since version 5
    check_required   INTEGER NOT NULL DEFAULT 0 CHECK (check_required IN (0, 1))
) STRICT;

-- Since version 5, the facts a minutes records ("" = not known yet), in one row (absent until set):
-- opening and closing time (HH:MM), who chairs and who keeps the minutes (member ids), who signs for
-- the authority. A table of its own, so the session row (and what reads it by position) is unchanged.
CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    opened          TEXT NOT NULL,
    closed          TEXT NOT NULL,
    chair           TEXT NOT NULL,
    secretary       TEXT NOT NULL,
    signer_name     TEXT NOT NULL,
    signer_title    TEXT NOT NULL,
    signer_capacity TEXT NOT NULL CHECK (signer_capacity IN ('', 'tm', 'kt'))
) STRICT;

-- Since version 5: the invited guests, in the order the minutes lists them.
CREATE TABLE guest (
    ord      INTEGER PRIMARY KEY CHECK (ord >= 0),
    name     TEXT NOT NULL,
    position TEXT NOT NULL
) STRICT;

-- Since version 5: "Nơi nhận" of each document ("decision", "forward", …), line by line.
CREATE TABLE recipient (
    document TEXT NOT NULL,
    ord      INTEGER NOT NULL CHECK (ord >= 0),
    text     TEXT NOT NULL,
    PRIMARY KEY (document, ord)
) STRICT;

-- The exact rules and criteria this session is scored with: a later change to an installed set
-- never changes an old session's results.
CREATE TABLE snapshot (
    kind   TEXT PRIMARY KEY CHECK (kind IN ('criteria', 'ruleset')),
    id     TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    json   TEXT NOT NULL
) STRICT;

CREATE TABLE member (
    id       TEXT PRIMARY KEY,
    ord      INTEGER NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    position TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'secretary')),
    present  INTEGER NOT NULL CHECK (present IN (0, 1)),
    scores   INTEGER NOT NULL CHECK (scores IN (0, 1))
) STRICT;

-- Since version 5: how a member is addressed ('ong' / 'ba', NULL = not given) and why an absent
-- member is absent; a row only for a member who has either.
CREATE TABLE member_facts (
    member         TEXT PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    honorific      TEXT CHECK (honorific IN ('ong', 'ba')),
    absence_reason TEXT NOT NULL
) STRICT;

CREATE TABLE dossier (
    code           TEXT PRIMARY KEY,
    ord            INTEGER NOT NULL UNIQUE,
    product        TEXT NOT NULL,
    sheet          INTEGER NOT NULL CHECK (sheet >= 1),
    producer       TEXT NOT NULL,
    entity_type    TEXT NOT NULL CHECK (entity_type IN ('htx', 'tht', 'dn', 'ho', 'other')),
    representative TEXT NOT NULL,
    address        TEXT NOT NULL,
    phone          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('new', 'upgrade', 'rerate')),
    self_score     INTEGER CHECK (self_score BETWEEN 0 AND 100),
    eliminated     TEXT,
    current_round  INTEGER NOT NULL DEFAULT 1 CHECK (current_round >= 1),
    -- product + producer folded for Vietnamese search (lower case, no accents, đ → d); since version 2
    search_key     TEXT NOT NULL DEFAULT '',
    -- the council's discussion and conclusion on the product, for the minutes; since version 5
    conclusion     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE recusal (
    dossier TEXT NOT NULL REFERENCES dossier(code) ON DELETE CASCADE,
    member  TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    PRIMARY KEY (dossier, member)
) STRICT;

CREATE TABLE score_sheet (
    id        INTEGER PRIMARY KEY,
    dossier   TEXT NOT NULL REFERENCES dossier(code) ON DELETE CASCADE,
    member    TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    round     INTEGER NOT NULL CHECK (round >= 1),
    comment   TEXT NOT NULL DEFAULT '',
    submitted INTEGER NOT NULL CHECK (submitted IN (0, 1)),
    -- leaf criterion code → chosen option (1-based, 0 = none), as a JSON object; since version 2
    -- (version 1 kept one row per choice: ~200,000 rows at province scale, whose reading alone was
    -- 45% of the instructions of a `results` call, measured with callgrind)
    choices   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(choices) AND json_type(choices) = 'object'),
    -- where the sheet is in its life (domain::sheet_status::SheetStatus); since version 5.
    -- `submitted` stays as "counts", and always agrees with the status.
    status    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'checked', 'reopened')
                  AND submitted = (status IN ('submitted', 'checked'))),
    UNIQUE (dossier, member, round)
) STRICT;

CREATE TABLE resolution (
    dossier    TEXT NOT NULL REFERENCES dossier(code) ON DELETE CASCADE,
    round      INTEGER NOT NULL CHECK (round >= 1),
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (dossier, round)
) STRICT;

-- Append-only: what changed, old → new, when, by whom, why. The action is one of a fixed set of
-- words (domain::audit::AuditAction); what it was done to is in columns of its own (all NULL for
-- the whole session), never a sentence.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'migrate', 'attendance', 'choice', 'submit', 'comment',
                  'recusal', 'import', 'dossier_added', 'dossier_updated', 'attached', 'dossier', 'eliminate',
                  'round', 'resolution', 'lock', 'reopen', 'sheets_discarded', 'sheet_reopened', 'sheet_checked',
                  'check_required', 'session_edited', 'member_added', 'member_edited', 'member_removed', 'link_issued',
                  'device_paired', 'device_revoked')),
    dossier   TEXT,
    member    TEXT,
    round     INTEGER CHECK (round >= 1),
    criterion TEXT,
    old       TEXT,
    new       TEXT,
    reason    TEXT
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ocop: the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ocop: the audit log is append-only'); END;

-- Since version 6: each scoring member's link for scoring on their own device (src/lan, docs/lan.md):
-- the link's secret key (base64url, >= 128 bits; never in the audit log or the exchange document) and
-- the device it is bound to (NULL until first use). Not part of the record: no lock triggers, and
-- the fingerprint does not read it.
CREATE TABLE lan_link (
    member    TEXT PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    secret    TEXT NOT NULL CHECK (length(secret) >= 22),
    device    TEXT,
    issued_at TEXT NOT NULL
) STRICT;

-- Dossier attachments, content-addressed and de-duplicated.
CREATE TABLE blob (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    data   BLOB NOT NULL
) STRICT;

CREATE TABLE attachment (
    dossier TEXT NOT NULL REFERENCES dossier(code) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    sha256  TEXT NOT NULL REFERENCES blob(sha256),
    PRIMARY KEY (dossier, name)
) STRICT;

-- Once locked, the schema itself refuses changes to what the results stand on.
CREATE TRIGGER session_locked BEFORE UPDATE ON session
WHEN OLD.locked_at IS NOT NULL AND (
    NEW.title IS NOT OLD.title OR NEW.ruleset IS NOT OLD.ruleset OR NEW.criteria_set IS NOT OLD.criteria_set
    OR NEW.authority IS NOT OLD.authority OR NEW.province IS NOT OLD.province
    OR NEW.council_decision IS NOT OLD.council_decision OR NEW.meeting_date IS NOT OLD.meeting_date
    OR NEW.meeting_place IS NOT OLD.meeting_place OR NEW.spread_limit IS NOT OLD.spread_limit
    OR NEW.quorum_num IS NOT OLD.quorum_num OR NEW.quorum_den IS NOT OLD.quorum_den
    OR NEW.chair_required IS NOT OLD.chair_required OR NEW.decimals IS NOT OLD.decimals
    OR NEW.created_at IS NOT OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER session_no_delete BEFORE DELETE ON session
BEGIN SELECT RAISE(ABORT, 'ocop: the session row cannot be deleted'); END;
CREATE TRIGGER snapshot_locked_insert BEFORE INSERT ON snapshot
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER snapshot_locked_update BEFORE UPDATE ON snapshot
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER snapshot_locked_delete BEFORE DELETE ON snapshot
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_locked_insert BEFORE INSERT ON member
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_locked_update BEFORE UPDATE ON member
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_locked_delete BEFORE DELETE ON member
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER dossier_locked_insert BEFORE INSERT ON dossier
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER dossier_locked_update BEFORE UPDATE ON dossier
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER dossier_locked_delete BEFORE DELETE ON dossier
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recusal_locked_insert BEFORE INSERT ON recusal
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recusal_locked_update BEFORE UPDATE ON recusal
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recusal_locked_delete BEFORE DELETE ON recusal
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER score_sheet_locked_insert BEFORE INSERT ON score_sheet
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER score_sheet_locked_update BEFORE UPDATE ON score_sheet
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER score_sheet_locked_delete BEFORE DELETE ON score_sheet
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER resolution_locked_insert BEFORE INSERT ON resolution
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER resolution_locked_update BEFORE UPDATE ON resolution
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER resolution_locked_delete BEFORE DELETE ON resolution
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER attachment_locked_insert BEFORE INSERT ON attachment
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER attachment_locked_update BEFORE UPDATE ON attachment
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER attachment_locked_delete BEFORE DELETE ON attachment
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
-- Since version 4: an attachment's bytes are part of the record as much as its row.
CREATE TRIGGER blob_locked_insert BEFORE INSERT ON blob
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER blob_locked_update BEFORE UPDATE ON blob
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER blob_locked_delete BEFORE DELETE ON blob
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
-- Since version 5: the meeting facts are part of the record.
CREATE TRIGGER meeting_locked_insert BEFORE INSERT ON meeting
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER meeting_locked_update BEFORE UPDATE ON meeting
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER meeting_locked_delete BEFORE DELETE ON meeting
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_facts_locked_insert BEFORE INSERT ON member_facts
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_facts_locked_update BEFORE UPDATE ON member_facts
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER member_facts_locked_delete BEFORE DELETE ON member_facts
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER guest_locked_insert BEFORE INSERT ON guest
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER guest_locked_update BEFORE UPDATE ON guest
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER guest_locked_delete BEFORE DELETE ON guest
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recipient_locked_insert BEFORE INSERT ON recipient
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recipient_locked_update BEFORE UPDATE ON recipient
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
CREATE TRIGGER recipient_locked_delete BEFORE DELETE ON recipient
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
-- Since version 4: the lock row is part of the record. Only the store's lock and reopen change it,
-- each right after appending its audit row (src/store/lock.rs): locking needs the last audit row to
-- be that `lock` with the same time, author and fingerprint; reopening needs it to be the `reopen`
-- that names the fingerprint being reopened. So the row always agrees with the audit trail.
CREATE TRIGGER session_lock_columns BEFORE UPDATE OF locked_at, locked_by, lock_fingerprint ON session
WHEN (NEW.locked_at IS NOT OLD.locked_at OR NEW.locked_by IS NOT OLD.locked_by
      OR NEW.lock_fingerprint IS NOT OLD.lock_fingerprint)
  AND NOT (OLD.locked_at IS NULL AND OLD.locked_by IS NULL AND OLD.lock_fingerprint IS NULL
      AND EXISTS (SELECT 1 FROM audit_log WHERE id = (SELECT max(id) FROM audit_log) AND action = 'lock'
          AND at = NEW.locked_at AND actor = NEW.locked_by AND new = NEW.lock_fingerprint))
  AND NOT (OLD.locked_at IS NOT NULL
      AND NEW.locked_at IS NULL AND NEW.locked_by IS NULL AND NEW.lock_fingerprint IS NULL
      AND EXISTS (SELECT 1 FROM audit_log WHERE id = (SELECT max(id) FROM audit_log) AND action = 'reopen'
          AND old IS OLD.lock_fingerprint))
BEGIN SELECT RAISE(ABORT, 'ocop: only lock and reopen change the lock'); END;
-- One session row, written once and unlocked: `INSERT OR REPLACE` deletes without firing the
-- delete trigger, so a second insert is refused before it happens.
CREATE TRIGGER session_one_row BEFORE INSERT ON session
WHEN EXISTS (SELECT 1 FROM session)
  OR NEW.locked_at IS NOT NULL OR NEW.locked_by IS NOT NULL OR NEW.lock_fingerprint IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ocop: the session row is written once, unlocked'); END;
-- Since version 5: the read-back setting is part of what the results stand on.
CREATE TRIGGER session_check_required_locked BEFORE UPDATE OF check_required ON session
WHEN OLD.locked_at IS NOT NULL AND NEW.check_required IS NOT OLD.check_required
BEGIN SELECT RAISE(ABORT, 'ocop: session is locked'); END;
-- Since version 7: the recognition decision the authority issues after the meeting (its number and
-- date), from which the certificates run. Recorded only on locked results, and not part of what
-- they stand on: the fingerprint does not read it, so recording it after the lock changes nothing
-- the signed paper carries. Recording it again (a correction) replaces it; the audit log keeps both.
CREATE TABLE recognition (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    number      TEXT NOT NULL CHECK (number <> ''),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER recognition_needs_lock_insert BEFORE INSERT ON recognition
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NULL
BEGIN SELECT RAISE(ABORT, 'ocop: a recognition decision needs locked results'); END;
CREATE TRIGGER recognition_needs_lock_update BEFORE UPDATE ON recognition
WHEN (SELECT locked_at FROM session WHERE id = 1) IS NULL
BEGIN SELECT RAISE(ABORT, 'ocop: a recognition decision needs locked results'); END;

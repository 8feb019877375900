//! Why a session document breaks a rule of the exchange format, as data: the JSON path of the
//! offending value and what is wrong with it. `crate::lang` says it in either language; `Display`
//! is the Vietnamese the command line prints. Quoted values are already cut to an excerpt.

/// A session that breaks a rule, with the JSON path of the offending value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub path: String,
    pub problem: Problem,
}

impl std::error::Error for Invalid {}

/// What is wrong at the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    // The document as a whole.
    /// `format` is not a format this version reads.
    WrongFormat,
    /// A `/1` document that records meeting facts, which `/1` has no place for.
    FactsInFirstFormat,
    UnsupportedFormat(String),
    MissingFormat,
    /// serde's own words (English) for a value of the wrong shape.
    Shape(String),
    /// A date that is not one (`crate::lang` says it; serde would only have had its Vietnamese).
    NotADate(crate::domain::date::DateError),
    /// A quorum that is not a fraction (as `NotADate`).
    NotAFraction(crate::domain::ruleset::FractionError),
    /// A meeting time that is not HH:MM (as `NotADate`).
    NotATime(crate::domain::facts::TimeError),
    NoSuchRuleset {
        id: String,
        known: String,
    },
    CriteriaNotInstalled(String),
    /// A control or bidi character (its code point) in a text.
    ForbiddenChar(u32),
    KeyTooLong {
        length: usize,
        max: usize,
    },
    /// A text value longer than any name, address or comment of a session needs.
    TextTooLong {
        length: usize,
        max: usize,
    },
    DuplicateKey(String),
    // Settings.
    TooManyDecimals(u32),
    SpreadOver100,
    // Members and meeting facts.
    EmptyMemberId,
    DuplicateMemberId(String),
    EmptyName,
    SecondChair,
    NoSuchMember(String),
    EmptyGuestName,
    EmptyDocumentName,
    // Dossiers.
    EmptyDossierCode,
    DuplicateDossierCode(String),
    EmptyProduct,
    EmptyProducer,
    SheetNotInSet {
        sheet: u32,
        set: String,
    },
    SelfScoreOver100,
    EmptyElimination,
    RecusedTwice(String),
    RoundZero,
    RoundOverMax {
        round: u32,
        max: u32,
    },
    RoundBelowScored {
        round: u32,
        scored: u32,
    },
    // Score sheets.
    NoSuchDossier(String),
    NotAScorer(String),
    Recused {
        member: String,
        dossier: String,
    },
    DuplicateSheet {
        member: String,
        dossier: String,
        round: u32,
    },
    NoSuchSheet(u32),
    NoSuchCriterion {
        sheet: u32,
        code: String,
    },
    NoSuchOption {
        choice: u8,
        options: usize,
    },
    DraftChecked,
    SubmittedIncomplete(String),
    // The audit trail and resolutions.
    AuditNeedsTime,
    NoSuchRound {
        dossier: String,
        round: u32,
    },
    EmptyResolution,
    DuplicateResolution {
        dossier: String,
        round: u32,
    },
}

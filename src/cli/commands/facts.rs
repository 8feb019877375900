//! Correcting the session's facts and its council (issue 13.3/13.4): `edit`, `member`,
//! `attendance`. Every value is checked before the file is opened for writing, so bad input
//! changes nothing; the store refuses a locked session.

use super::print;
use crate::cli::args::{EditFacts, MemberAction, Presence};
use crate::cli::error::{CliError, naming_file};
use crate::domain::facts::{ClockTime, Guest, Honorific, SignCapacity, Signer};
use crate::domain::session::{Member, Role, SessionInfo};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

fn usage(message: String) -> CliError {
    CliError::Usage(message)
}

/// "" clears a time; anything else must be HH:MM.
fn time(option: &str, text: &str) -> Result<Option<ClockTime>, CliError> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(|e| usage(format!("{option}: {e}"))),
    }
}

fn some_text(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// `--guest "NAME|POSITION"`… as the whole list; a lone "" means no guests.
fn guests(given: &[String]) -> Result<Vec<Guest>, CliError> {
    if given.len() == 1 && given[0].trim().is_empty() {
        return Ok(vec![]);
    }
    given
        .iter()
        .map(|g| {
            let (name, position) = g.split_once('|').unwrap_or((g, ""));
            match name.trim() {
                "" => Err(usage(format!("--guest: «{g}» cần họ tên trước dấu |"))),
                name => Ok(Guest { name: name.to_string(), position: position.trim().to_string() }),
            }
        })
        .collect()
}

fn capacity(text: &str) -> Result<Option<SignCapacity>, CliError> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "tm" => Ok(Some(SignCapacity::Tm)),
        "kt" => Ok(Some(SignCapacity::Kt)),
        _ => Err(usage(format!("--signer-capacity: «{text}» không hợp lệ; cần tm hoặc kt"))),
    }
}

/// Applies the options given to the session's heading; returns whether any was given.
fn apply(edit: &EditFacts, info: &mut SessionInfo) -> Result<bool, CliError> {
    let mut given = false;
    let mut set = |field: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            *field = v.trim().to_string();
            given = true;
        }
    };
    set(&mut info.title, &edit.title);
    set(&mut info.authority, &edit.authority);
    set(&mut info.province, &edit.province);
    set(&mut info.council_decision, &edit.council_decision);
    set(&mut info.meeting_place, &edit.place);
    let facts = &mut info.facts;
    if let Some(date) = &edit.date {
        info.meeting_date = crate::domain::date::from_text(date.trim()).map_err(|e| usage(format!("--date: {e}")))?;
        given = true;
    }
    for (option, value, field) in
        [("--opened", &edit.opened, &mut facts.opened), ("--closed", &edit.closed, &mut facts.closed)]
    {
        if let Some(v) = value {
            *field = time(option, v)?;
            given = true;
        }
    }
    for (value, field) in [(&edit.chair, &mut facts.chair), (&edit.secretary, &mut facts.secretary)] {
        if let Some(v) = value {
            *field = some_text(v);
            given = true;
        }
    }
    if !edit.guest.is_empty() {
        facts.guests = guests(&edit.guest)?;
        given = true;
    }
    given |= apply_signer(edit, &mut facts.signer)?;
    given |= apply_recipients(&edit.recipient, &mut facts.recipients)?;
    Ok(given)
}

fn apply_signer(edit: &EditFacts, signer: &mut Option<Signer>) -> Result<bool, CliError> {
    if edit.signer_name.is_none() && edit.signer_title.is_none() && edit.signer_capacity.is_none() {
        return Ok(false);
    }
    let mut s = signer.take().unwrap_or_default();
    if let Some(name) = &edit.signer_name {
        s.name = name.trim().to_string();
    }
    if let Some(title) = &edit.signer_title {
        s.title = title.trim().to_string();
    }
    if let Some(c) = &edit.signer_capacity {
        s.capacity = capacity(c)?;
    }
    if s.name.is_empty() && (!s.title.is_empty() || s.capacity.is_some()) {
        return Err(usage("--signer-name: người ký cần họ tên (hoặc xóa cả chức danh, cách ký)".into()));
    }
    *signer = (!s.name.is_empty()).then_some(s);
    Ok(true)
}

/// `--recipient DOC=TEXT`…: each document named gets exactly the lines given for it ("DOC=": none).
fn apply_recipients(
    given: &[String],
    recipients: &mut std::collections::BTreeMap<String, Vec<String>>,
) -> Result<bool, CliError> {
    let mut replaced: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in given {
        let Some((doc, text)) = r.split_once('=').filter(|(doc, _)| !doc.trim().is_empty()) else {
            return Err(usage(format!("--recipient: «{r}» cần dạng VĂN_BẢN=NƠI_NHẬN, ví dụ decision=\"Như Điều 3\"")));
        };
        let lines = replaced.entry(doc.trim().to_string()).or_default();
        lines.extend(some_text(text));
    }
    let any = !replaced.is_empty();
    for (doc, lines) in replaced {
        if lines.is_empty() {
            recipients.remove(&doc);
        } else {
            recipients.insert(doc, lines);
        }
    }
    Ok(any)
}

/// What is still missing for the documents, as one line (empty when nothing is).
pub(super) fn missing_line(session: &crate::domain::Session) -> String {
    use crate::lang::{Lang, Say};
    let missing: Vec<String> = crate::domain::facts::missing_facts(session).iter().map(|f| f.say(Lang::Vi)).collect();
    missing.join(", ")
}

/// `edit FILE [--title …] …`: the facts given replace those of the session, audited one by one.
pub fn edit(edit: &EditFacts, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let file = &edit.file;
    let mut store = Store::open(file)?;
    let mut info = store.read_session()?.session;
    if !apply(edit, &mut info)? {
        return Err(usage("«edit» cần ít nhất một thông tin để sửa, ví dụ --place \"Hội trường UBND\"".into()));
    }
    let changed = store.edit_session_facts(actor, &info).map_err(naming_file(file))?;
    let session = store.read_session()?;
    store.close()?;
    let missing = missing_line(&session);
    let note = if missing.is_empty() { String::new() } else { format!("Tài liệu còn thiếu: {missing}.\n") };
    print(out, &format!("Đã sửa {changed} thông tin của {} (ghi vào nhật ký).\n{note}", file.display()))
}

/// The options of `member`.
pub struct MemberFields {
    pub name: Option<String>,
    pub honorific: Option<String>,
    pub position: Option<String>,
    pub role: Option<String>,
    pub scores: Option<String>,
}

fn honorific(text: &str) -> Result<Option<Honorific>, CliError> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "ông" | "ong" => Ok(Some(Honorific::Ong)),
        "bà" | "ba" => Ok(Some(Honorific::Ba)),
        _ => Err(usage(format!("--honorific: «{text}» không hợp lệ; cần ông hoặc bà"))),
    }
}

fn role(text: &str) -> Result<Role, CliError> {
    match text.trim().to_lowercase().replace('-', "_").as_str() {
        "chair" => Ok(Role::Chair),
        "vice_chair" => Ok(Role::ViceChair),
        "member" => Ok(Role::Member),
        "secretary" => Ok(Role::Secretary),
        _ => Err(usage(format!("--role: «{text}» không hợp lệ; cần chair, vice_chair, member hoặc secretary"))),
    }
}

fn yes_no(text: &str) -> Result<bool, CliError> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "có" => Ok(true),
        "no" | "không" => Ok(false),
        _ => Err(usage(format!("--scores: «{text}» không hợp lệ; cần yes hoặc no"))),
    }
}

/// The fields given applied to `m`.
fn apply_member(fields: &MemberFields, m: &mut Member) -> Result<bool, CliError> {
    let mut given = false;
    if let Some(name) = &fields.name {
        m.name = name.trim().to_string();
        given = true;
    }
    if let Some(position) = &fields.position {
        m.position = position.trim().to_string();
        given = true;
    }
    if let Some(h) = &fields.honorific {
        m.honorific = honorific(h)?;
        given = true;
    }
    if let Some(r) = &fields.role {
        m.role = role(r)?;
        given = true;
    }
    if let Some(s) = &fields.scores {
        m.scores = yes_no(s)?;
        given = true;
    }
    Ok(given)
}

/// `member FILE add|edit|remove ID [--name …] …`.
pub fn member(
    file: &Path,
    action: MemberAction,
    id: &str,
    fields: MemberFields,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = id.trim();
    let mut m = Member {
        id: id.to_string(),
        name: String::new(),
        position: String::new(),
        role: Role::Member,
        present: true,
        scores: true,
        honorific: None,
        absence_reason: String::new(),
    };
    let said = match action {
        MemberAction::Add => {
            apply_member(&fields, &mut m)?;
            if m.name.is_empty() {
                return Err(usage("«member add» cần --name \"họ tên\"".into()));
            }
            let mut store = Store::open(file)?;
            store.add_member(actor, &m).map_err(naming_file(file))?;
            store.close()?;
            format!("Đã thêm thành viên «{id}» ({}) vào {}.\n", m.name, file.display())
        }
        MemberAction::Edit => {
            let mut store = Store::open(file)?;
            let session = store.read_session()?;
            let Some(current) = session.member(id) else {
                return Err(naming_file(file)(crate::store::StoreError::UnknownMember { id: id.into() }));
            };
            let mut m = current.clone();
            if !apply_member(&fields, &mut m)? {
                return Err(usage("«member edit» cần ít nhất một thông tin để sửa, ví dụ --name \"họ tên\"".into()));
            }
            let changed = store.edit_member(actor, &m).map_err(naming_file(file))?;
            store.close()?;
            format!("Đã sửa {changed} thông tin của thành viên «{id}» trong {}.\n", file.display())
        }
        MemberAction::Remove => {
            if apply_member(&fields, &mut m)? {
                return Err(usage(
                    "«member remove» không nhận --name, --honorific, --position, --role, --scores".into(),
                ));
            }
            let mut store = Store::open(file)?;
            store.remove_member(actor, id).map_err(naming_file(file))?;
            store.close()?;
            format!("Đã bớt thành viên «{id}» khỏi {}.\n", file.display())
        }
    };
    print(out, &said)
}

/// `attendance FILE ID present|absent [--reason …]`.
pub fn attendance(
    file: &Path,
    id: &str,
    state: Presence,
    reason: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let present = state == Presence::Present;
    if present && reason.is_some() {
        return Err(usage("«attendance … present» không nhận --reason (lý do chỉ dành cho người vắng)".into()));
    }
    let mut store = Store::open(file)?;
    store.set_attendance(actor, id.trim(), present, reason.unwrap_or("")).map_err(naming_file(file))?;
    store.close()?;
    let word = if present { "có mặt" } else { "vắng" };
    print(out, &format!("Đã ghi «{}» {word} trong {}.\n", id.trim(), file.display()))
}

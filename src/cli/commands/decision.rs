//! `decision FILE --number … --date …`: the recognition decision issued after the meeting (issue 18).

use super::print;
use crate::cli::error::{CliError, naming_file};
use crate::domain::Date;
use crate::domain::fingerprint;
use crate::domain::register::RecognitionDecision;
use crate::lang::vi;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

pub fn decision(file: &Path, number: &str, date: &str, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    if number.trim().is_empty() {
        return Err(CliError::Usage("«decision» cần --number \"số quyết định công nhận\"".into()));
    }
    let date: Date = date.parse().map_err(|e| CliError::Usage(format!("--date: {e}")))?;
    let mut store = Store::open(file)?;
    let meeting = store.read_session()?.session.meeting_date;
    if let Some(meeting) = meeting.filter(|m| date < *m) {
        return Err(CliError::Refused(format!(
            "{}: --date {}: quyết định công nhận không thể trước ngày họp {}",
            file.display(),
            vi::date(date),
            vi::date(meeting)
        )));
    }
    let decision = RecognitionDecision { number: number.trim().to_string(), date };
    store.record_decision(&decision, actor).map_err(naming_file(file))?;
    let fp = store.lock_info()?.map(|l| fingerprint::short(&l.fingerprint)).unwrap_or_default();
    store.close()?;
    print(
        out,
        &format!(
            "Đã ghi quyết định công nhận số {} ngày {} vào {}. Dấu vân tay không đổi: {fp}\n",
            decision.number,
            vi::date(date),
            file.display()
        ),
    )
}

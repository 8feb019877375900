//! `register rerate NEW.ocop [--on D] [--ruleset ID] [--written]`: a re-rating session whose
//! dossiers are the products due on the day (issue 18.4); the session is planned by
//! `register::rerate`, as the window's Register tab does.

use super::{full_catalog, print};
use crate::cli::error::CliError;
use crate::domain::Date;
use crate::register::rerate::plan;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// What `rerate` is asked besides the file and the day.
pub struct Options<'a> {
    pub ruleset: Option<&'a str>,
    pub written: bool,
    /// An earlier session whose council members (all taking part) and authority the new one takes.
    pub council: Option<&'a Path>,
}

pub fn rerate(file: &Path, day: Date, options: Options<'_>, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let Options { ruleset, written, council } = options;
    let products = super::register::products()?;
    let (catalog, _) = full_catalog()?;
    let earlier = match council {
        Some(path) => Some(Store::open_shared(path)?.read_session()?),
        None => None,
    };
    let options = crate::register::rerate::Options { ruleset, written, council: earlier.as_ref() };
    let planned = plan(&products, day, options, &catalog)?;
    Store::create(file, &planned.session, planned.criteria, planned.ruleset, actor)?;
    print(
        out,
        &format!(
            "Đã tạo {}: phiên đánh giá lại {} sản phẩm, {} thành viên (quy tắc {}){}\n",
            file.display(),
            planned.session.dossiers.len(),
            planned.session.members.len(),
            planned.ruleset.id,
            if written {
                "; thành viên gửi phiếu bằng văn bản, chỉ họp khi điểm chênh lệch quá mức"
            } else {
                ""
            }
        ),
    )
}

//! `register rerate NEW.ocop [--on D] [--ruleset ID] [--written]`: a re-rating session whose
//! dossiers are the products due on the day (issue 18.4).

use super::{full_catalog, print};
use crate::cli::error::CliError;
use crate::domain::Date;
use crate::domain::register::rerate::{rerate_dossiers, written_opinion};
use crate::domain::register::{DueState, due_list, identity_key};
use crate::domain::session::{Session, SessionInfo};
use crate::lang::vi;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// Under QĐ 26/2026 the province re-rates; a written-opinion session is that ruleset's way.
const WRITTEN_RULESET: &str = "qd26-2026-tinh";

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
    let due: Vec<String> = due_list(&products, day)
        .into_iter()
        .filter(|i| i.status != DueState::Expired)
        .map(|i| identity_key(&i.product, &i.producer))
        .collect();
    let chosen: Vec<_> =
        due.iter().filter_map(|k| products.iter().find(|p| identity_key(&p.product, &p.producer) == *k)).collect();
    if chosen.is_empty() {
        return Err(CliError::Refused(format!("ngày {}: không có sản phẩm nào đến hạn đánh giá lại", vi::date(day))));
    }
    let (catalog, _) = full_catalog()?;
    let id = ruleset.unwrap_or(if written { WRITTEN_RULESET } else { crate::catalog::DEFAULT_RULESET });
    let rs = catalog.ruleset(id).ok_or_else(|| {
        CliError::Refused(format!("--ruleset: không có quy tắc «{id}»; có: {}", catalog.ruleset_ids().join(", ")))
    })?;
    let criteria = catalog.criteria.first().ok_or_else(|| CliError::Internal("không có bộ tiêu chí nào".into()))?;
    let (title, settings) = if written {
        ("Đánh giá lại sản phẩm OCOP bằng ý kiến bằng văn bản", written_opinion(rs.defaults))
    } else {
        ("Đánh giá lại sản phẩm OCOP đến hạn", rs.defaults)
    };
    let mut session =
        Session::empty(SessionInfo::new(format!("{title} (ngày {})", vi::date(day)), rs, criteria, settings));
    session.dossiers = rerate_dossiers(chosen.iter().copied(), criteria);
    if let Some(earlier) = council {
        let earlier = Store::open_shared(earlier)?.read_session()?;
        session.session.authority = earlier.session.authority;
        session.session.province = earlier.session.province;
        session.members = earlier
            .members
            .into_iter()
            .map(|m| crate::domain::session::Member { present: true, absence_reason: String::new(), ..m })
            .collect();
    }
    Store::create(file, &session, criteria, rs, actor)?;
    print(
        out,
        &format!(
            "Đã tạo {}: phiên đánh giá lại {} sản phẩm, {} thành viên (quy tắc {}){}\n",
            file.display(),
            session.dossiers.len(),
            session.members.len(),
            rs.id,
            if written {
                "; thành viên gửi phiếu bằng văn bản, chỉ họp khi điểm chênh lệch quá mức"
            } else {
                ""
            }
        ),
    )
}

//! `register …`: the office's OCOP register (issue 18) — entering a locked session, importing the
//! spreadsheet register, the due list, the product list, statistics and certificates.

use super::print;
use crate::cli::error::CliError;
use crate::cli::register_args::RegisterCommand;
use crate::domain::Date;
use crate::domain::register::stats::{GroupBy, statistics};
use crate::domain::register::{DueState, RegisteredProduct, due_list};
use crate::lang::vi;
use crate::register::{Register, RegisterError, default_path, from_session};
use crate::store::Store;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

impl From<RegisterError> for CliError {
    fn from(e: RegisterError) -> Self {
        if e.is_refusal() { CliError::Refused(e.to_string()) } else { CliError::Internal(e.to_string()) }
    }
}

pub fn execute(command: RegisterCommand, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        RegisterCommand::Add { file } => add(&file, actor, out),
        RegisterCommand::Import { file, dry_run } => import(&file, dry_run, actor, out),
        RegisterCommand::List { json } => list(json, out),
        RegisterCommand::History { product, producer, json } => {
            super::register_docs::history(&product, producer.as_deref(), json, out)
        }
        RegisterCommand::Due { on, json } => due(day(on.as_deref())?, json, out),
        RegisterCommand::Stats { on, by, json, xlsx, pdf } => {
            let by = match by.as_deref() {
                None => GroupBy::Year,
                Some(word) => GroupBy::parse(word)
                    .ok_or_else(|| CliError::Usage(format!("--by «{word}»: cần year, stars, group hoặc commune")))?,
            };
            let exports = super::register_docs::Exports { xlsx: xlsx.as_deref(), pdf: pdf.as_deref() };
            stats(day(on.as_deref())?, by, json, exports, out)
        }
        RegisterCommand::Certificates { file, out: dir } => super::register_docs::certificates(&file, &dir, out),
        RegisterCommand::Revoke { product, producer, reason } => {
            let mut register = open_register()?;
            register.revoke(&product, &producer, &reason, actor)?;
            register.close()?;
            print(out, &format!("Đã thu hồi công nhận «{product}» của «{producer}». Lý do đã được ghi vào nhật ký.\n"))
        }
        RegisterCommand::Rerate { file, on, ruleset, written, council } => {
            let options = super::rerate::Options { ruleset: ruleset.as_deref(), written, council: council.as_deref() };
            super::rerate::rerate(&file, day(on.as_deref())?, options, actor, out)
        }
    }
}

/// The day asked (`--on`), or today.
fn day(on: Option<&str>) -> Result<Date, CliError> {
    match on {
        Some(text) => text.parse().map_err(|e| CliError::Usage(format!("--on: {e}"))),
        None => today(),
    }
}

pub fn today() -> Result<Date, CliError> {
    crate::register::today().ok_or_else(|| CliError::Internal("đồng hồ máy không cho ngày hôm nay".into()))
}

pub fn open_register() -> Result<Register, CliError> {
    Ok(Register::open(&default_path())?)
}

/// The products the register holds, read once.
pub fn products() -> Result<Vec<RegisteredProduct>, CliError> {
    let register = open_register()?;
    let products = register.products()?;
    register.close()?;
    Ok(products)
}

pub fn json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Internal(e.to_string()))?;
    print(out, &(text + "\n"))
}

/// `register add FILE`: a locked session with its decision; again changes nothing.
fn add(file: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    from_session::check_intact(file)?;
    let store = Store::open_shared(file)?;
    let loaded = store.load()?;
    let decision = store.decision()?;
    drop(store);
    let shown = file.display().to_string();
    let entries = from_session::entries(&loaded, decision.as_ref(), &shown)?;
    let fingerprint = loaded.lock.as_ref().map(|l| l.fingerprint.clone()).unwrap_or_default();
    let mut register = open_register()?;
    let counts = register.enter(&entries, "session_added", &fingerprint, actor)?;
    register.close()?;
    print(
        out,
        &format!(
            "{shown}: {} sản phẩm được công nhận — vào sổ mới {}, cập nhật {}, đã có trong sổ {}\n",
            entries.len(),
            counts.added,
            counts.updated,
            counts.unchanged
        ),
    )
}

/// `register import X [--dry-run]`: the whole file or nothing; the register is not even opened
/// when a row is bad.
fn import(file: &Path, dry_run: bool, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let entries = crate::register::import::read(file)?;
    let mut preview = format!("{}: {} dòng sản phẩm đọc được\n", file.display(), entries.len());
    for e in entries.iter().take(20) {
        let p = &e.product;
        let _ = writeln!(
            preview,
            "  {} — {} · {} sao · QĐ {} ngày {} · hiệu lực đến {}",
            p.product,
            p.producer,
            p.stars,
            p.decision_number,
            vi::date(p.decision_date),
            vi::date(p.valid_until)
        );
    }
    if entries.len() > 20 {
        let _ = writeln!(preview, "  … và {} dòng nữa", entries.len() - 20);
    }
    if dry_run {
        return print(out, &(preview + "(--dry-run: chưa ghi gì vào sổ)\n"));
    }
    let mut register = open_register()?;
    let subject = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let counts = register.enter(&entries, "imported", &subject, actor)?;
    register.close()?;
    let _ = writeln!(
        preview,
        "Đã nhập: vào sổ mới {}, cập nhật {}, đã có trong sổ {}",
        counts.added, counts.updated, counts.unchanged
    );
    print(out, &preview)
}

/// `register list [--json]`: every product with its standing today, in the register's order (by
/// product, then producer, in Vietnamese alphabetical order).
fn list(as_json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let mut products = products()?;
    crate::domain::register::sort_in_register_order(&mut products);
    let today = today()?;
    if as_json {
        let rows: Vec<serde_json::Value> = products
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(p).unwrap_or_default();
                v["status"] = p.status(today).as_str().into();
                v
            })
            .collect();
        return json(&rows, out);
    }
    let mut text = format!("Sổ theo dõi: {} sản phẩm\n", products.len());
    for p in &products {
        let _ = writeln!(
            text,
            "{} — {} · {} sao · {} · hiệu lực đến {} · {}",
            p.product,
            p.producer,
            p.stars,
            p.commune,
            vi::date(p.valid_until),
            vi_status(p.status(today).as_str())
        );
    }
    print(out, &text)
}

fn vi_status(status: &str) -> &'static str {
    match status {
        "valid" => "còn hiệu lực",
        "due" => "đến hạn đánh giá lại",
        "expired" => "hết hiệu lực",
        _ => "đã thu hồi",
    }
}

/// `register due [--on D] [--json]`.
fn due(day: Date, as_json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let products = products()?;
    let items = due_list(&products, day);
    if as_json {
        return json(&items, out);
    }
    let mut text = format!("Ngày {}: {} sản phẩm đến hạn đánh giá lại hoặc hết hiệu lực\n", vi::date(day), items.len());
    for i in &items {
        let state = match i.status {
            DueState::Open => format!("trong hạn nộp hồ sơ (đến {})", vi::date(i.window_closes)),
            DueState::Late => "quá hạn nộp hồ sơ (QĐ 26/2026: chậm nhất 120 ngày trước khi hết hiệu lực)".into(),
            DueState::Expired => "đã hết hiệu lực".into(),
        };
        let notice = if i.notice_30_days { " · QĐ 148: còn dưới 30 ngày, cần thông báo" } else { "" };
        let _ = writeln!(
            text,
            "{} — {} · {} sao · hiệu lực đến {} ({} ngày) · {state}{notice}",
            i.product,
            i.producer,
            i.stars,
            vi::date(i.valid_until),
            i.days_left
        );
    }
    print(out, &text)
}

/// `register stats [--on D] [--by …] [--json] [--xlsx X] [--pdf X]`.
fn stats(
    day: Date,
    by: GroupBy,
    as_json: bool,
    exports: super::register_docs::Exports<'_>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let products = products()?;
    let stats = statistics(&products, day, by);
    super::register_docs::export_stats(&stats, &exports)?;
    if as_json {
        return json(&stats, out);
    }
    let mut text = format!("Ngày {}: {}\n", vi::date(day), crate::report::register::summary_sentence(&stats));
    let _ = writeln!(
        text,
        "Tổng số trong sổ {} · còn hiệu lực {} · đến hạn đánh giá lại {} · hết hiệu lực {} · đã thu hồi {}",
        stats.total, stats.valid, stats.due, stats.expired, stats.revoked
    );
    for g in &stats.groups {
        let stars: Vec<String> = g.valid_by_stars.iter().map(|(s, n)| format!("{s}★ {n}")).collect();
        let _ = writeln!(
            text,
            "  {}: {} ({})",
            if g.key.is_empty() { "(không rõ)" } else { &g.key },
            g.valid,
            stars.join(", ")
        );
    }
    print(out, &text)
}

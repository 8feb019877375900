//! Editable copies (.xlsx) of the summary table and the results: numbers as numbers, so the office
//! can sort and total them. The PDFs stay the signed record.

use super::Ctx;
use super::summary::{ABSENT, RECUSED, short_name};
use crate::domain::criteria::SheetIndex;
use crate::domain::scoring::sheet_total;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// A workbook dated from the session (the lock's time, or the meeting date for a draft), not the
/// clock: the same session gives the same bytes.
fn dated_workbook(ctx: &Ctx<'_>, title: &str) -> Result<Workbook, XlsxError> {
    let d: Vec<u32> = ctx.mark().created.chars().filter_map(|c| c.to_digit(10)).collect();
    let n = |from: usize, len: usize| d.iter().skip(from).take(len).fold(0, |acc, x| acc * 10 + x);
    let at = ExcelDateTime::from_ymd(n(0, 4) as u16, n(4, 2) as u8, n(6, 2) as u8)?.and_hms(
        n(8, 2) as u16,
        n(10, 2) as u8,
        n(12, 2),
    )?;
    let properties =
        DocProperties::new().set_title(title).set_author(super::layout::PRODUCER).set_creation_datetime(&at);
    let mut book = Workbook::new();
    book.set_properties(&properties);
    Ok(book)
}

fn cell_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    sheet.write_string(row, col, text).map(|_| ())
}

fn cell_opt(sheet: &mut Worksheet, row: u32, col: u16, v: Option<f64>) -> Result<(), XlsxError> {
    match v {
        Some(v) => sheet.write_number(row, col, v).map(|_| ()),
        None => cell_text(sheet, row, col, "–"),
    }
}

fn mean(p: &crate::domain::scoring::ProductResult) -> Option<f64> {
    p.mean.and_then(|m| m.to_string().parse().ok())
}

/// Products × members totals, mean, lowest, highest, spread, stars, decision.
pub fn summary(ctx: &Ctx<'_>) -> Result<Vec<u8>, String> {
    let s = &ctx.record.session;
    let mut book = dated_workbook(ctx, "Bảng tổng hợp điểm").map_err(|e| e.to_string())?;
    let sheet = book.add_worksheet();
    let fail = |e: XlsxError| e.to_string();
    sheet.set_name("Bảng tổng hợp").map_err(fail)?;
    let bold = Format::new().set_bold();
    cell_text(sheet, 0, 0, super::docx::EDITABLE_NOTE).map_err(fail)?;
    let mut head: Vec<String> = vec!["STT".into(), "Mã hồ sơ".into(), "Sản phẩm".into()];
    head.extend(s.members.iter().map(|m| short_name(&m.name)));
    head.extend(["Điểm TB", "Thấp", "Cao", "Chênh", "Hạng sao", "Kết quả"].map(String::from));
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, h, &bold).map_err(fail)?;
    }
    for (i, p) in ctx.results.products.iter().enumerate() {
        let Some(d) = s.dossier(&p.code) else { continue };
        let r = 3 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).map_err(fail)?;
        cell_text(sheet, r, 1, &p.code).map_err(fail)?;
        cell_text(sheet, r, 2, &d.product).map_err(fail)?;
        let index = ctx.record.criteria.sheet(d.sheet).map(SheetIndex::new);
        for (k, m) in s.members.iter().enumerate() {
            let col = 3 + k as u16;
            let sh = s.sheets.iter().find(|x| x.dossier == d.code && x.member == m.id && x.round == d.current_round());
            match (sh, &index) {
                _ if d.recused.contains(&m.id) => cell_text(sheet, r, col, RECUSED),
                _ if !m.present => cell_text(sheet, r, col, ABSENT),
                (Some(sh), Some(ix)) if !sh.draft => {
                    cell_opt(sheet, r, col, Some(f64::from(sheet_total(ix, sh).total)))
                }
                _ => cell_text(sheet, r, col, "–"),
            }
            .map_err(fail)?;
        }
        let c = 3 + s.members.len() as u16;
        cell_opt(sheet, r, c, mean(p)).map_err(fail)?;
        cell_opt(sheet, r, c + 1, p.min.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, c + 2, p.max.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, c + 3, p.spread.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, c + 4, p.stars.map(f64::from)).map_err(fail)?;
        cell_text(sheet, r, c + 5, crate::lang::vi::decision(p.decision)).map_err(fail)?;
    }
    let legend = 4 + ctx.results.products.len() as u32;
    let note = format!("{RECUSED}: thành viên không chấm sản phẩm này; {ABSENT}: vắng mặt.");
    cell_text(sheet, legend, 0, &note).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// One row per product: the results as `results --json` gives them, in Vietnamese headings.
pub fn results(ctx: &Ctx<'_>) -> Result<Vec<u8>, String> {
    let s = &ctx.record.session;
    let mut book = dated_workbook(ctx, "Kết quả đánh giá").map_err(|e| e.to_string())?;
    let sheet = book.add_worksheet();
    let fail = |e: XlsxError| e.to_string();
    sheet.set_name("Kết quả").map_err(fail)?;
    let bold = Format::new().set_bold();
    cell_text(sheet, 0, 0, super::docx::EDITABLE_NOTE).map_err(fail)?;
    let head = [
        "STT",
        "Mã hồ sơ",
        "Sản phẩm",
        "Chủ thể",
        "Vòng",
        "Số phiếu",
        "Điểm TB",
        "Thấp",
        "Cao",
        "Chênh",
        "Mức điểm",
        "Giới hạn sao",
        "Hạng sao",
        "Kết quả",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold).map_err(fail)?;
    }
    for (i, p) in ctx.results.products.iter().enumerate() {
        let r = 3 + i as u32;
        let d = s.dossier(&p.code);
        sheet.write_number(r, 0, (i + 1) as f64).map_err(fail)?;
        cell_text(sheet, r, 1, &p.code).map_err(fail)?;
        cell_text(sheet, r, 2, d.map(|d| d.product.as_str()).unwrap_or("")).map_err(fail)?;
        cell_text(sheet, r, 3, d.map(|d| d.producer.as_str()).unwrap_or("")).map_err(fail)?;
        sheet.write_number(r, 4, f64::from(p.round)).map_err(fail)?;
        sheet.write_number(r, 5, f64::from(p.counted_sheets)).map_err(fail)?;
        cell_opt(sheet, r, 6, mean(p)).map_err(fail)?;
        cell_opt(sheet, r, 7, p.min.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, 8, p.max.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, 9, p.spread.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, 10, p.band.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, 11, p.cap.map(f64::from)).map_err(fail)?;
        cell_opt(sheet, r, 12, p.stars.map(f64::from)).map_err(fail)?;
        cell_text(sheet, r, 13, crate::lang::vi::decision(p.decision)).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

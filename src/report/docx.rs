//! Editable copies (.docx) of the minutes, the draft decision and the forwarding letter, for the
//! office to adapt in Word or LibreOffice. The PDFs stay the signed record: each copy says so and
//! carries no fingerprint. A minimal WordprocessingML package written with the zip crate we already
//! have (four parts; no styles part, direct formatting only), deterministic: fixed part order and
//! the zip's 1980 timestamps.

use super::Ctx;
use super::decree30;
use crate::domain::scoring::{Decision, ProductResult};
use std::io::Write;

/// How a paragraph's lines are aligned: body text justified with its first line indented, titles
/// centred, lists (Nơi nhận, names) flush left.
#[derive(Clone, Copy, PartialEq)]
pub enum Jc {
    Justify,
    Center,
    Left,
    /// Centred in the right half of the page: the signer's block.
    Signature,
}

/// A paragraph (each of its lines a Word paragraph) or a table of the editable copy.
pub enum Block {
    Para { text: String, bold: bool, italic: bool, jc: Jc, size: u32 },
    Table(Vec<Vec<String>>),
}

pub const EDITABLE_NOTE: &str = "Bản có thể chỉnh sửa (không mang dấu vân tay phiên họp). Bản để ký và lưu là tệp PDF \
                                 do phần mềm tạo.";

fn para(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), bold: false, italic: false, jc: Jc::Justify, size: 13 }
}
fn bold_center(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), bold: true, italic: false, jc: Jc::Center, size: 13 }
}
fn italic(text: impl Into<String>, center: bool) -> Block {
    let jc = if center { Jc::Center } else { Jc::Justify };
    Block::Para { text: text.into(), bold: false, italic: true, jc, size: 12 }
}
fn list(text: impl Into<String>, bold: bool, size: u32) -> Block {
    Block::Para { text: text.into(), bold, italic: false, jc: Jc::Left, size }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn run(text: &str, bold: bool, italic: bool, size: u32) -> String {
    let mut props = String::from("<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>");
    if bold {
        props.push_str("<w:b/>");
    }
    if italic {
        props.push_str("<w:i/>");
    }
    props.push_str(&format!("<w:sz w:val=\"{}\"/></w:rPr>", size * 2));
    format!("<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(text))
}

/// Column widths of a table (twentieths of a point across the 165 mm text width): the results
/// tables' seven columns sized to what they hold, others evenly.
fn grid(columns: usize) -> Vec<u32> {
    const TEXT_WIDTH: u32 = 9355;
    let fractions: Vec<u32> = match columns {
        7 => vec![7, 15, 23, 23, 10, 9, 13],
        n => vec![100 / n.max(1) as u32; n],
    };
    fractions.iter().map(|f| TEXT_WIDTH * f / 100).collect()
}

fn block_xml(b: &Block) -> String {
    match b {
        Block::Para { text, bold, italic, jc, size } => {
            // One Word paragraph per line: a line ended by a break would be spread across a
            // justified paragraph (LibreOffice and Word both do).
            let lines: Vec<&str> = text.split('\n').collect();
            let last = lines.len() - 1;
            let (align, indent) = match jc {
                Jc::Justify => ("both", "<w:ind w:firstLine=\"720\"/>"),
                Jc::Center => ("center", ""),
                Jc::Left => ("left", ""),
                Jc::Signature => ("center", "<w:ind w:left=\"4677\"/>"),
            };
            let mut xml = String::new();
            for (i, line) in lines.iter().enumerate() {
                let after = if i == last { 120 } else { 0 };
                xml.push_str(&format!(
                    "<w:p><w:pPr><w:spacing w:after=\"{after}\"/>{indent}<w:jc w:val=\"{align}\"/></w:pPr>{}</w:p>",
                    run(line, *bold, *italic, *size)
                ));
            }
            xml
        }
        Block::Table(rows) => {
            let border = "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>\
                          <w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>\
                          <w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>";
            let widths = grid(rows.first().map_or(0, Vec::len));
            let cols: String = widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect();
            let mut xml = format!(
                "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>{border}</w:tblPr>\
                 <w:tblGrid>{cols}</w:tblGrid>"
            );
            for (i, row) in rows.iter().enumerate() {
                xml.push_str("<w:tr>");
                for (cell, w) in row.iter().zip(&widths) {
                    xml.push_str(&format!(
                        "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:after=\"0\"/>\
                         </w:pPr>{}</w:p></w:tc>",
                        run(cell, i == 0, false, 11)
                    ));
                }
                xml.push_str("</w:tr>");
            }
            xml + "</w:tbl>"
        }
    }
}

/// The .docx package of `blocks`, A4 with the Decree 30 margins.
pub fn write(blocks: &[Block]) -> Result<Vec<u8>, String> {
    let body: String = blocks.iter().map(block_xml).collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" \
         w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" \
        ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" \
        Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"word/document.xml\"/></Relationships>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", &document)] {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(content.as_bytes()).map_err(|e| e.to_string())?;
    }
    zip.finish().map(std::io::Cursor::into_inner).map_err(|e| e.to_string())
}

/// The two-column header flattened: issuing body, national motto, place and date.
fn head(ctx: &Ctx<'_>, number: &str) -> Vec<Block> {
    let s = &ctx.record.session.session;
    vec![
        italic(EDITABLE_NOTE, false),
        bold_center(format!(
            "{}\n{}",
            decree30::authority_lines(&s.authority).join("\n"),
            ctx.council().to_uppercase()
        )),
        bold_center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        italic(format!("{number}    {}", decree30::place_date(&ctx.record.session)), true),
    ]
}

fn stars(p: &ProductResult) -> String {
    p.stars.map(|n| format!("{n} sao")).unwrap_or_else(|| "–".into())
}

/// The results table: STT, code, product, producer, mean, stars, decision.
fn results_table(ctx: &Ctx<'_>, products: &[&ProductResult]) -> Block {
    let mut rows =
        vec![["STT", "Mã hồ sơ", "Sản phẩm", "Chủ thể", "Điểm TB", "Hạng", "Kết quả"].map(String::from).to_vec()];
    rows.extend(ctx.numbered_rows(products, |p, d| {
        vec![
            p.code.clone(),
            d.product.clone(),
            d.producer.clone(),
            Ctx::mean(p),
            stars(p),
            crate::lang::vi::decision(p.decision).to_string(),
        ]
    }));
    Block::Table(rows)
}

/// "Nơi nhận:" and its list, as the PDF gives it (dotted lines when none is known).
fn recipients(ctx: &Ctx<'_>, kind: super::Kind) -> Block {
    let items = decree30::recipient_items(&ctx.recipients(kind));
    list(format!("Nơi nhận:\n{}", items.join("\n")), false, 12)
}

/// The authority's signer, as the PDF names them: capacity, title, room to sign, the name.
fn signer(ctx: &Ctx<'_>, capacity: Option<crate::domain::facts::SignCapacity>) -> Block {
    let sb = decree30::SignBlock::of(ctx.facts().signer.as_ref(), capacity, "Ủy ban nhân dân");
    let text = format!("{}\n\n\n\n{}", sb.lines.join("\n"), sb.name);
    Block::Para { text, bold: true, italic: false, jc: Jc::Signature, size: 13 }
}

fn signer_names(ctx: &Ctx<'_>) -> Block {
    list(format!("THƯ KÝ HỘI ĐỒNG: {}\nCHỦ TỊCH HỘI ĐỒNG: {}", ctx.secretary(), ctx.chair()), true, 13)
}

pub fn minutes(ctx: &Ctx<'_>) -> Vec<Block> {
    let s = &ctx.record.session;
    let mut b = head(ctx, "");
    b.push(bold_center(format!("BIÊN BẢN\nHọp {}\n{}", ctx.council(), s.session.title)));
    let place = if s.session.meeting_place.is_empty() { "……" } else { &s.session.meeting_place };
    b.push(para(format!("Thời gian: {}. Địa điểm: {place}.", crate::lang::vi::date_in_words(s.session.meeting_date))));
    b.push(para("Thành phần:"));
    for m in &s.members {
        let presence = if m.present { "có mặt" } else { "vắng mặt" };
        b.push(para(format!("- {} — {} ({presence})", m.name, m.position)));
    }
    b.push(para(format!("Hội đồng đã đánh giá {} sản phẩm; kết quả như sau:", ctx.results.products.len())));
    b.push(results_table(ctx, &ctx.all_products()));
    for d in s.dossiers.iter().filter(|d| !d.conclusion.is_empty()) {
        b.push(para(format!("{} ({}): {}", d.product, d.code, d.conclusion)));
    }
    b.push(recipients(ctx, super::Kind::Minutes));
    b.push(signer_names(ctx));
    b
}

pub fn decision(ctx: &Ctx<'_>) -> Vec<Block> {
    let mut b = head(ctx, "Số: ……/QĐ-UBND");
    b.push(bold_center("QUYẾT ĐỊNH\nVề việc công nhận sản phẩm đạt tiêu chuẩn OCOP"));
    b.push(para("Căn cứ Luật Tổ chức chính quyền địa phương ……;"));
    b.push(para(format!("Căn cứ {};", ctx.record.criteria.title)));
    b.push(para(format!("Căn cứ Biên bản họp {} ngày ……;", ctx.council())));
    b.push(para("Xét đề nghị của …… tại Tờ trình số …… ngày ……,"));
    b.push(bold_center("QUYẾT ĐỊNH:"));
    b.push(para("Điều 1. Công nhận các sản phẩm sau đạt tiêu chuẩn OCOP:"));
    b.push(results_table(ctx, &ctx.products(Decision::Recognized)));
    b.push(para("Điều 2. Quyết định có hiệu lực kể từ ngày ký."));
    b.push(para("Điều 3. Các cơ quan, đơn vị và chủ thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."));
    b.push(recipients(ctx, super::Kind::Decision));
    b.push(signer(ctx, None));
    b
}

pub fn forward(ctx: &Ctx<'_>) -> Vec<Block> {
    let mut b = head(ctx, "Số: ……\nV/v đề nghị đánh giá, phân hạng sản phẩm OCOP cấp trên");
    b.push(para(format!("Kính gửi: {}.", ctx.upper_body())));
    b.push(para(format!(
        "{} đề nghị đánh giá, phân hạng ở cấp trên các sản phẩm sau (điểm trung bình của Hội đồng):",
        ctx.council()
    )));
    b.push(results_table(ctx, &ctx.products(Decision::Forwarded)));
    b.push(recipients(ctx, super::Kind::Forward));
    b.push(signer(ctx, Some(crate::domain::facts::SignCapacity::Tm)));
    b
}

//! Editable copies (.docx) of the minutes, the draft decision and the forwarding letter, for the
//! office to adapt in Word or LibreOffice. The PDFs stay the signed record: each copy says so and
//! carries no fingerprint. A minimal WordprocessingML package written with the zip crate we already
//! have (four parts; no styles part, direct formatting only), deterministic: fixed part order and
//! the zip's 1980 timestamps.

use super::Ctx;
use super::decree30;
use crate::domain::scoring::{Decision, ProductResult};
use std::io::Write;

/// A paragraph or a table of the editable copy.
pub enum Block {
    Para { text: String, bold: bool, italic: bool, center: bool, size: u32 },
    Table(Vec<Vec<String>>),
}

pub const EDITABLE_NOTE: &str = "Bản có thể chỉnh sửa (không mang dấu vân tay phiên họp). Bản để ký và lưu là tệp PDF \
                                 do phần mềm tạo.";

fn para(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), bold: false, italic: false, center: false, size: 13 }
}
fn bold_center(text: impl Into<String>) -> Block {
    Block::Para { text: text.into(), bold: true, italic: false, center: true, size: 13 }
}
fn italic(text: impl Into<String>, center: bool) -> Block {
    Block::Para { text: text.into(), bold: false, italic: true, center, size: 12 }
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

fn block_xml(b: &Block) -> String {
    match b {
        Block::Para { text, bold, italic, center, size } => {
            let jc = if *center { "center" } else { "both" };
            let indent = if *center { "" } else { "<w:ind w:firstLine=\"720\"/>" };
            let runs: Vec<String> = text.split('\n').map(|t| run(t, *bold, *italic, *size)).collect();
            format!(
                "<w:p><w:pPr><w:spacing w:after=\"120\"/>{indent}<w:jc w:val=\"{jc}\"/></w:pPr>{}</w:p>",
                runs.join("<w:r><w:br/></w:r>")
            )
        }
        Block::Table(rows) => {
            let border = "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>\
                          <w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>\
                          <w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>";
            let mut xml = format!("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>{border}</w:tblPr>");
            for (i, row) in rows.iter().enumerate() {
                xml.push_str("<w:tr>");
                for cell in row {
                    xml.push_str(&format!("<w:tc><w:p>{}</w:p></w:tc>", run(cell, i == 0, false, 11)));
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
        bold_center(format!("{}\n{}", s.authority.to_uppercase(), ctx.council().to_uppercase())),
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
    Block::Para {
        text: format!("Nơi nhận:\n{}", items.join("\n")),
        bold: false,
        italic: false,
        center: false,
        size: 12,
    }
}

fn signer_names(ctx: &Ctx<'_>) -> Block {
    para(format!("THƯ KÝ HỘI ĐỒNG: {}\nCHỦ TỊCH HỘI ĐỒNG: {}", ctx.secretary(), ctx.chair()))
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
    b.push(para(format!("CHỦ TỊCH\n{}", ctx.chair())));
    b
}

pub fn forward(ctx: &Ctx<'_>) -> Vec<Block> {
    let mut b = head(ctx, "Số: ……\nV/v đề nghị đánh giá, phân hạng sản phẩm OCOP cấp trên");
    b.push(para("Kính gửi: ……"));
    b.push(para(format!(
        "{} đề nghị đánh giá, phân hạng ở cấp trên các sản phẩm sau (điểm trung bình của Hội đồng):",
        ctx.council()
    )));
    b.push(results_table(ctx, &ctx.products(Decision::Forwarded)));
    b.push(recipients(ctx, super::Kind::Forward));
    b.push(signer_names(ctx));
    b
}

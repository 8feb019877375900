//! The member's page: server-rendered HTML in Vietnamese or English (`?lang=en`), every text in
//! one place per language (`Texts`). The page's script draws the sheet from the member's state.

use crate::lang::Lang;

/// Every text of the member's page and its refusals, in one language.
pub struct Texts {
    pub html_lang: &'static str,
    pub title: &'static str,
    pub products: &'static str,
    pub total: &'static str,
    pub band: &'static str,
    pub stars: &'static str,
    pub comment: &'static str,
    pub submit: &'static str,
    pub confirm_submit: &'static str,
    pub submitted: &'static str,
    pub saved: &'static str,
    pub pending: &'static str,
    pub offline: &'static str,
    pub none_option: &'static str,
    pub star_minimum: &'static str,
    pub points: &'static str,
    pub back: &'static str,
    pub no_key: &'static str,
    pub bad_key: &'static str,
    pub replay: &'static str,
    pub other_device: &'static str,
    pub closed: &'static str,
    pub unknown: &'static str,
    pub absent: &'static str,
    pub nothing: &'static str,
    pub other_language: &'static str,
}

const VI: Texts = Texts {
    html_lang: "vi",
    title: "Phiếu chấm điểm OCOP",
    products: "Sản phẩm cần chấm",
    total: "Tổng điểm",
    band: "Hạng theo điểm",
    stars: "Hạng sau sao tối thiểu",
    comment: "Nhận xét",
    submit: "Nộp phiếu",
    confirm_submit: "Nộp phiếu này? Sau khi nộp, chỉ thư ký mở lại được.",
    submitted: "Đã nộp — chỉ xem",
    saved: "Đã lưu",
    pending: "Đang chờ gửi",
    offline: "Mất kết nối — các lựa chọn được giữ trên máy và sẽ gửi khi có mạng lại",
    none_option: "Không đạt phương án nào",
    star_minimum: "sao tối thiểu",
    points: "điểm",
    back: "← Danh sách sản phẩm",
    no_key: "Đường dẫn thiếu khóa. Hãy quét lại mã QR của mình.",
    bad_key: "Khóa không đúng hoặc đã được cấp lại. Hãy quét mã QR mới của mình.",
    replay: "Yêu cầu này đã được gửi rồi.",
    other_device: "Đường dẫn này đã gắn với một thiết bị khác. Hãy báo thư ký.",
    closed: "Phiên họp đã khóa kết quả: không nhận chấm điểm nữa.",
    unknown: "Không có trang này.",
    absent: "Bạn đang được ghi là vắng mặt: hãy báo thư ký.",
    nothing: "Không có sản phẩm nào để chấm.",
    other_language: "English",
};

const EN: Texts = Texts {
    html_lang: "en",
    title: "OCOP score sheet",
    products: "Products to score",
    total: "Total",
    band: "Band by points",
    stars: "Rating after star minimums",
    comment: "Comment",
    submit: "Submit sheet",
    confirm_submit: "Submit this sheet? Afterwards only the secretary can reopen it.",
    submitted: "Submitted — read only",
    saved: "Saved",
    pending: "Waiting to send",
    offline: "Connection lost — your choices are kept on this device and sent when it is back",
    none_option: "None of the options",
    star_minimum: "star minimum",
    points: "points",
    back: "← Product list",
    no_key: "The link has no key. Scan your QR code again.",
    bad_key: "Wrong key, or the link was re-issued. Scan your new QR code.",
    replay: "This request was already sent.",
    other_device: "This link is bound to another device. Tell the secretary.",
    closed: "The session's results are locked: no more scoring.",
    unknown: "No such page.",
    absent: "You are recorded as absent: tell the secretary.",
    nothing: "No products to score.",
    other_language: "Tiếng Việt",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// `?lang=en` → English; anything else Vietnamese.
pub fn lang_of(query: Option<&str>) -> Lang {
    let en = query.unwrap_or("").split('&').any(|kv| kv == "lang=en");
    if en { Lang::En } else { Lang::Vi }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The texts the script needs, as JSON (in a non-executed script element: CSP allows it).
fn script_texts(t: &Texts) -> String {
    let pairs = [
        ("products", t.products),
        ("total", t.total),
        ("band", t.band),
        ("stars", t.stars),
        ("comment", t.comment),
        ("submit", t.submit),
        ("confirm_submit", t.confirm_submit),
        ("submitted", t.submitted),
        ("saved", t.saved),
        ("pending", t.pending),
        ("offline", t.offline),
        ("none_option", t.none_option),
        ("star_minimum", t.star_minimum),
        ("points", t.points),
        ("back", t.back),
        ("no_key", t.no_key),
        ("absent", t.absent),
        ("nothing", t.nothing),
    ];
    let map: serde_json::Map<String, serde_json::Value> =
        pairs.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(*v))).collect();
    // `</` cannot end the element early: JSON allows `<\/`.
    serde_json::Value::Object(map).to_string().replace("</", "<\\/")
}

/// The member's page: the shell the script fills in.
pub fn member_page(member: &str, lang: Lang) -> String {
    let t = texts(lang);
    let other = match lang {
        Lang::Vi => "?lang=en",
        Lang::En => "?lang=vi",
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body data-member=\"{member}\" data-lang=\"{lang}\">\
         <header><h1>{title}</h1><a id=\"lang\" href=\"{other}\">{other_name}</a></header>\
         <div id=\"status\" role=\"status\"></div><main id=\"app\"></main>\
         <script type=\"application/json\" id=\"texts\">{texts}</script>\
         <script src=\"/hmac.js\"></script><script src=\"/app.js\"></script></body></html>\n",
        lang = t.html_lang,
        title = escape(t.title),
        member = escape(member),
        other_name = escape(t.other_language),
        texts = script_texts(t),
    )
}

/// The page for a locked session, or an unknown address.
pub fn notice_page(text: &str, lang: Lang) -> String {
    let t = texts(lang);
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><main><p id=\"notice\" class=\"notice\">{}</p></main></body></html>\n",
        t.html_lang,
        escape(t.title),
        escape(text)
    )
}

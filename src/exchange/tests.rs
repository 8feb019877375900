//! Issue 12, point 8: the exchange document is strict, on the demo session broken one way at a time.

use super::*;
use crate::catalog::DEMO_SESSION;

fn refused(text: &str) -> String {
    let catalog = Catalog::builtin().unwrap();
    match parse(text, &catalog, None) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    }
}

/// The demo with its first occurrence of `from` replaced by `to`.
fn demo_with(from: &str, to: &str) -> String {
    assert!(DEMO_SESSION.contains(from), "{from}");
    DEMO_SESSION.replacen(from, to, 1)
}

fn demo_value() -> Value {
    serde_json::from_str(DEMO_SESSION).unwrap()
}

#[test]
fn the_demo_still_parses_with_or_without_a_byte_order_mark() {
    let catalog = Catalog::builtin().unwrap();
    assert!(parse(DEMO_SESSION, &catalog, None).is_ok());
    assert!(parse(&format!("\u{FEFF}{DEMO_SESSION}"), &catalog, None).is_ok());
}

#[test]
fn keys_given_twice_are_refused_with_their_path() {
    let first_choice = "\"choices\": {\n        \"1.1\": ";
    let e = refused(&demo_with(first_choice, "\"choices\": {\n        \"1.1\": 3, \"1.1\": "));
    assert_eq!(e, "sheets[0].choices[\"1.1\"]: khóa «1.1» bị lặp trong cùng một đối tượng");
    let e = refused(&demo_with("\"role\": \"chair\",", "\"role\": \"chair\", \"role\": \"member\","));
    assert_eq!(e, "members[0].role: khóa «role» bị lặp trong cùng một đối tượng");
}

#[test]
fn dates_and_fractions_have_one_spelling() {
    let e = refused(&demo_with("\"2023-06-05\"", "\"2023-+6-05\""));
    assert!(e.starts_with("session.meeting_date: «2023-+6-05» không phải ngày"), "{e}");
    for bad in ["+2/3", " 2/3", "2/03", "2 /3"] {
        let e = refused(&demo_with("\"2/3\"", &format!("\"{bad}\"")));
        assert!(e.starts_with(&format!("session.settings.quorum.fraction: «{bad}» không phải phân số")), "{e}");
    }
}

#[test]
fn control_and_bidi_characters_are_refused_in_every_text() {
    let e = refused(&demo_with("Nguyễn Văn Hùng", "Nguyễn \\u202EVăn Hùng"));
    assert!(e.starts_with("members[0].name: có ký tự điều khiển hoặc đổi chiều chữ U+202E"), "{e}");
    let e = refused(&demo_with("Hội trường", "Hội\\u001b[31m trường"));
    assert!(e.starts_with("session.meeting_place: có ký tự điều khiển hoặc đổi chiều chữ U+001B"), "{e}");
    // (The demo names m1 as the chair first, in its meeting facts: the member's own id is meant.)
    let e = refused(&demo_with("\"id\": \"m1\"", "\"id\": \"m\\u2067 1\""));
    assert!(e.starts_with("members[0].id: có ký tự"), "{e}");
}

#[test]
fn rounds_are_between_1_and_99() {
    for (at, round) in [("dossiers", 100u64), ("dossiers", 4_294_967_295), ("sheets", 100), ("sheets", 4_294_967_295)] {
        let mut v = demo_value();
        v[at][0]["round"] = round.into();
        let e = refused(&v.to_string());
        assert!(e.starts_with(&format!("{at}[0].round: vòng chấm {round} quá 99")), "{e}");
    }
    let mut v = demo_value();
    v["dossiers"][0]["round"] = 99.into();
    let catalog = Catalog::builtin().unwrap();
    assert!(parse(&v.to_string(), &catalog, None).is_ok(), "round 99 is fine");
    let code = v["dossiers"][0]["code"].clone();
    v["resolutions"] = serde_json::json!([{ "dossier": code, "round": 100, "note": "x" }]);
    assert!(refused(&v.to_string()).starts_with("resolutions[0].round:"));
}

#[test]
fn messages_quote_at_most_an_excerpt_of_a_value() {
    // Below the 10,000-character text limit (longer texts are refused for their length alone).
    let huge = "x".repeat(9_000);
    let cases = [
        demo_with("\"role\": \"chair\"", &format!("\"role\": \"{huge}\"")),
        demo_with("\"present\": true", &format!("\"present\": \"{huge}\"")),
        demo_with("\"format\": \"ocop-council-session/2\"", &format!("\"format\": \"{huge}\"")),
        demo_with("\"ruleset\": \"qd148-2023-huyen\"", &format!("\"ruleset\": \"{huge}\"")),
        demo_with("\"id\": \"m1\"", &format!("\"id\": \"m1\", \"{huge}\": 1")),
        demo_with("\"dossier\": \"", &format!("\"dossier\": \"{huge}")),
    ];
    for text in cases {
        let e = refused(&text);
        assert!(e.chars().count() < 400, "{}…", e.chars().take(300).collect::<String>());
        assert!(e.contains('…'), "{e}");
    }
}

/// The refusal of `text` as the English window says it.
fn refused_in_english(text: &str) -> String {
    use crate::lang::{Lang, Say};
    let catalog = Catalog::builtin().unwrap();
    match parse(text, &catalog, None) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.say(Lang::En),
    }
}

#[test]
fn the_root_and_a_bad_date_are_said_in_the_language_of_the_window() {
    let text = format!("{{\"format\": \"{}\"}}", crate::domain::session::SESSION_FORMAT);
    let vi = refused(&text);
    assert!(vi.starts_with("(gốc): "), "{vi}");
    let en = refused_in_english(&text);
    assert_eq!(en, vi.replacen("(gốc)", "(root)", 1));
    let text = demo_with("\"2023-06-05\"", "\"05/06/2023\"");
    assert_eq!(refused(&text), "session.meeting_date: «05/06/2023» không phải ngày dạng YYYY-MM-DD");
    assert_eq!(
        refused_in_english(&text),
        "session.meeting_date: “05/06/2023” is not a date written YYYY-MM-DD (such as 2023-06-05)"
    );
}

#[test]
fn a_bad_quorum_and_a_bad_meeting_time_are_said_in_the_language_of_the_window() {
    use crate::lang::tests::has_vietnamese;
    let text = demo_with("\"2/3\"", "\"2:3\"");
    assert_eq!(
        refused(&text),
        "session.settings.quorum.fraction: «2:3» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)"
    );
    let en = refused_in_english(&text);
    assert_eq!(
        en,
        "session.settings.quorum.fraction: “2:3” is not a fraction such as 2/3 between 0 and 1 (denominator at most 100)"
    );
    for (field, bad) in [("opened", "7h30"), ("closed", "24:00")] {
        let mut v = demo_value();
        v["session"]["facts"][field] = bad.into();
        let text = v.to_string();
        assert_eq!(refused(&text), format!("session.facts.{field}: «{bad}» không phải giờ dạng HH:MM"));
        let en = refused_in_english(&text);
        assert_eq!(en, format!("session.facts.{field}: “{bad}” is not a time written HH:MM (such as 07:30)"));
        assert!(!has_vietnamese(&en), "{en}");
    }
}

use super::stats::{GroupBy, statistics};
use super::*;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn product(name: &str, stars: u8, decided: Date) -> RegisteredProduct {
    RegisteredProduct {
        product: name.into(),
        group: "Gạo".into(),
        producer: "HTX Yên Lợi".into(),
        entity_type: "htx".into(),
        commune: "Yên Lợi".into(),
        address: String::new(),
        stars,
        decision_number: "1/QĐ-UBND".into(),
        decision_date: decided,
        authority: "UBND huyện Ý Yên".into(),
        valid_until: valid_until(decided),
        revoked: None,
        note: String::new(),
    }
}

#[test]
fn valid_for_36_calendar_months() {
    assert_eq!(valid_until(d(2023, 6, 20)), d(2026, 6, 20));
    assert_eq!(valid_until(d(2023, 1, 31)), d(2026, 1, 31));
    assert_eq!(valid_until(d(2023, 12, 31)), d(2026, 12, 31));
    // A 29 February gives 28 February three years later.
    assert_eq!(valid_until(d(2024, 2, 29)), d(2027, 2, 28));
    assert_eq!(valid_until(d(2024, 2, 28)), d(2027, 2, 28));
    // Into a leap year: 28 February stays 28 February (not the 29th).
    assert_eq!(valid_until(d(2021, 2, 28)), d(2024, 2, 28));
    assert_eq!(valid_until(d(2021, 3, 1)), d(2024, 3, 1));
}

#[test]
fn the_filing_window_on_its_edges() {
    let until = d(2026, 6, 20);
    let on = |days_before: i64| due_state(until, until.add_days(-days_before).unwrap());
    assert_eq!(on(181), None, "181 days before: not listed yet");
    assert_eq!(on(180), Some(DueState::Open), "exactly 180 days before: the window opens");
    assert_eq!(on(150), Some(DueState::Open));
    assert_eq!(on(120), Some(DueState::Open), "exactly 120 days before: the window's last day");
    assert_eq!(on(119), Some(DueState::Late));
    assert_eq!(on(1), Some(DueState::Late));
    assert_eq!(on(0), Some(DueState::Late), "the expiry day itself is still valid");
    assert_eq!(on(-1), Some(DueState::Expired));
    assert_eq!(on(-1000), Some(DueState::Expired));
}

#[test]
fn the_window_across_a_leap_day() {
    // Valid until 2028-06-20; 180 days before, counted across 29 February 2028, is 2027-12-23.
    let until = d(2028, 6, 20);
    assert_eq!(until.add_days(-180), Some(d(2027, 12, 23)));
    assert_eq!(due_state(until, d(2027, 12, 22)), None);
    assert_eq!(due_state(until, d(2027, 12, 23)), Some(DueState::Open));
    assert_eq!(until.add_days(-120), Some(d(2028, 2, 21)));
    assert_eq!(due_state(until, d(2028, 2, 21)), Some(DueState::Open));
    assert_eq!(due_state(until, d(2028, 2, 22)), Some(DueState::Late));
    // Decided on a leap day: expires 28 February 2027, expired from 1 March.
    let p = product("Mật ong", 3, d(2024, 2, 29));
    assert_eq!(p.status(d(2027, 2, 28)), Status::Due);
    assert_eq!(p.status(d(2027, 3, 1)), Status::Expired);
}

#[test]
fn the_148_notice_is_the_last_30_days() {
    let until = d(2026, 6, 20);
    assert!(!notice_148(until, until.add_days(-31).unwrap()));
    assert!(notice_148(until, until.add_days(-30).unwrap()));
    assert!(notice_148(until, until));
    assert!(!notice_148(until, until.add_days(1).unwrap()));
}

#[test]
fn status_valid_due_expired_revoked() {
    let mut p = product("Gạo nếp", 3, d(2023, 6, 20));
    assert_eq!(p.status(d(2025, 12, 21)), Status::Valid, "181 days before");
    assert_eq!(p.status(d(2025, 12, 22)), Status::Due, "180 days before");
    assert_eq!(p.status(d(2026, 6, 20)), Status::Due);
    assert_eq!(p.status(d(2026, 6, 21)), Status::Expired);
    assert!(p.valid_on(d(2026, 6, 20)) && !p.valid_on(d(2026, 6, 21)));
    p.revoked = Some("không đánh giá lại".into());
    assert_eq!(p.status(d(2024, 1, 1)), Status::Revoked { reason: "không đánh giá lại".into() });
    assert!(!p.valid_on(d(2024, 1, 1)));
}

#[test]
fn due_list_sorted_by_expiry_without_far_or_revoked_products() {
    let day = d(2026, 3, 1);
    let far = product("Far", 3, d(2025, 1, 1));
    let open = product("Open", 4, d(2023, 8, 1)); // until 2026-08-01: 153 days left
    let late = product("Late", 3, d(2023, 5, 1)); // until 2026-05-01: 61 days left
    let expired = product("Expired", 3, d(2022, 1, 1));
    let mut revoked = product("Revoked", 3, d(2023, 5, 1));
    revoked.revoked = Some("thu hồi".into());
    let list = due_list([&far, &open, &late, &expired, &revoked], day);
    let seen: Vec<(&str, DueState, i64)> = list.iter().map(|i| (i.product.as_str(), i.status, i.days_left)).collect();
    assert_eq!(
        seen,
        vec![("Expired", DueState::Expired, -424), ("Late", DueState::Late, 61), ("Open", DueState::Open, 153)]
    );
    assert_eq!(list[2].window_opens, d(2026, 2, 2));
    assert_eq!(list[2].window_closes, d(2026, 4, 3));
    let json = serde_json::to_value(&list[1]).unwrap();
    assert_eq!(json["status"], "late");
    assert_eq!(json["valid_until"], "2026-05-01");
    assert_eq!(json["stars"], 3);
}

#[test]
fn identity_ignores_case_spacing_and_punctuation_but_not_accents() {
    assert_eq!(identity_key("Gạo nếp  cái", "HTX Yên-Lợi"), identity_key("gạo NẾP cái", "htx yên lợi"));
    assert_ne!(identity_key("Mắm tôm", "HTX A"), identity_key("Mâm tôm", "HTX A"));
    assert_ne!(identity_key("Gạo", "HTX A"), identity_key("Gạo", "HTX B"));
}

#[test]
fn statistics_by_hand() {
    let day = d(2026, 7, 1);
    let mut a = product("A", 3, d(2023, 6, 20)); // expired on 2026-06-21
    a.commune = "Yên Lợi".into();
    let b = product("B", 3, d(2024, 2, 29)); // until 2027-02-28: valid, Q1 2027
    let mut c = product("C", 4, d(2024, 10, 1)); // until 2027-10-01: valid
    c.group = "Mật ong".into();
    let d5 = product("D", 5, d(2025, 6, 30)); // until 2028-06-30: beyond eight quarters
    let mut e = product("E", 4, d(2025, 1, 1));
    e.revoked = Some("vi phạm".into());
    let f = product("F", 3, d(2023, 12, 1)); // until 2026-12-01: due (153 days), Q4 2026
    let all = [a, b, c, d5, e, f];
    let stats = statistics(&all, day, GroupBy::Year);
    assert_eq!((stats.total, stats.valid, stats.due, stats.expired, stats.revoked), (6, 4, 1, 1, 1));
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["valid_by_stars"], serde_json::json!({"3": 2, "4": 1, "5": 1}));
    let years: Vec<(String, usize)> = stats.groups.iter().map(|g| (g.key.clone(), g.valid)).collect();
    assert_eq!(years, vec![("2023".to_string(), 1), ("2024".to_string(), 2), ("2025".to_string(), 1)]);
    let quarters: Vec<(&str, usize)> =
        stats.expiring_per_quarter.iter().map(|q| (q.quarter.as_str(), q.expiring)).collect();
    assert_eq!(
        quarters,
        vec![
            ("2026-Q3", 0),
            ("2026-Q4", 1),
            ("2027-Q1", 1),
            ("2027-Q2", 0),
            ("2027-Q3", 0),
            ("2027-Q4", 1),
            ("2028-Q1", 0),
            ("2028-Q2", 1)
        ]
    );
    let groups = statistics(&all, day, GroupBy::Group);
    let keys: Vec<(&str, usize)> = groups.groups.iter().map(|g| (g.key.as_str(), g.valid)).collect();
    assert_eq!(keys, vec![("Gạo", 3), ("Mật ong", 1)]);
}

#[test]
fn the_register_order_is_vietnamese_alphabetical_by_product_then_producer() {
    let decided = d(2023, 6, 20);
    let made =
        |name: &str, producer: &str| RegisteredProduct { producer: producer.into(), ..product(name, 3, decided) };
    let mut products =
        vec![made("Ổi", "A"), made("Đậu", "A"), made("Bánh", "HTX Đông"), made("Dưa", "A"), made("Ấm", "A")];
    products.extend([made("Bánh", "HTX Dương"), made("anh", "B"), made("Anh", "A"), made("Zô", "A")]);
    sort_in_register_order(&mut products);
    let seen: Vec<(&str, &str)> = products.iter().map(|p| (p.product.as_str(), p.producer.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("Anh", "A"),
            ("anh", "B"),
            ("Ấm", "A"),
            ("Bánh", "HTX Dương"),
            ("Bánh", "HTX Đông"),
            ("Dưa", "A"),
            ("Đậu", "A"),
            ("Ổi", "A"),
            ("Zô", "A")
        ]
    );
    let due: Vec<String> = due_list(&products, d(2026, 5, 1)).into_iter().map(|i| i.product).collect();
    assert_eq!(due, ["Anh", "anh", "Ấm", "Bánh", "Bánh", "Dưa", "Đậu", "Ổi", "Zô"], "one expiry: the same order");
}

//! Issue 14 (paper): the documents a district office can sign as printed — Decree 30 layout, the
//! meeting facts in the minutes, the decision and letter complete, Vietnamese numbers, and the same
//! bytes from the same session.

mod common;

use common::{pdf_page_lines as pages, squash};

use lopdf::{Document, Object};
use ocop_council::domain::facts::{ClockTime, Guest, Honorific, MeetingFacts, SignCapacity, Signer};
use ocop_council::domain::record::{Record, RoundReason};
use ocop_council::report::{Ctx, Fonts, KINDS, Kind, generate};
use ocop_council::store::Store;
use std::sync::Arc;

fn text(bytes: &[u8]) -> String {
    squash(&pages(bytes).concat().join("\n"))
}

/// The demo session as an exchange document would give it, with the meeting facts filled in Rust
/// (the exchange does not carry them yet).
fn with_facts() -> Record {
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    let (mut session, criteria, ruleset) =
        ocop_council::exchange::parse(&common::demo_value().to_string(), &cat, None).unwrap();
    session.session.facts = MeetingFacts {
        opened: ClockTime::new(7, 30),
        closed: ClockTime::new(11, 45),
        chair: Some("m1".into()),
        secretary: Some(session.members.last().unwrap().id.clone()),
        guests: vec![Guest { name: "Lê Văn Khách".into(), position: "Chuyên viên Sở Nông nghiệp".into() }],
        signer: Some(Signer {
            name: "Phạm Văn Ký".into(),
            title: "Phó Chủ tịch".into(),
            capacity: Some(SignCapacity::Kt),
        }),
        recipients: [
            ("decision".to_string(), vec!["Sở Nông nghiệp và PTNT tỉnh Nam Định".to_string()]),
            ("forward".to_string(), vec!["Văn phòng Điều phối NTM tỉnh".to_string()]),
        ]
        .into(),
    };
    session.members[0].honorific = Some(Honorific::Ong);
    session.members[1].honorific = Some(Honorific::Ba);
    let absent = session.members.iter().position(|m| !m.present).unwrap();
    session.members[absent].absence_reason = "đi công tác".into();
    session.dossiers[0].conclusion = "Hội đồng đề nghị bổ sung nhãn mác".into();
    let mut record = Record::unstored(session, Arc::new(criteria.clone()), ruleset.clone());
    let rescored = record.session.dossiers.iter().find(|d| d.current_round() > 1).unwrap().code.clone();
    record
        .round_reasons
        .push(RoundReason { dossier: rescored, round: 2, reason: "điểm lệch quá 10 điểm".into() });
    record
}

/// The demo without any of the meeting facts (the demo document carries them since format /2).
fn plain() -> Record {
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    let (mut session, criteria, ruleset) =
        ocop_council::exchange::parse(&common::demo_value().to_string(), &cat, None).unwrap();
    session.session.facts = MeetingFacts::default();
    for m in &mut session.members {
        (m.honorific, m.absence_reason) = (None, String::new());
    }
    Record::unstored(session, Arc::new(criteria.clone()), ruleset.clone())
}

fn make(record: &Record, kind: Kind) -> Vec<u8> {
    let fonts = Fonts::load().unwrap();
    generate(&Ctx::new(record, &fonts), kind)
}

#[test]
fn the_same_session_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let record: Record = Store::open_shared(&path).unwrap().load().unwrap().into();
    // Every PDF kind (the editable copies are Word/Excel files, not the signed record).
    for kind in KINDS.into_iter().filter(|k| *k != Kind::Editable) {
        let (a, b) = (make(&record, kind), make(&record, kind));
        assert!(a == b, "{kind:?}: two runs differ");
        let doc = Document::load_mem(&a).unwrap();
        // Subset fonts carry the standard tag: six capital letters and "+".
        let mut fonts = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if let Ok(Object::Name(name)) = dict.get(b"BaseFont") {
                let name = String::from_utf8_lossy(name);
                let (tag, rest) = name.split_once('+').unwrap_or_else(|| panic!("{kind:?}: «{name}» has no tag"));
                assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{kind:?}: «{name}»");
                assert!(rest.starts_with("LiberationSerif"), "{name}");
                fonts += 1;
            }
        }
        assert!(fonts > 0, "{kind:?}");
    }
}

#[test]
fn the_file_says_what_it_is_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let info = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).unwrap();
        let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let dict = doc.get_dictionary(id).unwrap().clone();
        let read = |key: &[u8]| match dict.get(key) {
            Ok(Object::String(b, _)) if b.starts_with(&[0xFE, 0xFF]) => {
                String::from_utf16(&b[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
                    .unwrap()
            }
            Ok(Object::String(b, _)) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        (read(b"Title"), read(b"Producer"), read(b"CreationDate"))
    };
    let draft: Record = Store::open_shared(&path).unwrap().load().unwrap().into();
    let (title, producer, created) = info(&make(&draft, Kind::Minutes));
    assert_eq!(title, "Biên bản họp Hội đồng");
    assert!(producer.starts_with("ocop-council"), "{producer}");
    assert_eq!(created, "D:20230605000000Z", "a draft is dated by its meeting");
    Store::open(&path).unwrap().lock("thư ký").unwrap();
    let locked: Record = Store::open_shared(&path).unwrap().load().unwrap().into();
    let at: String = locked.lock.as_ref().unwrap().at.chars().filter(char::is_ascii_digit).take(14).collect();
    assert_eq!(info(&make(&locked, Kind::Decision)).2, format!("D:{at}Z"), "a locked session by its lock");
}

#[test]
fn numbers_are_written_with_a_decimal_comma() {
    let record = plain();
    let results = record.results();
    let mean = results.products.iter().find_map(|p| p.mean).unwrap().to_string();
    assert!(mean.contains('.'), "the JSON form keeps its dot: {mean}");
    let comma = mean.replace('.', ",");
    for kind in [Kind::Minutes, Kind::Summary, Kind::Decision, Kind::Forward] {
        let t = text(&make(&record, kind));
        let any_comma =
            results.products.iter().filter_map(|p| p.mean).any(|m| t.contains(&m.to_string().replace('.', ",")));
        assert!(any_comma, "{kind:?}: no mean written with a comma");
        for p in results.products.iter().filter_map(|p| p.mean) {
            assert!(!t.contains(&format!(" {p} ")), "{kind:?}: «{p}» written with a dot");
        }
    }
    assert!(text(&make(&record, Kind::Minutes)).contains(&comma));
}

#[test]
fn administrative_pages_are_numbered_at_the_top_from_page_two() {
    let record = with_facts();
    for kind in [Kind::Minutes, Kind::Decision, Kind::Forward] {
        let pages = pages(&make(&record, kind));
        assert!(kind == Kind::Forward || pages.len() >= 2, "{kind:?}");
        // The second pass draws a page's number and its mark last.
        let tail = |p: &Vec<String>| p.iter().rev().take(3).map(|l| l.trim().to_string()).collect::<Vec<_>>();
        assert!(!tail(&pages[0]).contains(&"1".to_string()), "{kind:?}: page 1 carries no number");
        for (i, p) in pages.iter().enumerate().skip(1) {
            assert!(tail(p).contains(&(i + 1).to_string()), "{kind:?}: page {} unnumbered", i + 1);
        }
        assert!(!pages.concat().iter().any(|l| l.starts_with("Trang ")), "{kind:?}: no «Trang x/y» footer");
    }
}

#[test]
fn the_header_puts_the_authority_on_two_lines() {
    let record = plain();
    for kind in [Kind::Decision, Kind::Forward, Kind::Minutes] {
        let first = &pages(&make(&record, kind))[0];
        let at = first.iter().position(|l| l == "ỦY BAN NHÂN DÂN").unwrap_or_else(|| panic!("{kind:?}: {first:?}"));
        assert_eq!(first[at + 1], "HUYỆN Ý YÊN", "{kind:?}");
    }
}

#[test]
fn the_decision_and_the_letter_are_signable() {
    let blank = plain();
    for kind in [Kind::Decision, Kind::Forward] {
        let t = text(&make(&blank, kind));
        assert!(t.contains("Nơi nhận: - ……………………; - ……………………; - Lưu: VT."), "{kind:?}: {t}");
    }
    let decision = text(&make(&blank, Kind::Decision));
    assert!(decision.contains("CHỦ TỊCH ……………………"), "the name is dotted until known");
    let forward = text(&make(&blank, Kind::Forward));
    assert!(forward.contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH ……………………"), "{forward}");

    let facts = with_facts();
    let decision = text(&make(&facts, Kind::Decision));
    for phrase in [
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Xét đề nghị của …………………… tại Tờ trình số",
        "Căn cứ Biên bản họp Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên ngày 05/06/2023;",
        "Ý Yên, ngày …… tháng …… năm 2023",
        "Nơi nhận: - Sở Nông nghiệp và PTNT tỉnh Nam Định; - Lưu: VT.",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Phạm Văn Ký",
        "(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm 2023 của",
    ] {
        assert!(decision.contains(phrase), "decision: «{phrase}» missing");
    }
    let forward = text(&make(&facts, Kind::Forward));
    for phrase in [
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP cấp trên",
        "Kính gửi: Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Nam Định.",
        "Điểm TB của Hội đồng huyện Ý Yên",
        "Nơi nhận: - Văn phòng Điều phối NTM tỉnh; - Lưu: VT.",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Phạm Văn Ký",
    ] {
        assert!(forward.contains(phrase), "forward: «{phrase}» missing from {forward}");
    }
}

#[test]
fn the_signature_stays_with_the_last_paragraph() {
    let record = with_facts();
    for (kind, last) in [(Kind::Forward, "Trân trọng đề nghị./."), (Kind::Decision, "Điều 3.")] {
        let pages = pages(&make(&record, kind));
        let with_last = pages.iter().position(|p| p.iter().any(|l| l.starts_with(last))).unwrap();
        assert!(pages[with_last].iter().any(|l| l == "Phạm Văn Ký"), "{kind:?}: signer not with «{last}»");
    }
}

#[test]
fn the_minutes_record_the_meeting() {
    let record = with_facts();
    let t = text(&make(&record, Kind::Minutes));
    let absent = record.session.members.iter().find(|m| !m.present).unwrap();
    let recusal = record.session.dossiers.iter().find(|d| !d.recused.is_empty()).unwrap();
    let recused = record.session.member(&recusal.recused[0]).unwrap();
    let secretary = record.session.members.last().unwrap();
    for phrase in [
        "Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên năm 2023, đợt 1".to_string(),
        "vào hồi 07 giờ 30 phút, ngày 05/06/2023".into(),
        format!("Chủ trì: Ông {}", record.session.members[0].name),
        format!("Thư ký: Ông/Bà {}", secretary.name),
        format!("1. Ông {}", record.session.members[0].name),
        format!("2. Bà {}", record.session.members[1].name),
        format!("{}, {}; vắng mặt (lý do: đi công tác).", absent.position, "Thành viên"),
        "Lê Văn Khách — Chuyên viên Sở Nông nghiệp".into(),
        format!("{} không chấm sản phẩm {} ({})", recused.name, recusal.product, recusal.code),
        "Số phiếu".into(),
        "(lý do: điểm lệch quá 10 điểm)".into(),
        format!(
            "{} ({}): Hội đồng đề nghị bổ sung nhãn mác.",
            record.session.dossiers[0].product, record.session.dossiers[0].code
        ),
        "Tổng hợp kết quả 12 sản phẩm: 9 công nhận; 2 đề nghị cấp trên; 1 không đạt; 0 bị loại; 0 chưa có kết quả."
            .into(),
        "Biên bản được lập thành …… bản".into(),
        "kết thúc vào hồi 11 giờ 45 phút".into(),
    ] {
        assert!(t.contains(&phrase), "minutes: «{phrase}» missing from {t}");
    }
    assert!(!t.contains("Ông/Bà Nguyễn Văn Hùng"), "a known honorific is used");
    // Unknown facts are dotted, never wrong.
    let blank = text(&make(&plain(), Kind::Minutes));
    for phrase in ["Chủ trì: ……………………", "Thư ký: ……………………", "vào hồi …… giờ …… phút", "vắng mặt (lý do: ……………………)"]
    {
        assert!(blank.contains(phrase), "«{phrase}» missing");
    }
}

#[test]
fn a_criteria_set_issued_after_the_meeting_is_not_cited_as_in_force() {
    let t = text(&make(&plain(), Kind::Minutes));
    assert!(!t.contains("Căn cứ Quyết định số 26/2026"), "{t}");
    assert!(t.contains(
        "là bộ tiêu chí được sử dụng cho phiên họp này; văn bản này ban hành ngày 22/05/2026, sau ngày họp 05/06/2023."
    ));
    // And the secretary is told when the session is made.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("demo.json");
    std::fs::write(&json, common::demo_value().to_string()).unwrap();
    let out = common::output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council")).args([
        "new",
        dir.path().join("a.ocop").to_str().unwrap(),
        "--from",
        json.to_str().unwrap(),
    ]));
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Cảnh báo: bộ tiêu chí") && said.contains("sau ngày họp 05/06/2023"), "{said}");
}

/// Writes the documents of the demo, with and without facts, into $PAPER_OUT (to render and look
/// at): `PAPER_OUT=/tmp/docs cargo test --test paper -- --ignored`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_the_documents_to_look_at() {
    let Ok(out) = std::env::var("PAPER_OUT") else { return };
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out).unwrap();
    for (name, record) in [("facts", with_facts()), ("plain", plain())] {
        for kind in KINDS {
            std::fs::write(out.join(format!("{name}-{}", kind.file_name())), make(&record, kind)).unwrap();
        }
    }
}

#[test]
fn the_documents_tab_warns_of_a_later_criteria_set() {
    use ocop_council::ui::app::{Message, Slot};
    use ocop_council::ui::screen::Tab;
    use ocop_council::ui::{App, FONT_BOLD, FONT_REGULAR, UI_FONT};
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    let ws = ocop_council::workspace::Workspace::open(&file, "thư ký").unwrap();
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    let _ = app.update(Message::Tab(Tab::Documents));
    let settings = iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..Default::default()
    };
    let basis = &app.workspace().unwrap().criteria.legal_basis.clone();
    let warning = ocop_council::lang::vi::later_basis(
        &ocop_council::domain::legal::later_basis(basis, ocop_council::domain::Date::new(2023, 6, 5)).unwrap(),
    );
    let mut ui = iced_test::Simulator::with_size(settings, (1366.0, 740.0), app.view());
    assert!(ui.find(warning.as_str()).is_ok(), "the Documents tab shows «{warning}»");
}

#[test]
fn the_minutes_say_how_many_counted_sheets_were_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store.check_sheet("thư ký", "YY-2023-01", "m1").unwrap();
    let record: Record = store.load().unwrap().into();
    let (checked, counted) = record.results().checked_of_counted();
    assert_eq!(checked, 1);
    let minutes = squash(&text(&make(&record, Kind::Minutes)));
    let said = squash(&format!("Trong {counted} phiếu được tính, 1 phiếu đã được đọc lại"));
    assert!(minutes.contains(&said), "{minutes}");
}

#[test]
fn the_minutes_always_carry_their_recipients() {
    // None entered: dotted lines for the office, never an empty or a wrong phrase.
    let minutes = text(&make(&plain(), Kind::Minutes));
    assert!(minutes.contains("Nơi nhận: - ……………………; - ……………………; - Lưu: VT."), "{minutes}");
    // Entered: the list as given, filed once.
    let mut record = with_facts();
    record.session.session.facts.recipients.insert(
        "minutes".into(),
        vec!["UBND huyện Ý Yên".into(), "Phòng Nông nghiệp và PTNT".into(), "Lưu: VT, NN".into()],
    );
    let minutes = text(&make(&record, Kind::Minutes));
    assert!(minutes.contains("Nơi nhận: - UBND huyện Ý Yên; - Phòng Nông nghiệp và PTNT; - Lưu: VT, NN."), "{minutes}");
    assert!(!minutes.contains("Lưu: VT."), "filed once");
}

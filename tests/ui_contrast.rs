//! Contrast (issue 15.1): every styled text colour on the background it is drawn on reaches WCAG
//! AA — 4.5:1, or 3:1 for large text (the projector's 28 px) — in both themes. The ratios are
//! computed from the very style functions the screens use (src/ui/style.rs) and iced's built-in
//! button styles the screens name, over the surfaces they sit on.

use iced::widget::button;
use iced::{Background, Color, Theme};
use ocop_council::domain::Decision;
use ocop_council::ui::App;
use ocop_council::ui::app::Message;
use ocop_council::ui::style;

const TEXT: f32 = 4.5;
const LARGE: f32 = 3.0;

fn color(background: Option<Background>) -> Option<Color> {
    match background {
        Some(Background::Color(c)) => Some(c),
        _ => None,
    }
}

/// `top`, perhaps translucent, as seen over the opaque `under`.
fn over(top: Color, under: Color) -> Color {
    let a = top.a;
    Color::from_rgb(top.r * a + under.r * (1.0 - a), top.g * a + under.g * (1.0 - a), top.b * a + under.b * (1.0 - a))
}

/// Records `what` when `text` on `background` (over `under`) has less contrast than `min`.
struct Check {
    theme: &'static str,
    failures: Vec<String>,
}

impl Check {
    fn pair(&mut self, what: &str, text: Color, background: Color, under: Color, min: f32) {
        let background = over(background, under);
        let ratio = over(text, background).relative_contrast(background);
        if ratio < min {
            self.failures.push(format!("{}: {what}: {ratio:.2}:1 < {min}:1", self.theme));
        }
    }

    /// A button style's text on its own background, or on `under` when it has none.
    fn button(&mut self, what: &str, style: button::Style, under: Color) {
        let background = color(style.background).unwrap_or(Color::TRANSPARENT);
        self.pair(what, style.text_color, background, under, TEXT);
    }
}

fn themes() -> [(&'static str, Theme); 2] {
    let mut app = App::new(None);
    let light = app.theme();
    let _ = app.update(Message::ToggleTheme);
    [("light", light), ("dark", app.theme())]
}

#[test]
fn every_text_colour_reaches_wcag_aa_on_its_background_in_both_themes() {
    use button::Status::{Active, Disabled, Hovered, Pressed};
    let mut failures = Vec::new();
    for (name, theme) in themes() {
        let mut check = Check { theme: name, failures: Vec::new() };
        let p = theme.extended_palette();
        let page = p.background.base.color;
        let text = p.background.base.text;
        check.pair("text on the page", text, page, page, TEXT);
        let panel = color(style::panel(&theme).background).expect("a panel has a background");
        check.pair("text in a panel", text, panel, page, TEXT);
        let current = color(style::current(&theme).background).expect("the current criterion has a background");
        check.pair("the current criterion", text, current, panel, TEXT);
        for error in [false, true] {
            let banner = style::banner(&theme, error);
            let background = color(banner.background).expect("a banner has a background");
            let ink = banner.text_color.expect("a banner sets its text colour");
            check.pair(&format!("banner (error: {error})"), ink, background, page, TEXT);
            for status in [Active, Hovered, Pressed] {
                let dismiss = style::banner_button(error)(&theme, status);
                let shade = color(dismiss.background).unwrap_or(Color::TRANSPARENT);
                check.pair(
                    &format!("banner's button {status:?}"),
                    dismiss.text_color,
                    shade,
                    over(background, page),
                    TEXT,
                );
            }
        }
        for d in
            [Decision::Recognized, Decision::Forwarded, Decision::NotAchieved, Decision::Pending, Decision::Eliminated]
        {
            let ink = style::decision_color(&theme, d);
            check.pair(&format!("decision {d:?} on the board"), ink, panel, page, TEXT);
            check.pair(&format!("decision {d:?} on the projector"), ink, panel, page, LARGE);
        }
        for selected in [false, true] {
            for status in [Active, Hovered, Pressed, Disabled] {
                check.button(
                    &format!("choice (selected: {selected}) {status:?}"),
                    style::choice(selected)(&theme, status),
                    panel,
                );
            }
        }
        for active in [false, true] {
            for status in [Active, Hovered, Pressed, Disabled] {
                check.button(&format!("tab (active: {active}) {status:?}"), style::tab(active)(&theme, status), page);
            }
        }
        // Every text field of the screens is style::text_input: its placeholder and its value.
        {
            use iced::widget::text_input::Status as Field;
            for status in [Field::Active, Field::Hovered, Field::Focused { is_hovered: false }, Field::Disabled] {
                let field = style::input(&theme, status);
                let shade = color(Some(field.background)).unwrap_or(page);
                for under in [page, panel] {
                    check.pair(&format!("placeholder in a field {status:?}"), field.placeholder, shade, under, TEXT);
                    check.pair(&format!("value in a field {status:?}"), field.value, shade, under, TEXT);
                }
            }
        }
        // The built-in buttons the screens use; a disabled one is an inactive control (exempt).
        type Builtin = fn(&Theme, button::Status) -> button::Style;
        let builtins: [(&str, Builtin); 4] = [
            ("primary", button::primary),
            ("secondary", button::secondary),
            ("danger", button::danger),
            ("text", button::text),
        ];
        for (what, style) in builtins {
            for status in [Active, Hovered, Pressed] {
                check.button(&format!("{what} button {status:?}"), style(&theme, status), page);
                check.button(&format!("{what} button {status:?} in a panel"), style(&theme, status), panel);
            }
        }
        failures.extend(check.failures);
    }
    assert!(failures.is_empty(), "below WCAG AA:\n{}", failures.join("\n"));
}

/// The register's charts (issue 18.6): bars and axes reach 3:1 against the panel they are drawn on
/// (WCAG 1.4.11, graphical objects), their labels 4.5:1, in both themes.
#[test]
fn the_register_charts_colours_stand_out_on_their_panel() {
    let mut failures = Vec::new();
    for (name, theme) in themes() {
        let colors = style::chart(&theme);
        let panel = color(style::panel(&theme).background).expect("a panel has a background");
        assert_eq!(colors.background, panel, "{name}: the charts sit on a panel");
        let mut check = Check { theme: name, failures: Vec::new() };
        for (i, series) in colors.series.iter().enumerate() {
            check.pair(&format!("chart series {i}"), *series, panel, panel, LARGE);
        }
        check.pair("chart axis", colors.axis, panel, panel, LARGE);
        check.pair("chart labels", colors.text, panel, panel, TEXT);
        // Three series that look alike would not tell 3★ from 5★.
        assert_ne!(colors.series[0], colors.series[1], "{name}");
        assert_ne!(colors.series[1], colors.series[2], "{name}");
        failures.extend(check.failures);
    }
    assert!(failures.is_empty(), "below WCAG:\n{}", failures.join("\n"));
}

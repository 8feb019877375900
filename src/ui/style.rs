//! Colours and small style helpers shared by the screens, from the active theme's palette. Every
//! colour a screen draws text in comes from here, and each reaches WCAG AA on the surface it is
//! drawn on in both themes (tests/ui_contrast.rs computes every ratio).

use crate::domain::Decision;
use iced::theme::palette::{Extended, Pair};
use iced::theme::{Palette, palette};
use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme};
use std::sync::LazyLock;

/// WCAG AA for body text; large text (the projector's) needs 3:1 only, but the board shares colours.
pub const AA_TEXT: f32 = 4.5;

/// A little above the bar, so that rounding in the renderer does not drop a colour below it.
const AIM: f32 = AA_TEXT + 0.1;

/// `color` moved toward black or white (whichever `against` contrasts with more) just far enough
/// to reach `min` contrast with `against`. Used both ways: a text on a background, a background
/// under a text.
pub fn separate(color: Color, against: Color, min: f32) -> Color {
    let extreme = if against.relative_contrast(Color::BLACK) >= against.relative_contrast(Color::WHITE) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    // First lighter or darker in the same hue (so the green of «Công nhận» stays green on dark),
    // then, if that is not enough, toward black or white.
    let shade = if extreme == Color::WHITE { palette::lighten } else { palette::darken };
    let hued = (0..=20).map(|step| shade(color, step as f32 * 0.025));
    let mixed = (0..=40).map(|step| palette::mix(color, extreme, step as f32 / 40.0));
    for candidate in hued.chain(mixed) {
        if candidate.relative_contrast(against) >= min {
            return Color { a: color.a, ..candidate };
        }
    }
    extreme
}

/// The window's two themes: iced's light and dark palettes, with every pair's text and the hover
/// shades of the coloured buttons made legible (iced's own pairs aim at looks, not at AA).
pub fn theme(dark: bool) -> Theme {
    static LIGHT: LazyLock<Theme> = LazyLock::new(|| Theme::custom_with_fn("Sáng", Palette::LIGHT, legible));
    static DARK: LazyLock<Theme> = LazyLock::new(|| Theme::custom_with_fn("Tối", Palette::DARK, legible));
    if dark { DARK.clone() } else { LIGHT.clone() }
}

fn legible(palette: Palette) -> Extended {
    let mut e = Extended::generate(palette);
    let sets = [
        (&mut e.primary.base, &mut e.primary.weak, &mut e.primary.strong),
        (&mut e.secondary.base, &mut e.secondary.weak, &mut e.secondary.strong),
        (&mut e.success.base, &mut e.success.weak, &mut e.success.strong),
        (&mut e.warning.base, &mut e.warning.weak, &mut e.warning.strong),
        (&mut e.danger.base, &mut e.danger.weak, &mut e.danger.strong),
    ];
    for (base, weak, strong) in sets {
        // A button draws base.text on base (at rest) and on strong (hovered).
        base.color = separate(base.color, base.text, AIM);
        strong.color = separate(strong.color, base.text, AIM);
        strong.text = base.text;
        weak.text = separate(weak.text, weak.color, AIM);
    }
    let b = &mut e.background;
    for pair in [&mut b.weakest, &mut b.weaker, &mut b.weak, &mut b.neutral, &mut b.strong] {
        *pair = Pair { text: separate(pair.text, pair.color, AIM), ..*pair };
    }
    e
}

/// A colour of the palette as a text colour on `background`: its hue kept, its lightness moved as
/// far as AA needs.
fn ink(color: Color, background: Color) -> Color {
    separate(color, background, AIM)
}

/// A muted text (an unavailable choice, a pending result) that is still readable on `background`.
pub fn muted(theme: &Theme, background: Color) -> Color {
    let p = theme.extended_palette();
    ink(palette::mix(p.background.base.text, background, 0.45), background)
}

/// The decision's colour, as text on a panel (the board, the projector).
pub fn decision_color(theme: &Theme, d: Decision) -> Color {
    let p = theme.extended_palette();
    let on = p.background.weak.color;
    match d {
        Decision::Recognized => ink(p.success.base.color, on),
        Decision::Forwarded => ink(p.primary.base.color, on),
        Decision::NotAchieved => ink(p.danger.base.color, on),
        Decision::Pending => muted(theme, on),
        Decision::Eliminated => ink(p.secondary.base.color, on),
    }
}

/// A panel with a faint background and rounded border.
pub fn panel(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        border: Border { radius: 6.0.into(), width: 1.0, color: p.background.strong.color },
        ..container::Style::default()
    }
}

/// A panel's background without its frame: what covers the board's rows under its product column.
pub fn panel_fill(theme: &Theme) -> container::Style {
    container::Style { background: panel(theme).background, ..container::Style::default() }
}

/// The frame around the criterion the keyboard is on.
pub fn current(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        border: Border { radius: 6.0.into(), width: 2.0, color: p.primary.strong.color },
        background: Some(Background::Color(p.primary.weak.color.scale_alpha(0.25))),
        ..container::Style::default()
    }
}

pub fn banner(theme: &Theme, error: bool) -> container::Style {
    let p = theme.extended_palette();
    let pair = if error { p.danger.weak } else { p.success.weak };
    container::Style {
        background: Some(Background::Color(pair.color)),
        text_color: Some(pair.text),
        border: Border { radius: 4.0.into(), ..Border::default() },
        ..container::Style::default()
    }
}

/// A text button on a banner (its «Dismiss»): the banner's own text colour, a faint shade when
/// hovered (iced's text button fades its text instead, below AA on a coloured banner).
pub fn banner_button(error: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let ink = banner(theme, error).text_color.unwrap_or(theme.extended_palette().background.base.text);
        let shade = match status {
            button::Status::Hovered | button::Status::Pressed => Some(Background::Color(ink.scale_alpha(0.12))),
            _ => None,
        };
        button::Style {
            background: shade,
            text_color: ink,
            border: Border { radius: 4.0.into(), ..Border::default() },
            ..button::Style::default()
        }
    }
}

/// A selectable row or option: primary when selected, a light outlined row otherwise, so that a
/// sheet of thirty criteria does not read as a wall of dark buttons.
pub fn choice(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        if selected {
            return button::primary(theme, legible_status(status));
        }
        let p = theme.extended_palette();
        let background = match status {
            button::Status::Hovered | button::Status::Pressed => p.primary.weak.color.scale_alpha(0.35),
            _ => p.background.base.color,
        };
        button::Style {
            background: Some(Background::Color(background)),
            // An unavailable member (absent, recused) still says why: muted, not faded out.
            text_color: if status == button::Status::Disabled {
                muted(theme, p.background.base.color)
            } else {
                p.background.base.text
            },
            border: Border { radius: 4.0.into(), width: 1.0, color: p.background.strong.color },
            ..button::Style::default()
        }
    }
}

/// Gives an element an id that tests (and scrolling) can find: in iced 0.14 only some widgets
/// (containers, inputs, scrollables) carry ids, so buttons are wrapped.
pub fn tag<'a, M: 'a>(
    id: impl Into<iced::widget::Id>,
    element: impl Into<iced::Element<'a, M>>,
) -> iced::widget::Container<'a, M> {
    container(element).id(id)
}

/// A selected choice or the active tab is never faded (iced halves a disabled button's alpha):
/// it shows where one is.
fn legible_status(status: button::Status) -> button::Status {
    if status == button::Status::Disabled { button::Status::Active } else { status }
}

/// The navigation tab style. A tab that needs a session is muted while none is open, not faded.
pub fn tab(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        if active {
            return button::primary(theme, legible_status(status));
        }
        match status {
            button::Status::Disabled => button::Style {
                text_color: muted(theme, theme.extended_palette().background.base.color),
                ..button::text(theme, button::Status::Active)
            },
            _ => button::text(theme, status),
        }
    }
}

/// A text field whose placeholder and value reach AA on the field in both themes: iced draws the
/// placeholder in the secondary colour, which the dark theme must keep light for its buttons.
pub fn text_input<'a, M: Clone>(placeholder: &str, value: &str) -> iced::widget::TextInput<'a, M> {
    iced::widget::text_input(placeholder, value).style(input)
}

/// The field's style: iced's own, with the placeholder and value inked on the field's background.
pub fn input(theme: &Theme, status: iced::widget::text_input::Status) -> iced::widget::text_input::Style {
    let mut s = iced::widget::text_input::default(theme, status);
    let field = match s.background {
        iced::Background::Color(c) => c,
        _ => theme.extended_palette().background.base.color,
    };
    s.placeholder = ink(s.placeholder, field);
    s.value = ink(s.value, field);
    s
}

/// Large graphical objects (a chart's bars, axes) need 3:1 against what is around them (WCAG 1.4.11).
pub const AA_GRAPHICS: f32 = 3.0;

/// The colours of the register's charts, drawn on a panel: one per series (3★, 4★, 5★; the
/// expiring count takes the first), the axes and the texts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartColors {
    pub series: [Color; 3],
    pub axis: Color,
    pub text: Color,
    /// The panel the chart sits on.
    pub background: Color,
}

pub fn chart(theme: &Theme) -> ChartColors {
    let p = theme.extended_palette();
    let on = p.background.weak.color;
    let graphic = |c: Color| separate(c, on, AA_GRAPHICS + 0.1);
    ChartColors {
        series: [graphic(p.primary.base.color), graphic(p.success.base.color), graphic(p.warning.base.color)],
        axis: graphic(p.background.strong.color),
        text: ink(p.background.weak.text, on),
        background: on,
    }
}

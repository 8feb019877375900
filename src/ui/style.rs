//! Colours and small style helpers shared by the screens, from the active theme's palette so that
//! light and dark both read well.

use crate::domain::Decision;
use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme};

pub fn decision_color(theme: &Theme, d: Decision) -> Color {
    let p = theme.extended_palette();
    match d {
        Decision::Recognized => p.success.base.color,
        Decision::Forwarded => p.primary.base.color,
        Decision::NotAchieved => p.danger.base.color,
        Decision::Pending => p.background.strong.color,
        Decision::Eliminated => p.secondary.base.color,
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

/// A selectable row or option: primary when selected, a light outlined row otherwise, so that a
/// sheet of thirty criteria does not read as a wall of dark buttons.
pub fn choice(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        if selected {
            return button::primary(theme, status);
        }
        let p = theme.extended_palette();
        let background = match status {
            button::Status::Hovered | button::Status::Pressed => p.primary.weak.color.scale_alpha(0.35),
            _ => p.background.base.color,
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: if status == button::Status::Disabled {
                p.background.strong.color
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

/// The navigation tab style.
pub fn tab(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        if active { button::primary(theme, status) } else { button::text(theme, status) }
    }
}

//! The Register screen's charts (issue 18.6), drawn on an iced canvas: valid products by stars per
//! year of decision, by product group, and certificates expiring per quarter. What is drawn —
//! bars, their heights, the axis ticks, every label — is computed by the pure `layout`, so tests
//! check it by hand numbers; `Chart::draw` only paints that layout in the theme's colours.

use crate::domain::register::stats::{GroupCount, Statistics};
use crate::ui::strings::{Lang, tr};
use crate::ui::{UI_BOLD, UI_FONT, style};
use iced::widget::canvas::{self, Frame, Path, Stroke, Text};
use iced::{Point, Rectangle, Renderer, Size, Theme, mouse};

/// What a chart shows: a title, a legend (one name per series) and one bar per key, each bar made
/// of one value per series, stacked from the axis up.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    pub title: String,
    pub legend: Vec<String>,
    pub bars: Vec<(String, Vec<usize>)>,
}

/// The stars of the series, in stacking order.
const STARS: [&str; 3] = ["3", "4", "5"];

/// How many product groups get a bar of their own; the rest are one "others" bar.
pub const GROUP_BARS: usize = 8;

fn stars_legend() -> Vec<String> {
    STARS.iter().map(|s| format!("{s}★")).collect()
}

fn stacked(g: &GroupCount) -> Vec<usize> {
    STARS.iter().map(|s| g.valid_by_stars.get(*s).copied().unwrap_or(0)).collect()
}

/// Valid products by stars per year of decision (`stats` grouped by year).
pub fn by_year(stats: &Statistics, lang: Lang) -> ChartData {
    ChartData {
        title: tr(lang, "Còn hiệu lực theo năm công nhận và hạng sao", "Valid, by year of decision and stars").into(),
        legend: stars_legend(),
        bars: stats.groups.iter().map(|g| (g.key.clone(), stacked(g))).collect(),
    }
}

/// Valid products by stars per product group (`stats` grouped by group): the largest groups, the
/// others summed in one bar.
pub fn by_group(stats: &Statistics, lang: Lang) -> ChartData {
    let mut groups: Vec<&GroupCount> = stats.groups.iter().collect();
    groups.sort_by(|a, b| b.valid.cmp(&a.valid).then_with(|| a.key.cmp(&b.key)));
    let unknown = tr(lang, "(không rõ)", "(unknown)");
    let mut bars: Vec<(String, Vec<usize>)> = groups
        .iter()
        .take(GROUP_BARS)
        .map(|g| (if g.key.is_empty() { unknown.to_string() } else { g.key.clone() }, stacked(g)))
        .collect();
    if groups.len() > GROUP_BARS {
        let mut rest = vec![0; STARS.len()];
        for g in &groups[GROUP_BARS..] {
            for (sum, n) in rest.iter_mut().zip(stacked(g)) {
                *sum += n;
            }
        }
        let others = format!("{} ({})", tr(lang, "Nhóm khác", "Other groups"), groups.len() - GROUP_BARS);
        bars.push((others, rest));
    }
    ChartData {
        title: tr(lang, "Còn hiệu lực theo nhóm sản phẩm và hạng sao", "Valid, by product group and stars").into(),
        legend: stars_legend(),
        bars,
    }
}

/// Certificates expiring in each of the coming quarters.
pub fn per_quarter(stats: &Statistics, lang: Lang) -> ChartData {
    ChartData {
        title: tr(lang, "Giấy chứng nhận hết hiệu lực theo quý", "Certificates expiring per quarter").into(),
        legend: vec![tr(lang, "hết hiệu lực", "expiring").into()],
        bars: stats.expiring_per_quarter.iter().map(|q| (q.quarter.clone(), vec![q.expiring])).collect(),
    }
}

/// Room around the plot: the value axis' labels on the left, the title and the values above the
/// bars at the top, the keys below.
pub const LEFT: f32 = 40.0;
pub const RIGHT: f32 = 8.0;
pub const TOP: f32 = 50.0;
pub const BOTTOM: f32 = 22.0;
/// A bar takes this share of its slot, and never more than `MAX_BAR` points.
pub const BAR_SHARE: f32 = 0.6;
pub const MAX_BAR: f32 = 48.0;
/// The chart's height on screen.
pub const HEIGHT: f32 = 210.0;
/// Points a character of a 11-point label takes, about: a key longer than its slot is shortened.
const CHAR_WIDTH: f32 = 6.0;

/// One stacked piece of a bar: its series, value and rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub series: usize,
    pub value: usize,
    pub y: f32,
    pub height: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The key as drawn under the bar (shortened with "…" to its slot).
    pub label: String,
    pub total: usize,
    pub x: f32,
    pub width: f32,
    pub segments: Vec<Segment>,
}

/// A value-axis tick: its number and height.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: usize,
    pub y: f32,
}

/// Everything drawn, in the canvas' points (origin top left).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub title: String,
    pub legend: Vec<String>,
    /// The plot's rectangle: the axes run along its left and bottom edges.
    pub plot: Rectangle,
    /// The value at the top of the axis (a multiple of the tick step).
    pub axis_max: usize,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
}

impl Layout {
    /// Every text the chart draws (for the glyph test).
    pub fn texts(&self) -> Vec<String> {
        let mut texts = vec![self.title.clone()];
        texts.extend(self.legend.iter().cloned());
        texts.extend(self.ticks.iter().map(|t| t.value.to_string()));
        for b in &self.bars {
            texts.push(b.label.clone());
            texts.push(b.total.to_string());
        }
        texts
    }
}

/// A tick step of 1, 2 or 5 × 10ⁿ giving at most four steps up to `max`.
pub fn tick_step(max: usize) -> usize {
    let mut unit = 1;
    loop {
        for step in [unit, 2 * unit, 5 * unit] {
            if max.div_ceil(step) <= 4 {
                return step;
            }
        }
        unit *= 10;
    }
}

fn shortened(label: &str, room: f32) -> String {
    let fits = ((room / CHAR_WIDTH).floor() as usize).max(2);
    if label.chars().count() <= fits {
        return label.to_string();
    }
    label.chars().take(fits - 1).collect::<String>() + "…"
}

/// The chart of `data` in a canvas of `width` × `height` points.
pub fn layout(data: &ChartData, width: f32, height: f32) -> Layout {
    let plot =
        Rectangle { x: LEFT, y: TOP, width: (width - LEFT - RIGHT).max(1.0), height: (height - TOP - BOTTOM).max(1.0) };
    let max = data.bars.iter().map(|(_, v)| v.iter().sum::<usize>()).max().unwrap_or(0);
    let step = tick_step(max.max(1));
    let axis_max = max.max(1).div_ceil(step) * step;
    let bottom = plot.y + plot.height;
    let scale = plot.height / axis_max as f32;
    let ticks =
        (0..=axis_max / step).map(|k| Tick { value: k * step, y: bottom - (k * step) as f32 * scale }).collect();
    let slot = plot.width / data.bars.len().max(1) as f32;
    let bar_width = (slot * BAR_SHARE).min(MAX_BAR);
    let bars = data
        .bars
        .iter()
        .enumerate()
        .map(|(i, (key, values))| {
            let mut base = bottom;
            let segments = values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(series, &value)| {
                    let height = value as f32 * scale;
                    base -= height;
                    Segment { series, value, y: base, height }
                })
                .collect();
            Bar {
                label: shortened(key, slot),
                total: values.iter().sum(),
                x: plot.x + slot * i as f32 + (slot - bar_width) / 2.0,
                width: bar_width,
                segments,
            }
        })
        .collect();
    Layout { title: data.title.clone(), legend: data.legend.clone(), plot, axis_max, ticks, bars }
}

/// A chart on the canvas: its data; the layout is made for the canvas' size when drawn.
pub struct Chart {
    pub data: ChartData,
}

fn label(content: String, position: Point, size: f32, color: iced::Color) -> Text {
    Text { content, position, size: size.into(), color, font: UI_FONT, ..Text::default() }
}

impl<Message> canvas::Program<Message> for Chart {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let colors = style::chart(theme);
        let l = layout(&self.data, bounds.width, bounds.height);
        let mut frame = Frame::new(renderer, bounds.size());
        let centred = iced::widget::text::Alignment::Center;
        frame.fill_text(Text { font: UI_BOLD, ..label(l.title.clone(), Point::new(0.0, 0.0), 13.0, colors.text) });
        // The legend, right of nothing but the title's line below it: a swatch and the series' name.
        for (i, name) in l.legend.iter().enumerate() {
            let x = LEFT + i as f32 * 64.0;
            frame.fill_rectangle(Point::new(x, 21.0), Size::new(10.0, 10.0), colors.series[i % colors.series.len()]);
            frame.fill_text(label(name.clone(), Point::new(x + 14.0, 18.0), 11.0, colors.text));
        }
        let axis = Stroke::default().with_color(colors.axis).with_width(1.0);
        let (left, bottom) = (l.plot.x, l.plot.y + l.plot.height);
        frame.stroke(&Path::line(Point::new(left, l.plot.y), Point::new(left, bottom)), axis);
        frame.stroke(&Path::line(Point::new(left, bottom), Point::new(left + l.plot.width, bottom)), axis);
        for t in &l.ticks {
            frame.stroke(&Path::line(Point::new(left - 4.0, t.y), Point::new(left, t.y)), axis);
            let text = label(t.value.to_string(), Point::new(left - 6.0, t.y - 7.0), 11.0, colors.text);
            frame.fill_text(Text { align_x: iced::widget::text::Alignment::Right, ..text });
        }
        for b in &l.bars {
            for s in &b.segments {
                let color = colors.series[s.series % colors.series.len()];
                frame.fill_rectangle(Point::new(b.x, s.y), Size::new(b.width, s.height), color);
            }
            let middle = b.x + b.width / 2.0;
            let top = b.segments.last().map_or(bottom, |s| s.y);
            let value = label(b.total.to_string(), Point::new(middle, top - 15.0), 11.0, colors.text);
            frame.fill_text(Text { align_x: centred, ..value });
            let key = label(b.label.clone(), Point::new(middle, bottom + 4.0), 11.0, colors.text);
            frame.fill_text(Text { align_x: centred, ..key });
        }
        vec![frame.into_geometry()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_of_at_most_four_steps() {
        let steps: Vec<usize> = [1, 3, 4, 5, 9, 10, 21, 40, 41, 999, 20_000].map(tick_step).to_vec();
        assert_eq!(steps, vec![1, 1, 1, 2, 5, 5, 10, 10, 20, 500, 5000]);
    }

    #[test]
    fn long_keys_are_shortened_to_their_slot() {
        assert_eq!(shortened("2023", 60.0), "2023");
        assert_eq!(shortened("Thực phẩm tươi sống", 36.0), "Thực …");
    }
}

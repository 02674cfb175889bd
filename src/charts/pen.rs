//! Colour contrast (WCAG 2.1 relative luminance) and the pen that draws on plotters' SVG backend.

use super::text::Font;
use super::{BLACK, FONT, INK, OI_ORANGE};
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle, WHITE,
};

pub(super) fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

pub(super) fn luminance(c: RGBColor) -> f64 {
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// Returns the WCAG contrast ratio of two colours, from 1 to 21.
pub(super) fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Picks the text colour for a fill: dark grey or white if either reaches 4.5:1, else
/// black or white, one of which always does.
pub(super) fn text_on(fill: RGBColor) -> RGBColor {
    [INK, WHITE]
        .into_iter()
        .find(|c| contrast(*c, fill) >= 4.5)
        .unwrap_or(if contrast(BLACK, fill) >= contrast(WHITE, fill) {
            BLACK
        } else {
            WHITE
        })
}

// ---------------------------------------------------------------------------------------
// Drawing on plotters' SVG backend

/// The most hatching lines one rectangle gets (a 560 × 5,000 canvas needs under 1,000).
pub(super) const MAX_HATCH_LINES: usize = 2_000;

pub(super) type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// The drawing area plus the tooltips to add to abbreviated labels afterwards.
pub(super) struct Pen<'a> {
    pub(super) area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    pub(super) tips: Vec<(String, String)>,
}

pub(super) fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

pub(super) fn pts(points: &[(f64, f64)]) -> Vec<(i32, i32)> {
    points.iter().map(|&(x, y)| pt(x, y)).collect()
}

impl Pen<'_> {
    pub(super) fn text(&mut self, text: &str, x: f64, y: f64, font: Font) -> Drawn {
        let style = if font.bold {
            FontStyle::Bold
        } else if font.italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(FontFamily::Name(FONT), font.size * 1.24, style);
        let style = TextStyle::from(desc)
            .color(&font.colour)
            .pos(Pos::new(font.h, font.v));
        self.area
            .draw(&Text::new(text.to_string(), pt(x, y), style))
    }

    /// Writes a label and, if it is not the full name, remembers the full name as tooltip.
    pub(super) fn label(&mut self, text: &str, x: f64, y: f64, font: Font, full: &str) -> Drawn {
        if text != full && !text.is_empty() {
            self.tips.push((text.to_string(), full.to_string()));
        }
        self.text(text, x, y, font)
    }

    /// Writes a label over a white box, so grid lines do not cross it.
    pub(super) fn backed_label(
        &mut self,
        text: &str,
        x: f64,
        y: f64,
        font: Font,
        full: &str,
    ) -> Drawn {
        let w = font.width(text);
        let x0 = match font.h {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        };
        let half = font.size * 0.65;
        self.rect(x0 - 2.0, y - half, x0 + w + 2.0, y + half, WHITE)?;
        self.label(text, x, y, font, full)
    }

    pub(super) fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBColor) -> Drawn {
        self.area
            .draw(&Rectangle::new([pt(x0, y0), pt(x1, y1)], fill.filled()))
    }

    pub(super) fn outline(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: RGBColor,
    ) -> Drawn {
        self.area.draw(&Rectangle::new(
            [pt(x0, y0), pt(x1, y1)],
            colour.stroke_width(1),
        ))
    }

    /// Hatches a rectangle with 45° lines, 6 units apart.
    pub(super) fn hatch(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> Drawn {
        let mut c = x0 + y0 + 6.0;
        // Bounded by a count too: with a huge or infinite corner, `c += 6` would never end.
        let mut drawn = 0;
        while c < x1 + y1 && drawn < MAX_HATCH_LINES {
            let a = (c - y1).max(x0);
            let b = (c - y0).min(x1);
            if b - a > 0.5 {
                self.path(&[(a, c - a), (b, c - b)], colour, 1)?;
            }
            c += 6.0;
            drawn += 1;
        }
        Ok(())
    }

    pub(super) fn path(&mut self, points: &[(f64, f64)], colour: RGBColor, width: u32) -> Drawn {
        self.area
            .draw(&PathElement::new(pts(points), colour.stroke_width(width)))
    }

    pub(super) fn dashed(
        &mut self,
        points: &[(f64, f64)],
        colour: RGBColor,
        width: u32,
        dash: f64,
        gap: f64,
    ) -> Drawn {
        let style: ShapeStyle = colour.stroke_width(width);
        self.area
            .draw(&DashedPathElement::new(pts(points), dash, gap, style))
    }

    pub(super) fn polygon(
        &mut self,
        points: &[(f64, f64)],
        colour: RGBColor,
        opacity: f64,
    ) -> Drawn {
        self.area
            .draw(&Polygon::new(pts(points), colour.mix(opacity).filled()))
    }

    /// A filled dot with a white ring, so overlapping dots stay apart.
    pub(super) fn dot(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, colour.filled()))?;
        self.area.draw(&Circle::new(
            pt(x, y),
            r.round() as i32 + 1,
            WHITE.stroke_width(1),
        ))
    }

    pub(super) fn hollow(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, WHITE.filled()))?;
        self.area.draw(&Circle::new(
            pt(x, y),
            r.round() as i32,
            colour.stroke_width(2),
        ))
    }

    pub(super) fn diamond(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        let d = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
        self.polygon(&d, colour, 1.0)
    }

    /// A warning triangle with "!" centred on (x, y).
    pub(super) fn warning(&mut self, x: f64, y: f64) -> Drawn {
        let tri = [(x, y - 9.0), (x + 10.0, y + 8.0), (x - 10.0, y + 8.0)];
        self.polygon(&tri, OI_ORANGE, 1.0)?;
        let mut edge = tri.to_vec();
        edge.push(tri[0]);
        self.path(&edge, INK, 1)?;
        let font = Font::new(12.0, INK).bold().at(HPos::Center, VPos::Center);
        self.text("!", x, y + 2.0, font)
    }
}

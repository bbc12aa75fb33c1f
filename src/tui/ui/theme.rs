//! Styles, with and without colour. Meaning is never carried by colour
//! alone: selection is reversed and bold, kinds have letters, statuses words.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::model::{ActorKind, Stance, Status};

/// The styles of one screen; `color: false` honours NO_COLOR, whatever
/// the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used.
    pub color: bool,
    /// Which colours, for a dark or a light terminal background.
    pub palette: Palette,
}

/// The built-in colour schemes, chosen in the config file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Palette {
    /// For dark backgrounds: the terminal's usual look.
    #[default]
    Dark,
    /// For light backgrounds: no yellow or light grey text, which vanish
    /// on white.
    Light,
}

impl Palette {
    /// Every palette with its name in the config file.
    pub const ALL: [(&'static str, Palette); 2] =
        [("dark", Palette::Dark), ("light", Palette::Light)];

    /// The palette's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
        }
    }
}

/// A relation's status in one cell, so it never takes a label's room:
/// a reported relation needs no mark. Help shows the legend.
pub const STATUS_GLYPHS: [(Status, char); 7] = [
    (Status::Reported, ' '),
    (Status::Confirmed, '✓'),
    (Status::Claimed, '?'),
    (Status::Alleged, '!'),
    (Status::Disputed, '±'),
    (Status::Denied, '×'),
    (Status::Planned, '~'),
];

/// The one-cell mark of `status`, in the message style so it stands out.
pub fn status_glyph(status: Status, theme: Theme) -> Span<'static> {
    let glyph = STATUS_GLYPHS
        .iter()
        .find(|(known, _)| *known == status)
        .map_or(' ', |(_, glyph)| *glyph);
    Span::styled(glyph.to_string(), theme.message())
}

/// The one-cell "as of" mark: `≈` before an entry whose start may fall
/// after the "as of" date, a blank otherwise, so columns stay put.
pub fn as_of_mark(uncertain: bool, theme: Theme) -> Span<'static> {
    if uncertain {
        Span::styled(crate::model::Begun::MARK.to_string(), theme.message())
    } else {
        Span::raw(" ")
    }
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// `dark` on a dark background, `light` on a light one.
    fn pick(self, dark: Color, light: Color) -> Color {
        match self.palette {
            Palette::Dark => dark,
            Palette::Light => light,
        }
    }

    /// The selected row of the pane keys act on.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The selected row of a pane keys do not act on.
    pub fn selected_inactive(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Headings and names.
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: dates, sources, counts.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Matched characters of the filter.
    pub fn matched(self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Blue))
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The border of the pane keys act on.
    pub fn active_border(self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue))
            .add_modifier(Modifier::BOLD)
    }

    /// Quoted evidence.
    pub fn quote(self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// Filter chips in the status bar.
    pub fn chip(self) -> Style {
        if self.color {
            Style::new()
                .fg(self.pick(Color::Black, Color::White))
                .bg(self.pick(Color::Cyan, Color::Blue))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Transient messages.
    pub fn message(self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Magenta))
            .add_modifier(Modifier::BOLD)
    }

    /// An actor kind's letter and colour.
    pub fn kind(self, kind: &ActorKind) -> Style {
        self.fg(match kind {
            ActorKind::State | ActorKind::Government => Color::Blue,
            ActorKind::Person => Color::Green,
            ActorKind::ArmedGroup => Color::Red,
            ActorKind::Organization | ActorKind::Media => Color::Magenta,
            ActorKind::Community => self.pick(Color::LightGreen, Color::Green),
            ActorKind::Place | ActorKind::Facility => Color::Cyan,
            ActorKind::Event => self.pick(Color::Yellow, Color::Red),
            ActorKind::Other(_) => self.pick(Color::Gray, Color::Reset),
        })
    }

    /// A stance's colour: red for conflict, green for cooperation.
    pub fn stance(self, stance: Stance) -> Style {
        self.fg(match stance.score() {
            ..=-2 => Color::Red,
            -1 => self.pick(Color::LightRed, Color::Red),
            0 => self.pick(Color::Gray, Color::Reset),
            1 => self.pick(Color::LightGreen, Color::Green),
            _ => Color::Green,
        })
    }
}

/// The one-letter marker of an actor kind, readable without colour.
pub fn kind_letter(kind: &ActorKind) -> char {
    match kind {
        ActorKind::State => 'S',
        ActorKind::Government => 'G',
        ActorKind::Person => 'P',
        ActorKind::Organization => 'O',
        ActorKind::ArmedGroup => 'A',
        ActorKind::Media => 'M',
        ActorKind::Community => 'C',
        ActorKind::Place => 'L',
        ActorKind::Facility => 'F',
        ActorKind::Event => 'E',
        ActorKind::Other(_) => '?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style that can colour text, for each kind and stance.
    fn text_styles(theme: Theme) -> Vec<Style> {
        let kinds = ActorKind::NAMED
            .into_iter()
            .chain([ActorKind::Other("x".into())]);
        let mut styles = vec![
            theme.dim(),
            theme.matched(),
            theme.active_border(),
            theme.chip(),
            theme.message(),
        ];
        styles.extend(kinds.map(|kind| theme.kind(&kind)));
        styles.extend(Stance::ALL.map(|stance| theme.stance(stance)));
        styles
    }

    #[test]
    fn the_light_theme_has_no_text_that_vanishes_on_white() {
        let light = Theme {
            color: true,
            palette: Palette::Light,
        };
        let faint = [
            Color::Yellow,
            Color::LightYellow,
            Color::Gray,
            Color::White,
            Color::LightGreen,
            Color::LightCyan,
        ];
        for style in text_styles(light) {
            let on_white = style.bg.is_none_or(|bg| bg == Color::Reset);
            if on_white {
                assert!(
                    !style.fg.is_some_and(|fg| faint.contains(&fg)),
                    "{style:?} is hard to read on white"
                );
            }
        }
    }

    #[test]
    fn no_color_wins_over_any_palette() {
        for palette in [Palette::Dark, Palette::Light] {
            let plain = Theme {
                color: false,
                palette,
            };
            for style in text_styles(plain) {
                assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            }
        }
    }
}

//! The help overlay: scrolling it, and how many lines it holds.

use super::*;

impl App {
    /// Help scrolls with the keys that scroll lists; `/` and `:` go on
    /// to the filter and the command line; `q`, Esc, `?` and any other key
    /// close it, so it never quits.
    pub(super) fn update_help(&mut self, action: Action, scroll: u16) {
        let most = i64::from(self.help_max_scroll());
        let page = i64::from(self.help_rows().max(2) - 1);
        let scroll = i64::from(scroll);
        let to = match action {
            Action::Move(rows) | Action::Scroll { lines: rows, .. } => scroll + rows as i64,
            Action::Page(pages) => scroll + pages as i64 * page,
            Action::First => 0,
            Action::Last => most,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.keep_visible();
                scroll.min(i64::from(self.help_max_scroll()))
            }
            Action::StartFilter => {
                self.overlay = None;
                return self.start_filter();
            }
            Action::OpenCommand => {
                self.overlay = None;
                return self.open_command();
            }
            _ => {
                self.overlay = None;
                return;
            }
        };
        let scroll = to.clamp(0, most.max(0)) as u16;
        self.overlay = Some(Overlay::Help { scroll });
    }

    /// How many lines the help overlay holds: each section's title, rows
    /// and a blank line, then the two lines of kind letters.
    pub(super) fn help_lines(&self) -> usize {
        let sections: usize = self
            .keymap
            .help()
            .iter()
            .map(|(_, rows)| rows.len() + 2)
            .sum();
        // The kind letters' two lines and the status glyphs' one.
        sections + (QUERY_KEYS.len() + 2) + (COMMANDS.len() + 2) + 3
    }

    /// How many lines of help the screen shows at once: its box has a
    /// border.
    pub(super) fn help_rows(&self) -> u16 {
        let lines = u16::try_from(self.help_lines()).unwrap_or(u16::MAX);
        lines.saturating_add(2).min(self.height).saturating_sub(2)
    }

    /// How far help scrolls before its last line is at the bottom.
    pub(super) fn help_max_scroll(&self) -> u16 {
        u16::try_from(self.help_lines())
            .unwrap_or(u16::MAX)
            .saturating_sub(self.help_rows())
    }
}

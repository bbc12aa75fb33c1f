use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::fit;
use super::theme::{STATUS_GLYPHS, Theme};
use crate::tui::app::{App, COMMANDS, FilterOption};
use crate::tui::keymap::QUERY_KEYS;

/// "Status: ✓ confirmed · ? claimed …", for the glyphs of relation rows.
fn status_legend() -> String {
    let glyphs: Vec<String> = STATUS_GLYPHS
        .iter()
        .filter(|(_, glyph)| *glyph != ' ')
        .map(|(status, glyph)| format!("{glyph} {}", status.name().to_lowercase()))
        .collect();
    format!("Status: {} · (blank) reported", glyphs.join(" · "))
}

/// A box of at most `width` × `height` in the middle of `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The key bindings, generated from the keymap in force.
pub fn help(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: u16, theme: Theme) {
    let mut lines = Vec::new();
    for (title, rows) in app.keymap().help() {
        lines.push(Line::from(Span::styled(title, theme.strong())));
        for (keys, what) in rows {
            lines.push(Line::from(vec![
                Span::styled(fit(&keys, 26), theme.strong()),
                Span::raw(what),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Finding an actor (after /)",
        theme.strong(),
    )));
    for (keys, what) in QUERY_KEYS {
        lines.push(Line::from(vec![
            Span::styled(fit(keys, 26), theme.strong()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Commands (after :)",
        theme.strong(),
    )));
    for (name, what) in COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(fit(name, 26), theme.strong()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Kinds: S state · G government · P person · O organisation · A armed group",
        theme.dim(),
    )));
    lines.push(Line::from(Span::styled(
        "       M media · C community · L place · F facility · E event · ? other",
        theme.dim(),
    )));
    lines.push(Line::from(Span::styled(status_legend(), theme.dim())));
    let height = (lines.len() as u16).saturating_add(2);
    let box_area = centred(area, 92, height);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::styled(
                " Keys — ↑↓ PgDn G scroll · q, Esc or ? closes ",
                theme.strong(),
            )))
            .scroll((scroll, 0)),
        box_area,
    );
}

/// What is wrong with the open file's new version, as `kgx validate`
/// would print it, over the last good graph.
pub fn problems(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: u16, theme: Theme) {
    let Some(error) = app.problems() else {
        return lint_findings(frame, area, app, scroll, theme);
    };
    let box_area = centred(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let text = error.render_width(false, usize::from(box_area.width.saturating_sub(2)));
    let lines: Vec<Line> = text
        .lines()
        .map(|line| Line::raw(line.to_owned()))
        .collect();
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(theme.message())
                    .title(Span::styled(
                        " The file changed and has problems — the last good version stays · ↑↓ scroll · Esc closes ",
                        theme.strong(),
                    )),
            )
            .scroll((scroll, 0)),
        box_area,
    );
}

/// When the file itself loads: what reading it changed or left out, as
/// `kgx validate` prints it, then the lint's findings on the graph shown,
/// as `kgx lint` prints them (the first of each check in full).
fn lint_findings(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: u16, theme: Theme) {
    let report = app.lint_report();
    let warnings = app.warnings();
    if report.is_none() && warnings.is_none() {
        return;
    }
    let box_area = centred(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let width = usize::from(box_area.width.saturating_sub(2));
    let mut text = warnings.map_or_else(String::new, |w| w.render(false, width));
    if let Some(report) = report {
        text.push_str(&report.render(false, width, false));
    }
    let title = match warnings {
        Some(_) => {
            " Warnings and lint findings — rows findings are about carry ! · ↑↓ scroll · Esc closes "
        }
        None => " Lint findings — rows they are about carry ! · ↑↓ scroll · Esc closes ",
    };
    let lines: Vec<Line> = text
        .lines()
        .map(|line| Line::raw(line.to_owned()))
        .collect();
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::styled(title, theme.strong())))
            .scroll((scroll, 0)),
        box_area,
    );
}

/// The filter menu: every option with whether it is shown.
pub fn filters(frame: &mut Frame<'_>, area: Rect, app: &App, selected: usize, theme: Theme) {
    let options = app.filter_options();
    let box_area = centred(area, 70, area.height.saturating_sub(4));
    let rows = usize::from(box_area.height.saturating_sub(2));
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let mut previous_group = None;
    let mut lines = Vec::new();
    for (index, option) in options.iter().enumerate() {
        let (group, name) = match option {
            FilterOption::ActorKind(kind) => ("actor kind", kind.name().to_owned()),
            FilterOption::Status(status) => ("status", status.name().to_owned()),
            FilterOption::Stance(stance) => ("stance", stance.with_score()),
            FilterOption::RelationKind(kind) => ("relation", kind.replace('_', " ")),
            FilterOption::Unrelated => ("actors", "also those left with no relation".to_owned()),
        };
        if index < offset {
            previous_group = Some(group);
            continue;
        }
        let label = format!("{name}  ({})", app.option_count(option));
        let heading = if previous_group != Some(group) {
            group
        } else {
            ""
        };
        previous_group = Some(group);
        let check = if app.option_shown(option) {
            "[x]"
        } else {
            "[ ]"
        };
        let line = Line::from(vec![
            Span::styled(fit(heading, 12), theme.dim()),
            Span::raw(format!("{check} {label}")),
        ]);
        lines.push(if index == selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(Span::styled(
            " Filters — Space show/hide · Enter only · F clear · Esc close ",
            theme.strong(),
        ))),
        box_area,
    );
}

/// What Tab can complete the command line's last word to, in a box just
/// above the status line; the one put in last is reversed.
pub fn candidates(frame: &mut Frame<'_>, screen: Rect, status: Rect, app: &App, theme: Theme) {
    let Some(line) = app.command() else {
        return;
    };
    if line.candidates.is_empty() {
        return;
    }
    let graph = app.graph();
    let rows: Vec<String> = line
        .candidates
        .iter()
        .map(|candidate| match graph.find_id(candidate) {
            Some(node) if graph.actor(node).name != *candidate => {
                format!("{candidate} — {}", graph.actor(node).name)
            }
            _ => candidate.clone(),
        })
        .collect();
    let shown = rows
        .len()
        .min(usize::from(status.y.saturating_sub(screen.y + 2)).min(10));
    let first = line
        .chosen
        .map_or(0, |chosen| chosen.saturating_sub(shown.saturating_sub(1)));
    let width = rows
        .iter()
        .map(|row| super::text::width(row))
        .max()
        .unwrap_or(0)
        .clamp(10, usize::from(screen.width).saturating_sub(2)) as u16
        + 2;
    let height = shown as u16 + 2;
    let area = Rect {
        x: screen.x,
        y: status.y.saturating_sub(height),
        width: width.min(screen.width),
        height,
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(index, row)| {
            let style = if Some(index) == line.chosen {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(Span::styled(
                super::text::clip(row, usize::from(width) - 2),
                style,
            ))
        })
        .collect();
    let title = format!(" {} — Tab next ", rows.len());
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(Span::styled(title, theme.dim()))),
        area,
    );
}

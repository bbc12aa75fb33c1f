//! The defence against spreadsheet formula injection in CSV and TSV
//! exports, as OWASP describes it: a cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return is a formula to Excel, LibreOffice and
//! Google Sheets, which may run it when the file is opened. Such a cell
//! is written with a `'` in front, which spreadsheets show as text and do
//! not display. Cells that are plain numbers (`-3`, `+1.5`) are left as
//! they are, since a spreadsheet reads them as numbers, not formulas.
//! The defence is on by default; `--keep-formulas` writes cells exactly.
//! Ids, kinds and dates are not touched: kgx checks their form when it
//! reads them, and the JSON cells (aliases, evidence) start with `[`/`{`.

use crate::model::Dataset;

/// Puts a `'` before every free-text cell of `dataset` that a spreadsheet
/// would take for a formula; returns how many were changed.
pub fn defuse(dataset: &mut Dataset) -> usize {
    let mut changed = 0;
    let mut cell = |text: &mut String| {
        if is_formula(text) {
            text.insert(0, '\'');
            changed += 1;
        }
    };
    for actor in &mut dataset.actors {
        cell(&mut actor.name);
        if let Some(summary) = &mut actor.summary {
            cell(summary);
        }
        actor.attributes.values_mut().for_each(&mut cell);
    }
    for relation in &mut dataset.relations {
        if let Some(label) = &mut relation.label {
            cell(label);
        }
        relation.attributes.values_mut().for_each(&mut cell);
    }
    changed
}

/// Whether a spreadsheet would read `text` as a formula.
fn is_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.trim().parse::<f64>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd",
            "@SUM(A1)",
            "\t=1",
        ] {
            assert!(is_formula(formula), "{formula}");
        }
        for plain in ["-3", "+1.5", "-0.25", "a=b", "", "Sergey Lavrov", "'=1"] {
            assert!(!is_formula(plain), "{plain}");
        }
    }
}

//! A CSV table as places in its text, for the reader that locates every
//! problem: each cell is where it is and how to find its value, four
//! numbers rather than a string, so a broken edge list of a million rows
//! is held once (its text) and not again as cells. A value is read from
//! the text itself; only one that its quotes changed (`"say ""hi"""`) is
//! copied, into one buffer. Lines and columns are worked out from the
//! places only for the problems reported.

use std::ops::Range;

use super::csv::unclosed_quote;
use crate::load::{Collected, Problem};

/// A table read from CSV text: the header and the rows, every row with as
/// many cells as the header.
pub(super) struct Table<'t> {
    text: &'t str,
    header: Vec<Cell>,
    /// The cells of every row, row after row.
    cells: Vec<Cell>,
    /// Where each row is: from its first cell to the end of its last.
    rows: Vec<[u32; 2]>,
    /// The values that their quotes changed, one after another.
    unquoted: String,
    /// Where each of those values is in `unquoted`.
    unquoted_at: Vec<[u32; 2]>,
}

/// One cell: where it is in the text (its quotes included) and where its
/// value is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cell {
    start: u32,
    end: u32,
    value: Value,
}

/// Where a cell's value is.
#[derive(Clone, Copy, Debug)]
enum Value {
    /// The cell's text as it is.
    Written,
    /// The cell's text inside its quotes.
    Quoted,
    /// In the table's buffer of values the quotes changed: the index.
    Unquoted(u32),
}

impl Cell {
    /// Where the cell is in the text, its quotes included.
    pub fn span(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl<'t> Table<'t> {
    /// Reads the header and rows; reports every row whose number of fields
    /// differs from the header's (the first ones in full, the rest
    /// counted; no row is kept once one is wrong), an empty file, and a
    /// file too large to hold places in.
    pub fn read(text: &'t str, delimiter: u8) -> Result<Table<'t>, Vec<Problem>> {
        if u32::try_from(text.len()).is_err() {
            return Err(vec![too_large(delimiter)]);
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut table = Table {
            text,
            header: Vec::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            unquoted: String::new(),
            unquoted_at: Vec::new(),
        };
        let mut has_header = false;
        let mut problems = Collected::default();
        let mut record = csv::StringRecord::new();
        loop {
            let start = reader.position().byte() as usize;
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let start = record.position().map_or(start, |p| p.byte() as usize);
                    // After a row ended by CR LF the reader's position is
                    // at the LF: the row itself starts after it.
                    let start = start
                        + text.as_bytes()[start.min(text.len())..]
                            .iter()
                            .take_while(|&&b| b == b'\r' || b == b'\n')
                            .count();
                    if let Some(quote) = unclosed_quote(text, start, delimiter) {
                        return Err(vec![
                            Problem::at(quote..quote + 1, "this quote is never closed: every row after it was read as part of one field")
                                .label("opening quote")
                                .help(Some("close the quoted field with a second \", or double a quote inside a field: \"say \"\"hi\"\"\"".into())),
                        ]);
                    }
                    let spans = field_spans(text, start, delimiter);
                    let end = spans.last().map_or(start, |s| s.end);
                    if has_header && record.len() != table.header.len() {
                        problems.push(ragged(
                            start..end,
                            record.len(),
                            table.header.len(),
                            delimiter,
                        ));
                        table.cells = Vec::new();
                        table.rows = Vec::new();
                        table.unquoted = String::new();
                        table.unquoted_at = Vec::new();
                        continue;
                    }
                    if !problems.is_empty() {
                        continue;
                    }
                    // The first row is the header; the others go after
                    // the rows before them.
                    let row_start = table.cells.len();
                    for (value, span) in record
                        .iter()
                        .zip(spans.into_iter().chain(std::iter::repeat(end..end)))
                    {
                        let cell = table.cell(value, span);
                        table.cells.push(cell);
                    }
                    if has_header {
                        // Every offset is within the text, which fits in u32.
                        table.rows.push([start as u32, end as u32]);
                    } else {
                        table.header = table.cells.split_off(row_start);
                        has_header = true;
                    }
                }
                Err(err) => {
                    let at = err
                        .position()
                        .map_or(start, |p| p.byte() as usize)
                        .min(text.len());
                    return Err(vec![
                        Problem::at(at..at, format!("the {} is broken: {err}", kind_name(delimiter)))
                            .label("here")
                            .help(Some("a field with a quote in it is written in quotes, the quote doubled: \"say \"\"hi\"\"\"".into())),
                    ]);
                }
            }
        }
        if !has_header {
            return Err(vec![
                Problem::at(0..0, format!("the {} is empty", kind_name(delimiter)))
                    .label("expected a header row")
                    .help(Some(
                        "the first row names the columns, as in `from,to,kind`".into(),
                    )),
            ]);
        }
        if !problems.is_empty() {
            return Err(problems.into_problems());
        }
        Ok(table)
    }

    /// The cell at `span` whose value the csv reader gave as `value`:
    /// found in the text where it is there, else copied.
    fn cell(&mut self, value: &str, span: Range<usize>) -> Cell {
        let written = &self.text[span.clone()];
        let value = if written == value {
            Value::Written
        } else if written.len() >= 2
            && written.starts_with('"')
            && written.ends_with('"')
            && &written[1..written.len() - 1] == value
        {
            Value::Quoted
        } else {
            let from = self.unquoted.len() as u32;
            self.unquoted.push_str(value);
            self.unquoted_at.push([from, self.unquoted.len() as u32]);
            Value::Unquoted(self.unquoted_at.len() as u32 - 1)
        };
        Cell {
            start: span.start as u32,
            end: span.end as u32,
            value,
        }
    }

    /// A cell's value, as the csv reader reads it.
    pub fn value(&self, cell: Cell) -> &str {
        match cell.value {
            Value::Written => &self.text[cell.span()],
            Value::Quoted => &self.text[cell.start as usize + 1..cell.end as usize - 1],
            Value::Unquoted(index) => {
                let [from, to] = self.unquoted_at[index as usize];
                &self.unquoted[from as usize..to as usize]
            }
        }
    }

    /// The header's cells.
    pub fn header(&self) -> &[Cell] {
        &self.header
    }

    /// The header's name for `column`, without the spaces around it.
    pub fn column_name(&self, column: usize) -> &str {
        self.value(self.header[column]).trim()
    }

    /// The index of the first column whose name is one of `names`,
    /// ignoring case and the spaces around it.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        (0..self.header.len()).find(|&column| {
            names
                .iter()
                .any(|name| self.column_name(column).eq_ignore_ascii_case(name))
        })
    }

    /// How many rows there are after the header.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The cells of row `index`, one per column.
    pub fn row(&self, index: usize) -> &[Cell] {
        let width = self.header.len();
        &self.cells[index * width..(index + 1) * width]
    }

    /// Where row `index` is.
    pub fn row_span(&self, index: usize) -> Range<usize> {
        let [start, end] = self.rows[index];
        start as usize..end as usize
    }
}

/// The problem of a file whose places do not fit the table's numbers.
fn too_large(delimiter: u8) -> Problem {
    Problem::whole_file(format!(
        "this {} does not read as a sound edge list, and at 4 GiB or more it is too large to locate its problems in",
        kind_name(delimiter)
    ))
    .help(Some(
        "split the file, or check a part of it to find what is wrong".into(),
    ))
}

/// A row with `fields` fields where the header has `expected`.
fn ragged(span: Range<usize>, fields: usize, expected: usize, delimiter: u8) -> Problem {
    let hint = if fields > expected {
        format!(
            "a value with a {} in it goes in double quotes: \"Damascus{} Syria\"",
            separator_name(delimiter),
            char::from(delimiter)
        )
    } else {
        "leave a field empty rather than out: a,b,,d".to_owned()
    };
    Problem::at(
        span,
        format!("this row has {fields} fields, the header has {expected}"),
    )
    .label(format!("{fields} fields"))
    .help(Some(hint))
}

pub(super) fn kind_name(delimiter: u8) -> &'static str {
    if delimiter == b'\t' { "TSV" } else { "CSV" }
}

fn separator_name(delimiter: u8) -> &'static str {
    if delimiter == b'\t' { "tab" } else { "comma" }
}

/// Where each field of the record starting at `start` is in the text
/// (quotes included), scanning as CSV does: a delimiter or line break
/// inside quotes belongs to the field.
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut in_quotes = false;
    let mut at = start;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && byte == delimiter {
            spans.push(field_start..at);
            field_start = at + 1;
        } else if !in_quotes && (byte == b'\n' || byte == b'\r') {
            break;
        }
        at += 1;
    }
    spans.push(field_start..at);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::diagnostic::line_column;

    #[test]
    fn field_spans_follow_quotes() {
        let text = "a,\"b,c\",d\nx";
        let spans = field_spans(text, 0, b',');
        let fields: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(fields, ["a", "\"b,c\"", "d"]);
    }

    /// Every cell as (value, line, column), line and column worked out
    /// from the cell's place as a diagnostic does.
    fn located(text: &str) -> Vec<Vec<(String, (usize, usize))>> {
        let table = Table::read(text, b',').unwrap_or_else(|_| panic!("{text:?} reads"));
        (0..table.len())
            .map(|row| {
                table
                    .row(row)
                    .iter()
                    .map(|&cell| {
                        let place = line_column(text, cell.span().start);
                        (table.value(cell).to_owned(), place)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cells_after_a_quoted_multi_line_cell_are_placed_on_their_own_line() {
        let text = "from,to,note\na,b,\"two\nlines, \"\"quoted\"\"\"\nc,\"d\",e\n";
        assert_eq!(
            located(text),
            [
                vec![
                    ("a".into(), (2, 1)),
                    ("b".into(), (2, 3)),
                    ("two\nlines, \"quoted\"".into(), (2, 5)),
                ],
                vec![
                    ("c".into(), (4, 1)),
                    ("d".into(), (4, 3)),
                    ("e".into(), (4, 7)),
                ],
            ]
        );
    }

    #[test]
    fn carriage_returns_end_lines_and_are_in_no_value() {
        let text = "from,to\r\na,b\r\n\"c\",d\r\n";
        assert_eq!(
            located(text),
            [
                vec![("a".into(), (2, 1)), ("b".into(), (2, 3))],
                vec![("c".into(), (3, 1)), ("d".into(), (3, 5))],
            ]
        );
    }

    #[test]
    fn only_values_their_quotes_changed_are_copied() {
        let text = "a,b,c\nplain,\"quoted\",\"dou\"\"bled\"\n";
        let table = Table::read(text, b',').expect("reads");
        let values: Vec<&str> = table.row(0).iter().map(|&c| table.value(c)).collect();
        assert_eq!(values, ["plain", "quoted", "dou\"bled"]);
        assert_eq!(table.unquoted, "dou\"bled");
    }
}

//! A small table with aligned columns, for printing measured results.

use std::fmt;

/// Rows of text printed under a header, each column as wide as its widest cell.
/// A column of numbers (every cell starts with a digit, or is `-` for none) is
/// aligned right, so the digits line up; a column of words is aligned left.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(header: I) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<I: IntoIterator<Item = S>, S: ToString>(
        &mut self,
        cells: I,
    ) -> &mut Self {
        self.rows
            .push(cells.into_iter().map(|c| c.to_string()).collect());
        self
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = self.header.len();
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .filter_map(|row| row.get(i))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        let numeric: Vec<bool> = (0..columns)
            .map(|i| {
                self.rows.iter().all(|row| {
                    row.get(i).is_none_or(|cell| {
                        cell == "-"
                            || cell.starts_with(|c: char| c.is_ascii_digit())
                    })
                })
            })
            .collect();
        let line =
            |f: &mut fmt::Formatter<'_>, row: &[String]| -> fmt::Result {
                let mut text = String::new();
                for (i, cell) in row.iter().enumerate() {
                    let w = widths.get(i).copied().unwrap_or(0);
                    let gap = if i == 0 { "" } else { "  " };
                    if numeric[i] {
                        text.push_str(&format!("{gap}{cell:>w$}"));
                    } else {
                        text.push_str(&format!("{gap}{cell:<w$}"));
                    }
                }
                writeln!(f, "  {}", text.trim_end())
            };
        line(f, &self.header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(f, &rule)?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let mut table = Table::new(["threads", "time"]);
        table.row(["1", "1.00 s"]).row(["16", "0.10 s"]);
        let text = table.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "  threads    time");
        assert_eq!(lines[1], "  -------  ------");
        assert_eq!(lines[3], "       16  0.10 s");
    }

    #[test]
    fn a_dash_for_none_keeps_a_column_of_numbers() {
        let mut table = Table::new(["model", "time"]);
        table.row(["rayon", "-"]).row(["async", "10.00 s"]);
        let text = table.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "  rayon        -");
    }

    #[test]
    fn words_line_up_on_the_left() {
        let mut table = Table::new(["model", "time"]);
        table.row(["threads", "1.00 s"]).row(["async", "10.00 s"]);
        let text = table.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "  threads   1.00 s");
        assert_eq!(lines[3], "  async    10.00 s");
    }
}

//! Sorting more lines than memory holds: sorted runs of at most a memory budget spilled to
//! anonymous temporary files, then merged, so that an export of the whole store is written in
//! sorted order with memory that does not grow with the store.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use crate::error::{Error, Result};

/// Lines sorted by their bytes, each line once when `dedup`.
pub(super) struct ExternalSort {
    buffer: Vec<String>,
    bytes: usize,
    budget: usize,
    runs: Vec<File>,
    dedup: bool,
}

impl ExternalSort {
    /// A sort that keeps at most about `budget` bytes of lines in memory.
    pub(super) fn new(budget: usize, dedup: bool) -> Self {
        ExternalSort { buffer: Vec::new(), bytes: 0, budget, runs: Vec::new(), dedup }
    }

    /// Adds a line (without a line break).
    pub(super) fn push(&mut self, line: String) -> std::io::Result<()> {
        self.bytes += line.len() + std::mem::size_of::<String>();
        self.buffer.push(line);
        if self.bytes >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the buffer, sorted, as one run.
    fn spill(&mut self) -> std::io::Result<()> {
        self.buffer.sort_unstable();
        let mut file = BufWriter::new(tempfile::tempfile()?);
        for line in self.buffer.drain(..) {
            file.write_all(line.as_bytes())?;
            file.write_all(b"\n")?;
        }
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        self.runs.push(file);
        self.bytes = 0;
        Ok(())
    }

    /// Hands every line to `each`, in sorted order; a temporary file that fails is
    /// [`Error::Write`].
    pub(super) fn finish(mut self, mut each: impl FnMut(&str) -> Result<()>) -> Result<()> {
        let mut last: Option<String> = None;
        let dedup = self.dedup;
        let mut emit = |line: String| -> Result<()> {
            if dedup && last.as_deref() == Some(line.as_str()) {
                return Ok(());
            }
            each(&line)?;
            last = Some(line);
            Ok(())
        };
        if self.runs.is_empty() {
            self.buffer.sort_unstable();
            for line in std::mem::take(&mut self.buffer) {
                emit(line)?;
            }
            return Ok(());
        }
        self.spill().map_err(Error::Write)?;
        let mut readers: Vec<std::io::Lines<BufReader<File>>> =
            self.runs.drain(..).map(|f| BufReader::new(f).lines()).collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(line) = r.next().transpose().map_err(Error::Write)? {
                heap.push(Reverse((line, i)));
            }
        }
        while let Some(Reverse((line, i))) = heap.pop() {
            if let Some(next) = readers[i].next().transpose().map_err(Error::Write)? {
                heap.push(Reverse((next, i)));
            }
            emit(line)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lines: &[&str], budget: usize, dedup: bool) -> Vec<String> {
        let mut sort = ExternalSort::new(budget, dedup);
        for l in lines {
            sort.push((*l).to_owned()).unwrap();
        }
        let mut out = Vec::new();
        sort.finish(|l| {
            out.push(l.to_owned());
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn sorted_runs_merge_into_one_order_whatever_the_budget() {
        let lines = ["<b> x", "<a> y", "<c> z", "<a> y", "<a> a", "\"é\" q", "<b> w"];
        let mut expected: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        expected.sort();
        // in memory, and spilled every line or two
        for budget in [1 << 20, 1, 40] {
            assert_eq!(sorted(&lines, budget, false), expected, "budget {budget}");
        }
        expected.dedup();
        assert_eq!(sorted(&lines, 1, true), expected);
        assert_eq!(sorted(&lines, 1 << 20, true), expected);
    }
}

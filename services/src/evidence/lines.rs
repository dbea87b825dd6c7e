//! The line a CSV record starts on. The `csv` crate's own line count is wrong for files
//! with CRLF line ends (each record after the first is counted one short), which is how
//! data.police.uk writes them; so lines are counted here, from the newlines read.

use std::collections::VecDeque;
use std::io::Read;

/// Passes bytes through, noting where each newline is, until a record's line is asked.
pub(crate) struct Lines<R> {
    inner: R,
    read: u64,
    /// Offsets of newlines read but not yet counted (at most a buffer's worth).
    ahead: VecDeque<u64>,
    counted: u64,
    /// Where the latest record started: the bytes read since are one record's, which the
    /// CSV reader holds in memory whole.
    last_start: u64,
}

impl<R> Lines<R> {
    pub(crate) fn new(inner: R) -> Lines<R> {
        Lines {
            inner,
            read: 0,
            ahead: VecDeque::new(),
            counted: 0,
            last_start: 0,
        }
    }

    /// The line (from 1) of the record that starts at byte `start`. Records are asked
    /// for in order. The `csv` crate puts a CRLF record's start at its `\n`, hence `<=`.
    pub(crate) fn line_at(&mut self, start: u64) -> u64 {
        self.last_start = self.last_start.max(start);
        while self.ahead.front().is_some_and(|&at| at <= start) {
            self.ahead.pop_front();
            self.counted += 1;
        }
        self.counted + 1
    }

    pub(crate) fn into_inner(self) -> R {
        self.inner
    }
}

/// The most newlines kept waiting for a record to start: a row of a real file spans a line
/// or two. A 97 KB zip of nothing but newlines (blank lines the CSV reader passes over, or
/// one quoted cell) once kept an offset for each of them, about 1.25 GB.
pub(crate) const MAX_LINES_AHEAD: usize = 100_000;

/// The most bytes one record may take: a row of a real file is a few hundred. A 600 MB
/// cell once took the server to 1.7 GB, as the CSV reader holds a record whole.
pub(crate) const MAX_RECORD_BYTES: u64 = 1024 * 1024;

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                self.ahead.push_back(self.read + i as u64);
            }
        }
        self.read += n as u64;
        // The reader reads ahead a buffer at a time, so a record is judged beyond one.
        if self.read.saturating_sub(self.last_start) > MAX_RECORD_BYTES + buf.len() as u64 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a row is longer than {} MB (a cell that never ends, or not a stop and search file)",
                    MAX_RECORD_BYTES / (1024 * 1024)
                ),
            ));
        }
        if self.ahead.len() > MAX_LINES_AHEAD {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "more than {MAX_LINES_AHEAD} lines go by without a row starting (blank lines, or a cell that never ends)"
                ),
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(data: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(Lines::new(data.as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut found = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().map(|p| p.byte()).unwrap_or(0);
            found.push(reader.get_mut().line_at(start));
        }
        found
    }

    #[test]
    fn a_flood_of_newlines_is_an_error_not_a_list_of_offsets() {
        let flood = format!("a,b\nx,1\n{}y,2\n", "\n".repeat(MAX_LINES_AHEAD * 3));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(Lines::new(flood.as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut rows = 0;
        let error = loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => rows += 1,
                Ok(false) => panic!("read to the end"),
                Err(e) => break e,
            }
        };
        assert_eq!(rows, 2);
        assert!(
            error.to_string().contains("lines go by without a row"),
            "{error}"
        );
        assert!(reader.get_ref().ahead.len() <= MAX_LINES_AHEAD + 8 * 1024);
        // A quoted cell that never ends, likewise.
        let open = format!("a,b\n\"{}", "\n".repeat(MAX_LINES_AHEAD * 2));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(Lines::new(open.as_bytes()));
        assert!(reader.read_byte_record(&mut record).unwrap());
        assert!(reader.read_byte_record(&mut record).is_err());
    }

    /// Reads records as the import does, noting each one's start; the error, if any.
    fn read_all(data: &[u8]) -> (usize, Option<String>) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(Lines::new(data));
        let mut record = csv::ByteRecord::new();
        let mut rows = 0;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {
                    let start = record.position().map(|p| p.byte()).unwrap_or(0);
                    reader.get_mut().line_at(start);
                    rows += 1;
                }
                Ok(false) => return (rows, None),
                Err(e) => return (rows, Some(e.to_string())),
            }
        }
    }

    #[test]
    fn a_huge_cell_is_an_error_before_it_is_held_whole() {
        let huge = format!(
            "a,b\nx,{}\ny,2\n",
            "x".repeat(3 * MAX_RECORD_BYTES as usize)
        );
        let (rows, error) = read_all(huge.as_bytes());
        assert_eq!(rows, 1);
        assert!(error.unwrap().contains("a row is longer than 1 MB"));
        // Rows of real length, however many, read to the end.
        let many = format!("a,b\n{}", "x,1\n".repeat(400_000));
        assert_eq!(read_all(many.as_bytes()), (400_001, None));
    }

    #[test]
    fn lines_are_counted_alike_for_lf_crlf_boms_and_quoted_newlines() {
        assert_eq!(lines("a,b\nx,1\ny,2\n"), [1, 2, 3]);
        assert_eq!(lines("a,b\r\nx,1\r\ny,2\r\n"), [1, 2, 3]);
        assert_eq!(lines("\u{feff}a,b\r\nx,1\r\ny,2"), [1, 2, 3]);
        assert_eq!(lines("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n"), [1, 2, 4]);
        assert_eq!(lines("a,b\n\"x\ny\",1\nz,2\n"), [1, 2, 4]);
    }
}

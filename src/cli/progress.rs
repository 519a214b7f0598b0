//! Progress of a build on standard error: an indicatif bar on a terminal, one line every few
//! seconds on a pipe or in a log file, nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Seconds between two progress lines when standard error is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

/// Where progress goes.
enum Sink {
    Bar(ProgressBar),
    Lines { last: Instant },
    Off,
}

/// Counts articles and words and shows the rate and the time left.
pub(super) struct Progress {
    sink: Sink,
    total: Option<usize>,
    started: Instant,
    done: usize,
    words: usize,
}

impl Progress {
    /// A reporter for `total` records (`None`: unknown, as for standard input).
    pub fn new(total: Option<usize>, quiet: bool) -> Self {
        let started = Instant::now();
        let sink = if quiet {
            Sink::Off
        } else if std::io::stderr().is_terminal() {
            let bar = match total {
                Some(n) => ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr()).with_style(
                    ProgressStyle::with_template(
                        "{bar:30.cyan/blue} {pos}/{len} articles ({per_sec}, {msg}) {elapsed}, ETA {eta}",
                    )
                    .expect("valid template"),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}, {msg}) {elapsed}")
                        .expect("valid template"),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            Sink::Bar(bar)
        } else {
            Sink::Lines { last: started }
        };
        Progress { sink, total, started, done: 0, words: 0 }
    }

    /// One record done (stored, skipped or failed), with the words it had.
    pub fn record(&mut self, words: usize) {
        self.done += 1;
        self.words += words;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = self.words as f64 / seconds;
        match &mut self.sink {
            Sink::Bar(bar) => {
                bar.inc(1);
                bar.set_message(format!("{} words/s", thousands(rate)));
            }
            Sink::Lines { last } if last.elapsed() >= LINE_EVERY => {
                *last = Instant::now();
                eprintln!("newsgraph: {}", self.line(seconds));
            }
            Sink::Lines { .. } | Sink::Off => {}
        }
    }

    /// A message between progress updates (an input error).
    pub fn println(&self, message: &str) {
        match &self.sink {
            Sink::Bar(bar) => bar.println(message),
            Sink::Lines { .. } | Sink::Off => eprintln!("{message}"),
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Sink::Bar(bar) = self.sink {
            bar.finish_and_clear();
        }
    }

    /// "1,200/20,000 articles, 113.1 articles/s, 53,400 words/s, 2m 28s left", `seconds` after
    /// the start.
    fn line(&self, seconds: f64) -> String {
        let words_per_second = self.words as f64 / seconds;
        let per_second = self.done as f64 / seconds;
        let done = match self.total {
            Some(total) => format!("{}/{} articles", thousands(self.done as f64), thousands(total as f64)),
            None => format!("{} articles", thousands(self.done as f64)),
        };
        let left = match self.total {
            Some(total) if per_second > 0.0 => {
                let left = (total.saturating_sub(self.done) as f64 / per_second).round() as u64;
                format!(", {}m {:02}s left", left / 60, left % 60)
            }
            _ => String::new(),
        };
        format!("{done}, {per_second:.1} articles/s, {} words/s{left}", thousands(words_per_second))
    }
}

/// A whole number with thousands separators: 53400.2 -> "53,400".
pub(super) fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_line_has_counts_rates_and_time_left() {
        let mut p = Progress { sink: Sink::Off, total: Some(20_000), started: Instant::now(), done: 0, words: 0 };
        for _ in 0..1000 {
            p.record(500);
        }
        let line = p.line(10.0);
        assert!(line.starts_with("1,000/20,000 articles, 100.0 articles/s, 50,000 words/s, 3m 10s left"), "{line}");
        assert_eq!(thousands(1_234_567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
    }
}

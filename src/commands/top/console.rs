//! `top`'s `:` command line: its state machine (pure, unit-tested) and the [`Console`] hooks the
//! layer owning the grammar and the audit trail hands down (the exec layer: `commands` may not
//! import it), so a line runs exactly as a REPL line does — same parser, same audit records,
//! same completion engine.

use futures::future::LocalBoxFuture;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// How a typed line may run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Run it now.
    Run,
    /// Intrusive: ask this y/N question first.
    Confirm(String),
}

/// Resolves when the running command must stop (the sender was dropped: Esc, or `top` left).
pub type Interrupt = tokio::sync::oneshot::Receiver<()>;

/// Parses a line: how it may run, or the text to show instead.
pub type CheckFn<'a> = Box<dyn Fn(&str) -> Result<Check, String> + 'a>;
/// Runs a line (audited): its exit code and plain output.
pub type RunFn<'a> = Box<dyn Fn(String, Interrupt) -> LocalBoxFuture<'a, (i32, String)> + 'a>;
/// Completes a line at a byte offset, with extra node ids: the word's start and candidates.
pub type CompleteFn<'a> = Box<dyn Fn(&str, usize, &[String]) -> (usize, Vec<String>) + 'a>;

/// What the `:` line can do, provided by the exec layer.
pub struct Console<'a> {
    /// Parses a line: how it may run, or the text to show instead (a parse error, `--help`, or
    /// a refusal such as `top` inside `top`).
    pub check: CheckFn<'a>,
    /// Runs a line (audited); its exit code and plain-text output.
    pub run: RunFn<'a>,
    /// Completion of the word before the cursor (a byte offset), also offering the node ids
    /// given (the ones `top` shows): the word's start and the candidates.
    pub complete: CompleteFn<'a>,
}

/// Where the command line is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Nothing shown (or only the last output pane, see [`CmdLine::pane`]).
    #[default]
    Closed,
    /// Typing a line.
    Editing,
    /// An intrusive line waits for y/N.
    Confirm {
        /// The line.
        line: String,
        /// The question.
        question: String,
    },
    /// A line is running.
    Running(String),
}

/// What the UI loop does after a command-line key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CmdAction {
    /// Redraw.
    Redraw,
    /// Check (then run or confirm) this line.
    Submit(String),
    /// The user said yes: run this line.
    Run(String),
    /// Complete the input (ask [`Console::complete`]).
    Complete,
    /// Stop the running command.
    Cancel,
    /// Not a command-line key: handle it as a view key.
    PassThrough,
}

/// The `:` line and its output pane.
#[derive(Debug, Clone, Default)]
pub struct CmdLine {
    /// State.
    pub mode: Mode,
    /// Text typed (the cursor is at its end).
    pub input: String,
    /// Output pane shown (the last command's output stays until Esc).
    pub pane: bool,
    /// Pane title: the line, and its exit code once done.
    pub title: String,
    /// Pane text.
    pub output: String,
    /// Pane scroll, lines.
    pub scroll: u16,
    /// Candidates of the last Tab that had several.
    pub candidates: Vec<String>,
    /// Lines run, oldest first (Up/Down recall them).
    pub history: Vec<String>,
    /// Position while recalling history (None: editing a new line).
    pub recall: Option<usize>,
}

impl CmdLine {
    /// Whether the command line or its pane takes the keys.
    pub fn active(&self) -> bool {
        self.mode != Mode::Closed || self.pane
    }
    /// `:` pressed: start typing a new line.
    pub fn open(&mut self) {
        self.mode = Mode::Editing;
        self.input.clear();
        self.candidates.clear();
        self.recall = None;
    }
    /// Shows `text` in the pane under `title` (a result, a refusal, a parse error).
    pub fn show(&mut self, title: String, text: String) {
        self.mode = Mode::Closed;
        self.pane = true;
        self.title = title;
        self.output = text;
        self.scroll = 0;
    }
    /// The line must be confirmed first.
    pub fn ask(&mut self, line: String, question: String) {
        self.mode = Mode::Confirm { line, question };
    }
    /// The line started.
    pub fn running(&mut self, line: String) {
        if self.history.last() != Some(&line) {
            self.history.push(line.clone());
        }
        self.pane = true;
        self.title = format!(":{line} — running (Esc stops it)");
        self.output.clear();
        self.scroll = 0;
        self.mode = Mode::Running(line);
    }
    /// The line finished with `code` and `output`.
    pub fn finished(&mut self, line: &str, code: i32, output: String) {
        self.show(format!(":{line} — exit {code}"), output);
    }
    /// Replaces the word starting at byte `start` with the candidates' common prefix (the
    /// candidate and a space when there is one); several are listed under the line.
    pub fn apply_completion(&mut self, start: usize, cands: Vec<String>) {
        let start = start.min(self.input.len());
        if !self.input.is_char_boundary(start) {
            return;
        }
        match cands.len() {
            0 => self.candidates.clear(),
            1 => {
                self.input.truncate(start);
                self.input.push_str(&cands[0]);
                self.input.push(' ');
                self.candidates.clear();
            }
            _ => {
                let first = &cands[0];
                let mut n = first.len();
                for c in &cands[1..] {
                    n = n.min(
                        first
                            .char_indices()
                            .zip(c.chars())
                            .take_while(|((_, a), b)| a == b)
                            .last()
                            .map_or(0, |((i, a), _)| i + a.len_utf8()),
                    );
                }
                if n > self.input.len() - start {
                    self.input.truncate(start);
                    self.input.push_str(&first[..n]);
                }
                self.candidates = cands;
            }
        }
    }

    /// Applies one key while [`CmdLine::active`].
    pub fn handle(&mut self, key: KeyEvent) -> CmdAction {
        match self.mode.clone() {
            Mode::Editing => self.edit(key),
            Mode::Confirm { line, .. } => {
                self.mode = Mode::Closed;
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    CmdAction::Run(line)
                } else {
                    self.show(
                        format!(":{line} — not run"),
                        "not confirmed: not run".into(),
                    );
                    CmdAction::Redraw
                }
            }
            Mode::Running(_) => match key.code {
                KeyCode::Esc => CmdAction::Cancel,
                _ => self.scroll_key(key).unwrap_or(CmdAction::Redraw),
            },
            Mode::Closed => match key.code {
                KeyCode::Esc => {
                    self.pane = false;
                    CmdAction::Redraw
                }
                _ => self.scroll_key(key).unwrap_or(CmdAction::PassThrough),
            },
        }
    }

    fn scroll_key(&mut self, key: KeyEvent) -> Option<CmdAction> {
        let s = &mut self.scroll;
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => *s = s.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => *s = s.saturating_sub(1),
            KeyCode::PageDown => *s = s.saturating_add(10),
            KeyCode::PageUp => *s = s.saturating_sub(10),
            KeyCode::Home => *s = 0,
            _ => return None,
        }
        Some(CmdAction::Redraw)
    }

    fn edit(&mut self, key: KeyEvent) -> CmdAction {
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Closed;
                self.pane = false;
                self.candidates.clear();
            }
            KeyCode::Enter => {
                self.mode = Mode::Closed;
                self.candidates.clear();
                let line = self.input.trim().to_string();
                if !line.is_empty() {
                    return CmdAction::Submit(line);
                }
            }
            KeyCode::Tab => return CmdAction::Complete,
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Up if !self.history.is_empty() => {
                let i = match self.recall {
                    Some(i) => i.saturating_sub(1),
                    None => self.history.len() - 1,
                };
                self.recall = Some(i);
                self.input = self.history[i].clone();
            }
            KeyCode::Down => {
                if let Some(i) = self.recall {
                    if i + 1 < self.history.len() {
                        self.recall = Some(i + 1);
                        self.input = self.history[i + 1].clone();
                    } else {
                        self.recall = None;
                        self.input.clear();
                    }
                }
            }
            KeyCode::Char(c) => {
                self.input.push(c);
                self.candidates.clear();
            }
            _ => {}
        }
        CmdAction::Redraw
    }
}

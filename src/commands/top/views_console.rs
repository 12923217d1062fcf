//! Drawing the `:` command line (in the footer row) and its output pane (the lower half of the
//! body, scrollable).

use super::console::Mode;
use super::state::App;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The footer while the command line is open: the input (with its cursor and the candidates
/// of the last Tab), the y/N question, or the running line. None when closed.
pub fn footer(app: &App) -> Option<String> {
    let c = &app.cmd;
    match &c.mode {
        Mode::Closed if c.pane => {
            Some("output: ↑↓ PgUp PgDn scroll · Esc close · : new command".into())
        }
        Mode::Closed => None,
        Mode::Editing if c.candidates.is_empty() => Some(format!(
            ":{}█  (Enter run, Tab complete, ↑↓ history, Esc close)",
            c.input
        )),
        Mode::Editing => Some(format!(":{}█  {}", c.input, c.candidates.join(" "))),
        Mode::Confirm { question, .. } => Some(format!("{question} [y/N] ")),
        Mode::Running(line) => Some(format!(":{line}  running… (Esc stops it)")),
    }
}

/// The output pane.
pub fn pane(f: &mut Frame, app: &App, area: Rect) {
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(app.cmd.output.clone())
            .scroll((app.cmd.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(format!(" {} ", app.cmd.title))
                    .title_style(Style::default().add_modifier(Modifier::BOLD)),
            ),
        area,
    );
}

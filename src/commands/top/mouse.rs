//! Mouse handling of `top`'s state machine (optional per issue 19): the wheel scrolls, a left
//! click selects the table row under it (rows located through [`App::rows_at`], set while
//! drawing).

use super::state::{Action, App};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

impl App {
    /// Applies one mouse event: the wheel scrolls the output pane, the waterfall or the
    /// selection (3 lines a notch); a left click on a table row selects it.
    pub fn mouse(&mut self, m: MouseEvent) -> Action {
        let down = match m.kind {
            MouseEventKind::ScrollDown => true,
            MouseEventKind::ScrollUp => false,
            MouseEventKind::Down(MouseButton::Left) => {
                if self.help || self.waterfall || self.editing_filter {
                    return Action::None;
                }
                return match self.rows_at.get() {
                    Some((y0, y1, first)) if m.row >= y0 && m.row < y1 => {
                        let i = first + usize::from(m.row - y0);
                        if i < self.rows {
                            self.selected = i;
                            Action::Redraw
                        } else {
                            Action::None
                        }
                    }
                    _ => Action::None,
                };
            }
            _ => return Action::None,
        };
        let step = |v: u16| {
            if down {
                v.saturating_add(3)
            } else {
                v.saturating_sub(3)
            }
        };
        if self.cmd.pane {
            self.cmd.scroll = step(self.cmd.scroll);
        } else if self.waterfall {
            self.scroll = step(self.scroll);
        } else if down {
            self.selected = (self.selected + 3).min(self.rows.saturating_sub(1));
        } else {
            self.selected = self.selected.saturating_sub(3);
        }
        Action::Redraw
    }
}

//! A selection in a scrolling list of rows, shared by the list and the
//! timeline panes.

/// The selected row and the first row drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves the selection by `delta` rows within `len` rows.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        self.selected = self.selected.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// Selects the row at `position`, clamped to `len` rows.
    pub fn select(&mut self, position: usize, len: usize) {
        self.selected = position.min(len.saturating_sub(1));
    }

    /// Adjusts the offset so the selection is among the `height` rows drawn.
    pub fn scroll_into_view(&mut self, len: usize, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_rows() {
        let mut cursor = Cursor::default();
        cursor.move_by(-3, 10);
        assert_eq!(cursor.selected, 0);
        cursor.move_by(25, 10);
        assert_eq!(cursor.selected, 9);
        cursor.select(4, 3);
        assert_eq!(cursor.selected, 2);
        cursor.move_by(1, 0);
        assert_eq!(cursor.selected, 0);
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        let mut cursor = Cursor { selected: 12, offset: 0 };
        cursor.scroll_into_view(100, 5);
        assert_eq!(cursor.offset, 8);
        cursor.selected = 3;
        cursor.scroll_into_view(100, 5);
        assert_eq!(cursor.offset, 3);
        cursor.selected = 99;
        cursor.scroll_into_view(100, 5);
        assert_eq!(cursor.offset, 95);
    }
}

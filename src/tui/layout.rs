//! Where each pane goes on screen: one pure function of the terminal area
//! and the layout preferences, used by both `update` (page sizes, mouse
//! hits) and `draw`, so they always agree.

use ratatui::layout::Rect;

/// Below this width the panes stop sitting side by side.
pub const NARROW_WIDTH: u16 = 100;
/// Below this size only a "too small" note is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// Pane widths chosen by the analyst (columns), kept within bounds on use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneWidths {
    pub timeline: u16,
    pub list: u16,
}

impl Default for PaneWidths {
    fn default() -> Self {
        PaneWidths { timeline: 26, list: 68 }
    }
}

/// The rectangles of one frame. A pane that is not shown has no rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub timeline: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub footer: Option<Rect>,
    pub status: Option<Rect>,
    /// Set when the terminal is too small for anything but a note.
    pub too_small: Option<Rect>,
}

/// Lays out a frame. `reader_open` matters only when narrow: then the
/// reader takes the whole screen; otherwise the timeline sits over the list.
pub fn areas(area: Rect, widths: PaneWidths, reader_open: bool) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas { too_small: Some(area), ..Areas::default() };
    }
    let status = Rect { y: area.bottom() - 1, height: 1, ..area };
    let footer = Rect { y: area.bottom() - 2, height: 1, ..area };
    let body = Rect { height: area.height - 2, ..area };
    let mut areas = Areas { status: Some(status), footer: Some(footer), ..Areas::default() };
    if area.width < NARROW_WIDTH {
        if reader_open {
            areas.reader = Some(body);
        } else {
            // Timeline over list; the timeline gets a third of the height.
            let timeline_height = (body.height / 3).max(3).min(body.height.saturating_sub(3));
            areas.timeline = Some(Rect { height: timeline_height, ..body });
            areas.list = Some(Rect { y: body.y + timeline_height, height: body.height - timeline_height, ..body });
        }
        return areas;
    }
    let (timeline, list) = clamp_widths(body.width, widths);
    areas.timeline = Some(Rect { width: timeline, ..body });
    areas.list = Some(Rect { x: body.x + timeline, width: list, ..body });
    let reader_x = body.x + timeline + list;
    areas.reader = Some(Rect { x: reader_x, width: body.right() - reader_x, ..body });
    areas
}

/// The reader pane's inside, top to bottom: the lines above the text
/// (header, links, suggested links), the text, and the footer line (the
/// cursor sentence's dates or claim). Scrolling, cursor visibility, mouse
/// clicks and drawing all take it from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderAreas {
    pub above: Rect,
    pub text: Rect,
    pub footer: Option<Rect>,
}

/// The column the reader's text is laid out in: inside the border, with
/// one column of margin on each side (text on the border reads badly).
pub fn reader_column(pane: Rect) -> Rect {
    Rect {
        x: pane.x + 2.min(pane.width),
        y: pane.y + 1.min(pane.height),
        width: pane.width.saturating_sub(4),
        height: pane.height.saturating_sub(2),
    }
}

/// Splits the reader `pane`. `above_rows(budget)` says how many lines go
/// above the text when the panels there may take `budget` (a third of the
/// pane); `footer` whether the footer line is shown.
pub fn reader_areas(pane: Rect, above_rows: impl FnOnce(u16) -> u16, footer: bool) -> ReaderAreas {
    let column = reader_column(pane);
    let above = above_rows(column.height / 3).min(column.height);
    let footer_rows = u16::from(footer && column.height > above);
    let text_height = column.height - above - footer_rows;
    ReaderAreas {
        above: Rect { height: above, ..column },
        text: Rect { y: column.y + above, height: text_height, ..column },
        footer: (footer_rows > 0).then_some(Rect { y: column.bottom() - 1, height: 1, ..column }),
    }
}

/// Keeps each pane at a usable minimum, whatever the preferences say.
fn clamp_widths(total: u16, widths: PaneWidths) -> (u16, u16) {
    const MIN_TIMELINE: u16 = 16;
    const MIN_LIST: u16 = 24;
    const MIN_READER: u16 = 30;
    let timeline = widths.timeline.clamp(MIN_TIMELINE, total.saturating_sub(MIN_LIST + MIN_READER).max(MIN_TIMELINE));
    let list = widths.list.clamp(MIN_LIST, total.saturating_sub(timeline + MIN_READER).max(MIN_LIST));
    (timeline, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_three_panes_side_by_side() {
        let a = areas(Rect::new(0, 0, 160, 45), PaneWidths::default(), false);
        let (t, l, r) = (a.timeline.unwrap(), a.list.unwrap(), a.reader.unwrap());
        assert_eq!((t.x, t.width), (0, 26));
        assert_eq!((l.x, l.width), (26, 68));
        assert_eq!((r.x, r.width), (94, 66));
        assert_eq!(t.height, 43);
        assert_eq!(a.status.unwrap().y, 44);
        assert_eq!(a.footer.unwrap().y, 43);
    }

    #[test]
    fn narrow_screens_stack_timeline_over_list_and_give_the_reader_the_screen() {
        let closed = areas(Rect::new(0, 0, 80, 24), PaneWidths::default(), false);
        assert_eq!(closed.reader, None);
        let (t, l) = (closed.timeline.unwrap(), closed.list.unwrap());
        assert_eq!((t.width, l.width), (80, 80));
        assert_eq!(t.bottom(), l.y);
        let open = areas(Rect::new(0, 0, 80, 24), PaneWidths::default(), true);
        assert_eq!(open.reader, Some(Rect::new(0, 0, 80, 22)));
        assert_eq!(open.list, None);
    }

    #[test]
    fn widths_never_squeeze_a_pane_below_its_minimum() {
        let a = areas(Rect::new(0, 0, 100, 30), PaneWidths { timeline: 90, list: 90 }, false);
        assert!(a.reader.unwrap().width >= 30);
        assert!(a.list.unwrap().width >= 24);
        assert_eq!(a.timeline.unwrap().width + a.list.unwrap().width + a.reader.unwrap().width, 100);
    }

    #[test]
    fn the_readers_text_sits_between_the_lines_above_it_and_the_footer() {
        let pane = Rect::new(94, 0, 66, 43);
        let a = reader_areas(pane, |budget| 2 + budget.min(5), true);
        assert_eq!(a.above, Rect::new(96, 1, 62, 7));
        assert_eq!(a.text, Rect::new(96, 8, 62, 33));
        assert_eq!(a.footer, Some(Rect::new(96, 41, 62, 1)));
        let without_footer = reader_areas(pane, |_| 1, false);
        assert_eq!((without_footer.text.y, without_footer.text.bottom()), (2, 42));
    }

    #[test]
    fn every_size_lays_out_inside_the_screen() {
        for w in 0..=210 {
            for h in 0..=62 {
                let area = Rect::new(0, 0, w, h);
                let a = areas(area, PaneWidths::default(), w % 2 == 0);
                for r in [a.timeline, a.list, a.reader, a.footer, a.status, a.too_small].into_iter().flatten() {
                    assert!(r.right() <= area.right() && r.bottom() <= area.bottom(), "{r:?} outside {area:?}");
                }
                if let Some(pane) = a.reader {
                    let inside = reader_areas(pane, |budget| budget + 3, true);
                    for r in [inside.above, inside.text].into_iter().chain(inside.footer) {
                        assert!(pane.contains(r.as_position()) || r.area() == 0, "{r:?} outside {pane:?}");
                        assert!(r.right() <= pane.right() && r.bottom() <= pane.bottom(), "{r:?} outside {pane:?}");
                    }
                    assert!(inside.footer.is_none_or(|f| f.y >= inside.text.bottom()), "{inside:?}");
                }
            }
        }
    }
}

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
    fn every_size_lays_out_inside_the_screen() {
        for w in 0..=210 {
            for h in 0..=62 {
                let area = Rect::new(0, 0, w, h);
                let a = areas(area, PaneWidths::default(), w % 2 == 0);
                for r in [a.timeline, a.list, a.reader, a.footer, a.status, a.too_small].into_iter().flatten() {
                    assert!(r.right() <= area.right() && r.bottom() <= area.bottom(), "{r:?} outside {area:?}");
                }
            }
        }
    }
}

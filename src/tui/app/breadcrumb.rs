//! The path of jumps across the top (`Russia › Sergey Lavrov › …`) as
//! data: what each segment says and where it is, so the bar draws it and
//! a click on a segment goes back to that actor.

use super::App;
use crate::graph::NodeIndex;
use crate::tui::geometry::text::{clip, width};

/// The cells before the first segment: the " kgx " chip and a space.
const LEAD: usize = 6;
/// What parts two segments.
pub const SEPARATOR: &str = " › ";
/// What stands for the segments dropped at the left.
pub const ELIDED: &str = "… › ";

/// One actor of the path, as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    /// The actor.
    pub node: NodeIndex,
    /// Its place in the path, the oldest 0 (the focus last).
    pub index: usize,
    /// Its name, cut to fit.
    pub text: String,
    /// The first column it is drawn at, from the bar's left edge.
    pub column: usize,
}

/// The breadcrumb of a bar `bar_width` cells wide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breadcrumb {
    /// True when the oldest actors are left out for room.
    pub elided: bool,
    /// The actors shown, oldest first; the last is the focus.
    pub crumbs: Vec<Crumb>,
    /// "(+2 forward)", or nothing.
    pub forward: String,
}

impl App {
    /// The path of jumps as drawn in a bar `bar_width` cells wide: cut from
    /// the left when it does not fit.
    pub fn breadcrumb(&self, bar_width: u16) -> Breadcrumb {
        let mut nodes: Vec<NodeIndex> = self.history.trail().to_vec();
        nodes.extend(self.focus);
        let names: Vec<&str> = nodes
            .iter()
            .map(|&node| self.graph.actor(node).name.as_str())
            .collect();
        let forward = match self.history.forward_len() {
            0 => String::new(),
            n => format!("  (+{n} forward)"),
        };
        let room = usize::from(bar_width).saturating_sub(width(&forward) + LEAD);
        let joined_width = |names: &[&str]| {
            names.iter().map(|name| width(name)).sum::<usize>()
                + width(SEPARATOR) * names.len().saturating_sub(1)
        };
        let mut dropped = 0;
        while dropped + 1 < names.len()
            && joined_width(&names[dropped..]) + usize::from(dropped > 0) * width(ELIDED) > room
        {
            dropped += 1;
        }
        let elided = dropped > 0;
        let mut column = LEAD + if elided { width(ELIDED) } else { 0 };
        let mut crumbs = Vec::new();
        for (index, (&node, name)) in nodes.iter().zip(&names).enumerate().skip(dropped) {
            let left = (LEAD + room).saturating_sub(column);
            if left == 0 {
                break;
            }
            let text = clip(name, left);
            let next = column + width(&text) + width(SEPARATOR);
            crumbs.push(Crumb {
                node,
                index,
                text,
                column,
            });
            column = next;
        }
        Breadcrumb {
            elided,
            crumbs,
            forward,
        }
    }

    /// A click on the breadcrumb at `column`: back to the actor clicked,
    /// as that many steps of Back would go (Forward returns).
    pub(super) fn click_breadcrumb(&mut self, column: usize) {
        let breadcrumb = self.breadcrumb(self.width);
        let Some(crumb) = breadcrumb
            .crumbs
            .iter()
            .find(|crumb| (crumb.column..crumb.column + width(&crumb.text)).contains(&column))
        else {
            return;
        };
        let steps = self.history.trail().len().saturating_sub(crumb.index);
        for _ in 0..steps {
            self.go_back();
        }
    }
}

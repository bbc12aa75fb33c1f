//! Where things go on the screen, as data: the panes for a terminal size,
//! the neighbourhood drawing's placements, the columns of a relation row
//! and text fitted to cells. Pure functions, shared by the state (for
//! clicks, pages and placements) and by the drawing, and never drawing.

pub mod columns;
pub mod layout;
pub mod radial;
pub mod text;

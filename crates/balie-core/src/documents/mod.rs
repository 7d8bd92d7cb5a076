//! Bytes in, bytes out: the PDF layer, the xlsx writer, every document layout, and the
//! bounded reader of the tables people send (`table`).

pub mod desk_paper;
pub mod export;
pub mod pdf;
pub mod presentielijst;
pub mod table;
pub mod xlsx;

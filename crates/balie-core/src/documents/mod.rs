//! Bytes in, bytes out: the PDF layer, the xlsx writer, and every document layout.

pub mod desk_paper;
pub mod export;
pub mod pdf;
pub mod presentielijst;
pub mod xlsx;

//! The one PDF layer: pages of positioned text, rectangles, lines and QR codes, written with
//! a font shipped with the app (DejaVu Sans, regular and bold, covering Dutch and other
//! European names: é ë ï ç ğ ı ø ễ …). Text is NFC-normalised, the fonts are subset to the
//! glyphs used and carry a ToUnicode map, so `pdftotext` reads the names back. Coordinates
//! are in points from the top-left corner of the page. Badges, lists, reports and the
//! presentielijst are built on this.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

pub const A4: (f32, f32) = (595.276, 841.89);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// A font's metrics, for measuring text before it is placed.
struct Face {
    face: ttf_parser::Face<'static>,
    upm: f32,
}

impl Face {
    fn of(weight: Weight) -> Option<Face> {
        let data = match weight {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let upm = f32::from(face.units_per_em());
        Some(Face { face, upm })
    }

    fn glyph(&self, c: char) -> u16 {
        self.face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'))
            .map_or(0, |g| g.0)
    }

    fn advance(&self, gid: u16) -> f32 {
        f32::from(
            self.face
                .glyph_hor_advance(ttf_parser::GlyphId(gid))
                .unwrap_or(0),
        ) / self.upm
    }
}

/// Measures text: width in points at a size.
pub struct Measure {
    regular: Option<Face>,
    bold: Option<Face>,
}

impl Default for Measure {
    fn default() -> Self {
        Measure {
            regular: Face::of(Weight::Regular),
            bold: Face::of(Weight::Bold),
        }
    }
}

impl Measure {
    fn face(&self, weight: Weight) -> Option<&Face> {
        match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref(),
        }
    }

    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let Some(face) = self.face(weight) else {
            return 0.0;
        };
        text.nfc().map(|c| face.advance(face.glyph(c))).sum::<f32>() * size
    }

    /// The largest size from `max` down to `min` (in half points) at which `text` fits
    /// `width`; `None` when it does not fit even at `min`.
    pub fn fit(&self, text: &str, weight: Weight, width: f32, max: f32, min: f32) -> Option<f32> {
        let mut size = max;
        while size >= min {
            if self.width(text, weight, size) <= width {
                return Some(size);
            }
            size -= 0.5;
        }
        None
    }

    /// Breaks `text` into lines no wider than `width` at `size`, at spaces (and inside a word
    /// only when one word alone is too wide). Nothing is ever cut off.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, weight, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is split between characters.
            let mut part = String::new();
            for c in word.chars() {
                part.push(c);
                if self.width(&part, weight, size) > width && part.chars().count() > 1 {
                    part.pop();
                    lines.push(std::mem::take(&mut part));
                    part.push(c);
                }
            }
            line = part;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        text: String,
        gray: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<f32>,
        stroke: Option<(f32, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        gray: f32,
    },
    /// Rectangles filled black as one shape (a QR code: no seams between modules).
    Blocks(Vec<(f32, f32, f32, f32)>),
}

/// One page under construction.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    ops: Vec<Op>,
}

impl Page {
    pub fn new((width, height): (f32, f32)) -> Page {
        Page {
            width,
            height,
            ops: Vec::new(),
        }
    }

    /// Text with its baseline at `y` (from the top).
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        self.text_gray(x, y, size, weight, text, 0.0);
    }

    /// Text in a shade of gray (0 black, 1 white).
    pub fn text_gray(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str, gray: f32) {
        self.ops.push(Op::Text {
            x,
            y,
            size,
            weight,
            text: text.nfc().collect(),
            gray,
        });
    }

    /// A filled rectangle (gray 0 black … 1 white).
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, gray: f32) {
        self.ops.push(Op::Rect {
            x,
            y,
            w,
            h,
            fill: Some(gray),
            stroke: None,
        });
    }

    /// A rectangle's outline.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, gray: f32) {
        self.ops.push(Op::Rect {
            x,
            y,
            w,
            h,
            fill: None,
            stroke: Some((line, gray)),
        });
    }

    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32, gray: f32) {
        self.ops.push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            gray,
        });
    }

    /// A QR code of `data` in a square of `size` points at (`x`, `y`), with its quiet zone
    /// inside the square. Medium error correction: a crease or a smudge still scans.
    pub fn qr(&mut self, x: f32, y: f32, size: f32, data: &str) {
        let Ok(code) =
            qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        else {
            return;
        };
        let n = code.width();
        let quiet = 4;
        let module = size / (n + 2 * quiet) as f32;
        let dark = code.to_colors();
        self.fill(x, y, size, size, 1.0);
        let mut blocks = Vec::new();
        for row in 0..n {
            // Runs of dark modules in a row become one rectangle.
            let mut col = 0;
            while col < n {
                if dark[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && dark[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    blocks.push((
                        x + (quiet + start) as f32 * module,
                        y + (quiet + row) as f32 * module,
                        (col - start) as f32 * module,
                        module,
                    ));
                } else {
                    col += 1;
                }
            }
        }
        self.ops.push(Op::Blocks(blocks));
    }
}

/// A document: pages, then [`Document::finish`] to PDF bytes.
pub struct Document {
    title: String,
    pages: Vec<Page>,
    numbered: bool,
}

impl Document {
    pub fn new(title: &str) -> Document {
        Document {
            title: title.nfc().collect(),
            pages: Vec::new(),
            numbered: false,
        }
    }

    /// Puts "pagina x van y" at the foot of every page.
    pub fn numbered(mut self) -> Document {
        self.numbered = true;
        self
    }

    pub fn push(&mut self, page: Page) {
        self.pages.push(page);
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn finish(mut self) -> Vec<u8> {
        if self.pages.is_empty() {
            self.pages.push(Page::new(A4));
        }
        if self.numbered {
            let count = self.pages.len();
            let measure = Measure::default();
            for (n, page) in self.pages.iter_mut().enumerate() {
                let label = format!("pagina {} van {count}", n + 1);
                let w = measure.width(&label, Weight::Regular, 8.0);
                let (pw, ph) = (page.width, page.height);
                page.text_gray(
                    pw - mm(15.0) - w,
                    ph - mm(8.0),
                    8.0,
                    Weight::Regular,
                    &label,
                    0.3,
                );
            }
        }
        write(&self.title, &self.pages)
    }
}

/// Glyphs used per weight, remapped to the subset's ids.
struct FontUse {
    face: Face,
    remapper: subsetter::GlyphRemapper,
    /// New glyph id → the text it stands for (for ToUnicode).
    unicode: BTreeMap<u16, char>,
}

fn write(title: &str, pages: &[Page]) -> Vec<u8> {
    let mut fonts: BTreeMap<Weight, FontUse> = BTreeMap::new();
    // First pass: which glyphs are used.
    for page in pages {
        for op in &page.ops {
            if let Op::Text { weight, text, .. } = op {
                let Some(face) = Face::of(*weight) else {
                    continue;
                };
                let entry = fonts.entry(*weight).or_insert_with(|| {
                    let mut remapper = subsetter::GlyphRemapper::new();
                    remapper.remap(0);
                    FontUse {
                        face,
                        remapper,
                        unicode: BTreeMap::new(),
                    }
                });
                for c in text.chars() {
                    let gid = entry.face.glyph(c);
                    let new = entry.remapper.remap(gid);
                    entry.unicode.entry(new).or_insert(c);
                }
            }
        }
    }

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_id = alloc();
    let tree_id = alloc();
    let info_id = alloc();
    let font_ids: BTreeMap<Weight, Ref> = fonts.keys().map(|w| (*w, alloc())).collect();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(page_ids.len() as i32);
    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("Balie"));

    for (weight, used) in &fonts {
        let type0 = font_ids[weight];
        let cid = alloc();
        let descriptor = alloc();
        let file = alloc();
        let cmap = alloc();
        let base = match weight {
            Weight::Regular => Name(b"BALIEA+DejaVuSans"),
            Weight::Bold => Name(b"BALIEB+DejaVuSans-Bold"),
        };
        let data = match weight {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        let subset = subsetter::subset(data, 0, &used.remapper).unwrap_or_else(|_| data.to_vec());
        let info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let widths: Vec<f32> = used
            .remapper
            .remapped_gids()
            .map(|old| used.face.advance(old) * 1000.0)
            .collect();
        let mut font = pdf.cid_font(cid);
        font.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        font.widths().consecutive(0, widths);
        font.finish();
        let f = &used.face.face;
        let bbox = f.global_bounding_box();
        let scale = 1000.0 / used.face.upm;
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(f.ascender()) * scale)
            .descent(f32::from(f.descender()) * scale)
            .cap_height(f32::from(f.capital_height().unwrap_or(f.ascender())) * scale)
            .stem_v(80.0)
            .font_file2(file);
        pdf.stream(file, &deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        let mut unicode = pdf_writer::types::UnicodeCmap::new(Name(b"Balie-UTF16"), info);
        for (gid, c) in &used.unicode {
            unicode.pair(*gid, *c);
        }
        pdf.cmap(cmap, &unicode.finish());
    }

    for (page, (page_id, content_id)) in pages.iter().zip(&page_ids) {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .parent(tree_id)
            .contents(*content_id);
        let mut resources = p.resources();
        let mut font_dict = resources.fonts();
        for (weight, id) in &font_ids {
            font_dict.pair(font_name(*weight), *id);
        }
        font_dict.finish();
        resources.finish();
        p.finish();

        let mut c = Content::new();
        let h = page.height;
        for op in &page.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    weight,
                    text,
                    gray,
                } => {
                    let Some(used) = fonts.get_mut(weight) else {
                        continue;
                    };
                    let mut bytes = Vec::with_capacity(text.len() * 2);
                    for ch in text.chars() {
                        let gid = used.face.glyph(ch);
                        let new = used.remapper.remap(gid);
                        bytes.extend_from_slice(&new.to_be_bytes());
                    }
                    c.set_fill_gray(*gray);
                    c.begin_text();
                    c.set_font(font_name(*weight), *size);
                    c.next_line(*x, h - *y);
                    c.show(Str(&bytes));
                    c.end_text();
                }
                Op::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    fill,
                    stroke,
                } => {
                    c.rect(*x, h - *y - *rh, *w, *rh);
                    match (fill, stroke) {
                        (Some(g), _) => {
                            c.set_fill_gray(*g);
                            c.fill_nonzero();
                        }
                        (None, Some((lw, g))) => {
                            c.set_line_width(*lw);
                            c.set_stroke_gray(*g);
                            c.stroke();
                        }
                        (None, None) => {
                            c.end_path();
                        }
                    }
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    gray,
                } => {
                    c.set_line_width(*width);
                    c.set_stroke_gray(*gray);
                    c.move_to(*x1, h - *y1);
                    c.line_to(*x2, h - *y2);
                    c.stroke();
                }
                Op::Blocks(blocks) => {
                    for (bx, by, bw, bh) in blocks {
                        c.rect(*bx, h - *by - *bh, *bw, *bh);
                    }
                    c.set_fill_gray(0.0);
                    c.fill_nonzero();
                }
            }
        }
        pdf.stream(*content_id, &deflate(&c.finish()))
            .filter(Filter::FlateDecode);
    }
    pdf.finish()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn font_name(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => Name(b"F1"),
        Weight::Bold => Name(b"F2"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_cover_european_names() {
        let m = Measure::default();
        for weight in [Weight::Regular, Weight::Bold] {
            let face = m.face(weight).expect("font");
            for c in "éëïçğıøễŁßÆœŞţ’".chars() {
                assert_ne!(face.glyph(c), face.glyph('?'), "{c} in {weight:?}");
            }
        }
    }

    #[test]
    fn fit_and_wrap_never_cut_text() {
        let m = Measure::default();
        let name = "Maria Magdalena Elisabeth van der Heijden-Oosterhuis";
        assert!(m.fit(name, Weight::Bold, 100.0, 20.0, 8.0).is_none());
        let size = m.fit("Jan Smit", Weight::Bold, 200.0, 20.0, 8.0);
        assert_eq!(size, Some(20.0));
        let lines = m.wrap(name, Weight::Bold, 10.0, 100.0);
        assert!(lines.len() > 1);
        let strip = |s: &str| s.replace(' ', "");
        assert_eq!(strip(&lines.concat()), strip(name), "every character kept");
        for l in &lines {
            assert!(m.width(l, Weight::Bold, 10.0) <= 100.0, "{l}");
        }
    }

    #[test]
    fn a_document_is_a_pdf_with_subset_fonts() {
        let mut doc = Document::new("Proef").numbered();
        let mut page = Page::new(A4);
        page.text(50.0, 100.0, 12.0, Weight::Regular, "Zoë de Vries");
        page.qr(50.0, 200.0, 100.0, "ABC");
        doc.push(page);
        let bytes = doc.finish();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            bytes.len() < 40_000,
            "fonts are subset: {} bytes",
            bytes.len()
        );
    }
}

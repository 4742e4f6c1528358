//! Writing the finished file once. A tagged document is mostly small
//! dictionaries (a structure element per heading, paragraph and table
//! cell); packed into compressed object streams the file is a third of
//! its size (PDF 1.5, which every reader of tagged files has). lopdf's
//! `save_modern` packs them that way, but clones every object and writes
//! each one three times (twice to measure the offsets, once for good). This
//! writes each object once, in the same layout: streams as indirect
//! objects, the rest a hundred to a compressed object stream, then a
//! cross-reference stream. Every object is written by lopdf's own
//! serialiser, reached through `Content::encode` (its public face); only
//! the file's frame (headers, offsets, the cross-reference entries) is
//! ours, and `qpdf --check` in the tests reads it back.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream};

use crate::PdfError;

/// Objects per object stream, as lopdf's default.
const PER_STREAM: usize = 100;

/// zlib's level for every stream we compress. On the 40-case minutes of
/// the scale benchmark: level 6 (zlib's default) 396-399 KB, level 4 423 KB,
/// level 3 445 KB, level 1 631 KB (past its 500 KB limit); on the documents
/// benchmark's minutes level 3 gave 301 KB, past that one's 300 KB, and
/// level 4 290 KB. Levels 3 to 6 differ by less than the run-to-run noise
/// in time (85-94 ms there, 113-119 ms on the scale minutes).
pub(super) const LEVEL: u32 = 4;

fn failed(e: impl std::fmt::Display) -> PdfError {
    PdfError::Write(e.to_string())
}

/// `object` in PDF syntax, written by lopdf.
fn serialise(object: Object) -> Result<Vec<u8>, PdfError> {
    let content = Content {
        operations: vec![Operation::new("", vec![object])],
    };
    let mut bytes = content.encode().map_err(failed)?;
    // An operand is followed by a space, then its (empty) operator.
    if bytes.last() == Some(&b' ') {
        bytes.pop();
    }
    Ok(bytes)
}

/// A zlib compressor kept for a whole file: setting one up is most of the
/// cost of compressing a small stream, and a file has one per page.
pub(super) struct Deflater(Compress);

impl Deflater {
    pub(super) fn new() -> Self {
        Self(Compress::new(Compression::new(LEVEL), true))
    }

    /// `bytes` as one zlib stream.
    pub(super) fn deflate(&mut self, bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
        self.0.reset();
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = usize::try_from(self.0.total_in()).map_err(failed)?;
            let rest = bytes.get(read..).unwrap_or_default();
            match self.0.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(out),
                // Out of room: compression carries on where it stopped.
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(e) => return Err(failed(e)),
            }
        }
    }
}

/// Where the cross-reference stream says an object is.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At this byte of the file.
    At(usize),
    /// The `index`th object of object stream `stream`.
    Packed {
        stream: u32,
        index: usize,
    },
}

/// The file being written: its bytes and where each object went.
struct File {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    deflater: Deflater,
}

impl File {
    /// A stream of `content` compressed, with `dict`'s entries.
    fn packed_stream(&mut self, mut dict: Dictionary, content: &[u8]) -> Result<Stream, PdfError> {
        let packed = self.deflater.deflate(content)?;
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        dict.set("Length", Object::Integer(packed.len() as i64));
        Ok(Stream::new(dict, packed))
    }

    fn place(&mut self, id: u32, entry: Entry) {
        let id = id as usize;
        if self.entries.len() <= id {
            self.entries.resize(id + 1, Entry::Free);
        }
        self.entries[id] = entry;
    }

    /// Writes stream `id`: its dictionary (lopdf's syntax), then its bytes.
    fn stream(&mut self, id: u32, stream: Stream) -> Result<(), PdfError> {
        self.place(id, Entry::At(self.bytes.len()));
        let dict = serialise(Object::Dictionary(stream.dict))?;
        self.bytes
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.bytes.extend_from_slice(&dict);
        self.bytes.extend_from_slice(b"stream\n");
        self.bytes.extend_from_slice(&stream.content);
        self.bytes.extend_from_slice(b"\nendstream\nendobj\n");
        Ok(())
    }

    /// Packs `objects` (id, written form) into object stream `id`.
    fn packed(&mut self, id: u32, objects: &[(u32, Vec<u8>)]) -> Result<(), PdfError> {
        let mut header = String::new();
        let mut body = Vec::new();
        for (index, (object_id, bytes)) in objects.iter().enumerate() {
            header.push_str(&format!("{object_id} {} ", body.len()));
            body.extend_from_slice(bytes);
            body.push(b'\n');
            self.place(*object_id, Entry::Packed { stream: id, index });
        }
        let first = header.len();
        let mut content = header.into_bytes();
        content.extend_from_slice(&body);
        let dict = Dictionary::from_iter([
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(objects.len() as i64)),
            ("First", Object::Integer(first as i64)),
        ]);
        let stream = self.packed_stream(dict, &content)?;
        self.stream(id, stream)
    }

    /// The cross-reference stream (object `id`) and the file's end.
    fn finish(mut self, id: u32, trailer: &Dictionary) -> Result<Vec<u8>, PdfError> {
        let start = self.bytes.len();
        self.place(id, Entry::At(start));
        let mut table = Vec::with_capacity(self.entries.len() * 7);
        for (n, entry) in self.entries.iter().enumerate() {
            let (kind, field, generation): (u8, usize, u16) = match *entry {
                Entry::Free if n == 0 => (0, 0, u16::MAX),
                Entry::Free => (0, 0, 0),
                Entry::At(offset) => (1, offset, 0),
                Entry::Packed { stream, index } => {
                    let index = u16::try_from(index).map_err(failed)?;
                    (2, stream as usize, index)
                }
            };
            let field = u32::try_from(field).map_err(|_| failed("the file is over 4 GB"))?;
            table.push(kind);
            table.extend_from_slice(&field.to_be_bytes());
            table.extend_from_slice(&generation.to_be_bytes());
        }
        let mut dict = Dictionary::new();
        for (key, value) in trailer.iter() {
            if !matches!(key.as_slice(), b"Size" | b"Prev" | b"XRefStm" | b"Index") {
                dict.set(key.clone(), value.clone());
            }
        }
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", Object::Integer(self.entries.len() as i64));
        dict.set(
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        );
        let stream = self.packed_stream(dict, &table)?;
        self.stream(id, stream)?;
        self.bytes
            .extend_from_slice(format!("startxref\n{start}\n%%EOF\n").as_bytes());
        Ok(self.bytes)
    }
}

/// The whole file: `doc`'s objects, the small ones packed.
pub(super) fn write(doc: Document, deflater: Deflater) -> Result<Vec<u8>, PdfError> {
    let Document {
        version,
        binary_mark,
        trailer,
        objects,
        max_id,
        ..
    } = doc;
    let mut file = File {
        bytes: Vec::with_capacity(256 * 1024),
        entries: vec![Entry::Free],
        deflater,
    };
    file.bytes
        .extend_from_slice(format!("%PDF-{version}\n%").as_bytes());
    file.bytes.extend_from_slice(&binary_mark);
    file.bytes.push(b'\n');
    let mut small = Vec::new();
    for ((id, generation), object) in objects {
        if generation != 0 {
            return Err(failed("an object of a later generation"));
        }
        match object {
            Object::Stream(stream) => file.stream(id, stream)?,
            other => small.push((id, serialise(other)?)),
        }
    }
    let mut next = max_id + 1;
    for chunk in small.chunks(PER_STREAM) {
        file.packed(next, chunk)?;
        next += 1;
    }
    file.finish(next, &trailer)
}

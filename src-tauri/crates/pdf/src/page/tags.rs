//! Tagged PDF: the logical structure a screen reader follows. While pages
//! are composed, each piece of content is wrapped in a marked-content
//! sequence numbered on its page (MCID) and hung under a structure element
//! (headings, paragraphs, tables with their rows, header cells and data
//! cells), in reading order; rules, shading, repeated table headers and
//! each page's marking, title and numbers are artifacts. Once printpdf has
//! built the file, the structure tree, the parent tree, the document's
//! language and the "marked" flag are written into it with lopdf. PDF/UA
//! (ISO 14289-1) is the yardstick.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{DictItem, Op};

use crate::PdfError;

enum Kid {
    Elem(usize),
    Content { page: usize, mcid: i64 },
}

struct Elem {
    role: &'static str,
    /// A header cell's scope: "Column" or "Row".
    scope: Option<&'static str>,
    kids: Vec<Kid>,
}

/// The structure collected while composing.
pub(super) struct Tags {
    elems: Vec<Elem>,
    open: Vec<usize>,
    /// For each page, the element each MCID belongs to.
    parents: Vec<Vec<usize>>,
}

impl Tags {
    pub(super) fn new() -> Self {
        Self {
            elems: vec![Elem {
                role: "Document",
                scope: None,
                kids: Vec::new(),
            }],
            open: vec![0],
            parents: Vec::new(),
        }
    }

    /// Adds an element under the one open now; returns its index.
    pub(super) fn add(&mut self, role: &'static str, scope: Option<&'static str>) -> usize {
        let index = self.elems.len();
        self.elems.push(Elem {
            role,
            scope,
            kids: Vec::new(),
        });
        let parent = self.open.last().copied().unwrap_or(0);
        self.elems[parent].kids.push(Kid::Elem(index));
        index
    }

    /// Adds an element and opens it: what is added next goes under it.
    pub(super) fn open(&mut self, role: &'static str) -> usize {
        let index = self.add(role, None);
        self.open.push(index);
        index
    }

    pub(super) fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// The element open now.
    pub(super) fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// Begins content of element `elem` on page `page` (BDC with its MCID).
    pub(super) fn begin(&mut self, elem: usize, page: usize) -> Op {
        while self.parents.len() <= page {
            self.parents.push(Vec::new());
        }
        let mcid = self.parents[page].len() as i64;
        self.parents[page].push(elem);
        self.elems[elem].kids.push(Kid::Content { page, mcid });
        let map = BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]);
        Op::BeginMarkedContentWithProperties {
            tag: self.elems[elem].role.to_string(),
            properties: DictItem::Dict { map },
        }
    }

    /// Writes the structure into the built file.
    pub(super) fn write(&self, doc: &mut lopdf::Document, lang: &str) -> Result<(), PdfError> {
        let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        let root_id = doc.new_object_id();
        let ids: Vec<ObjectId> = self.elems.iter().map(|_| doc.new_object_id()).collect();
        for (i, (e, parent)) in self.elems.iter().zip(self.parent_of()).enumerate() {
            let parent = parent.map_or(root_id, |p| ids[p]);
            let dict = e.dict(&pages, &ids, parent, (i == 0).then_some(lang));
            doc.objects.insert(ids[i], Object::Dictionary(dict));
        }
        let nums = self.parent_tree(doc, &pages, &ids)?;
        let root = Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(ids[0])),
            (
                "ParentTree",
                Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))])),
            ),
            ("ParentTreeNextKey", Object::Integer(pages.len() as i64)),
        ]);
        doc.objects.insert(root_id, Object::Dictionary(root));
        mark_catalog(doc, root_id, lang)
    }

    /// Each element's parent (none for the document's root element).
    fn parent_of(&self) -> Vec<Option<usize>> {
        let mut parent_of = vec![None; self.elems.len()];
        for (i, e) in self.elems.iter().enumerate() {
            for kid in &e.kids {
                if let Kid::Elem(j) = kid {
                    parent_of[*j] = Some(i);
                }
            }
        }
        parent_of
    }

    /// The parent tree's numbers (each page's MCIDs to their elements),
    /// each page marked with its key and told to tab in structure order.
    fn parent_tree(
        &self,
        doc: &mut lopdf::Document,
        pages: &[ObjectId],
        ids: &[ObjectId],
    ) -> Result<Vec<Object>, PdfError> {
        let mut nums = Vec::new();
        for (p, page_id) in pages.iter().enumerate() {
            let owners = self.parents.get(p).cloned().unwrap_or_default();
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(
                owners.iter().map(|e| Object::Reference(ids[*e])).collect(),
            ));
            let page = doc.get_dictionary_mut(*page_id).map_err(failed)?;
            page.set("StructParents", Object::Integer(p as i64));
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
        Ok(nums)
    }
}

impl Elem {
    /// The element's dictionary. Its page is its first content's: its
    /// marked content there is named by MCID alone; only content on
    /// another page needs a reference of its own (an MCR). The root
    /// element carries the document's language (`lang`).
    fn dict(
        &self,
        pages: &[ObjectId],
        ids: &[ObjectId],
        parent: ObjectId,
        lang: Option<&str>,
    ) -> Dictionary {
        let page_of = self.kids.iter().find_map(|kid| match kid {
            Kid::Content { page, .. } => pages.get(*page).copied(),
            Kid::Elem(_) => None,
        });
        let mut kids: Vec<Object> = self
            .kids
            .iter()
            .filter_map(|kid| match kid {
                Kid::Elem(j) => Some(Object::Reference(ids[*j])),
                Kid::Content { page, mcid } => match pages.get(*page) {
                    Some(p) if Some(*p) == page_of => Some(Object::Integer(*mcid)),
                    Some(p) => Some(Object::Dictionary(Dictionary::from_iter([
                        ("Type", Object::Name(b"MCR".to_vec())),
                        ("Pg", Object::Reference(*p)),
                        ("MCID", Object::Integer(*mcid)),
                    ]))),
                    None => None,
                },
            })
            .collect();
        let kids = if kids.len() == 1 {
            kids.remove(0)
        } else {
            Object::Array(kids)
        };
        let mut dict = Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(self.role.as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
            ("K", kids),
        ]);
        if let Some(page) = page_of {
            dict.set("Pg", Object::Reference(page));
        }
        if let Some(scope) = self.scope {
            dict.set(
                "A",
                Dictionary::from_iter([
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(scope.as_bytes().to_vec())),
                ]),
            );
        }
        if let Some(lang) = lang {
            dict.set("Lang", Object::string_literal(lang));
        }
        dict
    }
}

fn failed(e: lopdf::Error) -> PdfError {
    PdfError::Write(e.to_string())
}

/// Points the catalog at the structure tree and marks the file as tagged,
/// in `lang`, its title shown rather than its file name.
fn mark_catalog(doc: &mut lopdf::Document, root_id: ObjectId, lang: &str) -> Result<(), PdfError> {
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(failed)?;
    let catalog = doc.get_dictionary_mut(catalog_id).map_err(failed)?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter([("Marked", Object::Boolean(true))]),
    );
    catalog.set("Lang", Object::string_literal(lang));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    Ok(())
}

/// Begins an artifact: content that is not part of the document's text
/// (rules, shading, repeated headers, page furniture).
pub(super) fn artifact() -> Op {
    Op::BeginMarkedContent {
        tag: "Artifact".into(),
    }
}

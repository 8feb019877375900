//! Pages of several finished PDFs as one PDF, in a chosen order. The score sheets are laid out one
//! member at a time (a province session's 17,000 pages held at once took 6.6 GB); the file of all
//! sheets takes its pages, product by product, from the members' finished files, whose streams are
//! already compressed, so only the bytes of the final file are ever held.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// The pages `order` names — (document, 0-based page) — from `docs`, as one PDF titled `title`.
/// `None` when a part is not a readable PDF (our own output: a bug, not user input).
pub fn pages_in_order(parts: Vec<Vec<u8>>, order: &[(usize, usize)], title: &str) -> Option<Vec<u8>> {
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut page_ids: Vec<Vec<ObjectId>> = Vec::with_capacity(parts.len());
    for bytes in parts {
        let mut doc = Document::load_mem(&bytes).ok()?;
        drop(bytes);
        doc.renumber_objects_with(out.max_id + 1);
        let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let is_page: std::collections::BTreeSet<ObjectId> = ids.iter().copied().collect();
        // The part's catalog and page tree are replaced by the combined file's.
        let root = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
        let tree = root.and_then(|r| doc.get_dictionary(r).ok()?.get(b"Pages").and_then(Object::as_reference).ok());
        let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
        for (id, mut object) in std::mem::take(&mut doc.objects) {
            if Some(id) == root || Some(id) == tree || Some(id) == info {
                continue;
            }
            if is_page.contains(&id) {
                if let Object::Dictionary(page) = &mut object {
                    page.set("Parent", Object::Reference(pages_id));
                }
            }
            out.objects.insert(id, object);
        }
        out.max_id = out.max_id.max(doc.max_id);
        page_ids.push(ids);
    }
    let kids: Vec<Object> =
        order.iter().filter_map(|&(d, p)| page_ids.get(d)?.get(p).copied()).map(Object::Reference).collect();
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", Object::Integer(kids.len() as i64));
    tree.set("Kids", Object::Array(kids));
    out.objects.insert(pages_id, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = out.add_object(catalog);
    let mut info = Dictionary::new();
    // UTF-16BE with its byte-order mark: a Vietnamese title in PDF text-string form.
    let utf16: Vec<u8> = [0xFE, 0xFF].into_iter().chain(title.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    info.set("Title", Object::String(utf16, lopdf::StringFormat::Hexadecimal));
    let info_id = out.add_object(info);
    out.trailer.set("Root", Object::Reference(catalog_id));
    out.trailer.set("Info", Object::Reference(info_id));
    // Pages not in `order` (none today) would only be unreferenced objects.
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).ok()?;
    Some(bytes)
}

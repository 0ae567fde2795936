//! The `document` stage: an [`Article`] and what was [`Extracted`] from it -> a tantivy
//! document.

use super::schema::Fields;
use crate::corpus::Article;
use crate::extract::Extracted;
use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

/// A stable 64-bit hash of everything stored about an article's content.
///
/// Covers the file it was read from too (an article that moves to another file is
/// re-indexed), but not its line: a line added to a feed above it leaves it unchanged. Used
/// to tell unchanged articles from changed ones on re-index; stable across runs and platforms
/// (xxh3).
pub fn content_hash(article: &Article) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let path = article.location.path.to_string_lossy();
    for part in [
        path.as_ref(),
        article.title.as_str(),
        article.body.as_str(),
        article.source.as_deref().unwrap_or(""),
        article.url.as_deref().unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    if let Some(date) = article.date {
        hasher.update(&date.unix_seconds().to_le_bytes());
    }
    hasher.digest()
}

/// The facet path of one entity: `/kind/name`.
pub fn entity_facet(kind: &str, name: &str) -> Facet {
    Facet::from_path([kind, name])
}

/// Builds the tantivy document for an article.
pub fn to_document(
    fields: &Fields,
    article: &Article,
    extracted: &Extracted,
    content_hash: u64,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if let Some(date) = article.date {
        doc.add_date(
            fields.date,
            DateTime::from_timestamp_secs(date.unix_seconds()),
        );
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    doc.add_text(fields.path, article.location.path.to_string_lossy());
    doc.add_u64(fields.line, article.location.line.unwrap_or(0) as u64);
    for (kind, name) in extracted.entities.iter() {
        doc.add_facet(fields.entity, entity_facet(kind.name(), name));
    }
    doc.add_u64(fields.content_hash, content_hash);
    doc.add_u64(fields.simhash, extracted.simhash);
    doc
}

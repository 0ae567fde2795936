//! The index schema: every field name lives here and nowhere else.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

/// Bumped whenever the schema, the analyzers or a stored signature change in a way that
/// needs a reindex. 2: the SimHash is computed from folded words; the source is a fast field.
/// 3: the stemmer keeps a final `y` where it would meet a name ("messy" is not "Messi"); a
/// dotted capital I folds to "i" ("İlkay" is "ilkay").
pub const SCHEMA_VERSION: u32 = 3;

/// Name of the analyzer for title and body: lower-case, ASCII-fold, English stem (keeping a
/// final `y` where the stem would be a name's: [`super::analyzer::KEEP_FINAL_Y`]).
pub const NEWS_ANALYZER: &str = "news_en";
/// Name of the analyzer for short keyword fields (source): lower-case and ASCII-fold only.
pub const KEYWORD_ANALYZER: &str = "keyword_folded";

/// Handles to every field of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id (raw, unique; the upsert key).
    pub id: Field,
    /// Headline, analysed with [`NEWS_ANALYZER`].
    pub title: Field,
    /// Text, analysed with [`NEWS_ANALYZER`].
    pub body: Field,
    /// Publication instant (fast, for ranges and sorting).
    pub date: Field,
    /// Publisher, analysed with [`KEYWORD_ANALYZER`].
    pub source: Field,
    /// Original URL (stored only).
    pub url: Field,
    /// Source file path (raw, for pruning by path).
    pub path: Field,
    /// Line number in a JSON Lines source when the article was last written (lines added
    /// above it later do not rewrite it), 0 for whole files.
    pub line: Field,
    /// Entity facets: `/club/<name>`, `/person/<name>`, `/competition/<name>`.
    pub entity: Field,
    /// Hash of the article's content, to skip unchanged articles on re-index.
    pub content_hash: Field,
    /// SimHash of the body's word shingles, to collapse near-duplicate copies.
    pub simhash: Field,
}

/// Builds the schema and the handles to its fields.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let news_text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let keyword_text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED | FAST),
        title: builder.add_text_field("title", news_text.clone()),
        body: builder.add_text_field("body", news_text),
        date: builder.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        // Fast too (raw): the sources of a hit's copies are read from the column, not from
        // each copy's stored document.
        source: builder.add_text_field(SOURCE_FIELD, keyword_text.set_fast("raw")),
        url: builder.add_text_field("url", STORED),
        path: builder.add_text_field("path", STRING | STORED),
        line: builder.add_u64_field("line", NumericOptions::default().set_stored()),
        entity: builder.add_facet_field("entity", FacetOptions::default().set_stored()),
        content_hash: builder.add_u64_field(CONTENT_HASH_FIELD, STORED | FAST),
        simhash: builder.add_u64_field(SIMHASH_FIELD, STORED | FAST),
    };
    (builder.build(), fields)
}

/// Looks the fields up by name in an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let get = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: get("id")?,
        title: get("title")?,
        body: get("body")?,
        date: get("date")?,
        source: get(SOURCE_FIELD)?,
        url: get("url")?,
        path: get("path")?,
        line: get("line")?,
        entity: get("entity")?,
        content_hash: get(CONTENT_HASH_FIELD)?,
        simhash: get(SIMHASH_FIELD)?,
    })
}

/// Name of the date field, for fast-field sorting and collectors that take names.
pub const DATE_FIELD: &str = "date";
/// Name of the entity facet field, for collectors that take names.
pub const ENTITY_FIELD: &str = "entity";
/// Name of the source field (also a raw fast field).
pub const SOURCE_FIELD: &str = "source";
/// Name of the id fast field.
pub const ID_FIELD: &str = "id";
/// Name of the near-duplicate signature fast field.
pub const SIMHASH_FIELD: &str = "simhash";
/// Name of the content-hash fast field.
pub const CONTENT_HASH_FIELD: &str = "content_hash";

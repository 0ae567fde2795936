//! `scout entities`: the index's clubs, people and competitions by article count.

use super::{IndexLocation, Outcome};
use crate::cli::{EntitiesArgs, KindArg};
use crate::extract::EntityKind;
use crate::index::lexicon::read_entities;
use crate::index::open_index;
use crate::search::{FacetCounts, NameCount};
use std::io::Write;

/// Runs `scout entities`.
pub fn run(location: &IndexLocation, args: EntitiesArgs) -> anyhow::Result<Outcome> {
    let index = open_index(&location.dir)?;
    let kinds: Vec<EntityKind> = match args.kind {
        Some(KindArg::Club) => vec![EntityKind::Club],
        Some(KindArg::Person) => vec![EntityKind::Person],
        Some(KindArg::Competition) => vec![EntityKind::Competition],
        None => EntityKind::ALL.to_vec(),
    };
    let mut counts = FacetCounts::default();
    for entity in read_entities(&index.dir)? {
        let list = counts.of_kind_mut(entity.kind);
        if kinds.contains(&entity.kind) && list.len() < args.top as usize {
            list.push(NameCount {
                name: entity.name,
                count: entity.count,
            });
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &counts)?;
        writeln!(out)?;
    } else {
        crate::output::human::print_facets(&mut out, &counts, &kinds)?;
    }
    out.flush()?;
    let found = kinds.iter().any(|k| !counts.of_kind(*k).is_empty());
    Ok(if found {
        Outcome::Success
    } else {
        Outcome::NothingFound
    })
}

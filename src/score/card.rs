//! Scorecards: (methodology, audit) → scores by step, angle and cell. Pure arithmetic.
//!
//! A step's score is the weighted mean of its answered criteria on 0–100 (`na` excluded,
//! `inconnu` counted as 0); the same per angle and per step × angle cell; the overall index is
//! the mean of the step scores. Coverage is the share of criteria answered and not `inconnu`.

use serde::Serialize;

use crate::model::{Audit, Methodology, Score, Track};

/// Scores of one audit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Scorecard {
    /// Mean of the step scores, 0–100; none when no step has a score.
    pub overall: Option<f64>,
    /// Share of criteria answered and known, 0–1.
    pub coverage: f64,
    /// One entry per step, in methodology order.
    pub steps: Vec<Part>,
    /// One entry per angle, in methodology order.
    pub angles: Vec<Part>,
    /// Cells by step then angle, in methodology order.
    pub cells: Vec<Vec<Part>>,
}

/// The score of a step, an angle or a cell.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Part {
    /// Weighted mean on 0–100; none when nothing was answered (or no criterion).
    pub score: Option<f64>,
    /// Share of its criteria answered and known, 0–1; none when it has no criterion.
    pub coverage: Option<f64>,
    /// Number of criteria it holds.
    pub criteria: usize,
    /// Known answers its score rests on: criteria answered with a level (not `inconnu`, not
    /// `na`). A cell resting on fewer than [`MIN_LINK_ANSWERS`] is never a weak or strong link.
    pub answers: usize,
    /// Every one of its criteria (at least one) is answered `na`: the part is "sans objet".
    pub not_applicable: bool,
}

/// The fewest known answers a cell must rest on to be named a weak or strong link.
pub const MIN_LINK_ANSWERS: usize = 2;

impl Part {
    /// Whether its score rests on too few known answers to name it a weak or strong link.
    pub fn thin(&self) -> bool {
        self.score.is_some() && self.answers < MIN_LINK_ANSWERS
    }
}

/// A weighted accumulator.
#[derive(Default, Clone, Copy)]
struct Acc {
    weighted: f64,
    weights: f64,
    criteria: usize,
    known: usize,
    levels: usize,
    na: usize,
}

impl Acc {
    fn add(&mut self, weight: f64, score: Option<Score>) {
        self.criteria += 1;
        match score {
            Some(Score::Level(l)) => {
                self.weighted += weight * f64::from(l) * 25.0;
                self.weights += weight;
                self.known += 1;
                self.levels += 1;
            }
            Some(Score::Inconnu | Score::ARepondre) => self.weights += weight,
            Some(Score::Na) => {
                self.known += 1;
                self.na += 1;
            }
            None => {}
        }
    }
    fn part(self) -> Part {
        // Weights come from the methodology: absurd ones (1e308 overflows the sums) give no
        // score rather than NaN or infinity, which no chart or page could show.
        let mean = (self.weights > 0.0).then(|| self.weighted / self.weights);
        Part {
            score: mean.filter(|s| s.is_finite()).map(|s| s.clamp(0.0, 100.0)),
            coverage: (self.criteria > 0).then(|| self.known as f64 / self.criteria as f64),
            criteria: self.criteria,
            answers: self.levels,
            not_applicable: self.criteria > 0 && self.na == self.criteria,
        }
    }
}

/// Scores an audit against its methodology.
pub fn score_audit(methodology: &Methodology, audit: &Audit) -> Scorecard {
    let step_index = |id: &str| methodology.steps.iter().position(|s| s.id == id);
    let angle_index = |id: &str| methodology.angles.iter().position(|a| a.id == id);
    let mut steps = vec![Acc::default(); methodology.steps.len()];
    let mut angles = vec![Acc::default(); methodology.angles.len()];
    let mut cells = vec![vec![Acc::default(); methodology.angles.len()]; methodology.steps.len()];
    let mut total = Acc::default();
    for c in &methodology.criteria {
        let score = audit.answers.get(&c.id).map(|a| a.score);
        if !counts_for(audit, c.light, score.is_some()) {
            continue;
        }
        total.add(c.weight, score);
        let (Some(s), Some(a)) = (step_index(&c.step), angle_index(&c.angle)) else {
            continue;
        };
        steps[s].add(c.weight, score);
        angles[a].add(c.weight, score);
        cells[s][a].add(c.weight, score);
    }
    let steps: Vec<Part> = steps.into_iter().map(Acc::part).collect();
    let scored: Vec<f64> = steps.iter().filter_map(|p| p.score).collect();
    Scorecard {
        overall: (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64),
        coverage: total.part().coverage.unwrap_or(0.0),
        steps,
        angles: angles.into_iter().map(Acc::part).collect(),
        cells: cells
            .into_iter()
            .map(|row| row.into_iter().map(Acc::part).collect())
            .collect(),
    }
}

/// Whether a criterion counts for an audit: every one for a full audit; for a light audit, its
/// light criteria and any other it answered (coverage is over those).
fn counts_for(audit: &Audit, light: bool, answered: bool) -> bool {
    audit.track == Track::Full || light || answered
}

/// A step × angle cell picked as a weak or strong link.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Link {
    /// Step index.
    pub step: usize,
    /// Angle index.
    pub angle: usize,
    /// Its score.
    pub score: f64,
}

/// Returns the weakest and the strongest scored cells, at most `n` each, never the same cell
/// twice; weak links score below 50, strong links 75 or more. Ties keep methodology order.
/// A cell whose score rests on fewer than [`MIN_LINK_ANSWERS`] known answers is never a link:
/// one answer alone does not make a weak or strong spot.
pub(super) fn links(card: &Scorecard, n: usize) -> (Vec<Link>, Vec<Link>) {
    let mut all: Vec<Link> = card
        .cells
        .iter()
        .enumerate()
        .flat_map(|(s, row)| {
            row.iter().enumerate().filter_map(move |(a, p)| {
                let score = p.score.filter(|_| p.answers >= MIN_LINK_ANSWERS);
                score.map(|score| Link {
                    step: s,
                    angle: a,
                    score,
                })
            })
        })
        .collect();
    all.sort_by(|x, y| x.score.total_cmp(&y.score));
    let weak: Vec<Link> = all
        .iter()
        .filter(|l| l.score < 50.0)
        .take(n)
        .cloned()
        .collect();
    let strong: Vec<Link> = all
        .iter()
        .rev()
        .filter(|l| l.score >= 75.0)
        .take(n)
        .cloned()
        .collect();
    (weak, strong)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Score;
    use crate::testkit::{audit, criterion, methodology as build};

    fn methodology() -> crate::model::Methodology {
        build(
            &["a", "b"],
            &["x", "y"],
            vec![
                criterion("a.1", "a", "x", 1.0),
                criterion("a.2", "a", "y", 3.0),
                criterion("b.1", "b", "x", 2.0),
                criterion("b.2", "b", "y", 1.0),
                criterion("b.3", "b", "y", 1.0),
            ],
        )
    }

    #[test]
    fn issue_11_absurd_weights_give_no_score_rather_than_nan() {
        use Score::*;
        let m = build(
            &["a"],
            &["x"],
            vec![
                criterion("a.1", "a", "x", 1e308),
                criterion("a.2", "a", "x", f64::MAX),
            ],
        );
        let card = score_audit(&m, &audit(&[("a.1", Level(4)), ("a.2", Level(2))]));
        assert!(card
            .steps
            .iter()
            .all(|p| p.score.is_none_or(f64::is_finite)));
        assert!(card.overall.is_none_or(f64::is_finite));
    }

    #[test]
    fn weighted_means_by_step_angle_and_cell() {
        use Score::*;
        let card = score_audit(
            &methodology(),
            &audit(&[
                ("a.1", Level(4)),
                ("a.2", Level(0)),
                ("b.1", Level(2)),
                ("b.2", Level(3)),
                ("b.3", Na),
            ]),
        );
        // Step a: (1×100 + 3×0) / 4 = 25.
        assert_eq!(card.steps[0].score, Some(25.0));
        // Step b: (2×50 + 1×75) / 3 = 58.33…; b.3 is `na`, excluded.
        assert!((card.steps[1].score.unwrap() - 175.0 / 3.0).abs() < 1e-9);
        // Angle x: (1×100 + 2×50) / 3; angle y: (3×0 + 1×75) / 4.
        assert!((card.angles[0].score.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(card.angles[1].score, Some(18.75));
        // Cell b×y holds b.2 (75) and b.3 (na).
        assert_eq!(card.cells[1][1].score, Some(75.0));
        // Overall = mean of the step scores.
        assert!((card.overall.unwrap() - (25.0 + 175.0 / 3.0) / 2.0).abs() < 1e-9);
        // All five answered and known (na counts as known).
        assert_eq!(card.coverage, 1.0);
    }

    #[test]
    fn inconnu_counts_zero_and_lowers_coverage() {
        use Score::*;
        let card = score_audit(
            &methodology(),
            &audit(&[("a.1", Level(4)), ("a.2", Inconnu)]),
        );
        assert_eq!(card.steps[0].score, Some(25.0));
        assert_eq!(card.steps[0].coverage, Some(0.5));
        assert_eq!(card.steps[1].score, None);
        assert_eq!(card.coverage, 1.0 / 5.0);
        assert_eq!(card.overall, Some(25.0));
    }

    #[test]
    fn all_na_gives_no_score() {
        let card = score_audit(
            &methodology(),
            &audit(&[("a.1", Score::Na), ("a.2", Score::Na)]),
        );
        assert_eq!(card.steps[0].score, None);
        assert_eq!(card.overall, None);
    }

    /// Two criteria in each of the four cells, so every cell can rest on two answers.
    fn doubled() -> crate::model::Methodology {
        let cells = [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")];
        let criteria = cells
            .iter()
            .flat_map(|(s, a)| (1..=2).map(move |k| criterion(&format!("{s}.{a}.{k}"), s, a, 1.0)))
            .collect();
        build(&["a", "b"], &["x", "y"], criteria)
    }

    #[test]
    fn weak_and_strong_links_are_distinct_and_thresholded() {
        use Score::*;
        let card = score_audit(
            &doubled(),
            &audit(&[
                ("a.x.1", Level(4)),
                ("a.x.2", Level(4)),
                ("a.y.1", Level(0)),
                ("a.y.2", Level(1)),
                ("b.x.1", Level(2)),
                ("b.x.2", Level(2)),
                ("b.y.1", Level(3)),
                ("b.y.2", Level(3)),
            ]),
        );
        let (weak, strong) = links(&card, 3);
        assert_eq!(
            weak.iter().map(|l| (l.step, l.angle)).collect::<Vec<_>>(),
            vec![(0, 1)]
        );
        assert_eq!(
            strong.iter().map(|l| (l.step, l.angle)).collect::<Vec<_>>(),
            vec![(0, 0), (1, 1)]
        );
    }

    #[test]
    fn a_cell_resting_on_one_known_answer_is_never_a_link() {
        use Score::*;
        let card = score_audit(
            &doubled(),
            &audit(&[
                // a×x: one level and one `inconnu`: scored 0, but on one known answer.
                ("a.x.1", Level(0)),
                ("a.x.2", Inconnu),
                // a×y: one level, the other criterion unanswered.
                ("a.y.1", Level(4)),
                // b×x: one level and one `na`.
                ("b.x.1", Level(0)),
                ("b.x.2", Na),
                // b×y: two known answers, weak.
                ("b.y.1", Level(1)),
                ("b.y.2", Level(0)),
            ]),
        );
        assert_eq!(card.cells[0][0].score, Some(0.0));
        assert_eq!(card.cells[0][0].answers, 1);
        assert!(card.cells[0][0].thin());
        assert!(card.cells[0][1].thin());
        assert!(card.cells[1][0].thin());
        assert!(!card.cells[1][1].thin());
        let (weak, strong) = links(&card, 4);
        assert_eq!(
            weak.iter().map(|l| (l.step, l.angle)).collect::<Vec<_>>(),
            vec![(1, 1)]
        );
        assert!(strong.is_empty());
    }

    #[test]
    fn a_cell_where_every_criterion_is_na_is_not_applicable() {
        use Score::*;
        let card = score_audit(
            &doubled(),
            &audit(&[
                ("a.x.1", Na),
                ("a.x.2", Na),
                ("a.y.1", Na),
                ("b.x.1", Level(2)),
                ("b.x.2", Na),
            ]),
        );
        assert!(card.cells[0][0].not_applicable);
        assert_eq!(card.cells[0][0].score, None);
        assert!(!card.cells[0][0].thin());
        // Half `na`, half unanswered: not "sans objet", simply not scored.
        assert!(!card.cells[0][1].not_applicable);
        assert!(!card.cells[1][0].not_applicable);
        assert!(!card.cells[1][1].not_applicable);
    }

    #[test]
    fn a_light_audit_is_scored_on_its_light_criteria_and_what_it_answered() {
        use Score::*;
        let mut m = methodology();
        for c in &mut m.criteria {
            c.light = c.id == "a.1" || c.id == "b.1";
        }
        // Light a.1 answered, light b.1 left out, non-light b.2 answered; a.2, b.3 left out.
        let mut light = audit(&[("a.1", Level(4)), ("b.2", Level(1))]);
        light.track = Track::Light;
        let card = score_audit(&m, &light);
        // Coverage over a.1, b.1 and b.2: two known answers of three.
        assert!((card.coverage - 2.0 / 3.0).abs() < 1e-9);
        // Step a counts a.1 only (a.2 is neither light nor answered): 100, fully covered.
        assert_eq!(card.steps[0].score, Some(100.0));
        assert_eq!(card.steps[0].coverage, Some(1.0));
        assert_eq!(card.steps[0].criteria, 1);
        // Step b counts b.1 (missing) and b.2 (25).
        assert_eq!(card.steps[1].score, Some(25.0));
        assert_eq!(card.steps[1].coverage, Some(0.5));
        // Cell a×y holds only a.2: nothing to count, as if it had no criterion.
        assert_eq!(card.cells[0][1].criteria, 0);
        assert_eq!(card.cells[0][1].coverage, None);
        // The same answers as a full audit: every criterion counts, coverage 2 of 5.
        light.track = Track::Full;
        let full = score_audit(&m, &light);
        assert_eq!(full.coverage, 2.0 / 5.0);
        assert_eq!(full.steps[0].coverage, Some(0.5));
    }
}

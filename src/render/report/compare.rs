//! The report's comparisons: with peers (median and spread, never a ranking) and with the
//! commune's previous audit.

use super::context::*;
use super::Place;
use crate::format;
use crate::i18n::t;
use crate::model::*;
use crate::score::{AuditScores, Peers, Progress};

pub(super) fn peer_blocks<'a>(scores: &AuditScores<'a>) -> Vec<PeerBlock<'a>> {
    let (m, card) = (scores.methodology, &scores.card);
    let block = |p: &Result<Peers, usize>, key: &'static str| match p {
        Ok(peers) => PeerBlock {
            label: t(key),
            count: Some(peers.count),
            rows: Some(
                m.steps
                    .iter()
                    .zip(&card.steps)
                    .zip(&peers.steps)
                    .map(|((s, own), st)| PeerRow {
                        step: &s.name,
                        own: format::score(own.score),
                        median: format::score(st.map(|x| x.0)),
                        spread: st
                            .map(|(_, lo, hi)| {
                                format!("{}–{}", format::score(Some(lo)), format::score(Some(hi)))
                            })
                            .unwrap_or_else(|| "—".into()),
                    })
                    .collect(),
            ),
            too_few: None,
        },
        Err(n) => PeerBlock {
            label: t(key),
            count: None,
            rows: None,
            too_few: Some(*n),
        },
    };
    vec![
        block(&scores.peers[0], "peers.typology"),
        block(&scores.peers[1], "peers.intercommunale"),
    ]
}

pub(super) fn progress_block<'a>(
    m: &Methodology,
    prev_m: Option<&Methodology>,
    audit: &Audit,
    prev: &'a Audit,
    p: &'a Progress,
    place: &Place<'_>,
) -> ProgressBlock<'a> {
    let row = |name: &'a str, b: Option<f64>, a: Option<f64>| {
        let delta = format::change(b, a);
        ProgressRow {
            name,
            before: format::score(b),
            after: format::score(a),
            delta: delta.map(format::signed).unwrap_or_else(|| "—".into()),
            direction: match delta {
                Some(d) if d > 0 => "up",
                Some(d) if d < 0 => "down",
                _ => "same",
            },
        }
    };
    let pm = &p.methodology;
    ProgressBlock {
        from: format::date(&prev.date),
        from_version: &prev.methodology,
        same_version: prev.methodology == audit.methodology,
        steps: pm
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| row(&s.name, p.before.steps[i].score, p.after.steps[i].score))
            .collect(),
        angles: pm
            .angles
            .iter()
            .enumerate()
            .map(|(i, a)| row(&a.name, p.before.angles[i].score, p.after.angles[i].score))
            .collect(),
        left_out: p
            .left_out
            .iter()
            .map(|id| {
                let (title, version) = match m.criterion(id) {
                    Some(c) => (c.question.clone(), &audit.methodology),
                    None => (
                        prev_m
                            .and_then(|pm| pm.criterion(id))
                            .map_or(id.clone(), |c| c.question.clone()),
                        &prev.methodology,
                    ),
                };
                Titled {
                    title,
                    href: format!("{}handbook/{version}/criteres/{id}.html", place.root),
                }
            })
            .collect(),
        completed: p
            .completed
            .iter()
            .map(|id| Titled {
                title: m.action(id).map(|a| a.name.clone()).unwrap_or(id.clone()),
                href: format!(
                    "{}handbook/{}/actions/{id}.html",
                    place.root, audit.methodology
                ),
            })
            .collect(),
    }
}

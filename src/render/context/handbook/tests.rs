//! Each handbook context against the template that reads it: a field no template reads fails.

use serde_json::Value;

use super::*;

macro_rules! template {
    ($name:literal) => {
        include_str!(concat!("../../../../themes/default/templates/", $name))
    };
}

fn keys(value: &impl Serialize) -> Vec<String> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        other => panic!("not an object: {other:?}"),
    }
}

/// Fails on a field of `value` that `template` never reads as `var.field`.
fn read_as(template: &str, var: &str, value: &impl Serialize) {
    for k in keys(value) {
        assert!(
            template.contains(&format!("{var}.{k}")),
            "{var}.{k} is never read"
        );
    }
}

/// The Tera tags of `template` (`{{ … }}` and `{% … %}`), where its variables are read.
fn tags(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        rest = &rest[i..];
        let close = match rest.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                rest = &rest[1..];
                continue;
            }
        };
        let end = rest.find(close).map_or(rest.len(), |j| j + 2);
        out.push_str(&rest[..end]);
        out.push(' ');
        rest = &rest[end..];
    }
    out
}

/// Fails on a top-level field of a page that no tag of `template` names.
fn read_top(template: &str, value: &impl Serialize) {
    let tags = tags(template);
    for k in keys(value) {
        let named = tags.match_indices(k.as_str()).any(|(i, _)| {
            let before = tags[..i].chars().next_back();
            let after = tags[i + k.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && before != Some('.') && !word(after)
        });
        assert!(named, "{k} is never read");
    }
}

#[test]
#[should_panic(expected = "href is never read")]
fn a_field_the_page_does_not_read_fails() {
    read_top(
        template!("action.html"),
        &serde_json::json!({"title": "t", "href": "x"}),
    );
}

#[test]
#[should_panic(expected = "nav.steps is never read")]
fn a_menu_field_the_frame_does_not_read_fails() {
    read_as(
        template!("handbook_menu.html"),
        "nav",
        &serde_json::json!({"steps": []}),
    );
}

fn href(s: &str) -> String {
    s.to_string()
}

fn link(title: &str) -> Link<'_> {
    Link {
        title,
        href: href("x.html"),
    }
}

fn named(name: &str) -> NamedLink<'_> {
    NamedLink {
        name,
        href: href("x.html"),
    }
}

fn criterion() -> CriterionLink<'static> {
    CriterionLink {
        question: "Q ?",
        href: href("c.html"),
        light: true,
    }
}

#[test]
fn every_field_of_the_frame_and_menu_is_read() {
    let base = template!("handbook_base.html");
    let menu_template = template!("handbook_menu.html");
    let reference = vec![link("r")];
    let sub = vec![link("c")];
    let entry = EntryView {
        title: "s",
        href: "c.html",
        chapters: &sub,
    };
    read_as(menu_template, "e", &entry);
    read_as(menu_template, "c", &link("c"));
    let nav = NavView {
        entries: vec![entry],
        reference: &reference,
        sections: true,
    };
    read_as(menu_template, "nav", &nav);
    read_top(
        menu_template,
        &Menu {
            version: "1.0",
            hb: "",
            nav,
        },
    );
    let switch = Switch {
        label: "1.0".into(),
        current: true,
        draft: false,
        target: href("index.html"),
    };
    read_as(base, "v", &switch);
    let frame = Frame {
        notice: None,
        version: "1.0",
        draft: false,
        hb: String::new(),
        menu: "",
        switcher: vec![switch],
    };
    read_top(base, &frame);
}

#[test]
fn every_field_of_the_chapter_and_home_pages_is_read() {
    let chapter = template!("chapter.html");
    let page = ChapterPage {
        title: "t",
        body: Html::escape("b"),
        linked: vec![named("n")],
        prev: Some(link("p")),
        next: None,
    };
    read_top(chapter, &page);
    read_as(chapter, "l", &named("n"));
    read_as(chapter, "prev", &link("p"));
    let home = template!("handbook.html");
    let counts = Counts {
        steps: "1".into(),
        angles: "1".into(),
        criteria: "1".into(),
        sources: "1".into(),
        actions: "1".into(),
    };
    read_as(home, "counts", &counts);
    let contents = [NavEntry {
        title: "s",
        href: href("c.html"),
        chapters: vec![link("c")],
    }];
    read_as(home, "e", &contents[0]);
    read_top(
        home,
        &Home {
            title: "t",
            contents: &contents,
            reference: &[],
            counts,
        },
    );
    read_as(home, "c", &link("c"));
}

#[test]
fn every_field_of_the_cards_is_read() {
    let card = Card {
        title: "t",
        href: href("x.html"),
        text: Html::escape("x"),
        count: Some(1),
        risk: Some("r"),
    };
    read_as(template!("reference.html"), "i", &card);
}

#[test]
fn every_field_of_the_step_and_angle_pages_is_read() {
    let step = template!("step.html");
    let by_angle = AngleCriteria {
        angle: "a",
        href: href("a.html"),
        criteria: vec![criterion()],
    };
    read_as(step, "a", &by_angle);
    read_as(step, "c", &criterion());
    let page = StepPage {
        title: "t",
        description: Html::escape("d"),
        frictions: &[],
        by_angle: vec![by_angle],
        sources: vec![link("s")],
        actions: vec![],
        chapters: vec![],
    };
    read_top(step, &page);
    let angle = template!("angle.html");
    let by_step = StepCriteria {
        step: "s",
        href: href("s.html"),
        criteria: vec![criterion()],
    };
    read_as(angle, "s", &by_step);
    let page = AnglePage {
        title: "t",
        question: "q",
        description: Html::escape("d"),
        by_step: vec![by_step],
        chapters: vec![],
    };
    read_top(angle, &page);
}

#[test]
fn every_field_of_the_criterion_source_and_action_pages_is_read() {
    let level = crate::model::Level {
        level: -1,
        label: "l".into(),
        description: "d".into(),
    };
    let criterion_html = template!("criterion.html");
    let row = LevelRow {
        level: "0".into(),
        label: "l",
        descriptor: "d",
    };
    read_as(criterion_html, "l", &row);
    let trigger = TriggerLink {
        title: "a",
        href: href("a.html"),
        max_level: "2".into(),
        label: None,
    };
    read_as(criterion_html, "a", &trigger);
    read_as(criterion_html, "step", &named("s"));
    let page = CriterionPage {
        title: "t",
        id: "s.c",
        step: Some(named("s")),
        angle: Some(named("a")),
        weight: "1".into(),
        levels: vec![row],
        na: &level,
        inconnu: &level,
        guidance: Html::escape("g"),
        sources: vec![],
        actions: vec![trigger],
        light: true,
    };
    read_top(criterion_html, &page);
    let source = template!("source.html");
    let page = SourcePage {
        title: "t",
        description: Html::escape("d"),
        holder: "h",
        risk: "r",
        lawful_use: Html::escape("l"),
        usual_cost: "c",
        steps: vec![],
        criteria: vec![],
    };
    read_top(source, &page);
    let action = template!("action.html");
    let trigger = TriggerLink {
        title: "c",
        href: href("c.html"),
        max_level: "2".into(),
        label: Some("l"),
    };
    read_as(action, "c", &trigger);
    let facts = ActionFacts {
        title: "t",
        steps: vec![],
        cost_one_off: "1 €".into(),
        cost_yearly: "0 €".into(),
        staff_days: "0–1".into(),
        lead_time: "1".into(),
        impact: "3".into(),
    };
    let page = ActionPage {
        facts,
        angles: vec![],
        description: Html::escape("d"),
        benefit: "b",
        gdpr: "g",
        triggers: vec![trigger],
        light: true,
        requires: vec![link("r")],
        scaling: "s".into(),
        bands: vec![BandCosts {
            name: "n".into(),
            one_off: "1 €".into(),
            yearly: "0 €".into(),
            staff_days: "1 j".into(),
        }],
    };
    read_as(action, "b", &page.bands[0]);
    read_as(action, "r", &page.requires[0]);
    read_top(action, &page);
}

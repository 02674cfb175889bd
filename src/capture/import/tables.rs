//! The table sheets of a questionnaire (inventory, plan, outcomes, economics) and the
//! key-value ones (indicators, envelope).

use super::*;

fn col(columns: &[&str], key: &str) -> u32 {
    columns.iter().position(|c| *c == key).unwrap_or(0) as u32
}

impl Cx<'_> {
    pub(super) fn inventory(&mut self, g: &Grid, m: &Methodology) -> Vec<InventoryFile> {
        const C: [&str; 14] = sheet::INVENTORY_COLUMNS;
        if !self.header(g, &C) {
            return Vec::new();
        }
        let types: Vec<&str> = m.sources.iter().map(|s| s.id.as_str()).collect();
        let steps: Vec<&str> = m.steps.iter().map(|s| s.id.as_str()).collect();
        let accesses: Vec<(&str, Access)> = Access::ALL
            .iter()
            .map(|a| (super::super::yaml::access(*a), *a))
            .collect();
        let personal = [
            PersonalData::None,
            PersonalData::Pseudonymised,
            PersonalData::Personal,
        ]
        .map(|p| (super::super::yaml::personal(p), p));
        let mut out = Vec::new();
        for row in Cx::rows(g, C.len()) {
            let c = |key| col(&C, key);
            let kind = self.required(g, row, c("type"), header("type"));
            let kind =
                kind.filter(|k| self.known_id(g, (row, c("type")), k, &types, &noun("type")));
            let name = self.required_text(g, row, c("name"), header("name"));
            let holder = self
                .text(g, row, c("holder"), Len::Line)
                .unwrap_or_default();
            let access = self.required_word(g, row, c("access"), &accesses, header("access"));
            let format = self
                .text(g, row, c("format"), Len::Line)
                .unwrap_or_default();
            let refresh = self
                .text(g, row, c("refresh"), Len::Line)
                .unwrap_or_default();
            let personal_data = self.required_word(
                g,
                row,
                c("personal_data"),
                &personal,
                header("personal_data"),
            );
            let legal_basis = self
                .text(g, row, c("legal_basis"), Len::Line)
                .unwrap_or_default();
            let dpia = self.boolean(g, row, c("dpia")).unwrap_or(false);
            let dpia_required = self.boolean(g, row, c("dpia_required"));
            let in_register = self.boolean(g, row, c("in_register"));
            let quality = self.required_count(
                g,
                row,
                c("quality"),
                limits::Bounds { min: 0, max: 4 },
                header("quality"),
            );
            let steps = self.ids(g, row, c("steps"), &steps, &noun("step"));
            let citation = self
                .text(g, row, c("citation"), Len::Line)
                .unwrap_or_default();
            let (Some(kind), Some(name), Some(access), Some(personal_data), Some(quality)) =
                (kind, name, access, personal_data, quality)
            else {
                continue;
            };
            out.push(InventoryFile {
                kind,
                name,
                holder,
                access,
                format,
                refresh,
                personal_data,
                legal_basis,
                dpia,
                dpia_required,
                in_register,
                quality: quality as i64,
                steps,
                citation,
            });
        }
        self.too_many(g, out.len(), limits::INVENTORY_ITEMS);
        out
    }

    pub(super) fn plan(&mut self, g: &Grid, m: &Methodology) -> Vec<PlanFile> {
        const C: [&str; 10] = sheet::PLAN_COLUMNS;
        if !self.header(g, &C) {
            return Vec::new();
        }
        let actions: Vec<&str> = m.actions.iter().map(|a| a.id.as_str()).collect();
        let criteria: Vec<&str> = m.criteria.iter().map(|c| c.id.as_str()).collect();
        let statuses = [
            PlanStatus::Planned,
            PlanStatus::InProgress,
            PlanStatus::Done,
            PlanStatus::Dropped,
        ]
        .map(|s| (super::super::yaml::plan_status(s), s));
        let mut out = Vec::new();
        for row in Cx::rows(g, C.len()) {
            let c = |key| col(&C, key);
            let action = self.required(g, row, c("action"), header("action"));
            let action = action
                .filter(|a| self.known_id(g, (row, c("action")), a, &actions, &noun("action")));
            let linked = self.ids(g, row, c("criteria"), &criteria, &noun("criterion"));
            let owner = self.required_text(g, row, c("owner"), header("owner"));
            let staff_days = self.number(g, row, c("staff_days"), limits::STAFF_DAYS);
            let budget_one_off = self.number(g, row, c("budget_one_off"), limits::EUROS);
            let budget_yearly = self.number(g, row, c("budget_yearly"), limits::EUROS);
            let start = self.quarter(g, row, c("start"), header("start"));
            let end = self.quarter(g, row, c("end"), header("end"));
            let status = self.required_word(g, row, c("status"), &statuses, header("status"));
            let kpi = self.text(g, row, c("kpi"), Len::Line);
            let (Some(action), Some(owner), Some(start), Some(end), Some(status)) =
                (action, owner, start, end, status)
            else {
                continue;
            };
            out.push(PlanFile {
                action,
                criteria: linked,
                owner,
                staff_days,
                budget_one_off,
                budget_yearly,
                start,
                end,
                status,
                kpi,
            });
        }
        self.too_many(g, out.len(), limits::PLAN_ITEMS);
        out
    }

    pub(super) fn outcomes(&mut self, g: &Grid, m: &Methodology) -> Vec<OutcomeFile> {
        const C: [&str; 4] = sheet::OUTCOME_COLUMNS;
        if !self.header(g, &C) {
            return Vec::new();
        }
        let known: Vec<&str> = m.outcomes.iter().map(|o| o.id.as_str()).collect();
        let mut out = Vec::new();
        for row in Cx::rows(g, C.len()) {
            let indicator = self.required(g, row, 0, header("indicator"));
            let indicator =
                indicator.filter(|i| self.known_id(g, (row, 0), i, &known, &noun("indicator")));
            let before = self.diagnostics.len();
            let value = self.number(g, row, 1, limits::OUTCOME_VALUE);
            if value.is_none() && self.diagnostics.len() == before {
                self.error(
                    g,
                    Some((row, 1)),
                    f("import.missing", &[&header("value")]),
                    t("help.import-missing").to_string(),
                );
            }
            let date = self.date(g, row, 2, header("date"));
            let method = self.required_text(g, row, 3, header("method"));
            if let (Some(indicator), Some(value), Some(date), Some(method)) =
                (indicator, value, date, method)
            {
                out.push(OutcomeFile {
                    indicator,
                    value,
                    date,
                    method,
                });
            }
        }
        self.too_many(g, out.len(), limits::OUTCOMES);
        out
    }

    pub(super) fn economics(&mut self, g: &Grid, m: &Methodology) -> Vec<EconomicsFile> {
        const C: [&str; 6] = sheet::ECONOMICS_COLUMNS;
        if !self.header(g, &C) {
            return Vec::new();
        }
        let steps: Vec<&str> = m.steps.iter().map(|s| s.id.as_str()).collect();
        let mut out = Vec::new();
        for row in Cx::rows(g, C.len()) {
            let step = self.required(g, row, 0, header("step"));
            let step = step.filter(|s| self.known_id(g, (row, 0), s, &steps, &noun("step")));
            let cost_yearly = self.range(g, row, 1);
            let return_yearly = self.range(g, row, 3);
            let assumptions = self.text(g, row, 5, Len::Text);
            if let (Some(step), Some(cost_yearly), Some(return_yearly)) =
                (step, cost_yearly, return_yearly)
            {
                out.push(EconomicsFile {
                    step,
                    cost_yearly,
                    return_yearly,
                    assumptions,
                });
            }
        }
        out
    }

    /// A (min, max) pair of cells: both or neither; `None` when wrong (reported).
    fn range(&mut self, g: &Grid, row: u32, c: u32) -> Option<Option<[f64; 2]>> {
        let before = self.diagnostics.len();
        let a = self.number(g, row, c, limits::STEP_EUROS);
        let b = self.number(g, row, c + 1, limits::STEP_EUROS);
        if self.diagnostics.len() > before {
            return None;
        }
        match (a, b) {
            (Some(a), Some(b)) if a <= b => Some(Some([a, b])),
            (None, None) => Some(None),
            (Some(_), Some(_)) => {
                self.error(
                    g,
                    Some((row, c)),
                    t("import.range-order").to_string(),
                    t("help.import-range-order").to_string(),
                );
                None
            }
            (None, _) | (_, None) => {
                let at = if a.is_none() { c } else { c + 1 };
                self.error(
                    g,
                    Some((row, at)),
                    t("import.range-half").to_string(),
                    t("help.import-range-half").to_string(),
                );
                None
            }
        }
    }

    pub(super) fn indicators(&mut self, g: &Grid) -> Option<IndicatorsFile> {
        let keys = self.keys(g, &sheet::INDICATOR_KEYS, None);
        let at = |k: &str| keys.rows.get(k).copied();
        let count = |cx: &mut Self, k: &str, b| at(k).and_then(|r| cx.count(g, r, 2, b));
        let i = IndicatorsFile {
            shops: count(self, "shops", limits::COUNT),
            vacancy_rate: at("vacancy_rate").and_then(|r| self.number(g, r, 2, limits::PERCENT)),
            parking_spaces: count(self, "parking_spaces", limits::COUNT),
            collection_points: count(self, "collection_points", limits::COUNT),
            footfall: count(self, "footfall", limits::FOOTFALL),
            footfall_source: at("footfall_source").and_then(|r| self.text(g, r, 2, Len::Line)),
        };
        (!i.is_empty()).then_some(i)
    }

    pub(super) fn envelope(&mut self, g: &Grid) -> Option<EnvelopeFile> {
        let keys = self.keys(g, &sheet::ENVELOPE_KEYS, None);
        let bounds = [limits::EUROS, limits::EUROS, limits::STAFF_DAYS];
        let before = self.diagnostics.len();
        let values: Vec<(Option<u32>, Option<f64>)> = sheet::ENVELOPE_KEYS
            .iter()
            .zip(bounds)
            .map(|(k, b)| {
                let row = keys.rows.get(*k).copied();
                (row, row.and_then(|r| self.number(g, r, 2, b)))
            })
            .collect();
        if self.diagnostics.len() > before || values.iter().all(|(_, v)| v.is_none()) {
            return None;
        }
        for (k, (row, v)) in sheet::ENVELOPE_KEYS.iter().zip(&values) {
            if v.is_none() {
                let label = t(&format!("sheet.env.{k}")).to_string();
                let at = row.map(|r| (r, 2));
                self.error(
                    g,
                    at,
                    f("import.envelope-part", &[&label]),
                    t("help.import-envelope-part").to_string(),
                );
            }
        }
        match values.as_slice() {
            [(_, Some(one_off)), (_, Some(yearly)), (_, Some(staff_days))] => Some(EnvelopeFile {
                one_off: *one_off,
                yearly: *yearly,
                staff_days: *staff_days,
            }),
            _ => None,
        }
    }

    fn required_word<T: Copy>(
        &mut self,
        g: &Grid,
        row: u32,
        col: u32,
        words: &[(&str, T)],
        what: &str,
    ) -> Option<T> {
        let before = self.diagnostics.len();
        let v = self.word(g, row, col, words);
        if v.is_none() && self.diagnostics.len() == before {
            self.error(
                g,
                Some((row, col)),
                f("import.missing", &[&what]),
                t("help.import-missing").to_string(),
            );
        }
        v
    }

    fn required_count(
        &mut self,
        g: &Grid,
        row: u32,
        col: u32,
        bounds: limits::Bounds<u64>,
        what: &str,
    ) -> Option<u64> {
        let before = self.diagnostics.len();
        let v = self.count(g, row, col, bounds);
        if v.is_none() && self.diagnostics.len() == before {
            self.error(
                g,
                Some((row, col)),
                f("import.missing", &[&what]),
                t("help.import-missing").to_string(),
            );
        }
        v
    }

    /// A quarter `YYYY-Qn` in the plan's years.
    fn quarter(&mut self, g: &Grid, row: u32, col: u32, what: &str) -> Option<String> {
        let s = self.required(g, row, col, what)?;
        let ok =
            crate::model::parse_quarter(&s).is_some_and(|q| limits::PLAN_YEAR.contains(&q.year));
        if ok && s.len() == 7 {
            return Some(s);
        }
        self.error(
            g,
            Some((row, col)),
            f("import.bad-quarter", &[&s]),
            t("help.import-bad-quarter").to_string(),
        );
        None
    }

    fn too_many(&mut self, g: &Grid, n: usize, max: usize) {
        if n > max {
            self.error(
                g,
                None,
                f("import.too-many", &[&n, &max]),
                t("help.import-too-many").to_string(),
            );
        }
    }
}

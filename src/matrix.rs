//! The merged code matrix of all loaded runbooks: rows to list, fuzzy search by code or
//! keyword, and comparisons of confusable codes. Pure: no terminal, clock or filesystem.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use serde::Serialize;

use crate::runbook::{Card, ComparisonCard, LoadReport, TeamRunbook};

/// All loaded runbooks; the first is the embedded default, the rest are team files over it.
#[derive(Debug, Clone)]
pub struct Matrix {
    runbooks: Vec<TeamRunbook>,
    /// The rows to list, computed once.
    rows: Vec<Row>,
    /// Per row, its text prepared for matching, so a search only matches.
    haystacks: Vec<Haystack>,
}

/// The searchable text of one row, converted once for the matcher.
#[derive(Debug, Clone)]
struct Haystack {
    title: Utf32String,
    keywords: Vec<Utf32String>,
    meaning_lower: String,
}

/// One line of the matrix: a code of one team's runbook.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    /// Index of the runbook in [`Matrix::runbooks`].
    #[serde(skip)]
    pub runbook: usize,
    pub team: String,
    pub code: u16,
    pub title: String,
    pub owner: String,
    /// Whether the team file defines the code itself (not inherited from the default).
    pub own_entry: bool,
}

/// A search hit: the row and how well it matched (higher is better).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub row: Row,
    pub score: u32,
}

impl Matrix {
    /// Builds the matrix; `runbooks` must start with the default, as the loader returns them.
    pub fn new(runbooks: Vec<TeamRunbook>) -> Self {
        let rows = list_rows(&runbooks);
        let haystacks = rows
            .iter()
            .map(|row| {
                let card = runbooks
                    .get(row.runbook)
                    .and_then(|r| r.codes.get(&row.code));
                Haystack {
                    title: Utf32String::from(card.map_or("", |c| c.title.as_str())),
                    keywords: card
                        .map(|c| {
                            c.keywords
                                .iter()
                                .map(|k| Utf32String::from(k.as_str()))
                                .collect()
                        })
                        .unwrap_or_default(),
                    meaning_lower: card.map(|c| c.meaning.to_lowercase()).unwrap_or_default(),
                }
            })
            .collect();
        Self {
            runbooks,
            rows,
            haystacks,
        }
    }

    pub fn from_report(report: &LoadReport) -> Self {
        Self::new(report.runbooks.clone())
    }

    pub fn runbooks(&self) -> &[TeamRunbook] {
        &self.runbooks
    }

    /// The runbook to answer from: the named team (case-insensitive, by name or file), else
    /// the only team file, else the first team file that defines `code` itself, else the default.
    pub fn pick(&self, team: Option<&str>, code: Option<u16>) -> Option<&TeamRunbook> {
        if let Some(team) = team {
            let wanted = team.to_lowercase();
            return self.runbooks.iter().find(|r| {
                r.name.to_lowercase() == wanted
                    || r.source.to_lowercase().contains(&wanted)
                    || r.name.to_lowercase().contains(&wanted)
            });
        }
        let teams = &self.runbooks[1.min(self.runbooks.len())..];
        if teams.len() == 1 {
            return teams.first();
        }
        code.and_then(|c| {
            teams
                .iter()
                .find(|r| r.codes.get(&c).is_some_and(|card| card.source == r.source))
        })
        .or_else(|| self.runbooks.first())
    }

    /// The team runbook a URL belongs to, by the `[[routes]]` of any loaded runbook.
    pub fn pick_for_url(&self, url: &str) -> Option<&TeamRunbook> {
        let path = url
            .split_once("://")
            .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
        let path = path.split(['?', '#']).next().unwrap_or(path);
        self.runbooks
            .iter()
            .flat_map(|r| r.routes.iter())
            .find_map(|(pattern, team)| {
                let target = if pattern.contains("://") { url } else { path };
                if !glob_match(pattern, target) {
                    return None;
                }
                let wanted = team.to_lowercase();
                self.runbooks.iter().find(|r| {
                    r.name.to_lowercase() == wanted
                        || std::path::Path::new(&r.source)
                            .file_stem()
                            .is_some_and(|stem| stem.to_string_lossy().to_lowercase() == wanted)
                })
            })
    }

    /// The rows to list: every code of the default when no team is loaded; otherwise every
    /// code of each team runbook (which includes what it inherits).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The card of a row.
    pub fn card(&self, row: &Row) -> Option<&Card> {
        self.runbooks.get(row.runbook)?.codes.get(&row.code)
    }

    /// Rows matching `query`, best first. A number matches codes by prefix ("50" finds
    /// 500-504); words match code titles and keywords fuzzily ("gatway" finds 502) and the
    /// meaning by substring.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.scored(query, None)
            .into_iter()
            .map(|(id, score)| Hit {
                row: self.rows[id].clone(),
                score,
            })
            .collect()
    }

    /// The rows matching `query`, best first (ties by code), as indices into [`Matrix::rows`];
    /// every row, in order, for an empty query. Indices, not rows: the app searches on every
    /// key typed, and 6,000 rows copied each time would cost more than the search.
    pub fn search_ids(&self, query: &str) -> Vec<usize> {
        self.scored(query, None)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// Like [`Matrix::search_ids`], looking only among `among` (the hits of a query this one
    /// extends, see [`Matrix::narrows`]).
    pub fn search_among(&self, query: &str, among: &[usize]) -> Vec<usize> {
        self.scored(query, Some(among))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// Whether every row matching `longer` also matches `shorter`, so a search for `longer`
    /// need only look among the hits for `shorter`: both fuzzy (not a code number) and the
    /// meaning either counted for both or for neither.
    pub fn narrows(shorter: &str, longer: &str) -> bool {
        let (shorter, longer) = (shorter.trim(), longer.trim());
        let number = |q: &str| !q.is_empty() && q.chars().all(|c| c.is_ascii_digit());
        !shorter.is_empty()
            && longer.starts_with(shorter)
            && !number(shorter)
            && !number(longer)
            && Searcher::reads_meaning(&shorter.to_lowercase())
                == Searcher::reads_meaning(&longer.to_lowercase())
    }

    fn scored(&self, query: &str, among: Option<&[usize]>) -> Vec<(usize, u32)> {
        let query = query.trim();
        if query.is_empty() {
            return match among {
                Some(ids) => ids.iter().map(|id| (*id, 0)).collect(),
                None => (0..self.rows.len()).map(|id| (id, 0)).collect(),
            };
        }
        let mut searcher = Searcher::new(query);
        let mut score = |id: usize| {
            let row = self.rows.get(id)?;
            let haystack = self.haystacks.get(id)?;
            Some((id, searcher.score(row.code, haystack)?))
        };
        let mut hits: Vec<(usize, u32)> = match among {
            Some(ids) => ids.iter().filter_map(|id| score(*id)).collect(),
            None => (0..self.rows.len()).filter_map(score).collect(),
        };
        hits.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(self.rows[a.0].code.cmp(&self.rows[b.0].code))
        });
        hits
    }

    /// The comparison in `runbook` that best covers `codes`: the one sharing the most codes
    /// with them, at least two, preferring the one with fewest extra codes.
    pub fn comparison<'a>(runbook: &'a TeamRunbook, codes: &[u16]) -> Option<&'a ComparisonCard> {
        runbook
            .comparisons
            .iter()
            .map(|c| {
                let shared = codes.iter().filter(|code| c.codes.contains(code)).count();
                let extra = c.codes.len().saturating_sub(shared);
                (c, shared, extra)
            })
            .filter(|(_, shared, _)| *shared >= 2.min(codes.len()).max(1) && *shared >= 2)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|(c, _, _)| c)
    }
}

/// Every code of each team runbook (which includes what it inherits), or of the default when
/// no team is loaded.
fn list_rows(runbooks: &[TeamRunbook]) -> Vec<Row> {
    let shown: Vec<(usize, &TeamRunbook)> = if runbooks.len() > 1 {
        runbooks.iter().enumerate().skip(1).collect()
    } else {
        runbooks.iter().enumerate().collect()
    };
    shown
        .into_iter()
        .flat_map(|(index, runbook)| {
            runbook.codes.iter().map(move |(code, card)| Row {
                runbook: index,
                team: runbook.name.clone(),
                code: *code,
                title: card.title.clone(),
                owner: card.owner.name.clone(),
                own_entry: !runbook.is_default && card.source == runbook.source,
            })
        })
        .collect()
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters.
fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Scores cards against one query, reusing the matcher's buffers.
struct Searcher {
    matcher: Matcher,
    pattern: Pattern,
    number: Option<String>,
    lower: String,
}

impl Searcher {
    fn new(query: &str) -> Self {
        let number = query
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| query.to_owned());
        Self {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            number,
            lower: query.to_lowercase(),
        }
    }

    fn score(&mut self, code: u16, haystack: &Haystack) -> Option<u32> {
        if let Some(number) = &self.number {
            let code = code.to_string();
            return if code == *number {
                Some(10_000)
            } else if code.starts_with(number.as_str()) {
                Some(5_000)
            } else {
                None
            };
        }
        let mut best: Option<u32> = None;
        let mut consider = |score: Option<u32>| {
            if let Some(s) = score {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        };
        // Titles weigh most, then keywords; the layers that generate a code are left out
        // because most codes can come from a gateway. A meaning only counts for a plain substring,
        // because fuzzy matching over long prose matches almost anything.
        consider(self.fuzzy(&haystack.title).map(|s| s * 3));
        for keyword in &haystack.keywords {
            consider(self.fuzzy(keyword).map(|s| s * 2));
        }
        if Self::reads_meaning(&self.lower) && haystack.meaning_lower.contains(&self.lower) {
            consider(Some(10));
        }
        best
    }

    /// Whether a query is long enough to be looked for in the meaning too.
    fn reads_meaning(query: &str) -> bool {
        query.len() >= 3
    }

    fn fuzzy(&mut self, text: &Utf32String) -> Option<u32> {
        self.pattern.score(text.slice(..), &mut self.matcher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbook::load_texts;

    fn matrix() -> Matrix {
        Matrix::from_report(&load_texts(Vec::new(), None))
    }

    fn codes(hits: &[Hit]) -> Vec<u16> {
        hits.iter().map(|h| h.row.code).collect()
    }

    #[test]
    fn a_number_finds_codes_by_prefix_with_the_exact_code_first() {
        let m = matrix();
        let hits = m.search("50");
        assert!(codes(&hits).iter().all(|c| (500..510).contains(c)));
        assert_eq!(codes(&m.search("502"))[0], 502);
    }

    #[test]
    fn fuzzy_words_find_the_expected_codes() {
        let m = matrix();
        assert!(codes(&m.search("rate")).iter().take(3).any(|c| *c == 429));
        assert!(codes(&m.search("gatway")).iter().take(3).any(|c| *c == 502));
        assert!(
            codes(&m.search("timeout"))
                .iter()
                .take(4)
                .any(|c| *c == 504)
        );
    }

    #[test]
    fn a_query_that_matches_nothing_finds_nothing() {
        assert!(matrix().search("zzzzqqq").is_empty());
    }

    #[test]
    fn routes_send_a_url_to_its_team() {
        let team = "[runbook]\nname = \"Payments API\"\n[[routes]]\nmatch = \"/v1/payments/*\"\nteam = \"payments\"\n";
        let report = load_texts(
            vec![("teams/payments.toml".to_owned(), team.to_owned())],
            None,
        );
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        let m = Matrix::from_report(&report);
        let picked = m
            .pick_for_url("https://api.example.com/v1/payments/123?x=1")
            .unwrap();
        assert_eq!(picked.name, "Payments API");
        assert!(
            m.pick_for_url("https://api.example.com/v1/orders/1")
                .is_none()
        );
        assert!(glob_match("/a/*/c", "/a/b/c") && !glob_match("/a/*/c", "/a/b/d"));
    }

    #[test]
    fn comparison_is_found_for_a_pair_inside_a_larger_set() {
        let m = matrix();
        let default = &m.runbooks()[0];
        let c = Matrix::comparison(default, &[502, 504]).expect("502/504 comparison");
        assert!(c.codes.contains(&502) && c.codes.contains(&504));
        let c = Matrix::comparison(default, &[401, 403]).expect("401/403 comparison");
        assert_eq!(c.codes, vec![401, 403]);
    }

    #[test]
    fn a_search_typed_on_finds_the_same_among_the_hits_of_its_start() {
        let m = matrix();
        for (shorter, longer) in [
            ("g", "ga"),
            ("gat", "gatway"),
            ("rate", "rate l"),
            ("rate l", "rate limit"),
            ("tim", "timeout"),
        ] {
            assert!(Matrix::narrows(shorter, longer), "{shorter} -> {longer}");
            let among = m.search_ids(shorter);
            assert_eq!(m.search_among(longer, &among), m.search_ids(longer));
        }
        // A number matches codes, words match titles: one does not narrow the other; a third
        // letter brings the meanings in.
        assert!(!Matrix::narrows("5", "50"));
        assert!(!Matrix::narrows("5", "5g"));
        assert!(!Matrix::narrows("ti", "tim"));
        assert!(!Matrix::narrows("ga", "gat"));
        assert!(!Matrix::narrows("", "a"));
        assert!(!Matrix::narrows("gate", "gat"));
    }

    #[test]
    fn an_empty_search_lists_every_row_in_order() {
        let m = matrix();
        let ids = m.search_ids("");
        assert_eq!(ids, (0..m.rows().len()).collect::<Vec<_>>());
        let codes: Vec<u16> = ids.iter().map(|id| m.rows()[*id].code).collect();
        assert!(codes.is_sorted());
    }
}

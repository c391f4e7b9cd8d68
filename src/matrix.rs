//! The merged code matrix of all loaded runbooks: rows to list, fuzzy search by code or
//! keyword, and comparisons of confusable codes. Pure: no terminal, clock or filesystem.

use std::cell::RefCell;
use std::sync::OnceLock;

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
    /// Each row's title in characters, for laying out columns without counting on every key.
    title_widths: Vec<usize>,
    /// What a search reads, made on the first search or when [`Matrix::prepare_search`] is
    /// called: listing and drawing need none of it, so the app's first frame does not wait
    /// for it (the app prepares it right after that frame).
    index: OnceLock<SearchIndex>,
}

/// Every row's text prepared for searching, in the order of [`Matrix::rows`].
#[derive(Debug, Clone)]
struct SearchIndex {
    /// Per row, its text prepared for matching, so a search only matches.
    haystacks: Vec<Haystack>,
    /// Per row, side by side in memory, the letters its fields and its meaning hold: most rows
    /// are turned away here without reading their scattered text.
    masks: Vec<RowMask>,
}

/// The letters and digits of a row's title and keywords (`fields`) and of its meaning.
#[derive(Debug, Clone, Copy)]
struct RowMask {
    fields: u64,
    meaning: u64,
}

/// The searchable text of one row, converted once for the matcher.
#[derive(Debug, Clone)]
struct Haystack {
    title: Field,
    keywords: Vec<Field>,
    meaning_lower: String,
}

/// A text to match fuzzily, with the letters and digits it holds: a query needing one it
/// lacks cannot match, and is turned away without running the matcher (most of a search's
/// time over thousands of rows).
#[derive(Debug, Clone)]
struct Field {
    text: Utf32String,
    letters: u64,
    /// The letters that begin a word of it.
    starts: u64,
}

impl Field {
    fn new(text: &str) -> Self {
        // Beyond ASCII the matcher folds accents ("é" matches "e"): such a text is never
        // turned away.
        let letters = if text.is_ascii() {
            letters_in(text)
        } else {
            u64::MAX
        };
        let starts = text
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|word| word.chars().next())
            .map(|first| letters_in(&first.to_string()))
            .fold(0, |mask, bit| mask | bit);
        Self {
            text: Utf32String::from(text),
            letters,
            starts,
        }
    }
}

/// A bit per ASCII letter (either case) and digit in `text`.
fn letters_in(text: &str) -> u64 {
    text.bytes()
        .fold(0, |mask, byte| match byte.to_ascii_lowercase() {
            letter @ b'a'..=b'z' => mask | 1 << (letter - b'a'),
            digit @ b'0'..=b'9' => mask | 1 << (26 + digit - b'0'),
            _ => mask,
        })
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
    /// Whether the team's entry for the code did not load, so the row shows the default's
    /// advice (see the card's banner).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub broken: bool,
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
        let title_widths = rows.iter().map(|row| row.title.chars().count()).collect();
        Self {
            runbooks,
            rows,
            title_widths,
            index: OnceLock::new(),
        }
    }

    /// Makes what a search reads now, if not made yet, so the first search typed does not
    /// make it.
    pub fn prepare_search(&self) {
        self.index();
    }

    fn index(&self) -> &SearchIndex {
        self.index
            .get_or_init(|| SearchIndex::new(&self.runbooks, &self.rows))
    }

    pub fn from_report(report: &LoadReport) -> Self {
        Self::new(report.runbooks.clone())
    }

    pub fn runbooks(&self) -> &[TeamRunbook] {
        &self.runbooks
    }

    /// The runbook to answer from: the named team (case-insensitive, by name or file), else
    /// the only team file, else the first team file that defines `code` itself (or tried to:
    /// an entry that did not load is shown with its banner), else the default.
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
            teams.iter().find(|r| {
                r.codes
                    .get(&c)
                    .is_some_and(|card| card.source == r.source || card.broken.is_some())
            })
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
                self.runbooks.iter().find(|r| r.answers_to(team))
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

    /// The longest title among the rows `ids`, in characters.
    pub fn longest_title(&self, ids: &[usize]) -> Option<usize> {
        ids.iter()
            .filter_map(|id| self.title_widths.get(*id).copied())
            .max()
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
        // A number typed: its value and how many digits, read once, not for every row.
        let number = searcher.number.as_deref().and_then(|n| {
            let digits = u32::try_from(n.len())
                .ok()
                .filter(|d| (1..=3).contains(d))?;
            Some((n.parse::<u16>().ok()?, digits))
        });
        let typed_number = searcher.number.is_some();
        let needs = searcher.needs;
        let meaning_too = !typed_number && Searcher::reads_meaning(&searcher.lower);
        let index = if typed_number {
            None
        } else {
            Some(self.index())
        };
        let mut score = |id: usize| {
            if typed_number {
                return Some((id, code_score(self.rows.get(id)?.code, number?)?));
            }
            let index = index?;
            let mask = index.masks.get(id)?;
            let in_fields = mask.fields & needs == needs;
            let in_meaning = meaning_too && mask.meaning & needs == needs;
            if !in_fields && !in_meaning {
                return None;
            }
            let haystack = index.haystacks.get(id)?;
            Some((id, searcher.score(haystack)?))
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

impl SearchIndex {
    fn new(runbooks: &[TeamRunbook], rows: &[Row]) -> Self {
        let haystacks: Vec<Haystack> = rows
            .iter()
            .map(|row| {
                let card = runbooks
                    .get(row.runbook)
                    .and_then(|r| r.codes.get(&row.code));
                Haystack {
                    title: Field::new(card.map_or("", |c| c.title.as_str())),
                    keywords: card
                        .map(|c| c.keywords.iter().map(|k| Field::new(k)).collect())
                        .unwrap_or_default(),
                    meaning_lower: card.map(|c| c.meaning.to_lowercase()).unwrap_or_default(),
                }
            })
            .collect();
        let masks = haystacks
            .iter()
            .map(|h| RowMask {
                fields: h
                    .keywords
                    .iter()
                    .fold(h.title.letters, |mask, k| mask | k.letters),
                meaning: if h.meaning_lower.is_ascii() {
                    letters_in(&h.meaning_lower)
                } else {
                    u64::MAX
                },
            })
            .collect();
        Self { haystacks, masks }
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
                broken: card.broken.is_some(),
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

/// How well a code matches a number typed: exactly, or by its first digits ("50": 500-509).
fn code_score(code: u16, (typed, digits): (u16, u32)) -> Option<u32> {
    let shift = 10_u16.pow(3_u32.checked_sub(digits)?);
    if code == typed && digits == 3 {
        Some(10_000)
    } else if code / shift == typed {
        Some(5_000)
    } else {
        None
    }
}

thread_local! {
    /// The matcher's buffers (about 135 KB) are made once, not on every key typed.
    static MATCHER: RefCell<Option<Matcher>> = const { RefCell::new(None) };
}

/// Scores cards against one query, reusing the matcher's buffers.
struct Searcher {
    /// Taken from [`MATCHER`] and given back when the search is done.
    matcher: Option<Matcher>,
    /// The bit of a one-letter query: any field holding the letter matches, and no matcher
    /// is needed to say so.
    single: Option<u64>,
    pattern: Pattern,
    number: Option<String>,
    lower: String,
    /// The letters and digits every matching field must hold.
    needs: u64,
}

impl Drop for Searcher {
    fn drop(&mut self) {
        if let Some(matcher) = self.matcher.take() {
            MATCHER.with(|cached| *cached.borrow_mut() = Some(matcher));
        }
    }
}

impl Searcher {
    fn new(query: &str) -> Self {
        let number = query
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| query.to_owned());
        let matcher = MATCHER
            .with(|cached| cached.borrow_mut().take())
            .unwrap_or_else(|| Matcher::new(Config::DEFAULT));
        let mut letters = query.chars().filter(char::is_ascii_alphabetic);
        let single = match (letters.next(), letters.next()) {
            (Some(letter), None) if query.chars().count() == 1 => {
                Some(letters_in(&letter.to_string()))
            }
            _ => None,
        };
        Self {
            matcher: Some(matcher),
            single,
            pattern: Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            number,
            lower: query.to_lowercase(),
            needs: letters_in(query),
        }
    }

    fn score(&mut self, haystack: &Haystack) -> Option<u32> {
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

    fn fuzzy(&mut self, field: &Field) -> Option<u32> {
        if field.letters & self.needs != self.needs {
            return None;
        }
        if let Some(letter) = self.single.filter(|_| field.letters != u64::MAX) {
            // One letter: any field holding it matches, better where a word starts with it.
            return Some(if field.starts & letter != 0 { 32 } else { 16 });
        }
        let matcher = self
            .matcher
            .get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        self.pattern.score(field.text.slice(..), matcher)
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
    fn a_team_entry_that_did_not_load_keeps_its_row_marked_and_its_team_answers() {
        let broken = "[runbook]\nname = \"Payments API\"\n[codes.402]\nowner = \"paymnts\"\n[codes.502]\nlook_frist = []\n";
        let other = "[runbook]\nname = \"Orders\"\n[codes.409]\nchecks = [\"x\"]\n";
        let report = load_texts(
            vec![
                ("payments.toml".to_owned(), broken.to_owned()),
                ("orders.toml".to_owned(), other.to_owned()),
            ],
            None,
        );
        let m = Matrix::from_report(&report);
        let row = |team: &str, code: u16| {
            m.rows()
                .iter()
                .find(|r| r.team == team && r.code == code)
                .cloned()
        };
        let payments_402 = row("Payments API", 402).expect("the 402 row stays");
        assert!(payments_402.broken && !payments_402.own_entry);
        assert!(row("Payments API", 502).is_some_and(|r| r.broken));
        assert!(row("Payments API", 503).is_some_and(|r| !r.broken));
        assert!(
            row("Orders", 402).is_none(),
            "402 is the payments team's only"
        );
        // With two teams and no --team, the team whose entry broke answers, banner and all.
        assert_eq!(
            m.pick(None, Some(502)).map(|r| r.name.as_str()),
            Some("Payments API")
        );
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

    #[test]
    fn fields_without_a_letter_of_the_query_are_turned_away_only_when_they_cannot_match() {
        assert_eq!(letters_in("Ab9"), letters_in("aB9"));
        assert_eq!(letters_in("a-b c"), letters_in("abc"));
        // Accented text is always read by the matcher, which folds accents.
        assert_eq!(Field::new("café").letters, u64::MAX);
        let m = matrix();
        // Every query gives the same hits as matching every field would: check against a
        // matcher with no letter test over the whole default.
        for query in ["gatway", "rate limit", "TIMEOUT", "tls", "x", "e", "ß"] {
            let mut plain = Searcher::new(query);
            plain.needs = 0;
            plain.single = None;
            let mut expected: Vec<(usize, u32)> = m
                .index()
                .haystacks
                .iter()
                .enumerate()
                .filter_map(|(id, h)| Some((id, plain.score(h)?)))
                .collect();
            expected.sort_by(|a, b| b.1.cmp(&a.1).then(m.rows[a.0].code.cmp(&m.rows[b.0].code)));
            let found = m.scored(query, None);
            if query.chars().count() == 1 {
                // One letter is scored without the matcher: the same rows, its own order.
                let ids = |hits: &[(usize, u32)]| {
                    let mut ids: Vec<usize> = hits.iter().map(|h| h.0).collect();
                    ids.sort_unstable();
                    ids
                };
                assert_eq!(ids(&found), ids(&expected), "{query}");
            } else {
                assert_eq!(found, expected, "{query}");
            }
        }
    }
}

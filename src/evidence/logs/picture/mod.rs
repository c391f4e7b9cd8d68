//! The picture of an incident an access log holds, kept as counters, never as lines, so memory
//! stays bounded whatever the log's size: requests per minute by status class, the failing
//! ones, and per route (grouped by pattern), upstream and client their requests, failures and
//! a latency histogram. From it, once: the first bad minute, how widespread the failure is, and
//! the one-line sparkline the summary prints.

use std::collections::BTreeMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::formats::{self, Format, Record};
use super::routes::pattern_into;

/// Lines kept to tell the format from before reading starts.
pub const DETECT_LINES: usize = 20;
/// Routes, upstreams and clients counted one by one; the rest are counted together, so a log
/// of random paths cannot fill memory.
pub const MAX_KEYS: usize = 2_000;
/// Route-and-minute cells kept for per-route curves (about 16 bytes each).
pub const MAX_ROUTE_MINUTES: usize = 1_000_000;
/// Where the keys past [`MAX_KEYS`] are counted.
pub const OTHER: &[u8] = b"(others)";

/// A fast hash for the short keys of a log (routes, addresses), which come from the log, not
/// from an attacker who could aim at collisions: the word-at-a-time multiply of Firefox's
/// `FxHash`. `SipHash`, the default, costs a third of the reading time here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for byte in chunks.remainder() {
            self.add(u64::from(*byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// Maps keyed by what a log holds, hashed with [`FxHasher`].
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// What counts as failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failing {
    /// Any 5xx.
    ServerErrors,
    /// This code (the triage's, when it is not a 5xx: a 429 storm, a 401 wave).
    Code(u16),
}

impl Failing {
    pub fn is(self, status: u16) -> bool {
        match self {
            Failing::ServerErrors => status >= 500,
            Failing::Code(code) => status == code,
        }
    }

    pub fn label(self) -> String {
        match self {
            Failing::ServerErrors => "5xx".to_owned(),
            Failing::Code(code) => code.to_string(),
        }
    }

    /// 5xx, unless the triage is about another code.
    pub fn for_code(code: Option<u16>) -> Self {
        match code {
            Some(code) if (400..500).contains(&code) => Failing::Code(code),
            _ => Failing::ServerErrors,
        }
    }
}

/// Latencies in 80 buckets, four to each doubling (1 ms to about 17 minutes), in 320 bytes,
/// found with integer arithmetic (a float logarithm per request was a tenth of the reading):
/// a percentile is the top of its bucket, at most a quarter above the true value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    buckets: [u32; BUCKETS],
    count: u64,
}

const BUCKETS: usize = 80;

impl Default for Histogram {
    fn default() -> Self {
        Self {
            buckets: [0; BUCKETS],
            count: 0,
        }
    }
}

impl Histogram {
    /// The bucket of `ms`: 4 per power of two, by the two bits after the leading one.
    fn bucket(ms: u32) -> usize {
        if ms < 4 {
            return usize::try_from(ms).unwrap_or(0);
        }
        let log = ms.ilog2();
        let quarter = (ms >> (log - 2)) & 3;
        usize::try_from(log * 4 + quarter).map_or(BUCKETS - 1, |i| i.min(BUCKETS - 1))
    }

    /// The highest latency a bucket holds.
    fn bound(bucket: usize) -> u32 {
        if bucket < 4 {
            return u32::try_from(bucket).unwrap_or(0);
        }
        let (log, quarter) = (bucket / 4, bucket % 4);
        let next = ((4 + quarter + 1) << log) >> 2;
        u32::try_from(next.saturating_sub(1)).unwrap_or(u32::MAX)
    }

    pub fn add(&mut self, ms: u32) {
        self.buckets[Self::bucket(ms)] += 1;
        self.count += 1;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The latency at or under which `q` (0 to 1) of requests fell, to the bucket's bound.
    pub fn quantile(&self, q: f64) -> Option<u32> {
        if self.count == 0 {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a rank"
        )]
        let rank = ((self.count as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0u64;
        for (i, n) in self.buckets.iter().enumerate() {
            seen += u64::from(*n);
            if seen >= rank {
                return Some(Self::bound(i));
            }
        }
        Some(Self::bound(BUCKETS - 1))
    }
}

/// Requests and failures of one route, upstream or client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub requests: u64,
    pub failing: u64,
    pub latency: Histogram,
}

/// One minute's requests by status class (index 0 for 1xx ... 4 for 5xx) and failing ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Minute {
    pub by_class: [u32; 5],
    pub failing: u32,
}

impl Minute {
    pub fn total(&self) -> u32 {
        self.by_class.iter().sum()
    }
}

/// Everything read from a log.
#[derive(Debug, Clone)]
pub struct Picture {
    pub format: Option<Format>,
    pub failing: Failing,
    pub lines: u64,
    pub bytes: u64,
    /// Lines that did not read in the log's format (blank lines are not counted).
    pub unreadable: u64,
    /// The first of them, as written (for the engineer to see why).
    pub first_unreadable: Option<String>,
    /// By Unix minute.
    pub minutes: BTreeMap<i64, Minute>,
    pub routes: HashMap<Vec<u8>, Tally>,
    pub upstreams: HashMap<Vec<u8>, Tally>,
    pub clients: HashMap<Vec<u8>, Tally>,
    /// Per route, by minute: (requests, failing). Complete unless `route_minutes_full`.
    pub route_minutes: HashMap<Vec<u8>, BTreeMap<i64, (u32, u32)>>,
    pub route_minutes_full: bool,
    route_minute_cells: usize,
}

/// Reads a log line by line into a [`Picture`].
#[derive(Debug)]
pub struct Reader {
    wanted: Option<Format>,
    waiting: Vec<Vec<u8>>,
    picture: Picture,
    route: Vec<u8>,
}

impl Reader {
    /// A reader of `format`, or of the format the first lines are in.
    pub fn new(format: Option<Format>, failing: Failing) -> Self {
        Self {
            wanted: format.clone(),
            waiting: Vec::new(),
            picture: Picture {
                format,
                failing,
                lines: 0,
                bytes: 0,
                unreadable: 0,
                first_unreadable: None,
                minutes: BTreeMap::new(),
                routes: HashMap::default(),
                upstreams: HashMap::default(),
                clients: HashMap::default(),
                route_minutes: HashMap::default(),
                route_minutes_full: false,
                route_minute_cells: 0,
            },
            route: Vec::with_capacity(128),
        }
    }

    /// Reads one line (its line break, LF or CRLF, may be left on).
    pub fn line(&mut self, line: &[u8]) {
        self.picture.bytes += line.len() as u64 + 1;
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            return;
        }
        self.picture.lines += 1;
        if self.picture.format.is_none() {
            self.waiting.push(line.to_vec());
            if self.waiting.len() >= DETECT_LINES {
                self.settle();
            }
            return;
        }
        self.read(line);
    }

    /// Tells the format from the lines waiting, then reads them.
    fn settle(&mut self) {
        if self.picture.format.is_none() {
            let lines: Vec<&[u8]> = self.waiting.iter().map(Vec::as_slice).collect();
            self.picture.format = self.wanted.clone().or_else(|| formats::detect(&lines));
        }
        for line in std::mem::take(&mut self.waiting) {
            self.read(&line);
        }
    }

    fn read(&mut self, line: &[u8]) {
        let record = match &self.picture.format {
            Some(format) => formats::parse(format, line),
            None => None,
        };
        if let Some(record) = record {
            self.count(&record);
        } else {
            self.picture.unreadable += 1;
            if self.picture.first_unreadable.is_none() {
                let shown = &line[..line.len().min(300)];
                self.picture.first_unreadable = Some(String::from_utf8_lossy(shown).into_owned());
            }
        }
    }

    fn count(&mut self, record: &Record<'_>) {
        let p = &mut self.picture;
        let failing = p.failing.is(record.status);
        let minute = record.at.div_euclid(60);
        let m = p.minutes.entry(minute).or_default();
        m.by_class[usize::from(record.status / 100).clamp(1, 5) - 1] += 1;
        m.failing += u32::from(failing);
        pattern_into(record.path, &mut self.route);
        let route_key = tally(&mut p.routes, &self.route, failing, record.latency_ms);
        if let Some(upstream) = record.upstream {
            tally(&mut p.upstreams, upstream, failing, record.latency_ms);
        }
        if let Some(client) = record.client {
            tally(&mut p.clients, client, failing, record.latency_ms);
        }
        if !p.route_minutes_full {
            let per_minute = match p.route_minutes.get_mut(route_key) {
                Some(per_minute) => per_minute,
                None => p.route_minutes.entry(route_key.to_vec()).or_default(),
            };
            let fresh = !per_minute.contains_key(&minute);
            let cell = per_minute.entry(minute).or_default();
            cell.0 += 1;
            cell.1 += u32::from(failing);
            if fresh {
                p.route_minute_cells += 1;
                p.route_minutes_full = p.route_minute_cells >= MAX_ROUTE_MINUTES;
            }
        }
    }

    /// The picture, once every line is in.
    pub fn finish(mut self) -> Picture {
        self.settle();
        self.picture
    }

    /// Lines and bytes read so far (for progress).
    pub fn progress(&self) -> (u64, u64) {
        (self.picture.lines, self.picture.bytes)
    }
}

/// Counts a request for `key` (or for [`OTHER`] once the map is full); returns the key used.
fn tally<'k>(
    map: &mut HashMap<Vec<u8>, Tally>,
    key: &'k [u8],
    failing: bool,
    latency_ms: Option<u32>,
) -> &'k [u8] {
    let count = |entry: &mut Tally| {
        entry.requests += 1;
        entry.failing += u64::from(failing);
        if let Some(ms) = latency_ms {
            entry.latency.add(ms);
        }
    };
    if let Some(entry) = map.get_mut(key) {
        count(entry);
        return key;
    }
    let key = if map.len() < MAX_KEYS { key } else { OTHER };
    count(map.entry(key.to_vec()).or_default());
    key
}

#[cfg(test)]
mod tests;

impl Histogram {
    fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.buckets.iter_mut().zip(other.buckets) {
            *a += b;
        }
        self.count += other.count;
    }
}

impl Tally {
    fn merge(&mut self, other: &Tally) {
        self.requests += other.requests;
        self.failing += other.failing;
        self.latency.merge(&other.latency);
    }
}

/// Adds `from` into `into`, keeping the cap on keys (the keys past it counted as [`OTHER`]).
fn merge_tallies(into: &mut HashMap<Vec<u8>, Tally>, from: HashMap<Vec<u8>, Tally>) {
    for (key, tally) in from {
        if let Some(entry) = into.get_mut(&key) {
            entry.merge(&tally);
        } else if into.len() < MAX_KEYS {
            into.insert(key, tally);
        } else {
            into.entry(OTHER.to_vec()).or_default().merge(&tally);
        }
    }
}

impl Picture {
    /// Adds what another reader of the same log read (a later or earlier part of it, read on
    /// another core): the same counts as if one reader had read both.
    pub fn merge(&mut self, other: Picture) {
        self.lines += other.lines;
        self.bytes += other.bytes;
        self.unreadable += other.unreadable;
        if self.first_unreadable.is_none() {
            self.first_unreadable = other.first_unreadable;
        }
        if self.format.is_none() {
            self.format = other.format;
        }
        for (minute, counts) in other.minutes {
            let m = self.minutes.entry(minute).or_default();
            for (a, b) in m.by_class.iter_mut().zip(counts.by_class) {
                *a += b;
            }
            m.failing += counts.failing;
        }
        merge_tallies(&mut self.routes, other.routes);
        merge_tallies(&mut self.upstreams, other.upstreams);
        merge_tallies(&mut self.clients, other.clients);
        self.route_minutes_full |= other.route_minutes_full;
        if !self.route_minutes_full {
            for (route, minutes) in other.route_minutes {
                let mine = self.route_minutes.entry(route).or_default();
                for (minute, (requests, failing)) in minutes {
                    let cell = mine.entry(minute).or_insert_with(|| {
                        self.route_minute_cells += 1;
                        (0, 0)
                    });
                    cell.0 += requests;
                    cell.1 += failing;
                }
            }
            self.route_minutes_full = self.route_minute_cells >= MAX_ROUTE_MINUTES;
        }
        if self.route_minutes_full {
            self.route_minutes.clear();
        }
    }
}

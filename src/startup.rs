//! Finding and loading what a run needs, the same way for the command line and the app: the
//! runbooks (explicit paths, `$API_TRIAGE_RUNBOOKS`, `./runbooks/`, the config folder, over the
//! embedded default) and the sessions folder.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::runbook::{LoadReport, SearchPath, TeamRunbook, load_paths};
use crate::session::Journal;

/// Loads the runbooks: `explicit` paths alone when given (`check FILE`), else the search
/// path with `extra` (`--runbook`) first.
pub fn load_runbooks(extra: &[PathBuf], explicit: &[PathBuf], today: Option<Date>) -> LoadReport {
    let mut search = SearchPath::from_environment(extra.to_vec());
    if !explicit.is_empty() {
        search.explicit = explicit.to_vec();
    }
    load_paths(&search.resolve(), today)
}

/// What the app can draw its first frame from before the runbooks are loaded: the part of the
/// embedded default its first screen shows (see `runbook::snapshot::first_screen_of`), when
/// the default alone is going to be loaded (no `--runbook`, no team file on the search path)
/// and needs no review.
pub fn first_screen(extra: &[PathBuf], today: Option<Date>) -> Option<TeamRunbook> {
    if !SearchPath::from_environment(extra.to_vec())
        .resolve()
        .is_empty()
    {
        return None;
    }
    crate::runbook::snapshot::embedded_first_screen(today)
}

/// The sessions folder: `--state-dir`, else `$API_TRIAGE_STATE_DIR`, else the user's state
/// folder.
pub fn journal(state_dir: Option<&PathBuf>) -> Journal {
    Journal::new(
        state_dir
            .cloned()
            .unwrap_or_else(crate::session::default_dir),
    )
}

/// Where escalation bundles go, in the app and `api-triage export`: `--out` when given, else
/// `$API_TRIAGE_EXPORT_DIR`, else the folder api-triage was started in.
pub fn export_dir(out: Option<&PathBuf>) -> PathBuf {
    out.cloned()
        .or_else(|| {
            std::env::var_os("API_TRIAGE_EXPORT_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The engineer's time zone, read without indexing the time zone database. jiff's
/// `TimeZone::system()` looks the zone's name up by walking every folder of
/// /usr/share/zoneinfo, several milliseconds at every start; here `/etc/localtime` is read as
/// it is (the `TZif` data the system itself uses). `TZ`, when set, is left to jiff, which reads
/// its forms (names, POSIX rules, paths). Read once per process: a start asks twice (for
/// today's date, then for the app's clocks), and the zone a process started in is the one it
/// shows until it ends.
pub fn local_zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) {
            return jiff::tz::TimeZone::system();
        }
        zone_file(std::path::Path::new("/etc/localtime")).unwrap_or_else(jiff::tz::TimeZone::system)
    })
    .clone()
}

/// The zone in a `TZif` file, named after the zone its link points to when it is one.
fn zone_file(path: &std::path::Path) -> Option<jiff::tz::TimeZone> {
    let target = std::fs::canonicalize(path).ok()?;
    let target = target.to_string_lossy();
    let name = target
        .split_once("zoneinfo/")
        .map_or("Local", |(_, name)| name);
    let data = std::fs::read(path).ok()?;
    jiff::tz::TimeZone::tzif(name, &data).ok()
}

/// Today's date where the engineer is.
pub fn today(now: jiff::Timestamp) -> jiff::civil::Date {
    now.to_zoned(local_zone()).date()
}

#[cfg(test)]
mod tests {
    use super::zone_file;

    #[test]
    fn a_zone_file_gives_the_zone_the_database_names() {
        // A zone with summer time, against jiff's own database, for every day of a year.
        let Some(berlin) = zone_file(std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin"))
        else {
            // No zone files on this machine: then jiff's reading is used anyway.
            return;
        };
        assert_eq!(berlin.iana_name(), Some("Europe/Berlin"));
        let database = jiff::tz::TimeZone::get("Europe/Berlin").expect("Berlin in the database");
        let start = jiff::Timestamp::from_second(1_767_225_600).expect("a valid instant");
        for day in 0..365 {
            let at = start + jiff::SignedDuration::from_hours(24 * day);
            assert_eq!(berlin.to_offset(at), database.to_offset(at), "day {day}");
        }
    }
}

//! A generated set of team runbooks, shaped like real ones, for load and search benchmarks.

use std::fmt::Write as _;

/// `files` team runbooks with `codes_per_file` full code entries each.
pub fn team_runbooks(files: usize, codes_per_file: usize) -> Vec<(String, String)> {
    const CODES: [u16; 30] = [
        400, 401, 403, 404, 405, 408, 409, 410, 412, 413, 415, 422, 429, 431, 451, 500, 501, 502,
        503, 504, 200, 201, 202, 204, 301, 302, 304, 307, 308, 418,
    ];
    (0..files)
        .map(|team| {
            let mut text = format!(
                "[runbook]\nname = \"Team {team}\"\nmaintainers = \"team-{team}\"\n\
                 reviewed = 2026-11-01\nreview_every_days = 90\n\n\
                 [owners.team{team}]\nname = \"Team {team}\"\ncontact = \"#team-{team}-oncall\"\n\
                 escalation = \"PagerDuty TEAM-{team}\"\n\n"
            );
            for i in 0..codes_per_file {
                let code = CODES[i % CODES.len()];
                let _ = write!(
                    text,
                    "[codes.{code}]\ntitle = \"Code {code} for team {team}\"\nowner = \"team{team}\"\n\
                     meaning = \"What {code} usually means for team {team}: a sentence of about this length.\"\n\
                     generated_by = [\"app\", \"gateway\"]\n\
                     keywords = [\"team{team}\", \"word{i}\", \"upstream\", \"latency\"]\n\
                     look_first = [\n  {{ what = \"Service log\", how = \"kubectl -n team{team} logs deploy/api --since=15m | grep {code}\" }},\n  \
                     {{ what = \"Gateway log\", how = \"kubectl -n ingress logs deploy/ingress --since=15m\" }},\n  \
                     {{ what = \"Dashboard\", how = \"https://grafana.example.com/d/team{team}\" }},\n]\n\
                     causes = [{{ text = \"A cause\", when = [\"layer:gateway\", \"spread:intermittent\"] }}, \"Another cause\", \"A third cause\"]\n\
                     checks = [\"Check one\", \"Check two\", \"Check three\", \"Check four\"]\n\
                     compare = [500, 502]\nneeds = [\"request_id\", \"timestamp\"]\n\n\
                     [[codes.{code}.examples]]\nname = \"known good\"\nkind = \"good\"\n\
                     request = \"curl -sS https://team{team}.example.com/healthz\"\nexpect = 200\n\n"
                );
            }
            (format!("teams/team{team}.toml"), text)
        })
        .collect()
}

//! What a runbook's shell command would do to the system it runs against: whether it writes.
//! The first three places to look must only read; an incident is no time to re-send a write
//! to production or restart what is being looked at.

/// Why `command` looks like it changes something, or `None` when it only reads. A heuristic
/// over the words of the command: curl with a method or a body that writes, kubectl verbs
/// that change the cluster, file removal, SQL and cache statements that change data, and the
/// usual service, package and infrastructure tools' writing verbs.
pub fn writes(command: &str) -> Option<&'static str> {
    // Flags keep their case: curl's `-D` dumps headers, `-d` sends a body.
    let flags: Vec<&str> = command
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | ';' | '&' | '(' | ')'))
        .map(|w| w.trim_matches(['\'', '"']))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = flags.iter().map(|w| w.to_ascii_lowercase()).collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let after = |tool: &str, verbs: &[&str]| {
        words.iter().enumerate().any(|(i, w)| {
            w == tool
                && words[i + 1..]
                    .iter()
                    .take(4)
                    .any(|v| verbs.contains(&v.as_str()))
        })
    };
    if has("curl") || has("http") || has("wget") {
        for (i, w) in flags.iter().enumerate() {
            let method = if *w == "-X" || *w == "--request" {
                flags.get(i + 1).copied()
            } else {
                w.strip_prefix("-X")
                    .or_else(|| w.strip_prefix("--request="))
            };
            if let Some(method) = method
                && matches!(
                    method.to_ascii_lowercase().as_str(),
                    "post" | "put" | "patch" | "delete"
                )
            {
                return Some("sends a request that writes (-X POST/PUT/PATCH/DELETE)");
            }
            if matches!(
                *w,
                "-d" | "--data"
                    | "--data-raw"
                    | "--data-binary"
                    | "--data-urlencode"
                    | "-F"
                    | "--form"
                    | "-T"
                    | "--upload-file"
                    | "--json"
            ) || w.starts_with("--data")
                || w.starts_with("--json=")
            {
                return Some("sends a body (-d, --data, -F, --json, -T): curl then POSTs");
            }
        }
    }
    if after(
        "kubectl",
        &[
            "delete",
            "scale",
            "apply",
            "patch",
            "edit",
            "replace",
            "create",
            "drain",
            "cordon",
            "uncordon",
            "annotate",
            "label",
            "set",
            "taint",
            "autoscale",
        ],
    ) || (has("kubectl") && has("rollout") && (has("restart") || has("undo")))
    {
        return Some("changes the cluster (kubectl delete/scale/apply/patch/rollout restart...)");
    }
    if after(
        "helm",
        &["install", "upgrade", "rollback", "uninstall", "delete"],
    ) {
        return Some("changes a Helm release");
    }
    if after("terraform", &["apply", "destroy", "import", "taint"]) {
        return Some("changes infrastructure (terraform apply/destroy)");
    }
    if after(
        "systemctl",
        &["restart", "stop", "start", "reload", "kill", "disable"],
    ) || after("service", &["restart", "stop", "start", "reload"])
    {
        return Some("restarts or stops a service");
    }
    if has("rm") || has("rmdir") || has("truncate") || has("shred") {
        return Some("removes or empties files");
    }
    if has("flushall") || has("flushdb") || after("redis-cli", &["del", "set", "unlink"]) {
        return Some("changes the cache (FLUSHALL, DEL, SET)");
    }
    let sql = command.to_ascii_lowercase();
    for (statement, why) in [
        ("drop ", "drops a database object (SQL DROP)"),
        ("delete from", "deletes rows (SQL DELETE)"),
        ("insert into", "inserts rows (SQL INSERT)"),
        ("alter table", "alters a table (SQL ALTER)"),
        ("truncate table", "empties a table (SQL TRUNCATE)"),
        ("pg_terminate_backend", "kills database sessions"),
    ] {
        if sql.contains(statement) {
            return Some(why);
        }
    }
    if sql.contains("update ") && sql.contains(" set ") {
        return Some("updates rows (SQL UPDATE)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::writes;

    #[test]
    fn reading_commands_pass() {
        for command in [
            "curl -sS -D - https://api.example.com/v1/orders | head -20",
            "curl -s -o /dev/null -w '%{http_code}' -X GET https://x",
            "curl -sI -X OPTIONS https://x",
            "kubectl -n ingress-nginx logs -l app=x --since=15m | grep -E 'upstream'",
            "kubectl get pods -o wide; kubectl describe deploy/x",
            "kubectl rollout history deploy/x",
            "psql -c \"select pid, state from pg_stat_activity where state <> 'idle'\"",
            "journalctl -u nginx --since -15m",
            "dig +short api.example.com",
        ] {
            assert_eq!(writes(command), None, "{command}");
        }
    }

    #[test]
    fn writing_commands_are_named() {
        for command in [
            "curl -X POST https://x",
            "curl -XDELETE https://x/1",
            "curl --request=PUT https://x",
            "curl -d '{}' https://x",
            "curl --data-raw 'a=b' https://x",
            "curl -F file=@a.pdf https://x",
            "curl --json '{\"a\":1}' https://x",
            "kubectl -n x delete pod y",
            "kubectl -n x rollout restart deploy/y",
            "kubectl scale deploy/y --replicas=0",
            "helm rollback payments 3",
            "sudo systemctl restart nginx",
            "rm -rf /var/cache/nginx",
            "redis-cli FLUSHALL",
            "psql -c 'DELETE FROM sessions'",
            "psql -c \"update orders set state='x'\"",
        ] {
            assert!(writes(command).is_some(), "{command}");
        }
    }
}

//! The command line a paste starts with: the shell prompt before it (`$ `, `[ops@bastion ~]$ `)
//! and the programs a paste runs (`curl`, `HTTPie`, wget), so every reader of a paste finds the
//! same command whatever prompt the engineer's shell shows.

/// Programs whose command line a paste may start with.
const COMMANDS: &[&str] = &["curl", "http", "https", "wget", "xh", "grpcurl"];

/// `line` without the shell prompt in front of a command it runs: `$ `, `# `, `% `, or a
/// whole prompt (`[ops@bastion ~]$ `, `deploy@web-1:~/app$ `, `PS C:\> `) before `curl`,
/// `http` or `wget`. A line that runs none of them comes back trimmed, prompt and all.
pub(crate) fn after_prompt(line: &str) -> &str {
    let line = line.trim();
    let runs_a_command = |rest: &str| {
        let word = rest.split_whitespace().next().unwrap_or("");
        COMMANDS.contains(&word)
    };
    if runs_a_command(line) {
        return line;
    }
    // A prompt ends in `$`, `#`, `%` or `>` and a space, before the command.
    line.match_indices(['$', '#', '%', '>'])
        .filter(|(at, _)| *at < 120)
        .map(|(at, _)| line[at + 1..].trim_start())
        .find(|rest| runs_a_command(rest) && line.len() > rest.len())
        .unwrap_or(line)
}

/// The line runs `curl`, `http`, `wget`... (after any prompt).
pub(crate) fn is_command_line(line: &str) -> bool {
    let mut words = after_prompt(line).split_whitespace();
    match words.next() {
        // HTTPie: `http [options] [METHOD] URL`; an ALB log line also starts with `https`,
        // then a time.
        Some("http" | "https" | "xh") => words.next().is_some_and(|next| {
            next.starts_with('-')
                || next.contains("://")
                || next.starts_with(':')
                || next.bytes().all(|b| b.is_ascii_uppercase())
                || next.contains('/') && !next.starts_with(|c: char| c.is_ascii_digit())
        }),
        Some(word) => COMMANDS.contains(&word) && words.next().is_some(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_taken_off_the_command() {
        for (line, command) in [
            ("$ curl -sv http://x/", "curl -sv http://x/"),
            (
                "[ops@bastion ~]$ curl -sik https://x/",
                "curl -sik https://x/",
            ),
            (
                "deploy@web-1:~/app$ http -v GET :8080/api",
                "http -v GET :8080/api",
            ),
            (
                "root@api-7:/srv# wget -S -O- http://x/",
                "wget -S -O- http://x/",
            ),
            (
                "PS C:\\Users\\ops> curl.exe -i http://x/",
                "PS C:\\Users\\ops> curl.exe -i http://x/",
            ),
            ("% curl -I http://x/", "curl -I http://x/"),
        ] {
            assert_eq!(after_prompt(line), command, "{line}");
        }
    }

    #[test]
    fn only_lines_that_run_a_client_are_command_lines() {
        assert!(is_command_line("[ops@bastion ~]$ curl -sik https://x/"));
        assert!(is_command_line("http -v POST https://x/ a=1"));
        assert!(is_command_line("$ wget -S -O /dev/null http://x/"));
        // An ALB log line starts with `https` and a time; a body may say "curl".
        assert!(!is_command_line(
            "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
        ));
        assert!(!is_command_line("{\"error\":\"curl this\"}"));
        assert!(!is_command_line("# $5 fee charged"));
    }
}

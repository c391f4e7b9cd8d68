use super::*;

/// One redactor for every test: compiling the rules is the slow part of a debug build.
static SHARED: std::sync::LazyLock<Redactor> = std::sync::LazyLock::new(Redactor::new);

fn redact(text: &str) -> Redacted {
    SHARED.redact(text)
}

/// Each true positive comes out exactly as expected, with `rule` among the rules that hit;
/// each false positive comes out unchanged, with nothing counted.
fn check_rule(rule: &str, hits: &[(&str, &str)], misses: &[&str]) {
    let redactor = &*SHARED;
    for (input, expected) in hits {
        let out = redactor.redact(input);
        assert_eq!(out.text, *expected, "rule {rule}, input {input:?}");
        assert!(
            out.rules.iter().any(|(name, _)| name == rule),
            "rule {rule} did not hit {input:?}: {:?}",
            out.rules
        );
    }
    for input in misses {
        let out = redactor.redact(input);
        assert_eq!(
            out.text, *input,
            "rule {rule} false positive, rules {:?}",
            out.rules
        );
        assert_eq!(out.count, 0, "rule {rule}, input {input:?}");
    }
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn b64_url(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[test]
fn every_builtin_pattern_compiles() {
    let specs = builtin_specs();
    for (name, pattern, _) in &specs {
        if let Err(err) = Regex::new(pattern) {
            panic!("built-in rule {name} does not compile: {err}");
        }
    }
    assert_eq!(Redactor::new().rules.len(), specs.len());
    assert_eq!(Redactor::default().rules.len(), specs.len());
}

#[test]
fn every_builtin_rule_is_exercised_by_a_test() {
    // Each name below has a table-driven test; a new rule must get one too.
    let tested = [
        "private-key",
        "percent-encoded",
        "jwt",
        "authorization-header",
        "cookie-header",
        "key-header",
        "curl-user",
        "url-password",
        "query-param",
        "aws-secret-key",
        "json-field",
        "assignment",
        "yaml-field",
        "cli-flag",
        "slack-webhook",
        "aws-access-key-id",
        "github-token",
        "gitlab-token",
        "slack-token",
        "stripe-key",
        "google-api-key",
        "npm-token",
        "bearer-token",
        "basic-credentials",
        "base64-encoded",
        "name-value",
        "go-header-map",
        "multipart-field",
        "command-password",
        "netrc",
        "pgpass",
        "cookie-jar",
        "jwk-private",
        "putty-key",
        "form-field",
        "signature-line",
        "kubectl-secret-value",
        "terraform-state",
        "table-row",
        "random-after-name",
        "openai-key",
        "anthropic-key",
        "huggingface-token",
        "age-secret-key",
        "sendgrid-key",
        "google-oauth-token",
        "vault-token",
        "vendor-token",
    ];
    for (name, _, _) in builtin_specs() {
        assert!(tested.contains(&name), "no test for rule {name}");
    }
}

mod contexts;
mod shapes;
mod structures;
mod whole_texts;

#[test]
fn speed() {
    for input in ["x = 1\n", "[codes.502]\nowner = \"api\"\n"] {
        let t = std::time::Instant::now();
        for _ in 0..5 {
            api_triage::fuzzing::runbook(input.as_bytes());
        }
        eprintln!("SPEED {:?} per run", t.elapsed() / 5);
        let t = std::time::Instant::now();
        for _ in 0..5 {
            let _ = api_triage::runbook::load_texts(vec![("f".into(), input.into())], None);
        }
        eprintln!("LOAD {:?} per run", t.elapsed() / 5);
    }
}

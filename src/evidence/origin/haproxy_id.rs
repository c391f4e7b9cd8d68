//! `HAProxy`'s unique id on a response (`unique-id-format` as its manual writes it: the
//! client's and the frontend's address and port in hex, the time, a counter and the pid):
//! `HAProxy` was on the path, and it dates none of the answers it writes itself.

use super::canned::dated_in_lower_case;
use super::request_ids::request_id_name;
use super::{Seen, Signal, Toward};

/// `7F000001:C33E_7F000001:F3C4_6B134795_0007:7127`: `%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid`.
pub(super) fn haproxy_unique_id(value: &str) -> bool {
    let hex = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.chars().all(|c| c.is_ascii_hexdigit())
    };
    // An address in hex (8 digits for IPv4, 32 for IPv6) and a port.
    let address_port = |s: &str| {
        s.split_once(':')
            .is_some_and(|(a, p)| [8, 32].contains(&a.len()) && hex(a, 8..=32) && hex(p, 1..=4))
    };
    let parts: Vec<&str> = value.trim().split('_').collect();
    let [client, frontend, time, count_pid] = parts[..] else {
        return false;
    };
    address_port(client)
        && address_port(frontend)
        && hex(time, 8..=8)
        && count_pid
            .split_once(':')
            .is_some_and(|(count, pid)| hex(count, 1..=16) && hex(pid, 1..=8))
}

/// An error with `HAProxy`'s id on it, a Date and no `Server` (another front in line would sign
/// it): an answer `HAProxy` passed on.
pub(super) fn haproxy_id_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if !seen.error() || seen.has("server", "") || seen.response.forward_proxy {
        return;
    }
    let on_path = seen
        .headers
        .iter()
        .any(|(name, value)| request_id_name(name) && haproxy_unique_id(value));
    if !on_path {
        return;
    }
    // Without a Date it may be HAProxy's own or a Rack 3 app's under Puma, which dates none of
    // its answers either: the missing Date weighed so already (`canned_answer_signals`).
    // Over HTTP/1.1 the names' case said so already.
    if seen.has("date", "") && !dated_in_lower_case(seen) {
        signals.push(Signal::new(
            "HAProxy's id with a Date",
            "HAProxy's unique id with a Date and no Server: HAProxy was in front, and it dates \
             none of its own answers, so it passed this one on",
            Toward::App,
            3,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::haproxy_unique_id;

    #[test]
    fn haproxys_unique_id_as_its_manual_formats_it() {
        assert!(haproxy_unique_id(
            "7F000001:C33E_7F000001:F3C4_6B134795_0007:7127"
        ));
        assert!(haproxy_unique_id(
            "20010DB8000000000000000000000001:D2F0_7F000001:F3C4_6B134795_1A2B:7127"
        ));
        assert!(!haproxy_unique_id("c84be40fdaac61b5fa1da4987a23cda4"));
        assert!(!haproxy_unique_id("7afd9583-fe12-48f8-b854-f9475ba44ae1"));
        assert!(!haproxy_unique_id("7F000001:C33E_7F000001:F3C4_6B134795"));
        assert!(!haproxy_unique_id(
            "7F000001:C33E_7F000001:F3C4_6B1347_0007:7127"
        ));
    }
}

//! Wall-clock timing for `merklab bench` (criterion, under `benches/`, does its own).

use std::time::Instant;

/// Median wall time of `runs` calls of `f` in milliseconds; `setup` runs untimed before
/// each, so inputs a build consumes are rebuilt outside the clock.
pub fn median_ms<S, T>(runs: u32, mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            std::hint::black_box(f(input));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_ignores_one_slow_run() {
        let mut call = 0;
        let t = median_ms(
            3,
            || (),
            |()| {
                call += 1;
                if call == 2 {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            },
        );
        assert_eq!(call, 3);
        assert!(t < 100.0, "median {t} ms took the slow run");
    }
}

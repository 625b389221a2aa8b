//! Numbers read from files: the bounds every weight obeys and how numbers are written back.

/// The largest weight accepted anywhere (rubric, section, question): far beyond any real
/// tender, and small enough that no sum of weights can overflow to infinity.
pub const MAX_WEIGHT: f64 = 1_000_000.0;
/// The largest `marks_scale` accepted.
pub const MAX_MARKS_SCALE: u32 = 1000;

/// A weight must be a finite number from 0 to [`MAX_WEIGHT`]; the error completes "weight …".
pub fn check_weight(w: f64) -> Result<(), crate::problem::Problem> {
    if w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w) {
        Ok(())
    } else {
        Err(crate::problem::Problem::asked(format!(
            "must be a number from 0 to {}, found {}",
            MAX_WEIGHT as u64,
            show_number(w)
        )))
    }
}

/// A number as read, short even when absurd (`1.7e308`, not 309 digits).
pub fn show_number(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e9 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A number as people write it: no trailing `.0` on whole numbers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

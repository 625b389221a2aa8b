//! tenderscore: scores the claims suppliers make when English councils buy AI systems.
//!
//! The library is the whole product but the command line, in four layers that only ever
//! call downwards (docs/architecture.md draws them):
//!
//! - [`model`]: the validated types (rubric, tender, response, marks, answers) and the pure
//!   rules that read an answer against a question;
//! - [`load`]: files → models, validated once (untrusted input stops here);
//! - [`score`]: models → [`result::TenderResult`], every scoring rule, no I/O and no clock;
//!   [`review`] derives what a panel reads from a result (clarifications, assessment
//!   summaries, problems, differences from a saved result or between rubric versions);
//! - [`render`]: results and reviews → bytes (table, CSV, JSON, Markdown, rubric pages, the
//!   response template), neutralising supplier text on the way out.
//!
//! [`problem::Problem`] is the one error type of the core: located (file, line, column),
//! with a message that says how to fix it. The binary (`src/main.rs`, `cli.rs`, `cmd/`,
//! `output.rs`) parses arguments, calls these layers and writes the bytes.

pub mod load;
pub mod model;
pub mod problem;
pub mod render;
pub mod result;
pub mod review;
pub mod sanitize;
pub mod score;

//! tenderscore: scores the claims suppliers make when English councils buy AI systems.
//!
//! The core is pure and layered: [`load`] turns files into validated models, [`score`] turns
//! models into a [`result::TenderResult`] without I/O or clock, and [`render`] turns results
//! into table, CSV, JSON or Markdown. Each command in [`cmd`] is a thin caller of that core.

pub mod answer;
pub mod clarify;
pub mod cli;
pub mod cmd;
pub mod diff;
pub mod evidence;
pub mod load;
pub mod marks;
pub mod output;
pub mod problem;
pub mod registry;
pub mod render;
pub mod response;
pub mod result;
pub mod rubric;
pub mod sanitize;
pub mod score;
pub mod summary;
pub mod tender;
pub mod verify;
pub mod yaml;

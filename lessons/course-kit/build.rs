//! Tells the runner which optimisation level the lessons were built with, so
//! a part that measures speed can say which build its numbers come from.

fn main() {
    let level = std::env::var("OPT_LEVEL").unwrap_or_else(|_| "?".into());
    println!("cargo:rustc-env=COURSE_KIT_OPT_LEVEL={level}");
    println!("cargo:rerun-if-changed=build.rs");
}

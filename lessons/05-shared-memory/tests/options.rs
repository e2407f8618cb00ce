//! Every option of the lesson at and past its bounds, and values that are not
//! numbers at all: each is accepted, or refused in one line before anything
//! runs.

#[test]
fn every_option_is_checked_before_any_part_runs() {
    course_test::check_every_option(env!("CARGO_BIN_EXE_lesson-05"));
}

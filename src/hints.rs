//! How far into each exercise's hint a learner has asked: `cargo exercises NN`
//! shows the first stage of a failing exercise's hint, and every
//! `cargo exercises NN --hint` one stage more. The stage reached is kept in a
//! small text file under `target/`, one line per exercise that has asked for
//! more than the first (`lesson-01 ex2 2`), and forgotten when the exercise is
//! solved. A missing or unreadable file means every hint starts again at 1.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The stage each exercise's hint has reached, as kept in the state file.
#[derive(Debug, Default)]
pub struct HintStages {
    path: PathBuf,
    reached: BTreeMap<(String, String), usize>,
}

impl HintStages {
    /// Where the checker keeps it: `target/exercise-hints` in the workspace.
    pub fn default_path() -> PathBuf {
        crate::lessons::root().join("target").join("exercise-hints")
    }

    /// Reads the state file at `path`; lines it cannot read are ignored.
    pub fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let reached = text
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                let package = words.next()?.to_string();
                let exercise = words.next()?.to_string();
                let stage = words.next()?.parse().ok()?;
                Some(((package, exercise), stage))
            })
            .collect();
        Self {
            path: path.to_path_buf(),
            reached,
        }
    }

    /// The stage `exercise` of `package` has reached: 1 until `--hint` asks for
    /// more.
    pub fn reached(&self, package: &str, exercise: &str) -> usize {
        self.reached
            .get(&(package.to_string(), exercise.to_string()))
            .copied()
            .unwrap_or(1)
            .max(1)
    }

    /// One stage further, but never past `stages`; returns the stage now
    /// reached.
    pub fn advance(
        &mut self,
        package: &str,
        exercise: &str,
        stages: usize,
    ) -> usize {
        let next = (self.reached(package, exercise) + 1).min(stages.max(1));
        self.reached
            .insert((package.to_string(), exercise.to_string()), next);
        next
    }

    /// Forgets `exercise`: solved, its hint starts again at stage 1.
    pub fn reset(&mut self, package: &str, exercise: &str) {
        self.reached
            .remove(&(package.to_string(), exercise.to_string()));
    }

    /// Writes the state file (removes it when nothing is left to keep).
    pub fn save(&self) -> Result<()> {
        let kept: Vec<String> = self
            .reached
            .iter()
            .filter(|(_, stage)| **stage > 1)
            .map(|((package, exercise), stage)| {
                format!("{package} {exercise} {stage}\n")
            })
            .collect();
        if kept.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    Err(error).with_context(|| {
                        format!("removing {}", self.path.display())
                    })
                }
                _ => Ok(()),
            };
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&self.path, kept.concat())
            .with_context(|| format!("writing {}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_advance_up_to_the_last_and_start_again_once_solved() {
        let dir = std::env::temp_dir()
            .join(format!("hint-stages-{}", std::process::id()));
        let path = dir.join("exercise-hints");
        let mut stages = HintStages::load(&path);
        assert_eq!(stages.reached("lesson-01", "ex2"), 1);
        assert_eq!(stages.advance("lesson-01", "ex2", 3), 2);
        assert_eq!(stages.advance("lesson-01", "ex2", 3), 3);
        assert_eq!(stages.advance("lesson-01", "ex2", 3), 3, "3 is the last");
        assert_eq!(stages.advance("lesson-02", "ex1", 2), 2);
        stages.save().unwrap();

        let mut again = HintStages::load(&path);
        assert_eq!(again.reached("lesson-01", "ex2"), 3);
        assert_eq!(again.reached("lesson-02", "ex1"), 2);
        assert_eq!(again.reached("lesson-02", "ex2"), 1);
        again.reset("lesson-01", "ex2");
        again.reset("lesson-02", "ex1");
        again.save().unwrap();
        assert!(!path.exists(), "nothing left to keep, so no file");
        assert_eq!(HintStages::load(&path).reached("lesson-01", "ex2"), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_garbled_state_file_starts_every_hint_again() {
        let dir = std::env::temp_dir()
            .join(format!("hint-garbled-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("exercise-hints");
        std::fs::write(&path, "lesson-01 ex1 two\nnonsense\nlesson-01 ex3 2\n")
            .unwrap();
        let stages = HintStages::load(&path);
        assert_eq!(stages.reached("lesson-01", "ex1"), 1);
        assert_eq!(stages.reached("lesson-01", "ex3"), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Exercise 3: who is the parent? (reference solution)

pub fn parse_stat(line: &str) -> Option<(char, u32)> {
    // NAME may contain ')' and spaces, but nothing after it can: split at the LAST ')'.
    let (_, after_name) = line.rsplit_once(')')?;
    let mut fields = after_name.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((state, parent))
}

pub fn parent_of(pid: u32) -> Option<u32> {
    // The process may not exist, or may end while we read: both are just `None`.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(&stat).map(|(_, parent)| parent)
}

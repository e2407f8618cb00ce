use rayon::prelude::*;

fn main() {
    // A running total that every task adds to, as a Python global would be.
    let mut total = 0u64;
    (1..=100u64).into_par_iter().for_each(|n| total += n);
    println!("{total}");
}

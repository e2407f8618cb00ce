//! Reading a panic's message: what `JoinHandle::join` gives back when a thread
//! panicked.

use std::any::Any;

// ANCHOR: message
/// The text of a panic, from the payload that `join` (or `catch_unwind`)
/// returns.
///
/// A payload can be any type. `panic!("...")` with a plain text, and the
/// standard library's own panics (an index out of bounds, a division by zero),
/// carry a `&str` or a `String`; anything else is reported as having no text.
pub fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a text message".to_string()
    }
}
// ANCHOR_END: message

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_of_text_are_read() {
        let fixed = std::thread::spawn(|| panic!("fixed text")).join();
        assert_eq!(message(&*fixed.unwrap_err()), "fixed text");
        let value = 7;
        let formatted =
            std::thread::spawn(move || panic!("value {value}")).join();
        assert_eq!(message(&*formatted.unwrap_err()), "value 7");
        let other = std::thread::spawn(|| std::panic::panic_any(7_u8)).join();
        assert_eq!(
            message(&*other.unwrap_err()),
            "a panic without a text message"
        );
    }
}

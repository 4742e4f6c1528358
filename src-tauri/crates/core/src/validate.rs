//! Input validation shared by every service: trims text, bounds lengths, checks
//! email syntax, and collects every problem at once so the UI can show each one
//! beside its field (and all of them in the error summary).

use crate::error::{CoreError, CoreResult, FieldError};

#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

/// Text with control characters (other than tab and newline) is refused: such
/// characters are never typed and break documents and search.
fn has_control_chars(value: &str, allow_newlines: bool) -> bool {
    value
        .chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r')))
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// A required single-line text: trimmed, not empty, at most `max` characters.
    pub fn required(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        self.required_text(field, label, value, max, false)
    }

    /// A required text that may span lines (statements, notes).
    pub fn required_multiline(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
    ) -> String {
        self.required_text(field, label, value, max, true)
    }

    /// An optional single-line text: trimmed; empty becomes `None`.
    pub fn optional(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
    ) -> Option<String> {
        self.optional_text(field, label, value, max, false)
    }

    /// An optional text that may span lines: trimmed; empty becomes `None`.
    pub fn optional_multiline(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
    ) -> Option<String> {
        self.optional_text(field, label, value, max, true)
    }

    fn required_text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
        multiline: bool,
    ) -> String {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.add(field, format!("Enter {label}."));
        } else {
            self.check_text(field, label, trimmed, max, multiline);
        }
        trimmed.to_owned()
    }

    fn optional_text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
        multiline: bool,
    ) -> Option<String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return None;
        }
        self.check_text(field, label, trimmed, max, multiline);
        Some(trimmed.to_owned())
    }

    fn check_text(&mut self, field: &str, label: &str, value: &str, max: usize, multiline: bool) {
        let len = value.chars().count();
        if len > max {
            self.add(
                field,
                format!(
                    "{} must be {max} characters or fewer (it has {len}).",
                    capitalise(label)
                ),
            );
        } else if has_control_chars(value, multiline) {
            self.add(
                field,
                format!(
                    "{} contains characters that cannot be stored. Retype it.",
                    capitalise(label)
                ),
            );
        }
    }

    /// An optional email address: trimmed; checked against the address syntax.
    pub fn optional_email(&mut self, field: &str, label: &str, value: &str) -> Option<String> {
        let value = self.optional(field, label, value, 254)?;
        if !self.has_error(field) && !is_email(&value) {
            self.add(
                field,
                format!("Enter {label} in the right format, like name@example.org."),
            );
        }
        Some(value)
    }

    /// A whole number between `min` and `max` inclusive.
    pub fn range(&mut self, field: &str, label: &str, value: u32, min: u32, max: u32) -> u32 {
        if value < min || value > max {
            self.add(
                field,
                format!("{} must be between {min} and {max}.", capitalise(label)),
            );
        }
        value
    }

    pub fn finish(self) -> CoreResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation(self.errors))
        }
    }
}

/// Email syntax as RFC 5321/5322 allows, plus a dot in the domain: panel mail
/// goes to real organisations, never to a bare host name.
pub fn is_email(value: &str) -> bool {
    email_address::EmailAddress::parse_with_options(value, email_address::Options::default())
        .map(|addr| addr.domain().contains('.') && !addr.domain().ends_with('.'))
        .unwrap_or(false)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        let mut v = Validator::new();
        assert_eq!(v.required("name", "a name", "  Lewisham  ", 10), "Lewisham");
        assert!(v.finish().is_ok(), "a trimmed name within bounds is valid");

        let mut v = Validator::new();
        v.required("name", "a name", "   ", 10);
        v.required("other", "a code", "ABCDEFGHIJK", 10);
        let Err(CoreError::Validation(errors)) = v.finish() else {
            panic!("blank and over-long values must fail");
        };
        assert_eq!(errors[0].field, "name");
        assert_eq!(errors[0].message, "Enter a name.");
        assert_eq!(errors[1].field, "other");
        assert!(
            errors[1].message.contains("10 characters or fewer"),
            "{errors:?}"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut v = Validator::new();
        v.required("name", "a name", "Nguyễn Thị Ánh", 14);
        assert!(
            v.finish().is_ok(),
            "14 characters fit in 14 even though they take more bytes"
        );
    }

    #[test]
    fn control_characters_are_refused_but_newlines_allowed_in_multiline() {
        let mut v = Validator::new();
        v.required("name", "a name", "Bad\u{0}name", 50);
        assert!(v.finish().is_err(), "NUL in a name must be refused");
        let mut v = Validator::new();
        v.required_multiline("text", "a statement", "Line one\nLine two", 50);
        assert!(v.finish().is_ok(), "newlines are fine in a statement");
    }

    #[test]
    fn email_syntax() {
        for good in [
            "marac@lowbridge.gov.uk",
            "a.b+c@nhs.net",
            "x@police.example",
        ] {
            assert!(is_email(good), "{good} should be accepted");
        }
        for bad in [
            "",
            "no-at-sign",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "@c.com",
            "a@c.com.",
        ] {
            assert!(!is_email(bad), "{bad} should be refused");
        }
    }
}

//! PostgreSQL numbers its parameters `$1`, SQLite `?1`: statements are
//! written once in SQLite's form and renumbered here for PostgreSQL, outside
//! quoted text and names.

/// `sql` with every `?N` (and bare `?`, numbered in order) as `$N`, and
/// the numbers below the highest that it never uses: PostgreSQL cannot
/// infer a type for those, so they are declared as text.
pub(crate) fn numbered_for_postgres(sql: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut next = 0_u32;
    let mut used: Vec<usize> = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                }
                used.push(digits.parse().unwrap_or(0));
                out.push('$');
                out.push_str(&digits);
            }
            (None, c) => out.push(c),
        }
    }
    let highest = used.iter().copied().max().unwrap_or(0);
    let unused = (1..=highest).filter(|n| !used.contains(n)).collect();
    (out, unused)
}

#[cfg(test)]
mod tests {
    use super::numbered_for_postgres;

    fn pg(sql: &str) -> String {
        numbered_for_postgres(sql).0
    }

    #[test]
    fn numbered_parameters_are_renumbered_outside_quotes() {
        assert_eq!(
            pg("SELECT ?1, ?12 WHERE a = ?2"),
            "SELECT $1, $12 WHERE a = $2"
        );
        assert_eq!(pg("VALUES (?, ?)"), "VALUES ($1, $2)");
        assert_eq!(
            pg("SELECT '?1 is text', \"odd?name\" FROM t WHERE x = ?1"),
            "SELECT '?1 is text', \"odd?name\" FROM t WHERE x = $1"
        );
        assert_eq!(pg("SELECT 'it''s ?' || ?1"), "SELECT 'it''s ?' || $1");
    }

    #[test]
    fn numbers_a_statement_skips_are_named() {
        assert_eq!(numbered_for_postgres("VALUES (?1, ?4, ?1)").1, [2, 3]);
        assert!(numbered_for_postgres("VALUES (?2, ?1)").1.is_empty());
    }
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use roundtable_pdf::{Block, Column, Document, render};
use std::time::Instant;
fn doc(names: &[&str], rows: usize) -> Document {
    Document { title: "Minutes".into(), subtitle: "x".into(), marking: "OFFICIAL-SENSITIVE".into(), author: "a".into(), draft: true, created_unix: 1_795_000_000,
        blocks: vec![Block::Table { columns: vec![Column::new("A", 0.3), Column::new("B", 0.7)],
            rows: (0..rows).map(|i| vec![names[i % names.len()].to_string(), "Two call-outs in October; the perpetrator breached his bail conditions on 3 November and was arrested.".into()]).collect() }] }
}
fn main() {
    let latin = ["Amara Okafor"];
    let all = ["Amara Okafor", "مريم حسن", "প্রিয়া", "王小明"];
    let cjk = ["Amara Okafor", "王小明"];
    for (label, names) in [("latin", &latin[..]), ("cjk", &cjk[..]), ("all", &all[..])] {
        for rows in [1usize, 400] {
            let d = doc(names, rows);
            let t = Instant::now();
            let b = render(&d).unwrap();
            println!(
                "{label} rows={rows}: {:?} {} KB",
                t.elapsed(),
                b.len() / 1024
            );
        }
    }
    let t = Instant::now();
    for _ in 0..2000 {
        let _ = roundtable_pdf::lines(
            "Two call-outs in October; the perpetrator breached his bail conditions on 3 November and was arrested.",
            roundtable_pdf::Style::Regular,
            9.0,
            300.0,
        );
    }
    println!("2000 paragraphs laid out: {:?}", t.elapsed());
}

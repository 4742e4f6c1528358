//! The referral importer's file reader (CSV in any encoding, XLSX, XLS): any
//! bytes give a table or an error, never a panic, hang or crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable_core::import::table::read_table;

fuzz_target!(|data: &[u8]| {
    for name in ["referrals.csv", "referrals.xlsx", "referrals.xls"] {
        let _ = read_table(name, data);
    }
});

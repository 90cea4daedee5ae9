//! A saved web page, imported into a draft and written out as `dossier import` does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The importer refuses a file that is not UTF-8 before it reads it.
    if let Ok(html) = std::str::from_utf8(data) {
        dossier_fuzz::check_draft(&dossier::import::web::parse(html));
    }
});

//! Integration tests: build fixture dossiers into temp folders and check the pages.

mod browser;
mod build;
mod bundled;
mod chronology;
mod dates_gold;
mod entities;
mod errors;
mod feeds;
mod hostile;
mod import;
mod incremental;
mod output;
mod print;
mod scaffold;
mod search;
mod serve;
mod strings;
mod support;

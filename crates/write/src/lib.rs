//! Write stage: the one choke point that minifies, writes into a temporary folder and swaps it in atomically

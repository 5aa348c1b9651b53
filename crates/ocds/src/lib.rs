//! Render stage: the Open Contracting Data Standard 1.1 release package of a fiscal year

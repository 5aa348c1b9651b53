//! Check stage: ITA disclosure criteria, procurement-law rules and red flags, one file per rule

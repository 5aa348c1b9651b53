//! Render stage: the theme (tera), pages, SVG charts and the search index

//! Load stage for pages: site.yaml and content/ Markdown with front matter, sections and @/ links

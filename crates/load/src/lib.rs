//! Load stage: walk procurement-data/, decode UTF-8 or Windows-874, parse CSV and YAML into the model

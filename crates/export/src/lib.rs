//! Render stage: open-data downloads (CSV with BOM, JSON, XLSX in the ITA layout, PDF of แบบ สขร.1)

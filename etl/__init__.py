"""Sorot ETL: platform exports and complaint sheets into the DuckDB warehouse."""

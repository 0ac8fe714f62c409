"""The demo dataset: `data` holds the records, `loader` writes them into the registry once."""

"""Arabic press-release extraction engine (pure Python, no Django)."""

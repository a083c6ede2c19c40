"""Translations of the window: vi.py holds the Vietnamese, update.py regenerates the .ts files."""

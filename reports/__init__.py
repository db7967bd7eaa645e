"""Exports: tables, decks, the briefing pack and the WhatsApp digest."""

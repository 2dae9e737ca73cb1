"""Kamertracker: wat de regering de Kamer verschuldigd is."""

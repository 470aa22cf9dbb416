"""Normalisation of what people and platforms typed: countries, sectors, names, times."""

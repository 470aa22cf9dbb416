"""Normalisation of what people and platforms typed: countries, sectors, names, times."""

from pipeline.normalize.country import country_name, resolve_country
from pipeline.normalize.sector import SECTORS, resolve_sector

__all__ = ["SECTORS", "country_name", "resolve_country", "resolve_sector"]

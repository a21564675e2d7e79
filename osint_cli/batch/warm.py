"""Imported by the fork server (multiprocessing preload): import and warm up the extractors there,
once, so that every worker it forks starts ready."""

from .work import warm_up

warm_up()

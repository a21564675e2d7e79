"""Imported by the fork server (multiprocessing preload): import and warm up the extractors there,
once, so that every worker it forks starts ready."""

import gc

from .work import warm_up

warm_up()
gc.freeze()  # the forked workers' collector never walks the warmed-up rule packs

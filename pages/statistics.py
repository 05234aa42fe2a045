"""Nätverksstatistik: the network's yearly statistics and the common incident template."""

from sff_core.ui.statistics_page import render

render()

"""Analysis reports (专利统计分析报告) and reminder letters (缴费提醒函, 届满提醒函) as Word files.

Reads statistics and monitor results; never writes patents. Sits above monitor, exports and stats
in the layer order (.importlinter).
"""

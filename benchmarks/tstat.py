"""The mean and its error as JMH reports it (99.9 %, Student's t, two-sided), for the scripts' summaries."""
import math
import statistics

# Student's t at 99.9 % two-sided by degrees of freedom; between rows the smaller df's (larger) value is used
_T999 = {1: 636.6, 2: 31.6, 3: 12.9, 4: 8.61, 5: 6.87, 6: 5.96, 7: 5.41, 8: 5.04, 9: 4.78, 10: 4.59, 15: 4.07,
         20: 3.85, 25: 3.73, 30: 3.65, 40: 3.55, 60: 3.46, 120: 3.37}


def mean_error(values):
    """The mean of the values and its 99.9 % error (NaN for fewer than two values)."""
    values = list(values)
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, math.nan
    t = _T999[max(k for k in _T999 if k <= len(values) - 1)]
    return mean, t * statistics.stdev(values) / len(values) ** 0.5

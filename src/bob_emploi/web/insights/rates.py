"""A share of people with its 95 % confidence interval, or why there is none."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959964


@dataclass(frozen=True, slots=True)
class Share:
    """`numerator` out of `denominator` people; None where a count is hidden (see `disclosure`).

    `rate`, `low` and `high` are fractions (0 to 1), None when hidden or when nobody is counted yet.
    The interval is Wilson's score interval: it stays within 0 to 1 and behaves on small groups and on
    rates near 0, where the usual "plus or minus 1.96 standard errors" does not.
    """

    numerator: int | None
    denominator: int | None

    @property
    def hidden(self) -> bool:
        return self.numerator is None or self.denominator is None

    @property
    def empty(self) -> bool:
        """Nobody in the denominator (e.g. no diagnostic old enough yet): nothing to say."""
        return self.denominator == 0

    @property
    def rate(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.numerator is None or not self.denominator:
            return None
        return wilson(self.numerator, self.denominator)


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of `successes` out of `trials` (trials > 0)."""
    if trials <= 0:
        raise ValueError("a confidence interval needs at least one trial")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exact at the ends, not 0.9999999
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high

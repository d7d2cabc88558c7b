#!/usr/bin/python3
"""Reference values for uplift_msprt and uplift_normal_decision (tests/unit/test_stats.c)."""
import math
from scipy.stats import norm
# mSPRT normal mixture (Johari, Pekelis, Walsh 2017), written from the paper's formulas:
# Lambda = sqrt(V/(V+t2)) exp(t2 est^2 / (2 V (V+t2))); p = min(1, 1/Lambda)
# CS half-width = sqrt(V (V+t2)/t2 * (log((V+t2)/V) - 2 log alpha))
for est, V, t2, a in [(0.02, 1e-4, 4e-4, 0.05), (0.5, 0.04, 0.01, 0.05), (-1.2, 0.3, 0.3, 0.1), (0.0, 2.5e-5, 1e-4, 0.05)]:
    lam = math.sqrt(V/(V+t2)) * math.exp(t2*est**2/(2*V*(V+t2)))
    h = math.sqrt(V*(V+t2)/t2*(math.log((V+t2)/V) - 2*math.log(a)))
    print(est, V, t2, a, repr(min(1, 1/lam)), repr(h))
def loss(mu, s):
    z = mu/s
    return repr(norm.cdf(z)), repr(s*norm.pdf(z) - mu*norm.cdf(-z)), repr(s*norm.pdf(z) + mu*norm.cdf(z))
print(loss(0.3, 0.2)); print(loss(-0.05, 0.1))

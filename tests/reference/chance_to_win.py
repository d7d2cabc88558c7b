#!/usr/bin/python3
"""Reference values for uplift_beta_win (tests/unit/test_stats.c): scipy quadrature."""
from scipy import integrate
from scipy.stats import beta
def ctw(xt, nt, xc, nc):
    at, bt, ac, bc = 1+xt, 1+nt-xt, 1+xc, 1+nc-xc
    f = lambda p: beta.pdf(p, at, bt) * beta.cdf(p, ac, bc)
    lo = min(beta.ppf(1e-12, at, bt), beta.ppf(1e-12, ac, bc)); hi = max(beta.isf(1e-12, at, bt), beta.isf(1e-12, ac, bc))
    v, err = integrate.quad(f, lo, hi, epsabs=1e-14, epsrel=1e-12, limit=500, points=[xt/nt, xc/nc])
    return v
for args in [(130,1000,100,1000),(0,40,3,50),(12,80,5,90),(1300,10000,1250,10000),(45,300,45,300),
             (100600,333000,100000,333000),(1666000,5000000,1665000,5000000),(2,1000000,0,1000000)]:
    print(args, repr(ctw(*args)))

#!/usr/bin/python3
"""Reference values for uplift_beta_win (tests/unit/test_stats.c): scipy quadrature.

With --mpmath, also Evan Miller's closed-form sum in 40-digit arithmetic
(mpmath), for the large cases: a check of the quadrature's last digits.
"""
import sys
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

if "--mpmath" in sys.argv:
    import mpmath as mp
    mp.mp.dps = 40

    def miller(xt, nt, xc, nc):
        """P(p_t > p_c) as Evan Miller's sum over the arm with fewer successes,
        every term evaluated with 40-digit log-beta functions (terms below
        1e-45 of the running sum, away from the peak, are left out)."""
        at, bt, ac, bc = 1+xt, 1+nt-xt, 1+xc, 1+nc-xc
        flip = ac < at
        a_s, b_s, a_o, b_o = map(mp.mpf, (at, bt, ac, bc) if not flip else (ac, bc, at, bt))
        lnorm = mp.log(mp.beta(a_o, b_o))
        term = lambda i: mp.exp(mp.log(mp.beta(a_o + i, b_o + b_s)) - mp.log(b_s + i)
                                - mp.log(mp.beta(1 + i, b_s)) - lnorm)
        peak = min(max(mp.floor((a_o * b_s - a_o - b_o - b_s) / (b_o + 1)) + 1, 0), a_s - 1)
        total = term(peak)
        for step in (1, -1):
            i = peak + step
            while 0 <= i < a_s:
                t = term(i)
                total += t
                if t < total * mp.mpf("1e-45"):
                    break
                i += step
        return 1 - total if flip else total

    for args in [(100600,333000,100000,333000),(1666000,5000000,1665000,5000000)]:
        print("mpmath", args, mp.nstr(miller(*args), 17))

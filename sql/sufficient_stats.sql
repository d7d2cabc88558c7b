-- sufficient_stats.sql - the sufficient statistics of a coupon experiment,
-- computed where the data lives. Standard SQL: one pass of GROUP BY with
-- COUNT and SUM, tested on PostgreSQL 15 and SQLite 3 (tests/sql/run.sh);
-- see sql/README.md for ClickHouse, Spark SQL and BigQuery.
--
-- Input tables (load them from the CSV exports, or point at your own):
--   assignments(user_id, arm)                          one row per user
--   orders(user_id, order_time, amount, discount)      one row per order;
--     order_time text 'YYYY-MM-DD[ HH:MM[:SS]]' or a timestamp,
--     amount before discount, discount NULL or >= 0
-- Set the experiment's name (experiment.ini's name, else its folder's) and
-- the outcome window (inclusive) in params. The output has the columns of
-- 'uplift aggregate' and feeds 'uplift analyze DIR --stats FILE', which
-- refuses rows of another experiment than DIR's, or of two:
--   experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy
-- Per user y is the metric; x is orders for aov, the discount for amount
-- and 0 otherwise (the CUPED covariate needs history: use the raw files).
-- Users with no order in the window count as zeros.

WITH params AS (
  SELECT 'coffee-w47' AS experiment, '2026-11-16' AS start_day, '2026-11-22' AS end_day
),
window_orders AS (
  SELECT o.user_id,
         COUNT(*) AS orders,
         SUM(o.amount - COALESCE(o.discount, 0)) AS paid,
         SUM(o.amount) AS amount,
         SUM(COALESCE(o.discount, 0)) AS discount,
         SUM(CASE WHEN COALESCE(o.discount, 0) > 0 THEN 1 ELSE 0 END) AS redeemed
  FROM orders o
  CROSS JOIN params p
  WHERE SUBSTR(CAST(o.order_time AS VARCHAR(32)), 1, 10) BETWEEN p.start_day AND p.end_day
  GROUP BY o.user_id
),
users AS (
  SELECT p.experiment, a.arm,
         COALESCE(w.orders, 0) AS orders,
         COALESCE(w.paid, 0) AS paid,
         COALESCE(w.amount, 0) AS amount,
         COALESCE(w.discount, 0) AS discount,
         CASE WHEN COALESCE(w.orders, 0) >= 1 THEN 1 ELSE 0 END AS converted,
         CASE WHEN COALESCE(w.orders, 0) >= 2 THEN 1 ELSE 0 END AS repurchased,
         CASE WHEN COALESCE(w.redeemed, 0) >= 1 THEN 1 ELSE 0 END AS redeemed
  FROM assignments a
  CROSS JOIN params p
  LEFT JOIN window_orders w ON w.user_id = a.user_id
)
SELECT experiment, arm, '' AS "column", '' AS value, 'conversion' AS metric, COUNT(*) AS n,
       SUM(converted) AS sum, SUM(converted * converted) AS sum_sq,
       0 AS sum_x, 0 AS sum_x_sq, 0 AS sum_xy
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'repurchase', COUNT(*), SUM(repurchased), SUM(repurchased * repurchased),
       0, 0, 0
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'revenue', COUNT(*), SUM(paid), SUM(paid * paid), 0, 0, 0
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'orders', COUNT(*), SUM(orders), SUM(orders * orders), 0, 0, 0
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'discount', COUNT(*), SUM(discount), SUM(discount * discount), 0, 0, 0
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'aov', COUNT(*), SUM(paid), SUM(paid * paid),
       SUM(orders), SUM(orders * orders), SUM(orders * paid)
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'amount', COUNT(*), SUM(amount), SUM(amount * amount),
       SUM(discount), SUM(discount * discount), SUM(discount * amount)
FROM users GROUP BY experiment, arm
UNION ALL
SELECT experiment, arm, '', '', 'redemption', COUNT(*), SUM(redeemed), SUM(redeemed * redeemed), 0, 0, 0
FROM users GROUP BY experiment, arm
ORDER BY 5, 2;

# The pandas script an analyst would write instead of ZoneTrack (issue 24's middle column): read a long-form hourly
# air CSV and compute the annual statistics per site and pollutant that bench/annual-stats.ts computes in DuckDB —
# valid hours (flag empty, N, A or 有效), days with >= 20 valid hours, the annual mean of daily means, the 95th
# percentile of daily means (linear interpolation) and the annual mean of valid hours. No checks, nothing kept.
# Prints one JSON line: {"ms", "rows", "groups", "maxRssMb"}.
#   python3 bench/annual_stats.py FILE [ENCODING]
import json
import resource
import sys
import time

import pandas as pd

t0 = time.perf_counter()
path = sys.argv[1]
encoding = sys.argv[2] if len(sys.argv) > 2 else 'utf-8'
df = pd.read_csv(path, encoding=encoding, usecols=[0, 1, 2, 3, 4], header=0,
                 names=['site', 'time', 'pollutant', 'value', 'flag'], dtype={'site': str, 'pollutant': str, 'flag': str})
rows = len(df)
df['time'] = pd.to_datetime(df['time'], format='%Y-%m-%d %H:%M')
valid = df['flag'].isna() | df['flag'].isin(['N', 'A', '有效'])
df = df[valid & df['value'].notna()]
# hour-ending times: 01:00 … 24:00 (= next day 00:00) belong to the day of time − 1 h
day = (df['time'] - pd.Timedelta(hours=1)).dt.floor('D')
df = df.assign(day=day, year=day.dt.year)
daily = df.groupby(['site', 'pollutant', 'year', 'day'], sort=False)['value'].agg(['mean', 'count'])
daily = daily[daily['count'] >= 20]
per_day = daily.groupby(level=['site', 'pollutant', 'year'])['mean']
hours = df.groupby(['site', 'pollutant', 'year'], sort=False)['value'].agg(['mean', 'count'])
stats = pd.DataFrame({'days': per_day.count(), 'annual_mean': per_day.mean(), 'p95': per_day.quantile(0.95)}).join(hours, how='outer')
ms = (time.perf_counter() - t0) * 1000
print(json.dumps({'ms': ms, 'rows': rows, 'groups': len(stats),
                  'maxRssMb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))

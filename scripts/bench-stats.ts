// The benchmark's arithmetic: medians and spreads of timed samples.

/** Median and spread of a set of samples, in milliseconds. */
export interface Stats {
	n: number;
	median: number;
	p10: number;
	p90: number;
	min: number;
	max: number;
}

/** The value at fraction `q` of sorted samples, interpolating between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
	const at = (sorted.length - 1) * q;
	const low = sorted[Math.floor(at)] ?? Number.NaN;
	const high = sorted[Math.ceil(at)] ?? low;
	return low + (high - low) * (at - Math.floor(at));
}

/** Median, p10, p90, min and max, rounded to 0.1 ms. */
export function statsOf(samples: readonly number[]): Stats {
	const sorted = [...samples].sort((a, b) => a - b);
	const round = (value: number) => Math.round(value * 10) / 10;
	return {
		n: sorted.length,
		median: round(quantile(sorted, 0.5)),
		p10: round(quantile(sorted, 0.1)),
		p90: round(quantile(sorted, 0.9)),
		min: round(sorted[0] ?? Number.NaN),
		max: round(sorted.at(-1) ?? Number.NaN),
	};
}

/** "12.3 ms (p10 …, p90 …, n=…)". */
export const describe = (stats: Stats) => `${stats.median} ms (p10 ${stats.p10}, p90 ${stats.p90}, n=${stats.n})`;

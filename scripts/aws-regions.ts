// The regions, partitions and STS endpoint kinds the extension offers, derived at build time from
// what ships inside @aws-sdk/client-sts: the SDK's partition table (regions, DNS suffixes, region
// descriptions) and the STS client's own endpoint rules (which regions the global endpoint serves,
// each kind's host and signing region). The build embeds only the compact result, never the SDK's
// whole table; a new SDK brings its new regions with it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import type { Plugin } from 'vite';

/** The partitions a person can hold an IAM user in, in the order the region list shows them. */
export const servedPartitions = ['aws', 'aws-us-gov', 'aws-cn', 'aws-eusc'] as const;

/**
 * Partitions the SDK knows that the extension leaves out: the isolated (air-gapped) partitions,
 * reachable only from inside their own networks, where a browser extension from a public store
 * has no place. A partition the SDK adds that is in neither list stops the build until someone decides.
 */
export const leftOutPartitions: Readonly<Record<string, string>> = {
	'aws-iso': 'isolated partition (US intelligence community)',
	'aws-iso-b': 'isolated partition (US secret regions)',
	'aws-iso-e': 'isolated partition (UK)',
	'aws-iso-f': 'isolated partition (US)',
};

/** Regions of a served partition that the extension does not offer, with the reason. None today. */
export const excludedRegions: Readonly<Record<string, string>> = {};

/**
 * Regions where AWS runs an STS FIPS endpoint. The SDK's generic rule makes an `sts-fips` host for
 * every region, so this list is kept: it is the `fips` variants of service `sts` in AWS's endpoint
 * metadata (`botocore/data/endpoints.json`, the table AWS publishes for its SDKs, as of August 2026):
 * `sts-fips.<region>.amazonaws.com` in four US regions, and GovCloud, whose regional STS endpoints
 * are FIPS endpoints themselves.
 */
export const stsFipsRegions: readonly string[] = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'us-gov-east-1', 'us-gov-west-1'];

/** A partition as the SDK's table describes it. */
export interface SdkPartition {
	id: string;
	outputs: {
		dnsSuffix: string;
		dualStackDnsSuffix: string;
		implicitGlobalRegion: string;
		name: string;
		supportsDualStack: boolean;
		supportsFIPS: boolean;
	};
	regionRegex: string;
	regions: Record<string, { description?: string }>;
}

/** The SDK's whole partition table, read from the copy @aws-sdk/client-sts resolves. */
export function sdkPartitions(): SdkPartition[] {
	const sts = createRequire(import.meta.url).resolve('@aws-sdk/client-sts');
	const core = dirname(createRequire(sts).resolve('@aws-sdk/core/package.json'));
	const file = join(core, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
	const json = /^export const partitionsInfo = (\{[\s\S]*\});\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
	if (!json) throw new Error(`${file} no longer has the shape the region table is read from; update scripts/aws-regions.ts`);
	return (JSON.parse(json) as { partitions: SdkPartition[] }).partitions;
}

/** The regions of a partition: its table entries that match its own region pattern (so not `aws-global`). */
export function sdkRegionIds(partition: SdkPartition): string[] {
	const pattern = new RegExp(partition.regionRegex);
	return Object.keys(partition.regions).filter((id) => pattern.test(id));
}

/** The STS host variants the SDK's rules produce: plain or FIPS, IPv4 or dual-stack. */
export type Variant = 'regional' | 'fips' | 'dualStack' | 'dualStackFips';
const variantFlags: Record<Variant, { UseFIPS: boolean; UseDualStack: boolean }> = {
	regional: { UseFIPS: false, UseDualStack: false },
	fips: { UseFIPS: true, UseDualStack: false },
	dualStack: { UseFIPS: false, UseDualStack: true },
	dualStackFips: { UseFIPS: true, UseDualStack: true },
};

/** A served partition in the generated table. */
export interface TablePartition {
	id: string;
	dnsSuffix: string;
	/** Host templates by variant, `{region}` standing for the region id; only the variants the partition supports. */
	hosts: { regional: string } & Partial<Record<Variant, string>>;
	/** The global endpoint, when the partition has one. */
	global?: { host: string; signingRegion: string };
}

/** An offered region in the generated table, with the endpoint kinds the options page offers for it. */
export interface TableRegion {
	id: string;
	partition: string;
	kinds: ('regional' | 'global' | 'fips')[];
}

/** Everything the build embeds, and the SDK's partition entries the bundle keeps. */
export interface RegionTable {
	partitions: TablePartition[];
	regions: TableRegion[];
	names: Record<string, string>;
	/** The SDK's partition entries for the served partitions, without their region lists. */
	sdkPartitions: SdkPartition[];
}

/** Builds the table from the SDK's partition data (or the given partitions) and the STS client's endpoint rules. */
export function buildRegionTable(all: SdkPartition[] = sdkPartitions()): RegionTable {
	const undecided = all.filter(({ id }) => !(servedPartitions as readonly string[]).includes(id) && !(id in leftOutPartitions));
	if (undecided.length > 0) throw new Error(`The SDK knows partitions neither served nor left out: ${undecided.map(({ id }) => id)}`);
	const resolve = new STSClient({ region: 'us-east-1' }).config.endpointProvider;
	const endpoint = (region: string, flags: { UseFIPS: boolean; UseDualStack: boolean }, UseGlobalEndpoint = false) => {
		const { url, properties } = resolve({ Region: region, UseGlobalEndpoint, ...flags });
		const scheme = (properties?.authSchemes as { signingRegion?: string }[] | undefined)?.[0];
		return { host: url.hostname, signingRegion: scheme?.signingRegion ?? region };
	};
	const partitions: TablePartition[] = [];
	const regions: TableRegion[] = [];
	const names: Record<string, string> = {};
	const served = servedPartitions.map((id) => {
		const found = all.find((partition) => partition.id === id);
		if (!found) throw new Error(`The SDK no longer knows the partition ${id}`);
		return found;
	});
	for (const partition of served) {
		const ids = sdkRegionIds(partition).filter((id) => !(id in excludedRegions));
		const templates = new Map<Variant, string>();
		let global: TablePartition['global'];
		const { supportsFIPS, supportsDualStack } = partition.outputs;
		const variants = (Object.entries(variantFlags) as [Variant, (typeof variantFlags)[Variant]][]).filter(
			([, flags]) => (supportsFIPS || !flags.UseFIPS) && (supportsDualStack || !flags.UseDualStack),
		);
		for (const id of ids) {
			for (const [variant, flags] of variants) {
				const template = endpoint(id, flags).host.replace(id, '{region}');
				if ((templates.get(variant) ?? template) !== template)
					throw new Error(`${id}: its ${variant} STS host breaks its partition's pattern`);
				templates.set(variant, template);
			}
			const regional = endpoint(id, variantFlags.regional);
			const viaGlobal = endpoint(id, variantFlags.regional, true);
			const offersGlobal = viaGlobal.host !== regional.host;
			if (offersGlobal) {
				if (global && global.host !== viaGlobal.host) throw new Error(`${id}: a second global STS host`);
				global = viaGlobal;
			}
			const kinds: TableRegion['kinds'] = ['regional'];
			if (offersGlobal) kinds.push('global');
			if (stsFipsRegions.includes(id)) kinds.push('fips');
			regions.push({ id, partition: partition.id, kinds });
			names[id] = partition.regions[id]?.description ?? id;
		}
		const hosts = Object.fromEntries(templates) as TablePartition['hosts'];
		if (ids.some((id) => stsFipsRegions.includes(id)) && !hosts.fips) throw new Error(`${partition.id} has FIPS regions but no FIPS hosts`);
		partitions.push({ id: partition.id, dnsSuffix: partition.outputs.dnsSuffix, hosts, ...(global ? { global } : {}) });
	}
	const offered = new Set(regions.map(({ id }) => id));
	const unknown = stsFipsRegions.filter((id) => !offered.has(id));
	if (unknown.length > 0) throw new Error(`FIPS regions the table does not offer: ${unknown}`);
	return { partitions, regions, names, sdkPartitions: served.map((partition) => ({ ...partition, regions: {} })) };
}

const regionsId = 'virtual:aws-regions';
const namesId = 'virtual:aws-region-names';

/**
 * Serves the generated table as two modules: `virtual:aws-regions` (partitions, regions and their
 * endpoint kinds, for the worker and the pages) and `virtual:aws-region-names` (descriptions, for
 * the pages only). With `trimSdkPartitions`, the SDK's own partition table is also swapped for
 * the served partitions' entries: the extension always passes the endpoint, so only their outputs matter.
 */
export function awsRegionTable({ trimSdkPartitions }: { trimSdkPartitions: boolean }): Plugin {
	let table: RegionTable | undefined;
	const built = () => {
		table ??= buildRegionTable();
		return table;
	};
	return {
		name: 'aws-region-table',
		enforce: 'pre',
		resolveId(source, importer) {
			if (source === regionsId || source === namesId) return `\0${source}`;
			if (trimSdkPartitions && importer?.includes('/util-endpoints/lib/aws/partition') && /^\.\/partitions(\.js)?$/.test(source)) {
				return '\0aws-sdk-partitions';
			}
			return null;
		},
		load(id) {
			const json = (value: unknown) => JSON.stringify(value);
			if (id === `\0${regionsId}`)
				return `export const partitions = ${json(built().partitions)};\nexport const regions = ${json(built().regions)};\n`;
			if (id === `\0${namesId}`) return `export const regionNames = ${json(built().names)};\n`;
			if (id === '\0aws-sdk-partitions')
				return `export const partitionsInfo = ${json({ partitions: built().sdkPartitions, version: '1.1' })};\n`;
			return null;
		},
	};
}

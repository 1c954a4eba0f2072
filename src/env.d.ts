/// <reference types="vite/client" />

// The region table the build derives from the AWS SDK (scripts/aws-regions.ts).
declare module 'virtual:aws-regions' {
	export const partitions: readonly import('../scripts/aws-regions').TablePartition[];
	export const regions: readonly import('../scripts/aws-regions').TableRegion[];
}

declare module 'virtual:aws-region-names' {
	export const regionNames: Readonly<Record<string, string>>;
}

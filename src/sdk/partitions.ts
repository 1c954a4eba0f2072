// What the SDK's endpoint code knows of AWS partitions, cut to the three the extension serves.
// The SDK ships every partition with every region's description; the extension always passes an
// explicit endpoint, so only the partition outputs matter, and each region is found by its
// partition's pattern. The bundler swaps this in for the SDK's table (vite.config.ts).

const partition = (id: string, dnsSuffix: string, dualStackDnsSuffix: string, implicitGlobalRegion: string, regionRegex: string) => ({
	id,
	outputs: { dnsSuffix, dualStackDnsSuffix, implicitGlobalRegion, name: id, supportsDualStack: true, supportsFIPS: true },
	regionRegex,
	regions: {},
});

export const partitionsInfo = {
	partitions: [
		partition('aws', 'amazonaws.com', 'api.aws', 'us-east-1', '^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$'),
		partition('aws-cn', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn', 'cn-northwest-1', '^cn\\-\\w+\\-\\d+$'),
		partition('aws-us-gov', 'amazonaws.com', 'api.aws', 'us-gov-west-1', '^us\\-gov\\-\\w+\\-\\d+$'),
	],
	version: '1.1',
};

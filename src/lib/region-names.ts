// Regions' names for people, apart from the ids the service worker needs: the descriptions in the
// SDK's partition data, carried by the build (scripts/aws-regions.ts).
import { regionNames } from 'virtual:aws-region-names';
import { offeredRegions } from './endpoints';

/** The regions in the order the region list shows them, with their partition and name. */
export const regions = offeredRegions.map(({ id, partition }) => ({ id, partition, name: regionNames[id] ?? id }));

// Regions' names for people, apart from the ids the service worker needs.
import { t } from '../i18n';
import { regionPartitions } from './endpoints';

const names: Readonly<Record<string, string>> = {
	'us-east-1': t('regionNVirginia'),
	'us-east-2': t('regionOhio'),
	'us-west-1': t('regionNCalifornia'),
	'us-west-2': t('regionOregon'),
	'af-south-1': t('regionCapeTown'),
	'ap-east-1': t('regionHongKong'),
	'ap-east-2': t('regionTaipei'),
	'ap-south-1': t('regionMumbai'),
	'ap-south-2': t('regionHyderabad'),
	'ap-southeast-1': t('regionSingapore'),
	'ap-southeast-2': t('regionSydney'),
	'ap-southeast-3': t('regionJakarta'),
	'ap-southeast-4': t('regionMelbourne'),
	'ap-southeast-5': t('regionMalaysia'),
	'ap-southeast-7': t('regionThailand'),
	'ap-northeast-1': t('regionTokyo'),
	'ap-northeast-2': t('regionSeoul'),
	'ap-northeast-3': t('regionOsaka'),
	'ca-central-1': t('regionCanadaCentral'),
	'ca-west-1': t('regionCalgary'),
	'eu-central-1': t('regionFrankfurt'),
	'eu-central-2': t('regionZurich'),
	'eu-west-1': t('regionIreland'),
	'eu-west-2': t('regionLondon'),
	'eu-west-3': t('regionParis'),
	'eu-south-1': t('regionMilan'),
	'eu-south-2': t('regionSpain'),
	'eu-north-1': t('regionStockholm'),
	'il-central-1': t('regionTelAviv'),
	'me-south-1': t('regionBahrain'),
	'me-central-1': t('regionUAE'),
	'mx-central-1': t('regionMexico'),
	'sa-east-1': t('regionSaoPaulo'),
	'us-gov-west-1': t('regionGovCloudUSWest'),
	'us-gov-east-1': t('regionGovCloudUSEast'),
	'cn-north-1': t('regionBeijing'),
	'cn-northwest-1': t('regionNingxia'),
};

/** The regions in the order the region list shows them, with their names. */
export const regions = Object.keys(regionPartitions).map((id) => ({ id, name: names[id] ?? id }));

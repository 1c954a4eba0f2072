// Says once why an upgrade moved profiles to the regional STS endpoint.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';
import type { EndpointMove } from '../migrations';

/** The profiles the last upgrade moved; taking them clears them in storage, so they are said on this page view only. */
export function useEndpointNotice(): EndpointMove[] {
	const [moved, setMoved] = useState<EndpointMove[]>([]);
	useEffect(() => {
		send('takeEndpointNotice').then(setMoved, () => {});
	}, []);
	return moved;
}

/** The one-time notice, or nothing. */
export function EndpointNotice({ moved }: { moved: EndpointMove[] }) {
	if (moved.length === 0) return null;
	return (
		<section class="card" role="status" aria-labelledby="endpoint-notice-heading">
			<h2 id="endpoint-notice-heading">{t('endpointNoticeHeading')}</h2>
			{moved.map(({ name, region, kind }) => (
				<p key={name}>{kind === 'global' ? t('endpointMovedGlobal', name, region) : t('endpointMovedFips', name, region)}</p>
			))}
		</section>
	);
}

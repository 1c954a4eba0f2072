// Said on the very first run while the browser has not yet delivered the organisation's policy:
// the page is drawn, and what the policy could refuse waits for it in the worker.
import { t } from '../i18n';

export function PolicyChecking() {
	return (
		<p class="muted" role="status">
			{t('policyChecking')}
		</p>
	);
}

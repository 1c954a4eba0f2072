// The one way out of a forgotten passphrase: delete the stored secrets, after a confirmation.
import { useState } from 'preact/hooks';
import { send } from '../messages';

/** Explains what a forgotten passphrase means, and offers to delete the secrets. */
export function ForgetSecrets() {
	const [confirming, setConfirming] = useState(false);
	return (
		<details class="card">
			<summary>Forgot your passphrase?</summary>
			<p>
				The passphrase is never stored, so nobody can recover it. The only way out is to delete the stored secret access keys and live
				sessions. Your profiles’ other settings stay; you then set a new passphrase and enter each secret access key again.
			</p>
			{confirming ? (
				<p>
					<button type="button" class="danger" onClick={() => send('forgetSecrets')}>
						Delete my stored secrets
					</button>{' '}
					<button type="button" onClick={() => setConfirming(false)}>
						Cancel
					</button>
				</p>
			) : (
				<button type="button" onClick={() => setConfirming(true)}>
					Delete stored secrets…
				</button>
			)}
		</details>
	);
}

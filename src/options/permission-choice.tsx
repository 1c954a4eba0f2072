// A preference whose non-zero choices need an optional permission, asked for at the moment the
// person turns it on (the browser only asks from within their click or change).
import { useState } from 'preact/hooks';
import type { Preferences } from '../lib/model';
import { send } from '../messages';
import browser from '../page-browser';
import { useRequest } from '../ui/use-request';

interface PermissionChoiceProps {
	id: string;
	label: string;
	hint: string;
	preference: 'clearClipboardSeconds' | 'warnMinutesBefore';
	value: number;
	choices: readonly number[];
	describe: (choice: number) => string;
	permission: 'clipboardRead' | 'notifications';
	/** Why the permission is needed, shown when the person declines it. */
	needs: string;
	/** Required by the organisation: chosen without the permission, which a policy cannot grant. */
	forced?: boolean;
}

export function PermissionChoice({
	id,
	label,
	hint,
	preference,
	value,
	choices,
	describe,
	permission,
	needs,
	forced,
}: PermissionChoiceProps) {
	const [declined, setDeclined] = useState<string>();
	const choosing = useRequest();
	const error = declined ?? choosing.error?.message;
	const choose = async (next: number, select: HTMLSelectElement) => {
		setDeclined(undefined);
		choosing.refuse(undefined);
		if (next > 0 && !forced && !(await browser.permissions.request({ permissions: [permission] }))) {
			select.value = String(value);
			setDeclined(needs);
			return;
		}
		const change: Partial<Preferences> = { [preference]: next };
		if (!(await choosing.run(() => send('setPreferences', change)))) select.value = String(value);
	};
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<select
				id={id}
				value={String(value)}
				aria-describedby={error ? `${id}-error` : `${id}-hint`}
				onChange={(event) => void choose(Number(event.currentTarget.value), event.currentTarget)}
			>
				{choices.map((choice) => (
					<option value={String(choice)} key={choice}>
						{describe(choice)}
					</option>
				))}
			</select>
			<p class="hint" id={`${id}-hint`}>
				{hint}
			</p>
			{error && (
				<p class="error" role="alert" id={`${id}-error`}>
					{error}
				</p>
			)}
		</div>
	);
}

// What the popup's form does with a code: checks its shape, asks the worker for a session, and says
// what came of it. A code completed or Enter pressed before the worker answered is kept, and done
// once, when it has.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { parseMfaCode } from '../lib/mfa-code';
import { formatClock } from '../lib/time-format';
import { UserError } from '../lib/user-error';
import { send } from '../messages';
import { refusalOf } from '../ui/use-request';

export type Outcome = { kind: 'status' | 'alert'; text: string; field?: string; rotate?: boolean };

interface RefreshOptions {
	profileId: string;
	/** Only a click: the session comes without a code (a role on a live source, a console sign-in). */
	noCode: boolean;
	/** The vault is locked and the request needs it: the passphrase goes with it. */
	needsVault: boolean;
	/** Whether the worker has answered and the page knows how a complete code is sent. */
	ready: boolean;
	/** Whether a complete code is sent as typed (not only by Enter). */
	autoSubmit: boolean | undefined;
}

export interface Refresh {
	code: string;
	passphrase: string;
	setPassphrase: (value: string) => void;
	/** The code field's input: a complete code is sent as typed when `autoSubmit` says so. */
	onCode: (value: string) => void;
	/** The form's Enter or button. */
	onSubmit: () => void;
	pending: boolean;
	outcome: Outcome | undefined;
	setOutcome: (outcome: Outcome | undefined) => void;
}

const isComplete = (value: string) => value.replace(/\D/g, '').length === 6 && parseMfaCode(value).ok;

/** Moves the focus to the popup's input `id` (`code` or `passphrase`). */
export function focusField(id: string): void {
	document.getElementById(id)?.focus();
}

/** The form's state for one profile; a new profile starts afresh (the form is keyed by it). */
export function useRefresh({ profileId, noCode, needsVault, ready, autoSubmit }: RefreshOptions): Refresh {
	const [code, setCode] = useState('');
	const [passphrase, setPassphrase] = useState('');
	const [outcome, setOutcome] = useState<Outcome>();
	const busy = useRef(false);
	const [pending, setPending] = useState(false);

	const submit = async (typed: string | undefined) => {
		if (busy.current) return;
		const checked = typed === undefined ? undefined : parseMfaCode(typed);
		if (checked && !checked.ok) return setOutcome({ kind: 'alert', text: checked.error, field: 'code' });
		if (needsVault && passphrase === '') return setOutcome({ kind: 'alert', text: t('enterPassphrase'), field: 'passphrase' });
		busy.current = true;
		setPending(true);
		setOutcome(undefined);
		try {
			const result = await send('refresh', {
				profileId,
				...(checked ? { code: checked.value } : {}),
				...(needsVault ? { passphrase } : {}),
			});
			setPassphrase('');
			setOutcome({ kind: 'status', text: t('newSession', formatClock(new Date(result.expiration))) });
		} catch (error) {
			const { message, field } = refusalOf(error);
			const kind = error instanceof UserError ? error.kind : undefined;
			setOutcome({ kind: 'alert', text: message, field, rotate: kind === 'key-too-old' });
			if (field !== 'passphrase') setCode('');
			focusField(field === 'passphrase' ? 'passphrase' : 'code');
		} finally {
			busy.current = false;
			setPending(false);
		}
	};

	// What was asked for before the worker answered (a complete code, or Enter), done once it has.
	const waiting = useRef<'code' | 'enter' | undefined>(undefined);
	useEffect(() => {
		if (!ready) return;
		const asked = waiting.current;
		waiting.current = undefined;
		if (asked === 'enter') void submit(noCode ? undefined : code);
		else if (asked === 'code' && autoSubmit && !noCode && isComplete(code)) void submit(code);
	}, [ready]);

	const onCode = (value: string) => {
		setCode(value);
		if (!isComplete(value)) return;
		if (!ready) waiting.current ??= 'code';
		else if (autoSubmit) void submit(value);
	};
	const onSubmit = () => {
		if (ready) void submit(noCode ? undefined : code);
		else waiting.current = 'enter';
	};
	return { code, passphrase, setPassphrase, onCode, onSubmit, pending, outcome, setOutcome };
}

// A labelled input with its own error message, announced where it was typed.

interface FieldProps {
	id: string;
	label: string;
	value: string;
	onValue: (value: string) => void;
	error?: string;
	hint?: string;
	type?: 'text' | 'password';
	autoComplete?: string;
	inputMode?: 'text' | 'numeric' | 'url';
	maxLength?: number;
	spellcheck?: boolean;
	/** Set by the organisation: shown, not editable. */
	readOnly?: boolean;
}

/** An input with a visible label, an optional hint, and an error tied to it by aria-describedby. */
export function Field({
	id,
	label,
	value,
	onValue,
	error,
	hint,
	type = 'text',
	autoComplete,
	inputMode,
	maxLength,
	spellcheck,
	readOnly,
}: FieldProps) {
	const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
	const input = {
		id,
		value,
		autoComplete,
		inputMode,
		maxLength,
		spellcheck,
		readOnly,
		'aria-invalid': error ? true : undefined,
		'aria-describedby': described || undefined,
		onInput: (event: { currentTarget: HTMLInputElement }) => onValue(event.currentTarget.value),
	};
	return (
		<div class="field">
			<label for={id}>{label}</label>
			{type === 'password' ? <input type="password" {...input} /> : <input type="text" {...input} />}
			{hint && (
				<p class="hint" id={`${id}-hint`}>
					{hint}
				</p>
			)}
			<FieldError id={id} error={error} />
		</div>
	);
}

/** A control's error, announced, with the id its control's aria-describedby names (`<id>-error`). */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
	return error ? (
		<p class="error" id={`${id}-error`} role="alert">
			{error}
		</p>
	) : null;
}

// A checkbox field: only the options page has any.

/** A checkbox with its label and a hint tied to it by aria-describedby (`<id>-hint`). */
export function CheckField({
	id,
	label,
	hint,
	checked,
	onChecked,
}: {
	id: string;
	label: string;
	hint: string;
	checked: boolean;
	onChecked: (checked: boolean) => void;
}) {
	return (
		<div class="field">
			<label class="check">
				<input
					id={id}
					type="checkbox"
					checked={checked}
					aria-describedby={`${id}-hint`}
					onChange={(event) => onChecked(event.currentTarget.checked)}
				/>
				{label}
			</label>
			<p class="hint" id={`${id}-hint`}>
				{hint}
			</p>
		</div>
	);
}

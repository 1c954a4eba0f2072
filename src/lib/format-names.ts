// The export formats' ids and labels, apart from the writers, so pages that only list them stay small.

export const exportFormats = [
	{ id: 'bash', label: 'bash / zsh' },
	{ id: 'dotenv', label: '.env' },
	{ id: 'fish', label: 'fish' },
	{ id: 'powershell', label: 'PowerShell' },
	{ id: 'cmd', label: 'Windows cmd' },
	{ id: 'credentials', label: 'credentials file' },
	{ id: 'process', label: 'credential_process JSON' },
] as const;

export type ExportFormat = (typeof exportFormats)[number]['id'];

export function isExportFormat(value: unknown): value is ExportFormat {
	return exportFormats.some((format) => format.id === value);
}

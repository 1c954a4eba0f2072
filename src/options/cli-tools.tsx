// Per profile: how command-line tools get its session, and whether the helper is there to do it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { CliMode } from '../lib/helper-protocol';
import type { Profile } from '../lib/model';
import type { Policy } from '../lib/policy';
import { cliModeRefusal } from '../lib/policy-choices';
import { processConfigLines } from '../lib/process-line';
import { type Reply, send } from '../messages';
import browser from '../page-browser';
import { onStorageChange } from '../ui/storage-change';
import { HelperInstall } from './helper-install';

type Status = Reply<'helperStatus'>;

const choices: [CliMode, string][] = [
	['off', t('cliOff')],
	['file', t('cliFile')],
	['process', t('cliProcess')],
];

/** The helper's state, asked for on mount and again whenever it changes. */
function useHelperStatus(): Status | undefined {
	const [status, setStatus] = useState<Status>();
	useEffect(() => {
		let live = true;
		const reload = () =>
			send('helperStatus').then(
				(next) => live && setStatus(next),
				() => undefined,
			);
		void reload();
		// Only the helper's own keys: a reload may try the connection again.
		const stop = onStorageChange(['helperState', 'cliModes'], () => void reload());
		// Until the helper answers, look again now and then: installing it changes nothing the page hears of.
		const retry = setInterval(() => void reload(), 5_000);
		return () => {
			live = false;
			clearInterval(retry);
			stop();
		};
	}, []);
	return status;
}

/** Only the modes the organisation's policy allows can be chosen; the reasons for the others are shown. */
export function CliTools({ profile, policy }: { profile: Profile; policy: Policy }) {
	const refusals = new Map(choices.map(([value]) => [value, cliModeRefusal(value, policy)]));
	const reasons = [...new Set([...refusals.values()].filter((reason) => reason !== undefined))];
	const status = useHelperStatus();
	const [error, setError] = useState<string>();
	// The choice shows at once; the saved one takes over when it is read back.
	const [chosen, setChosen] = useState<CliMode>();
	const mode = chosen ?? status?.modes[profile.id] ?? 'off';
	const problem = status?.problems[profile.id];
	const choose = (next: CliMode) => {
		setChosen(next);
		return send('setCliMode', { profileId: profile.id, mode: next }).then(
			() => setError(undefined),
			(failure: Error) => {
				setChosen(undefined);
				setError(failure.message);
			},
		);
	};
	return (
		<section class="card" aria-labelledby="cli-heading">
			<h2 id="cli-heading">{t('cliTools')}</h2>
			<fieldset class="choices" aria-describedby={reasons.length === 0 ? 'cli-why' : 'cli-why cli-policy'}>
				<legend class="visually-hidden">{t('cliTools')}</legend>
				{choices.map(([value, label]) => (
					<label class="check" key={value}>
						<input
							type="radio"
							name="cli-mode"
							value={value}
							checked={mode === value}
							disabled={refusals.get(value) !== undefined}
							onChange={() => void choose(value)}
						/>
						{label}
					</label>
				))}
			</fieldset>
			<p class="hint" id="cli-why">
				{t('cliWhy')}
			</p>
			{reasons.length > 0 && (
				<p class="hint" id="cli-policy">
					{t('setByOrganisation')} {reasons.join(' ')}
				</p>
			)}
			{error && (
				<p class="error" role="alert">
					{error}
				</p>
			)}
			{mode !== 'off' && status?.incompatible && (
				<div role="alert" class="error">
					<p>{t('cliIncompatible', status.incompatible.version, browser.runtime.getManifest().version)}</p>
					<HelperInstall update />
				</div>
			)}
			{mode !== 'off' && status && !status.connected && !status.incompatible && (
				<div role="alert" class="error">
					<p>{t('cliNotReachable', status.error ?? '')}</p>
					<HelperInstall update={false} />
				</div>
			)}
			{mode !== 'off' && status?.connected && status.info && <p role="status">{t('cliConnected', status.info.version)}</p>}
			{mode !== 'off' && !status && <p class="muted">{t('cliChecking')}</p>}
			{problem && (
				<p class="error" role="alert">
					{problem}
				</p>
			)}
			{mode === 'file' && status?.info && !problem && <p>{t('cliFileWritten', profile.name, status.info.credentialsFile)}</p>}
			{mode === 'process' && status?.info && (
				<>
					{!status.info.serving && (
						<p class="error" role="alert">
							{status.info.channelProblem ? t('cliChannelProblem', status.info.channelProblem) : t('cliServedElsewhere')}
						</p>
					)}
					{status.info.runtimeDirRefused && (
						<p class="hint">{t('cliRuntimeDirRefused', status.info.runtimeDirRefused, status.info.socket)}</p>
					)}
					<label for="cli-config">{t('cliConfigLine')}</label>
					<textarea id="cli-config" readOnly rows={2} spellcheck={false} value={processConfigLines(status.info.command, profile.name)} />
				</>
			)}
		</section>
	);
}

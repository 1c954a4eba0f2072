// Unit tests run in Node, without the browser's i18n API: this stands in for it with the English
// messages and the browser's substitution rules, so tests see the texts a person would.
import messages from '../public/_locales/en/messages.json';
import { installMessages } from './lib/english-messages';

installMessages(() => messages);

// Unit tests run in Node, without the browser's i18n API: this stands in for it with the English
// messages and the browser's substitution rules, so tests see the texts a person would.
import { installEnglishMessages } from './lib/english-messages';

installEnglishMessages();
